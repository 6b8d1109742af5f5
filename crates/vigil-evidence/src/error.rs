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
