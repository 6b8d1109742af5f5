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
