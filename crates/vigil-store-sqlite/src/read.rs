//! Reads: rows back into domain records. Every function takes a plain connection so the
//! write side can use them inside its transaction.

use crate::codec::*;
use crate::SqliteStore;
use rusqlite::{params, Connection, OptionalExtension, Row};
use vigil_domain::*;
use vigil_store::{
    AuditQuery, Counts, ImportRun, IncidentDetail, SiteDetail, Store, StoreResult, Transaction,
};

type Result<T> = StoreResult<T>;

pub(crate) fn collect<T>(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
    mut map: impl FnMut(&Row<'_>) -> Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql).map_err(backend)?;
    let mut rows = stmt.query(params).map_err(backend)?;
    let mut out = Vec::new();
    while let Some(row) = rows.next().map_err(backend)? {
        out.push(map(row)?);
    }
    Ok(out)
}

fn g<T: rusqlite::types::FromSql>(row: &Row<'_>, i: usize) -> Result<T> {
    row.get(i).map_err(backend)
}

pub fn source_row(row: &Row<'_>) -> Result<Source> {
    Ok(Source {
        id: parse("sources.id", &g::<String>(row, 0)?)?,
        kind: parse("sources.kind", &g::<String>(row, 1)?)?,
        title: g(row, 2)?,
        publisher: g(row, 3)?,
        url: g(row, 4)?,
        published_on: opt_day("sources.published_on", g(row, 5)?)?,
        protected: g::<i64>(row, 6)? != 0,
    })
}

const SOURCE_COLUMNS: &str = "id, kind, title, publisher, url, published_on, protected";

pub fn source(conn: &Connection, id: &str) -> Result<Option<Source>> {
    let sql = format!("SELECT {SOURCE_COLUMNS} FROM sources WHERE id = ?1");
    Ok(collect(conn, &sql, [id], source_row)?.pop())
}

pub fn area(conn: &Connection, id: &str) -> Result<Option<Area>> {
    let sql = format!("SELECT {AREA_COLUMNS} FROM areas WHERE id = ?1");
    Ok(collect(conn, &sql, [id], area_row)?.pop())
}

pub fn party(conn: &Connection, id: &str) -> Result<Option<Party>> {
    Ok(collect(
        conn,
        "SELECT id, name, kind FROM parties WHERE id = ?1",
        [id],
        party_row,
    )?
    .pop())
}

fn party_row(row: &Row<'_>) -> Result<Party> {
    Ok(Party {
        id: parse("parties.id", &g::<String>(row, 0)?)?,
        name: g(row, 1)?,
        kind: parse("parties.kind", &g::<String>(row, 2)?)?,
    })
}

const AREA_COLUMNS: &str = "id, level, pcode, name_en, name_ar, parent, boundary, source";

fn area_row(row: &Row<'_>) -> Result<Area> {
    Ok(Area {
        id: parse("areas.id", &g::<String>(row, 0)?)?,
        level: parse("areas.level", &g::<String>(row, 1)?)?,
        pcode: g(row, 2)?,
        name_en: g(row, 3)?,
        name_ar: g(row, 4)?,
        parent: opt_parse("areas.parent", g(row, 5)?)?,
        boundary: g::<Option<String>>(row, 6)?
            .map(|t| parse_geometry("areas.boundary", &t))
            .transpose()?,
        source: opt_parse("areas.source", g(row, 7)?)?,
    })
}

const SITE_COLUMNS: &str =
    "id, kind, name, operator, lon, lat, precision, radius_m, footprint, sensitivity, area";

/// A site's own columns, without its status history and capacity.
fn site_core(row: &Row<'_>) -> Result<Site> {
    Ok(Site {
        id: parse("sites.id", &g::<String>(row, 0)?)?,
        kind: parse("sites.kind", &g::<String>(row, 1)?)?,
        name: g(row, 2)?,
        operator: g(row, 3)?,
        location: Location {
            point: Some(
                Point::new(g(row, 4)?, g(row, 5)?)
                    .map_err(|e| corrupt("sites.lon/lat", "", e[0].clone()))?,
            ),
            precision: parse("sites.precision", &g::<String>(row, 6)?)?,
            radius_m: g(row, 7)?,
        },
        footprint: g::<Option<String>>(row, 8)?
            .map(|t| parse_geometry("sites.footprint", &t))
            .transpose()?,
        sensitivity: parse("sites.sensitivity", &g::<String>(row, 9)?)?,
        area: opt_parse("sites.area", g(row, 10)?)?,
        status: Vec::new(),
        capacity: Vec::new(),
    })
}

pub fn site_without_history(conn: &Connection, id: &str) -> Result<Option<Site>> {
    let sql = format!("SELECT {SITE_COLUMNS} FROM sites WHERE id = ?1");
    Ok(collect(conn, &sql, [id], site_core)?.pop())
}

fn fill_history(conn: &Connection, site: &mut Site) -> Result<()> {
    let id = site.id.as_str();
    site.status = collect(
        conn,
        "SELECT as_of, status, source, note FROM site_status WHERE site_id = ?1
         ORDER BY as_of, status, source",
        [id],
        |row| {
            Ok(StatusEntry {
                as_of: parse_day("site_status.as_of", &g::<String>(row, 0)?)?,
                status: parse("site_status.status", &g::<String>(row, 1)?)?,
                source: empty_as_none("site_status.source", g(row, 2)?)?,
                note: g(row, 3)?,
            })
        },
    )?;
    site.capacity = collect(
        conn,
        "SELECT as_of, metric, value, source FROM site_capacity WHERE site_id = ?1
         ORDER BY as_of, metric, source",
        [id],
        |row| {
            Ok(CapacityFact {
                as_of: parse_day("site_capacity.as_of", &g::<String>(row, 0)?)?,
                metric: parse("site_capacity.metric", &g::<String>(row, 1)?)?,
                value: g(row, 2)?,
                source: empty_as_none("site_capacity.source", g(row, 3)?)?,
            })
        },
    )?;
    Ok(())
}

pub fn site(conn: &Connection, id: &str) -> Result<Option<Site>> {
    let Some(mut site) = site_without_history(conn, id)? else {
        return Ok(None);
    };
    fill_history(conn, &mut site)?;
    Ok(Some(site))
}

const MOVEMENT_COLUMNS: &str = "id, kind, name, operator, route, corridor_width_m, window_start, \
     window_end, window_precision, sensitivity, source";

fn movement_row(row: &Row<'_>) -> Result<Movement> {
    let route: geo_types::LineString<f64> =
        parse_geometry("movements.route", &g::<String>(row, 4)?)?;
    let route = route
        .coords()
        .map(|c| Point::new(c.x, c.y).map_err(|e| corrupt("movements.route", "", e[0].clone())))
        .collect::<Result<Vec<_>>>()?;
    let window = TimeSpan::new(
        parse_instant("movements.window_start", &g::<String>(row, 6)?)?,
        parse_instant("movements.window_end", &g::<String>(row, 7)?)?,
        parse("movements.window_precision", &g::<String>(row, 8)?)?,
    )
    .map_err(|e| corrupt("movements.window_end", "", e))?;
    Ok(Movement {
        id: parse("movements.id", &g::<String>(row, 0)?)?,
        kind: parse("movements.kind", &g::<String>(row, 1)?)?,
        name: g(row, 2)?,
        operator: g(row, 3)?,
        route,
        corridor_width_m: g(row, 5)?,
        window,
        sensitivity: parse("movements.sensitivity", &g::<String>(row, 9)?)?,
        source: opt_parse("movements.source", g(row, 10)?)?,
    })
}

pub fn movement(conn: &Connection, id: &str) -> Result<Option<Movement>> {
    let sql = format!("SELECT {MOVEMENT_COLUMNS} FROM movements WHERE id = ?1");
    Ok(collect(conn, &sql, [id], movement_row)?.pop())
}

const NOTIFICATION_COLUMNS: &str = "id, version, subject_kind, subject_id, sent_at, valid_from, \
     valid_to, withdrawn_at, channel, payload_sha256, source";

fn notification_row(conn: &Connection, row: &Row<'_>) -> Result<Notification> {
    let id: String = g(row, 0)?;
    let version: u32 = g(row, 1)?;
    let subject_id: String = g(row, 3)?;
    let subject = match g::<String>(row, 2)?.as_str() {
        "site" => Subject::Site(parse("notifications.subject_id", &subject_id)?),
        _ => Subject::Movement(parse("notifications.subject_id", &subject_id)?),
    };
    let parties = collect(
        conn,
        "SELECT party_id FROM notification_parties WHERE notification_id = ?1 AND version = ?2
         ORDER BY position",
        params![id, version],
        |r| parse("notification_parties.party_id", &g::<String>(r, 0)?),
    )?;
    Ok(Notification {
        id: parse("notifications.id", &id)?,
        version,
        subject,
        parties,
        sent_at: parse_instant("notifications.sent_at", &g::<String>(row, 4)?)?,
        valid: DayWindow {
            from: parse_day("notifications.valid_from", &g::<String>(row, 5)?)?,
            to: opt_day("notifications.valid_to", g(row, 6)?)?,
        },
        withdrawn_at: opt_instant("notifications.withdrawn_at", g(row, 7)?)?,
        channel: g(row, 8)?,
        payload_sha256: parse("notifications.payload_sha256", &g::<String>(row, 9)?)?,
        source: opt_parse("notifications.source", g(row, 10)?)?,
    })
}

pub fn notification_version(
    conn: &Connection,
    id: &str,
    version: u32,
) -> Result<Option<Notification>> {
    let sql =
        format!("SELECT {NOTIFICATION_COLUMNS} FROM notifications WHERE id = ?1 AND version = ?2");
    Ok(collect(conn, &sql, params![id, version], |r| {
        notification_row(conn, r)
    })?
    .pop())
}

pub fn latest_notification(conn: &Connection, id: &str) -> Result<Option<Notification>> {
    let sql = format!(
        "SELECT {NOTIFICATION_COLUMNS} FROM notifications WHERE id = ?1 ORDER BY version DESC LIMIT 1"
    );
    Ok(collect(conn, &sql, [id], |r| notification_row(conn, r))?.pop())
}

fn ack_row(row: &Row<'_>) -> Result<Acknowledgement> {
    Ok(Acknowledgement {
        notification: parse("acknowledgements.notification_id", &g::<String>(row, 0)?)?,
        version: g(row, 1)?,
        party: parse("acknowledgements.party_id", &g::<String>(row, 2)?)?,
        received_at: parse_instant("acknowledgements.received_at", &g::<String>(row, 3)?)?,
        by: g(row, 4)?,
        channel: g(row, 5)?,
        source: opt_parse("acknowledgements.source", g(row, 6)?)?,
    })
}

const ACK_COLUMNS: &str =
    "notification_id, version, party_id, received_at, by_whom, channel, source";

pub fn acknowledgement(
    conn: &Connection,
    id: &str,
    version: u32,
    party: &str,
) -> Result<Option<Acknowledgement>> {
    let sql = format!(
        "SELECT {ACK_COLUMNS} FROM acknowledgements
         WHERE notification_id = ?1 AND version = ?2 AND party_id = ?3"
    );
    Ok(collect(conn, &sql, params![id, version, party], ack_row)?.pop())
}

fn report_row(row: &Row<'_>) -> Result<Report> {
    let content: String = g(row, 4)?;
    Ok(Report {
        id: parse("reports.id", &g::<String>(row, 0)?)?,
        source: parse("reports.source", &g::<String>(row, 1)?)?,
        received_at: parse_instant("reports.received_at", &g::<String>(row, 2)?)?,
        summary: g(row, 3)?,
        content: ReportContent::from_json_text(content.clone())
            .map_err(|e| corrupt("reports.content", &content, e))?,
    })
}

pub fn report(conn: &Connection, id: &str) -> Result<Option<Report>> {
    Ok(collect(
        conn,
        "SELECT id, source, received_at, summary, content FROM reports WHERE id = ?1",
        [id],
        report_row,
    )?
    .pop())
}

pub(crate) const INCIDENT_COLUMNS: &str =
    "id, title, kind, start_at, end_at, time_precision, lon, lat, \
     precision, radius_m, area, weapon, damage, certainty, description";

/// A point from two nullable columns: both or neither (the schema's CHECK says so too).
fn optional_point(column: &str, lon: Option<f64>, lat: Option<f64>) -> Result<Option<Point>> {
    match (lon, lat) {
        (Some(lon), Some(lat)) => Point::new(lon, lat)
            .map(Some)
            .map_err(|e| corrupt(column, "", e[0].clone())),
        (None, None) => Ok(None),
        _ => Err(corrupt(
            column,
            "",
            vigil_domain::ValidationError::new(column, "one of lon and lat is missing"),
        )),
    }
}

pub(crate) fn incident_core(row: &Row<'_>) -> Result<Incident> {
    let when = TimeSpan::new(
        parse_instant("incidents.start_at", &g::<String>(row, 3)?)?,
        parse_instant("incidents.end_at", &g::<String>(row, 4)?)?,
        parse("incidents.time_precision", &g::<String>(row, 5)?)?,
    )
    .map_err(|e| corrupt("incidents.end_at", "", e))?;
    Ok(Incident {
        id: parse("incidents.id", &g::<String>(row, 0)?)?,
        title: g(row, 1)?,
        kind: parse("incidents.kind", &g::<String>(row, 2)?)?,
        when,
        location: Location {
            point: optional_point("incidents.lon/lat", g(row, 6)?, g(row, 7)?)?,
            precision: parse("incidents.precision", &g::<String>(row, 8)?)?,
            radius_m: g(row, 9)?,
        },
        area: opt_parse("incidents.area", g(row, 10)?)?,
        weapon: g(row, 11)?,
        damage: opt_parse("incidents.damage", g(row, 12)?)?,
        certainty: parse("incidents.certainty", &g::<String>(row, 13)?)?,
        description: g(row, 14)?,
        targets: Vec::new(),
        casualties: Vec::new(),
        attributions: Vec::new(),
        reports: Vec::new(),
    })
}

// The child tables of an incident. Each query selects `incident_id` first, then the values
// its row mapper reads from column 1 on; `{filter}` is either empty (every incident, for the
// merge in `for_each_incident`) or `WHERE incident_id = ?1` (one incident).
const REPORT_LINKS: &str =
    "SELECT incident_id, report_id FROM incident_reports {filter} ORDER BY incident_id, position";
const TARGETS: &str = "SELECT incident_id, target_type, target FROM incident_targets {filter}
     ORDER BY incident_id, position";
const CASUALTIES: &str = "SELECT incident_id, grp, outcome, low, best, high, source FROM casualties
     {filter} ORDER BY incident_id, position";
const ATTRIBUTIONS: &str = "SELECT incident_id, party_id, grade, sources FROM attributions {filter}
     ORDER BY incident_id, position";

fn report_link_row(r: &Row<'_>) -> Result<ReportId> {
    parse("incident_reports.report_id", &g::<String>(r, 1)?)
}

fn target_row(r: &Row<'_>) -> Result<Target> {
    let target: String = g(r, 2)?;
    Ok(match g::<String>(r, 1)?.as_str() {
        "site" => Target::Site(parse("incident_targets.target", &target)?),
        "movement" => Target::Movement(parse("incident_targets.target", &target)?),
        _ => Target::Kind(parse("incident_targets.target", &target)?),
    })
}

fn casualty_row(r: &Row<'_>) -> Result<CasualtyFigure> {
    Ok(CasualtyFigure {
        group: parse("casualties.grp", &g::<String>(r, 1)?)?,
        outcome: parse("casualties.outcome", &g::<String>(r, 2)?)?,
        count: Range {
            low: g(r, 3)?,
            best: g(r, 4)?,
            high: g(r, 5)?,
        },
        source: empty_as_none("casualties.source", g(r, 6)?)?,
    })
}

fn attribution_row(r: &Row<'_>) -> Result<Attribution> {
    Ok(Attribution {
        party: parse("attributions.party_id", &g::<String>(r, 1)?)?,
        grade: parse("attributions.grade", &g::<String>(r, 2)?)?,
        sources: parse_json_list("attributions.sources", &g::<String>(r, 3)?)?,
    })
}

fn for_one(query: &str) -> String {
    query.replace("{filter}", "WHERE incident_id = ?1")
}

fn for_all(query: &str) -> String {
    query.replace("{filter}", "")
}

fn fill_incident(conn: &Connection, incident: &mut Incident) -> Result<()> {
    let id = [incident.id.as_str()];
    incident.reports = collect(conn, &for_one(REPORT_LINKS), id, report_link_row)?;
    incident.targets = collect(conn, &for_one(TARGETS), id, target_row)?;
    incident.casualties = collect(conn, &for_one(CASUALTIES), id, casualty_row)?;
    incident.attributions = collect(conn, &for_one(ATTRIBUTIONS), id, attribution_row)?;
    Ok(())
}

fn for_many(query: &str) -> String {
    query.replace(
        "{filter}",
        "WHERE incident_id IN (SELECT value FROM json_each(?1))",
    )
}

/// Reads the children of `incidents`, which are in id order, with one query per child table
/// for all of them rather than four queries per incident: a page of a hundred incidents is then
/// four statements, not four hundred.
pub(crate) fn fill_incidents(conn: &Connection, incidents: &mut [Incident]) -> Result<()> {
    let ids: Vec<&str> = incidents.iter().map(|i| i.id.as_str()).collect();
    let ids = serde_json::to_string(&ids).expect("strings encode");
    let prepare = |sql: &str| conn.prepare_cached(&for_many(sql)).map_err(backend);
    let (mut links, mut targets) = (prepare(REPORT_LINKS)?, prepare(TARGETS)?);
    let (mut casualties, mut attributions) = (prepare(CASUALTIES)?, prepare(ATTRIBUTIONS)?);
    let mut links = Children::with_params(&mut links, [&ids], report_link_row)?;
    let mut targets = Children::with_params(&mut targets, [&ids], target_row)?;
    let mut casualties = Children::with_params(&mut casualties, [&ids], casualty_row)?;
    let mut attributions = Children::with_params(&mut attributions, [&ids], attribution_row)?;
    for incident in incidents {
        let id = incident.id.as_str();
        incident.reports = links.take(id)?;
        incident.targets = targets.take(id)?;
        incident.casualties = casualties.take(id)?;
        incident.attributions = attributions.take(id)?;
    }
    Ok(())
}

/// One child table read in incident-id order, alongside the incidents themselves, so that all
/// incidents are read in one pass per table instead of four queries per incident.
struct Children<'s, T> {
    rows: rusqlite::Rows<'s>,
    map: fn(&Row<'_>) -> Result<T>,
    /// The next row not yet taken: its incident id and value.
    next: Option<(String, T)>,
}

impl<'s, T> Children<'s, T> {
    fn new(
        statement: &'s mut rusqlite::Statement<'_>,
        map: fn(&Row<'_>) -> Result<T>,
    ) -> Result<Self> {
        Self::with_params(statement, [], map)
    }

    fn with_params(
        statement: &'s mut rusqlite::Statement<'_>,
        params: impl rusqlite::Params,
        map: fn(&Row<'_>) -> Result<T>,
    ) -> Result<Self> {
        let rows = statement.query(params).map_err(backend)?;
        let mut children = Self {
            rows,
            map,
            next: None,
        };
        children.advance()?;
        Ok(children)
    }

    fn advance(&mut self) -> Result<()> {
        self.next = match self.rows.next().map_err(backend)? {
            Some(row) => Some((g(row, 0)?, (self.map)(row)?)),
            None => None,
        };
        Ok(())
    }

    /// The values of incident `id`. Both sides are ordered by SQLite's BINARY collation, which
    /// is the byte order `str` compares by; rows of an id with no incident are passed over.
    fn take(&mut self, id: &str) -> Result<Vec<T>> {
        let mut values = Vec::new();
        while let Some((key, _)) = &self.next {
            match key.as_str().cmp(id) {
                std::cmp::Ordering::Less => self.advance()?,
                std::cmp::Ordering::Equal => {
                    let (_, value) = self.next.take().expect("just matched");
                    values.push(value);
                    self.advance()?;
                }
                std::cmp::Ordering::Greater => break,
            }
        }
        Ok(values)
    }
}

pub fn incident(conn: &Connection, id: &str) -> Result<Option<Incident>> {
    let sql = format!("SELECT {INCIDENT_COLUMNS} FROM incidents WHERE id = ?1");
    let Some(mut incident) = collect(conn, &sql, [id], incident_core)?.pop() else {
        return Ok(None);
    };
    fill_incident(conn, &mut incident)?;
    Ok(Some(incident))
}

fn statement_row(row: &Row<'_>) -> Result<Statement> {
    Ok(Statement {
        id: parse("statements.id", &g::<String>(row, 0)?)?,
        incident: parse("statements.incident_id", &g::<String>(row, 1)?)?,
        party: opt_parse("statements.party_id", g(row, 2)?)?,
        kind: parse("statements.kind", &g::<String>(row, 3)?)?,
        made_on: parse_day("statements.made_on", &g::<String>(row, 4)?)?,
        summary: g(row, 5)?,
        source: parse("statements.source", &g::<String>(row, 6)?)?,
    })
}

const STATEMENT_COLUMNS: &str = "id, incident_id, party_id, kind, made_on, summary, source";

pub fn statement(conn: &Connection, id: &str) -> Result<Option<Statement>> {
    let sql = format!("SELECT {STATEMENT_COLUMNS} FROM statements WHERE id = ?1");
    Ok(collect(conn, &sql, [id], statement_row)?.pop())
}

fn ceasefire_row(row: &Row<'_>) -> Result<Ceasefire> {
    Ok(Ceasefire {
        id: parse("ceasefires.id", &g::<String>(row, 0)?)?,
        name: g(row, 1)?,
        parties: parse_json_list("ceasefires.parties", &g::<String>(row, 2)?)?,
        areas: parse_json_list("ceasefires.areas", &g::<String>(row, 3)?)?,
        start: parse_instant("ceasefires.start_at", &g::<String>(row, 4)?)?,
        planned_end: opt_instant("ceasefires.planned_end", g(row, 5)?)?,
        collapsed_at: opt_instant("ceasefires.collapsed_at", g(row, 6)?)?,
        source: opt_parse("ceasefires.source", g(row, 7)?)?,
    })
}

const CEASEFIRE_COLUMNS: &str =
    "id, name, parties, areas, start_at, planned_end, collapsed_at, source";

pub fn ceasefire(conn: &Connection, id: &str) -> Result<Option<Ceasefire>> {
    let sql = format!("SELECT {CEASEFIRE_COLUMNS} FROM ceasefires WHERE id = ?1");
    Ok(collect(conn, &sql, [id], ceasefire_row)?.pop())
}

const ZONE_COLUMNS: &str = "id, area, party_id, valid_from, valid_to, source";

fn zone_row(row: &Row<'_>) -> Result<ZoneOfControl> {
    Ok(ZoneOfControl {
        id: parse("zones_of_control.id", &g::<String>(row, 0)?)?,
        area: parse("zones_of_control.area", &g::<String>(row, 1)?)?,
        party: parse("zones_of_control.party_id", &g::<String>(row, 2)?)?,
        period: DayWindow {
            from: parse_day("zones_of_control.valid_from", &g::<String>(row, 3)?)?,
            to: opt_day("zones_of_control.valid_to", g(row, 4)?)?,
        },
        source: opt_parse("zones_of_control.source", g(row, 5)?)?,
    })
}

pub fn zone_of_control(conn: &Connection, id: &str) -> Result<Option<ZoneOfControl>> {
    let sql = format!("SELECT {ZONE_COLUMNS} FROM zones_of_control WHERE id = ?1");
    Ok(collect(conn, &sql, [id], zone_row)?.pop())
}

fn population_row(row: &Row<'_>) -> Result<PopulationFigure> {
    Ok(PopulationFigure {
        area: parse("population_figures.area", &g::<String>(row, 0)?)?,
        as_of: parse_day("population_figures.as_of", &g::<String>(row, 1)?)?,
        population: g::<i64>(row, 2)? as u64,
        source: parse("population_figures.source", &g::<String>(row, 3)?)?,
    })
}

pub fn population_figure(
    conn: &Connection,
    area: &str,
    as_of: &str,
    source: &str,
) -> Result<Option<PopulationFigure>> {
    Ok(collect(
        conn,
        "SELECT area, as_of, population, source FROM population_figures
         WHERE area = ?1 AND as_of = ?2 AND source = ?3",
        params![area, as_of, source],
        population_row,
    )?
    .pop())
}

pub fn exists(conn: &Connection, table: &str, id: &str) -> Result<bool> {
    let sql = format!("SELECT 1 FROM {table} WHERE id = ?1");
    conn.prepare_cached(&sql)
        .and_then(|mut s| s.query_row([id], |_| Ok(())).optional())
        .map(|found| found.is_some())
        .map_err(backend)
}

fn count(conn: &Connection, sql: &str) -> Result<u64> {
    conn.query_row(sql, [], |row| row.get::<_, i64>(0))
        .map(|n| n as u64)
        .map_err(backend)
}

impl Store for SqliteStore {
    fn transaction_as(&mut self, actor: &Actor) -> Result<Box<dyn Transaction + '_>> {
        crate::write::begin(&mut self.conn, actor)
    }

    fn counts(&self) -> Result<Counts> {
        let c = &self.conn;
        Ok(Counts {
            sources: count(c, "SELECT count(*) FROM sources")?,
            parties: count(c, "SELECT count(*) FROM parties")?,
            areas: count(c, "SELECT count(*) FROM areas")?,
            sites: count(c, "SELECT count(*) FROM sites")?,
            movements: count(c, "SELECT count(*) FROM movements")?,
            notifications: count(c, "SELECT count(DISTINCT id) FROM notifications")?,
            acknowledgements: count(c, "SELECT count(*) FROM acknowledgements")?,
            reports: count(c, "SELECT count(*) FROM reports")?,
            incidents: count(c, "SELECT count(*) FROM incidents")?,
            statements: count(c, "SELECT count(*) FROM statements")?,
            ceasefires: count(c, "SELECT count(*) FROM ceasefires")?,
            zones_of_control: count(c, "SELECT count(*) FROM zones_of_control")?,
            population_figures: count(c, "SELECT count(*) FROM population_figures")?,
        })
    }

    fn sources(&self) -> Result<Vec<Source>> {
        let sql = format!("SELECT {SOURCE_COLUMNS} FROM sources ORDER BY id");
        collect(&self.conn, &sql, [], source_row)
    }

    fn source(&self, id: &SourceId) -> Result<Option<Source>> {
        source(&self.conn, id.as_str())
    }

    fn parties(&self) -> Result<Vec<Party>> {
        collect(
            &self.conn,
            "SELECT id, name, kind FROM parties ORDER BY id",
            [],
            party_row,
        )
    }

    fn areas(&self) -> Result<Vec<Area>> {
        let sql = format!("SELECT {AREA_COLUMNS} FROM areas ORDER BY id");
        collect(&self.conn, &sql, [], area_row)
    }

    fn movements(&self) -> Result<Vec<Movement>> {
        let sql = format!("SELECT {MOVEMENT_COLUMNS} FROM movements ORDER BY id");
        collect(&self.conn, &sql, [], movement_row)
    }

    fn ceasefires(&self) -> Result<Vec<Ceasefire>> {
        let sql = format!("SELECT {CEASEFIRE_COLUMNS} FROM ceasefires ORDER BY start_at, id");
        collect(&self.conn, &sql, [], ceasefire_row)
    }

    fn zones_of_control(&self) -> Result<Vec<ZoneOfControl>> {
        let sql =
            format!("SELECT {ZONE_COLUMNS} FROM zones_of_control ORDER BY area, valid_from, id");
        collect(&self.conn, &sql, [], zone_row)
    }

    fn population_figures(&self, area: &AreaId) -> Result<Vec<PopulationFigure>> {
        collect(
            &self.conn,
            "SELECT area, as_of, population, source FROM population_figures WHERE area = ?1
             ORDER BY as_of, source",
            [area.as_str()],
            population_row,
        )
    }

    fn sites(&self) -> Result<Vec<Site>> {
        let sql = format!("SELECT {SITE_COLUMNS} FROM sites ORDER BY id");
        let mut sites = collect(&self.conn, &sql, [], site_core)?;
        for site in &mut sites {
            fill_history(&self.conn, site)?;
        }
        Ok(sites)
    }

    fn site(&self, id: &SiteId) -> Result<Option<Site>> {
        site(&self.conn, id.as_str())
    }

    fn site_detail(&self, id: &SiteId) -> Result<Option<SiteDetail>> {
        let Some(site) = site(&self.conn, id.as_str())? else {
            return Ok(None);
        };
        let mut notifications = Vec::new();
        for n in self.notifications_of(&Subject::Site(id.clone()))? {
            let acks = collect(
                &self.conn,
                &format!(
                    "SELECT {ACK_COLUMNS} FROM acknowledgements
                     WHERE notification_id = ?1 AND version = ?2 ORDER BY received_at, party_id"
                ),
                params![n.id.as_str(), n.version],
                ack_row,
            )?;
            notifications.push((n, acks));
        }
        let ids: Vec<String> = collect(
            &self.conn,
            "SELECT t.incident_id FROM incident_targets t JOIN incidents i ON i.id = t.incident_id
             WHERE t.target_type = 'site' AND t.target = ?1 ORDER BY i.start_at, i.id",
            [id.as_str()],
            |r| g(r, 0),
        )?;
        let mut incidents = Vec::new();
        for incident_id in ids {
            incidents.extend(incident(&self.conn, &incident_id)?);
        }
        Ok(Some(SiteDetail {
            site,
            notifications,
            incidents,
        }))
    }

    fn for_each_incident(&self, f: &mut dyn FnMut(Incident) -> Result<()>) -> Result<()> {
        let sql = format!("SELECT {INCIDENT_COLUMNS} FROM incidents ORDER BY id");
        let prepare = |sql: &str| self.conn.prepare(sql).map_err(backend);
        let mut stmt = prepare(&sql)?;
        let (mut links, mut targets) = (
            prepare(&for_all(REPORT_LINKS))?,
            prepare(&for_all(TARGETS))?,
        );
        let (mut casualties, mut attributions) = (
            prepare(&for_all(CASUALTIES))?,
            prepare(&for_all(ATTRIBUTIONS))?,
        );
        let mut links = Children::new(&mut links, report_link_row)?;
        let mut targets = Children::new(&mut targets, target_row)?;
        let mut casualties = Children::new(&mut casualties, casualty_row)?;
        let mut attributions = Children::new(&mut attributions, attribution_row)?;
        let mut rows = stmt.query([]).map_err(backend)?;
        while let Some(row) = rows.next().map_err(backend)? {
            let mut incident = incident_core(row)?;
            let id = incident.id.as_str();
            incident.reports = links.take(id)?;
            incident.targets = targets.take(id)?;
            incident.casualties = casualties.take(id)?;
            incident.attributions = attributions.take(id)?;
            f(incident)?;
        }
        Ok(())
    }

    fn incidents_page(&self, query: &vigil_store::IncidentQuery) -> Result<Vec<Incident>> {
        crate::search::incidents_page(&self.conn, query)
    }

    fn incident(&self, id: &IncidentId) -> Result<Option<Incident>> {
        incident(&self.conn, id.as_str())
    }

    fn statement(&self, id: &StatementId) -> Result<Option<Statement>> {
        statement(&self.conn, id.as_str())
    }

    fn incident_detail(&self, id: &IncidentId) -> Result<Option<IncidentDetail>> {
        let Some(incident) = incident(&self.conn, id.as_str())? else {
            return Ok(None);
        };
        let mut reports = Vec::new();
        for report_id in &incident.reports {
            reports.extend(report(&self.conn, report_id.as_str())?);
        }
        let statements = collect(
            &self.conn,
            &format!(
                "SELECT {STATEMENT_COLUMNS} FROM statements WHERE incident_id = ?1 ORDER BY made_on, id"
            ),
            [id.as_str()],
            statement_row,
        )?;
        let mut source_ids: Vec<&SourceId> = reports.iter().map(|r| &r.source).collect();
        source_ids.extend(statements.iter().map(|s| &s.source));
        source_ids.extend(incident.casualties.iter().filter_map(|c| c.source.as_ref()));
        source_ids.extend(incident.attributions.iter().flat_map(|a| a.sources.iter()));
        source_ids.sort();
        source_ids.dedup();
        let mut sources = Vec::new();
        for source_id in source_ids {
            sources.extend(source(&self.conn, source_id.as_str())?);
        }
        Ok(Some(IncidentDetail {
            incident,
            reports,
            sources,
            statements,
        }))
    }

    fn report(&self, id: &ReportId) -> Result<Option<Report>> {
        report(&self.conn, id.as_str())
    }

    fn for_each_report(&self, f: &mut dyn FnMut(Report) -> Result<()>) -> Result<()> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, source, received_at, summary, content FROM reports ORDER BY id")
            .map_err(backend)?;
        let mut rows = stmt.query([]).map_err(backend)?;
        while let Some(row) = rows.next().map_err(backend)? {
            f(report_row(row)?)?;
        }
        Ok(())
    }

    fn notifications_of(&self, subject: &Subject) -> Result<Vec<Notification>> {
        let sql = format!(
            "SELECT {NOTIFICATION_COLUMNS} FROM notifications
             WHERE subject_kind = ?1 AND subject_id = ?2 ORDER BY id, version"
        );
        collect(
            &self.conn,
            &sql,
            params![subject.kind(), subject.id()],
            |r| notification_row(&self.conn, r),
        )
    }

    fn notifications(&self) -> Result<Vec<Notification>> {
        let sql = format!("SELECT {NOTIFICATION_COLUMNS} FROM notifications ORDER BY id, version");
        collect(&self.conn, &sql, [], |r| notification_row(&self.conn, r))
    }

    fn acknowledgements(&self, id: &NotificationId) -> Result<Vec<Acknowledgement>> {
        let sql = format!(
            "SELECT {ACK_COLUMNS} FROM acknowledgements WHERE notification_id = ?1
             ORDER BY version, received_at, party_id"
        );
        collect(&self.conn, &sql, [id.as_str()], ack_row)
    }

    fn all_acknowledgements(&self) -> Result<Vec<Acknowledgement>> {
        let sql = format!(
            "SELECT {ACK_COLUMNS} FROM acknowledgements
             ORDER BY notification_id, version, received_at, party_id"
        );
        collect(&self.conn, &sql, [], ack_row)
    }

    fn incident_sources(&self) -> Result<std::collections::HashMap<IncidentId, Vec<SourceId>>> {
        let mut sources: std::collections::HashMap<IncidentId, Vec<SourceId>> =
            std::collections::HashMap::new();
        // The link table carries each report's source (migration 0002), so the large report
        // rows are not read.
        let mut stmt = self
            .conn
            .prepare(
                "SELECT DISTINCT incident_id, source FROM incident_reports
                 WHERE source IS NOT NULL ORDER BY incident_id, source",
            )
            .map_err(backend)?;
        let mut rows = stmt.query([]).map_err(backend)?;
        while let Some(row) = rows.next().map_err(backend)? {
            let incident: IncidentId =
                parse("incident_reports.incident_id", &g::<String>(row, 0)?)?;
            let source: SourceId = parse("incident_reports.source", &g::<String>(row, 1)?)?;
            sources.entry(incident).or_default().push(source);
        }
        Ok(sources)
    }

    fn import_runs(&self) -> Result<Vec<ImportRun>> {
        collect(
            &self.conn,
            "SELECT finished_at, record_kind, file_name, file_sha256, rows_read, inserted, updated,
                    unchanged, skipped FROM import_runs ORDER BY id",
            [],
            |r| {
                Ok(ImportRun {
                    finished_at: parse_instant("import_runs.finished_at", &g::<String>(r, 0)?)?,
                    record_kind: g(r, 1)?,
                    file_name: g(r, 2)?,
                    file_sha256: parse("import_runs.file_sha256", &g::<String>(r, 3)?)?,
                    rows_read: g::<i64>(r, 4)? as u64,
                    inserted: g::<i64>(r, 5)? as u64,
                    updated: g::<i64>(r, 6)? as u64,
                    unchanged: g::<i64>(r, 7)? as u64,
                    skipped: g::<i64>(r, 8)? as u64,
                })
            },
        )
    }

    fn data_version(&self) -> Result<u64> {
        crate::findings::data_version(&self.conn)
    }

    fn findings_state(&self) -> Result<Option<vigil_store::FindingsState>> {
        crate::findings::state(&self.conn)
    }

    fn finding_digests(&self) -> Result<std::collections::HashMap<IncidentId, Sha256>> {
        crate::findings::digests(&self.conn)
    }

    fn for_each_finding(&self, f: &mut dyn FnMut(Finding) -> Result<()>) -> Result<()> {
        crate::findings::for_each(&self.conn, f)
    }

    fn findings_about(&self, subject: &finding::Subject) -> Result<Vec<Finding>> {
        crate::findings::about(&self.conn, subject)
    }

    fn account(&self, name: &str) -> Result<Option<Account>> {
        crate::access::account(&self.conn, name)
    }

    fn accounts(&self) -> Result<Vec<Account>> {
        crate::access::accounts(&self.conn)
    }

    fn token_by_sha256(&self, digest: &Sha256) -> Result<Option<ApiToken>> {
        crate::access::token_by_sha256(&self.conn, digest)
    }

    fn tokens(&self) -> Result<Vec<ApiToken>> {
        crate::access::tokens(&self.conn)
    }

    fn audit_log(&self, query: &AuditQuery) -> Result<Vec<AuditEntry>> {
        crate::audit::read(&self.conn, query)
    }

    fn evidence(&self, sha256: &Sha256) -> Result<Option<EvidenceItem>> {
        crate::evidence::item(&self.conn, sha256)
    }

    fn evidence_items(&self) -> Result<Vec<EvidenceItem>> {
        crate::evidence::items(&self.conn)
    }

    fn evidence_of_incident(&self, id: &IncidentId) -> Result<Vec<EvidenceItem>> {
        crate::evidence::items_of_incident(&self.conn, id)
    }

    fn custody_of(&self, sha256: &Sha256) -> Result<Vec<CustodyEvent>> {
        crate::evidence::custody_of(&self.conn, sha256)
    }

    fn log_signer_key(&self) -> Result<Option<String>> {
        crate::translog::signer_key(&self.conn)
    }

    fn log_leaves(&self) -> Result<Vec<(u64, [u8; 32])>> {
        crate::translog::leaves(&self.conn)
    }

    fn log_checkpoints(&self) -> Result<Vec<(u64, String)>> {
        crate::translog::checkpoints(&self.conn)
    }

    fn log_head(&self) -> Result<Option<vigil_store::LogHead>> {
        crate::translog::head(&self.conn)
    }
}
