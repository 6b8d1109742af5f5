//! The file to import: a path, read streamed from disk (the command line: a million-row file
//! is never held in memory), or bytes already in memory under a name (an upload). Everything
//! the pipeline needs of a file goes through here, so both read the same way.

use crate::error::ImportError;
use sha2::{Digest, Sha256 as Hasher};
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use vigil_domain::Sha256;
use vigil_formats::{ForeignRows, Layout, Options as ReadOptions};
use vigil_io::{Format, IncidentRow, ReadError, RowError, RowSource, SiteRow};

/// A file to import.
#[derive(Debug, Clone)]
pub struct ImportFile {
    /// The name messages give the file: the path as given, or the upload's name.
    name: String,
    content: Content,
}

#[derive(Debug, Clone)]
enum Content {
    Path(PathBuf),
    /// Shared, so the reading thread and the hash read the same bytes without a copy.
    Bytes(Arc<[u8]>),
}

/// Rows of one kind, as the readers stream them.
pub(crate) type Rows<T> = Box<dyn RowSource<Item = Result<T, RowError>>>;

impl ImportFile {
    /// The file at `path`; messages name it as given.
    pub fn path(path: impl Into<PathBuf>) -> Self {
        let path = path.into();
        Self {
            name: path.display().to_string(),
            content: Content::Path(path),
        }
    }

    /// A file held in memory; `name` stands for it in messages and in the per-file source
    /// (`file:{name}`) of rows that name no source, so it should be the file's own name.
    pub fn bytes(name: impl Into<String>, bytes: impl Into<Arc<[u8]>>) -> Self {
        Self {
            name: name.into(),
            content: Content::Bytes(bytes.into()),
        }
    }

    /// The name as given (a path for a file on disk).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// What messages and the import log call the file: its last path component.
    pub fn file_name(&self) -> String {
        Path::new(&self.name)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.name.clone())
    }

    fn as_path(&self) -> &Path {
        match &self.content {
            Content::Path(path) => path,
            Content::Bytes(_) => Path::new(&self.name),
        }
    }

    /// At most the first `limit` bytes.
    pub(crate) fn head(&self, limit: usize) -> Result<Vec<u8>, ImportError> {
        match &self.content {
            Content::Path(path) => {
                let mut head = Vec::with_capacity(limit);
                std::fs::File::open(path)
                    .map_err(|e| {
                        ImportError::input(format!("cannot open {}: {e}", path.display()))
                    })?
                    .take(limit as u64)
                    .read_to_end(&mut head)?;
                Ok(head)
            }
            Content::Bytes(bytes) => Ok(bytes[..bytes.len().min(limit)].to_vec()),
        }
    }

    /// The whole file, for readers that need all of it at once (boundaries).
    pub(crate) fn read_all(&self) -> Result<Arc<[u8]>, ImportError> {
        match &self.content {
            Content::Path(path) => std::fs::read(path)
                .map(Arc::from)
                .map_err(|e| ImportError::input(format!("cannot open {}: {e}", path.display()))),
            Content::Bytes(bytes) => Ok(Arc::clone(bytes)),
        }
    }

    /// Whether the file is an XLSX workbook (a ZIP archive).
    pub(crate) fn is_workbook(&self) -> Result<bool, ReadError> {
        match &self.content {
            Content::Path(path) => vigil_formats::is_workbook(path),
            Content::Bytes(bytes) => Ok(bytes.starts_with(b"PK\x03\x04")),
        }
    }

    /// Canonical CSV or GeoJSON, by the name's extension or the first bytes.
    pub(crate) fn canonical_format(&self) -> Result<Format, ReadError> {
        match &self.content {
            Content::Path(path) => Format::of_file(path),
            Content::Bytes(bytes) => Ok(Format::detect(
                self.as_path(),
                &bytes[..bytes.len().min(1024)],
            )),
        }
    }

    /// The publisher's layout the file is in, if any (see [`vigil_formats::sniff`]).
    pub(crate) fn sniff(&self) -> Result<Option<Layout>, ReadError> {
        match &self.content {
            Content::Path(path) => vigil_formats::sniff(path),
            Content::Bytes(bytes) => vigil_formats::sniff_bytes(&self.name, Arc::clone(bytes)),
        }
    }

    /// Opens a publisher's file and reads its header and hashtag rows.
    pub(crate) fn foreign_rows(&self, options: &ReadOptions) -> Result<ForeignRows, ReadError> {
        match &self.content {
            Content::Path(path) => ForeignRows::open(path, options),
            Content::Bytes(bytes) => {
                ForeignRows::from_bytes(&self.name, Arc::clone(bytes), options)
            }
        }
    }

    /// Streams a canonical sites file.
    pub(crate) fn sites(&self, format: Format) -> Result<Rows<SiteRow>, ReadError> {
        match &self.content {
            Content::Path(path) => vigil_io::read_sites(path, format),
            Content::Bytes(bytes) => {
                vigil_io::read_sites_from(&self.name, Cursor::new(Arc::clone(bytes)), format)
            }
        }
    }

    /// Streams a canonical incidents file.
    pub(crate) fn incidents(&self, format: Format) -> Result<Rows<IncidentRow>, ReadError> {
        match &self.content {
            Content::Path(path) => vigil_io::read_incidents(path, format),
            Content::Bytes(bytes) => {
                vigil_io::read_incidents_from(&self.name, Cursor::new(Arc::clone(bytes)), format)
            }
        }
    }

    /// The SHA-256 of the file, for the import log.
    pub(crate) fn sha256(&self) -> std::io::Result<Sha256> {
        match &self.content {
            Content::Path(path) => {
                let mut file = std::fs::File::open(path)?;
                let mut hasher = Hasher::new();
                let mut buffer = vec![0u8; 1 << 20];
                loop {
                    let n = file.read(&mut buffer)?;
                    if n == 0 {
                        break;
                    }
                    hasher.update(&buffer[..n]);
                }
                Ok(Sha256::from_bytes(hasher.finalize().into()))
            }
            Content::Bytes(bytes) => Ok(Sha256::of(bytes)),
        }
    }
}
