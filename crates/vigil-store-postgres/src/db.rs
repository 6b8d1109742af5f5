//! The connection as every read and write uses it: statements prepared once per connection and
//! kept by their text, and a count of the rows the statements of a transaction changed.

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

/// The connection lent to one read or one transaction.
pub struct Db<'a> {
    pub client: &'a mut Client,
    statements: &'a mut HashMap<String, Statement>,
    /// Rows inserted, updated or deleted by [`Db::exec`] since this was made.
    pub changes: u64,
}

impl<'a> Db<'a> {
    pub fn new(session: &'a mut Session) -> Self {
        Self {
            client: &mut session.client,
            statements: &mut session.statements,
            changes: 0,
        }
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
        let stmt = self.statement(sql)?;
        self.client.query(&stmt, params).map_err(backend)
    }

    pub fn opt(&mut self, sql: &str, params: Params<'_>) -> Result<Option<Row>> {
        let stmt = self.statement(sql)?;
        self.client.query_opt(&stmt, params).map_err(backend)
    }

    pub fn one(&mut self, sql: &str, params: Params<'_>) -> Result<Row> {
        let stmt = self.statement(sql)?;
        self.client.query_one(&stmt, params).map_err(backend)
    }

    /// Runs a statement that writes; returns (and counts) the rows it changed.
    pub fn exec(&mut self, sql: &str, params: Params<'_>) -> Result<u64> {
        let stmt = self.statement(sql)?;
        let n = self.client.execute(&stmt, params).map_err(backend)?;
        self.changes += n;
        Ok(n)
    }

    /// Runs statements without parameters (transaction control).
    pub fn batch(&mut self, sql: &str) -> Result<()> {
        self.client.batch_execute(sql).map_err(backend)
    }
}

/// Reads column `i` of `row`.
pub fn g<'r, T: postgres::types::FromSql<'r>>(row: &'r Row, i: usize) -> Result<T> {
    row.try_get(i).map_err(backend)
}
