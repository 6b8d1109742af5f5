//! Views (`crate::views`, through `crate::visible`) as GeoJSON features, and the `bbox` and
//! `datetime` tests on them.
//!
//! The geometry is taken from the view itself: a `location` with a point becomes a Point, a
//! `route` a LineString, and a view with neither (the published ones) has geometry `null`. The
//! feature's time is the view's too: `when` (incidents) or `window` (movements) in full, or
//! the published `date_from`/`date_to` as whole days. So a feature shows, and its filters
//! test, nothing the JSON API would not return to the same caller.

use super::query::ItemsQuery;
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{json, Map, Value};
use vigil_domain::time::{end_of_day, start_of_day};

#[derive(Debug, Clone, PartialEq)]
enum Geometry {
    Point([f64; 2]),
    LineString(Vec<[f64; 2]>),
}

#[derive(Debug, Clone)]
pub(crate) struct Feature {
    id: String,
    geometry: Option<Geometry>,
    /// First and last instant the feature shows.
    time: Option<(DateTime<Utc>, DateTime<Utc>)>,
    properties: Map<String, Value>,
}

fn position(value: &Value) -> Option<[f64; 2]> {
    match value.as_array()?.as_slice() {
        [lon, lat] => Some([lon.as_f64()?, lat.as_f64()?]),
        _ => None,
    }
}

fn instant(value: &Value) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(value.as_str()?)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

fn day(value: Option<&Value>) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value?.as_str()?, "%Y-%m-%d").ok()
}

/// The span a view shows: a `when` or `window` of `start` and `end`, or published days.
fn shown_time(view: &Map<String, Value>) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    if let Some(span) = view.get("when").or_else(|| view.get("window")) {
        return Some((instant(&span["start"])?, instant(&span["end"])?));
    }
    let (from, to) = (day(view.get("date_from"))?, day(view.get("date_to"))?);
    Some((start_of_day(from), end_of_day(to)))
}

impl Feature {
    /// The feature of a view known by `id`. The `id` member leaves the properties, since it is
    /// the feature's own id; `location` becomes the geometry, with its precision and radius
    /// kept as properties; `route` becomes the geometry.
    pub(crate) fn from_view(id: String, view: Value) -> Self {
        let mut properties = match view {
            Value::Object(map) => map,
            _ => Map::new(),
        };
        properties.remove("id");
        let mut geometry = None;
        if let Some(location) = properties.remove("location") {
            geometry = position(&location["point"]).map(Geometry::Point);
            properties.insert("precision".into(), location["precision"].clone());
            properties.insert("radius_m".into(), location["radius_m"].clone());
        }
        if let Some(route) = properties.remove("route") {
            let points: Option<Vec<[f64; 2]>> = route
                .as_array()
                .map(|points| points.iter().filter_map(position).collect());
            geometry = points.filter(|p| p.len() >= 2).map(Geometry::LineString);
        }
        let time = shown_time(&properties);
        Feature {
            id,
            geometry,
            time,
            properties,
        }
    }

    /// This feature placed where, and when, `incident` (the feature of its incident, as the
    /// same caller sees it) is: how findings are drawn.
    pub(crate) fn at_place_and_time_of(mut self, incident: &Feature) -> Self {
        self.geometry = incident.geometry.clone();
        self.time = incident.time;
        self
    }

    /// Whether the feature passes the query's `bbox` (its geometry touches the box; no
    /// geometry, no match) and `datetime` (its time overlaps the period).
    pub(crate) fn admits(&self, query: &ItemsQuery) -> bool {
        let in_box = query.bbox.is_none_or(|bbox| match &self.geometry {
            None => false,
            Some(Geometry::Point([lon, lat])) => bbox.contains(*lon, *lat),
            Some(Geometry::LineString(points)) => {
                points.windows(2).any(|w| bbox.meets_segment(w[0], w[1]))
            }
        });
        let in_period = query.period.as_ref().is_none_or(|period| {
            self.time.is_some_and(|(start, end)| {
                start <= period.span.end() && period.span.start() <= end
            })
        });
        in_box && in_period
    }

    pub(crate) fn into_json(self) -> Value {
        let geometry = match self.geometry {
            None => Value::Null,
            Some(Geometry::Point(p)) => json!({ "type": "Point", "coordinates": p }),
            Some(Geometry::LineString(points)) => {
                json!({ "type": "LineString", "coordinates": points })
            }
        };
        json!({
            "type": "Feature",
            "id": self.id,
            "geometry": geometry,
            "properties": self.properties,
        })
    }
}
