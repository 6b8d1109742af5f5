//! Reads: rows back into domain records. Every function takes a [`Db`] so the write side can
//! use them inside its transaction, and the store outside one.

use crate::codec::*;
use crate::db::{g, Db, Params};
use postgres::Row;
use vigil_domain::*;
use vigil_store::StoreResult;

type Result<T> = StoreResult<T>;

/// How many rows a walk over a whole table (`for_each_*`) reads at a time; the caller's
/// callback runs between pages, with the connection's lock released.
pub(crate) const PAGE: i64 = 1000;

pub(crate) fn collect<T>(
    db: &mut Db<'_>,
    sql: &str,
    params: Params<'_>,
    mut map: impl FnMut(&Row) -> Result<T>,
) -> Result<Vec<T>> {
    db.query(sql, params)?.iter().map(&mut map).collect()
}

fn text(row: &Row, i: usize) -> Result<String> {
    g(row, i)
}

fn opt_text(row: &Row, i: usize) -> Result<Option<String>> {
    g(row, i)
}

pub fn source_row(row: &Row) -> Result<Source> {
    Ok(Source {
        id: parse("sources.id", &text(row, 0)?)?,
        kind: parse("sources.kind", &text(row, 1)?)?,
        title: g(row, 2)?,
        publisher: g(row, 3)?,
        url: g(row, 4)?,
        published_on: opt_day("sources.published_on", g(row, 5)?)?,
        protected: g::<i64>(row, 6)? != 0,
    })
}

pub(crate) const SOURCE_COLUMNS: &str = "id, kind, title, publisher, url, published_on, protected";

pub fn source(db: &mut Db<'_>, id: &str) -> Result<Option<Source>> {
    let sql = format!("SELECT {SOURCE_COLUMNS} FROM sources WHERE id = $1");
    Ok(collect(db, &sql, &[&id], source_row)?.pop())
}

pub fn area(db: &mut Db<'_>, id: &str) -> Result<Option<Area>> {
    let sql = format!("SELECT {AREA_COLUMNS} FROM areas WHERE id = $1");
    Ok(collect(db, &sql, &[&id], area_row)?.pop())
}

pub fn party(db: &mut Db<'_>, id: &str) -> Result<Option<Party>> {
    Ok(collect(
        db,
        "SELECT id, name, kind FROM parties WHERE id = $1",
        &[&id],
        party_row,
    )?
    .pop())
}

pub(crate) fn party_row(row: &Row) -> Result<Party> {
    Ok(Party {
        id: parse("parties.id", &text(row, 0)?)?,
        name: g(row, 1)?,
        kind: parse("parties.kind", &text(row, 2)?)?,
    })
}

pub(crate) const AREA_COLUMNS: &str =
    "id, level, pcode, name_en, name_ar, parent, boundary, source";

pub(crate) fn area_row(row: &Row) -> Result<Area> {
    Ok(Area {
        id: parse("areas.id", &text(row, 0)?)?,
        level: parse("areas.level", &text(row, 1)?)?,
        pcode: g(row, 2)?,
        name_en: g(row, 3)?,
        name_ar: g(row, 4)?,
        parent: opt_parse("areas.parent", g(row, 5)?)?,
        boundary: opt_text(row, 6)?
            .map(|t| parse_geometry("areas.boundary", &t))
            .transpose()?,
        source: opt_parse("areas.source", g(row, 7)?)?,
    })
}

pub(crate) const SITE_COLUMNS: &str =
    "id, kind, name, operator, lon, lat, precision, radius_m, footprint, sensitivity, area";

