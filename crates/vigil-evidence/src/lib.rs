//! Vigil's evidence folder: photos, video and documents kept byte for byte, each named by the
//! SHA-256 of its content, beside the database that describes them.
//!
//! Layout of the folder (see `layout`):
//!
//! ```text
//! vigil.evidence/
//!   .lock                       taken by every add, so adds never race
//!   .partial-<pid>-<nanos>      a file being added (never counted as stored)
//!   ab/cd/abcd…(64 hex digits)  a stored file, read-only
//! ```
//!
//! Modules: `ingest` streams a file in (hashing while writing, durable before it counts),
//! `copy_out` streams an original out (hashing while writing, damage reported), `verify`
//! re-hashes every stored file, `sniff` tells a media type from the first bytes,
//! `layout` says where files go and which names count, `error` the errors.
//!
//! What the folder promises: adding the same content twice stores it once; a stored file is
//! never modified nor deleted (there is no operation that would); a file is counted as stored
//! only once it is complete, synced and renamed to its hash, so a killed add leaves at most a
//! temporary file, which the next add removes. The database row of an item is written by the
//! caller after [`EvidenceDir::add`] returns, so every row has its file.
#![forbid(unsafe_code)]

mod copy_out;
mod error;
mod ingest;
mod layout;
mod sniff;
mod verify;

pub use error::{EvidenceError, EvidenceResult};
pub use ingest::Added;
pub use sniff::UNKNOWN as UNKNOWN_MEDIA_TYPE;
pub use verify::{Damage, Damaged, Verification};

use std::fs::{File, OpenOptions};
use std::io::Read;
use std::path::{Path, PathBuf};
use vigil_domain::Sha256;

/// An evidence folder.
#[derive(Debug, Clone)]
pub struct EvidenceDir {
    root: PathBuf,
}

