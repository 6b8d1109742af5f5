//! One table row → an incident row: the values Vigil reads from the mapped columns become
//! canonical column values, which `vigil_io::incident_from_values` checks with the rules of a
//! canonical file; the report keeps the whole row as received.

use crate::field::{Casualty, Estimate, Field, Indicator};
use crate::kinds;
use crate::plan::Plan;
use crate::table::TableRow;
use crate::values::{self, Layout};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path;
use vigil_domain::{
    CasualtyGroup, GeoPrecision, IncidentKind, Outcome, Party, PartyId, PartyKind, Report,
    ReportContent, ReportId, SourceKind,
};
use vigil_io::{IncidentRow, RowError};

/// Values that say "nothing known" in the publishers' files.
const NO_INFORMATION: &[&str] = &[
    "",
    "no information",
    "unknown",
    "not applicable",
    "n/a",
    "na",
    "none",
    "unspecified",
];

fn informative(text: &str) -> bool {
    !NO_INFORMATION.contains(&text.trim().to_lowercase().as_str())
}

/// The dataset source of each layout (rows of an HXL or mapped file cite the file).
fn dataset_source(layout: Layout) -> Option<(&'static str, &'static str, &'static str)> {
    match layout {
        Layout::Acled => Some((
            "acled",
            "ACLED (Armed Conflict Location & Event Data Project) event data",
            "ACLED",
        )),
        Layout::Ucdp => Some((
            "ucdp-ged",
            "UCDP Georeferenced Event Dataset (GED)",
            "Uppsala Conflict Data Program",
        )),
        Layout::Hxl | Layout::Mapped => None,
    }
}

/// A party id from a name: lower-case letters and digits joined by `-` (names of armed groups
/// carry `;`, `@` and `:`, which the canonical lists use), or a digest for a name with none.
fn party_id(name: &str) -> String {
    let mut id = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_lowercase());
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    let id = id.trim_end_matches('-');
    if id.is_empty() {
        format!(
            "party-{}",
            &hex::encode(Sha256::digest(name.as_bytes()))[..12]
        )
    } else {
        id.chars().take(120).collect()
    }
}

