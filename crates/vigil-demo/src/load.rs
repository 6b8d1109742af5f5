//! Turns the scenario into domain records and writes them in one transaction.

use crate::boundaries::{self, Boundaries};
use crate::scenario::*;
use crate::DemoError;
use ::geo::Contains;
use std::collections::BTreeMap;
use vigil_domain::time::{end_of_day, start_of_day};
use vigil_domain::*;
use vigil_store::{Existing, Store, WriteOutcome};

/// What loading the demo wrote.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct LoadReport {
    /// Records written for the first time.
    pub inserted: u64,
    /// Records that were stored already and changed.
    pub updated: u64,
    /// Records that were stored already, exactly so.
    pub unchanged: u64,
}

impl LoadReport {
    fn add(&mut self, outcome: WriteOutcome) {
        match outcome {
            WriteOutcome::Inserted => self.inserted += 1,
            WriteOutcome::Updated => self.updated += 1,
            WriteOutcome::Unchanged => self.unchanged += 1,
        }
    }
}

fn invalid(what: &str, id: impl std::fmt::Display, errors: Vec<ValidationError>) -> DemoError {
    let problems: Vec<String> = errors.iter().map(ToString::to_string).collect();
    DemoError::Invalid(format!("{what} {id}: {}", problems.join("; ")))
}

struct Places<'a> {
    boundaries: &'a Boundaries,
}

impl Places<'_> {
    /// The location a scenario place stands for, and the smallest shipped area containing it.
    fn resolve(
        &self,
        what: &str,
        place: &ScenarioLocation,
    ) -> Result<(Location, Option<AreaId>), DemoError> {
        match place {
            ScenarioLocation::Neighbourhood { neighbourhood } => {
                let reference = self
                    .boundaries
                    .neighbourhoods
                    .get(neighbourhood)
                    .ok_or_else(|| {
                        DemoError::Invalid(format!(
                            "{what}: no Aleppo neighbourhood has P-code {neighbourhood}"
                        ))
                    })?;
                let location = Location::new(
                    reference.point,
                    GeoPrecision::Neighbourhood,
                    reference.reach_m,
                )
                .map_err(|e| invalid(what, "location", e))?;
                Ok((
                    location,
                    Some(
                        AreaId::new(neighbourhood.clone())
                            .map_err(|e| invalid(what, "area", vec![e]))?,
                    ),
                ))
            }
            ScenarioLocation::Point {
                lon,
                lat,
                precision,
                radius_m,
            } => {
                let point = Point::new(*lon, *lat).map_err(|e| invalid(what, "location", e))?;
                let radius = radius_m.unwrap_or_else(|| precision.default_radius_m());
                let location = Location::new(point, *precision, radius)
                    .map_err(|e| invalid(what, "location", e))?;
                Ok((location, self.containing_area(point)))
            }
        }
    }

    /// The neighbourhood, else the governorate, whose boundary contains the point.
    fn containing_area(&self, point: Point) -> Option<AreaId> {
        let p = ::geo::Point::new(point.lon(), point.lat());
        [AreaLevel::Neighbourhood, AreaLevel::Governorate]
            .iter()
            .find_map(|level| {
                self.boundaries.areas.iter().find(|a| {
                    a.level == *level && a.boundary.as_ref().is_some_and(|b| b.contains(&p))
                })
            })
            .map(|a| a.id.clone())
    }
}

fn span(
    start: DayOrInstant,
    end: DayOrInstant,
    precision: TimePrecision,
) -> Result<TimeSpan, ValidationError> {
    let start = match start {
        DayOrInstant::Instant(t) => t,
        DayOrInstant::Day(d) => start_of_day(d),
    };
    let end = match end {
        DayOrInstant::Instant(t) => t,
        DayOrInstant::Day(d) => end_of_day(d),
    };
    TimeSpan::new(start, end, precision)
}

