//! The controlled vocabularies as string schemas, their values read from the domain's own
//! lists (`ALL`), so the document cannot drift from what the server accepts and sends.

use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;

/// A string schema allowing exactly `values`.
fn one_of_strings(description: &str, values: impl Iterator<Item = &'static str>) -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .description(Some(description))
        .enum_values(Some(values.collect::<Vec<_>>()))
        .into()
}

/// Declares a schema type named like the domain vocabulary it describes.
macro_rules! vocabulary_schema {
    ($($name:ident: $description:literal,)+) => {$(
        #[doc = $description]
        pub(crate) struct $name;

        impl utoipa::PartialSchema for $name {
            fn schema() -> RefOr<Schema> {
                one_of_strings(
                    $description,
                    vigil_domain::$name::ALL.iter().map(|v| v.as_str()),
                )
            }
        }

        impl utoipa::ToSchema for $name {
            fn name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
        }
    )+};
}

vocabulary_schema! {
    SiteKind: "What a protected site is.",
    Sensitivity: "Who may see a site or movement: `public`, or `restricted` to staff roles and liaisons of a party it was notified to.",
    SiteStatus: "Whether a site works, as a source reported it.",
    CapacityMetric: "What a capacity figure counts.",
    MovementKind: "What a humanitarian movement is.",
    SourceKind: "What kind of source a fact comes from.",
    Certainty: "How sure it is that the incident happened (kept apart from who did it).",
    AttributionGrade: "How strongly an incident is attributed to a party.",
    CasualtyGroup: "Who the casualties were.",
    Outcome: "What happened to them.",
    Damage: "How badly what was hit was damaged.",
    TargetKind: "What kind of thing was hit, where no stored site or movement is named.",
    IncidentKind: "What happened (maps to ACLED event types and WHO SSA attack types).",
    IncidentCategory: "The category grouping incident kinds.",
    TimePrecision: "How precisely a time span is known.",
    AreaLevel: "An area's administrative level.",
    StatementKind: "What a party said about an incident: a claim, a denial or an admission.",
    Role: "The role a request acts as.",
    PartyKind: "What a party of the conflict is.",
}

/// A finding's kind (the cross-check's own list).
pub(crate) struct FindingKind;

impl utoipa::PartialSchema for FindingKind {
    fn schema() -> RefOr<Schema> {
        use vigil_domain::FindingKind as K;
        // The domain keeps no list of finding kinds: a kind added there makes this match
        // fail to compile, so it cannot be left out of the list below.
        let _every_kind_listed = |k: K| match k {
            K::NotifiedSite
            | K::NotifiedMovement
            | K::UnnotifiedSite
            | K::RepeatAttack
            | K::CeasefireViolation
            | K::DuplicateCandidate => (),
        };
        let all = [
            K::NotifiedSite,
            K::NotifiedMovement,
            K::UnnotifiedSite,
            K::RepeatAttack,
            K::CeasefireViolation,
            K::DuplicateCandidate,
        ];
        one_of_strings(
            "What a finding says: a notified site or movement within reach of an attack, an unnotified site hit, a repeat attack, a ceasefire violation, or two records that may be one incident.",
            all.into_iter().map(K::as_str),
        )
    }
}

impl utoipa::ToSchema for FindingKind {}

/// A finding's strength.
pub(crate) struct Strength;

impl utoipa::PartialSchema for Strength {
    fn schema() -> RefOr<Schema> {
        use vigil_domain::Strength as S;
        // As for finding kinds: a strength added to the domain stops this from compiling.
        let _every_strength_listed = |s: S| match s {
            S::Linked | S::Consistent | S::Possible | S::AreaLevel => (),
        };
        let all = [S::Linked, S::Consistent, S::Possible, S::AreaLevel];
        one_of_strings(
            "How strongly the records support the finding.",
            all.into_iter().map(S::as_str),
        )
    }
}

impl utoipa::ToSchema for Strength {}

/// How precisely a place is known.
pub(crate) struct GeoPrecision;

impl utoipa::PartialSchema for GeoPrecision {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .description(Some(
                "How precisely a place is known: `exact`, `NNNm` (within that many metres), \
                 `neighbourhood`, `sub_district`, `district`, `governorate` or `country`.",
            ))
            .pattern(Some(
                "^(exact|[0-9]+m|neighbourhood|sub_district|district|governorate|country)$",
            ))
            .into()
    }
}

impl utoipa::ToSchema for GeoPrecision {}
