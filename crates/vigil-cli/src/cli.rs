//! The command line, as clap derives it. Help texts are the user's first documentation.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use vigil_domain::Role;

/// Vigil keeps the register of protected humanitarian sites and movements notified to the
/// parties of a conflict, documents attacks on them, and shows where the two meet.
#[derive(Debug, Parser)]
#[command(name = "vigil", version, propagate_version = true)]
pub struct Cli {
    /// The database: a SQLite file (created on first write), or a PostgreSQL URL
    /// (`postgres://user@host:port/database`, whose schema is created on first write).
    /// `vigil.db` when neither this nor the server's configuration file names one.
    #[arg(long, global = true, env = "VIGIL_DB", value_name = "FILE|URL")]
    pub db: Option<PathBuf>,

    /// The folder evidence files are stored in: `<database stem>.evidence` beside a SQLite
    /// database file (`vigil.evidence` for `vigil.db`) unless given. Required with a
    /// PostgreSQL database for the commands that read or store evidence.
    #[arg(long, global = true, env = "VIGIL_EVIDENCE_DIR", value_name = "DIR")]
    pub evidence_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load the Aleppo, September 2016 demo scenario into the database and tell its story;
    /// with `--serve`, then serve the web interface over it, with demo accounts to sign in.
    Demo(DemoArgs),
    /// Import a file as downloaded: Vigil's canonical CSV or GeoJSON, an HDX spreadsheet with
    /// an HXL hashtag row (CSV or XLSX, Insecurity Insight's among them), an ACLED or a UCDP GED
    /// export, or areas from a GeoJSON file of admin boundaries or neighbourhoods.
    ///
    /// What the file holds and its layout are recognised from its content; --kind and --format
    /// say it when that fails. The whole file is imported in one transaction: if any row is
    /// bad, nothing is written (unless --skip-bad-rows). Importing the same file twice changes
    /// nothing.
    Import(ImportArgs),
    /// Export sites or incidents to standard output.
    Export(ExportArgs),
    /// List records: counts of everything, or one kind of record.
    List(ListArgs),
    /// Show one site or incident with everything known about it.
    Show(ShowArgs),
    /// Cross-check the register against the incidents: notified sites and movements hit,
    /// unnotified sites hit, repeat attacks, ceasefire violations, duplicate candidates.
    ///
    /// Prints the findings and stores them (only incidents whose findings changed are
    /// rewritten), so the server shows them without running the cross-check again.
    Check(CheckArgs),
    /// A situation report on an area and period: incidents by category and week, casualties
    /// as each source's own range (never added across sources), the status of the area's
    /// facilities on the last day, notified sites hit and ceasefire violations, each figure
    /// with the ids behind it.
    ///
    /// Findings are the stored ones (`vigil check` brings them up to date).
    Sitrep(SitrepArgs),
    /// Serve the HTTP API over the database until Ctrl-C or SIGTERM.
    ///
    /// Settings come from the defaults, then the configuration file, then `VIGIL_*`
    /// environment variables, then these flags; `vigil config` prints the result.
    Serve(ServeArgs),
    /// Print the server's effective configuration (TOML), secrets redacted.
    Config(ConfigArgs),
    /// Manage the accounts that sign in to the server.
    #[command(subcommand)]
    User(UserCommand),
    /// Print the audit log: every write of a record, with who made it, when, and the record
    /// before and after.
    Audit(AuditArgs),
    /// The transparency log: every record write as a leaf of an RFC 9162 Merkle tree, with
    /// signed checkpoints and proofs a third party can check without the database.
    #[command(subcommand)]
    Log(LogCommand),
    /// Check the database: every evidence file re-hashed, every checkpoint's signature, the
    /// audit log against what was
    /// checkpointed (an altered or truncated log), and the records against their last audit
    /// entry. Exits 6 naming each problem.
    Verify,
    /// Check an inclusion proof offline, from the proof, the checkpoint and the log's public key
    /// alone (no database needed).
    VerifyProof(VerifyProofArgs),
    /// Copy a whole database into an empty one, between SQLite and PostgreSQL either way:
    /// every record with its history, accounts and tokens, evidence descriptions and custody,
    /// stored findings, and the audit and transparency logs exactly as they were, so the
    /// copy's checkpoints and proofs hold as the original's did.
    ///
    /// One transaction: a copy that fails leaves the destination empty. The source is only
    /// read. Evidence files are not moved: point the destination at the same folder with
    /// --evidence-dir. The copy's log and records are checked before the command returns.
    Migrate(MigrateArgs),
    /// Make, list and revoke the API tokens the server accepts.
    ///
    /// A token is shown once, when it is made; the database keeps only its SHA-256.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Store evidence files (photos, video, documents) byte for byte, named by their SHA-256,
    /// with a custody log; list, show and verify them.
    #[command(subcommand)]
    Evidence(EvidenceCommand),
    /// The dossier of one attack on a single printable page: the notifications of what it hit
    /// (payload hash, when sent, to whom) and who acknowledged them, the incident with its
    /// sources, casualties, certainty, attributions and denials, the evidence with hashes and
    /// custody, the findings, and inclusion proofs against a freshly signed checkpoint.
    Dossier(DossierArgs),
}

