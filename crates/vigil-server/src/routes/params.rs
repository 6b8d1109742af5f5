//! Query parameters shared by the list endpoints: parsing, and the `next` link.
//!
//! A parameter the endpoint does not know, or one given twice, is a 400 rather than ignored:
//! a misspelt filter (`categroy=airstrike`) would otherwise return every record as if it had
//! matched.

use crate::error::ApiError;
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::ops::ControlFlow;
use vigil_domain::time::{end_of_day, start_of_day};
use vigil_domain::{IncidentCategory, IncidentKind, TimePrecision, TimeSpan};

pub(crate) const DEFAULT_LIMIT: usize = 100;
pub(crate) const MAX_LIMIT: usize = 1000;

/// The query as name → value, refusing unknown and repeated names.
pub(crate) fn collect(
    pairs: Vec<(String, String)>,
    known: &[&str],
) -> Result<BTreeMap<String, String>, ApiError> {
    let mut params = BTreeMap::new();
    for (name, value) in pairs {
        if !known.contains(&name.as_str()) {
            return Err(ApiError::bad_parameter(
                &name,
                format!("unknown parameter (known: {})", known.join(", ")),
            ));
        }
        if params.contains_key(&name) {
            return Err(ApiError::bad_parameter(&name, "given more than once"));
        }
        params.insert(name, value);
    }
    Ok(params)
}

