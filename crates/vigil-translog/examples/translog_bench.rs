//! Throughput of the transparency log, printed (no assertions on time):
//! leaf appends per second, and proofs made and checked per second at 1,000,000 leaves.
//!
//! `cargo run --release -p vigil-translog --example translog_bench`

use std::hint::black_box;
use std::time::Instant;

use vigil_translog::{verify_consistency, verify_inclusion, Checkpoint, SignerKey, Tree};

const LEAVES: u64 = 1_000_000;
const PROOFS: u64 = 200_000;

/// A fixed pseudo-random sequence of indexes below `n` (a 64-bit LCG), so runs compare.
fn indexes(n: u64, count: u64) -> Vec<u64> {
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    (0..count)
        .map(|_| {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (x >> 11) % n
        })
        .collect()
}

fn rate(what: &str, count: u64, start: Instant) {
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{what:<48} {count:>9} in {secs:>7.3} s  = {:>12.0} /s",
        count as f64 / secs
    );
}

fn main() {
    // Entries shaped like the log's: a record id and a SHA-256, about 100 bytes.
    let entries: Vec<Vec<u8>> = (0..LEAVES)
        .map(|i| {
            format!(
                "evidence {i:>12} sha256 {:064x}",
                u128::from(i as u32) * 0x9e37_79b9
            )
            .into_bytes()
        })
        .collect();

    let start = Instant::now();
    let mut tree = Tree::new();
    for e in &entries {
        tree.push_entry(e);
    }
    rate("append entries (leaf hash + tree update)", LEAVES, start);

    let leaf_hashes: Vec<_> = (0..LEAVES).map(|i| tree.leaf_hash(i).unwrap()).collect();
    let start = Instant::now();
    let mut again = Tree::new();
    for h in &leaf_hashes {
        again.push_leaf_hash(*h);
    }
    rate("append precomputed leaf hashes", LEAVES, start);
    assert_eq!(again.current_root(), tree.current_root());
    drop(again);

    let start = Instant::now();
    let root = black_box(tree.current_root());
    rate("root of 1,000,000 leaves", 1, start);

    let targets = indexes(LEAVES, PROOFS);
    let start = Instant::now();
    let proofs: Vec<_> = targets
        .iter()
        .map(|&i| tree.inclusion_proof(i, LEAVES).unwrap())
        .collect();
    rate("inclusion proofs made at 1,000,000 leaves", PROOFS, start);

    let start = Instant::now();
    for (&i, path) in targets.iter().zip(&proofs) {
        verify_inclusion(&leaf_hashes[i as usize], i, LEAVES, path, &root).unwrap();
    }
    rate(
        "inclusion proofs checked at 1,000,000 leaves",
        PROOFS,
        start,
    );

    let sizes = indexes(LEAVES - 1, PROOFS / 10);
    let start = Instant::now();
    for &m in &sizes {
        black_box(tree.consistency_proof(m + 1, LEAVES).unwrap());
    }
    rate(
        "consistency proofs made (m -> 1,000,000)",
        PROOFS / 10,
        start,
    );

    let start = Instant::now();
    for &m in &sizes {
        black_box(tree.root(m + 1).unwrap());
    }
    rate("roots of earlier sizes", PROOFS / 10, start);

    let m = sizes[0] + 1;
    let proof = tree.consistency_proof(m, LEAVES).unwrap();
    let first = tree.root(m).unwrap();
    verify_consistency(m, LEAVES, &proof, &first, &root).unwrap();

    let key = SignerKey::from_seed("example.org/vigil", &[1; 32]).unwrap();
    let verifiers = [key.verifier()];
    let checkpoint = Checkpoint::new("example.org/vigil", LEAVES, root);
    let n = 10_000;
    let start = Instant::now();
    for _ in 0..n {
        black_box(checkpoint.sign(&key).unwrap());
    }
    rate("checkpoints signed", n, start);
    let note = checkpoint.sign(&key).unwrap();
    let start = Instant::now();
    for _ in 0..n {
        black_box(Checkpoint::open(note.as_bytes(), "example.org/vigil", &verifiers).unwrap());
    }
    rate("checkpoints parsed and verified", n, start);
}
