//! One module per command; each takes the parsed arguments and an opened store.

mod access;
mod audit;
pub(crate) mod check;
mod demo;
mod evidence;
mod export;
mod import;
mod import_report;
mod list;
mod log;
mod record_filter;
mod serve;
mod show;
mod sitrep;
mod sitrep_text;
mod story;

use crate::cli::{Cli, Command, EvidenceCommand, TokenCommand, UserCommand};
use crate::failure::CliResult;
use vigil_store_sqlite::SqliteStore;

pub fn run(cli: Cli) -> CliResult {
    let db = cli.db_path();
    let db = &db;
    let evidence_dir = cli.evidence_dir();
    match cli.command {
        Command::Demo => demo::run(&mut SqliteStore::open(db)?),
        Command::Import(args) => import::run(&mut SqliteStore::open(db)?, &args),
        Command::Export(args) => export::run(&SqliteStore::open_existing(db)?, &args),
        Command::List(args) => list::run(&SqliteStore::open_existing(db)?, &args),
        Command::Show(args) => show::run(&SqliteStore::open_existing(db)?, &args),
        Command::Check(args) => check::run(&mut SqliteStore::open_existing(db)?, &args),
        Command::Sitrep(args) => sitrep::run(&SqliteStore::open_existing(db)?, &args),
        Command::Serve(args) => serve::run(cli.db.as_deref(), &args),
        Command::Config(args) => serve::print_config(cli.db.as_deref(), &args),
        Command::User(UserCommand::Add(args)) => {
            access::user_add(&mut SqliteStore::open(db)?, &args)
        }
        Command::Token(TokenCommand::Create(args)) => {
            access::token_create(&mut SqliteStore::open(db)?, &args)
        }
        Command::Audit(args) => audit::run(&SqliteStore::open_existing(db)?, &args),
        Command::Log(command) => log::run(&mut SqliteStore::open_existing(db)?, &command),
        Command::Verify => log::verify(&SqliteStore::open_existing(db)?, &evidence_dir),
        Command::VerifyProof(args) => log::verify_proof(&args),
        Command::Token(TokenCommand::List) => access::token_list(&SqliteStore::open_existing(db)?),
        Command::Token(TokenCommand::Revoke(args)) => {
            access::token_revoke(&mut SqliteStore::open_existing(db)?, &args)
        }
        Command::Evidence(EvidenceCommand::Add(args)) => {
            evidence::add(&mut SqliteStore::open(db)?, &evidence_dir, &args)
        }
        Command::Evidence(EvidenceCommand::List(args)) => {
            evidence::list(&SqliteStore::open_existing(db)?, &args)
        }
        Command::Evidence(EvidenceCommand::Show(args)) => {
            evidence::show(&SqliteStore::open_existing(db)?, &evidence_dir, &args)
        }
        Command::Evidence(EvidenceCommand::Verify) => {
            evidence::verify(&SqliteStore::open_existing(db)?, &evidence_dir)
        }
    }
}
