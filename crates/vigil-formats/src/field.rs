//! What a column means to Vigil ([`Field`]), decided from its HXL hashtag, else from its header,
//! else from a mapping file the user gives. Every column keeps its value in the record's
//! report whatever it maps to; a column that maps to nothing is kept there only.

use crate::hxl::Tag;
use vigil_domain::{CasualtyGroup, Outcome};

/// Which estimate of a casualty count a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Estimate {
    Low,
    Best,
    High,
}

/// A count of people with one outcome, of one group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Casualty {
    pub group: CasualtyGroup,
    pub outcome: Outcome,
    pub estimate: Estimate,
}

/// What happened to a facility, a vehicle or supplies, as Insecurity Insight's
/// `#indicator` columns count it: the incident's kind when no weapon says more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Indicator {
    Destroyed,
    Damaged,
    ArmedEntry,
    Occupied,
    Taken,
    Obstructed,
}

/// What a column means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Field {
    EventId,
    Date,
    DateEnd,
    Country,
    CountryCode,
    Adm1,
    Adm2,
    Location,
    Lat,
    Lon,
    GeoPrecision,
    TimePrecision,
    EventType,
    SubEventType,
    /// UCDP's `type_of_violence`: 1 state-based, 2 non-state, 3 one-sided.
    ViolenceType,
    /// The responsible party's name.
    Perpetrator,
    /// The responsible party's type, used when no name is given.
    PerpetratorKind,
    /// The other side of a UCDP dyad.
    SideB,
    Weapon,
    Casualty(Casualty),
    Indicator(Indicator),
    Description,
    Title,
    /// The names of the sources that reported the event (`;`-separated).
    Sources,
    /// UCDP's `event_clarity`: 1 clear, 2 unclear.
    Clarity,
}

/// The names a mapping file may use, with the field each stands for.
pub(crate) const NAMES: &[(&str, Field)] = &[
    ("event_id", Field::EventId),
    ("date", Field::Date),
    ("date_end", Field::DateEnd),
    ("country", Field::Country),
    ("country_code", Field::CountryCode),
    ("adm1", Field::Adm1),
    ("adm2", Field::Adm2),
    ("location", Field::Location),
    ("lat", Field::Lat),
    ("lon", Field::Lon),
    ("geo_precision", Field::GeoPrecision),
    ("time_precision", Field::TimePrecision),
    ("event_type", Field::EventType),
    ("sub_event_type", Field::SubEventType),
    ("perpetrator", Field::Perpetrator),
    ("perpetrator_kind", Field::PerpetratorKind),
    ("weapon", Field::Weapon),
    ("description", Field::Description),
    ("title", Field::Title),
    ("sources", Field::Sources),
];

impl Field {
    /// A field by the name a mapping file uses: one of [`NAMES`], or a casualty count written
    /// `killed`, `injured:health_workers`, `killed:people:low` (outcome, group, estimate).
    pub fn by_name(name: &str) -> Option<Field> {
        let name = name.trim().to_ascii_lowercase();
        if let Some((_, field)) = NAMES.iter().find(|(n, _)| *n == name) {
            return Some(*field);
        }
        let mut parts = name.split(':');
        let outcome: Outcome = parts.next()?.parse().ok()?;
        let group = match parts.next() {
            Some(g) => g.parse().ok()?,
            None => CasualtyGroup::People,
        };
        let estimate = match parts.next() {
            None | Some("best") => Estimate::Best,
            Some("low") | Some("min") => Estimate::Low,
            Some("high") | Some("max") => Estimate::High,
            Some(_) => return None,
        };
        if parts.next().is_some() {
            return None;
        }
        Some(Field::Casualty(Casualty {
            group,
            outcome,
            estimate,
        }))
    }

