//! Adding a file: streamed, hashed while written, durable before it counts.
//!
//! The reading thread reads the input in chunks and hashes each; a writing thread writes the
//! same chunks to a temporary file beside the final place. The two overlap, so adding costs
//! about what hashing alone costs, while at most [`IN_FLIGHT`] chunks are ever in memory,
//! whatever the size of the file.
//!
//! Order of durability: the temporary file is written and fsynced, made read-only, renamed to
//! its hash, and the directory fsynced. Only then does the caller write the database row. A
//! kill at any point leaves either a temporary file (never taken for an item, removed by the
//! next add) or a complete file under its hash.

use crate::error::{self, EvidenceResult};
use crate::layout::{self, TEMP_PREFIX};
use crate::sniff;
use sha2::{Digest, Sha256 as Hasher};
use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use vigil_domain::Sha256;

/// Size of one chunk: large enough that per-chunk costs vanish, small enough to stay in cache.
const CHUNK: usize = 1024 * 1024;
/// Chunks between the reader and the writer (and so the most ever held in memory).
const IN_FLIGHT: usize = 8;
/// The writer asks the disk to catch up every this many bytes, so the final fsync waits for
/// the last few chunks only instead of the whole file at once, and the page cache is not
/// filled with gigabytes of dirty video.
const SYNC_EVERY: u64 = 64 * 1024 * 1024;

/// What adding a file did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Added {
    pub sha256: Sha256,
    pub size: u64,
    /// Sniffed from the first bytes.
    pub media_type: &'static str,
    /// `false` when the same content was already stored (this copy was dropped).
    pub newly_stored: bool,
    pub path: PathBuf,
}

/// Streams `input` into the folder at `root` (which the caller has locked), calling `progress`
/// with the bytes read so far.
pub(crate) fn add(
    root: &Path,
    input: &mut dyn Read,
    input_name: &Path,
    progress: &mut dyn FnMut(u64),
) -> EvidenceResult<Added> {
    let temp_path = root.join(format!(
        "{TEMP_PREFIX}{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos())
    ));
    let temp = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp_path)
        .map_err(error::write(&temp_path))?;
    let streamed = stream(temp, input, input_name, &temp_path, progress);
    let (sha256, size, media_type) = match streamed {
        Ok(done) => done,
        Err(e) => {
            // A failed add leaves nothing behind; a killed one is cleaned by the next add.
            let _ = std::fs::remove_file(&temp_path);
            return Err(e);
        }
    };
    let newly_stored = settle(root, &temp_path, &sha256)?;
    Ok(Added {
        sha256,
        size,
        media_type,
        newly_stored,
        path: layout::place(root, &sha256).1,
    })
}

/// Copies `input` into `temp` while hashing it; returns the digest, size and media type once
/// the copy is on disk.
fn stream(
    temp: File,
    input: &mut dyn Read,
    input_name: &Path,
    temp_path: &Path,
    progress: &mut dyn FnMut(u64),
) -> EvidenceResult<(Sha256, u64, &'static str)> {
    let (full_tx, full_rx) = sync_channel::<Vec<u8>>(IN_FLIGHT);
    let (empty_tx, empty_rx) = sync_channel::<Vec<u8>>(IN_FLIGHT);
    for _ in 0..IN_FLIGHT {
        empty_tx.send(vec![0; CHUNK]).expect("the channel has room");
    }
    let writer = std::thread::spawn(move || write_chunks(temp, full_rx, empty_tx));

    let read = read_chunks(input, input_name, &full_tx, &empty_rx, progress);
    // Closing the channel tells the writer the input is over.
    drop(full_tx);
    let written = writer.join().expect("the writing thread does not panic");
    let (sha256, size, media_type) = read?;
    written.map_err(error::write(temp_path))?;
    Ok((sha256, size, media_type))
}

fn read_chunks(
    input: &mut dyn Read,
    input_name: &Path,
    full: &SyncSender<Vec<u8>>,
    empty: &Receiver<Vec<u8>>,
    progress: &mut dyn FnMut(u64),
) -> EvidenceResult<(Sha256, u64, &'static str)> {
    let mut hasher = Hasher::new();
    let mut size = 0u64;
    let mut head = Vec::new();
    // No buffer back means the writer stopped on an error, which it reports.
    while let Ok(mut buf) = empty.recv() {
        buf.resize(CHUNK, 0);
        let n = fill(input, &mut buf).map_err(error::read(input_name))?;
        if n == 0 {
            break;
        }
        buf.truncate(n);
        hasher.update(&buf);
        if head.len() < sniff::SNIFF_BYTES {
            let take = (sniff::SNIFF_BYTES - head.len()).min(n);
            head.extend_from_slice(&buf[..take]);
        }
        size += n as u64;
        progress(size);
        if full.send(buf).is_err() {
            break;
        }
    }
    let digest = Sha256::from_bytes(hasher.finalize().into());
    Ok((digest, size, sniff::media_type(&head)))
}

/// Reads until `buf` is full or the input ends; the number of bytes read.
fn fill(input: &mut dyn Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match input.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

fn write_chunks(
    mut file: File,
    full: Receiver<Vec<u8>>,
    empty: SyncSender<Vec<u8>>,
) -> std::io::Result<()> {
    let mut unsynced = 0u64;
    for buf in full {
        file.write_all(&buf)?;
        unsynced += buf.len() as u64;
        if unsynced >= SYNC_EVERY {
            file.sync_data()?;
            unsynced = 0;
        }
        // The reader may have stopped (an error): then the buffer is simply dropped.
        let _ = empty.send(buf);
    }
    file.sync_all()
}

/// Moves a complete, synced temporary file to its final name, or drops it when that content is
/// stored already; `true` if it was stored now.
fn settle(root: &Path, temp_path: &Path, sha256: &Sha256) -> EvidenceResult<bool> {
    let (dir, path) = layout::place(root, sha256);
    if path.exists() {
        // Stored already: the original stays as it is, never overwritten.
        std::fs::remove_file(temp_path).map_err(error::write(temp_path))?;
        return Ok(false);
    }
    let mut permissions = std::fs::metadata(temp_path)
        .map_err(error::write(temp_path))?
        .permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(temp_path, permissions).map_err(error::write(temp_path))?;
    create_dirs(root, &dir)?;
    std::fs::rename(temp_path, &path).map_err(error::write(&path))?;
    // The rename is durable once the directory holding the new name is.
    sync_dir(&dir)?;
    sync_dir(root)?;
    Ok(true)
}

/// Creates the fan-out directories, each made durable in its parent.
fn create_dirs(root: &Path, dir: &Path) -> EvidenceResult<()> {
    let parent = dir.parent().expect("a fan-out directory has a parent");
    for (d, holder) in [(parent, root), (dir, parent)] {
        if !d.is_dir() {
            std::fs::create_dir_all(d).map_err(error::folder(d))?;
            sync_dir(holder)?;
        }
    }
    Ok(())
}

/// Makes the entries of a directory durable. Only Unix lets a directory be opened for that;
/// elsewhere the file system's own ordering is relied on.
pub(crate) fn sync_dir(dir: &Path) -> EvidenceResult<()> {
    if cfg!(unix) {
        File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(error::folder(dir))?;
    }
    Ok(())
}
