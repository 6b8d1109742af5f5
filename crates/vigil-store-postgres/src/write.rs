//! Writes, inside one PostgreSQL transaction. Each `put_*` validates the record, checks what it
//! refers to, compares with what is stored and writes only what changed: a port of the SQLite
//! backend's `write`, statement for statement.
//!
//! Every transaction is READ COMMITTED and starts by taking one advisory lock
//! ([`WRITER_LOCK`]) that it holds until it ends, so Vigil's writers, in however many server
//! processes share the database, run one after the other as SQLite's single writer does. That
//! is what keeps the audit log's `seq` order the commit order (the transparency log signs the
//! entries after the last `seq` it saw: an entry with a smaller `seq` must never commit later),
//! and what makes a reference checked in code (there are no foreign keys) still hold when the
//! write it guards commits. A second writer waits for the lock as long as the first one runs.

use crate::audit::{self, AccountEntry, Entry, ReportEntry, TokenEntry};
use crate::codec::*;
use crate::db::{g, Db, Session};
use crate::evidence;
use crate::read;
use sha2::{Digest, Sha256 as Hasher};
use std::collections::HashSet;
use vigil_domain::*;
use vigil_store::{
    Existing, FindingsState, ImportRun, StoreError, StoreResult, Transaction, WriteOutcome,
};

type Result<T> = StoreResult<T>;

/// The key of the advisory lock every Vigil writer holds for its whole transaction (and the
/// migration too): "VIGILWRT" in ASCII. Other applications sharing the database must not use it.
pub const WRITER_LOCK: i64 = 0x5649_4749_4c57_5254;

pub struct PgTx<'a> {
    db: Db<'a>,
    /// Set once COMMIT succeeded; until then, dropping the transaction rolls it back.
    done: bool,
    /// Sources and parties known to exist in this transaction: an import names the same few
    /// thousands of times, and each lookup costs as much as an insert.
    known_sources: HashSet<String>,
    known_parties: HashSet<String>,
    /// The report most recently written, which the next incident usually names.
    last_report: Option<String>,
    /// The rows changed by bookkeeping (import runs, findings, accounts, evidence, the log…)
    /// rather than records: at commit, any other change ([`Db::changes`] counts them all) moves
    /// the data version on, as SQLite's count of changes does there.
    bookkeeping_changes: u64,
    /// Who writes, and when the transaction began (once it held the lock): the actor and time
    /// of its audit entries.
    actor: Actor,
    began_at: Timestamp,
    /// The last audit entry's `seq` when the transaction began (0: none), and whether the
    /// transaction restores another database's log (`vigil migrate`), which only an empty one
    /// may.
    audit_seq_at_begin: i64,
    restoring_audit: bool,
    /// The data version a restore set; the commit leaves it.
    restored_version: Option<u64>,
}

pub fn begin<'c>(session: &'c mut Session, actor: &Actor) -> Result<Box<dyn Transaction + 'c>> {
    let mut db = Db::new(session);
    db.batch("BEGIN ISOLATION LEVEL READ COMMITTED")?;
    // From here on, dropping `tx` (an error below included) rolls back.
    let mut tx = PgTx {
        db,
        done: false,
        known_sources: HashSet::new(),
        known_parties: HashSet::new(),
        last_report: None,
        bookkeeping_changes: 0,
        actor: actor.clone(),
        began_at: chrono::Utc::now(),
        audit_seq_at_begin: 0,
        restoring_audit: false,
        restored_version: None,
    };
    tx.db
        .batch(&format!("SELECT pg_advisory_xact_lock({WRITER_LOCK})"))?;
    tx.began_at = chrono::Utc::now();
    tx.audit_seq_at_begin = audit::last_seq(&mut tx.db)?;
    Ok(Box::new(tx))
}

impl Drop for PgTx<'_> {
    fn drop(&mut self) {
        if !self.done {
            // Nothing to report to: the transaction is abandoned either way (a connection that
            // cannot even roll back is broken, and the server rolls back when it closes).
            let _ = self.db.batch("ROLLBACK");
        }
    }
}

fn require(db: &mut Db<'_>, table: &'static str, what: &'static str, id: &str) -> Result<()> {
    if read::exists(db, table, id)? {
        Ok(())
    } else {
        Err(StoreError::not_found(what, id))
    }
}

fn src(id: Option<&SourceId>) -> Option<&str> {
    id.map(SourceId::as_str)
}

/// The start of both incident writes: a macro, so `concat!` can build the two statements at
/// compile time.
macro_rules! incident_insert {
    () => {
        "INSERT INTO incidents (id, title, kind, category, start_at, end_at, time_precision,
             lon, lat, precision, radius_m, area, weapon, damage, certainty, description,
             facts_sha256)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)"
    };
}

/// Writes a new incident, or nothing if one with that id is stored.
const INSERT_NEW_INCIDENT: &str = concat!(incident_insert!(), " ON CONFLICT (id) DO NOTHING");

/// Writes an incident, overwriting the stored one.
const UPSERT_INCIDENT: &str = concat!(
    incident_insert!(),
    " ON CONFLICT (id) DO UPDATE SET title = excluded.title, kind = excluded.kind,
       category = excluded.category, start_at = excluded.start_at, end_at = excluded.end_at,
       time_precision = excluded.time_precision, lon = excluded.lon, lat = excluded.lat,
       precision = excluded.precision, radius_m = excluded.radius_m, area = excluded.area,
       weapon = excluded.weapon, damage = excluded.damage, certainty = excluded.certainty,
       description = excluded.description, facts_sha256 = excluded.facts_sha256"
);

