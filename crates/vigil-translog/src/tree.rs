//! [`Tree`]: an append-only, in-memory Merkle tree that answers for every size it has had.
//!
//! It keeps one vector per level: level 0 holds the leaf hashes, and level `h` holds the hash of
//! every *complete* subtree of `2^h` leaves, aligned on a multiple of `2^h`. Appending a leaf
//! adds one hash to level 0 and, amortised, one more above it. Every subtree that RFC 9162's
//! recursion visits either is such a complete aligned subtree (one lookup) or lies on the right
//! edge of the tree being described (at most one per level), so a root or a proof for any size
//! up to the current one costs O(log n) hashes.

use crate::hash::{leaf_hash, node_hash, split_point, Hash, EMPTY_ROOT};
use crate::proof::ProofError;

/// An append-only RFC 9162 Merkle tree of leaf hashes, with roots and proofs for any earlier size.
#[derive(Debug, Clone, Default)]
pub struct Tree {
    /// `levels[h][i]`: the hash of leaves `i·2^h .. (i+1)·2^h`; `levels[0]` are the leaf hashes.
    levels: Vec<Vec<Hash>>,
}

impl Tree {
    /// An empty tree.
    pub fn new() -> Self {
        Self::default()
    }

    /// A tree holding these leaf hashes, in order.
    pub fn from_leaf_hashes<I: IntoIterator<Item = Hash>>(leaves: I) -> Self {
        let mut tree = Self::new();
        for leaf in leaves {
            tree.push_leaf_hash(leaf);
        }
        tree
    }

    /// Number of leaves.
    pub fn size(&self) -> u64 {
        self.levels.first().map_or(0, |l| l.len() as u64)
    }

    /// Whether the tree has no leaves.
    pub fn is_empty(&self) -> bool {
        self.size() == 0
    }

    /// Appends an entry (hashed as a leaf, SHA-256(0x00 ‖ entry)); returns its leaf index.
    pub fn push_entry(&mut self, entry: &[u8]) -> u64 {
        self.push_leaf_hash(leaf_hash(entry))
    }

    /// Appends an already computed leaf hash; returns its leaf index.
    pub fn push_leaf_hash(&mut self, leaf: Hash) -> u64 {
        if self.levels.is_empty() {
            self.levels.push(Vec::new());
        }
        let index = self.levels[0].len();
        self.levels[0].push(leaf);
        // Every time the new node is a right child, its complete parent now exists.
        let (mut level, mut i) = (0, index);
        while i % 2 == 1 {
            let parent = node_hash(&self.levels[level][i - 1], &self.levels[level][i]);
            if self.levels.len() == level + 1 {
                self.levels.push(Vec::new());
            }
            self.levels[level + 1].push(parent);
            level += 1;
            i /= 2;
        }
        index as u64
    }

    /// The leaf hash at `index`, if there is one.
    pub fn leaf_hash(&self, index: u64) -> Option<Hash> {
        let index = usize::try_from(index).ok()?;
        self.levels.first()?.get(index).copied()
    }

    /// The root (MTH) of the first `size` leaves; `size` may be anything up to [`Tree::size`].
    pub fn root(&self, size: u64) -> Result<Hash, ProofError> {
        self.check_size(size)?;
        if size == 0 {
            return Ok(EMPTY_ROOT);
        }
        Ok(self.subtree(0, size))
    }

    /// The root of the whole tree.
    pub fn current_root(&self) -> Hash {
        match self.size() {
            0 => EMPTY_ROOT,
            n => self.subtree(0, n),
        }
    }

    /// The audit path (RFC 9162 section 2.1.3.1) of leaf `index` in the tree of the first `size`
    /// leaves, from the leaf's sibling up to the root's child.
    pub fn inclusion_proof(&self, index: u64, size: u64) -> Result<Vec<Hash>, ProofError> {
        self.check_size(size)?;
        if index >= size {
            return Err(ProofError::IndexOutOfRange { index, size });
        }
        let mut path = Vec::with_capacity(64);
        self.path(index, 0, size, &mut path);
        Ok(path)
    }

    /// The consistency proof (RFC 9162 section 2.1.4.1) between the trees of the first `first`
    /// and the first `second` leaves. Empty when `first` is 0 or equals `second`.
    pub fn consistency_proof(&self, first: u64, second: u64) -> Result<Vec<Hash>, ProofError> {
        self.check_size(second)?;
        if first > second {
            return Err(ProofError::SizesOutOfOrder { first, second });
        }
        let mut proof = Vec::with_capacity(64);
        if first > 0 && first < second {
            self.subproof(first, 0, second, true, &mut proof);
        }
        Ok(proof)
    }

    fn check_size(&self, size: u64) -> Result<(), ProofError> {
        if size > self.size() {
            return Err(ProofError::SizeBeyondTree {
                size,
                tree_size: self.size(),
            });
        }
        Ok(())
    }

    /// MTH of the `len` leaves starting at `start` (`len` ≥ 1), where `start` is a multiple of
    /// the largest power of two not above `len`, as in every subtree RFC 9162's recursion visits.
    fn subtree(&self, start: u64, len: u64) -> Hash {
        if len.is_power_of_two() {
            let level = len.trailing_zeros() as usize;
            return self.levels[level][(start >> level) as usize];
        }
        let k = split_point(len);
        node_hash(&self.subtree(start, k), &self.subtree(start + k, len - k))
    }

    /// PATH(m, D[start..start+len]), appended to `out` leaf-side first.
    fn path(&self, m: u64, start: u64, len: u64, out: &mut Vec<Hash>) {
        if len == 1 {
            return;
        }
        let k = split_point(len);
        if m < k {
            self.path(m, start, k, out);
            out.push(self.subtree(start + k, len - k));
        } else {
            self.path(m - k, start + k, len - k, out);
            out.push(self.subtree(start, k));
        }
    }

    /// SUBPROOF(m, D[start..start+len], whole), appended to `out` in the RFC's order.
    fn subproof(&self, m: u64, start: u64, len: u64, whole: bool, out: &mut Vec<Hash>) {
        if m == len {
            if !whole {
                out.push(self.subtree(start, len));
            }
            return;
        }
        let k = split_point(len);
        if m <= k {
            self.subproof(m, start, k, whole, out);
            out.push(self.subtree(start + k, len - k));
        } else {
            self.subproof(m - k, start + k, len - k, false, out);
            out.push(self.subtree(start, k));
        }
    }
}
