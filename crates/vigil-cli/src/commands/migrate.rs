//! `vigil migrate`: a whole database copied into an empty one, SQLite and PostgreSQL either
//! way (`vigil_db::copy`), then the copy checked as `vigil verify` checks a database.

use crate::cli::MigrateArgs;
use crate::failure::{CliResult, Failure, EXIT_DAMAGED};
use vigil_db::{Database, Location};

pub fn run(args: &MigrateArgs) -> CliResult {
    let from = Location::parse(&args.from);
    let to = Location::parse(&args.to);
    if from == to {
        return Err(Failure::input("--from and --to name the same database"));
    }
    let source = Database::open_existing(&from)?;
    let mut destination = Database::open(&to)?;
    let started = std::time::Instant::now();
    let copied = vigil_db::copy::copy(&*source, &mut *destination, &mut |step| {
        eprintln!("copying {step}…");
    })?;
    let c = &copied.counts;
    println!(
        "Copied {from} to {to} in {:.1} s: {} sites, {} movements, {} notifications, {} \
         acknowledgements, {} reports, {} incidents, {} statements, {} ceasefires, {} areas, \
         {} sources, {} parties; {} accounts, {} tokens; {} evidence items with {} custody \
         events; {} findings; {} audit entries, {} log leaves and {} signed checkpoints.",
        started.elapsed().as_secs_f64(),
        c.sites,
        c.movements,
        c.notifications,
        c.acknowledgements,
        c.reports,
        c.incidents,
        c.statements,
        c.ceasefires,
        c.areas,
        c.sources,
        c.parties,
        copied.accounts,
        copied.tokens,
        copied.evidence_items,
        copied.custody_events,
        copied.findings,
        copied.audit_entries,
        copied.log_leaves,
        copied.checkpoints,
    );
    if destination.counts()? != copied.counts {
        return Err(Failure::new(
            EXIT_DAMAGED,
            "the copy's record counts differ from the source's",
        ));
    }
    let problems =
        vigil_transparency::verify(&*destination).map_err(|e| Failure::internal(e.to_string()))?;
    if !problems.is_empty() {
        for problem in &problems {
            println!("{problem}");
        }
        return Err(Failure::new(
            EXIT_DAMAGED,
            format!(
                "the copy does not check: {} problem(s) in its log or records (listed above)",
                problems.len()
            ),
        ));
    }
    println!(
        "The copy's log, checkpoints and records agree. Evidence files were not moved: give \
         the destination the same folder (--evidence-dir) and run `vigil verify` on it."
    );
    Ok(())
}