/// A media source id from its name, without the characters the canonical lists use.
fn media_id(name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| {
            if matches!(c, ';' | '@' | ':') || c.is_control() {
                ' '
            } else {
                c
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    format!("media:{}", clean.chars().take(150).collect::<String>())
}

/// A row read, and whether a casualty range had to be widened to hold its best estimate.
pub(crate) struct Built {
    pub row: Result<IncidentRow, RowError>,
    pub widened: bool,
}

/// Reads a row; `None` for a row with no value at all.
pub(crate) fn build(plan: &Plan, path: &Path, row: &TableRow) -> Option<Built> {
    if row.cells.iter().all(|c| c.trim().is_empty()) {
        return None;
    }
    let builder = Builder {
        plan,
        path,
        row,
        widened: std::cell::Cell::new(false),
    };
    let row = builder.build();
    Some(Built {
        row,
        widened: builder.widened.get(),
    })
}

struct Builder<'a> {
    plan: &'a Plan,
    path: &'a Path,
    row: &'a TableRow,
    widened: std::cell::Cell<bool>,
}

impl Builder<'_> {
    fn get(&self, field: Field) -> &str {
        self.plan
            .column_of(field)
            .and_then(|i| self.row.cells.get(i))
            .map_or("", |c| c.trim())
    }

    fn error(&self, field: Option<Field>, problem: String) -> RowError {
        RowError {
            file: self.path.display().to_string(),
            line: self.row.line,
            column: field.and_then(|f| self.plan.label_of(f)).map(str::to_owned),
            problem,
        }
    }

    /// The row as received: every non-empty cell under its column's label.
    fn content(&self) -> serde_json::Map<String, serde_json::Value> {
        let mut content = serde_json::Map::new();
        for (i, cell) in self.row.cells.iter().enumerate() {
            let cell = cell.trim();
            if cell.is_empty() {
                continue;
            }
            let label = match self.plan.columns.get(i) {
                Some(column) => column.label.clone(),
                None => format!("column {}", i + 1),
            };
            content.insert(label, serde_json::Value::String(cell.to_owned()));
        }
        content
    }

    fn build(&self) -> Result<IncidentRow, RowError> {
        let layout = self.plan.layout;
        // Serialised once: the text is both what the report keeps and what its id digests.
        let content = ReportContent::from_value(&serde_json::Value::Object(self.content()));
        let digest = hex::encode(Sha256::digest(content.as_str().as_bytes()));

        let id = self.id(&digest);
        let (start, end, time_precision) = self.when()?;
        let (lon, lat, precision) = self.place()?;
        let casualties = self.casualties()?;
        let kind = self.kind(&casualties);
        let source = dataset_source(layout).map_or("", |(id, _, _)| id);
        // The source the row is credited to when `source` is empty: named when a list of
        // sources must include it.
        let file_name = self.path.file_name().map_or_else(
            || self.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let row_source = match source {
            "" => vigil_io::file_source(&file_name).id.to_string(),
            id => id.to_owned(),
        };
        let media: Vec<String> = self
            .get(Field::Sources)
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(media_id)
            .fold(Vec::new(), |mut unique, id| {
                // Several articles from one outlet name it once each.
                if !unique.contains(&id) {
                    unique.push(id);
                }
                unique
            });
        let parties = self.parties();
        let perpetrators: Vec<String> = parties
            .iter()
            .map(|(id, _)| {
                let mut entry = format!("{id}:alleged");
                if !media.is_empty() {
                    // Credited to the data set and to the outlets it cites.
                    entry.push('@');
                    entry.push_str(&row_source);
                    for m in &media {
                        entry.push('@');
                        entry.push_str(m);
                    }
                }
                entry
            })
            .collect();
        let certainty = if layout == Layout::Ucdp && self.get(Field::Clarity) == "2" {
            "possible"
        } else {
            ""
        };
        let title = self.title();
        let casualty_text = casualties.join(";");
        let perpetrator_text = perpetrators.join(";");
        let start = start.to_string();
        let end = end.to_string();
        let precision = precision.to_string();
        let values: Vec<(&str, &str)> = vec![
            ("id", &id),
            ("kind", kind.as_str()),
            ("lon", &lon),
            ("lat", &lat),
            ("precision", &precision),
            ("start", &start),
            ("end", &end),
            ("time_precision", time_precision.as_str()),
            ("title", &title),
            ("certainty", certainty),
            ("weapon", self.get(Field::Weapon)),
            ("casualties", &casualty_text),
            ("perpetrators", &perpetrator_text),
            ("description", self.get(Field::Description)),
            ("source", source),
        ];
        let mut row = vigil_io::incident_from_values(self.path, self.row.line, &values)
            .map_err(|e| self.rename(e))?;

        // What the canonical reader cannot know: names, titles, and the row as received.
        row.parties = parties
            .iter()
            .filter_map(|(id, name)| {
                Some(Party {
                    id: PartyId::new(id.clone()).ok()?,
                    name: name.clone(),
                    kind: PartyKind::Other,
                })
            })
            .collect();
        if let Some((_, title, publisher)) = dataset_source(layout) {
            row.source.title = title.to_owned();
            row.source.publisher = Some(publisher.to_owned());
        }
        for extra in &mut row.extra_sources {
            if let Some(name) = extra.id.as_str().strip_prefix("media:") {
                extra.kind = SourceKind::Media;
                extra.title = name.to_owned();
            }
        }
        let report_id = ReportId::new(format!("rep:{}:{}", row.incident.id, &digest[..24]))
            .map_err(|e| self.error(Some(Field::EventId), e.problem))?;
        row.report = Report {
            id: report_id.clone(),
            source: row.report.source.clone(),
            received_at: row.report.received_at,
            summary: row.report.summary.clone(),
            content,
        };
        row.incident.reports = vec![report_id];
        Ok(row)
    }

    /// The publisher's id with the data set's prefix (`acled:1RTA`, `ucdp-ged:209980`,
    /// `sind:42822` for a column headed "SiND Event ID"); a row without one gets `row-` and
    /// the start of its content's SHA-256, the same on every import of the same row.
    fn id(&self, digest: &str) -> String {
        let prefix = match self.plan.layout {
            Layout::Acled => "acled".to_owned(),
            Layout::Ucdp => "ucdp-ged".to_owned(),
            Layout::Hxl | Layout::Mapped => {
                let label = self.plan.label_of(Field::EventId).unwrap_or("");
                let key = crate::field::normalise(label);
                let stem = key
                    .trim_end_matches("_id")
                    .trim_end_matches("_event")
                    .trim_end_matches("_incident")
                    .replace('_', "-");
                if stem.is_empty() || stem == "event" || stem == "id" || stem == "incident" {
                    "hxl".to_owned()
                } else {
                    stem
                }
            }
        };
        match self.get(Field::EventId) {
            "" => format!("{prefix}:row-{}", &digest[..16]),
            id => format!("{prefix}:{id}"),
        }
    }

    fn when(
        &self,
    ) -> Result<
        (
            chrono::NaiveDate,
            chrono::NaiveDate,
            vigil_domain::TimePrecision,
        ),
        RowError,
    > {
        let start =
            values::day(self.get(Field::Date)).map_err(|p| self.error(Some(Field::Date), p))?;
        let end = match self.get(Field::DateEnd) {
            "" => start,
            text => values::day(text).map_err(|p| self.error(Some(Field::DateEnd), p))?,
        };
        values::time_span(self.plan.layout, self.get(Field::TimePrecision), start, end)
            .map_err(|p| self.error(Some(Field::TimePrecision), p))
    }

    /// Coordinates and precision. A row without coordinates is kept at the precision it does
    /// have: its first-level area when it names one, else its country.
    fn place(&self) -> Result<(String, String, GeoPrecision), RowError> {
        let (lon_text, lat_text) = (self.get(Field::Lon), self.get(Field::Lat));
        let stated = match self.get(Field::GeoPrecision) {
            "" => None,
            text => Some(
                values::geo_precision(self.plan.layout, text)
                    .map_err(|p| self.error(Some(Field::GeoPrecision), p))?,
            ),
        };
        if lon_text.is_empty() && lat_text.is_empty() {
            let precision = match stated {
                Some(p) if p.is_area_level() => p,
                _ if informative(self.get(Field::Adm1)) => GeoPrecision::Governorate,
                _ => GeoPrecision::Country,
            };
            return Ok((String::new(), String::new(), precision));
        }
        let lon = values::coordinate(lon_text).map_err(|p| self.error(Some(Field::Lon), p))?;
        let lat = values::coordinate(lat_text).map_err(|p| self.error(Some(Field::Lat), p))?;
        // No precision column: the coordinates are taken as they stand, as in a canonical file.
        let precision = stated.unwrap_or(GeoPrecision::Exact);
        Ok((lon.to_string(), lat.to_string(), precision))
    }

    /// `group:outcome:best` or `group:outcome:low/best/high`, for each count above zero.
    ///
    /// A range that does not hold its own best estimate (UCDP GED 19.1 has rows with `high`
    /// below `best`) is widened to hold it rather than the row refused: the best estimate is
    /// the publisher's figure, the file's own values stay in the report, and the reader's
    /// warnings count such rows.
    fn casualties(&self) -> Result<Vec<String>, RowError> {
        let mut counts: BTreeMap<(CasualtyGroup, Outcome), [Option<u32>; 3]> = BTreeMap::new();
        for (i, field) in self.plan.fields.iter().enumerate() {
            let Some(Field::Casualty(Casualty {
                group,
                outcome,
                estimate,
            })) = field
            else {
                continue;
            };
            let text = self.row.cells.get(i).map_or("", |c| c.trim());
            let n = values::count(text).map_err(|p| RowError {
                file: self.path.display().to_string(),
                line: self.row.line,
                column: Some(self.plan.columns[i].label.clone()),
                problem: p,
            })?;
            let slot = match estimate {
                Estimate::Low => 0,
                Estimate::Best => 1,
                Estimate::High => 2,
            };
            counts.entry((*group, *outcome)).or_default()[slot] = n;
        }
        Ok(counts
            .into_iter()
            .filter_map(|((group, outcome), [low, best, high])| {
                let best = best.or(low)?;
                let (stated_low, stated_high) = (low.unwrap_or(best), high.unwrap_or(best));
                let (low, high) = (stated_low.min(best), stated_high.max(best));
                if (low, high) != (stated_low, stated_high) {
                    self.widened.set(true);
                }
                if high == 0 {
                    return None;
                }
                Some(if low == best && best == high {
                    format!("{group}:{outcome}:{best}")
                } else {
                    format!("{group}:{outcome}:{low}/{best}/{high}")
                })
            })
            .collect())
    }

    fn kind(&self, casualties: &[String]) -> IncidentKind {
        let event_type = self.get(Field::EventType);
        let sub_event_type = self.get(Field::SubEventType);
        match self.plan.layout {
            Layout::Acled => kinds::acled(event_type, sub_event_type),
            // GED records that people were killed, not how.
            Layout::Ucdp => IncidentKind::Unknown,
            Layout::Hxl | Layout::Mapped => kinds::from_event_type(event_type, sub_event_type)
                .unwrap_or_else(|| {
                    let indicators: Vec<Indicator> = self
                        .plan
                        .fields
                        .iter()
                        .enumerate()
                        .filter_map(|(i, f)| match f {
                            Some(Field::Indicator(ind)) => {
                                let v = self.row.cells.get(i).map_or("", |c| c.trim());
                                let set = !matches!(
                                    v.to_lowercase().as_str(),
                                    "" | "0" | "false" | "no" | "notapplicable"
                                );
                                set.then_some(*ind)
                            }
                            _ => None,
                        })
                        .collect();
                    let outcome =
                        |o: &str| casualties.iter().any(|c| c.contains(&format!(":{o}:")));
                    kinds::from_evidence(
                        self.get(Field::Weapon),
                        &indicators,
                        outcome("kidnapped"),
                        outcome("arrested"),
                    )
                }),
        }
    }

    /// (id, name) of each party the row holds responsible. ACLED: ACTOR1; UCDP: side A, and
    /// side B too in state-based and non-state conflict (both sides fight); others: the named
    /// perpetrator, else its type.
    fn parties(&self) -> Vec<(String, String)> {
        let mut names: Vec<&str> = Vec::new();
        // Several parties are written `;`-separated (Vigil's own HXL export does so).
        let named: Vec<&str> = self
            .get(Field::Perpetrator)
            .split(';')
            .map(str::trim)
            .filter(|n| informative(n))
            .collect();
        if !named.is_empty() {
            names.extend(named);
        } else if matches!(self.plan.layout, Layout::Hxl | Layout::Mapped) {
            let kind = self.get(Field::PerpetratorKind);
            if informative(kind) {
                names.push(kind);
            }
        }
        if self.plan.layout == Layout::Ucdp && matches!(self.get(Field::ViolenceType), "1" | "2") {
            let side_b = self.get(Field::SideB);
            if informative(side_b) {
                names.push(side_b);
            }
        }
        let mut parties: Vec<(String, String)> = Vec::new();
        for name in names {
            let id = party_id(name);
            if !parties.iter().any(|(i, _)| *i == id) {
                parties.push((id, name.to_owned()));
            }
        }
        parties
    }

    fn title(&self) -> String {
        let parts = |fields: &[Field]| {
            fields
                .iter()
                .map(|f| self.get(*f))
                .filter(|v| informative(v))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let place = parts(&[Field::Location, Field::Adm1, Field::Country]);
        let what = match self.get(Field::Title) {
            "" => {
                let sub = self.get(Field::SubEventType);
                if informative(sub) {
                    sub
                } else {
                    self.get(Field::EventType)
                }
            }
            title => title,
        };
        let title = match (what.is_empty(), place.is_empty()) {
            (false, false) => format!("{what} — {place}"),
            (false, true) => what.to_owned(),
            (true, _) => place,
        };
        title.chars().take(200).collect()
    }

    /// A canonical column named in an error → the column of this file it came from.
    fn rename(&self, mut error: RowError) -> RowError {
        let field = match error.column.as_deref() {
            Some("lon") => Some(Field::Lon),
            Some("lat") => Some(Field::Lat),
            Some("start") => Some(Field::Date),
            Some("end") => Some(Field::DateEnd)
                .filter(|f| self.plan.column_of(*f).is_some())
                .or(Some(Field::Date)),
            Some("precision") | Some("radius_m") => Some(Field::GeoPrecision),
            Some("id") => Some(Field::EventId),
            Some("weapon") => Some(Field::Weapon),
            Some("description") => Some(Field::Description),
            Some("perpetrators") => Some(Field::Perpetrator),
            _ => None,
        };
        if let Some(label) = field.and_then(|f| self.plan.label_of(f)) {
            error.column = Some(label.to_owned());
        }
        error
    }
}