pub(crate) fn limit(params: &BTreeMap<String, String>) -> Result<usize, ApiError> {
    match params.get("limit") {
        None => Ok(DEFAULT_LIMIT),
        Some(text) => match text.parse::<usize>() {
            Ok(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
            _ => Err(ApiError::bad_parameter(
                "limit",
                format!("'{text}' is not a whole number from 1 to {MAX_LIMIT}"),
            )),
        },
    }
}

/// One page of a list, filled in id order: at most `limit` items, and whether more followed.
pub(crate) struct Page {
    limit: usize,
    items: Vec<Value>,
    last_id: Option<String>,
    more: bool,
}

impl Page {
    pub(crate) fn new(limit: usize) -> Self {
        Self {
            limit,
            items: Vec::new(),
            last_id: None,
            more: false,
        }
    }

    /// Whether the page is full and a further item was seen: nothing more needs reading.
    pub(crate) fn is_done(&self) -> bool {
        self.more
    }

    /// Adds an item with the id its cursor names, or, on a full page, notes that more follow.
    pub(crate) fn push(&mut self, id: String, view: Value) {
        if self.items.len() == self.limit {
            self.more = true;
        } else {
            self.items.push(view);
            self.last_id = Some(id);
        }
    }

    /// [`Page::push`] as a visitor of `crate::visible`: stops the scan once the page is done.
    pub(crate) fn take(&mut self, id: String, view: Value) -> ControlFlow<()> {
        self.push(id, view);
        if self.is_done() {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    }

    /// The items, and the cursor of the next page when more items followed.
    pub(crate) fn into_parts(self) -> (Vec<Value>, Option<String>) {
        let last = if self.more { self.last_id } else { None };
        (self.items, last)
    }

    /// `{"items", "next"}`, with a `next` link (keeping the other parameters) only when more
    /// items followed.
    pub(crate) fn into_json(self, path: &str, params: &BTreeMap<String, String>) -> Value {
        let (items, last) = self.into_parts();
        let next = match last {
            None => Value::Null,
            Some(after) => {
                let href = format!("{path}?{}", next_query(params, &after));
                json!({ "after": after, "href": href })
            }
        };
        json!({ "items": items, "next": next })
    }
}

/// The query of the next page: the same parameters, with `after` set to the cursor.
pub(crate) fn next_query(params: &BTreeMap<String, String>, after: &str) -> String {
    let mut query: Vec<(&str, &str)> = params
        .iter()
        .filter(|(name, _)| name.as_str() != "after")
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    query.push(("after", after));
    serde_urlencoded::to_string(&query).expect("pairs of strings always encode")
}

/// A `bbox=minlon,minlat,maxlon,maxlat` (WGS84 degrees).
#[derive(Debug, Clone, Copy)]
pub(crate) struct BoundingBox {
    min_lon: f64,
    min_lat: f64,
    max_lon: f64,
    max_lat: f64,
}

impl BoundingBox {
    pub(crate) fn parse(text: &str) -> Result<Self, ApiError> {
        let bad = |problem: &str| ApiError::bad_parameter("bbox", format!("'{text}' {problem}"));
        let numbers: Vec<f64> = text
            .split(',')
            .map(|n| n.trim().parse::<f64>())
            .collect::<Result<_, _>>()
            .map_err(|_| bad("is not four numbers minlon,minlat,maxlon,maxlat"))?;
        let [min_lon, min_lat, max_lon, max_lat] = numbers[..] else {
            return Err(bad("is not four numbers minlon,minlat,maxlon,maxlat"));
        };
        let lon_ok = |x: f64| x.is_finite() && (-180.0..=180.0).contains(&x);
        let lat_ok = |y: f64| y.is_finite() && (-90.0..=90.0).contains(&y);
        if !(lon_ok(min_lon) && lon_ok(max_lon) && lat_ok(min_lat) && lat_ok(max_lat)) {
            return Err(bad("is not on the globe (lon -180..180, lat -90..90)"));
        }
        // Boxes across the antimeridian are not supported yet: say so rather than return
        // nothing.
        if min_lon > max_lon || min_lat > max_lat {
            return Err(bad("has a minimum above its maximum"));
        }
        Ok(Self {
            min_lon,
            min_lat,
            max_lon,
            max_lat,
        })
    }

    /// Whether the point lies in the box (its edges included).
    pub(crate) fn contains(&self, lon: f64, lat: f64) -> bool {
        self.to_query().contains(lon, lat)
    }

    /// The box as a search takes it.
    pub(crate) fn to_query(self) -> vigil_store::BoundingBox {
        vigil_store::BoundingBox {
            min_lon: self.min_lon,
            min_lat: self.min_lat,
            max_lon: self.max_lon,
            max_lat: self.max_lat,
        }
    }

    /// Whether the straight segment from `a` to `b` (lon/lat, as GeoJSON draws it) touches the
    /// box: the segment clipped to each side in turn (Liang–Barsky) keeps some part.
    pub(crate) fn meets_segment(&self, a: [f64; 2], b: [f64; 2]) -> bool {
        let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
        let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
        for (p, q) in [
            (-dx, a[0] - self.min_lon),
            (dx, self.max_lon - a[0]),
            (-dy, a[1] - self.min_lat),
            (dy, self.max_lat - a[1]),
        ] {
            if p == 0.0 {
                // Parallel to this side: outside it, or no constraint from it.
                if q < 0.0 {
                    return false;
                }
            } else {
                let r = q / p;
                if p < 0.0 {
                    t0 = t0.max(r);
                } else {
                    t1 = t1.min(r);
                }
                if t0 > t1 {
                    return false;
                }
            }
        }
        true
    }
}

/// A `datetime=` value: the span it selects, and whether it names a time finer than a day.
pub(crate) struct Period {
    pub(crate) span: TimeSpan,
    pub(crate) has_time_of_day: bool,
}

/// One end of `datetime`: an RFC 3339 instant, a date (the whole day), or `..`/empty (open).
enum End {
    Open,
    Day(NaiveDate),
    Instant(DateTime<Utc>),
}

/// `name` is the parameter the end comes from, for the error message.
fn parse_end(name: &str, text: &str) -> Result<End, ApiError> {
    let text = text.trim();
    if text.is_empty() || text == ".." {
        return Ok(End::Open);
    }
    if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Ok(End::Day(day));
    }
    DateTime::parse_from_rfc3339(text)
        .map(|t| End::Instant(t.with_timezone(&Utc)))
        .map_err(|_| {
            ApiError::bad_parameter(
                name,
                format!("'{text}' is not a date (2016-09-28), an RFC 3339 time or '..'"),
            )
        })
}

impl Period {
    /// `FROM/TO` (either end open) or a single date or instant.
    pub(crate) fn parse(text: &str) -> Result<Self, ApiError> {
        let (from, to) = match text.split_once('/') {
            Some((from, to)) => (parse_end("datetime", from)?, parse_end("datetime", to)?),
            None => match parse_end("datetime", text)? {
                End::Open => (End::Open, End::Open),
                End::Day(d) => (End::Day(d), End::Day(d)),
                End::Instant(t) => (End::Instant(t), End::Instant(t)),
            },
        };
        Self::from_ends(from, to).ok_or_else(|| {
            ApiError::bad_parameter("datetime", format!("'{text}' ends before it starts"))
        })
    }

    /// The period from `from=` to `to=` (both required here: a report has a period), each a
    /// date (that whole day) or an RFC 3339 instant.
    pub(crate) fn between(from: Option<&str>, to: Option<&str>) -> Result<Self, ApiError> {
        let end = |name: &str, text: Option<&str>| match text {
            None => Err(ApiError::bad_parameter(
                name,
                "required: a date (2016-09-28) or an RFC 3339 time",
            )),
            Some(text) => match parse_end(name, text)? {
                End::Open => Err(ApiError::bad_parameter(name, "may not be open")),
                end => Ok(end),
            },
        };
        Self::from_ends(end("from", from)?, end("to", to)?)
            .ok_or_else(|| ApiError::bad_parameter("to", "is before from"))
    }

    /// The span from the first instant of `from` to the last of `to`; `None` when it ends
    /// before it starts.
    fn from_ends(from: End, to: End) -> Option<Self> {
        let has_time_of_day = matches!(from, End::Instant(_)) || matches!(to, End::Instant(_));
        let start = match from {
            End::Open => DateTime::<Utc>::MIN_UTC,
            End::Day(d) => start_of_day(d),
            End::Instant(t) => t,
        };
        let end = match to {
            End::Open => DateTime::<Utc>::MAX_UTC,
            End::Day(d) => end_of_day(d),
            End::Instant(t) => t,
        };
        let span = TimeSpan::new(start, end, TimePrecision::Exact).ok()?;
        Some(Self {
            span,
            has_time_of_day,
        })
    }
}

/// `category=`: an incident kind (`airstrike`) or a category grouping kinds
/// (`explosive_weapons`).
#[derive(Debug, Clone, Copy)]
pub(crate) enum CategoryFilter {
    Kind(IncidentKind),
    Category(IncidentCategory),
}

impl CategoryFilter {
    pub(crate) fn parse(text: &str) -> Result<Self, ApiError> {
        if let Ok(kind) = text.parse::<IncidentKind>() {
            return Ok(Self::Kind(kind));
        }
        if let Ok(category) = text.parse::<IncidentCategory>() {
            return Ok(Self::Category(category));
        }
        Err(ApiError::bad_parameter(
            "category",
            format!("'{text}' is neither an incident kind (airstrike, shelling, …) nor a category (explosive_weapons, …)"),
        ))
    }

    pub(crate) fn admits(self, kind: IncidentKind) -> bool {
        match self {
            Self::Kind(k) => k == kind,
            Self::Category(c) => kind.category() == c,
        }
    }
}

/// The query string as name–value pairs, decoded as HTML forms are (bytes that are not UTF-8
/// become U+FFFD, which no parameter name or value accepts, so they end in a `400` naming the
/// parameter); a query that cannot be decoded at all is a JSON `400 bad_parameter` too, never
/// the framework's plain-text answer.
pub(crate) struct QueryPairs(pub Vec<(String, String)>);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for QueryPairs {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _state: &S,
    ) -> Result<Self, ApiError> {
        let query = parts.uri.query().unwrap_or("");
        serde_urlencoded::from_str::<Vec<(String, String)>>(query)
            .map(QueryPairs)
            .map_err(|e| ApiError::bad_parameter("query", format!("cannot be decoded: {e}")))
    }
}