impl PgTx<'_> {
    /// Appends the audit entry of a record this transaction changed.
    fn audit(&mut self, entry: Entry) -> Result<()> {
        audit::append(&mut self.db, &self.actor, &self.began_at, entry)
    }

    fn require_source(&mut self, id: Option<&SourceId>) -> Result<()> {
        match id {
            None => Ok(()),
            Some(id) if self.known_sources.contains(id.as_str()) => Ok(()),
            Some(id) => require(&mut self.db, "sources", "source", id.as_str()),
        }
    }

    fn require_party(&mut self, id: &PartyId) -> Result<()> {
        if self.known_parties.contains(id.as_str()) {
            Ok(())
        } else {
            require(&mut self.db, "parties", "party", id.as_str())
        }
    }

    /// Checks every record a site refers to, before anything is written.
    fn check_site_refs(&mut self, site: &Site) -> Result<()> {
        for source in site.status.iter().map(|e| e.source.as_ref()) {
            self.require_source(source)?;
        }
        for source in site.capacity.iter().map(|c| c.source.as_ref()) {
            self.require_source(source)?;
        }
        Ok(())
    }

    fn insert_site_history(&mut self, site: &Site) -> Result<u64> {
        let mut added = 0;
        for entry in &site.status {
            added += self.db.exec(
                "INSERT INTO site_status (site_id, as_of, status, source, note)
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
                &[
                    &site.id.as_str(),
                    &day(&entry.as_of),
                    &entry.status.as_str(),
                    &key_or_empty(entry.source.as_ref()),
                    &entry.note,
                ],
            )?;
        }
        for fact in &site.capacity {
            added += self.db.exec(
                "INSERT INTO site_capacity AS c (site_id, as_of, metric, value, source)
                 VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT (site_id, as_of, metric, source)
                 DO UPDATE SET value = excluded.value WHERE c.value <> excluded.value",
                &[
                    &site.id.as_str(),
                    &day(&fact.as_of),
                    &fact.metric.as_str(),
                    &i64::from(fact.value),
                    &key_or_empty(fact.source.as_ref()),
                ],
            )?;
        }
        Ok(added)
    }

    /// Checks every record an incident refers to, before anything is written, so a failed
    /// write leaves nothing behind.
    fn check_incident_refs(&mut self, incident: &Incident) -> Result<()> {
        for report in &incident.reports {
            if self.last_report.as_deref() != Some(report.as_str()) {
                require(&mut self.db, "reports", "report", report.as_str())?;
            }
        }
        for target in &incident.targets {
            match target {
                Target::Site(site) => require(&mut self.db, "sites", "site", site.as_str())?,
                Target::Movement(m) => require(&mut self.db, "movements", "movement", m.as_str())?,
                Target::Kind(_) => {}
            }
        }
        for c in &incident.casualties {
            self.require_source(c.source.as_ref())?;
        }
        for a in &incident.attributions {
            self.require_party(&a.party)?;
            for s in &a.sources {
                self.require_source(Some(s))?;
            }
        }
        Ok(())
    }

    /// Inserts the incident's own row, or with `replace` overwrites it; returns whether a row
    /// was written.
    fn write_incident_row(
        &mut self,
        incident: &Incident,
        digest: &[u8; 32],
        replace: bool,
    ) -> Result<bool> {
        let sql = if replace {
            UPSERT_INCIDENT
        } else {
            INSERT_NEW_INCIDENT
        };
        let loc = &incident.location;
        let digest: &[u8] = &digest[..];
        let written = self.db.exec(
            sql,
            &[
                &incident.id.as_str(),
                &incident.title,
                &incident.kind.as_str(),
                &incident.kind.category().as_str(),
                &instant(&incident.when.start()),
                &instant(&incident.when.end()),
                &incident.when.precision().as_str(),
                &loc.point.map(|p| p.lon()),
                &loc.point.map(|p| p.lat()),
                &loc.precision.to_string(),
                &loc.radius_m,
                &incident.area.as_ref().map(|a| a.as_str()),
                &incident.weapon,
                &incident.damage.map(|d| d.as_str()),
                &incident.certainty.as_str(),
                &incident.description,
                &digest,
            ],
        )?;
        Ok(written == 1)
    }

    /// Overwrites a stored incident with other facts; its reports only grow.
    fn replace_incident(&mut self, incident: &Incident, digest: &[u8; 32]) -> Result<()> {
        for table in ["incident_targets", "casualties", "attributions"] {
            self.db.exec(
                &format!("DELETE FROM {table} WHERE incident_id = $1"),
                &[&incident.id.as_str()],
            )?;
        }
        self.write_incident_row(incident, digest, true)?;
        self.insert_incident_children(incident, false)
    }

    /// The facts digest stored for an incident, if it exists.
    fn stored_facts(&mut self, id: &str) -> Result<Option<[u8; 32]>> {
        let stored: Option<Vec<u8>> = self
            .db
            .opt("SELECT facts_sha256 FROM incidents WHERE id = $1", &[&id])?
            .map(|r| g(&r, 0))
            .transpose()?;
        Ok(stored.and_then(|d| d.try_into().ok()))
    }

    fn report_links(&mut self, id: &str) -> Result<i64> {
        let row = self.db.one(
            "SELECT count(*) FROM incident_reports WHERE incident_id = $1",
            &[&id],
        )?;
        g(&row, 0)
    }

    /// Links the incident's reports that are not linked yet, after the others.
    fn insert_incident_children_reports(&mut self, incident: &Incident) -> Result<()> {
        let id = incident.id.as_str();
        for report in &incident.reports {
            // A report already linked keeps its place; a new one goes after the others.
            self.db.exec(
                "INSERT INTO incident_reports (incident_id, position, report_id, source)
                 SELECT $1::text, coalesce(max(position) + 1, 0), $2::text,
                        (SELECT source FROM reports WHERE id = $2::text)
                 FROM incident_reports WHERE incident_id = $1::text
                 ON CONFLICT (incident_id, report_id) DO NOTHING",
                &[&id, &report.as_str()],
            )?;
        }
        Ok(())
    }

    /// Writes what an incident row's child tables hold. `fresh` says the incident has no
    /// links yet, so report positions need no lookup.
    fn insert_incident_children(&mut self, incident: &Incident, fresh: bool) -> Result<()> {
        let id = incident.id.as_str();
        if fresh {
            for (position, report) in incident.reports.iter().enumerate() {
                self.db.exec(
                    "INSERT INTO incident_reports (incident_id, position, report_id, source)
                     VALUES ($1, $2, $3, (SELECT source FROM reports WHERE id = $3))",
                    &[&id, &(position as i64), &report.as_str()],
                )?;
            }
        } else {
            self.insert_incident_children_reports(incident)?;
        }
        for (position, target) in incident.targets.iter().enumerate() {
            let (kind, value) = match target {
                Target::Site(site) => ("site", site.as_str()),
                Target::Movement(m) => ("movement", m.as_str()),
                Target::Kind(k) => ("kind", k.as_str()),
            };
            self.db.exec(
                "INSERT INTO incident_targets (incident_id, position, target_type, target)
                 VALUES ($1, $2, $3, $4)",
                &[&id, &(position as i64), &kind, &value],
            )?;
        }
        for (position, c) in incident.casualties.iter().enumerate() {
            self.db.exec(
                "INSERT INTO casualties (incident_id, position, grp, outcome, low, best, high, source)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                &[
                    &id,
                    &(position as i64),
                    &c.group.as_str(),
                    &c.outcome.as_str(),
                    &i64::from(c.count.low),
                    &i64::from(c.count.best),
                    &i64::from(c.count.high),
                    &key_or_empty(c.source.as_ref()),
                ],
            )?;
        }
        for (position, a) in incident.attributions.iter().enumerate() {
            self.db.exec(
                "INSERT INTO attributions (incident_id, position, party_id, grade, sources)
                 VALUES ($1, $2, $3, $4, $5)",
                &[
                    &id,
                    &(position as i64),
                    &a.party.as_str(),
                    &a.grade.as_str(),
                    &json_list(&a.sources),
                ],
            )?;
        }
        Ok(())
    }
}

