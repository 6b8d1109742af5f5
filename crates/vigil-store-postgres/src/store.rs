//! [`Store`] for [`PgStore`]: every read locks the connection for as long as its statements
//! run, and the walks over whole tables (`for_each_*`) read a page at a time and call the
//! caller's function between pages, with the lock released.

use crate::codec::*;
use crate::db::{g, Db};
use crate::read::{self, collect, PAGE};
use crate::PgStore;
use vigil_domain::*;
use vigil_store::{
    AuditQuery, Counts, ImportRun, IncidentDetail, SiteDetail, Store, StoreResult, Transaction,
};

type Result<T> = StoreResult<T>;

fn all_incident_sources(
    db: &mut Db<'_>,
) -> Result<std::collections::HashMap<IncidentId, Vec<SourceId>>> {
    let mut sources: std::collections::HashMap<IncidentId, Vec<SourceId>> =
        std::collections::HashMap::new();
    // The link table carries each report's source, so the large report rows are not read.
    let rows = db.query(
        "SELECT DISTINCT incident_id, source FROM incident_reports
         WHERE source IS NOT NULL ORDER BY incident_id, source",
        &[],
    )?;
    for row in rows {
        let incident: IncidentId = parse("incident_reports.incident_id", &g::<String>(&row, 0)?)?;
        let source: SourceId = parse("incident_reports.source", &g::<String>(&row, 1)?)?;
        sources.entry(incident).or_default().push(source);
    }
    Ok(sources)
}

fn site_detail(db: &mut Db<'_>, id: &SiteId) -> Result<Option<SiteDetail>> {
    let Some(site) = read::site(db, id.as_str())? else {
        return Ok(None);
    };
    let mut notifications = Vec::new();
    for n in notifications_of(db, &Subject::Site(id.clone()))? {
        let acks = collect(
            db,
            &format!(
                "SELECT {} FROM acknowledgements
                 WHERE notification_id = $1 AND version = $2 ORDER BY received_at, party_id",
                read::ACK_COLUMNS
            ),
            &[&n.id.as_str(), &i64::from(n.version)],
            read::ack_row,
        )?;
        notifications.push((n, acks));
    }
    let ids: Vec<String> = collect(
        db,
        "SELECT t.incident_id FROM incident_targets t JOIN incidents i ON i.id = t.incident_id
         WHERE t.target_type = 'site' AND t.target = $1 ORDER BY i.start_at, i.id",
        &[&id.as_str()],
        |r| g(r, 0),
    )?;
    let mut incidents = Vec::new();
    for incident_id in ids {
        incidents.extend(read::incident(db, &incident_id)?);
    }
    Ok(Some(SiteDetail {
        site,
        notifications,
        incidents,
    }))
}

fn notifications_of(db: &mut Db<'_>, subject: &Subject) -> Result<Vec<Notification>> {
    let sql = format!(
        "SELECT {} FROM notifications
         WHERE subject_kind = $1 AND subject_id = $2 ORDER BY id, version",
        read::NOTIFICATION_COLUMNS
    );
    let rows = db.query(&sql, &[&subject.kind(), &subject.id()])?;
    read::notifications_from(db, rows)
}

fn incident_detail(db: &mut Db<'_>, id: &IncidentId) -> Result<Option<IncidentDetail>> {
    let Some(incident) = read::incident(db, id.as_str())? else {
        return Ok(None);
    };
    let mut reports = Vec::new();
    for report_id in &incident.reports {
        reports.extend(read::report(db, report_id.as_str())?);
    }
    let statements = collect(
        db,
        &format!(
            "SELECT {} FROM statements WHERE incident_id = $1 ORDER BY made_on, id",
            read::STATEMENT_COLUMNS
        ),
        &[&id.as_str()],
        read::statement_row,
    )?;
    let mut source_ids: Vec<&SourceId> = reports.iter().map(|r| &r.source).collect();
    source_ids.extend(statements.iter().map(|s| &s.source));
    source_ids.extend(incident.casualties.iter().filter_map(|c| c.source.as_ref()));
    source_ids.extend(incident.attributions.iter().flat_map(|a| a.sources.iter()));
    source_ids.sort();
    source_ids.dedup();
    let mut sources = Vec::new();
    for source_id in source_ids {
        sources.extend(read::source(db, source_id.as_str())?);
    }
    Ok(Some(IncidentDetail {
        incident,
        reports,
        sources,
        statements,
    }))
}

