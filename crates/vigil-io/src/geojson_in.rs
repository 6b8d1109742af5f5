//! Streaming GeoJSON input: a FeatureCollection of Point features, one [`Fields`] per feature.
//!
//! Properties carry the CSV column names (matched like CSV headers); `lon`/`lat` come from the
//! Point geometry. A `lon`/`lat` property is used instead only when it agrees with the geometry
//! to the 7th decimal — that is how Vigil writes them, so full precision survives the
//! geometry's rounding, while a point moved in a GIS (which leaves the property behind) still
//! counts where it was moved to. A missing `id` property is taken from the Feature's `id`.
//! Missing properties read as empty: there is no header to require columns of.

use crate::columns::Columns;
use crate::error::{FieldError, ReadError, RowError};
use crate::fields::{Fields, Place};
use crate::json_scan::{ScanError, Scanner};
use crate::values::format_number;
use geojson::{feature::Id, Feature};
use serde_json::Value as Json;
use std::collections::BTreeSet;
use std::io::{BufReader, Read};

/// Half a unit of the 7th decimal, plus room for binary rounding.
const GEOMETRY_TOLERANCE: f64 = 0.5e-7 + 1e-12;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Just after the `[` of `features`.
    First,
    /// After a feature: a `,` or the closing `]` comes next.
    AfterFeature,
    Done,
}

pub(crate) struct GeoJsonFields<'a, C> {
    scanner: Scanner<BufReader<Box<dyn Read + 'a>>>,
    state: State,
    /// Index of the next feature.
    index: u64,
    raw: Vec<u8>,
    warnings: Vec<String>,
    unknown: BTreeSet<String>,
    total: Option<u64>,
    file: String,
    layout: std::marker::PhantomData<C>,
}

impl<'a, C: Columns> GeoJsonFields<'a, C> {
    /// Walks the top-level object of `file`, whose bytes `handle` gives, up to its `features`
    /// array; a file that is not a FeatureCollection is rejected here, before any row. `total`
    /// is the file's size if known.
    pub fn new(
        handle: Box<dyn Read + 'a>,
        total: Option<u64>,
        file: &str,
    ) -> Result<Self, ReadError> {
        let mut this = Self {
            scanner: Scanner::new(BufReader::new(handle)),
            state: State::Done,
            index: 0,
            raw: Vec::new(),
            warnings: Vec::new(),
            unknown: BTreeSet::new(),
            total,
            file: file.to_owned(),
            layout: std::marker::PhantomData,
        };
        let format_error = |problem: String| ReadError::Format {
            file: file.to_owned(),
            problem,
        };
        this.scanner
            .skip_bom()
            .map_err(|e| format_error(ScanError::Io(e).to_string()))?;
        match this.scanner.peek_token() {
            Ok(Some(b'{')) => this.scanner.skip(),
            Ok(_) => {
                return Err(format_error(
                    "not a GeoJSON FeatureCollection (expected a JSON object)".into(),
                ))
            }
            Err(e) => return Err(format_error(ScanError::Io(e).to_string())),
        }
        match this.members(true) {
            Ok(true) => {
                this.state = State::First;
                Ok(this)
            }
            Ok(false) => Err(format_error(
                "not a GeoJSON FeatureCollection (no \"features\" member)".into(),
            )),
            Err(problem) => Err(format_error(problem)),
        }
    }

    pub fn bytes_read(&self) -> u64 {
        self.scanner.offset()
    }

    pub fn total_bytes(&self) -> Option<u64> {
        self.total
    }

    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Reads top-level members up to the `[` of `features` (`Ok(true)`) or the closing `}`
    /// (`Ok(false)`). With `first`, no member has been read yet, so no `,` precedes the next.
    fn members(&mut self, mut first: bool) -> Result<bool, String> {
        loop {
            match self
                .scanner
                .peek_token()
                .map_err(|e| ScanError::Io(e).to_string())?
            {
                Some(b'}') => {
                    self.scanner.skip();
                    return Ok(false);
                }
                Some(b',') if !first => self.scanner.skip(),
                _ if first => {}
                _ => return Err(self.scanner.syntax("expected ',' or '}'").to_string()),
            }
            first = false;
            self.raw.clear();
            self.scanner
                .raw_value(&mut self.raw)
                .map_err(|e| e.to_string())?;
            let key: String = serde_json::from_slice(&self.raw)
                .map_err(|_| self.scanner.syntax("expected a member name").to_string())?;
            self.scanner.expect(b':').map_err(|e| e.to_string())?;
            if key == "features" {
                self.scanner.expect(b'[').map_err(|_| {
                    "not a GeoJSON FeatureCollection (\"features\" is not an array)".to_string()
                })?;
                return Ok(true);
            }
            self.raw.clear();
            self.scanner
                .raw_value(&mut self.raw)
                .map_err(|e| e.to_string())?;
            let value: Json = serde_json::from_slice(&self.raw)
                .map_err(|e| format!("member \"{key}\" is not valid JSON: {e}"))?;
            if key == "type" && value != "FeatureCollection" {
                return Err(format!(
                    "not a GeoJSON FeatureCollection (its type is {value})"
                ));
            }
        }
    }

    fn error(&self, place: Place, problem: impl Into<String>) -> RowError {
        place.error(&self.file, FieldError::row(problem))
    }

