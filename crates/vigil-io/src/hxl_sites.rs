//! The HXL sites layout: one row per site with its latest status and the notification its
//! canonical row carries (the latest version of the one sent last).
//!
//! `#meta+sensitivity` is written on every row so that whoever passes the file on can see
//! which sites are `restricted`: their names and exact locations are not for the public.

use crate::hxl_context::{admin_columns, admin_header, admin_tag, admin_value};
use crate::hxl_context::{AdminLevel, AdminPart, HxlContext};
use crate::hxl_out::HxlField;
use crate::values::{format_instant, format_number};
use std::collections::BTreeSet;
use vigil_domain::{Notification, Site};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Id,
    Name,
    Kind,
    Operator,
    Sensitivity,
    Place(AdminLevel, AdminPart),
    Lat,
    Lon,
    GeoPrecision,
    RadiusM,
    Status,
    StatusAsOf,
    NotifiedFrom,
    NotifiedTo,
    NotifiedParties,
    NotificationWithdrawnAt,
}

/// Every column, in writing order.
pub(crate) fn fields() -> Vec<Field> {
    let mut fields = vec![
        Field::Id,
        Field::Name,
        Field::Kind,
        Field::Operator,
        Field::Sensitivity,
    ];
    fields.extend(admin_columns().map(|(level, part)| Field::Place(level, part)));
    fields.extend([
        Field::Lat,
        Field::Lon,
        Field::GeoPrecision,
        Field::RadiusM,
        Field::Status,
        Field::StatusAsOf,
        Field::NotifiedFrom,
        Field::NotifiedTo,
        Field::NotifiedParties,
        Field::NotificationWithdrawnAt,
    ]);
    fields
}

impl HxlField for Field {
    fn header(&self) -> String {
        match self {
            Field::Id => "Site ID".into(),
            Field::Name => "Name".into(),
            Field::Kind => "Kind".into(),
            Field::Operator => "Operator".into(),
            Field::Sensitivity => "Sensitivity".into(),
            Field::Place(level, part) => admin_header(*level, *part),
            Field::Lat => "Latitude".into(),
            Field::Lon => "Longitude".into(),
            Field::GeoPrecision => "Location precision".into(),
            Field::RadiusM => "Location radius (m)".into(),
            Field::Status => "Status".into(),
            Field::StatusAsOf => "Status as of".into(),
            Field::NotifiedFrom => "Notified from".into(),
            Field::NotifiedTo => "Notified until".into(),
            Field::NotifiedParties => "Notified parties".into(),
            Field::NotificationWithdrawnAt => "Notification withdrawn".into(),
        }
    }

    fn tag(&self) -> String {
        match self {
            Field::Id => "#loc+id".into(),
            Field::Name => "#loc+name".into(),
            Field::Kind => "#loc+type".into(),
            Field::Operator => "#org+name".into(),
            Field::Sensitivity => "#meta+sensitivity".into(),
            Field::Place(level, part) => admin_tag(*level, *part),
            Field::Lat => "#geo+lat".into(),
            Field::Lon => "#geo+lon".into(),
            Field::GeoPrecision => "#geo+precision".into(),
            Field::RadiusM => "#geo+radius".into(),
            Field::Status => "#status".into(),
            Field::StatusAsOf => "#date+status".into(),
            Field::NotifiedFrom => "#date+notified+start".into(),
            Field::NotifiedTo => "#date+notified+end".into(),
            Field::NotifiedParties => "#group+notified+name".into(),
            Field::NotificationWithdrawnAt => "#date+notified+withdrawn".into(),
        }
    }
}

/// One site and its notification as a row of `fields`.
pub(crate) fn row(
    fields: &[Field],
    site: &Site,
    notification: Option<&Notification>,
    context: &HxlContext,
) -> Vec<String> {
    let places = context.places(site.area.as_ref());
    let status = site.status.last();
    let text = |value: Option<String>| value.unwrap_or_default();
    fields
        .iter()
        .map(|field| match field {
            Field::Id => site.id.to_string(),
            Field::Name => site.name.clone(),
            Field::Kind => site.kind.to_string(),
            Field::Operator => text(site.operator.clone()),
            Field::Sensitivity => site.sensitivity.to_string(),
            Field::Place(level, part) => admin_value(&places, *level, *part),
            Field::Lat => site
                .location
                .point
                .map_or_else(String::new, |p| format_number(p.lat())),
            Field::Lon => site
                .location
                .point
                .map_or_else(String::new, |p| format_number(p.lon())),
            Field::GeoPrecision => site.location.precision.to_string(),
            Field::RadiusM => format_number(site.location.radius_m),
            Field::Status => text(status.map(|s| s.status.to_string())),
            Field::StatusAsOf => text(status.map(|s| s.as_of.to_string())),
            Field::NotifiedFrom => text(notification.map(|n| n.valid.from.to_string())),
            Field::NotifiedTo => text(notification.and_then(|n| n.valid.to.map(|d| d.to_string()))),
            Field::NotifiedParties => text(notification.map(|n| {
                // In the order of their ids, as the canonical layout writes them.
                let ids: BTreeSet<_> = n.parties.iter().collect();
                let names: Vec<&str> = ids.into_iter().map(|p| context.party_name(p)).collect();
                names.join("; ")
            })),
            Field::NotificationWithdrawnAt => {
                text(notification.and_then(|n| n.withdrawn_at.as_ref().map(format_instant)))
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_has_a_distinct_tag_and_header() {
        let fields = fields();
        let tags: BTreeSet<String> = fields.iter().map(|f| f.tag()).collect();
        let headers: BTreeSet<String> = fields.iter().map(|f| f.header()).collect();
        assert_eq!(tags.len(), fields.len());
        assert_eq!(headers.len(), fields.len());
    }
}
