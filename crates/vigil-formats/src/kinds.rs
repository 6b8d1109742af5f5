//! Which of Vigil's incident kinds a row describes, from what its publisher records: ACLED's
//! event and sub-event types, Insecurity Insight's weapon and indicators, an HXL `#event+type`.
//! The mapping is many-to-one and errs toward `unknown` rather than guess: the original values
//! stay in the record's report.

use crate::field::Indicator;
use vigil_domain::IncidentKind as K;

/// ACLED event type (either layout) and sub-event type (current layout only).
pub(crate) fn acled(event_type: &str, sub_event_type: &str) -> K {
    let sub = sub_event_type.trim().to_lowercase();
    let event = event_type.trim().to_lowercase();
    match sub.as_str() {
        "air/drone strike" => return K::Airstrike,
        "shelling/artillery/missile attack" => return K::Shelling,
        "remote explosive/landmine/ied" | "suicide bomb" | "grenade" => return K::Explosion,
        "armed clash" | "attack" => return K::GroundAttack,
        "abduction/forced disappearance" => return K::Abduction,
        "looting/property destruction" => return K::Looting,
        "arrests" => return K::Arrest,
        "government regains territory" | "non-state actor overtakes territory" => {
            return K::Occupation
        }
        "" => {}
        _ => return K::Other,
    }
    match event.as_str() {
        e if e.starts_with("battle") && (e.contains("regains") || e.contains("overtakes")) => {
            K::Occupation
        }
        e if e.starts_with("battle") => K::GroundAttack,
        "remote violence" | "explosions/remote violence" => K::Explosion,
        "violence against civilians" => K::GroundAttack,
        "non-violent transfer of territory" => K::Occupation,
        "" => K::Unknown,
        _ => K::Other,
    }
}

/// What an Insecurity Insight row, or an HXL row without an event type Vigil knows, says
/// through its weapon, its indicators and its casualty outcomes.
pub(crate) fn from_evidence(
    weapon: &str,
    indicators: &[Indicator],
    kidnapped: bool,
    arrested: bool,
) -> K {
    let weapon = weapon.to_lowercase();
    let has = |w: &str| weapon.contains(w);
    if has("barrel") {
        return K::BarrelBomb;
    }
    if has("aerial") || has("plane") || has("drone") || has("airstrike") || has("air strike") {
        return K::Airstrike;
    }
    if has("missile") || has("rocket") {
        return K::Missile;
    }
    if has("shelling") || has("artillery") || has("mortar") {
        return K::Shelling;
    }
    if has("ied")
        || has("explosive")
        || has("grenade")
        || has("mine")
        || has("uxo")
        || has("cluster")
        || has("rpg")
    {
        return K::Explosion;
    }
    if has("arson") {
        return K::Arson;
    }
    let indicator = |i: Indicator| indicators.contains(&i);
    if indicator(Indicator::ArmedEntry) {
        return K::ArmedEntry;
    }
    if indicator(Indicator::Occupied) {
        return K::Occupation;
    }
    if kidnapped {
        return K::Abduction;
    }
    if arrested {
        return K::Arrest;
    }
    if indicator(Indicator::Taken) {
        return K::Looting;
    }
    if has("firearm")
        || has("knife")
        || has("fist")
        || has("stone")
        || has("taser")
        || has("bullet")
        || has("unarmed")
    {
        return K::GroundAttack;
    }
    if indicator(Indicator::Obstructed) {
        return K::Obstruction;
    }
    if has("no direct violence") {
        return K::Threat;
    }
    if indicator(Indicator::Destroyed) || indicator(Indicator::Damaged) {
        return K::Explosion;
    }
    K::Unknown
}

/// An HXL `#event+type` value: a Vigil kind (`airstrike`), or an ACLED event or sub-event type.
pub(crate) fn from_event_type(event_type: &str, sub_event_type: &str) -> Option<K> {
    for text in [sub_event_type, event_type] {
        if let Ok(kind) = text
            .trim()
            .to_lowercase()
            .replace([' ', '-'], "_")
            .parse::<K>()
        {
            return Some(kind);
        }
    }
    match acled(event_type, sub_event_type) {
        K::Unknown | K::Other => None,
        kind => Some(kind),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acled_types_of_both_layouts() {
        assert_eq!(
            acled("Explosions/Remote violence", "Air/drone strike"),
            K::Airstrike
        );
        assert_eq!(acled("Remote violence", ""), K::Explosion);
        assert_eq!(acled("Battle-No change of territory", ""), K::GroundAttack);
        assert_eq!(
            acled("Battle-Government regains territory", ""),
            K::Occupation
        );
        assert_eq!(acled("Riots/Protests", ""), K::Other);
    }

    #[test]
    fn insecurity_insight_weapons_and_indicators() {
        assert_eq!(
            from_evidence("Aerial Bomb: Plane", &[], false, false),
            K::Airstrike
        );
        assert_eq!(from_evidence("Shelling", &[], false, false), K::Shelling);
        assert_eq!(
            from_evidence("Firearms", &[Indicator::ArmedEntry], false, false),
            K::ArmedEntry
        );
        assert_eq!(from_evidence("Firearms", &[], true, false), K::Abduction);
        assert_eq!(
            from_evidence(
                "Not Applicable: No Direct Violence",
                &[Indicator::Obstructed],
                false,
                false
            ),
            K::Obstruction
        );
        assert_eq!(
            from_evidence("No Information on the Weapon Used", &[], false, false),
            K::Unknown
        );
    }
}
