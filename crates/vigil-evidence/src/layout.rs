//! Where files sit in the folder, and which names count as stored.
//!
//! A stored file is `ab/cd/abcd…` (the 64 hex digits of its SHA-256, under two levels of
//! fan-out by its first four digits, so no directory grows to millions of entries). A file is
//! being written as `.partial-…` at the top of the folder: same file system as its final
//! place, so the rename that stores it is atomic, and a name that can never be taken for a
//! stored item. `.lock` is the lock adds take.

use std::path::{Path, PathBuf};
use vigil_domain::Sha256;

pub const TEMP_PREFIX: &str = ".partial-";
pub const LOCK_FILE: &str = ".lock";

/// The fan-out directory and the full path of the item `sha256` under `root`.
pub fn place(root: &Path, sha256: &Sha256) -> (PathBuf, PathBuf) {
    let hex = sha256.to_string();
    let dir = root.join(&hex[0..2]).join(&hex[2..4]);
    let file = dir.join(&hex);
    (dir, file)
}

/// The item a stored file's path names, if its name and place are those of a stored item.
pub fn stored_item(root: &Path, path: &Path) -> Option<Sha256> {
    let name = path.file_name()?.to_str()?;
    if name.len() != 64 || !name.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return None;
    }
    let sha256: Sha256 = name.parse().ok()?;
    (place(root, &sha256).1 == path).then_some(sha256)
}

pub fn is_temp(name: &str) -> bool {
    name.starts_with(TEMP_PREFIX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_hex_name_in_its_own_fan_out_is_a_stored_item() {
        let root = Path::new("/ev");
        let sha = Sha256::of(b"x");
        let (_, path) = place(root, &sha);
        let hex = sha.to_string();
        assert_eq!(path, root.join(&hex[..2]).join(&hex[2..4]).join(&hex));
        assert_eq!(stored_item(root, &path), Some(sha));
        assert_eq!(
            stored_item(root, &root.join("00").join("00").join(&hex)),
            None
        );
        assert_eq!(
            stored_item(root, &root.join(format!("{TEMP_PREFIX}1"))),
            None
        );
        assert!(is_temp(&format!("{TEMP_PREFIX}42-7")));
    }
}
