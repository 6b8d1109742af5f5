//! Every GET endpoint of the server against the publication policy: the register, incidents,
//! movements, findings, notifications, the audit log, the situation report, ceasefires, areas,
//! sources, reports, parties, statements, exports, the OGC API and the service endpoints, for every
//! caller (the public, a liaison of the notified party and of another, and each staff role).
//! The real server, a real SQLite database (with the findings the cross-check stores) and real
//! tokens. Sensitive values are searched for in the raw response text, so a leak through any
//! field (not only the one meant to hold it) is caught.

mod common;

use common::fixture::*;
use vigil_domain::policy;
use vigil_domain::time::{end_of_day, start_of_day};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Endpoint {
    SitesList,
    SiteItem,
    IncidentsList,
    IncidentItem,
    MovementsList,
    MovementItem,
    FindingsList,
    FindingItem,
    NotificationsList,
    NotificationItem,
    Audit,
    Sitrep,
    OgcSites,
    OgcSiteItem,
    OgcIncidents,
    OgcIncidentItem,
    OgcMovements,
    OgcMovementItem,
    OgcFindings,
    OgcFindingItem,
    OgcFindingsCollection,
    OgcCollections,
    OgcLanding,
    OgcConformance,
    CeasefiresList,
    CeasefireItem,
    AreasList,
    AreaItem,
    SourcesList,
    SourceItem,
    PartiesList,
    ReportItem,
    StatementsOfIncident,
    StatementItem,
    ExportIncidentsCsv,
    ExportIncidentsGeojson,
    ExportIncidentsHxl,
    ExportSitesCsv,
    ExportSitesGeojson,
    ExportSitesHxl,
    OpenApi,
    Health,
    Whoami,
}

const ENDPOINTS: usize = 43;
const SENSITIVE_VALUES: usize = 32;

/// The situation report the matrix reads: the governorate of the strike, September and October.
const SITREP: &str = "/api/sitrep?area=sy02&from=2016-09-01&to=2016-10-31";

/// Where the policy allows each sensitive value: (name, text searched for, allowed).
fn expectations(who: Who, endpoint: Endpoint) -> Vec<(&'static str, &'static str, bool)> {
    use Endpoint::*;
    let site_item = matches!(endpoint, SiteItem | OgcSiteItem);
    let on_sites = site_item || matches!(endpoint, SitesList | OgcSites);
    let incident_item = matches!(endpoint, IncidentItem | OgcIncidentItem);
    let on_incidents = incident_item || matches!(endpoint, IncidentsList | OgcIncidents);
    let movement_item = matches!(endpoint, MovementItem | OgcMovementItem);
    let on_movements = movement_item || matches!(endpoint, MovementsList | OgcMovements);
    let finding_item = matches!(endpoint, FindingItem | OgcFindingItem);
    let on_findings = finding_item || matches!(endpoint, FindingsList | OgcFindings);
    let ogc_findings = matches!(endpoint, OgcFindings | OgcFindingItem);
    let on_notifications = matches!(endpoint, NotificationsList | NotificationItem);
    // The list holds every notification; the item is the clinic's.
    let notification_list = endpoint == NotificationsList;
    let on_ceasefires = matches!(endpoint, CeasefiresList | CeasefireItem);
    let on_areas = matches!(endpoint, AreasList | AreaItem);
    let on_sources = matches!(endpoint, SourcesList | SourceItem);
    let on_statements = matches!(endpoint, StatementsOfIncident | StatementItem);
    let incidents_file = matches!(
        endpoint,
        ExportIncidentsCsv | ExportIncidentsGeojson | ExportIncidentsHxl
    );
    let sites_file = matches!(
        endpoint,
        ExportSitesCsv | ExportSitesGeojson | ExportSitesHxl
    );
    let staff = is_staff(who);
    // Staff roles get the canonical files; liaisons and the public the published ones.
    let canonical_incidents = incidents_file && staff;
    let canonical_sites = sites_file && staff;
    // Staff get the report with the ids behind its figures; everyone else the aggregate.
    let staff_sitrep = endpoint == Sitrep && staff;
    let sees_restricted = staff || who == Who::LiaisonNotified;
    // The finding item is the strike's finding about the hospital; lists hold the convoy's too.
    let findings_of_convoy = on_findings && staff && !finding_item;
    let expected = vec![
        // A finding's explanation names the site it is about; so does the staff report's
        // list of notified sites hit.
        (
            "restricted site name",
            RESTRICTED_SITE_NAME,
            (on_sites && sees_restricted)
                || (on_findings && staff)
                || canonical_sites
                || staff_sitrep,
        ),
        (
            "restricted site lon",
            RESTRICTED_SITE_LON,
            (on_sites && sees_restricted) || canonical_sites,
        ),
        (
            "restricted site lat",
            RESTRICTED_SITE_LAT,
            (on_sites && sees_restricted) || canonical_sites,
        ),
        // The site's id: on its own page for whoever sees it, as the strike's target for
        // whoever sees incidents in full, as a finding's or the staff report's subject for
        // staff, as the subject of its notification for whoever it was notified to.
        (
            "restricted site id",
            RESTRICTED_SITE_ID,
            (on_sites && sees_restricted)
                || ((on_incidents || on_findings) && staff)
                || (notification_list && sees_restricted)
                || staff_sitrep
                || canonical_sites
                // The HXL layout has no column for targets.
                || (canonical_incidents && endpoint != ExportIncidentsHxl),
        ),
        // OGC findings are drawn at their incident's point.
        (
            "incident lon",
            INCIDENT_LON,
            ((on_incidents || ogc_findings) && staff) || canonical_incidents,
        ),
        (
            "incident lat",
            INCIDENT_LAT,
            ((on_incidents || ogc_findings) && staff) || canonical_incidents,
        ),
        (
            "incident description",
            DESCRIPTION,
            (on_incidents && staff) || canonical_incidents,
        ),
        // Quoted: in JSON (a statement's incident, a GeoJSON feature's id, the report's ids),
        // not in CSV cells.
        (
            "incident's own id",
            "\"inc-1\"",
            ((on_incidents || on_findings || on_statements || endpoint == ExportIncidentsGeojson)
                && staff)
                || staff_sitrep,
        ),
        (
            "incident's title",
            "Title of inc-1",
            (on_incidents && staff) || canonical_incidents,
        ),
        (
            "witness source id",
            WITNESS_SOURCE_ID,
            sees_sources(who)
                && (on_incidents
                    || on_sources
                    || endpoint == ReportItem
                    || incidents_file
                    // A casualty figure's source, named for monitors and admins.
                    || endpoint == Sitrep),
        ),
        (
            "witness title",
            WITNESS_TITLE,
            (on_incidents || on_sources) && sees_sources(who),
        ),
        (
            "status source id",
            STATUS_SOURCE_ID,
            // Both sites' status source, and the other incidents' (not the strike's).
            sees_sources(who)
                && (on_sites
                    || matches!(endpoint, IncidentsList | OgcIncidents | SourcesList | Sitrep)
                    || incidents_file
                    // The HXL layout of sites has no source column.
                    || matches!(endpoint, ExportSitesCsv | ExportSitesGeojson)),
        ),
        ("status note", "NOTE-TEXT", on_sites && sees_sources(who)),
        (
            "restricted movement name",
            RESTRICTED_MOVEMENT_NAME,
            (on_movements && sees_restricted) || findings_of_convoy || staff_sitrep,
        ),
        (
            "restricted movement id",
            RESTRICTED_MOVEMENT_ID,
            (on_movements && sees_restricted)
                || findings_of_convoy
                || (notification_list && sees_restricted)
                || staff_sitrep,
        ),
        (
            "route start lon",
            ROUTE_START_LON,
            on_movements && sees_restricted,
        ),
        (
            "route start lat",
            ROUTE_START_LAT,
            on_movements && sees_restricted,
        ),
        (
            "route end lon",
            ROUTE_END_LON,
            on_movements && sees_restricted,
        ),
        (
            "convoy source id",
            CONVOY_SOURCE_ID,
            (on_movements || endpoint == SourcesList) && sees_sources(who),
        ),
        (
            "site notification id",
            "hns-1",
            (on_findings && staff)
                || (notification_list && sees_restricted)
                || staff_sitrep
                // The HXL layout has no column for the notification's id.
                || (canonical_sites && endpoint != ExportSitesHxl),
        ),
        // Public records have names for everyone, but coordinates only for signed-in roles:
        // the public gets nothing finer than a governorate.
        (
            "public clinic lon",
            "36.63111",
            (on_sites && !site_item && who != Who::Public) || canonical_sites,
        ),
        (
            "public convoy route lon",
            "36.70001",
            on_movements && !movement_item && who != Who::Public,
        ),
        (
            "ceasefire source id",
            CEASEFIRE_SOURCE_ID,
            (on_ceasefires || endpoint == SourcesList) && sees_sources(who),
        ),
        (
            "statement source id",
            STATEMENT_SOURCE_ID,
            // The strike's own page lists every source it cites, its statements' included.
            (on_statements || incident_item || endpoint == SourcesList) && sees_sources(who),
        ),
        (
            "statement summary",
            STATEMENT_SUMMARY,
            on_statements && staff,
        ),
        // Neighbourhoods are for staff roles: the published view names nothing finer than a
        // governorate. Lists never carry boundaries.
        ("neighbourhood name", NEIGHBOURHOOD_NAME, on_areas && staff),
        (
            "neighbourhood boundary",
            NEIGHBOURHOOD_LON,
            endpoint == AreaItem && staff,
        ),
        // A liaison sees only its own party's part of a notification: not which other parties
        // were told, nor their receipts, nor a version sent to them alone. A staff site file
        // holds the latest notification's parties and channel. Staff read every party in the
        // parties' list.
        (
            "other party notified",
            OTHER_PARTY,
            (on_notifications && staff) || canonical_sites || (endpoint == PartiesList && staff),
        ),
        (
            "other party's receipt",
            OTHER_ACK_BY,
            on_notifications && staff,
        ),
        (
            "version to the other party only",
            OTHER_ONLY_CHANNEL,
            // The HXL layout has no column for the channel.
            (on_notifications && staff) || (canonical_sites && endpoint != ExportSitesHxl),
        ),
        (
            "own party's receipt",
            OWN_ACK_BY,
            on_notifications && sees_restricted,
        ),
        (
            "receipt's source id",
            ACK_SOURCE_ID,
            (on_notifications || endpoint == SourcesList) && sees_sources(who),
        ),
    ];
    // The audit log holds whole records, every sensitive one among them: for admins only.
    expected
        .into_iter()
        .map(|(what, text, allowed)| (what, text, allowed || endpoint == Audit))
        .collect()
}