    /// The field an HXL hashtag stands for, if Vigil has one.
    pub fn from_tag(tag: &Tag) -> Option<Field> {
        let has = |a: &str| tag.has(a);
        Some(match tag.name.as_str() {
            "date" if has("end") => Field::DateEnd,
            "date" if has("reported") || has("updated") || has("published") => return None,
            "date" => Field::Date,
            "country" if has("code") || has("iso") || has("iso3") || has("pcode") => {
                Field::CountryCode
            }
            "country" => Field::Country,
            "adm1" | "admin1" if has("code") || has("pcode") => return None,
            "adm1" | "admin1" => Field::Adm1,
            "adm2" | "admin2" if has("code") || has("pcode") => return None,
            "adm2" | "admin2" => Field::Adm2,
            "geo" if has("lat") => Field::Lat,
            "geo" if has("lon") || has("long") || has("lng") => Field::Lon,
            "geo" if has("precision") => Field::GeoPrecision,
            "lat" => Field::Lat,
            "lon" | "long" | "lng" => Field::Lon,
            "loc" => Field::Location,
            "group" if has("perp") && has("name") => Field::Perpetrator,
            "group" if has("perp") => Field::PerpetratorKind,
            "weapon" | "weapons" => Field::Weapon,
            "affected" | "killed" | "injured" => return casualty(tag),
            "indicator" => return indicator(tag),
            "event" if has("id") => Field::EventId,
            "event" if has("type") && (has("sub") || has("subtype")) => Field::SubEventType,
            "event" if has("type") => Field::EventType,
            "event" if has("description") => Field::Description,
            "event" if has("name") => Field::Title,
            "description" | "narrative" => Field::Description,
            "meta" if has("source") => Field::Sources,
            "meta" if has("id") => Field::EventId,
            "source" => Field::Sources,
            _ => return None,
        })
    }

    /// The field a header names, for columns without a hashtag: the headers of ACLED (either
    /// layout), UCDP GED and Insecurity Insight's untagged columns, compared case-insensitively
    /// with spaces, dashes and slashes read as `_`.
    pub fn from_header(header: &str) -> Option<Field> {
        let key = normalise(header);
        let casualty = |group, outcome, estimate| {
            Some(Field::Casualty(Casualty {
                group,
                outcome,
                estimate,
            }))
        };
        use CasualtyGroup as G;
        use Estimate as E;
        use Outcome as O;
        Some(match key.as_str() {
            "event_id_cnty" | "event_id" | "incident_id" | "id" => Field::EventId,
            k if k.ends_with("_event_id") => Field::EventId,
            "event_date" | "date" | "date_start" | "start_date" => Field::Date,
            "date_end" | "end_date" => Field::DateEnd,
            "time_precision" | "date_prec" => Field::TimePrecision,
            "geo_precision" | "where_prec" => Field::GeoPrecision,
            "latitude" | "lat" => Field::Lat,
            "longitude" | "lon" | "long" | "lng" => Field::Lon,
            "country" => Field::Country,
            "iso3" | "country_iso" | "country_code" => Field::CountryCode,
            "admin1" | "adm_1" | "adm1" => Field::Adm1,
            "admin2" | "adm_2" | "adm2" => Field::Adm2,
            "location" | "where_coordinates" => Field::Location,
            "event_type" => Field::EventType,
            "sub_event_type" => Field::SubEventType,
            "type_of_violence" => Field::ViolenceType,
            "actor1" | "side_a" | "reported_perpetrator_name" | "perpetrator" => Field::Perpetrator,
            "reported_perpetrator" => Field::PerpetratorKind,
            "side_b" => Field::SideB,
            "weapon" | "weapon_carried_used" | "weapons" => Field::Weapon,
            "fatalities" | "best" => return casualty(G::People, O::Killed, E::Best),
            "low" => return casualty(G::People, O::Killed, E::Low),
            "high" => return casualty(G::People, O::Killed, E::High),
            "deaths_civilians" => return casualty(G::Civilians, O::Killed, E::Best),
            "notes" | "event_description" | "description" => Field::Description,
            "dyad_name" => Field::Title,
            "source" | "source_office" => Field::Sources,
            "event_clarity" => Field::Clarity,
            _ => return None,
        })
    }
}

/// `Geo Precision` → `geo_precision`, `Weapon Carried/Used` → `weapon_carried_used`.
pub(crate) fn normalise(header: &str) -> String {
    let mut key = String::with_capacity(header.len());
    for c in header.trim().chars() {
        if c.is_alphanumeric() {
            key.extend(c.to_lowercase());
        } else if !key.ends_with('_') {
            key.push('_');
        }
    }
    key.trim_matches('_').to_owned()
}