    /// Reads the rest of the top-level object once the features are done; a problem there is
    /// reported after the last feature.
    fn finish(&mut self) -> Option<RowError> {
        self.state = State::Done;
        let place = Place::line(self.index + 1);
        match self.members(false) {
            Ok(false) => match self.scanner.peek_token() {
                Ok(None) => None,
                Ok(Some(_)) => Some(self.error(
                    place,
                    "after the features: unexpected content after the FeatureCollection",
                )),
                Err(e) => {
                    Some(self.error(place, format!("after the features: could not read: {e}")))
                }
            },
            Ok(true) => Some(self.error(place, "after the features: \"features\" is given twice")),
            Err(problem) => Some(self.error(place, format!("after the features: {problem}"))),
        }
    }

    /// The fields of one parsed feature.
    fn fields(&mut self, feature: &Feature) -> Result<Fields<C>, FieldError> {
        let mut fields = Fields::new();
        let mut seen = vec![false; C::ALL.len()];
        if let Some(properties) = &feature.properties {
            for (key, value) in properties {
                let Some(column) = C::lookup(key) else {
                    if self.unknown.insert(key.clone()) {
                        self.warnings
                            .push(format!("unknown property '{key}' ignored"));
                    }
                    continue;
                };
                if std::mem::replace(&mut seen[column.index()], true) {
                    return Err(FieldError::at(
                        column.name(),
                        format!("property '{}' is given twice", column.name()),
                    ));
                }
                fields.set(
                    column,
                    &text_of(value).map_err(|p| FieldError::at(column.name(), p))?,
                );
            }
        }
        let id = C::ALL[0];
        if fields.get(id).is_empty() {
            match &feature.id {
                Some(Id::String(s)) => fields.set(id, s),
                Some(Id::Number(n)) => fields.set(id, &number_text(n)),
                None => {}
            }
        }
        let (lon, lat) = (lookup::<C>("lon"), lookup::<C>("lat"));
        match feature.geometry.as_ref().map(|g| &g.value) {
            Some(geojson::Value::Point(coords)) if coords.len() >= 2 => {
                for (column, coord) in [(lon, coords[0]), (lat, coords[1])] {
                    let agrees = fields
                        .get(column)
                        .parse::<f64>()
                        .is_ok_and(|p| (p - coord).abs() <= GEOMETRY_TOLERANCE);
                    if !agrees {
                        fields.set(column, &format_number(coord));
                    }
                }
            }
            Some(geojson::Value::Point(_)) => {
                return Err(FieldError::row("the Point has fewer than 2 coordinates"))
            }
            Some(other) => {
                return Err(FieldError::row(format!(
                    "the geometry is a {}, expected a Point",
                    other.type_name()
                )))
            }
            // RFC 7946 allows a null geometry; the lon/lat properties, if any, then stand.
            None => {}
        }
        Ok(fields)
    }
}

fn lookup<C: Columns>(name: &str) -> C {
    C::lookup(name).expect("every layout has lon and lat")
}

/// A JSON number as the shortest decimal text: integers as integers, floats like CSV writes
/// them (`250`, not `250.0`), so both formats give the same text for the same value.
fn number_text(n: &serde_json::Number) -> String {
    if n.is_f64() {
        n.as_f64()
            .map(format_number)
            .unwrap_or_else(|| n.to_string())
    } else {
        n.to_string()
    }
}

/// A property value as the text a CSV cell would hold; arrays become `;`-separated lists.
fn text_of(value: &Json) -> Result<String, String> {
    match value {
        Json::Null => Ok(String::new()),
        Json::Bool(b) => Ok(b.to_string()),
        Json::Number(n) => Ok(number_text(n)),
        Json::String(s) => Ok(s.clone()),
        Json::Array(items) => items
            .iter()
            .map(|item| match item {
                Json::Array(_) | Json::Object(_) => Err(
                    "expected text, a number or a list of them, found a nested list or object"
                        .to_string(),
                ),
                scalar => text_of(scalar),
            })
            .collect::<Result<Vec<_>, _>>()
            .map(|items| items.join(";")),
        Json::Object(_) => Err("expected text, a number or a list, found an object".into()),
    }
}

impl<C: Columns> Iterator for GeoJsonFields<'_, C> {
    type Item = Result<(Place, Fields<C>), RowError>;

    fn next(&mut self) -> Option<Self::Item> {
        let place = Place::feature(self.index);
        let next = match self.scanner.peek_token() {
            Ok(next) => next,
            Err(e) => {
                self.state = State::Done;
                return Some(Err(self.error(place, format!("could not read: {e}"))));
            }
        };
        match (self.state, next) {
            (State::Done, _) => return None,
            (State::First | State::AfterFeature, Some(b']')) => {
                self.scanner.skip();
                return self.finish().map(Err);
            }
            (State::AfterFeature, Some(b',')) => self.scanner.skip(),
            (State::First, _) => {}
            (State::AfterFeature, _) => {
                self.state = State::Done;
                let problem = self.scanner.syntax("expected ',' or ']' after a feature");
                return Some(Err(self.error(place, problem.to_string())));
            }
        }
        self.state = State::AfterFeature;
        self.index += 1;
        self.raw.clear();
        if let Err(e) = self.scanner.raw_value(&mut self.raw) {
            // The scanner no longer knows where it is in the file: stop after this error.
            self.state = State::Done;
            return Some(Err(self.error(place, e.to_string())));
        }
        let feature = serde_json::from_slice::<Json>(&self.raw)
            .map_err(|e| format!("not valid JSON: {e}"))
            .and_then(|value| {
                Feature::from_json_value(value).map_err(|e| format!("not a GeoJSON Feature: {e}"))
            });
        let result = match feature {
            Ok(feature) => self
                .fields(&feature)
                .map(|fields| (place, fields))
                .map_err(|e| place.error(&self.file, e)),
            Err(problem) => Err(self.error(place, problem)),
        };
        Some(result)
    }
}