fn import_runs(db: &mut Db<'_>) -> Result<Vec<ImportRun>> {
    collect(
        db,
        "SELECT finished_at, record_kind, file_name, file_sha256, rows_read, inserted, updated,
                unchanged, skipped FROM import_runs ORDER BY id",
        &[],
        |r| {
            Ok(ImportRun {
                finished_at: parse_instant("import_runs.finished_at", &g::<String>(r, 0)?)?,
                record_kind: g(r, 1)?,
                file_name: g(r, 2)?,
                file_sha256: parse("import_runs.file_sha256", &g::<String>(r, 3)?)?,
                rows_read: unsigned("import_runs.rows_read", g(r, 4)?)?,
                inserted: unsigned("import_runs.inserted", g(r, 5)?)?,
                updated: unsigned("import_runs.updated", g(r, 6)?)?,
                unchanged: unsigned("import_runs.unchanged", g(r, 7)?)?,
                skipped: unsigned("import_runs.skipped", g(r, 8)?)?,
            })
        },
    )
}

fn counts(db: &mut Db<'_>) -> Result<Counts> {
    let mut c = |sql: &str| read::count(db, sql);
    Ok(Counts {
        sources: c("SELECT count(*) FROM sources")?,
        parties: c("SELECT count(*) FROM parties")?,
        areas: c("SELECT count(*) FROM areas")?,
        sites: c("SELECT count(*) FROM sites")?,
        movements: c("SELECT count(*) FROM movements")?,
        notifications: c("SELECT count(DISTINCT id) FROM notifications")?,
        acknowledgements: c("SELECT count(*) FROM acknowledgements")?,
        reports: c("SELECT count(*) FROM reports")?,
        incidents: c("SELECT count(*) FROM incidents")?,
        statements: c("SELECT count(*) FROM statements")?,
        ceasefires: c("SELECT count(*) FROM ceasefires")?,
        zones_of_control: c("SELECT count(*) FROM zones_of_control")?,
        population_figures: c("SELECT count(*) FROM population_figures")?,
    })
}

/// The walks over whole tables: a page at a time in key order (keyset pagination), the caller's
/// function called between pages with the connection unlocked. [`Store`]'s `for_each_*` run
/// them inside one snapshot ([`PgStore::snapshot`]), so that a walk sees one committed state
/// however long it takes, as SQLite's single statement does.
impl PgStore {
    fn walk_incidents(&self, f: &mut dyn FnMut(Incident) -> Result<()>) -> Result<()> {
        // "" sorts before every id.
        let mut last = String::new();
        loop {
            let page = self.with(|db| read::incidents_after(db, &last))?;
            let full = page.len() as i64 == PAGE;
            if let Some(incident) = page.last() {
                last = incident.id.to_string();
            }
            for incident in page {
                f(incident)?;
            }
            if !full {
                return Ok(());
            }
        }
    }

    fn walk_reports(&self, f: &mut dyn FnMut(Report) -> Result<()>) -> Result<()> {
        let sql = format!(
            "SELECT {} FROM reports WHERE id > $1 ORDER BY id LIMIT $2",
            read::REPORT_COLUMNS
        );
        let mut last = String::new();
        loop {
            let page = self.with(|db| collect(db, &sql, &[&last, &PAGE], read::report_row))?;
            let full = page.len() as i64 == PAGE;
            if let Some(report) = page.last() {
                last = report.id.to_string();
            }
            for report in page {
                f(report)?;
            }
            if !full {
                return Ok(());
            }
        }
    }

    fn walk_findings(&self, f: &mut dyn FnMut(Finding) -> Result<()>) -> Result<()> {
        // In (incident, position) order; ("", MIN) is before every finding.
        let mut last = (String::new(), i64::MIN);
        loop {
            let (page, page_last) = self.with(|db| crate::findings::page_after(db, &last))?;
            let full = page.len() as i64 == PAGE;
            for finding in page {
                f(finding)?;
            }
            match page_last {
                Some(key) if full => last = key,
                _ => return Ok(()),
            }
        }
    }
}

