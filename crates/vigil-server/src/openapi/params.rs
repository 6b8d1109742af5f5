//! The query parameters of each endpoint, with their meaning, defaults and limits as the
//! handlers apply them (`routes::params` and each handler's module). Every endpoint refuses a
//! parameter it does not know, or one given twice, with `400 bad_parameter`.

use utoipa::IntoParams;

/// `limit` and `after`, as every list takes them.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct Paging {
    /// How many items at most (1 to 1000).
    #[param(minimum = 1, maximum = 1000, default = 100)]
    limit: Option<u32>,
    /// The cursor of the page to read: the `after` of the previous page's `next`.
    after: Option<String>,
}

/// The filters of `GET /api/incidents`. The published view (liaisons, the public) allows none
/// finer than it shows: no `bbox`, a country or governorate only as `area`, whole days only
/// in `datetime` (else `400 bad_parameter`).
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct IncidentFilters {
    /// `minlon,minlat,maxlon,maxlat` (WGS84 degrees): incidents whose point is inside. Staff
    /// roles only.
    #[param(example = "37.0,36.1,37.3,36.3")]
    bbox: Option<String>,
    /// `FROM/TO` (dates or RFC 3339 times, `..` or empty for an open end) or a single date
    /// or time: incidents whose span overlaps it.
    #[param(example = "2016-09-19/2016-09-30")]
    datetime: Option<String>,
    /// An incident kind (`airstrike`) or a category (`explosive_weapons`).
    category: Option<String>,
    /// An occurrence certainty.
    certainty: Option<super::vocab::Certainty>,
    /// An area id (a P-code): incidents in that area or an area inside it.
    area: Option<String>,
}

/// The filters of `GET /api/findings`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct FindingFilters {
    /// A finding kind.
    kind: Option<super::vocab::FindingKind>,
    /// An incident id: its findings, and those naming it as the other incident of a repeat
    /// attack or a duplicate.
    incident: Option<String>,
    /// A site id: findings about that site, repeat attacks on it included.
    site: Option<String>,
    /// A movement id: findings about that movement.
    movement: Option<String>,
}

/// The filter of `GET /api/notifications`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct NotificationFilters {
    /// `site:ID` or `movement:ID`: that record's notifications.
    #[param(pattern = "^(site|movement):.+$")]
    subject: Option<String>,
}

/// The parameters of `GET /api/audit`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct AuditParams {
    /// `KIND` or `KIND/ID` (e.g. `incident/inc-42`): that kind's, or that record's, history.
    record: Option<String>,
    /// The `seq` of the last entry already read.
    after: Option<u64>,
    /// How many entries at most (1 to 1000).
    #[param(minimum = 1, maximum = 1000, default = 100)]
    limit: Option<u32>,
}

/// The parameters of `GET /api/sitrep`. The published report (liaisons, the public) is for a
/// country or governorate and whole days only (else `400 bad_parameter`).
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct SitrepParams {
    /// An area id (a P-code), with every area inside it; left out: the whole database.
    #[param(example = "SY02")]
    area: Option<String>,
    /// The period's first day (a date, the whole day) or an RFC 3339 time.
    #[param(example = "2016-09-19")]
    from: String,
    /// The period's last day (a date, the whole day) or an RFC 3339 time.
    #[param(example = "2016-10-03")]
    to: String,
}

/// `f`, as the OGC documents take it: only JSON is served.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct OgcFormat {
    /// `json` (features: also `geojson`); any other value is a `400 bad_parameter`.
    #[param(pattern = "^(json|geojson)$")]
    f: Option<String>,
}

/// The parameters of `GET /ogc/collections/{collection}/items`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct OgcItems {
    /// How many features at most: 1 or more; above 1000, 1000 are returned.
    #[param(minimum = 1, default = 100)]
    limit: Option<u64>,
    /// The cursor of the page to read, as the `next` link carries it.
    after: Option<String>,
    /// `minlon,minlat,maxlon,maxlat` (WGS84 degrees): features whose geometry touches it (a
    /// feature without geometry never does).
    bbox: Option<String>,
    /// `FROM/TO` (dates or RFC 3339 times, `..` for an open end) or one date or time:
    /// features whose time overlaps it. Not for `sites`, which have no time.
    datetime: Option<String>,
    /// `json` or `geojson`.
    #[param(pattern = "^(json|geojson)$")]
    f: Option<String>,
}

/// The preconditions of a record write (`crate::etag`).
#[derive(IntoParams)]
#[into_params(parameter_in = Header)]
pub(crate) struct Preconditions {
    /// The ETag read (of a notification: its latest version's), or `*`: required to change a
    /// stored record (else `428`); one that no longer matches is a `412`.
    #[param(rename = "If-Match")]
    if_match: Option<String>,
    /// `*`: create only, never replace (`412` if the record exists).
    #[param(rename = "If-None-Match", pattern = "^\\*$")]
    if_none_match: Option<String>,
}

/// The filters of `GET /api/areas`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct AreaFilters {
    /// Areas of this level only. Liaisons and the public are shown countries and
    /// governorates only: any other level is a `400 bad_parameter` for them.
    level: Option<super::vocab::AreaLevel>,
    /// An area id: the areas directly below it. An unknown area, or one the caller may not
    /// see, is a `400 bad_parameter`.
    parent: Option<String>,
}

/// The parameters of `GET /api/exports/{kind}`: `area`, `from` and `to` select records as
/// `vigil export` does. Liaisons and the public may select by a country or governorate only,
/// and published sites not by period at all (else `400 bad_parameter`).
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct ExportParams {
    /// The file's format; `csv` when left out.
    #[param(default = "csv")]
    format: Option<super::files::ExportFormat>,
    /// An area id (a P-code): records in that area or an area inside it.
    #[param(example = "SY02")]
    area: Option<String>,
    /// The period's first day (UTC; either end may be left open): incidents whose span
    /// overlaps the period; sites whose row's notification was in force on some day of it.
    #[param(example = "2016-09-19")]
    from: Option<chrono::NaiveDate>,
    /// The period's last day, not before `from`.
    #[param(example = "2016-10-03")]
    to: Option<chrono::NaiveDate>,
}

/// The parameters of `POST /api/imports`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct ImportParams {
    /// What the file holds; recognised from its content when left out.
    kind: Option<super::files::ImportKind>,
    /// The file's layout; recognised from its content when left out.
    format: Option<super::files::ImportFormat>,
    /// `true`: import the good rows and list the bad ones; `false`: a bad row rejects the
    /// whole file.
    #[param(default = false)]
    skip_bad_rows: Option<bool>,
    /// `true`: report what the import would do, and write nothing.
    #[param(default = false)]
    dry_run: Option<bool>,
    /// The file's name (1 to 180 bytes, no slashes or control characters): messages give it,
    /// and incident rows without a source are credited to `file:{name}`, so the same file
    /// uploaded again under the same name changes nothing.
    #[param(default = "upload", min_length = 1, example = "incidents.csv")]
    name: Option<String>,
}
