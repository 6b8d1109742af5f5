//! Where a database is: what `--db` and `VIGIL_DB` name.

use std::fmt;
use std::path::{Path, PathBuf};

/// A database's location: a SQLite file, or a PostgreSQL server's URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A SQLite file (created on first write).
    Sqlite(PathBuf),
    /// A PostgreSQL connection URL (`postgres://user:password@host:port/database`). It may
    /// hold a password: show it with [`Location`]'s `Display`, which redacts it.
    Postgres(String),
}

impl Location {
    /// A `postgres://` or `postgresql://` URL is a PostgreSQL database; anything else is a
    /// SQLite file's path.
    pub fn parse(text: impl AsRef<std::ffi::OsStr>) -> Self {
        let text = text.as_ref();
        match text.to_str() {
            Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
                Location::Postgres(url.to_owned())
            }
            _ => Location::Sqlite(PathBuf::from(text)),
        }
    }

    /// The SQLite file, if this is one.
    pub fn file(&self) -> Option<&Path> {
        match self {
            Location::Sqlite(path) => Some(path),
            Location::Postgres(_) => None,
        }
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self, Location::Postgres(_))
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Sqlite(path) => write!(f, "{}", path.display()),
            Location::Postgres(url) => f.write_str(&redact_password(url)),
        }
    }
}

/// `postgres://user:secret@host/db` → `postgres://user:REDACTED@host/db`; a URL without a
/// password as it is. A `password=` query parameter is redacted too. (The PostgreSQL backend's
/// own rule, so a URL is shown the same wherever it appears.)
pub fn redact_password(url: &str) -> String {
    vigil_store_postgres::url_without_password(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_is_postgres_and_anything_else_a_file() {
        assert!(Location::parse("postgres://vigil@127.0.0.1/vigil").is_postgres());
        assert!(Location::parse("postgresql://h/db").is_postgres());
        assert_eq!(
            Location::parse("data/vigil.db").file(),
            Some(Path::new("data/vigil.db"))
        );
        // A file whose name merely mentions postgres is still a file.
        assert!(!Location::parse("./postgres://x").is_postgres());
    }

    #[test]
    fn a_password_is_never_shown() {
        let shown = Location::parse("postgres://vigil:s3cret@db.example:5432/vigil").to_string();
        assert_eq!(shown, "postgres://vigil:REDACTED@db.example:5432/vigil");
        let shown =
            Location::parse("postgres://db.example/vigil?user=v&password=s3cret&x=1").to_string();
        assert_eq!(
            shown,
            "postgres://db.example/vigil?user=v&password=REDACTED&x=1"
        );
        assert!(!redact_password("postgres://u:p@w@h/d").contains(":p"));
    }
}