#[derive(Debug, clap::Args)]
pub struct DossierArgs {
    /// The incident's id (see `vigil list incidents`).
    pub incident: String,
    /// `html` (a page that prints on A4) or `json`.
    #[arg(long, default_value = "html", value_parser = ["html", "json"])]
    pub format: String,
    /// The role the dossier is prepared for: what it shows is what that role may see.
    /// `analyst` (the default) numbers the sources and leaves out who captured evidence;
    /// `monitor` and `admin` name them.
    #[arg(long = "as", value_name = "ROLE", default_value = "analyst")]
    pub role: String,
    /// Write to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum EvidenceCommand {
    /// Store a file as evidence and record its acquisition. The file is streamed in (any
    /// size), stored once however often it is added, read-only and never changed. Prints its
    /// SHA-256 alone on the last line of standard output.
    Add(EvidenceAddArgs),
    /// List the stored evidence: SHA-256, size, media type, when added, incidents.
    List(EvidenceListArgs),
    /// Show one item, with its custody log.
    Show(EvidenceShowArgs),
    /// Copy an original out of the evidence folder (to a court, a partner, an archive),
    /// checking on the way that it still hashes to its name, and record the export in its
    /// custody log. The copy appears at the destination only once complete.
    Export(EvidenceExportArgs),
    /// Record that responsibility for an original passed to someone else (a hand-over of the
    /// device or the file), in its custody log.
    Transfer(EvidenceTransferArgs),
    /// Re-hash every stored file; exits with 1 naming each damaged or missing item by its
    /// SHA-256.
    Verify,
}