/// The exact answer `who` gets instead of the record, when the policy refuses it: the same
/// as for a record that does not exist, or the documented 403. It echoes only the id the
/// caller asked for.
fn refusal(who: Who, endpoint: Endpoint) -> Option<(u16, String)> {
    let sees_restricted = is_staff(who) || who == Who::LiaisonNotified;
    let role = match who {
        Who::Public => "public",
        _ => "liaison",
    };
    let forbidden = format!(
        r#"{{"error":{{"code":"forbidden","message":"findings are for coordinators, monitors, analysts and admins, not for the {role} role"}}}}"#
    );
    let role_name = match who {
        Who::Public => "public",
        Who::LiaisonNotified | Who::LiaisonOther => "liaison",
        Who::Coordinator => "coordinator",
        Who::Analyst => "analyst",
        Who::Monitor => "monitor",
        Who::Admin => "admin",
    };
    let sources_refused = |what: &str| {
        format!(
            r#"{{"error":{{"code":"forbidden","message":"{what} are for monitors and admins, who may see source identities, not for the {role_name} role"}}}}"#
        )
    };
    let no_feature = |id: &str, collection: &str| {
        format!(
            r#"{{"error":{{"code":"not_found","message":"no feature has id '{id}' in collection '{collection}'"}}}}"#
        )
    };
    let no_findings_collection =
        r#"{"error":{"code":"not_found","message":"no collection has id 'findings'"}}"#;
    match endpoint {
        Endpoint::AreaItem if !is_staff(who) => Some((
            404,
            r#"{"error":{"code":"not_found","message":"no area has id 'sakhour'"}}"#.into(),
        )),
        Endpoint::SourcesList | Endpoint::SourceItem if !sees_sources(who) => {
            Some((403, sources_refused("sources")))
        }
        Endpoint::ReportItem if !sees_sources(who) => Some((403, sources_refused("reports"))),
        Endpoint::PartiesList if !is_staff(who) => Some((
            403,
            format!(
                r#"{{"error":{{"code":"forbidden","message":"parties are for coordinators, monitors, analysts and admins, not for the {role} role"}}}}"#
            ),
        )),
        Endpoint::StatementsOfIncident | Endpoint::StatementItem if !is_staff(who) => Some((
            403,
            format!(
                r#"{{"error":{{"code":"forbidden","message":"statements are for coordinators, monitors, analysts and admins, not for the {role} role"}}}}"#
            ),
        )),
        Endpoint::SiteItem if !sees_restricted => Some((
            404,
            r#"{"error":{"code":"not_found","message":"no site has id 'site-m10'"}}"#.into(),
        )),
        Endpoint::OgcSiteItem if !sees_restricted => {
            Some((404, no_feature(RESTRICTED_SITE_ID, "sites")))
        }
        Endpoint::MovementItem if !sees_restricted => Some((
            404,
            r#"{"error":{"code":"not_found","message":"no movement has id 'convoy-secret'"}}"#
                .into(),
        )),
        Endpoint::OgcMovementItem if !sees_restricted => {
            Some((404, no_feature(RESTRICTED_MOVEMENT_ID, "movements")))
        }
        Endpoint::FindingsList | Endpoint::FindingItem if !is_staff(who) => Some((403, forbidden)),
        Endpoint::OgcFindings | Endpoint::OgcFindingItem | Endpoint::OgcFindingsCollection
            if !is_staff(who) =>
        {
            Some((404, no_findings_collection.into()))
        }
        Endpoint::NotificationsList | Endpoint::NotificationItem if who == Who::Public => Some((
            403,
            r#"{"error":{"code":"forbidden","message":"notifications are not published: sign in with a token"}}"#
                .into(),
        )),
        // Addressed to party-a and party-c, never to party-b: party-b learns nothing of it.
        Endpoint::NotificationItem if who == Who::LiaisonOther => Some((
            404,
            r#"{"error":{"code":"not_found","message":"no notification has id 'hns-3'"}}"#.into(),
        )),
        Endpoint::Audit if who != Who::Admin => Some((
            403,
            r#"{"error":{"code":"forbidden","message":"the audit log is for admins"}}"#.into(),
        )),
        _ => None,
    }
}

