//! [`Frontier`]: the right edge of a tree, the least that must be kept to go on appending and
//! to sign the next root. A tree of `n` leaves is, read left to right, one complete subtree
//! per set bit of `n`, largest first; their roots (the "peaks") are the frontier. Appending a
//! leaf merges the peaks of equal size, as carrying does in binary addition, and RFC 9162's
//! root is the peaks folded from the right (its recursion splits off the largest complete
//! subtree on the left each time). So a log that keeps only its frontier signs a checkpoint
//! after `k` new leaves with O(k + log n) hashes, without reading the leaves it already has.
//!
//! A frontier cannot make proofs: those need the leaves ([`crate::Tree`]).

use crate::hash::{node_hash, Hash, EMPTY_ROOT};

/// The peaks of a tree of `size` leaves.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Frontier {
    size: u64,
    /// Roots of the complete subtrees, largest (leftmost) first: one per set bit of `size`.
    peaks: Vec<Hash>,
}

/// Bytes that are not a frontier's.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a tree frontier: {0}")]
pub struct FrontierError(String);

impl Frontier {
    /// The frontier of the empty tree.
    pub fn new() -> Self {
        Self::default()
    }

    /// The frontier of the tree of these leaf hashes.
    pub fn from_leaf_hashes<I: IntoIterator<Item = Hash>>(leaves: I) -> Self {
        let mut frontier = Self::new();
        for leaf in leaves {
            frontier.push_leaf_hash(leaf);
        }
        frontier
    }

    /// Number of leaves.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// Appends a leaf hash.
    pub fn push_leaf_hash(&mut self, leaf: Hash) {
        let mut hash = leaf;
        let mut size = self.size;
        // Each trailing 1 bit of the size is a peak of the new leaf's size: merge them.
        while size & 1 == 1 {
            let left = self.peaks.pop().expect("one peak per set bit of the size");
            hash = node_hash(&left, &hash);
            size >>= 1;
        }
        self.peaks.push(hash);
        self.size += 1;
    }

    /// The tree's root (MTH), as RFC 9162 section 2.1.1 defines it.
    pub fn root(&self) -> Hash {
        let mut peaks = self.peaks.iter().rev();
        let Some(last) = peaks.next() else {
            return EMPTY_ROOT;
        };
        peaks.fold(*last, |right, left| node_hash(left, &right))
    }

    /// The size (8 bytes, big-endian), then the peaks, largest first.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(8 + 32 * self.peaks.len());
        bytes.extend_from_slice(&self.size.to_be_bytes());
        for peak in &self.peaks {
            bytes.extend_from_slice(peak);
        }
        bytes
    }

    /// Reads what [`Frontier::to_bytes`] wrote, checking there is one peak per set bit.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, FrontierError> {
        if bytes.len() < 8 || !(bytes.len() - 8).is_multiple_of(32) {
            return Err(FrontierError(format!(
                "{} bytes: expected 8 and a multiple of 32",
                bytes.len()
            )));
        }
        let size = u64::from_be_bytes(bytes[..8].try_into().expect("8 bytes"));
        let peaks: Vec<Hash> = bytes[8..]
            .chunks_exact(32)
            .map(|c| c.try_into().expect("32 bytes"))
            .collect();
        if peaks.len() != size.count_ones() as usize {
            return Err(FrontierError(format!(
                "a tree of {size} leaves has {} peaks, not {}",
                size.count_ones(),
                peaks.len()
            )));
        }
        Ok(Self { size, peaks })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::leaf_hash;
    use crate::tree::Tree;

    #[test]
    fn the_root_is_the_trees_for_every_size_up_to_300() {
        let mut tree = Tree::new();
        let mut frontier = Frontier::new();
        assert_eq!(frontier.root(), tree.current_root());
        for i in 0..300u32 {
            let leaf = leaf_hash(&i.to_be_bytes());
            tree.push_leaf_hash(leaf);
            frontier.push_leaf_hash(leaf);
            assert_eq!(frontier.size(), tree.size());
            assert_eq!(frontier.root(), tree.current_root(), "size {}", i + 1);
        }
    }

    #[test]
    fn bytes_read_back_equal_and_a_frontier_goes_on_from_them() {
        let leaves: Vec<Hash> = (0..77u32).map(|i| leaf_hash(&i.to_be_bytes())).collect();
        let whole = Frontier::from_leaf_hashes(leaves.iter().copied());
        let mut resumed = Frontier::from_bytes(
            &Frontier::from_leaf_hashes(leaves[..40].iter().copied()).to_bytes(),
        )
        .unwrap();
        for leaf in &leaves[40..] {
            resumed.push_leaf_hash(*leaf);
        }
        assert_eq!(resumed, whole);
        assert_eq!(Frontier::from_bytes(&whole.to_bytes()).unwrap(), whole);
    }

    #[test]
    fn malformed_bytes_are_refused() {
        let good = Frontier::from_leaf_hashes((0..5u32).map(|i| leaf_hash(&i.to_be_bytes())));
        let bytes = good.to_bytes();
        assert!(Frontier::from_bytes(&bytes[..bytes.len() - 1]).is_err());
        assert!(Frontier::from_bytes(&bytes[..bytes.len() - 32]).is_err());
        assert!(Frontier::from_bytes(&[]).is_err());
    }
}