#[derive(Debug, clap::Args)]
pub struct EvidenceAddArgs {
    /// The file to store.
    pub file: PathBuf,
    /// An incident the file documents (repeat for several).
    #[arg(long = "incident", value_name = "ID")]
    pub incidents: Vec<String>,
    /// The source the file was obtained from.
    #[arg(long, value_name = "ID")]
    pub source: Option<String>,
    /// When it was captured: an RFC 3339 time (2016-09-28T06:40:00Z) or a day (2016-09-28).
    #[arg(long, value_name = "TIME")]
    pub captured_at: Option<String>,
    /// Who captured it. A protected identity: shown only to monitors and admins, never
    /// written to logs.
    #[arg(long, value_name = "NAME")]
    pub captured_by: Option<String>,
    /// For a redacted copy: the SHA-256 of the stored original it was made from.
    #[arg(long, value_name = "SHA256")]
    pub redacted_from: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct EvidenceListArgs {
    /// Only the evidence of this incident.
    #[arg(long, value_name = "ID")]
    pub incident: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct EvidenceExportArgs {
    /// The item's SHA-256 (64 hex digits).
    pub sha256: String,
    /// The file to write the copy to (not overwritten if it exists).
    #[arg(long, value_name = "FILE")]
    pub to: PathBuf,
    /// Who the copy is for, or why it was made; kept in the custody log.
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct EvidenceTransferArgs {
    /// The item's SHA-256 (64 hex digits).
    pub sha256: String,
    /// Who took responsibility for it (a person or an organisation).
    #[arg(long, value_name = "RECIPIENT")]
    pub to: String,
    /// What was handed over, and how; kept in the custody log.
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct EvidenceShowArgs {
    /// The item's SHA-256 (64 hex digits).
    pub sha256: String,
}

#[derive(Debug, clap::Args)]
pub struct DemoArgs {
    /// After loading, serve the web interface and the API over the demo database (as
    /// `vigil serve` does) until Ctrl-C, with one demo account per role to sign in with.
    #[arg(long)]
    pub serve: bool,
    /// With --serve: the address to listen on (default 127.0.0.1:8080; port 0 picks a free
    /// one, printed).
    #[arg(long, requires = "serve")]
    pub listen: Option<std::net::SocketAddr>,
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The address to listen on, e.g. 127.0.0.1:8080; port 0 picks a free port (printed).
    #[arg(long)]
    pub listen: Option<std::net::SocketAddr>,
    /// A TOML configuration file (keys: listen, db, log, max_body_bytes).
    #[arg(long, env = "VIGIL_CONFIG")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct ConfigArgs {
    /// A TOML configuration file, as for `vigil serve`.
    #[arg(long, env = "VIGIL_CONFIG")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add an account. The password is read twice from the terminal, without echo, or as one
    /// line from standard input when that is not a terminal; only its Argon2id hash is stored.
    Add(UserAddArgs),
}

#[derive(Debug, clap::Args)]
pub struct UserAddArgs {
    /// The name the account signs in with.
    pub name: String,
    /// admin, coordinator, monitor, liaison or analyst.
    #[arg(long)]
    pub role: Role,
    /// The party a liaison acts for (required for a liaison, refused for other roles).
    #[arg(long)]
    pub party: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Make a token. It is printed once, alone on the last line of standard output; Vigil
    /// keeps only its SHA-256 and cannot show it again.
    Create(TokenCreateArgs),
    /// List the tokens: id, label, role, party, account, when created and revoked (never the
    /// token or its hash).
    List,
    /// Revoke a token by its id (see `vigil token list`). It stops working at once.
    Revoke(TokenRevokeArgs),
}

#[derive(Debug, clap::Args)]
pub struct TokenCreateArgs {
    /// admin, coordinator, monitor, liaison or analyst (the public needs no token).
    #[arg(long)]
    pub role: Role,
    /// The party a liaison acts for (required for a liaison, refused for other roles).
    #[arg(long)]
    pub party: Option<String>,
    /// What the token is for, shown by `vigil token list` ("field team laptop").
    #[arg(long)]
    pub label: Option<String>,
    /// The account the token acts for; it must have the same role and party.
    #[arg(long, value_name = "NAME")]
    pub account: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct TokenRevokeArgs {
    /// The token's id, as `vigil token list` shows it.
    pub id: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RecordKind {
    Sites,
    Incidents,
    /// Admin boundaries or neighbourhoods (GeoJSON polygons with P-codes); import only.
    Areas,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FileFormat {
    Csv,
    Geojson,
}

/// The layouts `vigil import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    /// Vigil's canonical CSV layout.
    Csv,
    /// Vigil's canonical GeoJSON layout.
    Geojson,
    /// A spreadsheet (CSV or XLSX) with an HXL hashtag row.
    Hxl,
    /// An ACLED export (current or old layout, CSV or XLSX).
    Acled,
    /// A UCDP GED export (CSV or XLSX).
    Ucdp,
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// What the file holds; by default recognised from its header (data sets' exports hold
    /// incidents).
    #[arg(long, value_enum)]
    pub kind: Option<RecordKind>,
    /// The file's layout; by default recognised from its content (a hashtag row, a header,
    /// a leading `{`).
    #[arg(long, value_enum)]
    pub format: Option<ImportFormat>,
    /// A JSON file saying what columns mean, over what hashtags and headers say:
    /// {"columns": {"Date of attack": "date", "#geo+lat": "lat", "Notes": null}}.
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,
    /// Read and check the whole file, and report what would be imported, without writing.
    #[arg(long)]
    pub dry_run: bool,
    /// Import the good rows and report every bad one, instead of rejecting the whole file.
    #[arg(long)]
    pub skip_bad_rows: bool,
    /// Leave the stored findings as they are after the import (`vigil check` brings them up
    /// to date later), instead of running the cross-check at once.
    #[arg(long)]
    pub no_check: bool,
    /// The file to import.
    pub file: PathBuf,
}

/// What `vigil export` writes. Its own type, apart from [`FileFormat`]: HXL is written, never
/// imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// The canonical CSV layout, re-importable as is.
    Csv,
    /// GeoJSON (RFC 7946): Point features with the canonical columns as properties.
    Geojson,
    /// CSV with a row of HXL hashtags under the column names, for HDX and HXL tools (not
    /// re-importable).
    Hxl,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// What to export.
    #[arg(long, value_enum)]
    pub kind: RecordKind,
    /// The file format written to standard output.
    #[arg(long, value_enum, default_value = "csv")]
    pub format: ExportFormat,
    /// Only records in this area (its P-code or id) or an area inside it, through the stored
    /// areas' parent links. Records without an area are left out.
    #[arg(long)]
    pub area: Option<String>,
    /// Only records on or after this day: incidents still going on that day; sites whose
    /// exported notification was in force on some day of the period.
    #[arg(long)]
    pub from: Option<chrono::NaiveDate>,
    /// Only records on or before this day (included): incidents that had begun by its end;
    /// sites whose exported notification was in force on some day of the period.
    #[arg(long)]
    pub to: Option<chrono::NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListKind {
    Sites,
    Incidents,
    Notifications,
    Movements,
    Sources,
    Parties,
    Areas,
    Ceasefires,
    /// Which party controlled which area, when.
    Zones,
    Imports,
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// What to list; without it, how many records of each kind the database holds.
    #[arg(value_enum)]
    pub what: Option<ListKind>,
}

#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The id of a site or an incident.
    pub id: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Aligned columns for reading at a terminal.
    Table,
    /// One row per finding, with the notification and acknowledgement columns.
    Csv,
    /// An array of findings with every field.
    Json,
}

/// Spelt as the findings spell their kind (`repeat_attack`), so output can be pasted back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "snake_case")]
pub enum FindingKindArg {
    NotifiedSite,
    NotifiedMovement,
    UnnotifiedSite,
    RepeatAttack,
    CeasefireViolation,
    DuplicateCandidate,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    #[arg(long, value_enum, default_value = "table")]
    pub format: CheckFormat,
    /// Only findings of this kind (repeat the option for several).
    #[arg(long = "kind", value_enum)]
    pub kinds: Vec<FindingKindArg>,
    /// Only findings about incidents in this area (its P-code or id), or an area inside it.
    #[arg(long)]
    pub area: Option<String>,
    /// Only findings about incidents that were still going on at or after this day.
    #[arg(long)]
    pub from: Option<chrono::NaiveDate>,
    /// Only findings about incidents that had begun by the end of this day.
    #[arg(long)]
    pub to: Option<chrono::NaiveDate>,
    /// Compute and print the findings, but leave the stored findings as they are.
    #[arg(long, conflicts_with = "stored")]
    pub no_save: bool,
    /// Print the stored findings without running the cross-check (what the server shows);
    /// warns when the records have changed since they were computed.
    #[arg(long)]
    pub stored: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SitrepFormat {
    /// Headlines, then tables, for reading.
    Text,
    /// The whole report with every id, as `GET /api/sitrep` gives it to staff.
    Json,
}

#[derive(Debug, clap::Args)]
pub struct SitrepArgs {
    /// The area (its P-code or id), with every area inside it; the whole database without it.
    #[arg(long)]
    pub area: Option<String>,
    /// The period's first day: incidents still going on that day or later count.
    #[arg(long)]
    pub from: chrono::NaiveDate,
    /// The period's last day (included); facility statuses are those reported by then.
    #[arg(long)]
    pub to: chrono::NaiveDate,
    #[arg(long, value_enum, default_value = "text")]
    pub format: SitrepFormat,
}

impl Cli {
    /// The database for commands that do not read the server's configuration.
    pub fn db_location(&self) -> vigil_db::Location {
        vigil_db::Location::parse(self.db.as_deref().unwrap_or("vigil.db".as_ref()))
    }

    /// The evidence folder: `--evidence-dir`, or the one beside a SQLite database. A
    /// PostgreSQL database has no "beside": there the folder must be named.
    pub fn evidence_dir(&self) -> Result<vigil_evidence::EvidenceDir, String> {
        match (&self.evidence_dir, self.db_location()) {
            (Some(dir), _) => Ok(vigil_evidence::EvidenceDir::at(dir)),
            (None, vigil_db::Location::Sqlite(file)) => {
                Ok(vigil_evidence::EvidenceDir::beside_database(&file))
            }
            (None, vigil_db::Location::Postgres(_)) => Err(
                "with a PostgreSQL database, name the evidence folder with --evidence-dir DIR \
                 or VIGIL_EVIDENCE_DIR"
                    .into(),
            ),
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct AuditArgs {
    /// Only this record's history: `KIND/ID` (`site/m10`, `incident/acled:1RTA`), or a whole
    /// kind (`notification`).
    #[arg(long, value_name = "KIND[/ID]")]
    pub record: Option<String>,
    /// Only entries after this position (the `seq` of the last entry already read).
    #[arg(long, value_name = "SEQ")]
    pub after: Option<u64>,
    /// At most this many entries.
    #[arg(long, default_value_t = 100)]
    pub limit: usize,
    /// `text`: one line per entry; `json`: one JSON object per line, with the record before
    /// and after.
    #[arg(long, default_value = "text", value_parser = ["text", "json"])]
    pub format: String,
}

#[derive(Debug, Subcommand)]
pub enum LogCommand {
    /// Sign a checkpoint of the log if it grew since the last one, and print the latest.
    Checkpoint,
    /// Print the log's verifier key (`name+hash+base64`), for those who check proofs.
    PublicKey,
    /// Print, as JSON, the proof that the latest entry about a record (or an evidence item) is
    /// in the latest checkpoint.
    Proof(LogProofArgs),
    /// Print, as JSON, the proof that the latest checkpoint extends the tree of N entries.
    Consistency(LogConsistencyArgs),
}

#[derive(Debug, clap::Args)]
#[group(required = true, multiple = false)]
pub struct LogProofArgs {
    /// An evidence item, by its SHA-256 (hex).
    #[arg(long, value_name = "HEX")]
    pub sha256: Option<String>,
    /// A record: `KIND/ID` (`incident/inc-42`, `site/m10`).
    #[arg(long, value_name = "KIND/ID")]
    pub record: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct LogConsistencyArgs {
    /// The size of the earlier tree (a checkpoint someone holds).
    #[arg(long, value_name = "N")]
    pub from: u64,
}

#[derive(Debug, clap::Args)]
pub struct MigrateArgs {
    /// The database to copy: a SQLite file or a `postgres://` URL.
    #[arg(long, value_name = "FILE|URL")]
    pub from: PathBuf,
    /// The empty database to copy into: a SQLite file (created) or a `postgres://` URL.
    #[arg(long, value_name = "FILE|URL")]
    pub to: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct VerifyProofArgs {
    /// The proof's JSON, as `vigil log proof` prints it.
    #[arg(long, value_name = "FILE")]
    pub proof: std::path::PathBuf,
    /// The signed checkpoint, as `vigil log checkpoint` prints it.
    #[arg(long, value_name = "FILE")]
    pub checkpoint: std::path::PathBuf,
    /// The log's verifier key, as `vigil log public-key` prints it.
    #[arg(long, value_name = "KEY")]
    pub public_key: String,
}