/// The id of the cross-check's finding that the strike hit the notified hospital.
fn hospital_finding_id(world: &World) -> String {
    let findings = world.json(
        Who::Admin,
        &format!("/api/findings?site={RESTRICTED_SITE_ID}"),
    );
    let items = findings["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{findings}");
    items[0]["id"].as_str().unwrap().to_owned()
}

/// Every GET endpoint, as `who` asks for the records of the matrix. The strike's id is the
/// one `who` knows it by (its pseudonym in the published view).
fn requests(who: Who, finding_id: &str) -> Vec<(Endpoint, String)> {
    let strike_id = if is_staff(who) {
        "inc-1".to_owned()
    } else {
        policy::published_incident_id(&strike())
    };
    vec![
        (Endpoint::SitesList, "/api/sites".to_owned()),
        (
            Endpoint::SiteItem,
            format!("/api/sites/{RESTRICTED_SITE_ID}"),
        ),
        (Endpoint::IncidentsList, "/api/incidents".to_owned()),
        (
            Endpoint::IncidentItem,
            format!("/api/incidents/{strike_id}"),
        ),
        (Endpoint::MovementsList, "/api/movements".to_owned()),
        (
            Endpoint::MovementItem,
            format!("/api/movements/{RESTRICTED_MOVEMENT_ID}"),
        ),
        (Endpoint::FindingsList, "/api/findings".to_owned()),
        (Endpoint::FindingItem, format!("/api/findings/{finding_id}")),
        (Endpoint::NotificationsList, "/api/notifications".to_owned()),
        (
            Endpoint::NotificationItem,
            format!("/api/notifications/{CLINIC_NOTIFICATION_ID}"),
        ),
        (Endpoint::Audit, "/api/audit?limit=1000".to_owned()),
        (Endpoint::Sitrep, SITREP.to_owned()),
        (
            Endpoint::OgcSites,
            "/ogc/collections/sites/items".to_owned(),
        ),
        (
            Endpoint::OgcSiteItem,
            format!("/ogc/collections/sites/items/{RESTRICTED_SITE_ID}"),
        ),
        (
            Endpoint::OgcIncidents,
            "/ogc/collections/incidents/items".to_owned(),
        ),
        (
            Endpoint::OgcIncidentItem,
            format!("/ogc/collections/incidents/items/{strike_id}"),
        ),
        (
            Endpoint::OgcMovements,
            "/ogc/collections/movements/items".to_owned(),
        ),
        (
            Endpoint::OgcMovementItem,
            format!("/ogc/collections/movements/items/{RESTRICTED_MOVEMENT_ID}"),
        ),
        (
            Endpoint::OgcFindings,
            "/ogc/collections/findings/items".to_owned(),
        ),
        (
            Endpoint::OgcFindingItem,
            format!("/ogc/collections/findings/items/{finding_id}"),
        ),
        (
            Endpoint::OgcFindingsCollection,
            "/ogc/collections/findings".to_owned(),
        ),
        (Endpoint::OgcCollections, "/ogc/collections".to_owned()),
        (Endpoint::OgcLanding, "/ogc".to_owned()),
        (Endpoint::OgcConformance, "/ogc/conformance".to_owned()),
        (Endpoint::CeasefiresList, "/api/ceasefires".to_owned()),
        (
            Endpoint::CeasefireItem,
            format!("/api/ceasefires/{CEASEFIRE_ID}"),
        ),
        (Endpoint::AreasList, "/api/areas".to_owned()),
        (Endpoint::AreaItem, "/api/areas/sakhour".to_owned()),
        (Endpoint::SourcesList, "/api/sources".to_owned()),
        (
            Endpoint::SourceItem,
            format!("/api/sources/{WITNESS_SOURCE_ID}"),
        ),
        (Endpoint::ReportItem, "/api/reports/report-inc-1".to_owned()),
        (Endpoint::PartiesList, "/api/parties".to_owned()),
        (
            Endpoint::StatementsOfIncident,
            "/api/incidents/inc-1/statements".to_owned(),
        ),
        (
            Endpoint::StatementItem,
            format!("/api/statements/{STATEMENT_ID}"),
        ),
        (
            Endpoint::ExportIncidentsCsv,
            "/api/exports/incidents?format=csv".to_owned(),
        ),
        (
            Endpoint::ExportIncidentsGeojson,
            "/api/exports/incidents?format=geojson".to_owned(),
        ),
        (
            Endpoint::ExportIncidentsHxl,
            "/api/exports/incidents?format=hxl".to_owned(),
        ),
        (Endpoint::ExportSitesCsv, "/api/exports/sites".to_owned()),
        (
            Endpoint::ExportSitesGeojson,
            "/api/exports/sites?format=geojson".to_owned(),
        ),
        (
            Endpoint::ExportSitesHxl,
            "/api/exports/sites?format=hxl".to_owned(),
        ),
        (Endpoint::OpenApi, "/openapi.json".to_owned()),
        (Endpoint::Health, "/api/health".to_owned()),
        (Endpoint::Whoami, "/api/whoami".to_owned()),
    ]
}

