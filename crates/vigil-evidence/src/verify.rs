//! Re-hashing every stored file: a file whose content no longer hashes to its name is damaged.

use crate::error::{self, EvidenceResult};
use crate::layout;
use sha2::{Digest, Sha256 as Hasher};
use std::io::Read;
use std::path::{Path, PathBuf};
use vigil_domain::Sha256;

/// What is wrong with one stored item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Damage {
    /// Its content now hashes to something else.
    Altered { found: Sha256 },
    /// It could not be read to the end.
    Unreadable { reason: String },
}

/// One damaged item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damaged {
    pub sha256: Sha256,
    pub damage: Damage,
}

/// What a verification found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Verification {
    /// Every stored item that was checked, by SHA-256.
    pub checked: Vec<Sha256>,
    /// The damaged ones, by SHA-256.
    pub damaged: Vec<Damaged>,
}

/// Every stored file under `root`, by its item's SHA-256.
pub(crate) fn stored_files(root: &Path) -> EvidenceResult<Vec<(Sha256, PathBuf)>> {
    let mut found = Vec::new();
    for level1 in subdirs(root)? {
        for level2 in subdirs(&level1)? {
            for entry in std::fs::read_dir(&level2).map_err(error::folder(&level2))? {
                let path = entry.map_err(error::folder(&level2))?.path();
                if let Some(sha256) = layout::stored_item(root, &path) {
                    found.push((sha256, path));
                }
            }
        }
    }
    found.sort();
    Ok(found)
}

fn subdirs(dir: &Path) -> EvidenceResult<Vec<PathBuf>> {
    let mut dirs = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(error::folder(dir))? {
        let entry = entry.map_err(error::folder(dir))?;
        if entry.file_type().map_err(error::folder(dir))?.is_dir() {
            dirs.push(entry.path());
        }
    }
    Ok(dirs)
}

/// Re-hashes every stored file, calling `progress` with the bytes read so far.
pub(crate) fn verify(root: &Path, progress: &mut dyn FnMut(u64)) -> EvidenceResult<Verification> {
    let mut report = Verification::default();
    let mut done = 0u64;
    let mut buf = vec![0u8; 1024 * 1024];
    for (sha256, path) in stored_files(root)? {
        report.checked.push(sha256);
        match hash_file(&path, &mut buf, &mut |n| {
            done += n;
            progress(done)
        }) {
            Ok(found) if found == sha256 => {}
            Ok(found) => report.damaged.push(Damaged {
                sha256,
                damage: Damage::Altered { found },
            }),
            Err(e) => report.damaged.push(Damaged {
                sha256,
                damage: Damage::Unreadable {
                    reason: e.to_string(),
                },
            }),
        }
    }
    Ok(report)
}

fn hash_file(path: &Path, buf: &mut [u8], read: &mut dyn FnMut(u64)) -> std::io::Result<Sha256> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Hasher::new();
    loop {
        let n = match file.read(buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        hasher.update(&buf[..n]);
        read(n as u64);
    }
    Ok(Sha256::from_bytes(hasher.finalize().into()))
}
