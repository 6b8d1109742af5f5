//! Controlled vocabularies: every enum whose values users type into files and forms.
//!
//! Each value has one spelling (snake_case) used in files, the database and the API; parsing
//! an unknown spelling names the allowed ones.

use crate::error::ValidationError;

/// Declares a vocabulary enum with its spellings, `as_str`, `FromStr`, `ALL` and serde.
macro_rules! vocabulary {
    ($(#[$doc:meta])* $name:ident, $what:literal { $($(#[$vdoc:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vdoc])* $variant),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// What a value of this vocabulary is called in messages.
            pub const WHAT: &'static str = $what;

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::error::ValidationError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let trimmed = s.trim();
                $(if trimmed.eq_ignore_ascii_case($text) { return Ok($name::$variant); })+
                Err(crate::vocab::unknown_value($what, s, $name::ALL.iter().map(|v| v.as_str())))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                text.parse().map_err(|e: $crate::error::ValidationError| serde::de::Error::custom(e.problem))
            }
        }
    };
}
pub(crate) use vocabulary;

/// The error for a spelling that is not in a vocabulary.
pub(crate) fn unknown_value<'a>(
    what: &str,
    value: &str,
    allowed: impl Iterator<Item = &'a str>,
) -> ValidationError {
    let allowed: Vec<&str> = allowed.collect();
    ValidationError::new(
        "",
        format!(
            "unknown {what} '{value}' (expected one of: {})",
            allowed.join(", ")
        ),
    )
}

vocabulary!(
    /// What a protected site is.
    SiteKind, "site kind" {
        Hospital = "hospital",
        Clinic = "clinic",
        FieldHospital = "field_hospital",
        AmbulancePoint = "ambulance_point",
        CivilDefenceCentre = "civil_defence_centre",
        School = "school",
        AidWarehouse = "aid_warehouse",
        WaterStation = "water_station",
        Bakery = "bakery",
        Camp = "camp",
        CulturalProperty = "cultural_property",
        Other = "other",
    }
);

impl SiteKind {
    /// Whether the site is a health facility in the sense of WHO SSA (attacks on health care).
    pub fn is_health_care(self) -> bool {
        matches!(
            self,
            SiteKind::Hospital
                | SiteKind::Clinic
                | SiteKind::FieldHospital
                | SiteKind::AmbulancePoint
        )
    }
}

vocabulary!(
    /// Who a record is visible to beyond the roles that see everything.
    Sensitivity, "sensitivity" {
        /// Name and exact location may be published.
        Public = "public",
        /// Name and exact location are withheld from the public (DESIGN.md, Publication policy).
        Restricted = "restricted",
    }
);

vocabulary!(
    /// The dated operating status of a site.
    SiteStatus, "site status" {
        Functional = "functional",
        PartiallyFunctional = "partially_functional",
        NonFunctional = "non_functional",
        Damaged = "damaged",
        Destroyed = "destroyed",
    }
);

vocabulary!(
    /// A capacity figure of a site.
    CapacityMetric, "capacity metric" {
        Beds = "beds",
        Doctors = "doctors",
        Nurses = "nurses",
        OperatingTheatres = "operating_theatres",
        Ambulances = "ambulances",
        Staff = "staff",
    }
);

vocabulary!(
    /// What kind of humanitarian movement.
    MovementKind, "movement kind" {
        Convoy = "convoy",
        MedicalEvacuation = "medical_evacuation",
        Other = "other",
    }
);

vocabulary!(
    /// What kind of actor a party is.
    PartyKind, "party kind" {
        State = "state",
        ArmedForces = "armed_forces",
        NonStateArmedGroup = "non_state_armed_group",
        Coalition = "coalition",
        InternationalOrganisation = "international_organisation",
        HumanitarianOrganisation = "humanitarian_organisation",
        Other = "other",
    }
);

vocabulary!(
    /// What kind of source a fact comes from.
    SourceKind, "source kind" {
        OrganisationReport = "organisation_report",
        Media = "media",
        Witness = "witness",
        SatelliteImagery = "satellite_imagery",
        OfficialStatement = "official_statement",
        DatasetRow = "dataset_row",
        Other = "other",
    }
);

vocabulary!(
    /// How sure it is that the incident happened at all (kept apart from who did it).
    Certainty, "certainty" {
        Rumour = "rumour",
        Possible = "possible",
        Probable = "probable",
        Confirmed = "confirmed",
    }
);

vocabulary!(
    /// How strongly an incident is attributed to one party.
    AttributionGrade, "attribution grade" {
        Alleged = "alleged",
        Plausible = "plausible",
        Probable = "probable",
        HighlyProbable = "highly_probable",
        Confirmed = "confirmed",
    }
);

vocabulary!(
    /// What a party said about an incident.
    StatementKind, "statement kind" {
        Claim = "claim",
        Denial = "denial",
        Admission = "admission",
    }
);

vocabulary!(
    /// Who was harmed, as sources count them.
    CasualtyGroup, "casualty group" {
        /// Everyone, where the source does not break the figure down.
        People = "people",
        Civilians = "civilians",
        Children = "children",
        Patients = "patients",
        HealthWorkers = "health_workers",
        AidWorkers = "aid_workers",
    }
);

vocabulary!(
    /// What happened to the people counted.
    Outcome, "casualty outcome" {
        Killed = "killed",
        Injured = "injured",
        Kidnapped = "kidnapped",
        Arrested = "arrested",
    }
);

vocabulary!(
    /// Physical damage to what was hit.
    Damage, "damage" {
        None = "none",
        Light = "light",
        Moderate = "moderate",
        Severe = "severe",
        Destroyed = "destroyed",
        Unknown = "unknown",
    }
);

vocabulary!(
    /// What was hit, when it is not (or not only) a registered site or movement.
    TargetKind, "target kind" {
        Hospital = "hospital",
        Clinic = "clinic",
        FieldHospital = "field_hospital",
        AmbulancePoint = "ambulance_point",
        CivilDefenceCentre = "civil_defence_centre",
        School = "school",
        AidWarehouse = "aid_warehouse",
        WaterStation = "water_station",
        Bakery = "bakery",
        Camp = "camp",
        CulturalProperty = "cultural_property",
        Convoy = "convoy",
        Ambulance = "ambulance",
        HealthWorker = "health_worker",
        AidWorker = "aid_worker",
        Residential = "residential",
        Market = "market",
        Other = "other",
    }
);
