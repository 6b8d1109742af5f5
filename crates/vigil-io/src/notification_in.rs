//! The notification a sites row's `notified_*` and `notification_*` columns stand for.

use crate::columns::{Columns, SiteCol as Col};
use crate::error::{at, domain_at, FieldError};
use crate::fields::Fields;
use crate::values;
use std::collections::BTreeSet;
use vigil_domain::payload::{digest, site_payload};
use vigil_domain::time::start_of_day;
use vigil_domain::{
    DayWindow, Notification, NotificationId, PartyId, Site, SiteId, SourceId, Subject,
};

/// The party a shorthand notification is addressed to when `notified_parties` is empty: the
/// file says a notification was sent, not to whom.
pub const UNSPECIFIED_PARTY: &str = "unspecified";

/// The id of a shorthand notification without a `notification_id`: `{site id}#notified`.
pub fn shorthand_notification_id(site: &SiteId) -> String {
    format!("{site}#notified")
}

/// The columns that describe a notification besides its first day.
const DETAILS: [Col; 7] = [
    Col::NotifiedTo,
    Col::NotificationId,
    Col::NotifiedParties,
    Col::NotifiedSentAt,
    Col::NotificationChannel,
    Col::NotificationSource,
    Col::NotificationWithdrawnAt,
];

/// The notification the `notified_*` shorthand describes, if any.
pub(crate) fn read(f: &Fields<Col>, site: &Site) -> Result<Option<Notification>, FieldError> {
    let from = f.get(Col::NotifiedFrom);
    if from.is_empty() {
        // Details of a notification without its window would be dropped silently otherwise.
        if let Some(column) = DETAILS.into_iter().find(|c| !f.get(*c).is_empty()) {
            return Err(FieldError::at(
                column.name(),
                format!("{} is given without notified_from", column.name()),
            ));
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
    let parties = parties(f.get(Col::NotifiedParties))?;
    let sent_at = match f.get(Col::NotifiedSentAt) {
        "" => start_of_day(from),
        text => values::instant(text).map_err(at(Col::NotifiedSentAt))?,
    };
    let withdrawn_at = match f.get(Col::NotificationWithdrawnAt) {
        "" => None,
        text => Some(values::instant(text).map_err(at(Col::NotificationWithdrawnAt))?),
    };
    let source = match f.get(Col::NotificationSource) {
        "" => None,
        text => Some(SourceId::new(text).map_err(domain_at(Col::NotificationSource))?),
    };
    let payload_sha256 = digest(&site_payload(site, &valid, &parties));
    let notification = Notification {
        id,
        version: 1,
        subject: Subject::Site(site.id.clone()),
        parties,
        sent_at,
        valid,
        withdrawn_at,
        channel: values::optional_text(f.get(Col::NotificationChannel)),
        payload_sha256,
        source,
    };
    notification.validate().map_err(|errors| {
        let e = &errors[0];
        let column = match e.field.as_str() {
            "parties" => Some(Col::NotifiedParties),
            "valid_to" => Some(Col::NotifiedTo),
            "valid_from" => Some(Col::NotifiedFrom),
            "withdrawn_at" => Some(Col::NotificationWithdrawnAt),
            _ => None,
        };
        FieldError {
            column: column.map(Col::name),
            problem: e.problem.clone(),
        }
    })?;
    Ok(Some(notification))
}

/// `notified_parties` sorted, each once, or else [`UNSPECIFIED_PARTY`]. The order of a list
/// typed in a spreadsheet carries no meaning, so it must not make a new notification version
/// (the payload digest is taken of this sorted list), and a party typed twice is still one
/// addressee.
fn parties(text: &str) -> Result<Vec<PartyId>, FieldError> {
    let mut parties = BTreeSet::new();
    for text in values::list(text) {
        parties.insert(PartyId::new(text).map_err(domain_at(Col::NotifiedParties))?);
    }
    if parties.is_empty() {
        parties.insert(PartyId::new(UNSPECIFIED_PARTY).expect("a valid id"));
    }
    Ok(parties.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parties_are_sorted_and_each_listed_once() {
        let got = parties(" sy-gov;ru ; sy-gov").unwrap();
        let got: Vec<&str> = got.iter().map(PartyId::as_str).collect();
        assert_eq!(got, ["ru", "sy-gov"]);
        assert_eq!(parties("").unwrap()[0].as_str(), UNSPECIFIED_PARTY);
    }
}
