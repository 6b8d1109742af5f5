//! The tree and the proof checks against an independent, deliberately naive recursive reading
//! of RFC 9162 section 2.1 (slices, no caching), for every leaf of every tree size 1..=130 and
//! every pair of sizes up to 64.

use std::cell::RefCell;
use std::collections::HashMap;

use sha2::{Digest, Sha256};
use vigil_translog::{
    leaf_hash, root_from_inclusion, verify_consistency, verify_inclusion, Hash, ProofError, Tree,
};

fn sha(parts: &[&[u8]]) -> Hash {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p);
    }
    h.finalize().into()
}

fn largest_power_of_two_below(n: usize) -> usize {
    let mut k = 1;
    while k * 2 < n {
        k *= 2;
    }
    k
}

/// MTH(D[n]) over the entries themselves, as the RFC writes it. Results are remembered by
/// (first entry's address, length) only to keep the exhaustive tests quick in debug builds.
fn mth(entries: &[Vec<u8>]) -> Hash {
    thread_local! {
        static MEMO: RefCell<HashMap<(usize, usize), Hash>> = RefCell::new(HashMap::new());
    }
    let key = (entries.as_ptr() as usize, entries.len());
    if let Some(h) = MEMO.with(|m| m.borrow().get(&key).copied()) {
        return h;
    }
    let h = match entries.len() {
        0 => sha(&[]),
        1 => sha(&[&[0], &entries[0]]),
        n => {
            let k = largest_power_of_two_below(n);
            sha(&[&[1], &mth(&entries[..k]), &mth(&entries[k..])])
        }
    };
    MEMO.with(|m| m.borrow_mut().insert(key, h));
    h
}

/// PATH(m, D[n]).
fn path(m: usize, entries: &[Vec<u8>]) -> Vec<Hash> {
    let n = entries.len();
    if n <= 1 {
        return Vec::new();
    }
    let k = largest_power_of_two_below(n);
    if m < k {
        let mut p = path(m, &entries[..k]);
        p.push(mth(&entries[k..]));
        p
    } else {
        let mut p = path(m - k, &entries[k..]);
        p.push(mth(&entries[..k]));
        p
    }
}

/// SUBPROOF(m, D[n], b).
fn subproof(m: usize, entries: &[Vec<u8>], whole: bool) -> Vec<Hash> {
    let n = entries.len();
    if m == n {
        return if whole {
            Vec::new()
        } else {
            vec![mth(entries)]
        };
    }
    let k = largest_power_of_two_below(n);
    if m <= k {
        let mut p = subproof(m, &entries[..k], whole);
        p.push(mth(&entries[k..]));
        p
    } else {
        let mut p = subproof(m - k, &entries[k..], false);
        p.push(mth(&entries[..k]));
        p
    }
}

fn entries(n: usize) -> Vec<Vec<u8>> {
    (0..n).map(|i| format!("entry {i}").into_bytes()).collect()
}

fn flipped(h: &Hash, byte: usize) -> Hash {
    let mut h = *h;
    h[byte % 32] ^= 0x01;
    h
}

#[test]
fn roots_of_every_size_match_the_naive_mth() {
    let all = entries(130);
    let mut tree = Tree::new();
    assert_eq!(tree.current_root(), mth(&[]));
    for (i, e) in all.iter().enumerate() {
        assert_eq!(tree.push_entry(e), i as u64);
        assert_eq!(tree.current_root(), mth(&all[..=i]), "size {}", i + 1);
    }
    for n in 0..=130 {
        assert_eq!(tree.root(n as u64).unwrap(), mth(&all[..n]), "size {n}");
    }
    assert!(matches!(
        tree.root(131),
        Err(ProofError::SizeBeyondTree {
            size: 131,
            tree_size: 130
        })
    ));
}

