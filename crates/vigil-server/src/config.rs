//! The server's configuration: defaults, then a TOML file, then `VIGIL_*` environment
//! variables, each overriding the one before (command-line flags, applied by the caller, come
//! last). `vigil config` prints the result with secrets redacted.

use serde::{Deserialize, Serialize};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// Every setting, with its default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Where the server listens. The default serves this machine only: exposing Vigil to a
    /// network is a decision, not an accident.
    pub listen: SocketAddr,
    /// The database: a SQLite file (PostgreSQL URLs come with the PostgreSQL backend).
    pub db: PathBuf,
    /// Log filter for the structured logs: `error`, `warn`, `info`, `debug`.
    pub log: String,
    /// The largest request body accepted, in bytes (an uploaded import among them).
    pub max_body_bytes: usize,
    /// Bring the stored findings of the cross-check up to date after every write, in the
    /// background. Turn off for a very large database whose cross-check takes minutes, and run
    /// `vigil check` on a schedule instead.
    pub refresh_findings: bool,
    /// The folder of evidence originals (`vigil evidence add` stores them); by default
    /// `<database stem>.evidence` beside the database.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence_dir: Option<PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            db: PathBuf::from("vigil.db"),
            log: "info".into(),
            max_body_bytes: 64 * 1024 * 1024,
            refresh_findings: true,
            evidence_dir: None,
        }
    }
}

/// A configuration that cannot be used, naming where the bad value came from.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{file}: {source}")]
    Io {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}: {problem}")]
    File { file: String, problem: String },
    #[error("environment variable {name}: {problem}")]
    Env { name: String, problem: String },
}

impl Config {
    /// The defaults, then `file` (if given), then the environment (`vars`, normally
    /// `std::env::vars()`).
    pub fn load(
        file: Option<&Path>,
        vars: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Config, ConfigError> {
        let mut config = match file {
            Some(path) => Self::from_file(path)?,
            None => Config::default(),
        };
        for (name, value) in vars {
            config.apply_env(&name, &value)?;
        }
        Ok(config)
    }

    fn from_file(path: &Path) -> Result<Config, ConfigError> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Io {
            file: file.clone(),
            source,
        })?;
        toml::from_str(&text).map_err(|e| ConfigError::File {
            file,
            problem: e.message().to_owned(),
        })
    }

    fn apply_env(&mut self, name: &str, value: &str) -> Result<(), ConfigError> {
        let bad = |problem: String| ConfigError::Env {
            name: name.to_owned(),
            problem,
        };
        match name {
            "VIGIL_LISTEN" => {
                self.listen = value.parse().map_err(|_| {
                    bad(format!(
                        "'{value}' is not an address such as 127.0.0.1:8080"
                    ))
                })?
            }
            "VIGIL_DB" => self.db = PathBuf::from(value),
            "VIGIL_EVIDENCE_DIR" => self.evidence_dir = Some(PathBuf::from(value)),
            "VIGIL_LOG" => self.log = value.to_owned(),
            "VIGIL_MAX_BODY_BYTES" => {
                self.max_body_bytes = value
                    .parse()
                    .map_err(|_| bad(format!("'{value}' is not a number of bytes")))?
            }
            "VIGIL_REFRESH_FINDINGS" => {
                self.refresh_findings = match value {
                    "true" | "1" | "yes" => true,
                    "false" | "0" | "no" => false,
                    _ => return Err(bad(format!("'{value}' is not true or false"))),
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// The configuration as TOML, for `vigil config`. Secrets are redacted: none of today's
    /// settings is one, and a database URL's password (with the PostgreSQL backend) will be.
    pub fn to_redacted_toml(&self) -> String {
        let mut shown = self.clone();
        shown.db = PathBuf::from(redact_url_password(&shown.db.display().to_string()));
        toml::to_string(&shown).expect("a configuration always serialises")
    }
}

/// `postgres://user:secret@host/db` → `postgres://user:REDACTED@host/db`; anything else as is.
fn redact_url_password(text: &str) -> String {
    let Some((scheme, rest)) = text.split_once("://") else {
        return text.to_owned();
    };
    let Some((credentials, host)) = rest.split_once('@') else {
        return text.to_owned();
    };
    match credentials.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:REDACTED@{host}"),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_then_environment_override_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("vigil.toml");
        std::fs::write(&file, "listen = \"0.0.0.0:9000\"\nlog = \"debug\"\n").unwrap();
        let vars = [("VIGIL_LOG".to_owned(), "warn".to_owned())];
        let config = Config::load(Some(&file), vars).unwrap();
        assert_eq!(config.listen, "0.0.0.0:9000".parse().unwrap());
        assert_eq!(config.log, "warn");
        assert_eq!(config.db, PathBuf::from("vigil.db"));
    }

    #[test]
    fn a_bad_value_names_where_it_came_from() {
        let vars = [("VIGIL_LISTEN".to_owned(), "everywhere".to_owned())];
        let error = Config::load(None, vars).unwrap_err().to_string();
        assert!(
            error.starts_with("environment variable VIGIL_LISTEN: 'everywhere'"),
            "{error}"
        );
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("vigil.toml");
        std::fs::write(&file, "listen_on = 1\n").unwrap();
        let error = Config::load(Some(&file), []).unwrap_err().to_string();
        assert!(error.contains("unknown field `listen_on`"), "{error}");
    }

    #[test]
    fn a_database_password_is_redacted() {
        let config = Config {
            db: PathBuf::from("postgres://vigil:s3cret@db.example/vigil"),
            ..Config::default()
        };
        let shown = config.to_redacted_toml();
        assert!(!shown.contains("s3cret"), "{shown}");
        assert!(
            shown.contains("postgres://vigil:REDACTED@db.example/vigil"),
            "{shown}"
        );
    }
}
