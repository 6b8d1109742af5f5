//! One module per command; each takes the parsed arguments and an opened store.

mod access;
mod audit;
pub(crate) mod check;
mod custody;
mod demo;
mod demo_accounts;
mod dossier;
mod evidence;
mod export;
mod import;
mod import_report;
mod list;
mod log;
mod migrate;
mod record_filter;
mod serve;
mod show;
mod sitrep;
mod sitrep_text;
mod story;

use crate::cli::{Cli, Command, EvidenceCommand, TokenCommand, UserCommand};
use crate::failure::CliResult;
use vigil_db::{Database, Location};

/// Opens the database, creating it if needed, with the transparency log's signing key: the
/// key is made with the database, so every checkpoint of its log is signed by the same key
/// from the first write on.
fn open_creating(db: &Location) -> CliResult<Database> {
    let mut store = Database::open(db)?;
    vigil_transparency::log::signer(&mut *store)
        .map_err(|e| crate::failure::Failure::internal(e.to_string()))?;
    Ok(store)
}

/// Opens a database that must exist already.
fn open(db: &Location) -> CliResult<Database> {
    Ok(Database::open_existing(db)?)
}

pub fn run(cli: Cli) -> CliResult {
    let db = &cli.db_location();
    let evidence_dir = cli.evidence_dir().map_err(crate::failure::Failure::input);
    match cli.command {
        Command::Demo(args) => {
            let mut store = open_creating(db)?;
            if args.serve {
                demo_accounts::refuse_foreign(&*store)?;
            }
            demo::run(&mut *store, db)?;
            drop(store);
            if args.serve {
                demo_accounts::ensure(&mut *open(db)?)?;
                serve::run(
                    cli.db.as_deref(),
                    &crate::cli::ServeArgs {
                        listen: args.listen,
                        config: None,
                    },
                )?;
            }
            Ok(())
        }
        Command::Import(args) => import::run(&mut *open_creating(db)?, &args),
        Command::Export(args) => export::run(&*open(db)?, &args),
        Command::List(args) => list::run(&*open(db)?, &args),
        Command::Show(args) => show::run(&*open(db)?, &args),
        Command::Check(args) => check::run(&mut *open(db)?, &args),
        Command::Sitrep(args) => sitrep::run(&*open(db)?, &args),
        Command::Serve(args) => serve::run(cli.db.as_deref(), &args),
        Command::Config(args) => serve::print_config(cli.db.as_deref(), &args),
        Command::User(UserCommand::Add(args)) => access::user_add(&mut *open_creating(db)?, &args),
        Command::Token(TokenCommand::Create(args)) => {
            access::token_create(&mut *open_creating(db)?, &args)
        }
        Command::Audit(args) => audit::run(&*open(db)?, &args),
        Command::Log(command) => log::run(&mut *open(db)?, &command),
        Command::Verify => log::verify(&*open(db)?, &evidence_dir?),
        Command::VerifyProof(args) => log::verify_proof(&args),
        Command::Migrate(args) => migrate::run(&args),
        Command::Dossier(args) => dossier::run(&mut *open(db)?, &args),
        Command::Token(TokenCommand::List) => access::token_list(&*open(db)?),
        Command::Token(TokenCommand::Revoke(args)) => access::token_revoke(&mut *open(db)?, &args),
        Command::Evidence(EvidenceCommand::Add(args)) => {
            evidence::add(&mut *open_creating(db)?, &evidence_dir?, &args)
        }
        Command::Evidence(EvidenceCommand::List(args)) => evidence::list(&*open(db)?, &args),
        Command::Evidence(EvidenceCommand::Show(args)) => {
            evidence::show(&*open(db)?, &evidence_dir?, &args)
        }
        Command::Evidence(EvidenceCommand::Export(args)) => {
            custody::export(&mut *open(db)?, &evidence_dir?, &args)
        }
        Command::Evidence(EvidenceCommand::Transfer(args)) => {
            custody::transfer(&mut *open(db)?, &args)
        }
        Command::Evidence(EvidenceCommand::Verify) => evidence::verify(&*open(db)?, &evidence_dir?),
    }
}
