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
    /// The web interface (`[web]` in the file).
    pub web: WebConfig,
}

/// The web interface's base map. By default it is fully offline: the page draws the stored
/// boundaries and loads nothing from elsewhere, and its Content-Security-Policy says so.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct WebConfig {
    /// Origins (`https://tiles.example.org`) the page may load a user's base map tiles from,
    /// added to its Content-Security-Policy (`connect-src` and `img-src`). Only the operator
    /// widens the policy, deliberately: a user's setting in the browser cannot. Environment:
    /// `VIGIL_WEB_TILE_ORIGINS`, separated by commas or spaces.
    pub tile_origins: Vec<String>,
    /// A folder of PMTiles archives served at `/tiles/NAME.pmtiles` (from this server, so
    /// the policy needs no widening). Environment: `VIGIL_WEB_TILES_DIR`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tiles_dir: Option<PathBuf>,
}

/// Whether `origin` is a plain origin a policy may name: `http` or `https`, a host (a leading
/// `*.` allowed) and an optional port, nothing else (no path, no quote, no space, no `;`), so
/// a configured value can never add a directive or a keyword to the policy.
pub fn check_tile_origin(origin: &str) -> Result<(), String> {
    let bad = || {
        format!(
            "'{origin}' is not an origin such as https://tiles.example.org (scheme, host and \
             optional port only)"
        )
    };
    let rest = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"))
        .ok_or_else(bad)?;
    let (host, port) = match rest.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (rest, None),
    };
    let host_body = host.strip_prefix("*.").unwrap_or(host);
    let host_ok = !host_body.is_empty()
        && host_body
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        && !host_body.starts_with('.')
        && !host_body.ends_with('.');
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.parse::<u16>().is_ok());
    if host_ok && port_ok {
        Ok(())
    } else {
        Err(bad())
    }
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
            web: WebConfig::default(),
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
        let config: Config = toml::from_str(&text).map_err(|e| ConfigError::File {
            file: file.clone(),
            problem: e.message().to_owned(),
        })?;
        for origin in &config.web.tile_origins {
            check_tile_origin(origin).map_err(|problem| ConfigError::File {
                file: file.clone(),
                problem: format!("web.tile_origins: {problem}"),
            })?;
        }
        Ok(config)
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
            "VIGIL_WEB_TILES_DIR" => self.web.tiles_dir = Some(PathBuf::from(value)),
            "VIGIL_WEB_TILE_ORIGINS" => {
                let origins: Vec<String> = value
                    .split([',', ' '])
                    .map(str::trim)
                    .filter(|o| !o.is_empty())
                    .map(str::to_owned)
                    .collect();
                for origin in &origins {
                    check_tile_origin(origin).map_err(bad)?;
                }
                self.web.tile_origins = origins;
            }
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
    fn tile_origins_are_plain_origins_from_the_file_or_the_environment() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("vigil.toml");
        std::fs::write(
            &file,
            "[web]\ntile_origins = [\"https://tile.example.org\"]\ntiles_dir = \"maps\"\n",
        )
        .unwrap();
        let config = Config::load(Some(&file), []).unwrap();
        assert_eq!(config.web.tile_origins, ["https://tile.example.org"]);
        assert_eq!(config.web.tiles_dir, Some(PathBuf::from("maps")));
        let vars = [(
            "VIGIL_WEB_TILE_ORIGINS".to_owned(),
            "https://a.example.org, http://127.0.0.1:8081 https://*.tiles.example.net".to_owned(),
        )];
        let config = Config::load(None, vars).unwrap();
        assert_eq!(config.web.tile_origins.len(), 3);
        assert_eq!(Config::default().web.tile_origins, Vec::<String>::new());
        for bad in [
            "tile.example.org",
            "https://tile.example.org/path",
            "https://x.org; script-src *",
            "'unsafe-inline'",
            "https://",
            "https://x.org:99999",
            "*",
            "data:",
        ] {
            assert!(check_tile_origin(bad).is_err(), "{bad}");
            let vars = [("VIGIL_WEB_TILE_ORIGINS".to_owned(), bad.to_owned())];
            if !bad.contains(' ') {
                assert!(Config::load(None, vars).is_err(), "{bad}");
            }
        }
        std::fs::write(&file, "[web]\ntile_origins = [\"https://x.org/a\"]\n").unwrap();
        let error = Config::load(Some(&file), []).unwrap_err().to_string();
        assert!(error.contains("web.tile_origins"), "{error}");
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
