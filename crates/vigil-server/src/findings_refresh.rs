//! Stored findings kept up to date after writes, as `vigil import` keeps them after an import,
//! and the transparency log checkpointed.
//!
//! After a request that may have written (any method but GET, HEAD and OPTIONS) succeeds, one
//! refresh is scheduled on a blocking thread: it takes the store, and unless the findings are
//! already current (or their refresh is turned off, `refresh_findings`), reads the records,
//! runs the cross-check and rewrites the incidents whose findings changed; then it signs a
//! checkpoint of the transparency log if the log grew, so that a dossier's proofs cover the
//! latest writes (signing reads only the entries since the last checkpoint). Requests never wait for it. Writes that land while a refresh is waiting
//! for the store are covered by that refresh (it reads after them); a write that lands while
//! one runs schedules the next, so the last write is always followed by a refresh.
//!
//! A failed refresh is logged and leaves the findings as they were: stale, which
//! `vigil check --stored` and the findings' data version reveal, never wrong about what they
//! were computed from.

use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Whether a refresh is scheduled and has not yet taken the store.
#[derive(Clone)]
pub(crate) struct Refresher {
    waiting: Arc<AtomicBool>,
    /// Whether findings are refreshed (checkpoints always are).
    findings: bool,
}

impl Refresher {
    pub(crate) fn new(findings: bool) -> Self {
        Self {
            waiting: Arc::default(),
            findings,
        }
    }

    /// Schedules a refresh unless one is already waiting for the store (it will see this
    /// write, since it reads only once it holds the store).
    fn schedule(&self, state: &AppState) {
        if self.waiting.swap(true, Ordering::SeqCst) {
            return;
        }
        let waiting = Arc::clone(&self.waiting);
        let refresh_findings = self.findings;
        let state = state.clone();
        tokio::spawn(async move {
            let outcome = state
                .write(move |store| {
                    // From here on a new write schedules a new refresh.
                    waiting.store(false, Ordering::SeqCst);
                    let summary = if refresh_findings {
                        refresh(store)?
                    } else {
                        None
                    };
                    if let Err(error) = vigil_transparency::checkpoint(store) {
                        tracing::error!(%error, "the transparency log could not be checkpointed");
                    }
                    Ok(summary)
                })
                .await;
            match outcome {
                Ok(Some(summary)) => tracing::info!(
                    findings = summary.findings,
                    incidents_written = summary.incidents_written,
                    incidents_cleared = summary.incidents_cleared,
                    "stored findings brought up to date"
                ),
                Ok(None) => {}
                Err(error) => tracing::error!(
                    code = error.code,
                    "the stored findings could not be brought up to date; they stay as they were"
                ),
            }
        });
    }
}

/// Brings the stored findings up to date unless they are; `None` when they were.
fn refresh(
    store: &mut dyn vigil_store::Store,
) -> Result<Option<vigil_findings::Summary>, crate::error::ApiError> {
    let options = vigil_check::Options::default();
    if vigil_findings::is_current(store, &options)? {
        return Ok(None);
    }
    let records = vigil_findings::Records::load(store)?;
    let summary = vigil_findings::run(store, &records, &options, true, |_| {
        Ok::<(), vigil_store::StoreError>(())
    })?;
    Ok(Some(summary))
}

/// Schedules a refresh after every successful request that may have written.
pub(crate) async fn after_writes(
    State((state, refresher)): State<(AppState, Refresher)>,
    request: Request,
    next: Next,
) -> Response {
    let may_write = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    let response = next.run(request).await;
    if may_write && response.status().is_success() {
        refresher.schedule(&state);
    }
    response
}
