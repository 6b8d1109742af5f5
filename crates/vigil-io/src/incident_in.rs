//! An incidents row → an [`Incident`], the [`Report`] it is built from, that report's
//! [`Source`], and the parties and other sources it names.

use crate::casualties::{read_casualties, read_perpetrators};
use crate::columns::{Columns, IncidentCol as Col};
use crate::error::{at, domain_at, FieldError};
use crate::fields::{Ctx, Fields};
use crate::location::{self, LocationColumns};
use crate::report;
use crate::rows::IncidentRow;
use crate::sources;
use crate::values::{self, When};
use std::collections::BTreeSet;
use vigil_domain::time::{end_of_day, start_of_day};
use vigil_domain::{
    AreaId, Certainty, Damage, Incident, IncidentId, IncidentKind, MovementId, Party, PartyKind,
    Report, SiteId, Source, SourceId, SourceKind, Target, TargetKind, TimePrecision, TimeSpan,
    ValidationError,
};

/// Occurrence certainty of an incident whose `certainty` column is empty. A row in a file is
/// one source's account, not yet corroborated, so it is neither `confirmed` nor a mere
/// `possible`.
pub const DEFAULT_CERTAINTY: Certainty = Certainty::Probable;

/// The source of rows whose `source` column is empty: one per file, `file:{file name}`.
pub fn file_source(file_name: &str) -> Source {
    Source {
        id: SourceId::new(format!("file:{file_name}"))
            .unwrap_or_else(|_| SourceId::new("file:unnamed").expect("a valid id")),
        kind: SourceKind::DatasetRow,
        title: format!("Imported file {file_name}"),
        publisher: None,
        url: None,
        published_on: None,
        protected: false,
    }
}

const LOCATION: LocationColumns<Col> = LocationColumns {
    lon: Col::Lon,
    lat: Col::Lat,
    radius_m: Col::RadiusM,
    precision: Col::Precision,
};

pub(crate) fn parse(ctx: &Ctx, line: u64, f: &Fields<Col>) -> Result<IncidentRow, FieldError> {
    let id = IncidentId::new(f.get(Col::Id)).map_err(domain_at(Col::Id))?;
    let kind: IncidentKind = f.get(Col::Kind).parse().map_err(domain_at(Col::Kind))?;
    let location = location::read(f, &LOCATION)?;
    let when = span(f)?;
    let certainty = match f.get(Col::Certainty) {
        "" => DEFAULT_CERTAINTY,
        text => text.parse().map_err(domain_at(Col::Certainty))?,
    };
    let damage = match f.get(Col::Damage) {
        "" => None,
        text => Some(text.parse::<Damage>().map_err(domain_at(Col::Damage))?),
    };
    let area = match f.get(Col::Area) {
        "" => None,
        text => Some(AreaId::new(text).map_err(domain_at(Col::Area))?),
    };
    let source = match f.get(Col::Source) {
        "" => file_source(&ctx.file_name),
        text => sources::stub(SourceId::new(text).map_err(domain_at(Col::Source))?),
    };
    let casualties =
        read_casualties(f.get(Col::Casualties), &source.id).map_err(at(Col::Casualties))?;
    let attributions =
        read_perpetrators(f.get(Col::Perpetrators), &source.id).map_err(at(Col::Perpetrators))?;
    let parties = attributions
        .iter()
        .map(|a| Party {
            id: a.party.clone(),
            name: a.party.to_string(),
            kind: PartyKind::Other,
        })
        .collect();
    let named = casualties
        .iter()
        .filter_map(|c| c.source.as_ref())
        .chain(attributions.iter().flat_map(|a| &a.sources));
    let extra_sources = sources::stubs(named, Some(&source.id));
    let mut incident = Incident {
        id,
        title: values::optional_text(f.get(Col::Title)),
        kind,
        when,
        location,
        area,
        weapon: values::optional_text(f.get(Col::Weapon)),
        targets: targets(f)?,
        damage,
        certainty,
        casualties,
        attributions,
        description: values::optional_text(f.get(Col::Description)),
        reports: Vec::new(),
    };
    let parts = report::parts(&incident, &source.id);
    let report = Report {
        id: parts.id,
        source: source.id.clone(),
        // The row says nothing about when it was received, and the file's timestamps would
        // make re-imports differ; the start of the incident is the one reproducible instant.
        received_at: incident.when.start(),
        summary: parts.summary,
        content: parts.content,
    };
    incident.reports = vec![report.id.clone()];
    incident
        .validate()
        .map_err(|errors| incident_error(&errors[0]))?;
    report.validate().map_err(|errors| FieldError {
        column: Some(Col::Title.name()),
        problem: errors[0].problem.clone(),
    })?;
    Ok(IncidentRow {
        line,
        incident,
        report,
        source,
        extra_sources,
        parties,
    })
}

