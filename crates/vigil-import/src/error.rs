//! Why an import could not run at all. A file with bad rows is not an error: its
//! [`crate::Report`] says what was wrong with each row.

use vigil_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file cannot be read as a whole: missing, malformed, of a kind that cannot be told,
    /// or without a required column. The message names the file.
    #[error("{0}")]
    Input(String),
    /// The database failed, or refused a write outside any one row.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Reading the file or its head failed after it was opened.
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// A thread of the pipeline stopped unexpectedly.
    #[error("{0}")]
    Internal(String),
}

impl ImportError {
    pub(crate) fn input(message: impl Into<String>) -> Self {
        ImportError::Input(message.into())
    }
}