/// Writes the scenario and the boundaries into `store`, all in one transaction.
pub fn write(store: &mut dyn Store, scenario: &Scenario) -> Result<LoadReport, DemoError> {
    let boundaries = boundaries::load()?;
    let places = Places {
        boundaries: &boundaries,
    };
    let mut report = LoadReport::default();
    let mut tx = store.transaction()?;

    report.add(tx.put_source(&boundaries::boundary_source(), Existing::Replace)?);
    for s in &scenario.sources {
        let source = Source {
            id: s.id.clone(),
            kind: s.kind,
            title: s.title.clone(),
            publisher: s.publisher.clone(),
            url: s.url.clone(),
            published_on: s.published_on,
            protected: s.kind == SourceKind::Witness,
        };
        report.add(tx.put_source(&source, Existing::Replace)?);
    }
    for party in &scenario.parties {
        report.add(tx.put_party(party, Existing::Replace)?);
    }
    for area in &boundaries.areas {
        report.add(tx.put_area(area)?);
    }

    let mut sites = BTreeMap::new();
    for s in &scenario.sites {
        let (location, area) = places.resolve(&format!("site {}", s.id), &s.location)?;
        let site = Site {
            id: s.id.clone(),
            kind: s.kind,
            name: s.name.clone(),
            operator: s.operator.clone(),
            location,
            footprint: None,
            sensitivity: s.sensitivity,
            area,
            status: s.status.clone(),
            capacity: s.capacity.clone(),
        };
        report.add(tx.put_site(&site)?);
        sites.insert(site.id.clone(), site);
    }

    let mut movements = BTreeMap::new();
    for m in &scenario.movements {
        let route = m
            .route
            .iter()
            .map(|[lon, lat]| Point::new(*lon, *lat))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| invalid("movement", &m.id, e))?;
        let movement = Movement {
            id: m.id.clone(),
            kind: m.kind,
            name: m.name.clone(),
            operator: m.operator.clone(),
            route,
            corridor_width_m: m.corridor_width_m,
            window: TimeSpan::new(m.window_start, m.window_end, TimePrecision::Exact)
                .map_err(|e| invalid("movement", &m.id, vec![e]))?,
            sensitivity: m.sensitivity,
            source: m.source.clone(),
        };
        report.add(tx.put_movement(&movement)?);
        movements.insert(movement.id.clone(), movement);
    }

    let mut versions = BTreeMap::new();
    for n in &scenario.notifications {
        let valid = DayWindow::new(n.valid_from, n.valid_to)
            .map_err(|e| invalid("notification", &n.id, vec![e]))?;
        // Parties in a fixed order, as the canonical files write them: their order carries no
        // meaning, and the payload digest must not depend on it.
        let mut parties = n.parties.clone();
        parties.sort();
        parties.dedup();
        let payload = match &n.subject {
            Subject::Site(id) => payload::site_payload(
                sites.get(id).ok_or_else(|| {
                    DemoError::Invalid(format!("notification {}: no site {id}", n.id))
                })?,
                &valid,
                &parties,
            ),
            Subject::Movement(id) => payload::movement_payload(
                movements.get(id).ok_or_else(|| {
                    DemoError::Invalid(format!("notification {}: no movement {id}", n.id))
                })?,
                &valid,
                &parties,
            ),
        };
        let notification = Notification {
            id: n.id.clone(),
            version: 1,
            subject: n.subject.clone(),
            parties,
            sent_at: n.sent_at,
            valid,
            withdrawn_at: None,
            channel: n.channel.clone(),
            payload_sha256: payload::digest(&payload),
            source: n.source.clone(),
        };
        let (outcome, version) = tx.put_notification(&notification)?;
        report.add(outcome);
        versions.insert(n.id.clone(), version);
    }
    for a in &scenario.acknowledgements {
        let version = *versions.get(&a.notification).ok_or_else(|| {
            DemoError::Invalid(format!(
                "acknowledgement by {}: no notification {}",
                a.party, a.notification
            ))
        })?;
        let ack = Acknowledgement {
            notification: a.notification.clone(),
            version,
            party: a.party.clone(),
            received_at: a.received_at,
            by: a.by.clone(),
            channel: a.channel.clone(),
            source: a.source.clone(),
        };
        report.add(tx.put_acknowledgement(&ack)?);
    }

    for i in &scenario.incidents {
        let what = format!("incident {}", i.id);
        for r in &i.reports {
            let content = ReportContent::from_value(
                &serde_json::json!({ "summary": r.summary, "incident": i.id }),
            );
            report.add(tx.put_report(&Report {
                id: r.id.clone(),
                source: r.source.clone(),
                received_at: r.received_at,
                summary: r.summary.clone(),
                content,
            })?);
        }
        let (location, area) = places.resolve(&what, &i.location)?;
        let incident = Incident {
            id: i.id.clone(),
            title: i.title.clone(),
            kind: i.kind,
            when: span(i.start, i.end, i.time_precision)
                .map_err(|e| invalid("incident", &i.id, vec![e]))?,
            location,
            area,
            weapon: i.weapon.clone(),
            targets: i.targets.clone(),
            damage: i.damage,
            certainty: i.certainty,
            casualties: i
                .casualties
                .iter()
                .map(|c| CasualtyFigure {
                    group: c.group,
                    outcome: c.outcome,
                    count: Range {
                        low: c.low,
                        best: c.best,
                        high: c.high,
                    },
                    source: c.source.clone(),
                })
                .collect(),
            attributions: i.attributions.clone(),
            description: i.description.clone(),
            reports: i.reports.iter().map(|r| r.id.clone()).collect(),
        };
        report.add(tx.put_incident(&incident)?);
    }
    for statement in &scenario.statements {
        report.add(tx.put_statement(statement)?);
    }
    for c in &scenario.ceasefires {
        report.add(tx.put_ceasefire(&Ceasefire {
            id: c.id.clone(),
            name: c.name.clone(),
            parties: c.parties.clone(),
            areas: c.areas.clone(),
            start: c.start,
            planned_end: c.planned_end,
            collapsed_at: c.collapsed_at,
            source: c.source.clone(),
        })?);
    }
    tx.commit()?;
    Ok(report)
}
