//! A sites row → a [`Site`] and the notification its `notified_*` columns stand for.

use crate::columns::{Columns, SiteCol as Col};
use crate::error::FieldError;
use crate::fields::{Ctx, Fields};
use crate::location::{self, LocationColumns};
use crate::rows::SiteRow;
use crate::values::{self, DATE_EXAMPLE};
use std::collections::BTreeSet;
use vigil_domain::payload::{digest, site_payload};
use vigil_domain::time::start_of_day;
use vigil_domain::{
    AreaId, DayWindow, Notification, NotificationId, PartyId, Sensitivity, Site, SiteId, SiteKind,
    SiteStatus, StatusEntry, Subject, ValidationError,
};

/// Sensitivity of a site whose `sensitivity` column is empty.
pub const DEFAULT_SENSITIVITY: Sensitivity = Sensitivity::Public;

/// The party a shorthand notification is addressed to when `notified_parties` is empty: the
/// file says a notification was sent, not to whom.
pub const UNSPECIFIED_PARTY: &str = "unspecified";

/// The id of a shorthand notification without a `notification_id`: `{site id}#notified`.
pub fn shorthand_notification_id(site: &SiteId) -> String {
    format!("{site}#notified")
}

const LOCATION: LocationColumns<Col> = LocationColumns {
    lon: Col::Lon,
    lat: Col::Lat,
    radius_m: Col::RadiusM,
    precision: Col::Precision,
};

fn at(column: Col) -> impl Fn(String) -> FieldError {
    move |problem| FieldError::at(column.name(), problem)
}

fn domain_at(column: Col) -> impl Fn(ValidationError) -> FieldError {
    move |e| FieldError::at(column.name(), e.problem)
}

pub(crate) fn parse(_ctx: &Ctx, line: u64, f: &Fields<Col>) -> Result<SiteRow, FieldError> {
    let id = SiteId::new(f.get(Col::Id)).map_err(domain_at(Col::Id))?;
    let kind: SiteKind = f.get(Col::Kind).parse().map_err(domain_at(Col::Kind))?;
    let location = location::read(f, &LOCATION)?;
    let sensitivity = match f.get(Col::Sensitivity) {
        "" => DEFAULT_SENSITIVITY,
        text => text.parse().map_err(domain_at(Col::Sensitivity))?,
    };
    let area = match f.get(Col::Area) {
        "" => None,
        text => Some(AreaId::new(text).map_err(domain_at(Col::Area))?),
    };
    let site = Site {
        id,
        kind,
        name: f.get(Col::Name).to_owned(),
        operator: values::optional_text(f.get(Col::Operator)),
        location,
        footprint: None,
        sensitivity,
        area,
        status: status(f)?.into_iter().collect(),
        capacity: Vec::new(),
    };
    site.validate().map_err(|errors| site_error(&errors[0]))?;
    let notification = notification(f, &site)?;
    Ok(SiteRow {
        line,
        site,
        notification,
    })
}

/// The column a `Site::validate` error is about.
fn site_error(e: &ValidationError) -> FieldError {
    let field = e.field.strip_prefix("location.").unwrap_or(&e.field);
    let column = match field {
        "name" => Some(Col::Name),
        "operator" => Some(Col::Operator),
        "lon" => Some(Col::Lon),
        "lat" => Some(Col::Lat),
        "radius_m" => Some(Col::RadiusM),
        "status" => Some(Col::Status),
        _ => None,
    };
    FieldError {
        column: column.map(Col::name),
        problem: e.problem.clone(),
    }
}

/// The single status entry of `status` + `status_as_of`; each needs the other.
fn status(f: &Fields<Col>) -> Result<Option<StatusEntry>, FieldError> {
    match (f.get(Col::Status), f.get(Col::StatusAsOf)) {
        ("", "") => Ok(None),
        (_, "") => Err(FieldError::at(
            Col::StatusAsOf.name(),
            format!("the date of the status is required when status is given ({DATE_EXAMPLE})"),
        )),
        ("", _) => Err(FieldError::at(
            Col::Status.name(),
            "is required when status_as_of is given",
        )),
        (status, as_of) => Ok(Some(StatusEntry {
            as_of: values::date(as_of).map_err(at(Col::StatusAsOf))?,
            status: status
                .parse::<SiteStatus>()
                .map_err(domain_at(Col::Status))?,
            source: None,
            note: None,
        })),
    }
}

/// The notification the `notified_*` shorthand describes, if any.
fn notification(f: &Fields<Col>, site: &Site) -> Result<Option<Notification>, FieldError> {
    let from = f.get(Col::NotifiedFrom);
    if from.is_empty() {
        // Details of a notification without its window would be dropped silently otherwise.
        for column in [
            Col::NotifiedTo,
            Col::NotificationId,
            Col::NotifiedParties,
            Col::NotifiedSentAt,
            Col::NotificationChannel,
        ] {
            if !f.get(column).is_empty() {
                return Err(FieldError::at(
                    column.name(),
                    format!("{} is given without notified_from", column.name()),
                ));
            }
        }
        return Ok(None);
    }
    let from = values::date(from).map_err(at(Col::NotifiedFrom))?;
    let to = values::optional_date(f.get(Col::NotifiedTo)).map_err(at(Col::NotifiedTo))?;
    if let Some(to) = to.filter(|to| *to < from) {
        return Err(FieldError::at(
            Col::NotifiedTo.name(),
            format!("{to} is before notified_from {from}"),
        ));
    }
    let valid = DayWindow::new(from, to).map_err(domain_at(Col::NotifiedTo))?;
    let id = match f.get(Col::NotificationId) {
        "" => {
            NotificationId::new(shorthand_notification_id(&site.id)).map_err(domain_at(Col::Id))?
        }
        text => NotificationId::new(text).map_err(domain_at(Col::NotificationId))?,
    };
    let mut parties = Vec::new();
    let mut seen = BTreeSet::new();
    for text in values::list(f.get(Col::NotifiedParties)) {
        let party = PartyId::new(text).map_err(domain_at(Col::NotifiedParties))?;
        if !seen.insert(party.clone()) {
            return Err(FieldError::at(
                Col::NotifiedParties.name(),
                format!("party '{party}' is listed twice"),
            ));
        }
        parties.push(party);
    }
    if parties.is_empty() {
        parties.push(PartyId::new(UNSPECIFIED_PARTY).expect("a valid id"));
    }
    let sent_at = match f.get(Col::NotifiedSentAt) {
        "" => start_of_day(from),
        text => values::instant(text).map_err(at(Col::NotifiedSentAt))?,
    };
    let payload_sha256 = digest(&site_payload(site, &valid, &parties));
    let notification = Notification {
        id,
        version: 1,
        subject: Subject::Site(site.id.clone()),
        parties,
        sent_at,
        valid,
        withdrawn_at: None,
        channel: values::optional_text(f.get(Col::NotificationChannel)),
        payload_sha256,
        source: None,
    };
    notification.validate().map_err(|errors| {
        let e = &errors[0];
        let column = match e.field.as_str() {
            "parties" => Some(Col::NotifiedParties),
            "valid_to" => Some(Col::NotifiedTo),
            "valid_from" => Some(Col::NotifiedFrom),
            _ => None,
        };
        FieldError {
            column: column.map(Col::name),
            problem: e.problem.clone(),
        }
    })?;
    Ok(Some(notification))
}
