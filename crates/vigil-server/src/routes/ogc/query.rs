//! The query parameters of the OGC endpoints, parsed with the JSON API's own
//! (`routes::params`): unknown or repeated parameters are a 400 there as here.

use super::catalogue::Collection;
use crate::error::ApiError;
use crate::routes::params::{self, BoundingBox, Period, MAX_LIMIT};
use std::collections::BTreeMap;

/// `f`: only JSON is served, so `f=json` is the only format a client may ask for (and
/// `f=geojson` for features, which are JSON too).
fn check_format(params: &BTreeMap<String, String>, also: &[&str]) -> Result<(), ApiError> {
    match params.get("f") {
        None => Ok(()),
        Some(f) if f == "json" || also.contains(&f.as_str()) => Ok(()),
        Some(f) => Err(ApiError::bad_parameter(
            "f",
            format!("'{f}' is not served: only JSON (f=json)"),
        )),
    }
}

/// The landing page, conformance and collections take `f` only.
pub(crate) fn json_only(pairs: Vec<(String, String)>) -> Result<(), ApiError> {
    check_format(&params::collect(pairs, &["f"])?, &[])
}

/// One feature takes `f` only, JSON or GeoJSON.
pub(crate) fn feature_only(pairs: Vec<(String, String)>) -> Result<(), ApiError> {
    check_format(&params::collect(pairs, &["f"])?, &["geojson"])
}

const ITEMS: &[&str] = &["limit", "after", "bbox", "datetime", "f"];

/// `…/items`: a page of features.
pub(crate) struct ItemsQuery {
    /// Every parameter given, for the `next` link.
    pub(crate) params: BTreeMap<String, String>,
    pub(crate) limit: usize,
    pub(crate) after: Option<String>,
    pub(crate) bbox: Option<BoundingBox>,
    pub(crate) period: Option<Period>,
}

impl ItemsQuery {
    pub(crate) fn parse(
        pairs: Vec<(String, String)>,
        collection: Collection,
    ) -> Result<Self, ApiError> {
        let params = params::collect(pairs, ITEMS)?;
        check_format(&params, &["geojson"])?;
        let period = params
            .get("datetime")
            .map(|t| Period::parse(t))
            .transpose()?;
        if period.is_some() && !collection.has_time() {
            return Err(ApiError::bad_parameter(
                "datetime",
                format!("{} have no time of their own to select by", collection.id()),
            ));
        }
        Ok(Self {
            limit: limit(&params)?,
            after: params.get("after").cloned(),
            bbox: params
                .get("bbox")
                .map(|t| BoundingBox::parse(t))
                .transpose()?,
            period,
            params,
        })
    }
}

/// `limit`: 1 or more; above [`MAX_LIMIT`] the page holds [`MAX_LIMIT`] features, as OGC
/// allows ("the server may return fewer"): a map client rarely reads the maximum from the API
/// definition, and should get features rather than an error.
fn limit(params: &BTreeMap<String, String>) -> Result<usize, ApiError> {
    match params.get("limit") {
        None => Ok(params::DEFAULT_LIMIT),
        Some(text) => match text.parse::<u64>() {
            Ok(n) if n >= 1 => Ok(usize::try_from(n).unwrap_or(MAX_LIMIT).min(MAX_LIMIT)),
            _ => Err(ApiError::bad_parameter(
                "limit",
                format!("'{text}' is not a whole number from 1 (at most {MAX_LIMIT} are returned)"),
            )),
        },
    }
}