#[test]
fn inclusion_proofs_for_every_leaf_of_every_size_up_to_130() {
    let all = entries(130);
    let tree = Tree::from_leaf_hashes(all.iter().map(|e| leaf_hash(e)));
    for n in 1..=130usize {
        let root = mth(&all[..n]);
        for m in 0..n {
            let proof = tree.inclusion_proof(m as u64, n as u64).unwrap();
            assert_eq!(proof, path(m, &all[..n]), "leaf {m} of {n}");
            let leaf = leaf_hash(&all[m]);
            assert_eq!(
                root_from_inclusion(&leaf, m as u64, n as u64, &proof),
                Ok(root)
            );
            verify_inclusion(&leaf, m as u64, n as u64, &proof, &root).unwrap();
            vigil_translog::verify_inclusion_of_entry(&all[m], m as u64, n as u64, &proof, &root)
                .unwrap();

            // Any flipped byte, anywhere, must fail.
            for i in 0..proof.len() {
                let mut bad = proof.clone();
                bad[i] = flipped(&bad[i], m + i);
                assert!(verify_inclusion(&leaf, m as u64, n as u64, &bad, &root).is_err());
            }
            let bad_leaf = flipped(&leaf, m);
            assert!(verify_inclusion(&bad_leaf, m as u64, n as u64, &proof, &root).is_err());
            let bad_root = flipped(&root, n);
            assert!(verify_inclusion(&leaf, m as u64, n as u64, &proof, &bad_root).is_err());
            // So must a wrong index, size or length.
            if n > 1 {
                let other = (m + 1) % n;
                assert!(verify_inclusion(&leaf, other as u64, n as u64, &proof, &root).is_err());
            }
            // (A path need not pin the size: leaf 0 of 3 has the same path in a tree of 4. The
            // root does, and a checkpoint signs size and root together. Doubling the size
            // always changes the path's length.)
            let doubled = 2 * n as u64;
            assert!(verify_inclusion(&leaf, m as u64, doubled, &proof, &root).is_err());
            let mut longer = proof.clone();
            longer.push(root);
            assert!(verify_inclusion(&leaf, m as u64, n as u64, &longer, &root).is_err());
            if !proof.is_empty() {
                let shorter = &proof[..proof.len() - 1];
                assert!(verify_inclusion(&leaf, m as u64, n as u64, shorter, &root).is_err());
            }
        }
        assert_eq!(
            tree.inclusion_proof(n as u64, n as u64),
            Err(ProofError::IndexOutOfRange {
                index: n as u64,
                size: n as u64
            })
        );
    }
}

#[test]
fn consistency_proofs_between_every_pair_of_sizes_up_to_64() {
    let all = entries(64);
    let mut tree = Tree::new();
    for e in &all {
        tree.push_entry(e);
    }
    for n in 1..=64usize {
        let second = mth(&all[..n]);
        for m in 1..=n {
            let first = mth(&all[..m]);
            let proof = tree.consistency_proof(m as u64, n as u64).unwrap();
            let naive = if m == n {
                Vec::new()
            } else {
                subproof(m, &all[..n], true)
            };
            assert_eq!(proof, naive, "sizes {m} and {n}");
            verify_consistency(m as u64, n as u64, &proof, &first, &second).unwrap();

            for i in 0..proof.len() {
                let mut bad = proof.clone();
                bad[i] = flipped(&bad[i], m * n + i);
                assert!(verify_consistency(m as u64, n as u64, &bad, &first, &second).is_err());
            }
            let bad_first = flipped(&first, m);
            assert!(verify_consistency(m as u64, n as u64, &proof, &bad_first, &second).is_err());
            let bad_second = flipped(&second, n);
            assert!(verify_consistency(m as u64, n as u64, &proof, &first, &bad_second).is_err());
            if m < n {
                assert!(verify_consistency(m as u64, n as u64, &[], &first, &second).is_err());
                let mut longer = proof.clone();
                longer.push(second);
                assert!(verify_consistency(m as u64, n as u64, &longer, &first, &second).is_err());
                let shorter = &proof[..proof.len() - 1];
                assert!(verify_consistency(m as u64, n as u64, shorter, &first, &second).is_err());
                assert!(verify_consistency(m as u64, n as u64, &proof, &second, &first).is_err());
            }
        }
    }
    // From the empty tree: an empty proof, always consistent.
    assert_eq!(tree.consistency_proof(0, 10).unwrap(), Vec::<Hash>::new());
    verify_consistency(0, 10, &[], &mth(&[]), &tree.root(10).unwrap()).unwrap();
    assert!(verify_consistency(0, 10, &[[0; 32]], &mth(&[]), &tree.root(10).unwrap()).is_err());
    assert_eq!(
        tree.consistency_proof(5, 4),
        Err(ProofError::SizesOutOfOrder {
            first: 5,
            second: 4
        })
    );
    assert!(tree.consistency_proof(5, 65).is_err());
}

#[test]
fn a_large_tree_answers_for_its_earlier_sizes() {
    let mut tree = Tree::new();
    for i in 0u32..5000 {
        tree.push_entry(&i.to_be_bytes());
    }
    for (m, n) in [
        (1, 5000),
        (1000, 4097),
        (4095, 4096),
        (4096, 4097),
        (2500, 4999),
    ] {
        let proof = tree.consistency_proof(m, n).unwrap();
        let (r1, r2) = (tree.root(m).unwrap(), tree.root(n).unwrap());
        verify_consistency(m, n, &proof, &r1, &r2).unwrap();
        let leaf = tree.leaf_hash(m - 1).unwrap();
        let path = tree.inclusion_proof(m - 1, n).unwrap();
        verify_inclusion(&leaf, m - 1, n, &path, &r2).unwrap();
    }
}
