//! The HXL incidents layout: one row per incident, tagged for HDX and ACLED-minded readers.
//!
//! Casualties get a fixed set of columns, every outcome × group with a best estimate and its
//! `+min`/`+max`, so that every export has the same columns whatever its incidents report and
//! a tool built on one export reads the next one.
//!
//! **One source per figure.** An incident can carry several sources' figures for the same group
//! and outcome (14 aid workers killed per one source, 18 per another). They are different
//! accounts of the same people, so adding them up would count people twice. The row takes one
//! figure for each group and outcome, with its low, best and high together: the figure of the
//! source named in `#meta+source` (the incident's first report) when that source gives one,
//! otherwise the first figure recorded. Groups are never added up either: `#affected+killed`
//! (everyone) is only what a source said about everyone, not civilians plus children.

use crate::hxl_context::{admin_columns, admin_header, admin_tag, admin_value};
use crate::hxl_context::{AdminLevel, AdminPart, HxlContext};
use crate::hxl_out::HxlField;
use crate::incident_out::span_text;
use crate::values::format_number;
use std::collections::BTreeMap;
use vigil_domain::{CasualtyFigure, CasualtyGroup, Incident, Outcome, SourceId};

/// Which number of a casualty range a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Estimate {
    Best,
    Low,
    High,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Id,
    Title,
    Start,
    End,
    Place(AdminLevel, AdminPart),
    Lat,
    Lon,
    GeoPrecision,
    RadiusM,
    Kind,
    AcledEventType,
    AcledSubEventType,
    Casualties(Outcome, CasualtyGroup, Estimate),
    Perpetrators,
    AttributionGrades,
    Certainty,
    Source,
    Description,
}

/// Every column, in writing order.
pub(crate) fn fields() -> Vec<Field> {
    let mut fields = vec![Field::Id, Field::Title, Field::Start, Field::End];
    fields.extend(admin_columns().map(|(level, part)| Field::Place(level, part)));
    fields.extend([
        Field::Lat,
        Field::Lon,
        Field::GeoPrecision,
        Field::RadiusM,
        Field::Kind,
        Field::AcledEventType,
        Field::AcledSubEventType,
    ]);
    for outcome in Outcome::ALL {
        for group in CasualtyGroup::ALL {
            for estimate in [Estimate::Best, Estimate::Low, Estimate::High] {
                fields.push(Field::Casualties(*outcome, *group, estimate));
            }
        }
    }
    fields.extend([
        Field::Perpetrators,
        Field::AttributionGrades,
        Field::Certainty,
        Field::Source,
        Field::Description,
    ]);
    fields
}

/// `health_workers` → `Health workers`.
fn group_words(group: CasualtyGroup) -> String {
    let words = group.as_str().replace('_', " ");
    let mut chars = words.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

impl HxlField for Field {
    fn header(&self) -> String {
        match self {
            Field::Id => "Incident ID".into(),
            Field::Title => "Title".into(),
            Field::Start => "Start".into(),
            Field::End => "End".into(),
            Field::Place(level, part) => admin_header(*level, *part),
            Field::Lat => "Latitude".into(),
            Field::Lon => "Longitude".into(),
            Field::GeoPrecision => "Location precision".into(),
            Field::RadiusM => "Location radius (m)".into(),
            Field::Kind => "Kind".into(),
            Field::AcledEventType => "ACLED event type".into(),
            Field::AcledSubEventType => "ACLED sub-event type".into(),
            Field::Casualties(outcome, group, estimate) => {
                let what = format!("{} {}", group_words(*group), outcome.as_str());
                match estimate {
                    Estimate::Best => what,
                    Estimate::Low => format!("{what} (low)"),
                    Estimate::High => format!("{what} (high)"),
                }
            }
            Field::Perpetrators => "Perpetrators".into(),
            Field::AttributionGrades => "Attribution grades".into(),
            Field::Certainty => "Certainty".into(),
            Field::Source => "Source".into(),
            Field::Description => "Description".into(),
        }
    }

    fn tag(&self) -> String {
        match self {
            Field::Id => "#event+id".into(),
            Field::Title => "#event+name".into(),
            Field::Start => "#date+start".into(),
            Field::End => "#date+end".into(),
            Field::Place(level, part) => admin_tag(*level, *part),
            Field::Lat => "#geo+lat".into(),
            Field::Lon => "#geo+lon".into(),
            Field::GeoPrecision => "#geo+precision".into(),
            Field::RadiusM => "#geo+radius".into(),
            Field::Kind => "#event+type".into(),
            Field::AcledEventType => "#event+type+acled".into(),
            Field::AcledSubEventType => "#event+type+acled+sub".into(),
            Field::Casualties(outcome, group, estimate) => {
                let mut tag = format!("#affected+{}", outcome.as_str());
                // Everyone is the plain tag: `#affected+killed` is the people killed.
                if *group != CasualtyGroup::People {
                    tag.push('+');
                    tag.push_str(group.as_str());
                }
                match estimate {
                    Estimate::Best => {}
                    Estimate::Low => tag.push_str("+min"),
                    Estimate::High => tag.push_str("+max"),
                }
                tag
            }
            Field::Perpetrators => "#group+perp+name".into(),
            Field::AttributionGrades => "#group+perp+grade".into(),
            Field::Certainty => "#meta+certainty".into(),
            Field::Source => "#meta+source".into(),
            Field::Description => "#description".into(),
        }
    }
}

/// For each group and outcome, the one figure the row shows (see the module's doc).
fn chosen_figures<'a>(
    casualties: &'a [CasualtyFigure],
    source: Option<&SourceId>,
) -> BTreeMap<(Outcome, CasualtyGroup), &'a CasualtyFigure> {
    let mut chosen: BTreeMap<(Outcome, CasualtyGroup), &CasualtyFigure> = BTreeMap::new();
    for figure in casualties {
        let from_row_source = source.is_some() && figure.source.as_ref() == source;
        chosen
            .entry((figure.outcome, figure.group))
            .and_modify(|kept| {
                if from_row_source && kept.source.as_ref() != source {
                    *kept = figure;
                }
            })
            .or_insert(figure);
    }
    chosen
}