/// Feeds values into a digest, each framed by its length so that no two different records
/// give the same byte stream.
struct Feed(Hasher);

impl Feed {
    fn bytes(&mut self, bytes: &[u8]) {
        self.0.update((bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
    }

    fn text(&mut self, text: &str) {
        self.bytes(text.as_bytes());
    }

    fn opt(&mut self, text: Option<&str>) {
        match text {
            Some(text) => {
                self.0.update([1]);
                self.text(text);
            }
            None => self.0.update([0]),
        }
    }

    fn num(&mut self, n: u64) {
        self.0.update(n.to_le_bytes());
    }

    fn float(&mut self, x: f64) {
        self.0.update(x.to_bits().to_le_bytes());
    }
}

/// The digest of an incident's facts (every field but the reports it was built from), to tell
/// an equal write without reading it back.
///
/// Fed field by field, not through a serialiser: it runs once per imported row, and a serde
/// round showed in import profiles. The destructuring below names every field, so a field
/// added to `Incident` does not compile until it is digested too; a field left out would make
/// an edit of it look like "unchanged" and be lost.
fn incident_digest(incident: &Incident) -> [u8; 32] {
    let Incident {
        id,
        title,
        kind,
        when,
        location,
        area,
        weapon,
        targets,
        damage,
        certainty,
        casualties,
        attributions,
        description,
        // Which reports an incident was built from is not one of its facts: they only grow.
        reports: _,
    } = incident;
    let mut f = Feed(Hasher::new());
    f.text(id.as_str());
    f.opt(title.as_deref());
    f.text(kind.as_str());
    f.num(when.start().timestamp() as u64);
    f.num(when.end().timestamp() as u64);
    f.text(when.precision().as_str());
    let Location {
        point,
        precision,
        radius_m,
    } = location;
    // A missing point feeds two NaNs, which no stored point can be; a present one feeds exactly
    // what it did before points became optional, so stored digests stay valid.
    f.float(point.map_or(f64::NAN, |p| p.lon()));
    f.float(point.map_or(f64::NAN, |p| p.lat()));
    f.text(&precision.to_string());
    f.float(*radius_m);
    f.opt(area.as_ref().map(|a| a.as_str()));
    f.opt(weapon.as_deref());
    // Sorted: the order targets are listed in carries no meaning (a file gives sites, movements
    // and kinds in separate columns).
    let mut targets: Vec<&Target> = targets.iter().collect();
    targets.sort();
    f.num(targets.len() as u64);
    for target in targets {
        match target {
            Target::Site(id) => f.text(&format!("site:{id}")),
            Target::Movement(id) => f.text(&format!("movement:{id}")),
            Target::Kind(kind) => f.text(&format!("kind:{kind}")),
        }
    }
    f.opt(damage.map(|d| d.as_str()));
    f.text(certainty.as_str());
    f.num(casualties.len() as u64);
    for CasualtyFigure {
        group,
        outcome,
        count,
        source,
    } in casualties
    {
        f.text(group.as_str());
        f.text(outcome.as_str());
        f.num(count.low.into());
        f.num(count.best.into());
        f.num(count.high.into());
        f.opt(source.as_ref().map(|s| s.as_str()));
    }
    f.num(attributions.len() as u64);
    for Attribution {
        party,
        grade,
        sources,
    } in attributions
    {
        f.text(party.as_str());
        f.text(grade.as_str());
        f.num(sources.len() as u64);
        for s in sources {
            f.text(s.as_str());
        }
    }
    f.opt(description.as_deref());
    f.0.finalize().into()
}

impl Transaction for PgTx<'_> {
    fn put_source(&mut self, source: &Source, existing: Existing) -> Result<WriteOutcome> {
        if existing == Existing::Keep && self.known_sources.contains(source.id.as_str()) {
            return Ok(WriteOutcome::Unchanged);
        }
        source
            .validate()
            .map_err(|e| StoreError::invalid("source", &source.id, e))?;
        self.known_sources.insert(source.id.to_string());
        let stored = read::source(&mut self.db, source.id.as_str())?;
        let outcome = match (&stored, existing) {
            (Some(_), Existing::Keep) => return Ok(WriteOutcome::Unchanged),
            (Some(s), Existing::Replace) if s == source => return Ok(WriteOutcome::Unchanged),
            (Some(_), Existing::Replace) => WriteOutcome::Updated,
            (None, _) => WriteOutcome::Inserted,
        };
        self.db.exec(
            "INSERT INTO sources (id, kind, title, publisher, url, published_on, protected)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, title = excluded.title,
               publisher = excluded.publisher, url = excluded.url,
               published_on = excluded.published_on, protected = excluded.protected",
            &[
                &source.id.as_str(),
                &source.kind.as_str(),
                &source.title,
                &source.publisher,
                &source.url,
                &source.published_on.as_ref().map(day),
                &(source.protected as i64),
            ],
        )?;
        self.audit(Entry::of(
            "source",
            source.id.as_str(),
            stored.as_ref(),
            source,
        ))?;
        Ok(outcome)
    }

    fn put_party(&mut self, party: &Party, existing: Existing) -> Result<WriteOutcome> {
        if existing == Existing::Keep && self.known_parties.contains(party.id.as_str()) {
            return Ok(WriteOutcome::Unchanged);
        }
        party
            .validate()
            .map_err(|e| StoreError::invalid("party", &party.id, e))?;
        self.known_parties.insert(party.id.to_string());
        let stored = read::party(&mut self.db, party.id.as_str())?;
        let outcome = match (&stored, existing) {
            (Some(_), Existing::Keep) => return Ok(WriteOutcome::Unchanged),
            (Some(p), Existing::Replace) if p == party => return Ok(WriteOutcome::Unchanged),
            (Some(_), Existing::Replace) => WriteOutcome::Updated,
            (None, _) => WriteOutcome::Inserted,
        };
        self.db.exec(
            "INSERT INTO parties (id, name, kind) VALUES ($1, $2, $3)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind",
            &[&party.id.as_str(), &party.name, &party.kind.as_str()],
        )?;
        self.audit(Entry::of(
            "party",
            party.id.as_str(),
            stored.as_ref(),
            party,
        ))?;
        Ok(outcome)
    }

    fn put_area(&mut self, area: &Area) -> Result<WriteOutcome> {
        area.validate()
            .map_err(|e| StoreError::invalid("area", &area.id, e))?;
        self.require_source(area.source.as_ref())?;
        let boundary = area.boundary.as_ref().map(geometry_json);
        let parent = area.parent.as_ref().map(|p| p.as_str());
        let source = src(area.source.as_ref());
        let columns: [&(dyn postgres::types::ToSql + Sync); 8] = [
            &area.id.as_str(),
            &area.level.as_str(),
            &area.pcode,
            &area.name_en,
            &area.name_ar,
            &parent,
            &boundary,
            &source,
        ];
        // Compared as stored, not as read back: a boundary's text does not always parse back
        // to the same numbers, so an area read back can differ from the identical one written
        // again, and every re-import of a GIS export would count as a change.
        let same: Option<bool> = self
            .db
            .opt(
                "SELECT level = $2 AND pcode IS NOT DISTINCT FROM $3 AND name_en = $4
                        AND name_ar IS NOT DISTINCT FROM $5 AND parent IS NOT DISTINCT FROM $6
                        AND boundary IS NOT DISTINCT FROM $7 AND source IS NOT DISTINCT FROM $8
                 FROM areas WHERE id = $1",
                &columns,
            )?
            .map(|r| g(&r, 0))
            .transpose()?;
        let outcome = match same {
            Some(true) => return Ok(WriteOutcome::Unchanged),
            Some(false) => WriteOutcome::Updated,
            None => WriteOutcome::Inserted,
        };
        let before = match outcome {
            WriteOutcome::Updated => read::area(&mut self.db, area.id.as_str())?,
            _ => None,
        };
        self.db.exec(
            "INSERT INTO areas (id, level, pcode, name_en, name_ar, parent, boundary, source)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT (id) DO UPDATE SET level = excluded.level, pcode = excluded.pcode,
               name_en = excluded.name_en, name_ar = excluded.name_ar, parent = excluded.parent,
               boundary = excluded.boundary, source = excluded.source",
            &columns,
        )?;
        self.audit(Entry::of("area", area.id.as_str(), before.as_ref(), area))?;
        Ok(outcome)
    }

    fn put_site(&mut self, site: &Site) -> Result<WriteOutcome> {
        site.validate()
            .map_err(|e| StoreError::invalid("site", &site.id, e))?;
        self.check_site_refs(site)?;
        let mut core = site.clone();
        core.status.clear();
        core.capacity.clear();
        // Read whole, history included: the audit entry's `before` if anything changes.
        let before = read::site(&mut self.db, site.id.as_str())?;
        let stored = before.clone().map(|mut s| {
            s.status.clear();
            s.capacity.clear();
            s
        });
        let mut outcome = match &stored {
            Some(s) if *s == core => WriteOutcome::Unchanged,
            Some(_) => WriteOutcome::Updated,
            None => WriteOutcome::Inserted,
        };
        if outcome != WriteOutcome::Unchanged {
            let loc = &site.location;
            self.db.exec(
                "INSERT INTO sites (id, kind, name, operator, lon, lat, precision, radius_m,
                                    footprint, sensitivity, area)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                 ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, name = excluded.name,
                   operator = excluded.operator, lon = excluded.lon, lat = excluded.lat,
                   precision = excluded.precision, radius_m = excluded.radius_m,
                   footprint = excluded.footprint, sensitivity = excluded.sensitivity,
                   area = excluded.area",
                &[
                    &site.id.as_str(),
                    &site.kind.as_str(),
                    &site.name,
                    &site.operator,
                    // Validated: a site always has a point.
                    &loc.point.map(|p| p.lon()),
                    &loc.point.map(|p| p.lat()),
                    &loc.precision.to_string(),
                    &loc.radius_m,
                    &site.footprint.as_ref().map(geometry_json),
                    &site.sensitivity.as_str(),
                    &site.area.as_ref().map(|a| a.as_str()),
                ],
            )?;
        }
        if self.insert_site_history(site)? > 0 && outcome == WriteOutcome::Unchanged {
            outcome = WriteOutcome::Updated;
        }
        if outcome != WriteOutcome::Unchanged {
            // As stored: the history is the union of the stored and the written entries.
            let after = read::site(&mut self.db, site.id.as_str())?
                .ok_or_else(|| StoreError::not_found("site", &site.id))?;
            self.audit(Entry::of("site", site.id.as_str(), before.as_ref(), &after))?;
        }
        Ok(outcome)
    }

