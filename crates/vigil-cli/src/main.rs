//! `vigil`: the command-line front of Vigil.
//!
//! A thin binary: `cli` declares the commands, `commands/*` each run one against a store
//! opened from `--db`, `failure` maps errors to messages and exit codes, `progress` draws the
//! import progress bar. All the work happens in the library crates.
#![forbid(unsafe_code)]

mod cli;
mod commands;
mod failure;
mod progress;

use clap::Parser;

/// mimalloc instead of the system allocator: an import allocates each row on the reading
/// thread and frees it on the writing one, and glibc's allocator serialises those frees on a
/// lock (about a tenth of an import's profile). A 1,000,000-row import took 17.4 s with glibc
/// and 12.2 s with mimalloc (bench/import/README.md, "The allocator").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("error: {failure}");
            ExitCode::from(failure.code)
        }
    }
}
