//! The connection as every read and write uses it: statements prepared once per connection and
//! kept by their text, a count of the rows the statements of a transaction changed, and the
//! transaction's audit entries not yet written.
//!
//! Audit entries are only ever appended, and nothing in a transaction depends on them until
//! something reads the log, so they wait here and are written together: before any statement
//! that names `audit_log`, before a savepoint, at [`AUDIT_BATCH`] entries, and before the
//! commit. A transaction that ends otherwise drops them with everything else it wrote.

use crate::audit::PendingEntry;
use crate::codec::backend;
use postgres::types::ToSql;
use postgres::{Client, Row, Statement};
use std::collections::HashMap;
use vigil_store::StoreResult;

type Result<T> = StoreResult<T>;

/// A statement's parameters.
pub type Params<'p> = &'p [&'p (dyn ToSql + Sync)];

/// What a [`crate::PgStore`] keeps behind its lock: the connection and its prepared
/// statements. Prepared statements belong to the session, not to a transaction, so they
/// survive a rollback and serve every later transaction and read.
pub struct Session {
    pub client: Client,
    pub statements: HashMap<String, Statement>,
}

/// How many audit entries wait at most before they are written.
pub const AUDIT_BATCH: usize = 1024;

/// The connection lent to one read or one transaction.
pub struct Db<'a> {
    client: &'a mut Client,
    statements: &'a mut HashMap<String, Statement>,
    /// Rows inserted, updated or deleted by [`Db::exec`] since this was made, audit entries
    /// appended included (each counts when appended, as its insert would).
    pub changes: u64,
    /// Audit entries appended and not yet written, oldest first.
    pending_audit: Vec<PendingEntry>,
}

impl<'a> Db<'a> {
    pub fn new(session: &'a mut Session) -> Self {
        Self {
            client: &mut session.client,
            statements: &mut session.statements,
            changes: 0,
            pending_audit: Vec::new(),
        }
    }

    /// Appends an audit entry to the transaction's log; it is written with the next batch.
    pub fn append_audit(&mut self, entry: PendingEntry) -> Result<()> {
        self.pending_audit.push(entry);
        self.changes += 1;
        if self.pending_audit.len() >= AUDIT_BATCH {
            self.write_audit()?;
        }
        Ok(())
    }

    /// Writes the audit entries appended so far, in their order.
    pub fn write_audit(&mut self) -> Result<()> {
        if self.pending_audit.is_empty() {
            return Ok(());
        }
        let entries = std::mem::take(&mut self.pending_audit);
        crate::audit::copy_in(self.client, &entries)
    }

    /// Drops the audit entries appended since the last savepoint, which a rollback to it
    /// undoes: the log was written up to the savepoint when it was taken.
    pub fn forget_audit_since_savepoint(&mut self) {
        self.pending_audit.clear();
    }

    /// Writes the waiting audit entries first if `sql` reads or changes the log.
    fn before(&mut self, sql: &str) -> Result<()> {
        if !self.pending_audit.is_empty() && sql.contains("audit_log") {
            self.write_audit()?;
        }
        Ok(())
    }

    /// The prepared statement of `sql`, prepared the first time it is asked for.
    fn statement(&mut self, sql: &str) -> Result<Statement> {
        if let Some(stmt) = self.statements.get(sql) {
            return Ok(stmt.clone());
        }
        let stmt = self.client.prepare(sql).map_err(backend)?;
        self.statements.insert(sql.to_owned(), stmt.clone());
        Ok(stmt)
    }

    pub fn query(&mut self, sql: &str, params: Params<'_>) -> Result<Vec<Row>> {
        self.before(sql)?;
        let stmt = self.statement(sql)?;
        self.client.query(&stmt, params).map_err(backend)
    }

    pub fn opt(&mut self, sql: &str, params: Params<'_>) -> Result<Option<Row>> {
        self.before(sql)?;
        let stmt = self.statement(sql)?;
        self.client.query_opt(&stmt, params).map_err(backend)
    }

    pub fn one(&mut self, sql: &str, params: Params<'_>) -> Result<Row> {
        self.before(sql)?;
        let stmt = self.statement(sql)?;
        self.client.query_one(&stmt, params).map_err(backend)
    }

    /// Runs a statement that writes; returns (and counts) the rows it changed.
    pub fn exec(&mut self, sql: &str, params: Params<'_>) -> Result<u64> {
        self.before(sql)?;
        let stmt = self.statement(sql)?;
        let n = self.client.execute(&stmt, params).map_err(backend)?;
        self.changes += n;
        Ok(n)
    }

    /// Runs statements without parameters (transaction control).
    pub fn batch(&mut self, sql: &str) -> Result<()> {
        self.before(sql)?;
        self.client.batch_execute(sql).map_err(backend)
    }
}

/// Reads column `i` of `row`.
pub fn g<'r, T: postgres::types::FromSql<'r>>(row: &'r Row, i: usize) -> Result<T> {
    row.try_get(i).map_err(backend)
}