/// A site's own columns, without its status history and capacity.
pub(crate) fn site_core(row: &Row) -> Result<Site> {
    Ok(Site {
        id: parse("sites.id", &text(row, 0)?)?,
        kind: parse("sites.kind", &text(row, 1)?)?,
        name: g(row, 2)?,
        operator: g(row, 3)?,
        location: Location {
            point: Some(
                Point::new(g(row, 4)?, g(row, 5)?)
                    .map_err(|e| corrupt("sites.lon/lat", "", e[0].clone()))?,
            ),
            precision: parse("sites.precision", &text(row, 6)?)?,
            radius_m: g(row, 7)?,
        },
        footprint: opt_text(row, 8)?
            .map(|t| parse_geometry("sites.footprint", &t))
            .transpose()?,
        sensitivity: parse("sites.sensitivity", &text(row, 9)?)?,
        area: opt_parse("sites.area", g(row, 10)?)?,
        status: Vec::new(),
        capacity: Vec::new(),
    })
}

pub fn site_without_history(db: &mut Db<'_>, id: &str) -> Result<Option<Site>> {
    let sql = format!("SELECT {SITE_COLUMNS} FROM sites WHERE id = $1");
    Ok(collect(db, &sql, &[&id], site_core)?.pop())
}

pub(crate) fn fill_history(db: &mut Db<'_>, site: &mut Site) -> Result<()> {
    let id = site.id.as_str();
    site.status = collect(
        db,
        "SELECT as_of, status, source, note FROM site_status WHERE site_id = $1
         ORDER BY as_of, status, source",
        &[&id],
        |row| {
            Ok(StatusEntry {
                as_of: parse_day("site_status.as_of", &text(row, 0)?)?,
                status: parse("site_status.status", &text(row, 1)?)?,
                source: empty_as_none("site_status.source", text(row, 2)?)?,
                note: g(row, 3)?,
            })
        },
    )?;
    site.capacity = collect(
        db,
        "SELECT as_of, metric, value, source FROM site_capacity WHERE site_id = $1
         ORDER BY as_of, metric, source",
        &[&id],
        |row| {
            Ok(CapacityFact {
                as_of: parse_day("site_capacity.as_of", &text(row, 0)?)?,
                metric: parse("site_capacity.metric", &text(row, 1)?)?,
                value: small("site_capacity.value", g(row, 2)?)?,
                source: empty_as_none("site_capacity.source", text(row, 3)?)?,
            })
        },
    )?;
    Ok(())
}

pub fn site(db: &mut Db<'_>, id: &str) -> Result<Option<Site>> {
    let Some(mut site) = site_without_history(db, id)? else {
        return Ok(None);
    };
    fill_history(db, &mut site)?;
    Ok(Some(site))
}

pub(crate) const MOVEMENT_COLUMNS: &str =
    "id, kind, name, operator, route, corridor_width_m, window_start, \
     window_end, window_precision, sensitivity, source";

pub(crate) fn movement_row(row: &Row) -> Result<Movement> {
    let route: geo_types::LineString<f64> = parse_geometry("movements.route", &text(row, 4)?)?;
    let route = route
        .coords()
        .map(|c| Point::new(c.x, c.y).map_err(|e| corrupt("movements.route", "", e[0].clone())))
        .collect::<Result<Vec<_>>>()?;
    let window = TimeSpan::new(
        parse_instant("movements.window_start", &text(row, 6)?)?,
        parse_instant("movements.window_end", &text(row, 7)?)?,
        parse("movements.window_precision", &text(row, 8)?)?,
    )
    .map_err(|e| corrupt("movements.window_end", "", e))?;
    Ok(Movement {
        id: parse("movements.id", &text(row, 0)?)?,
        kind: parse("movements.kind", &text(row, 1)?)?,
        name: g(row, 2)?,
        operator: g(row, 3)?,
        route,
        corridor_width_m: g(row, 5)?,
        window,
        sensitivity: parse("movements.sensitivity", &text(row, 9)?)?,
        source: opt_parse("movements.source", g(row, 10)?)?,
    })
}

pub fn movement(db: &mut Db<'_>, id: &str) -> Result<Option<Movement>> {
    let sql = format!("SELECT {MOVEMENT_COLUMNS} FROM movements WHERE id = $1");
    Ok(collect(db, &sql, &[&id], movement_row)?.pop())
}

pub(crate) const NOTIFICATION_COLUMNS: &str =
    "id, version, subject_kind, subject_id, sent_at, valid_from, \
     valid_to, withdrawn_at, channel, payload_sha256, source";