    fn put_movement(&mut self, movement: &Movement) -> Result<WriteOutcome> {
        movement
            .validate()
            .map_err(|e| StoreError::invalid("movement", &movement.id, e))?;
        self.require_source(movement.source.as_ref())?;
        let stored = read::movement(&mut self.db, movement.id.as_str())?;
        let outcome = match &stored {
            Some(stored) if stored == movement => return Ok(WriteOutcome::Unchanged),
            Some(_) => WriteOutcome::Updated,
            None => WriteOutcome::Inserted,
        };
        let line: geo_types::LineString<f64> = movement
            .route
            .iter()
            .map(|p| (p.lon(), p.lat()))
            .collect::<Vec<_>>()
            .into();
        self.db.exec(
            "INSERT INTO movements (id, kind, name, operator, route, corridor_width_m,
                 window_start, window_end, window_precision, sensitivity, source)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
             ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, name = excluded.name,
               operator = excluded.operator, route = excluded.route,
               corridor_width_m = excluded.corridor_width_m, window_start = excluded.window_start,
               window_end = excluded.window_end, window_precision = excluded.window_precision,
               sensitivity = excluded.sensitivity, source = excluded.source",
            &[
                &movement.id.as_str(),
                &movement.kind.as_str(),
                &movement.name,
                &movement.operator,
                &geometry_json(&line),
                &movement.corridor_width_m,
                &instant(&movement.window.start()),
                &instant(&movement.window.end()),
                &movement.window.precision().as_str(),
                &movement.sensitivity.as_str(),
                &src(movement.source.as_ref()),
            ],
        )?;
        self.audit(Entry::of(
            "movement",
            movement.id.as_str(),
            stored.as_ref(),
            movement,
        ))?;
        Ok(outcome)
    }

    fn put_notification(&mut self, n: &Notification) -> Result<(WriteOutcome, u32)> {
        n.validate()
            .map_err(|e| StoreError::invalid("notification", &n.id, e))?;
        match &n.subject {
            Subject::Site(id) => require(&mut self.db, "sites", "site", id.as_str())?,
            Subject::Movement(id) => require(&mut self.db, "movements", "movement", id.as_str())?,
        }
        for party in &n.parties {
            self.require_party(party)?;
        }
        self.require_source(n.source.as_ref())?;
        let latest = read::latest_notification(&mut self.db, n.id.as_str())?;
        let version = match &latest {
            Some(stored) => {
                if stored.subject != n.subject {
                    return Err(StoreError::Conflict(format!(
                        "notification {} is about {} {}, not {} {}",
                        n.id,
                        stored.subject.kind(),
                        stored.subject.id(),
                        n.subject.kind(),
                        n.subject.id()
                    )));
                }
                let mut same = n.clone();
                same.version = stored.version;
                if &same == stored {
                    return Ok((WriteOutcome::Unchanged, stored.version));
                }
                stored.version + 1
            }
            None => 1,
        };
        let stored_version = i64::from(version);
        self.db.exec(
            "INSERT INTO notifications (id, version, subject_kind, subject_id, sent_at, valid_from,
                 valid_to, withdrawn_at, channel, payload_sha256, source)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            &[
                &n.id.as_str(),
                &stored_version,
                &n.subject.kind(),
                &n.subject.id(),
                &instant(&n.sent_at),
                &day(&n.valid.from),
                &n.valid.to.as_ref().map(day),
                &n.withdrawn_at.as_ref().map(instant),
                &n.channel,
                &n.payload_sha256.to_string(),
                &src(n.source.as_ref()),
            ],
        )?;
        for (position, party) in n.parties.iter().enumerate() {
            self.db.exec(
                "INSERT INTO notification_parties (notification_id, version, position, party_id)
                 VALUES ($1, $2, $3, $4)",
                &[
                    &n.id.as_str(),
                    &stored_version,
                    &(position as i64),
                    &party.as_str(),
                ],
            )?;
        }
        let mut written = n.clone();
        written.version = version;
        self.audit(Entry::of(
            "notification",
            n.id.as_str(),
            latest.as_ref(),
            &written,
        ))?;
        let outcome = if latest.is_some() {
            WriteOutcome::Updated
        } else {
            WriteOutcome::Inserted
        };
        Ok((outcome, version))
    }

    fn put_acknowledgement(&mut self, ack: &Acknowledgement) -> Result<WriteOutcome> {
        let notification =
            read::notification_version(&mut self.db, ack.notification.as_str(), ack.version)?
                .ok_or_else(|| {
                    StoreError::not_found(
                        "notification version",
                        format!("{} v{}", ack.notification, ack.version),
                    )
                })?;
        ack.validate_against(&notification)
            .map_err(|e| StoreError::invalid("acknowledgement", &ack.notification, e))?;
        self.require_source(ack.source.as_ref())?;
        // SQLite's foreign key on party_id, checked here: the party must exist.
        self.require_party(&ack.party)?;
        let stored = read::acknowledgement(
            &mut self.db,
            ack.notification.as_str(),
            ack.version,
            ack.party.as_str(),
        )?;
        let outcome = match &stored {
            Some(stored) if stored == ack => return Ok(WriteOutcome::Unchanged),
            Some(_) => WriteOutcome::Updated,
            None => WriteOutcome::Inserted,
        };
        self.db.exec(
            "INSERT INTO acknowledgements (notification_id, version, party_id, received_at,
                 by_whom, channel, source)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (notification_id, version, party_id) DO UPDATE SET
               received_at = excluded.received_at, by_whom = excluded.by_whom,
               channel = excluded.channel, source = excluded.source",
            &[
                &ack.notification.as_str(),
                &i64::from(ack.version),
                &ack.party.as_str(),
                &instant(&ack.received_at),
                &ack.by,
                &ack.channel,
                &src(ack.source.as_ref()),
            ],
        )?;
        let id = format!("{}/v{}/{}", ack.notification, ack.version, ack.party);
        self.audit(Entry::of("acknowledgement", &id, stored.as_ref(), ack))?;
        Ok(outcome)
    }

    fn put_report(&mut self, report: &Report) -> Result<WriteOutcome> {
        let outcome = self.insert_report(report)?;
        if outcome == WriteOutcome::Inserted {
            self.audit_report(report)?;
        }
        Ok(outcome)
    }

    fn put_incident(&mut self, incident: &Incident) -> Result<WriteOutcome> {
        incident
            .validate()
            .map_err(|e| StoreError::invalid("incident", &incident.id, e))?;
        let id = incident.id.as_str();
        let digest = incident_digest(incident);
        self.check_incident_refs(incident)?;
        // Insert first: a new incident (the usual case in an import) then needs no lookup.
        let inserted = self.write_incident_row(incident, &digest, false)?;
        if inserted {
            self.insert_incident_children(incident, true)?;
            self.audit(Entry::of("incident", id, None, incident))?;
            return Ok(WriteOutcome::Inserted);
        }
        let before = read::incident(&mut self.db, id)?;
        if self.stored_facts(id)?.is_some_and(|d| d == digest) {
            // The same facts: only reports it was not yet linked to are added.
            let links = self.report_links(id)?;
            self.insert_incident_children_reports(incident)?;
            if self.report_links(id)? == links {
                return Ok(WriteOutcome::Unchanged);
            }
        } else {
            self.replace_incident(incident, &digest)?;
        }
        self.audit_incident_update(id, before.as_ref())?;
        Ok(WriteOutcome::Updated)
    }

    fn put_incident_from(&mut self, incident: &Incident, report: &Report) -> Result<WriteOutcome> {
        incident
            .validate()
            .map_err(|e| StoreError::invalid("incident", &incident.id, e))?;
        if !incident.reports.contains(&report.id) {
            return Err(StoreError::invalid(
                "incident",
                &incident.id,
                vec![ValidationError::new(
                    "reports",
                    format!("does not name report {}, which it is built from", report.id),
                )],
            ));
        }
        let id = incident.id.as_str();
        let digest = incident_digest(incident);
        // Everything is checked before anything is written, so a failure leaves nothing.
        self.last_report = Some(report.id.to_string());
        self.check_incident_refs(incident)?;
        // Written in the order that needs no lookup for a new incident, the usual case.
        let new_report = self.insert_report(report)? == WriteOutcome::Inserted;
        if self.write_incident_row(incident, &digest, false)? {
            self.insert_incident_children(incident, true)?;
            self.audit_report(report)?;
            self.audit(Entry::of("incident", id, None, incident))?;
            return Ok(WriteOutcome::Inserted);
        }
        if self.stored_facts(id)?.is_some_and(|d| d == digest) {
            // The same facts: the report adds nothing, so it is not kept.
            if new_report {
                self.db
                    .exec("DELETE FROM reports WHERE id = $1", &[&report.id.as_str()])?;
            }
            return Ok(WriteOutcome::Unchanged);
        }
        let before = read::incident(&mut self.db, id)?;
        self.replace_incident(incident, &digest)?;
        if new_report {
            self.audit_report(report)?;
        }
        self.audit_incident_update(id, before.as_ref())?;
        Ok(WriteOutcome::Updated)
    }

    fn put_statement(&mut self, statement: &Statement) -> Result<WriteOutcome> {
        statement
            .validate()
            .map_err(|e| StoreError::invalid("statement", &statement.id, e))?;
        require(
            &mut self.db,
            "incidents",
            "incident",
            statement.incident.as_str(),
        )?;
        if let Some(party) = &statement.party {
            self.require_party(party)?;
        }
        require(&mut self.db, "sources", "source", statement.source.as_str())?;
        let stored = read::statement(&mut self.db, statement.id.as_str())?;
        let outcome = match &stored {
            Some(stored) if stored == statement => return Ok(WriteOutcome::Unchanged),
            Some(_) => WriteOutcome::Updated,
            None => WriteOutcome::Inserted,
        };
        self.db.exec(
            "INSERT INTO statements (id, incident_id, party_id, kind, made_on, summary, source)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (id) DO UPDATE SET incident_id = excluded.incident_id,
               party_id = excluded.party_id, kind = excluded.kind, made_on = excluded.made_on,
               summary = excluded.summary, source = excluded.source",
            &[
                &statement.id.as_str(),
                &statement.incident.as_str(),
                &statement.party.as_ref().map(|p| p.as_str()),
                &statement.kind.as_str(),
                &day(&statement.made_on),
                &statement.summary,
                &statement.source.as_str(),
            ],
        )?;
        self.audit(Entry::of(
            "statement",
            statement.id.as_str(),
            stored.as_ref(),
            statement,
        ))?;
        Ok(outcome)
    }

    fn put_ceasefire(&mut self, ceasefire: &Ceasefire) -> Result<WriteOutcome> {
        ceasefire
            .validate()
            .map_err(|e| StoreError::invalid("ceasefire", &ceasefire.id, e))?;
        for party in &ceasefire.parties {
            self.require_party(party)?;
        }
        self.require_source(ceasefire.source.as_ref())?;
        let stored = read::ceasefire(&mut self.db, ceasefire.id.as_str())?;
        let outcome = match &stored {
            Some(stored) if stored == ceasefire => return Ok(WriteOutcome::Unchanged),
            Some(_) => WriteOutcome::Updated,
            None => WriteOutcome::Inserted,
        };
        self.db.exec(
            "INSERT INTO ceasefires (id, name, parties, areas, start_at, planned_end, collapsed_at, source)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, parties = excluded.parties,
               areas = excluded.areas, start_at = excluded.start_at,
               planned_end = excluded.planned_end, collapsed_at = excluded.collapsed_at,
               source = excluded.source",
            &[
                &ceasefire.id.as_str(),
                &ceasefire.name,
                &json_list(&ceasefire.parties),
                &json_list(&ceasefire.areas),
                &instant(&ceasefire.start),
                &ceasefire.planned_end.as_ref().map(instant),
                &ceasefire.collapsed_at.as_ref().map(instant),
                &src(ceasefire.source.as_ref()),
            ],
        )?;
        self.audit(Entry::of(
            "ceasefire",
            ceasefire.id.as_str(),
            stored.as_ref(),
            ceasefire,
        ))?;
        Ok(outcome)
    }

    fn put_zone_of_control(&mut self, zone: &ZoneOfControl) -> Result<WriteOutcome> {
        zone.validate()
            .map_err(|e| StoreError::invalid("zone of control", &zone.id, e))?;
        require(&mut self.db, "areas", "area", zone.area.as_str())?;
        self.require_party(&zone.party)?;
        self.require_source(zone.source.as_ref())?;
        let stored = read::zone_of_control(&mut self.db, zone.id.as_str())?;
        let outcome = match &stored {
            Some(stored) if stored == zone => return Ok(WriteOutcome::Unchanged),
            Some(_) => WriteOutcome::Updated,
            None => WriteOutcome::Inserted,
        };
        self.db.exec(
            "INSERT INTO zones_of_control (id, area, party_id, valid_from, valid_to, source)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (id) DO UPDATE SET area = excluded.area, party_id = excluded.party_id,
               valid_from = excluded.valid_from, valid_to = excluded.valid_to,
               source = excluded.source",
            &[
                &zone.id.as_str(),
                &zone.area.as_str(),
                &zone.party.as_str(),
                &day(&zone.period.from),
                &zone.period.to.as_ref().map(day),
                &src(zone.source.as_ref()),
            ],
        )?;
        self.audit(Entry::of(
            "zone_of_control",
            zone.id.as_str(),
            stored.as_ref(),
            zone,
        ))?;
        Ok(outcome)
    }

    fn put_population_figure(&mut self, figure: &PopulationFigure) -> Result<WriteOutcome> {
        figure
            .validate()
            .map_err(|e| StoreError::invalid("population figure", &figure.area, e))?;
        require(&mut self.db, "areas", "area", figure.area.as_str())?;
        self.require_source(Some(&figure.source))?;
        let as_of = day(&figure.as_of);
        let stored = read::population_figure(
            &mut self.db,
            figure.area.as_str(),
            &as_of,
            figure.source.as_str(),
        )?;
        let outcome = match &stored {
            Some(stored) if stored == figure => return Ok(WriteOutcome::Unchanged),
            Some(_) => WriteOutcome::Updated,
            None => WriteOutcome::Inserted,
        };
        self.db.exec(
            "INSERT INTO population_figures (area, as_of, population, source)
             VALUES ($1, $2, $3, $4)
             ON CONFLICT (area, as_of, source) DO UPDATE SET population = excluded.population",
            &[
                &figure.area.as_str(),
                &as_of,
                &big(figure.population)?,
                &figure.source.as_str(),
            ],
        )?;
        let id = format!("{}/{}/{}", figure.area, as_of, figure.source);
        self.audit(Entry::of("population_figure", &id, stored.as_ref(), figure))?;
        Ok(outcome)
    }

    fn set_incident_area(
        &mut self,
        id: &IncidentId,
        expected: Option<&AreaId>,
        area: &AreaId,
    ) -> Result<WriteOutcome> {
        let Some(mut incident) = read::incident(&mut self.db, id.as_str())? else {
            return Err(StoreError::not_found("incident", id));
        };
        if incident.area.as_ref() != expected || incident.area.as_ref() == Some(area) {
            return Ok(WriteOutcome::Unchanged);
        }
        let before = incident.clone();
        incident.area = Some(area.clone());
        // The digest of the incident as it now stands, so that writing it again with this
        // area (re-importing its file) finds the same facts and changes nothing.
        let digest = incident_digest(&incident);
        let digest: &[u8] = &digest[..];
        self.db.exec(
            "UPDATE incidents SET area = $2, facts_sha256 = $3 WHERE id = $1",
            &[&id.as_str(), &area.as_str(), &digest],
        )?;
        self.audit(Entry::of("incident", id.as_str(), Some(&before), &incident))?;
        Ok(WriteOutcome::Updated)
    }

    fn set_site_area(
        &mut self,
        id: &SiteId,
        expected: Option<&AreaId>,
        area: &AreaId,
    ) -> Result<WriteOutcome> {
        let Some(before) = read::site(&mut self.db, id.as_str())? else {
            return Err(StoreError::not_found("site", id));
        };
        if before.area.as_ref() != expected || before.area.as_ref() == Some(area) {
            return Ok(WriteOutcome::Unchanged);
        }
        self.db.exec(
            "UPDATE sites SET area = $2 WHERE id = $1",
            &[&id.as_str(), &area.as_str()],
        )?;
        let mut after = before.clone();
        after.area = Some(area.clone());
        self.audit(Entry::of("site", id.as_str(), Some(&before), &after))?;
        Ok(WriteOutcome::Updated)
    }

    fn savepoint(&mut self) -> Result<()> {
        // The log is written up to here, so a rollback to the savepoint undoes exactly the
        // entries appended after it.
        self.db.write_audit()?;
        self.db.batch("SAVEPOINT vigil_row")
    }

    fn release_savepoint(&mut self) -> Result<()> {
        self.db.batch("RELEASE SAVEPOINT vigil_row")
    }

    fn rollback_to_savepoint(&mut self) -> Result<()> {
        // What the caches learnt since the savepoint may have been undone with it.
        self.known_sources.clear();
        self.known_parties.clear();
        self.last_report = None;
        self.db.forget_audit_since_savepoint();
        // Also what makes the transaction usable again after a statement failed in it.
        self.db
            .batch("ROLLBACK TO SAVEPOINT vigil_row; RELEASE SAVEPOINT vigil_row")
    }

    fn put_findings(
        &mut self,
        incident: &IncidentId,
        findings: &[Finding],
        digest: &Sha256,
    ) -> Result<()> {
        self.bookkeeping(|db| crate::findings::put(db, incident, findings, digest))
    }

    fn remove_findings(&mut self, incident: &IncidentId) -> Result<()> {
        self.bookkeeping(|db| crate::findings::remove(db, incident))
    }

    fn set_findings_state(&mut self, state: &FindingsState) -> Result<()> {
        self.bookkeeping(|db| crate::findings::set_state(db, state))
    }

    fn record_import(&mut self, run: &ImportRun) -> Result<()> {
        self.bookkeeping(|db| record_import(db, run))
    }

    // Evidence is bookkeeping as far as the data version goes (the findings do not depend on
    // it), but every write of it has its audit entry like any record.
    fn put_evidence(&mut self, item: &EvidenceItem) -> Result<WriteOutcome> {
        item.validate()
            .map_err(|e| StoreError::invalid("evidence item", item.sha256, e))?;
        self.require_source(item.acquired_from.as_ref())?;
        for incident in &item.incidents {
            require(&mut self.db, "incidents", "incident", incident.as_str())?;
        }
        let (actor, at) = (self.actor.clone(), self.began_at);
        let mut outcome = WriteOutcome::Unchanged;
        self.bookkeeping(|db| {
            let before = evidence::item(db, &item.sha256)?;
            if before.is_none() {
                if let Some(original) = &item.redacted_from {
                    if evidence::item(db, original)?.is_none() {
                        return Err(StoreError::not_found("evidence item", original));
                    }
                }
                evidence::insert_item(db, item)?;
            }
            let mut linked = false;
            for incident in &item.incidents {
                linked |= evidence::link(db, &item.sha256, incident)?;
            }
            outcome = match (&before, linked) {
                (None, _) => WriteOutcome::Inserted,
                (Some(_), true) => WriteOutcome::Updated,
                (Some(_), false) => return Ok(()),
            };
            audit_evidence(db, &actor, &at, &item.sha256, before.as_ref())
        })?;
        Ok(outcome)
    }

    fn link_evidence(&mut self, sha256: &Sha256, incident: &IncidentId) -> Result<WriteOutcome> {
        require(&mut self.db, "incidents", "incident", incident.as_str())?;
        let (actor, at) = (self.actor.clone(), self.began_at);
        let mut outcome = WriteOutcome::Unchanged;
        self.bookkeeping(|db| {
            let before = evidence::item(db, sha256)?
                .ok_or_else(|| StoreError::not_found("evidence item", sha256))?;
            if evidence::link(db, sha256, incident)? {
                outcome = WriteOutcome::Updated;
                audit_evidence(db, &actor, &at, sha256, Some(&before))?;
            }
            Ok(())
        })?;
        Ok(outcome)
    }

    fn record_custody(&mut self, event: &CustodyEvent) -> Result<()> {
        event
            .validate()
            .map_err(|e| StoreError::invalid("custody event", event.item, e))?;
        let (actor, at) = (self.actor.clone(), self.began_at);
        self.bookkeeping(|db| {
            if evidence::item(db, &event.item)?.is_none() {
                return Err(StoreError::not_found("evidence item", event.item));
            }
            evidence::append_custody(db, event)?;
            let id = event.item.to_string();
            audit::append(db, &actor, &at, Entry::of("custody", &id, None, event))
        })
    }

    // Accounts and tokens are bookkeeping too: the findings do not depend on them, so writing
    // them must not make the stored findings look out of date.
    fn put_account(&mut self, account: &Account) -> Result<()> {
        let (actor, at) = (self.actor.clone(), self.began_at);
        self.bookkeeping(|db| {
            crate::access::put_account(db, account)?;
            let entry = Entry::of("account", &account.name, None, &AccountEntry::new(account));
            audit::append(db, &actor, &at, entry)
        })
    }

    fn put_token(&mut self, token: &ApiToken) -> Result<()> {
        let (actor, at) = (self.actor.clone(), self.began_at);
        self.bookkeeping(|db| {
            crate::access::put_token(db, token)?;
            let entry = Entry::of("token", &token.id, None, &TokenEntry::new(token));
            audit::append(db, &actor, &at, entry)
        })
    }

    fn revoke_token(&mut self, id: &str, at: Timestamp) -> Result<bool> {
        let mut found = false;
        let (actor, began_at) = (self.actor.clone(), self.began_at);
        self.bookkeeping(|db| {
            let before = crate::access::token(db, id)?;
            found = crate::access::revoke_token(db, id, at)?;
            let after = crate::access::token(db, id)?;
            if let (Some(before), Some(after)) = (before, after) {
                if before != after {
                    let entry = Entry::of(
                        "token",
                        id,
                        Some(&TokenEntry::new(&before)),
                        &TokenEntry::new(&after),
                    );
                    audit::append(db, &actor, &began_at, entry)?;
                }
            }
            Ok(())
        })?;
        Ok(found)
    }

    fn put_log_signer_key(&mut self, signer_key: &str) -> Result<()> {
        self.bookkeeping(|db| crate::translog::put_signer_key(db, signer_key))
    }

    fn append_log_leaves(&mut self, first_index: u64, leaves: &[(u64, [u8; 32])]) -> Result<()> {
        self.bookkeeping(|db| crate::translog::append_leaves(db, first_index, leaves))
    }

    fn put_log_checkpoint(&mut self, tree_size: u64, note: &str) -> Result<()> {
        self.bookkeeping(|db| crate::translog::put_checkpoint(db, tree_size, note))
    }

    fn put_log_head(&mut self, head: &vigil_store::LogHead) -> Result<()> {
        self.bookkeeping(|db| crate::translog::put_head(db, head))
    }

    fn restore_audit_entries(&mut self, entries: &[AuditEntry]) -> Result<()> {
        if self.audit_seq_at_begin > 0 {
            return Err(StoreError::Conflict(
                "this database already has an audit log; a copy is only restored into an \
                 empty database, and an audit log is never rewritten"
                    .into(),
            ));
        }
        let first = !self.restoring_audit;
        self.restoring_audit = true;
        self.bookkeeping(|db| {
            if first {
                // Every entry stored now was appended by this transaction's own writes.
                db.exec("DELETE FROM audit_log", &[])?;
            }
            for entry in entries {
                audit::restore(db, entry)?;
            }
            // The next entry written after the copy follows the last one copied.
            audit::follow_restored(db)
        })
    }

    fn restore_data_version(&mut self, version: u64) -> Result<()> {
        let version = i64::try_from(version)
            .map_err(|_| StoreError::Conflict(format!("data version {version} is too large")))?;
        self.bookkeeping(|db| crate::findings::set_data_version(db, version))?;
        self.restored_version = Some(version as u64);
        Ok(())
    }

    fn commit(mut self: Box<Self>) -> Result<()> {
        // PostgreSQL answers COMMIT of a transaction in which a statement failed (and that no
        // savepoint took back) by rolling it back, without an error. Asking anything first
        // tells: such a transaction refuses every statement, and then nothing is committed and
        // the caller hears so, rather than believing it was.
        if let Err(e) = self.db.query("SELECT 1", &[]) {
            return Err(match e {
                StoreError::Backend(text) if text.contains("SQLSTATE 25P02") => {
                    StoreError::Backend(format!(
                        "nothing was committed: a statement of this transaction failed earlier \
                         (its error was returned then) and PostgreSQL keeps nothing of a \
                         transaction after that ({text})"
                    ))
                }
                other => other,
            });
        }
        self.db.write_audit()?;
        let changed = self.db.changes - self.bookkeeping_changes;
        if changed > 0 && self.restored_version.is_none() {
            crate::findings::bump_data_version(&mut self.db)?;
        }
        self.db.batch("COMMIT")?;
        self.done = true;
        Ok(())
    }
}

