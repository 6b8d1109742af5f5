//! What every write endpoint does the same way: who may write, the preconditions against the
//! stored record, one transaction under the request's actor, and the answer (`201 Created` or
//! `200 OK`, the new `ETag`, the record as the writer's view shows it).

use crate::error::ApiError;
use crate::etag::{self, Preconditions};
use crate::state::AppState;
use axum::http::header::{ETAG, LOCATION};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::Serialize;
use serde_json::Value;
use vigil_areas::AreaIndex;
use vigil_domain::{Actor, AreaId, Location, Principal, Writable};
use vigil_store::{Store, StoreResult, Transaction, WriteOutcome};

/// The actor of a request allowed to write `kind`; anyone else is refused (`403`).
pub(crate) fn writer(
    principal: &Principal,
    actor: Option<Extension<Actor>>,
    kind: Writable,
) -> Result<Actor, ApiError> {
    match actor {
        Some(Extension(actor)) if principal.role().may_write(kind) => Ok(actor),
        _ => Err(ApiError::forbidden(format!(
            "the {} role may not write {kind:?} records",
            principal.role()
        ))),
    }
}

/// How one record is written: read as stored, written, shown.
pub(crate) struct Put<R, L, W, V> {
    /// The path the record is read back at (the `Location` of a created record).
    pub path: String,
    pub load: L,
    pub write: W,
    pub view: V,
    pub record: std::marker::PhantomData<R>,
}

impl<R, L, W, V> Put<R, L, W, V>
where
    R: Serialize + Send + 'static,
    L: Fn(&dyn Store) -> StoreResult<Option<R>> + Send + 'static,
    W: Fn(&mut dyn Transaction) -> StoreResult<WriteOutcome> + Send + 'static,
    V: Fn(&dyn Store, &R) -> Result<Value, ApiError> + Send + 'static,
{
    pub fn new(path: String, load: L, write: W, view: V) -> Self {
        Self {
            path,
            load,
            write,
            view,
            record: std::marker::PhantomData,
        }
    }

    /// Checks `preconditions` against the stored record and writes, all under the writer
    /// lock, so no other write of this server comes between the check and the write.
    pub async fn run(
        self,
        state: &AppState,
        actor: Actor,
        preconditions: Preconditions,
    ) -> Result<Response, ApiError> {
        let Put {
            path,
            load,
            write,
            view,
            ..
        } = self;
        let location = path.clone();
        let (created, etag, shown) = state
            .write(move |store| {
                let current = load(store)?;
                preconditions.check(current.as_ref().map(etag::of).as_deref())?;
                let mut tx = store.transaction_as(&actor)?;
                write(tx.as_mut())?;
                tx.commit()?;
                let stored = load(store)?.ok_or_else(|| {
                    ApiError::internal(format!("{path} was written but cannot be read back"))
                })?;
                Ok((current.is_none(), etag::of(&stored), view(store, &stored)?))
            })
            .await?;
        Ok(written(created, &location, &etag, shown))
    }
}

/// The area a record written without one is placed in: the finest stored area containing its
/// location, as far as its precision allows, as `vigil import` places the records it reads.
/// Read before the write's transaction: boundaries change rarely, and a record placed by
/// boundaries replaced a moment later is placed again the next time boundaries are imported.
pub(crate) async fn placed_area(
    state: &AppState,
    location: Location,
) -> Result<Option<AreaId>, ApiError> {
    state
        .read(move |store| Ok(AreaIndex::new(store.areas()?).area_for(&location)))
        .await
}

/// The answer to a write: `201` with `Location` for a new record, `200` otherwise; the
/// record's new ETag either way.
pub(crate) fn written(created: bool, path: &str, etag: &str, view: Value) -> Response {
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    let mut response = (status, Json(view)).into_response();
    if let Ok(value) = HeaderValue::from_str(etag) {
        response.headers_mut().insert(ETAG, value);
    }
    if created {
        if let Ok(value) = HeaderValue::from_str(path) {
            response.headers_mut().insert(LOCATION, value);
        }
    }
    response
}

/// The ETag a `GET` of a record gives: only to a role that may write records of `kind` (those
/// roles see the record whole), and only when the caller was shown the record at all. `load`
/// reads the stored record; it is not called for anyone else.
pub(crate) fn etag_for_writer<T: Serialize>(
    principal: &Principal,
    kind: Writable,
    shown: bool,
    load: impl FnOnce() -> Result<Option<T>, ApiError>,
) -> Result<Option<String>, ApiError> {
    if !(shown && principal.role().may_write(kind)) {
        return Ok(None);
    }
    Ok(load()?.map(|record| etag::of(&record)))
}

/// A JSON answer with the record's ETag, for `GET` of a record the caller sees in full.
pub(crate) fn with_etag(view: Value, etag: Option<String>) -> Response {
    let mut response = Json(view).into_response();
    if let Some(value) = etag.and_then(|e| HeaderValue::from_str(&e).ok()) {
        response.headers_mut().insert(ETAG, value);
    }
    response
}