/// Notifications from their rows, each with its parties (one more query per row).
pub(crate) fn notifications_from(db: &mut Db<'_>, rows: Vec<Row>) -> Result<Vec<Notification>> {
    rows.iter().map(|row| notification_row(db, row)).collect()
}

fn notification_row(db: &mut Db<'_>, row: &Row) -> Result<Notification> {
    let id: String = g(row, 0)?;
    let stored_version: i64 = g(row, 1)?;
    let version = small("notifications.version", stored_version)?;
    let subject_id: String = g(row, 3)?;
    let subject = match text(row, 2)?.as_str() {
        "site" => Subject::Site(parse("notifications.subject_id", &subject_id)?),
        _ => Subject::Movement(parse("notifications.subject_id", &subject_id)?),
    };
    let parties = collect(
        db,
        "SELECT party_id FROM notification_parties WHERE notification_id = $1 AND version = $2
         ORDER BY position",
        &[&id, &stored_version],
        |r| parse("notification_parties.party_id", &text(r, 0)?),
    )?;
    Ok(Notification {
        id: parse("notifications.id", &id)?,
        version,
        subject,
        parties,
        sent_at: parse_instant("notifications.sent_at", &text(row, 4)?)?,
        valid: DayWindow {
            from: parse_day("notifications.valid_from", &text(row, 5)?)?,
            to: opt_day("notifications.valid_to", g(row, 6)?)?,
        },
        withdrawn_at: opt_instant("notifications.withdrawn_at", g(row, 7)?)?,
        channel: g(row, 8)?,
        payload_sha256: parse("notifications.payload_sha256", &text(row, 9)?)?,
        source: opt_parse("notifications.source", g(row, 10)?)?,
    })
}

pub fn notification_version(
    db: &mut Db<'_>,
    id: &str,
    version: u32,
) -> Result<Option<Notification>> {
    let sql =
        format!("SELECT {NOTIFICATION_COLUMNS} FROM notifications WHERE id = $1 AND version = $2");
    let rows = db.query(&sql, &[&id, &i64::from(version)])?;
    Ok(notifications_from(db, rows)?.pop())
}

pub fn latest_notification(db: &mut Db<'_>, id: &str) -> Result<Option<Notification>> {
    let sql = format!(
        "SELECT {NOTIFICATION_COLUMNS} FROM notifications WHERE id = $1 ORDER BY version DESC LIMIT 1"
    );
    let rows = db.query(&sql, &[&id])?;
    Ok(notifications_from(db, rows)?.pop())
}

pub(crate) fn ack_row(row: &Row) -> Result<Acknowledgement> {
    Ok(Acknowledgement {
        notification: parse("acknowledgements.notification_id", &text(row, 0)?)?,
        version: small("acknowledgements.version", g(row, 1)?)?,
        party: parse("acknowledgements.party_id", &text(row, 2)?)?,
        received_at: parse_instant("acknowledgements.received_at", &text(row, 3)?)?,
        by: g(row, 4)?,
        channel: g(row, 5)?,
        source: opt_parse("acknowledgements.source", g(row, 6)?)?,
    })
}

pub(crate) const ACK_COLUMNS: &str =
    "notification_id, version, party_id, received_at, by_whom, channel, source";

pub fn acknowledgement(
    db: &mut Db<'_>,
    id: &str,
    version: u32,
    party: &str,
) -> Result<Option<Acknowledgement>> {
    let sql = format!(
        "SELECT {ACK_COLUMNS} FROM acknowledgements
         WHERE notification_id = $1 AND version = $2 AND party_id = $3"
    );
    Ok(collect(db, &sql, &[&id, &i64::from(version), &party], ack_row)?.pop())
}

