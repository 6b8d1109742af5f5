//! Copying an original out of the folder, checked on the way: the bytes are hashed as they are
//! written, and a copy whose content does not hash to the item's name is reported as damage, so
//! that nobody hands on an altered file believing it is the original.

use crate::error::{self, EvidenceError, EvidenceResult};
use sha2::{Digest, Sha256 as Hasher};
use std::io::{Read, Write};
use std::path::Path;
use vigil_domain::Sha256;

/// Writes the stored file of `sha256` (at `path`) to `out`; calls `progress` with the bytes
/// written so far; returns their number.
pub(crate) fn copy(
    path: &Path,
    sha256: &Sha256,
    out: &mut dyn Write,
    progress: &mut dyn FnMut(u64),
) -> EvidenceResult<u64> {
    let mut file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(EvidenceError::Missing(*sha256))
        }
        Err(e) => return Err(error::read(path)(e)),
    };
    let mut hasher = Hasher::new();
    let mut buf = vec![0u8; 1024 * 1024];
    let mut done = 0u64;
    loop {
        let n = match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(error::read(path)(e)),
        };
        hasher.update(&buf[..n]);
        out.write_all(&buf[..n])
            .map_err(|source| EvidenceError::Write {
                path: "the copy".into(),
                source,
            })?;
        done += n as u64;
        progress(done);
    }
    out.flush().map_err(|source| EvidenceError::Write {
        path: "the copy".into(),
        source,
    })?;
    let found = Sha256::from_bytes(hasher.finalize().into());
    if found != *sha256 {
        return Err(EvidenceError::Damaged {
            sha256: *sha256,
            found,
        });
    }
    Ok(done)
}
