//! Checking proofs with nothing but the proof: RFC 9162 sections 2.1.3.2 (inclusion) and
//! 2.1.4.2 (consistency). No tree is needed, so a reader can check a proof offline.

use crate::hash::{leaf_hash, node_hash, Hash};

/// A proof could not be made or did not check out.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProofError {
    /// A leaf index at or beyond the tree size.
    #[error("leaf index {index} is outside a tree of {size} leaves")]
    IndexOutOfRange { index: u64, size: u64 },
    /// A tree size larger than the tree holds.
    #[error("tree size {size} is larger than the tree ({tree_size} leaves)")]
    SizeBeyondTree { size: u64, tree_size: u64 },
    /// A consistency proof asked for from a larger to a smaller tree.
    #[error(
        "consistency between sizes {first} and {second}: the first must not exceed the second"
    )]
    SizesOutOfOrder { first: u64, second: u64 },
    /// The proof has more or fewer hashes than the sizes call for.
    #[error("the proof has the wrong number of hashes for these sizes")]
    WrongLength,
    /// The proof leads to a different root than the one given.
    #[error("the proof does not lead to the given root")]
    RootMismatch,
}

/// Checks that `path` proves the entry at `index` is in the tree of `size` leaves with `root`.
pub fn verify_inclusion_of_entry(
    entry: &[u8],
    index: u64,
    size: u64,
    path: &[Hash],
    root: &Hash,
) -> Result<(), ProofError> {
    verify_inclusion(&leaf_hash(entry), index, size, path, root)
}

/// Checks that `path` proves the leaf hash `leaf` is at `index` in the tree of `size` leaves
/// with `root` (RFC 9162 section 2.1.3.2).
pub fn verify_inclusion(
    leaf: &Hash,
    index: u64,
    size: u64,
    path: &[Hash],
    root: &Hash,
) -> Result<(), ProofError> {
    if root_from_inclusion(leaf, index, size, path)? == *root {
        Ok(())
    } else {
        Err(ProofError::RootMismatch)
    }
}

/// The root that `path` leads to from the leaf hash `leaf` at `index` in a tree of `size`
/// leaves, or an error when the path cannot belong to such a tree.
pub fn root_from_inclusion(
    leaf: &Hash,
    index: u64,
    size: u64,
    path: &[Hash],
) -> Result<Hash, ProofError> {
    if index >= size {
        return Err(ProofError::IndexOutOfRange { index, size });
    }
    let (mut f_n, mut s_n) = (index, size - 1);
    let mut r = *leaf;
    for p in path {
        if s_n == 0 {
            return Err(ProofError::WrongLength);
        }
        if f_n & 1 == 1 || f_n == s_n {
            r = node_hash(p, &r);
            while f_n & 1 == 0 && f_n != 0 {
                f_n >>= 1;
                s_n >>= 1;
            }
        } else {
            r = node_hash(&r, p);
        }
        f_n >>= 1;
        s_n >>= 1;
    }
    if s_n != 0 {
        return Err(ProofError::WrongLength);
    }
    Ok(r)
}

/// Checks that `proof` shows the tree of `first` leaves with root `first_root` is a prefix of
/// the tree of `second` leaves with root `second_root` (RFC 9162 section 2.1.4.2).
///
/// Equal sizes need an empty proof and equal roots. A first size of 0 needs an empty proof:
/// every tree extends the empty one.
pub fn verify_consistency(
    first: u64,
    second: u64,
    proof: &[Hash],
    first_root: &Hash,
    second_root: &Hash,
) -> Result<(), ProofError> {
    if first > second {
        return Err(ProofError::SizesOutOfOrder { first, second });
    }
    if first == second || first == 0 {
        if !proof.is_empty() {
            return Err(ProofError::WrongLength);
        }
        if first == second && first_root != second_root {
            return Err(ProofError::RootMismatch);
        }
        return Ok(());
    }
    if proof.is_empty() {
        return Err(ProofError::WrongLength);
    }
    // When the first tree is a complete subtree its root is the path's implicit first element.
    let (seed, rest) = if first.is_power_of_two() {
        (first_root, proof)
    } else {
        (&proof[0], &proof[1..])
    };
    let (mut f_n, mut s_n) = (first - 1, second - 1);
    while f_n & 1 == 1 {
        f_n >>= 1;
        s_n >>= 1;
    }
    let (mut f_r, mut s_r) = (*seed, *seed);
    for c in rest {
        if s_n == 0 {
            return Err(ProofError::WrongLength);
        }
        if f_n & 1 == 1 || f_n == s_n {
            f_r = node_hash(c, &f_r);
            s_r = node_hash(c, &s_r);
            while f_n & 1 == 0 && f_n != 0 {
                f_n >>= 1;
                s_n >>= 1;
            }
        } else {
            s_r = node_hash(&s_r, c);
        }
        f_n >>= 1;
        s_n >>= 1;
    }
    if s_n != 0 {
        return Err(ProofError::WrongLength);
    }
    if f_r != *first_root || s_r != *second_root {
        return Err(ProofError::RootMismatch);
    }
    Ok(())
}