impl EvidenceDir {
    /// The folder at `root`; created on the first add.
    pub fn at(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// The default folder of a database: `<stem>.evidence` beside the database file
    /// (`/data/vigil.db` keeps its evidence in `/data/vigil.evidence/`).
    pub fn beside_database(db: &Path) -> Self {
        let stem = db
            .file_stem()
            .map_or_else(|| "vigil".into(), |s| s.to_string_lossy().into_owned());
        Self::at(db.with_file_name(format!("{stem}.evidence")))
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Stores the content of the file at `path` (see [`EvidenceDir::add_from`]).
    pub fn add_file(&self, path: &Path, progress: &mut dyn FnMut(u64)) -> EvidenceResult<Added> {
        let mut file = File::open(path).map_err(error::read(path))?;
        self.add_from(&mut file, path, progress)
    }

    /// Stores everything `input` yields (named `name` in messages), streamed, and returns its
    /// SHA-256 once it is durably in place. `progress` is called with the bytes read so far.
    ///
    /// Adds wait for each other (a lock on the folder), and each first removes the temporary
    /// files that an add killed earlier left behind.
    pub fn add_from(
        &self,
        input: &mut dyn Read,
        name: &Path,
        progress: &mut dyn FnMut(u64),
    ) -> EvidenceResult<Added> {
        let _lock = self.lock()?;
        self.remove_stale_temps()?;
        ingest::add(&self.root, input, name, progress)
    }

    /// Whether the item's file is stored.
    pub fn contains(&self, sha256: &Sha256) -> bool {
        self.path_of(sha256).is_file()
    }

    /// Where the item's file is (or would be) stored.
    pub fn path_of(&self, sha256: &Sha256) -> PathBuf {
        layout::place(&self.root, sha256).1
    }

    /// Writes the original of `sha256` to `out`, streamed, and checks on the way that it is
    /// the original: [`EvidenceError::Damaged`] when its content no longer hashes to its name
    /// (whatever was written must then be thrown away), [`EvidenceError::Missing`] when there
    /// is no such file. `progress` is called with the bytes written so far.
    pub fn copy_to(
        &self,
        sha256: &Sha256,
        out: &mut dyn std::io::Write,
        progress: &mut dyn FnMut(u64),
    ) -> EvidenceResult<u64> {
        copy_out::copy(&self.path_of(sha256), sha256, out, progress)
    }

    /// Every stored item, by SHA-256 (an absent folder holds none).
    pub fn stored(&self) -> EvidenceResult<Vec<Sha256>> {
        if !self.root.is_dir() {
            return Ok(Vec::new());
        }
        Ok(verify::stored_files(&self.root)?
            .into_iter()
            .map(|(sha256, _)| sha256)
            .collect())
    }

    /// Re-hashes every stored file and names each one whose content no longer matches its name.
    /// `progress` is called with the bytes read so far.
    pub fn verify(&self, progress: &mut dyn FnMut(u64)) -> EvidenceResult<Verification> {
        if !self.root.is_dir() {
            return Ok(Verification::default());
        }
        verify::verify(&self.root, progress)
    }

    /// Takes the folder's lock, creating the folder first if needed; held until dropped.
    fn lock(&self) -> EvidenceResult<File> {
        if !self.root.is_dir() {
            std::fs::create_dir_all(&self.root).map_err(error::folder(&self.root))?;
            if let Some(parent) = self.root.parent().filter(|p| !p.as_os_str().is_empty()) {
                ingest::sync_dir(parent)?;
            }
        }
        let path = self.root.join(layout::LOCK_FILE);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(error::folder(&path))?;
        fs4::FileExt::lock(&file).map_err(error::folder(&path))?;
        Ok(file)
    }

    /// Removes what earlier, killed adds left half-written. Called with the lock held, so no
    /// temporary file here belongs to an add still running.
    fn remove_stale_temps(&self) -> EvidenceResult<()> {
        for entry in std::fs::read_dir(&self.root).map_err(error::folder(&self.root))? {
            let entry = entry.map_err(error::folder(&self.root))?;
            if entry.file_name().to_str().is_some_and(layout::is_temp) {
                let path = entry.path();
                std::fs::remove_file(&path).map_err(error::write(&path))?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn none(_: u64) {}

    #[test]
    fn the_same_content_is_stored_once_read_only_under_its_hash() {
        let dir = tempfile::tempdir().unwrap();
        let store = EvidenceDir::at(dir.path().join("ev"));
        let content = b"%PDF-1.4\nan attack report";
        let first = store
            .add_from(&mut &content[..], Path::new("a.pdf"), &mut none)
            .unwrap();
        assert_eq!(first.sha256, Sha256::of(content));
        assert_eq!(first.media_type, "application/pdf");
        assert!(first.newly_stored);
        assert_eq!(std::fs::read(&first.path).unwrap(), content);
        assert!(std::fs::metadata(&first.path)
            .unwrap()
            .permissions()
            .readonly());
        let second = store
            .add_from(&mut &content[..], Path::new("b.pdf"), &mut none)
            .unwrap();
        assert!(!second.newly_stored);
        assert_eq!(store.stored().unwrap(), vec![first.sha256]);
    }

    #[test]
    fn large_input_streams_through_in_chunks_and_hashes_like_the_whole() {
        let dir = tempfile::tempdir().unwrap();
        let store = EvidenceDir::beside_database(&dir.path().join("x.db"));
        assert_eq!(store.root(), dir.path().join("x.evidence"));
        let content: Vec<u8> = (0..5 * 1024 * 1024 + 17).map(|i| (i % 251) as u8).collect();
        let mut seen = 0;
        let added = store
            .add_from(&mut &content[..], Path::new("big"), &mut |n| seen = n)
            .unwrap();
        assert_eq!(seen, content.len() as u64);
        assert_eq!(added.size, content.len() as u64);
        assert_eq!(added.sha256, Sha256::of(&content));
        assert_eq!(added.media_type, UNKNOWN_MEDIA_TYPE);
    }

    #[test]
    fn leftover_temporary_files_are_never_stored_items_and_go_on_the_next_add() {
        let dir = tempfile::tempdir().unwrap();
        let store = EvidenceDir::at(dir.path());
        let stale = dir.path().join(format!("{}1-2", layout::TEMP_PREFIX));
        std::fs::write(&stale, b"half a vid").unwrap();
        assert!(store.stored().unwrap().is_empty());
        assert!(store.verify(&mut none).unwrap().checked.is_empty());
        store
            .add_from(&mut &b"whole"[..], Path::new("w"), &mut none)
            .unwrap();
        assert!(!stale.exists());
    }

    #[test]
    fn verify_names_an_altered_file_by_its_hash() {
        let dir = tempfile::tempdir().unwrap();
        let store = EvidenceDir::at(dir.path());
        let good = store
            .add_from(&mut &b"good"[..], Path::new("g"), &mut none)
            .unwrap();
        let bad = store
            .add_from(&mut &b"soon bad"[..], Path::new("b"), &mut none)
            .unwrap();
        let mut permissions = std::fs::metadata(&bad.path).unwrap().permissions();
        #[allow(clippy::permissions_set_readonly_false)]
        permissions.set_readonly(false);
        std::fs::set_permissions(&bad.path, permissions).unwrap();
        std::fs::write(&bad.path, b"soon bat").unwrap();
        let report = store.verify(&mut none).unwrap();
        assert_eq!(report.checked.len(), 2);
        assert_eq!(
            report.damaged,
            vec![Damaged {
                sha256: bad.sha256,
                damage: Damage::Altered {
                    found: Sha256::of(b"soon bat")
                }
            }]
        );
        assert!(store.contains(&good.sha256));
    }
}
