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

/// Exit status of a command whose reader went away, as for a program killed by SIGPIPE
/// (128 + 13), which is what `vigil list | head` would give with the usual C tools.
const EXIT_CLOSED_PIPE: i32 = 141;

/// `vigil list | head`: once `head` has its lines and closes the pipe, the next write fails.
/// That is not an error of Vigil's, so it ends quietly instead of with a panic message (Rust
/// ignores SIGPIPE and `println!` panics on the failed write). Any other panic is reported as
/// usual.
fn end_quietly_on_closed_pipe() {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if message.starts_with("failed printing to stdout") && message.contains("Broken pipe") {
            std::process::exit(EXIT_CLOSED_PIPE);
        }
        default_hook(info);
    }));
}

fn main() -> ExitCode {
    end_quietly_on_closed_pipe();
    let cli = cli::Cli::parse();
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("error: {failure}");
            ExitCode::from(failure.code)
        }
    }
}