/// `#affected +killed`, `#affected +healthworker +injured +min`, `#killed +civilians`.
fn casualty(tag: &Tag) -> Option<Field> {
    let has = |a: &str| tag.has(a) || tag.name == a;
    let outcome = if has("killed") || has("dead") || has("deaths") {
        Outcome::Killed
    } else if has("injured") || has("wounded") {
        Outcome::Injured
    } else if has("kidnapped") || has("abducted") {
        Outcome::Kidnapped
    } else if has("arrested") || has("detained") {
        Outcome::Arrested
    } else {
        // Threatened, assaulted and the like are not outcomes Vigil counts: kept in the report.
        return None;
    };
    let group = if has("healthworker") || has("health_worker") || has("health_workers") {
        CasualtyGroup::HealthWorkers
    } else if has("aidworker") || has("aid_worker") || has("aid_workers") {
        CasualtyGroup::AidWorkers
    } else if has("children") || has("child") {
        CasualtyGroup::Children
    } else if has("patients") || has("patient") {
        CasualtyGroup::Patients
    } else if has("civilians") || has("civilian") {
        CasualtyGroup::Civilians
    } else {
        CasualtyGroup::People
    };
    let estimate = if has("min") || has("low") {
        Estimate::Low
    } else if has("max") || has("high") {
        Estimate::High
    } else {
        Estimate::Best
    };
    Some(Field::Casualty(Casualty {
        group,
        outcome,
        estimate,
    }))
}

/// Insecurity Insight's indicators of what happened to facilities, vehicles and supplies.
fn indicator(tag: &Tag) -> Option<Field> {
    // Parts of attributes too: Insecurity Insight writes `+health_obstruction`.
    let has = |a: &str| tag.attributes.iter().any(|attribute| attribute.contains(a));
    Some(Field::Indicator(if has("armed_entry") {
        Indicator::ArmedEntry
    } else if has("occupy") || has("occupied") {
        Indicator::Occupied
    } else if has("taken") || has("abducted") || has("stolen") || has("looted") {
        Indicator::Taken
    } else if has("obstruct") {
        Indicator::Obstructed
    } else if has("destroyed") {
        Indicator::Destroyed
    } else if has("damaged") {
        Indicator::Damaged
    } else {
        return None;
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_of_real_files_map() {
        let field = |t: &str| Field::from_tag(&Tag::parse(t).unwrap());
        assert_eq!(field("#geo +lat"), Some(Field::Lat));
        assert_eq!(field("#long"), Some(Field::Lon));
        assert_eq!(field("#date+occurred"), Some(Field::Date));
        assert_eq!(field("#group +perp +name"), Some(Field::Perpetrator));
        assert_eq!(
            field("#affected +healthworker +killed"),
            Some(Field::Casualty(Casualty {
                group: CasualtyGroup::HealthWorkers,
                outcome: Outcome::Killed,
                estimate: Estimate::Best
            }))
        );
        assert_eq!(field("#affected +healthworker +threatened"), None);
        assert_eq!(
            field("#indicator +health_facility +armed_entry +num"),
            Some(Field::Indicator(Indicator::ArmedEntry))
        );
        assert_eq!(field("#country +ISO"), Some(Field::CountryCode));
    }

    #[test]
    fn headers_of_acled_ucdp_and_sind_map() {
        assert_eq!(Field::from_header("EVENT_ID_CNTY"), Some(Field::EventId));
        assert_eq!(Field::from_header("SiND Event ID"), Some(Field::EventId));
        assert_eq!(
            Field::from_header("Geo Precision"),
            Some(Field::GeoPrecision)
        );
        assert_eq!(Field::from_header("where_prec"), Some(Field::GeoPrecision));
        assert_eq!(
            Field::from_header("Weapon Carried/Used"),
            Some(Field::Weapon)
        );
        assert_eq!(Field::from_header("GWNO"), None);
    }

    #[test]
    fn mapping_file_names_read() {
        assert_eq!(Field::by_name("lat"), Some(Field::Lat));
        assert_eq!(
            Field::by_name("injured:health_workers"),
            Some(Field::Casualty(Casualty {
                group: CasualtyGroup::HealthWorkers,
                outcome: Outcome::Injured,
                estimate: Estimate::Best
            }))
        );
        assert!(Field::by_name("killed:people:low").is_some());
        assert_eq!(Field::by_name("wounded"), None);
    }
}