impl PgTx<'_> {
    /// Stores a report unless one with its id is (a different one there is a conflict),
    /// without its audit entry: [`Transaction::put_incident_from`] may yet take it back.
    fn insert_report(&mut self, report: &Report) -> Result<WriteOutcome> {
        report
            .validate()
            .map_err(|e| StoreError::invalid("report", &report.id, e))?;
        self.require_source(Some(&report.source))?;
        self.known_sources.insert(report.source.to_string());
        // Insert first: a new report (the usual case) then costs one statement, not two.
        let inserted = self.db.exec(
            "INSERT INTO reports (id, source, received_at, summary, content)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING",
            &[
                &report.id.as_str(),
                &report.source.as_str(),
                &instant(&report.received_at),
                &report.summary,
                &report.content.as_str(),
            ],
        )?;
        self.last_report = Some(report.id.to_string());
        if inserted == 1 {
            return Ok(WriteOutcome::Inserted);
        }
        match read::report(&mut self.db, report.id.as_str())? {
            Some(stored) if &stored == report => Ok(WriteOutcome::Unchanged),
            _ => {
                self.last_report = None;
                Err(StoreError::Conflict(format!(
                    "report {} is already stored with other content; reports are immutable, \
                     so a changed report needs a new id",
                    report.id
                )))
            }
        }
    }

    /// The audit entry of an incident just changed: `after` read back, since the stored
    /// incident's reports are the union of the stored and the written ones.
    fn audit_incident_update(&mut self, id: &str, before: Option<&Incident>) -> Result<()> {
        let after = read::incident(&mut self.db, id)?
            .ok_or_else(|| StoreError::not_found("incident", id))?;
        self.audit(Entry::of("incident", id, before, &after))
    }

    fn audit_report(&mut self, report: &Report) -> Result<()> {
        self.audit(Entry::of::<ReportEntry>(
            "report",
            report.id.as_str(),
            None,
            &ReportEntry::new(report),
        ))
    }

    /// Runs a write that records no record change, keeping its row changes out of the count
    /// that decides whether the data version moves.
    fn bookkeeping(&mut self, write: impl FnOnce(&mut Db<'_>) -> Result<()>) -> Result<()> {
        let before = self.db.changes;
        write(&mut self.db)?;
        self.bookkeeping_changes += self.db.changes - before;
        Ok(())
    }
}

