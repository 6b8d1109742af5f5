//! The shapes every endpoint shares, and the small ones: the error body, the list envelope,
//! `whoami`, `health` and the audit log's entries.

use super::context::{AreaSummary, Ceasefire, NoNextPage};
use super::notices::NotificationView;
use super::records::{Finding, IncidentView, MovementView, SiteView, Source};
use super::vocab::{PartyKind, Role};
use chrono::{DateTime, Utc};
use utoipa::ToSchema;

/// One broken rule of an `invalid` record.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct FieldProblem {
    field: String,
    problem: String,
}

/// An error's code: stable, for programs (the message is for people). `bad_parameter`: a query
/// parameter, path id or precondition header the endpoint cannot use (the message starts with
/// its name); `invalid` comes with `fields`; `method_not_allowed` for a method a path does not
/// take (with `Allow`); `bad_request` and `http_error` for the rare requests refused before
/// any endpoint reads them.
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum ErrorCode {
    BadParameter,
    BadBody,
    UnsupportedMediaType,
    Invalid,
    Conflict,
    EditConflict,
    PreconditionRequired,
    TooLarge,
    Forbidden,
    Unauthorized,
    NotFound,
    MethodNotAllowed,
    Internal,
    BadRequest,
    HttpError,
}

/// The error itself.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ErrorDetail {
    code: ErrorCode,
    /// For people.
    message: String,
    /// For `invalid` only: every broken rule, by field.
    #[schema(required = false, min_items = 1)]
    fields: Vec<FieldProblem>,
}

/// Every error, whatever the status: `{"error": {"code", "message", "fields"?}}`.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ErrorBody {
    error: ErrorDetail,
}

/// Where the next page is: pass `after` back, or follow `href`.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NextPage {
    /// The cursor: the id (for the audit log, the `seq`) of the last item of this page.
    after: String,
    /// This list's path and query with `after` set.
    href: String,
}

/// Declares the list envelope of one kind of item.
macro_rules! list_of {
    ($($list:ident of $item:ty, $what:literal;)+) => {$(
        #[doc = concat!("A page of ", $what, ": at most `limit` items; `next` is `null` on the last page.")]
        #[derive(ToSchema)]
        #[serde(deny_unknown_fields)]
        pub(crate) struct $list {
            items: Vec<$item>,
            #[schema(required = true)]
            next: Option<NextPage>,
        }
    )+};
}

list_of! {
    SiteList of SiteView, "sites, in id order";
    IncidentList of IncidentView, "incidents, in id order (the published view: in the order of the incidents' own ids)";
    MovementList of MovementView, "movements, in id order";
    FindingList of Finding, "findings, in the cross-check's stored order";
    NotificationList of NotificationView, "notifications, in id order";
    AuditList of AuditEntry, "audit log entries, oldest first";
    AreaList of AreaSummary, "areas, in id order";
    CeasefireList of Ceasefire, "ceasefires, in id order";
    SourceList of Source, "sources, in id order";
    PartyList of Party, "parties, in id order";
}

/// A party of the conflict, as the register names it (staff roles).
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Party {
    id: String,
    name: String,
    kind: PartyKind,
}

/// The answer to `POST /api/incidents/{id}/duplicates`: the incident's duplicate candidates,
/// highest score first, each a `duplicate_candidate` finding as the cross-check would store it
/// (the draft is `incident` or the subject, whichever has the greater id).
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct DuplicateCandidates {
    items: Vec<Finding>,
    next: NoNextPage,
}

/// The answer to `GET /api/whoami`.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Whoami {
    role: Role,
    /// A liaison's party.
    #[schema(required = true)]
    party: Option<String>,
    /// The account the token acts for, if any.
    #[schema(required = true)]
    account: Option<String>,
}

/// The body of `POST /api/sessions`.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct SignIn {
    /// The account's name (`vigil user add NAME`).
    user: String,
    /// Its password; never stored, logged or echoed.
    password: String,
}

/// A new session: its token, shown once, and who it acts as.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Session {
    /// The bearer token (`vigil_…`): send it as `Authorization: Bearer <token>`.
    token: String,
    /// The token's public id, as `vigil token list` shows it.
    id: String,
    role: Role,
    /// A liaison's party.
    #[schema(required = true)]
    party: Option<String>,
    account: String,
    /// When the token stops working.
    expires_at: DateTime<Utc>,
}

/// The answer to `GET /api/health`.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Health {
    #[schema(pattern = "^ok$")]
    status: String,
    /// Changes whenever the database's records change.
    data_version: u64,
}

/// Who made a write.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct AuditActor {
    /// An account's name, `token:ID` for a token without an account, `local:USER` for the
    /// command line.
    name: String,
    /// `null` for the command line.
    #[schema(required = true)]
    role: Option<Role>,
}

/// What a write did to the record: added it, or changed it.
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum AuditAction {
    Insert,
    Update,
}

/// One entry of the audit log: one record changed by one write.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct AuditEntry {
    /// Position in the log, from 1.
    seq: u64,
    at: DateTime<Utc>,
    actor: AuditActor,
    action: AuditAction,
    /// `site`, `incident`, `notification`, …
    record_kind: String,
    record_id: String,
    /// The record as stored before the write; `null` for an insert.
    #[schema(value_type = Value, required = true)]
    before: (),
    /// The record as stored after it.
    #[schema(value_type = Value)]
    after: (),
}

/// The refusals every endpoint that takes a JSON body shares.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)] // only described, never built: the server answers with `ApiError`
pub(crate) enum JsonBodyRefusals {
    /// `too_large`: the body is over the configured limit.
    #[response(status = 413)]
    TooLarge(ErrorBody),
    /// `unsupported_media_type`: the body is not `application/json`.
    #[response(status = 415)]
    UnsupportedMediaType(ErrorBody),
}

/// The refusals every write of a stored record shares: its preconditions (`etag.rs`).
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)] // only described, never built: the server answers with `ApiError`
pub(crate) enum EditRefusals {
    #[response(
        status = 412,
        description = "`edit_conflict`: `If-Match` no longer matches (the current ETag is in \
            the `ETag` header), or `If-None-Match: *` and the record exists."
    )]
    EditConflict(ErrorBody),
    /// `precondition_required`: the record exists and `If-Match` was not sent.
    #[response(status = 428)]
    PreconditionRequired(ErrorBody),
}

/// The `400` every write of a record to its own path shares.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)] // only described, never built: the server answers with `ApiError`
pub(crate) enum WriteBodyRefusal {
    #[response(
        status = 400,
        description = "`bad_body`: not a JSON object, an unknown field, a value of the wrong \
            shape, or an id other than the path's; `bad_parameter`: an id or precondition \
            header that cannot be used."
    )]
    BadBody(ErrorBody),
}