impl Store for PgStore {
    fn transaction_as(&mut self, actor: &Actor) -> Result<Box<dyn Transaction + '_>> {
        let session = self.session.get_mut().map_err(|_| crate::poisoned())?;
        crate::write::begin(session, actor)
    }

    fn counts(&self) -> Result<Counts> {
        self.with(counts)
    }

    fn sources(&self) -> Result<Vec<Source>> {
        let sql = format!("SELECT {} FROM sources ORDER BY id", read::SOURCE_COLUMNS);
        self.with(|db| collect(db, &sql, &[], read::source_row))
    }

    fn source(&self, id: &SourceId) -> Result<Option<Source>> {
        self.with(|db| read::source(db, id.as_str()))
    }

    fn parties(&self) -> Result<Vec<Party>> {
        self.with(|db| {
            collect(
                db,
                "SELECT id, name, kind FROM parties ORDER BY id",
                &[],
                read::party_row,
            )
        })
    }

    fn areas(&self) -> Result<Vec<Area>> {
        let sql = format!("SELECT {} FROM areas ORDER BY id", read::AREA_COLUMNS);
        self.with(|db| collect(db, &sql, &[], read::area_row))
    }

    fn movements(&self) -> Result<Vec<Movement>> {
        let sql = format!(
            "SELECT {} FROM movements ORDER BY id",
            read::MOVEMENT_COLUMNS
        );
        self.with(|db| collect(db, &sql, &[], read::movement_row))
    }

    fn ceasefires(&self) -> Result<Vec<Ceasefire>> {
        let sql = format!(
            "SELECT {} FROM ceasefires ORDER BY start_at, id",
            read::CEASEFIRE_COLUMNS
        );
        self.with(|db| collect(db, &sql, &[], read::ceasefire_row))
    }

    fn zones_of_control(&self) -> Result<Vec<ZoneOfControl>> {
        let sql = format!(
            "SELECT {} FROM zones_of_control ORDER BY area, valid_from, id",
            read::ZONE_COLUMNS
        );
        self.with(|db| collect(db, &sql, &[], read::zone_row))
    }

    fn population_figures(&self, area: &AreaId) -> Result<Vec<PopulationFigure>> {
        self.with(|db| {
            collect(
                db,
                "SELECT area, as_of, population, source FROM population_figures WHERE area = $1
                 ORDER BY as_of, source",
                &[&area.as_str()],
                read::population_row,
            )
        })
    }

    fn sites(&self) -> Result<Vec<Site>> {
        let sql = format!("SELECT {} FROM sites ORDER BY id", read::SITE_COLUMNS);
        self.with(|db| {
            let mut sites = collect(db, &sql, &[], read::site_core)?;
            for site in &mut sites {
                read::fill_history(db, site)?;
            }
            Ok(sites)
        })
    }

    fn site(&self, id: &SiteId) -> Result<Option<Site>> {
        self.with(|db| read::site(db, id.as_str()))
    }

    fn site_detail(&self, id: &SiteId) -> Result<Option<SiteDetail>> {
        self.with(|db| site_detail(db, id))
    }

    fn for_each_incident(&self, f: &mut dyn FnMut(Incident) -> Result<()>) -> Result<()> {
        // One snapshot for the whole walk, as one SQLite statement would see, so a write
        // committed meanwhile is not half in it.
        self.snapshot(|store| store.walk_incidents(f))?
    }

    fn incidents_page(&self, query: &vigil_store::IncidentQuery) -> Result<Vec<Incident>> {
        self.with(|db| crate::search::incidents_page(db, query))
    }

    fn incident(&self, id: &IncidentId) -> Result<Option<Incident>> {
        self.with(|db| read::incident(db, id.as_str()))
    }

    fn statement(&self, id: &StatementId) -> Result<Option<Statement>> {
        self.with(|db| read::statement(db, id.as_str()))
    }

    fn incident_detail(&self, id: &IncidentId) -> Result<Option<IncidentDetail>> {
        self.with(|db| incident_detail(db, id))
    }

    fn report(&self, id: &ReportId) -> Result<Option<Report>> {
        self.with(|db| read::report(db, id.as_str()))
    }

    fn for_each_report(&self, f: &mut dyn FnMut(Report) -> Result<()>) -> Result<()> {
        self.snapshot(|store| store.walk_reports(f))?
    }

    fn notifications_of(&self, subject: &Subject) -> Result<Vec<Notification>> {
        self.with(|db| notifications_of(db, subject))
    }

    fn notifications(&self) -> Result<Vec<Notification>> {
        let sql = format!(
            "SELECT {} FROM notifications ORDER BY id, version",
            read::NOTIFICATION_COLUMNS
        );
        self.with(|db| {
            let rows = db.query(&sql, &[])?;
            read::notifications_from(db, rows)
        })
    }

    fn acknowledgements(&self, id: &NotificationId) -> Result<Vec<Acknowledgement>> {
        let sql = format!(
            "SELECT {} FROM acknowledgements WHERE notification_id = $1
             ORDER BY version, received_at, party_id",
            read::ACK_COLUMNS
        );
        self.with(|db| collect(db, &sql, &[&id.as_str()], read::ack_row))
    }

    fn all_acknowledgements(&self) -> Result<Vec<Acknowledgement>> {
        let sql = format!(
            "SELECT {} FROM acknowledgements
             ORDER BY notification_id, version, received_at, party_id",
            read::ACK_COLUMNS
        );
        self.with(|db| collect(db, &sql, &[], read::ack_row))
    }

    fn incident_sources(&self) -> Result<std::collections::HashMap<IncidentId, Vec<SourceId>>> {
        self.with(all_incident_sources)
    }

    fn import_runs(&self) -> Result<Vec<ImportRun>> {
        self.with(import_runs)
    }

    fn data_version(&self) -> Result<u64> {
        self.with(crate::findings::data_version)
    }

    fn findings_state(&self) -> Result<Option<vigil_store::FindingsState>> {
        self.with(crate::findings::state)
    }

    fn finding_digests(&self) -> Result<std::collections::HashMap<IncidentId, Sha256>> {
        self.with(crate::findings::digests)
    }

    fn for_each_finding(&self, f: &mut dyn FnMut(Finding) -> Result<()>) -> Result<()> {
        self.snapshot(|store| store.walk_findings(f))?
    }

    fn findings_about(&self, subject: &finding::Subject) -> Result<Vec<Finding>> {
        self.with(|db| crate::findings::about(db, subject))
    }

    fn account(&self, name: &str) -> Result<Option<Account>> {
        self.with(|db| crate::access::account(db, name))
    }

    fn accounts(&self) -> Result<Vec<Account>> {
        self.with(crate::access::accounts)
    }

    fn token_by_sha256(&self, digest: &Sha256) -> Result<Option<ApiToken>> {
        self.with(|db| crate::access::token_by_sha256(db, digest))
    }

    fn tokens(&self) -> Result<Vec<ApiToken>> {
        self.with(crate::access::tokens)
    }

    fn audit_log(&self, query: &AuditQuery) -> Result<Vec<AuditEntry>> {
        self.with(|db| crate::audit::read(db, query))
    }

    fn evidence(&self, sha256: &Sha256) -> Result<Option<EvidenceItem>> {
        self.with(|db| crate::evidence::item(db, sha256))
    }

    fn evidence_items(&self) -> Result<Vec<EvidenceItem>> {
        self.with(crate::evidence::items)
    }

    fn evidence_of_incident(&self, id: &IncidentId) -> Result<Vec<EvidenceItem>> {
        self.with(|db| crate::evidence::items_of_incident(db, id))
    }

    fn custody_of(&self, sha256: &Sha256) -> Result<Vec<CustodyEvent>> {
        self.with(|db| crate::evidence::custody_of(db, sha256))
    }

    fn log_signer_key(&self) -> Result<Option<String>> {
        self.with(crate::translog::signer_key)
    }

    fn log_leaves(&self) -> Result<Vec<(u64, [u8; 32])>> {
        self.with(crate::translog::leaves)
    }

    fn log_checkpoints(&self) -> Result<Vec<(u64, String)>> {
        self.with(crate::translog::checkpoints)
    }

    fn log_head(&self) -> Result<Option<vigil_store::LogHead>> {
        self.with(crate::translog::head)
    }
}