/// The audit entry of an evidence item just written: `after` read back, since its incidents are
/// the union of the stored and the written ones.
fn audit_evidence(
    db: &mut Db<'_>,
    actor: &Actor,
    at: &Timestamp,
    sha256: &Sha256,
    before: Option<&EvidenceItem>,
) -> Result<()> {
    let after = evidence::item(db, sha256)?
        .ok_or_else(|| StoreError::not_found("evidence item", sha256))?;
    let id = sha256.to_string();
    let entry = Entry::of(
        "evidence",
        &id,
        before.map(AuditedEvidence::new).as_ref(),
        &AuditedEvidence::new(&after),
    );
    audit::append(db, actor, at, entry)
}

fn record_import(db: &mut Db<'_>, run: &ImportRun) -> Result<()> {
    db.exec(
        "INSERT INTO import_runs (finished_at, record_kind, file_name, file_sha256, rows_read,
             inserted, updated, unchanged, skipped)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        &[
            &instant(&run.finished_at),
            &run.record_kind,
            &run.file_name,
            &run.file_sha256.to_string(),
            &big(run.rows_read)?,
            &big(run.inserted)?,
            &big(run.updated)?,
            &big(run.unchanged)?,
            &big(run.skipped)?,
        ],
    )?;
    Ok(())
}
