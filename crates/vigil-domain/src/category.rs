//! Incident categories: Vigil's controlled vocabulary and how it maps to ACLED event types and
//! WHO Surveillance System for Attacks on health care (SSA) attack types.
//!
//! The kind is the sub-category a monitor picks; the category groups kinds; the ACLED and WHO
//! SSA mappings let exports be read next to those datasets. The mapping is many-to-one and
//! documented in `docs/formats.md`; it is not a lossless translation.

use crate::vocab::vocabulary;

vocabulary!(
    /// What happened (the sub-category).
    IncidentKind, "incident kind" {
        Airstrike = "airstrike",
        Shelling = "shelling",
        Missile = "missile",
        BarrelBomb = "barrel_bomb",
        Explosion = "explosion",
        GroundAttack = "ground_attack",
        ArmedEntry = "armed_entry",
        Occupation = "occupation",
        Looting = "looting",
        Arson = "arson",
        Demolition = "demolition",
        Arrest = "arrest",
        Abduction = "abduction",
        Obstruction = "obstruction",
        Threat = "threat",
        Unknown = "unknown",
        Other = "other",
    }
);

vocabulary!(
    /// The group a kind belongs to.
    IncidentCategory, "incident category" {
        ExplosiveWeapons = "explosive_weapons",
        ArmedViolence = "armed_violence",
        Seizure = "seizure",
        PropertyDestruction = "property_destruction",
        DeprivationOfLiberty = "deprivation_of_liberty",
        Obstruction = "obstruction",
        Intimidation = "intimidation",
        Unknown = "unknown",
        Other = "other",
    }
);

/// An ACLED event type and sub-event type, as ACLED spells them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AcledType {
    pub event_type: &'static str,
    pub sub_event_type: &'static str,
}

const EXPLOSIONS: &str = "Explosions/Remote violence";
const VIOLENCE_AGAINST_CIVILIANS: &str = "Violence against civilians";
const STRATEGIC: &str = "Strategic developments";

impl IncidentKind {
    pub fn category(self) -> IncidentCategory {
        use IncidentCategory as C;
        use IncidentKind as K;
        match self {
            K::Airstrike | K::Shelling | K::Missile | K::BarrelBomb | K::Explosion => {
                C::ExplosiveWeapons
            }
            K::GroundAttack | K::ArmedEntry => C::ArmedViolence,
            K::Occupation | K::Looting => C::Seizure,
            K::Arson | K::Demolition => C::PropertyDestruction,
            K::Arrest | K::Abduction => C::DeprivationOfLiberty,
            K::Obstruction => C::Obstruction,
            K::Threat => C::Intimidation,
            K::Unknown => C::Unknown,
            K::Other => C::Other,
        }
    }

    /// The closest ACLED event and sub-event type; `None` where ACLED has no equivalent.
    pub fn acled(self) -> Option<AcledType> {
        use IncidentKind as K;
        let (event_type, sub_event_type) = match self {
            K::Airstrike | K::BarrelBomb => (EXPLOSIONS, "Air/drone strike"),
            K::Shelling | K::Missile => (EXPLOSIONS, "Shelling/artillery/missile attack"),
            K::Explosion => (EXPLOSIONS, "Remote explosive/landmine/IED"),
            K::GroundAttack => (VIOLENCE_AGAINST_CIVILIANS, "Attack"),
            K::Abduction => (VIOLENCE_AGAINST_CIVILIANS, "Abduction/forced disappearance"),
            K::Looting | K::Arson | K::Demolition => (STRATEGIC, "Looting/property destruction"),
            K::Arrest => (STRATEGIC, "Arrests"),
            K::Occupation => (STRATEGIC, "Headquarters or base established"),
            K::ArmedEntry | K::Obstruction | K::Threat | K::Other => (STRATEGIC, "Other"),
            K::Unknown => return None,
        };
        Some(AcledType {
            event_type,
            sub_event_type,
        })
    }

    /// The closest WHO SSA type of attack; `None` where SSA has no equivalent.
    pub fn who_ssa(self) -> Option<&'static str> {
        use IncidentKind as K;
        Some(match self {
            K::Airstrike | K::Shelling | K::Missile | K::BarrelBomb | K::Explosion => {
                "Violence with heavy weapons"
            }
            K::GroundAttack => "Violence with individual weapons",
            K::ArmedEntry => {
                "Armed or violent search of health care workers, facilities or transport"
            }
            K::Occupation => "Militarization of health care assets",
            K::Looting => "Removal of health care assets",
            K::Arson => "Setting fire",
            K::Demolition => "Removal of health care assets",
            K::Arrest => "Arrest of health care workers or patients",
            K::Abduction => "Abduction/kidnapping/detention of health care workers or patients",
            K::Obstruction => "Obstruction to health care delivery",
            K::Threat => "Psychological violence/threat of violence/intimidation",
            K::Unknown | K::Other => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_category_and_every_known_kind_an_acled_type() {
        for kind in IncidentKind::ALL {
            let _ = kind.category();
            if *kind != IncidentKind::Unknown {
                assert!(kind.acled().is_some(), "{kind} lacks an ACLED mapping");
            }
        }
        assert_eq!(
            IncidentKind::BarrelBomb.acled().unwrap().sub_event_type,
            "Air/drone strike"
        );
        assert_eq!(
            IncidentKind::Airstrike.who_ssa(),
            Some("Violence with heavy weapons")
        );
    }

    #[test]
    fn unknown_kind_names_the_allowed_values() {
        let err = "airstrik".parse::<IncidentKind>().unwrap_err();
        assert!(err.problem.contains("unknown incident kind 'airstrik'"));
        assert!(err.problem.contains("airstrike, shelling"));
    }
}