pub(crate) fn report_row(row: &Row) -> Result<Report> {
    let content: String = g(row, 4)?;
    Ok(Report {
        id: parse("reports.id", &text(row, 0)?)?,
        source: parse("reports.source", &text(row, 1)?)?,
        received_at: parse_instant("reports.received_at", &text(row, 2)?)?,
        summary: g(row, 3)?,
        content: ReportContent::from_json_text(content.clone())
            .map_err(|e| corrupt("reports.content", &content, e))?,
    })
}

pub(crate) const REPORT_COLUMNS: &str = "id, source, received_at, summary, content";

pub fn report(db: &mut Db<'_>, id: &str) -> Result<Option<Report>> {
    let sql = format!("SELECT {REPORT_COLUMNS} FROM reports WHERE id = $1");
    Ok(collect(db, &sql, &[&id], report_row)?.pop())
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

pub(crate) fn incident_core(row: &Row) -> Result<Incident> {
    let when = TimeSpan::new(
        parse_instant("incidents.start_at", &text(row, 3)?)?,
        parse_instant("incidents.end_at", &text(row, 4)?)?,
        parse("incidents.time_precision", &text(row, 5)?)?,
    )
    .map_err(|e| corrupt("incidents.end_at", "", e))?;
    Ok(Incident {
        id: parse("incidents.id", &text(row, 0)?)?,
        title: g(row, 1)?,
        kind: parse("incidents.kind", &text(row, 2)?)?,
        when,
        location: Location {
            point: optional_point("incidents.lon/lat", g(row, 6)?, g(row, 7)?)?,
            precision: parse("incidents.precision", &text(row, 8)?)?,
            radius_m: g(row, 9)?,
        },
        area: opt_parse("incidents.area", g(row, 10)?)?,
        weapon: g(row, 11)?,
        damage: opt_parse("incidents.damage", g(row, 12)?)?,
        certainty: parse("incidents.certainty", &text(row, 13)?)?,
        description: g(row, 14)?,
        targets: Vec::new(),
        casualties: Vec::new(),
        attributions: Vec::new(),
        reports: Vec::new(),
    })
}

// The child tables of an incident. Each query selects `incident_id` first, then the values
// its row mapper reads from column 1 on; `{filter}` is `WHERE incident_id = $1` (one
// incident) or `WHERE incident_id = ANY($1)` (a page of them).
const REPORT_LINKS: &str =
    "SELECT incident_id, report_id FROM incident_reports {filter} ORDER BY incident_id, position";
const TARGETS: &str = "SELECT incident_id, target_type, target FROM incident_targets {filter}
     ORDER BY incident_id, position";
const CASUALTIES: &str = "SELECT incident_id, grp, outcome, low, best, high, source FROM casualties
     {filter} ORDER BY incident_id, position";
const ATTRIBUTIONS: &str = "SELECT incident_id, party_id, grade, sources FROM attributions {filter}
     ORDER BY incident_id, position";

fn report_link_row(r: &Row) -> Result<ReportId> {
    parse("incident_reports.report_id", &text(r, 1)?)
}

fn target_row(r: &Row) -> Result<Target> {
    let target: String = g(r, 2)?;
    Ok(match text(r, 1)?.as_str() {
        "site" => Target::Site(parse("incident_targets.target", &target)?),
        "movement" => Target::Movement(parse("incident_targets.target", &target)?),
        _ => Target::Kind(parse("incident_targets.target", &target)?),
    })
}

fn casualty_row(r: &Row) -> Result<CasualtyFigure> {
    Ok(CasualtyFigure {
        group: parse("casualties.grp", &text(r, 1)?)?,
        outcome: parse("casualties.outcome", &text(r, 2)?)?,
        count: Range {
            low: small("casualties.low", g(r, 3)?)?,
            best: small("casualties.best", g(r, 4)?)?,
            high: small("casualties.high", g(r, 5)?)?,
        },
        source: empty_as_none("casualties.source", text(r, 6)?)?,
    })
}

fn attribution_row(r: &Row) -> Result<Attribution> {
    Ok(Attribution {
        party: parse("attributions.party_id", &text(r, 1)?)?,
        grade: parse("attributions.grade", &text(r, 2)?)?,
        sources: parse_json_list("attributions.sources", &text(r, 3)?)?,
    })
}

fn for_one(query: &str) -> String {
    query.replace("{filter}", "WHERE incident_id = $1")
}

fn for_many(query: &str) -> String {
    query.replace("{filter}", "WHERE incident_id = ANY($1)")
}

fn fill_incident(db: &mut Db<'_>, incident: &mut Incident) -> Result<()> {
    let id = incident.id.as_str();
    incident.reports = collect(db, &for_one(REPORT_LINKS), &[&id], report_link_row)?;
    incident.targets = collect(db, &for_one(TARGETS), &[&id], target_row)?;
    incident.casualties = collect(db, &for_one(CASUALTIES), &[&id], casualty_row)?;
    incident.attributions = collect(db, &for_one(ATTRIBUTIONS), &[&id], attribution_row)?;
    Ok(())
}

/// Reads the children of `incidents`, with one query per child table for all of them rather
/// than four queries per incident: a page of a hundred incidents is four statements, not four
/// hundred. The rows come in `incident_id` order (COLLATE "C": byte order, as `str` compares),
/// and are dealt out to the incidents by id, so the incidents may be in any order.
pub(crate) fn fill_incidents(db: &mut Db<'_>, incidents: &mut [Incident]) -> Result<()> {
    if incidents.is_empty() {
        return Ok(());
    }
    let ids: Vec<&str> = incidents.iter().map(|i| i.id.as_str()).collect();
    let mut links = children(db, REPORT_LINKS, &ids, report_link_row)?;
    let mut targets = children(db, TARGETS, &ids, target_row)?;
    let mut casualties = children(db, CASUALTIES, &ids, casualty_row)?;
    let mut attributions = children(db, ATTRIBUTIONS, &ids, attribution_row)?;
    for incident in incidents {
        let id = incident.id.as_str();
        incident.reports = links.remove(id).unwrap_or_default();
        incident.targets = targets.remove(id).unwrap_or_default();
        incident.casualties = casualties.remove(id).unwrap_or_default();
        incident.attributions = attributions.remove(id).unwrap_or_default();
    }
    Ok(())
}

/// One child table's rows of the incidents `ids`, by incident, each incident's in order.
fn children<T>(
    db: &mut Db<'_>,
    query: &str,
    ids: &[&str],
    map: fn(&Row) -> Result<T>,
) -> Result<std::collections::HashMap<String, Vec<T>>> {
    let mut out: std::collections::HashMap<String, Vec<T>> = std::collections::HashMap::new();
    for row in db.query(&for_many(query), &[&ids])? {
        out.entry(g(&row, 0)?).or_default().push(map(&row)?);
    }
    Ok(out)
}

pub fn incident(db: &mut Db<'_>, id: &str) -> Result<Option<Incident>> {
    let sql = format!("SELECT {INCIDENT_COLUMNS} FROM incidents WHERE id = $1");
    let Some(mut incident) = collect(db, &sql, &[&id], incident_core)?.pop() else {
        return Ok(None);
    };
    fill_incident(db, &mut incident)?;
    Ok(Some(incident))
}

/// The next page of incidents after `after` (by id), children included.
pub(crate) fn incidents_after(db: &mut Db<'_>, after: &str) -> Result<Vec<Incident>> {
    let sql =
        format!("SELECT {INCIDENT_COLUMNS} FROM incidents WHERE id > $1 ORDER BY id LIMIT $2");
    let mut page = collect(db, &sql, &[&after, &PAGE], incident_core)?;
    fill_incidents(db, &mut page)?;
    Ok(page)
}

pub(crate) fn statement_row(row: &Row) -> Result<Statement> {
    Ok(Statement {
        id: parse("statements.id", &text(row, 0)?)?,
        incident: parse("statements.incident_id", &text(row, 1)?)?,
        party: opt_parse("statements.party_id", g(row, 2)?)?,
        kind: parse("statements.kind", &text(row, 3)?)?,
        made_on: parse_day("statements.made_on", &text(row, 4)?)?,
        summary: g(row, 5)?,
        source: parse("statements.source", &text(row, 6)?)?,
    })
}

pub(crate) const STATEMENT_COLUMNS: &str =
    "id, incident_id, party_id, kind, made_on, summary, source";

pub fn statement(db: &mut Db<'_>, id: &str) -> Result<Option<Statement>> {
    let sql = format!("SELECT {STATEMENT_COLUMNS} FROM statements WHERE id = $1");
    Ok(collect(db, &sql, &[&id], statement_row)?.pop())
}

pub(crate) fn ceasefire_row(row: &Row) -> Result<Ceasefire> {
    Ok(Ceasefire {
        id: parse("ceasefires.id", &text(row, 0)?)?,
        name: g(row, 1)?,
        parties: parse_json_list("ceasefires.parties", &text(row, 2)?)?,
        areas: parse_json_list("ceasefires.areas", &text(row, 3)?)?,
        start: parse_instant("ceasefires.start_at", &text(row, 4)?)?,
        planned_end: opt_instant("ceasefires.planned_end", g(row, 5)?)?,
        collapsed_at: opt_instant("ceasefires.collapsed_at", g(row, 6)?)?,
        source: opt_parse("ceasefires.source", g(row, 7)?)?,
    })
}

pub(crate) const CEASEFIRE_COLUMNS: &str =
    "id, name, parties, areas, start_at, planned_end, collapsed_at, source";

pub fn ceasefire(db: &mut Db<'_>, id: &str) -> Result<Option<Ceasefire>> {
    let sql = format!("SELECT {CEASEFIRE_COLUMNS} FROM ceasefires WHERE id = $1");
    Ok(collect(db, &sql, &[&id], ceasefire_row)?.pop())
}

pub(crate) const ZONE_COLUMNS: &str = "id, area, party_id, valid_from, valid_to, source";

pub(crate) fn zone_row(row: &Row) -> Result<ZoneOfControl> {
    Ok(ZoneOfControl {
        id: parse("zones_of_control.id", &text(row, 0)?)?,
        area: parse("zones_of_control.area", &text(row, 1)?)?,
        party: parse("zones_of_control.party_id", &text(row, 2)?)?,
        period: DayWindow {
            from: parse_day("zones_of_control.valid_from", &text(row, 3)?)?,
            to: opt_day("zones_of_control.valid_to", g(row, 4)?)?,
        },
        source: opt_parse("zones_of_control.source", g(row, 5)?)?,
    })
}

pub fn zone_of_control(db: &mut Db<'_>, id: &str) -> Result<Option<ZoneOfControl>> {
    let sql = format!("SELECT {ZONE_COLUMNS} FROM zones_of_control WHERE id = $1");
    Ok(collect(db, &sql, &[&id], zone_row)?.pop())
}

pub(crate) fn population_row(row: &Row) -> Result<PopulationFigure> {
    Ok(PopulationFigure {
        area: parse("population_figures.area", &text(row, 0)?)?,
        as_of: parse_day("population_figures.as_of", &text(row, 1)?)?,
        population: unsigned("population_figures.population", g(row, 2)?)?,
        source: parse("population_figures.source", &text(row, 3)?)?,
    })
}

pub fn population_figure(
    db: &mut Db<'_>,
    area: &str,
    as_of: &str,
    source: &str,
) -> Result<Option<PopulationFigure>> {
    Ok(collect(
        db,
        "SELECT area, as_of, population, source FROM population_figures
         WHERE area = $1 AND as_of = $2 AND source = $3",
        &[&area, &as_of, &source],
        population_row,
    )?
    .pop())
}

pub fn exists(db: &mut Db<'_>, table: &str, id: &str) -> Result<bool> {
    let sql = format!("SELECT 1 FROM {table} WHERE id = $1");
    Ok(db.opt(&sql, &[&id])?.is_some())
}

pub(crate) fn count(db: &mut Db<'_>, sql: &str) -> Result<u64> {
    let row = db.one(sql, &[])?;
    unsigned("count", g(&row, 0)?)
}