#[test]
fn every_role_sees_exactly_what_the_policy_allows_on_every_endpoint() {
    let world = world();
    let finding_id = hospital_finding_id(&world);
    let mut checked = 0;
    // Every cell that disagrees with the policy, so one run shows them all.
    let mut wrong = Vec::new();
    for who in EVERYONE {
        let requests = requests(who, &finding_id);
        assert_eq!(requests.len(), ENDPOINTS);
        for (endpoint, path) in requests {
            let (status, body) = world.get(who, &path);
            if let Some(expected) = refusal(who, endpoint) {
                if (status, &body) != (expected.0, &expected.1) {
                    wrong.push(format!(
                        "{who:?} {path}: expected {expected:?}, got {status} {body}"
                    ));
                }
                checked += SENSITIVE_VALUES;
                continue;
            }
            if status != 200 {
                wrong.push(format!("{who:?} {path}: expected 200, got {status} {body}"));
                continue;
            }
            let expectations = expectations(who, endpoint);
            assert_eq!(expectations.len(), SENSITIVE_VALUES);
            for (what, text, allowed) in expectations {
                if body.contains(text) != allowed {
                    wrong.push(format!(
                        "{who:?} {endpoint:?}: {what} ({text}) should be {}",
                        if allowed { "present" } else { "absent" }
                    ));
                }
                checked += 1;
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_eq!(checked, 7 * ENDPOINTS * SENSITIVE_VALUES);
    world.server.stop().unwrap();
}

/// Every refusal of the matrix, and more (unknown records, records of another party, writes
/// by roles that may not write), answers with a JSON error that adds no sensitive value to
/// what the request itself said: it may echo the id asked for, nothing else.
#[test]
fn refusals_are_json_errors_that_name_nothing_sensitive() {
    let world = world();
    let finding_id = hospital_finding_id(&world);
    // Every sensitive value of the matrix: what the audit log shows an admin.
    let sensitive: Vec<(&str, &str)> = expectations(Who::Admin, Endpoint::Audit)
        .into_iter()
        .map(|(what, text, _)| (what, text))
        .collect();
    let published_strike = policy::published_incident_id(&strike());
    // (who, method, path, body)
    let mut refused: Vec<(Who, &str, String, &str)> = Vec::new();
    for who in EVERYONE {
        for (endpoint, path) in requests(who, &finding_id) {
            if refusal(who, endpoint).is_some() {
                refused.push((who, "GET", path, ""));
            }
        }
        // Unknown records and paths: refused for everyone.
        for path in [
            "/api/sites/site-nowhere",
            "/api/incidents/no-such-incident",
            "/api/movements/no-such-convoy",
            "/api/notifications/no-such-notification",
            "/api/findings/f-0000000000000000",
            "/api/ceasefires/no-such-truce",
            "/api/areas/nowhere",
            "/api/sources/no-such-source",
            "/api/reports/no-such-report",
            "/api/statements/no-such-statement",
            "/api/incidents/no-such-incident/statements",
            "/api/exports/findings",
            "/ogc/collections/nothing",
            "/ogc/collections/sites/items/site-nowhere",
            "/api/no-such-endpoint",
        ] {
            refused.push((who, "GET", path.to_owned(), ""));
        }
        // Records that exist, refused to those who may not see them.
        let staff = is_staff(who);
        for (path, refused_to_them) in [
            ("/api/incidents/inc-1".to_owned(), !staff),
            ("/ogc/collections/incidents/items/inc-1".to_owned(), !staff),
            ("/api/areas/sy0200".to_owned(), !staff),
            (format!("/api/incidents/{published_strike}"), staff),
            (
                "/api/notifications/hns-1".to_owned(),
                matches!(who, Who::Public | Who::LiaisonOther),
            ),
            (
                "/api/notifications?subject=site:site-m10".to_owned(),
                who == Who::Public,
            ),
            (
                "/api/audit?record=site/site-m10".to_owned(),
                who != Who::Admin,
            ),
        ] {
            if refused_to_them {
                refused.push((who, "GET", path, ""));
            }
        }
    }
    // Writes refused: by a role that may not write the record, or to a notification the
    // liaison's party was never sent.
    for (who, method, path) in [
        (Who::LiaisonOther, "PUT", "/api/sites/site-m10"),
        (Who::Public, "PUT", "/api/sites/site-m10"),
        (Who::Analyst, "PUT", "/api/incidents/inc-1"),
        (Who::LiaisonNotified, "PUT", "/api/movements/convoy-secret"),
        (Who::Coordinator, "PUT", "/api/sources/witness-rana-7"),
        (Who::LiaisonNotified, "PUT", "/api/notifications/hns-3"),
        (
            Who::Public,
            "POST",
            "/api/notifications/hns-1/acknowledgements",
        ),
        (
            Who::LiaisonOther,
            "POST",
            "/api/notifications/hns-3/acknowledgements",
        ),
        (
            Who::LiaisonOther,
            "POST",
            "/api/notifications/hns-1/acknowledgements",
        ),
        (Who::Public, "POST", "/api/imports"),
    ] {
        refused.push((who, method, path.to_owned(), "{}"));
    }
    let mut wrong = Vec::new();
    let mut answered = std::collections::BTreeSet::new();
    for (who, method, path, body) in &refused {
        let token = world.token(*who);
        let answer = common::http::send(
            &world.server,
            method,
            path,
            token.as_deref(),
            &[("Content-Type", "application/json")],
            Some(body),
        );
        let code = answer.code();
        if !matches!(
            (answer.status, code),
            (403, "forbidden") | (404, "not_found")
        ) {
            wrong.push(format!(
                "{who:?} {method} {path}: not a 403 or 404 refusal: {} {}",
                answer.status, answer.body
            ));
            continue;
        }
        answered.insert((format!("{who:?}"), answer.status));
        let text = answer.body.to_string();
        for (what, value) in &sensitive {
            if text.contains(value) && !path.contains(value) {
                wrong.push(format!(
                    "{who:?} {method} {path}: {what} ({value}) in {text}"
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // Every role got a 404, and every role but the admin, who may read everything, a 403.
    for who in EVERYONE {
        assert!(answered.contains(&(format!("{who:?}"), 404)), "{who:?}");
        assert_eq!(
            answered.contains(&(format!("{who:?}"), 403)),
            who != Who::Admin,
            "{who:?}"
        );
    }
    world.server.stop().unwrap();
}

/// For liaisons and the public, an area finer than a governorate is hidden (`/api/areas`
/// answers 404 for it), so a filter by one answers exactly as one by an area that does not
/// exist: the refusal confirms nothing. Staff filter by it.
#[test]
fn a_hidden_area_is_answered_as_an_unknown_one_by_incidents_and_the_sitrep() {
    let world = world();
    for who in [Who::Public, Who::LiaisonNotified, Who::LiaisonOther] {
        for (path, hidden) in [
            ("/api/incidents?area=", "sakhour"),
            ("/api/incidents?area=", "sy0200"),
            ("/api/sitrep?from=2016-09-01&to=2016-09-30&area=", "sakhour"),
            ("/api/sitrep?from=2016-09-01&to=2016-09-30&area=", "sy0200"),
            ("/api/exports/incidents?area=", "sakhour"),
        ] {
            let (status, answer) = world.get(who, &format!("{path}{hidden}"));
            let (missing_status, missing) = world.get(who, &format!("{path}nowhere"));
            assert_eq!(
                (status, answer.replace(hidden, "X")),
                (missing_status, missing.replace("nowhere", "X")),
                "{who:?} {path}{hidden}"
            );
            assert_eq!(status, 400, "{who:?} {path}{hidden}: {answer}");
            assert_eq!(
                answer,
                format!(
                    r#"{{"error":{{"code":"bad_parameter","message":"area: no area has id '{hidden}'"}}}}"#
                ),
                "{who:?} {path}{hidden}"
            );
            let (status, _) = world.get(who, &format!("/api/areas/{hidden}"));
            assert_eq!(status, 404, "{who:?} /api/areas/{hidden}");
        }
        // A governorate is theirs to ask for.
        let (status, body) = world.get(who, "/api/incidents?area=sy02");
        assert_eq!(status, 200, "{who:?}: {body}");
        let (status, body) = world.get(who, "/api/sitrep?from=2016-09-01&to=2016-09-30&area=sy02");
        assert_eq!(status, 200, "{who:?}: {body}");
    }
    for who in [Who::Analyst, Who::Admin] {
        assert_eq!(
            ids(&world.json(who, "/api/incidents?area=sakhour")),
            ["inc-1"]
        );
        let report = world.json(
            who,
            "/api/sitrep?from=2016-09-01&to=2016-09-30&area=sakhour",
        );
        assert_eq!(report["incidents"]["total"], 1, "{report}");
    }
    world.server.stop().unwrap();
}

#[test]
fn the_public_sees_a_public_sites_name_and_governorate_and_a_hidden_site_is_a_plain_404() {
    let world = world();
    let sites = world.json(Who::Public, "/api/sites");
    let items = sites["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{sites}");
    assert_eq!(items[0]["name"], "Open Clinic");
    assert_eq!(items[0]["governorate"]["id"], "sy03");
    assert!(items[0].get("location").is_none(), "{sites}");
    let text = sites.to_string();
    assert!(!text.contains("36.63") && !text.contains("35.93"), "{text}");

    // Hidden and missing read the same, so a 404 confirms nothing.
    let (status, hidden) = world.get(Who::LiaisonOther, "/api/sites/site-m10");
    let (missing_status, missing) = world.get(Who::LiaisonOther, "/api/sites/site-nowhere");
    assert_eq!((status, missing_status), (404, 404));
    assert_eq!(
        hidden.replace("site-m10", "X"),
        missing.replace("site-nowhere", "X")
    );
    let notified = world.json(Who::LiaisonNotified, "/api/sites");
    assert_eq!(notified["items"].as_array().unwrap().len(), 2, "{notified}");
    let other = world.json(Who::LiaisonOther, "/api/sites");
    assert_eq!(other["items"].as_array().unwrap().len(), 1, "{other}");
    world.server.stop().unwrap();
}

#[test]
fn the_published_incident_has_governorate_day_category_and_ranges() {
    let world = world();
    let id = policy::published_incident_id(&strike());
    let shown = world.json(Who::Public, &format!("/api/incidents/{id}"));
    assert_eq!(shown["id"], id.as_str());
    assert_eq!(shown["governorate"]["id"], "sy02");
    assert_eq!(shown["country"]["id"], "sy");
    assert_eq!(shown["date_from"], "2016-09-28");
    assert_eq!(shown["category"], "explosive_weapons");
    assert_eq!(shown["certainty"], "confirmed");
    assert_eq!(shown["casualties"][0]["best"], 3);
    // The real id is not an alias for the public: it would confirm the record.
    let (status, _) = world.get(Who::Public, "/api/incidents/inc-1");
    assert_eq!(status, 404);
    let (status, _) = world.get(Who::Coordinator, &format!("/api/incidents/{id}"));
    assert_eq!(status, 404);
    world.server.stop().unwrap();
}

fn ids(value: &serde_json::Value) -> Vec<String> {
    value["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn pages_follow_the_next_link_in_id_order_for_staff_and_the_public() {
    let world = world();
    let first = world.json(Who::Analyst, "/api/incidents?limit=2");
    assert_eq!(ids(&first), ["inc-1", "inc-2"]);
    assert_eq!(first["next"]["after"], "inc-2");
    let href = first["next"]["href"].as_str().unwrap();
    assert_eq!(href, "/api/incidents?limit=2&after=inc-2");
    let second = world.json(Who::Analyst, href);
    assert_eq!(ids(&second), ["inc-3"]);
    assert!(second["next"].is_null(), "{second}");

    // Filters travel in the link.
    let filtered = world.json(
        Who::Analyst,
        "/api/incidents?limit=1&category=explosive_weapons",
    );
    assert_eq!(ids(&filtered), ["inc-1"]);
    let href = filtered["next"]["href"].as_str().unwrap();
    assert!(href.contains("category=explosive_weapons"), "{href}");
    assert_eq!(ids(&world.json(Who::Analyst, href)), ["inc-2"]);

    // The public pages through pseudonyms in the same order.
    let mut seen = Vec::new();
    let mut path = "/api/incidents?limit=1".to_owned();
    loop {
        let page = world.json(Who::Public, &path);
        seen.extend(ids(&page));
        match page["next"]["href"].as_str() {
            Some(next) => path = next.to_owned(),
            None => break,
        }
    }
    let expected: Vec<String> = std::iter::once(strike())
        .chain(others().iter().map(|s| incident(s).0))
        .map(|i| policy::published_incident_id(&i))
        .collect();
    assert_eq!(seen, expected);

    let sites = world.json(Who::Coordinator, "/api/sites?limit=1");
    assert_eq!(ids(&sites), ["site-m10"]);
    let rest = world.json(Who::Coordinator, sites["next"]["href"].as_str().unwrap());
    assert_eq!(ids(&rest), ["site-open-clinic"]);
    assert!(rest["next"].is_null());
    world.server.stop().unwrap();
}

#[test]
fn each_filter_selects_what_it_says() {
    let world = world();
    let q = |query: &str| ids(&world.json(Who::Coordinator, &format!("/api/incidents?{query}")));
    assert_eq!(q("bbox=37.1,36.1,37.2,36.3"), ["inc-1"]);
    assert_eq!(q("bbox=36,35,38,37"), ["inc-1", "inc-2", "inc-3"]);
    assert_eq!(q("datetime=2016-09-28"), ["inc-1"]);
    assert_eq!(q("datetime=2016-09-23/.."), ["inc-1", "inc-3"]);
    assert_eq!(q("datetime=../2016-09-22"), ["inc-2"]);
    // Span overlap: inc-3 runs 5–6 October.
    assert_eq!(q("datetime=2016-10-06T12:00:00Z/2016-12-01"), ["inc-3"]);
    assert_eq!(
        q("datetime=2016-09-28T04:00:00Z/2016-09-28T04:30:00%2B00:00"),
        ["inc-1"]
    );
    assert_eq!(q("category=airstrike"), ["inc-1"]);
    assert_eq!(q("category=explosive_weapons"), ["inc-1", "inc-2"]);
    assert_eq!(q("certainty=possible"), ["inc-3"]);
    assert_eq!(q("area=sy02"), ["inc-1", "inc-2"]);
    assert_eq!(q("area=sakhour"), ["inc-1"]);
    assert_eq!(q("area=sy"), ["inc-1", "inc-2", "inc-3"]);
    assert_eq!(q("area=sy02&certainty=probable"), ["inc-2"]);

    // The public may filter by governorate and day.
    let public = world.json(
        Who::Public,
        "/api/incidents?area=sy03&datetime=2016-10-01/..",
    );
    assert_eq!(public["items"].as_array().unwrap().len(), 1, "{public}");
    assert_eq!(public["items"][0]["governorate"]["id"], "sy03");
    world.server.stop().unwrap();
}

#[test]
fn bad_parameters_are_400_naming_the_parameter_and_unknown_ids_404() {
    let world = world();
    for (who, query, parameter) in [
        (Who::Coordinator, "limit=0", "limit"),
        (Who::Coordinator, "limit=1001", "limit"),
        (Who::Coordinator, "limit=ten", "limit"),
        (Who::Coordinator, "bbox=1,2,3", "bbox"),
        (Who::Coordinator, "bbox=3,2,1,4", "bbox"),
        (Who::Coordinator, "bbox=0,0,200,10", "bbox"),
        (Who::Coordinator, "datetime=yesterday", "datetime"),
        (
            Who::Coordinator,
            "datetime=2016-10-01/2016-09-01",
            "datetime",
        ),
        (Who::Coordinator, "category=picnic", "category"),
        (Who::Coordinator, "certainty=sure", "certainty"),
        (Who::Coordinator, "area=nowhere", "area"),
        (Who::Coordinator, "categroy=airstrike", "categroy"),
        (Who::Coordinator, "limit=1&limit=2", "limit"),
        // What would locate an incident more finely than the published view.
        (Who::Public, "bbox=36,35,38,37", "bbox"),
        (Who::LiaisonNotified, "bbox=36,35,38,37", "bbox"),
        (Who::Public, "area=sakhour", "area"),
        (Who::Public, "area=sy0200", "area"),
        (Who::Public, "datetime=2016-09-28T04:00:00Z/..", "datetime"),
        (Who::Public, "after=inc-1", "after"),
    ] {
        let (status, body) = world.get(who, &format!("/api/incidents?{query}"));
        assert_eq!(status, 400, "{who:?} {query}: {body}");
        let body: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(body["error"]["code"], "bad_parameter", "{query}");
        let message = body["error"]["message"].as_str().unwrap();
        assert!(
            message.starts_with(&format!("{parameter}: ")),
            "{query}: {message}"
        );
    }
    let (status, body) = world.get(Who::Coordinator, "/api/sites?bbox=1,2,3,4");
    assert_eq!(status, 400, "{body}");

    for path in ["/api/sites/no-such-site", "/api/incidents/no-such-incident"] {
        for who in [Who::Public, Who::Admin] {
            let (status, body) = world.get(who, path);
            assert_eq!(status, 404, "{who:?} {path}: {body}");
            let body: serde_json::Value = serde_json::from_str(&body).unwrap();
            assert_eq!(body["error"]["code"], "not_found");
        }
    }
    world.server.stop().unwrap();
}

#[test]
fn movements_follow_the_rule_for_sites_and_the_public_gets_kind_name_and_days() {
    let world = world();
    let public = world.json(Who::Public, "/api/movements");
    assert_eq!(ids(&public), ["convoy-open"]);
    let open = &public["items"][0];
    assert_eq!(open["name"], PUBLIC_MOVEMENT_NAME);
    assert_eq!(open["kind"], "medical_evacuation");
    assert_eq!(
        (open["date_from"].as_str(), open["date_to"].as_str()),
        (Some("2016-10-05"), Some("2016-10-06"))
    );
    assert!(
        open.get("route").is_none() && open.get("window").is_none(),
        "{open}"
    );

    assert_eq!(
        ids(&world.json(Who::LiaisonNotified, "/api/movements")),
        ["convoy-open", "convoy-secret"]
    );
    assert_eq!(
        ids(&world.json(Who::LiaisonOther, "/api/movements")),
        ["convoy-open"]
    );
    let full = world.json(
        Who::Analyst,
        &format!("/api/movements/{RESTRICTED_MOVEMENT_ID}"),
    );
    assert_eq!(full["route"][0][0].to_string(), ROUTE_START_LON);
    assert_eq!(full["corridor_width_m"], 1000.0);
    assert_eq!(full["window"]["start"], "2016-09-28T03:00:00Z");
    // An analyst sees the route, not where it came from.
    assert!(full.get("source").is_none(), "{full}");
    let monitor = world.json(
        Who::Monitor,
        &format!("/api/movements/{RESTRICTED_MOVEMENT_ID}"),
    );
    assert_eq!(monitor["source"], CONVOY_SOURCE_ID);

    let page = world.json(Who::Coordinator, "/api/movements?limit=1");
    assert_eq!(ids(&page), ["convoy-open"]);
    let rest = world.json(Who::Coordinator, page["next"]["href"].as_str().unwrap());
    assert_eq!(ids(&rest), ["convoy-secret"]);
    assert!(rest["next"].is_null(), "{rest}");
    world.server.stop().unwrap();
}

#[test]
fn findings_are_for_staff_filter_by_kind_incident_site_and_movement_and_page() {
    let world = world();
    let all = world.json(Who::Analyst, "/api/findings");
    let kinds: Vec<&str> = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["notified_site", "notified_movement"], "{all}");
    let site_finding = &all["items"][0];
    assert_eq!(site_finding["incident"], "inc-1");
    assert_eq!(site_finding["subject"]["id"], RESTRICTED_SITE_ID);
    assert_eq!(site_finding["strength"], "linked");
    assert_eq!(site_finding["notification"]["id"], "hns-1");
    assert_eq!(site_finding["notification"]["days_before"], 26);
    let [hospital, convoy] = [0, 1].map(|i| all["items"][i]["id"].as_str().unwrap().to_owned());

    let q = |query: &str| ids(&world.json(Who::Coordinator, &format!("/api/findings?{query}")));
    assert_eq!(q("kind=notified_movement"), [convoy.as_str()]);
    assert_eq!(
        q(&format!("movement={RESTRICTED_MOVEMENT_ID}")),
        [convoy.as_str()]
    );
    assert_eq!(
        q(&format!("site={RESTRICTED_SITE_ID}")),
        [hospital.as_str()]
    );
    assert_eq!(q("incident=inc-1"), [hospital.as_str(), convoy.as_str()]);
    assert!(q("incident=inc-2").is_empty());
    assert!(q("site=site-open-clinic").is_empty());
    assert!(q(&format!("site={RESTRICTED_SITE_ID}&kind=notified_movement")).is_empty());

    // The id is stable: the same finding, found by it, and paging follows it.
    let one = world.json(Who::Monitor, &format!("/api/findings/{convoy}"));
    assert_eq!(one, all["items"][1]);
    let first = world.json(Who::Admin, "/api/findings?limit=1");
    assert_eq!(ids(&first), [hospital.as_str()]);
    let second = world.json(Who::Admin, first["next"]["href"].as_str().unwrap());
    assert_eq!(ids(&second), [convoy.as_str()]);
    assert!(second["next"].is_null(), "{second}");

    for (query, parameter) in [
        ("kind=picnic", "kind"),
        ("limit=0", "limit"),
        ("sites=x", "sites"),
        ("after=f-0000000000000000", "after"),
    ] {
        let (status, body) = world.get(Who::Admin, &format!("/api/findings?{query}"));
        assert_eq!(status, 400, "{query}: {body}");
        assert!(
            body.contains(&format!("\"message\":\"{parameter}: ")),
            "{query}: {body}"
        );
    }
    let (status, body) = world.get(Who::Admin, "/api/findings/f-0000000000000000");
    assert_eq!(status, 404, "{body}");
    assert!(body.contains("\"not_found\""), "{body}");
    // Liaisons and the public are refused whatever they ask, with a code a program can test.
    for who in [Who::Public, Who::LiaisonNotified, Who::LiaisonOther] {
        for path in [
            "/api/findings",
            "/api/findings?kind=picnic",
            "/api/findings/f-0000000000000000",
        ] {
            let (status, body) = world.get(who, path);
            assert_eq!(status, 403, "{who:?} {path}: {body}");
            assert!(body.contains("\"code\":\"forbidden\""), "{body}");
        }
    }
    world.server.stop().unwrap();
}

/// Guards the fixture: the strike's time and date helpers agree, so the datetime filters above
/// test overlap rather than an accident of the data.
#[test]
fn the_fixture_days_are_whole_days() {
    let span = others()[1].when;
    assert_eq!(span.start(), start_of_day(day(2016, 10, 5)));
    assert_eq!(span.end(), end_of_day(day(2016, 10, 6)));
}

#[test]
fn ceasefires_are_public_knowledge_and_their_source_is_for_monitors_and_admins() {
    let world = world();
    let public = world.json(Who::Public, "/api/ceasefires");
    assert_eq!(ids(&public), [CEASEFIRE_ID]);
    let truce = &public["items"][0];
    assert_eq!(truce["parties"], serde_json::json!(["party-a", "party-b"]));
    assert_eq!(truce["areas"], serde_json::json!(["sy03"]));
    assert_eq!(truce["start"], "2016-09-12T16:00:00Z");
    assert_eq!(truce["collapsed_at"], "2016-09-19T19:00:00Z");
    assert!(truce["planned_end"].is_null(), "{truce}");
    assert!(truce.get("source").is_none(), "{truce}");
    let monitor = world.json(Who::Monitor, &format!("/api/ceasefires/{CEASEFIRE_ID}"));
    assert_eq!(monitor["source"], CEASEFIRE_SOURCE_ID);
    let (status, _) = world.get(Who::Public, "/api/ceasefires/no-such-truce");
    assert_eq!(status, 404);
    world.server.stop().unwrap();
}

#[test]
fn areas_are_listed_without_boundaries_and_the_published_view_gets_countries_and_governorates() {
    let world = world();
    assert_eq!(
        ids(&world.json(Who::Public, "/api/areas")),
        ["sy", "sy02", "sy03"]
    );
    assert_eq!(
        ids(&world.json(Who::LiaisonNotified, "/api/areas")),
        ["sy", "sy02", "sy03"]
    );
    let staff = world.json(Who::Analyst, "/api/areas");
    assert_eq!(ids(&staff), ["sakhour", "sy", "sy02", "sy0200", "sy03"]);
    assert!(
        staff["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a.get("boundary").is_none()),
        "{staff}"
    );
    assert_eq!(
        ids(&world.json(Who::Analyst, "/api/areas?level=governorate")),
        ["sy02", "sy03"]
    );
    assert_eq!(
        ids(&world.json(Who::Analyst, "/api/areas?parent=sy0200")),
        ["sakhour"]
    );
    assert_eq!(
        ids(&world.json(Who::Public, "/api/areas?parent=sy")),
        ["sy02", "sy03"]
    );

    let sakhour = world.json(Who::Coordinator, "/api/areas/sakhour");
    assert_eq!(sakhour["level"], "neighbourhood");
    assert_eq!(sakhour["parent"], "sy0200");
    assert_eq!(sakhour["boundary"]["type"], "MultiPolygon");
    assert_eq!(
        sakhour["boundary"]["coordinates"][0][0][0][0].to_string(),
        NEIGHBOURHOOD_LON
    );
    let governorate = world.json(Who::Public, "/api/areas/sy02");
    assert_eq!(governorate["name_en"], "Area sy02");
    assert!(governorate["boundary"].is_null(), "{governorate}");

    // Asking the published view for what it never shows is refused by name, not answered
    // with an empty list; a hidden parent reads as an unknown one.
    for (query, parameter) in [
        ("level=neighbourhood", "level"),
        ("level=district", "level"),
        ("parent=sy0200", "parent"),
        ("parent=nowhere", "parent"),
    ] {
        let (status, body) = world.get(Who::Public, &format!("/api/areas?{query}"));
        assert_eq!(status, 400, "{query}: {body}");
        assert!(
            body.contains(&format!("\"message\":\"{parameter}: ")),
            "{query}: {body}"
        );
    }
    let (status, body) = world.get(Who::Admin, "/api/areas?level=hamlet");
    assert_eq!(status, 400, "{body}");
    world.server.stop().unwrap();
}

#[test]
fn sources_and_reports_are_for_monitors_and_admins_with_the_witness_named() {
    let world = world();
    let sources = world.json(Who::Monitor, "/api/sources");
    let witness = sources["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == WITNESS_SOURCE_ID)
        .unwrap();
    assert_eq!(witness["title"], WITNESS_TITLE);
    assert_eq!(witness["protected"], true);
    let page = world.json(Who::Admin, "/api/sources?limit=2");
    assert_eq!(page["items"].as_array().unwrap().len(), 2);
    assert!(page["next"]["href"].is_string(), "{page}");

    let report = world.json(Who::Admin, "/api/reports/report-inc-1");
    assert_eq!(report["source"], WITNESS_SOURCE_ID);
    assert_eq!(report["summary"], "as received");
    assert_eq!(report["content"], serde_json::json!({}));
    let (status, _) = world.get(Who::Monitor, "/api/reports/no-such-report");
    assert_eq!(status, 404);
    // Refused before anything is looked up: an unknown id is refused the same way.
    for who in [Who::Analyst, Who::Coordinator, Who::Public] {
        for path in [
            "/api/sources",
            "/api/sources/nothing",
            "/api/reports/nothing",
        ] {
            let (status, body) = world.get(who, path);
            assert_eq!(status, 403, "{who:?} {path}: {body}");
        }
    }
    world.server.stop().unwrap();
}

#[test]
fn statements_are_for_staff_and_name_their_source_for_monitors_and_admins() {
    let world = world();
    let analyst = world.json(Who::Analyst, "/api/incidents/inc-1/statements");
    let items = analyst["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{analyst}");
    assert_eq!(items[0]["id"], STATEMENT_ID);
    assert_eq!(items[0]["kind"], "denial");
    assert_eq!(items[0]["party"], "party-b");
    assert_eq!(items[0]["made_on"], "2016-09-29");
    assert!(items[0].get("source").is_none(), "{analyst}");
    let monitor = world.json(Who::Monitor, &format!("/api/statements/{STATEMENT_ID}"));
    assert_eq!(monitor["source"], STATEMENT_SOURCE_ID);
    assert_eq!(
        world.json(Who::Coordinator, "/api/incidents/inc-2/statements")["items"],
        serde_json::json!([])
    );
    let (status, _) = world.get(Who::Admin, "/api/incidents/no-such-incident/statements");
    assert_eq!(status, 404);
    world.server.stop().unwrap();
}

/// Status, content type, content disposition and body of a GET as `who`.
fn download(world: &World, who: Who, path: &str) -> (u16, String, String, String) {
    let mut request = ureq::get(&world.server.url(path))
        .config()
        .http_status_as_error(false)
        .build();
    if let Some(secret) = world.token(who) {
        request = request.header("Authorization", &format!("Bearer {secret}"));
    }
    let mut response = request.call().unwrap();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let (content_type, disposition) = (header("content-type"), header("content-disposition"));
    let status = response.status().as_u16();
    let body = response.body_mut().read_to_string().unwrap();
    (status, content_type, disposition, body)
}

/// The CSV cells of `text`, row by row.
fn cells(text: &str) -> Vec<Vec<String>> {
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

fn column(text: &str, name: &str) -> Vec<String> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let at = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name}"));
    reader
        .records()
        .map(|r| r.unwrap()[at].to_owned())
        .collect()
}

#[test]
fn staff_export_the_canonical_layout_with_sources_only_for_monitors_and_admins() {
    let world = world();
    let (status, content_type, disposition, monitor) =
        download(&world, Who::Monitor, "/api/exports/incidents");
    assert_eq!(status, 200, "{monitor}");
    assert_eq!(content_type, "text/csv; charset=utf-8");
    assert_eq!(disposition, "attachment; filename=\"vigil-incidents.csv\"");
    assert!(
        monitor.starts_with("id,kind,lon,lat,radius_m,start,end,"),
        "{monitor}"
    );
    assert_eq!(column(&monitor, "id"), ["inc-1", "inc-2", "inc-3"]);
    assert_eq!(
        column(&monitor, "source"),
        [WITNESS_SOURCE_ID, STATUS_SOURCE_ID, STATUS_SOURCE_ID]
    );
    // The same rows for an analyst, every source reference gone, suffixes included.
    let (_, _, _, analyst) = download(&world, Who::Analyst, "/api/exports/incidents");
    assert_eq!(column(&analyst, "id"), ["inc-1", "inc-2", "inc-3"]);
    assert_eq!(column(&analyst, "source"), ["", "", ""]);
    // A figure without its source reads `@-` ("no source"), never `@` and an identity.
    assert_eq!(column(&analyst, "casualties")[0], "patients:killed:2/3/5@-");
    assert_eq!(
        analyst.matches('@').count(),
        analyst.matches("@-").count(),
        "{analyst}"
    );

    let (_, _, _, sites) = download(&world, Who::Coordinator, "/api/exports/sites");
    assert_eq!(
        column(&sites, "id"),
        [RESTRICTED_SITE_ID, "site-open-clinic"]
    );
    assert_eq!(column(&sites, "status_source"), ["", ""]);
    assert_eq!(
        column(&sites, "notification_id"),
        ["hns-1", CLINIC_NOTIFICATION_ID]
    );

    // The filters of `vigil export`: an area and below, and a period.
    let (_, _, _, sy02) = download(&world, Who::Analyst, "/api/exports/incidents?area=sy02");
    assert_eq!(column(&sy02, "id"), ["inc-1", "inc-2"]);
    let (_, _, _, october) = download(
        &world,
        Who::Analyst,
        "/api/exports/incidents?from=2016-10-01&to=2016-10-31",
    );
    assert_eq!(column(&october, "id"), ["inc-3"]);
    let (_, _, _, notified) = download(
        &world,
        Who::Analyst,
        "/api/exports/sites?from=2016-09-28&to=2016-09-28",
    );
    assert_eq!(column(&notified, "id"), [RESTRICTED_SITE_ID]);

    let (status, content_type, disposition, geojson) =
        download(&world, Who::Admin, "/api/exports/sites?format=geojson");
    assert_eq!(status, 200);
    assert_eq!(content_type, "application/geo+json");
    assert_eq!(disposition, "attachment; filename=\"vigil-sites.geojson\"");
    let geojson: serde_json::Value = serde_json::from_str(&geojson).unwrap();
    assert_eq!(geojson["features"][0]["geometry"]["type"], "Point");
    let (_, _, disposition, hxl) =
        download(&world, Who::Admin, "/api/exports/incidents?format=hxl");
    assert_eq!(
        disposition,
        "attachment; filename=\"vigil-incidents-hxl.csv\""
    );
    assert!(cells(&hxl)[0][0].starts_with('#'), "{hxl}");
    world.server.stop().unwrap();
}

#[test]
fn liaisons_and_the_public_export_the_published_views_only() {
    let world = world();
    let published_strike = policy::published_incident_id(&strike());
    for who in [Who::Public, Who::LiaisonNotified] {
        let (status, content_type, disposition, csv) =
            download(&world, who, "/api/exports/incidents");
        assert_eq!(status, 200, "{csv}");
        assert_eq!(content_type, "text/csv; charset=utf-8");
        assert_eq!(
            disposition,
            "attachment; filename=\"vigil-incidents-published.csv\""
        );
        assert!(
            csv.starts_with(
                "id,country,country_name,governorate,governorate_name,date_from,date_to,kind,category,certainty,casualties\n"
            ),
            "{csv}"
        );
        let rows = cells(&csv);
        assert_eq!(rows.len(), 3, "{csv}");
        let strike = rows.iter().find(|r| r[0] == published_strike).unwrap();
        assert_eq!(
            strike[1..],
            [
                "sy",
                "Area sy",
                "sy02",
                "Area sy02",
                "2016-09-28",
                "2016-09-28",
                "airstrike",
                "explosive_weapons",
                "confirmed",
                "patients:killed:2/3/5"
            ]
        );

        let (_, _, _, sites) = download(&world, who, "/api/exports/sites?format=geojson");
        let sites: serde_json::Value = serde_json::from_str(&sites).unwrap();
        let features = sites["features"].as_array().unwrap();
        assert_eq!(features.len(), 1, "{sites}");
        assert_eq!(features[0]["id"], "site-open-clinic");
        assert!(features[0]["geometry"].is_null(), "{sites}");
        assert_eq!(features[0]["properties"]["governorate"], "sy03");

        let (_, _, _, hxl) = download(&world, who, "/api/exports/sites?format=hxl&area=sy03");
        let rows = cells(&hxl);
        assert_eq!(rows[0][0], "#loc+id", "{hxl}");
        assert_eq!(rows[1][2], "Open Clinic", "{hxl}");
    }
    // A district or neighbourhood reads as an unknown area, as `/api/areas` hides them.
    let (_, _, _, hidden) = download(&world, Who::Public, "/api/exports/incidents?area=sakhour");
    let (_, _, _, missing) = download(&world, Who::Public, "/api/exports/incidents?area=nowhere");
    assert_eq!(
        hidden.replace("sakhour", "X"),
        missing.replace("nowhere", "X")
    );
    // What would place records more finely than they are published.
    for (path, parameter) in [
        ("/api/exports/incidents?area=sakhour", "area"),
        ("/api/exports/incidents?area=sy0200", "area"),
        ("/api/exports/sites?from=2016-09-01", "from"),
        ("/api/exports/sites?to=2016-09-01", "to"),
    ] {
        let (status, _, _, body) = download(&world, Who::Public, path);
        assert_eq!(status, 400, "{path}: {body}");
        assert!(
            body.contains(&format!("\"message\":\"{parameter}: ")),
            "{path}: {body}"
        );
    }
    // Bad parameters for anyone.
    for (path, parameter) in [
        ("/api/exports/incidents?format=xlsx", "format"),
        ("/api/exports/incidents?from=28/09/2016", "from"),
        ("/api/exports/incidents?from=2016-10-01&to=2016-09-01", "to"),
        ("/api/exports/incidents?area=nowhere", "area"),
        ("/api/exports/incidents?bbox=1,2,3,4", "bbox"),
    ] {
        let (status, _, _, body) = download(&world, Who::Admin, path);
        assert_eq!(status, 400, "{path}: {body}");
        assert!(
            body.contains(&format!("\"message\":\"{parameter}: ")),
            "{path}: {body}"
        );
    }
    let (status, _, _, body) = download(&world, Who::Admin, "/api/exports/findings");
    assert_eq!(status, 404, "{body}");
    world.server.stop().unwrap();
}

/// A liaison acknowledges what its view shows: the versions sent to its party. A version sent
/// to other parties alone is, for it, no version at all (the same 422 as one never sent), and
/// "the latest" is the latest it was sent.
#[test]
fn a_liaison_acknowledges_only_the_versions_it_sees_and_learns_of_no_other() {
    let world = world();
    let liaison = world.token(Who::LiaisonNotified);
    let acknowledge = |body: &str| {
        common::http::send(
            &world.server,
            "POST",
            &format!("/api/notifications/{CLINIC_NOTIFICATION_ID}/acknowledgements"),
            liaison.as_deref(),
            &[("Content-Type", "application/json")],
            Some(body),
        )
    };
    let hidden = acknowledge(r#"{"version": 2}"#);
    let missing = acknowledge(r#"{"version": 3}"#);
    assert_eq!(hidden.status, 422, "{}", hidden.body);
    assert_eq!(
        (
            hidden.status,
            hidden.body.to_string().replace("Some(2)", "Some(N)")
        ),
        (
            missing.status,
            missing.body.to_string().replace("Some(3)", "Some(N)")
        )
    );
    // Version 1, already acknowledged with these facts: the receipt stands.
    let latest = acknowledge("{}");
    assert_eq!(latest.status, 200, "{}", latest.body);
    assert_eq!(latest.body["latest_version"], 1);
    let text = latest.body.to_string();
    assert!(text.contains(OWN_ACK_BY), "{text}");
    assert!(
        !text.contains(OTHER_PARTY) && !text.contains(OTHER_ONLY_CHANNEL),
        "{text}"
    );
    world.server.stop().unwrap();
}