/// One incident as a row of `fields`.
pub(crate) fn row(
    fields: &[Field],
    incident: &Incident,
    source: Option<&SourceId>,
    context: &HxlContext,
) -> Vec<String> {
    let places = context.places(incident.area.as_ref());
    let figures = chosen_figures(&incident.casualties, source);
    let (start, end) = span_text(&incident.when);
    let acled = incident.kind.acled();
    let joined = |parts: Vec<&str>| parts.join("; ");
    fields
        .iter()
        .map(|field| match field {
            Field::Id => incident.id.to_string(),
            Field::Title => incident.title.clone().unwrap_or_default(),
            Field::Start => start.clone(),
            Field::End => end.clone(),
            Field::Place(level, part) => admin_value(&places, *level, *part),
            Field::Lat => incident
                .location
                .point
                .map_or_else(String::new, |p| format_number(p.lat())),
            Field::Lon => incident
                .location
                .point
                .map_or_else(String::new, |p| format_number(p.lon())),
            Field::GeoPrecision => incident.location.precision.to_string(),
            Field::RadiusM => format_number(incident.location.radius_m),
            Field::Kind => incident.kind.to_string(),
            Field::AcledEventType => acled.map(|a| a.event_type).unwrap_or_default().into(),
            Field::AcledSubEventType => acled.map(|a| a.sub_event_type).unwrap_or_default().into(),
            Field::Casualties(outcome, group, estimate) => figures
                .get(&(*outcome, *group))
                .map(|figure| match estimate {
                    Estimate::Best => figure.count.best,
                    Estimate::Low => figure.count.low,
                    Estimate::High => figure.count.high,
                })
                .map_or_else(String::new, |n| n.to_string()),
            Field::Perpetrators => joined(
                incident
                    .attributions
                    .iter()
                    .map(|a| context.party_name(&a.party))
                    .collect(),
            ),
            Field::AttributionGrades => joined(
                incident
                    .attributions
                    .iter()
                    .map(|a| a.grade.as_str())
                    .collect(),
            ),
            Field::Certainty => incident.certainty.to_string(),
            Field::Source => source.map(ToString::to_string).unwrap_or_default(),
            Field::Description => incident.description.clone().unwrap_or_default(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use vigil_domain::Range;

    fn figure(group: CasualtyGroup, best: u32, source: Option<&str>) -> CasualtyFigure {
        CasualtyFigure {
            group,
            outcome: Outcome::Killed,
            count: Range::exact(best),
            source: source.map(|s| SourceId::new(s).unwrap()),
        }
    }

    #[test]
    fn figures_of_several_sources_are_never_added_up() {
        let figures = [
            figure(CasualtyGroup::People, 10, Some("boi")),
            figure(CasualtyGroup::AidWorkers, 14, Some("coi")),
            figure(CasualtyGroup::AidWorkers, 18, Some("rte")),
            figure(CasualtyGroup::People, 31, Some("sind")),
        ];
        let key = |group| (Outcome::Killed, group);
        // No figure from the row's source: the first recorded one.
        let chosen = chosen_figures(&figures, Some(&SourceId::new("ocha").unwrap()));
        assert_eq!(chosen[&key(CasualtyGroup::People)].count.best, 10);
        assert_eq!(chosen[&key(CasualtyGroup::AidWorkers)].count.best, 14);
        // The row's source gave one: that one, even when it comes later.
        let chosen = chosen_figures(&figures, Some(&SourceId::new("sind").unwrap()));
        assert_eq!(chosen[&key(CasualtyGroup::People)].count.best, 31);
        assert_eq!(chosen[&key(CasualtyGroup::AidWorkers)].count.best, 14);
        // No row source: a figure without a source is not mistaken for one from it.
        let unsourced = [
            figure(CasualtyGroup::People, 3, Some("a")),
            figure(CasualtyGroup::People, 4, None),
        ];
        assert_eq!(
            chosen_figures(&unsourced, None)[&key(CasualtyGroup::People)]
                .count
                .best,
            3
        );
    }

    #[test]
    fn every_column_has_a_distinct_tag_and_header() {
        let fields = fields();
        let tags: std::collections::BTreeSet<String> = fields.iter().map(|f| f.tag()).collect();
        let headers: std::collections::BTreeSet<String> =
            fields.iter().map(|f| f.header()).collect();
        assert_eq!(tags.len(), fields.len());
        assert_eq!(headers.len(), fields.len());
        let at = |tag: &str| fields.iter().find(|f| f.tag() == tag).unwrap().header();
        assert_eq!(at("#affected+killed"), "People killed");
        assert_eq!(
            at("#affected+injured+health_workers+max"),
            "Health workers injured (high)"
        );
        assert_eq!(at("#adm1+code"), "Admin 1 code");
    }
}