/// The column an `Incident::validate` error is about.
fn incident_error(e: &ValidationError) -> FieldError {
    let field = e.field.strip_prefix("location.").unwrap_or(&e.field);
    let column = match field {
        "title" => Some(Col::Title),
        "weapon" => Some(Col::Weapon),
        "lon" => Some(Col::Lon),
        "lat" => Some(Col::Lat),
        "radius_m" => Some(Col::RadiusM),
        "attributions" => Some(Col::Perpetrators),
        "targets" => Some(Col::SiteIds),
        f if f.starts_with("casualties") => Some(Col::Casualties),
        _ => None,
    };
    FieldError {
        column: column.map(Col::name),
        problem: e.problem.clone(),
    }
}

/// `start`/`end`: dates cover whole days, date-times are instants, an empty end is the start.
fn span(f: &Fields<Col>) -> Result<TimeSpan, FieldError> {
    let start = values::when(f.get(Col::Start)).map_err(at(Col::Start))?;
    let end = match f.get(Col::End) {
        "" => start,
        text => values::when(text).map_err(at(Col::End))?,
    };
    let precision = match f.get(Col::TimePrecision) {
        "" => match (start, end) {
            (When::Day(_), When::Day(_)) => TimePrecision::Day,
            _ => TimePrecision::Exact,
        },
        text => text
            .parse::<TimePrecision>()
            .map_err(domain_at(Col::TimePrecision))?,
    };
    let span = match (start, end) {
        // Dates get the domain's date-worded message when they are the wrong way round.
        (When::Day(first), When::Day(last)) => TimeSpan::days(first, last)
            .and_then(|days| TimeSpan::new(days.start(), days.end(), precision)),
        (start, end) => {
            let start = match start {
                When::Day(d) => start_of_day(d),
                When::Instant(t) => t,
            };
            let end = match end {
                When::Day(d) => end_of_day(d),
                When::Instant(t) => t,
            };
            TimeSpan::new(start, end, precision)
        }
    };
    span.map_err(domain_at(Col::End))
}

/// `site_ids`, `movement_ids`, then `target_kinds`, each listed at most once.
fn targets(f: &Fields<Col>) -> Result<Vec<Target>, FieldError> {
    let mut targets = Vec::new();
    let mut seen = BTreeSet::new();
    for text in values::list(f.get(Col::SiteIds)) {
        let id = SiteId::new(text).map_err(domain_at(Col::SiteIds))?;
        if !seen.insert(Target::Site(id.clone())) {
            return Err(FieldError::at(
                Col::SiteIds.name(),
                format!("site '{id}' is listed twice"),
            ));
        }
        targets.push(Target::Site(id));
    }
    for text in values::list(f.get(Col::MovementIds)) {
        let id = MovementId::new(text).map_err(domain_at(Col::MovementIds))?;
        if !seen.insert(Target::Movement(id.clone())) {
            return Err(FieldError::at(
                Col::MovementIds.name(),
                format!("movement '{id}' is listed twice"),
            ));
        }
        targets.push(Target::Movement(id));
    }
    for text in values::list(f.get(Col::TargetKinds)) {
        let kind: TargetKind = text.parse().map_err(domain_at(Col::TargetKinds))?;
        if !seen.insert(Target::Kind(kind)) {
            return Err(FieldError::at(
                Col::TargetKinds.name(),
                format!("target kind '{kind}' is listed twice"),
            ));
        }
        targets.push(Target::Kind(kind));
    }
    Ok(targets)
}
