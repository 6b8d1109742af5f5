//! What can go wrong with the evidence folder, each message naming the path involved.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum EvidenceError {
    #[error("evidence folder {path}: {source}")]
    Folder {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The item has no file in the folder.
    #[error("evidence item {0} has no file in the evidence folder")]
    Missing(vigil_domain::Sha256),
    /// The stored file's content no longer hashes to its name: it was altered on disk.
    #[error("evidence item {sha256} is damaged: its content now hashes to {found}")]
    Damaged {
        sha256: vigil_domain::Sha256,
        found: vigil_domain::Sha256,
    },
}

pub type EvidenceResult<T> = Result<T, EvidenceError>;

pub(crate) fn folder(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> EvidenceError {
    let path = path.into();
    move |source| EvidenceError::Folder { path, source }
}

pub(crate) fn read(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> EvidenceError {
    let path = path.into();
    move |source| EvidenceError::Read { path, source }
}

pub(crate) fn write(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> EvidenceError {
    let path = path.into();
    move |source| EvidenceError::Write { path, source }
}
