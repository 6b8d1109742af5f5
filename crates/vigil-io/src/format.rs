//! Which of the two canonical formats a file is in.

use crate::error::ReadError;
use std::fs::File;
use std::io::Read;
use std::path::Path;

/// A canonical interchange format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Canonical CSV: a header row naming the columns, then one record per row.
    Csv,
    /// A GeoJSON (RFC 7946) FeatureCollection of Point features.
    GeoJson,
}

/// The UTF-8 byte order mark some spreadsheet programs put at the start of a file.
pub(crate) const BOM: &[u8] = b"\xEF\xBB\xBF";

impl Format {
    /// GeoJSON for a `.geojson` or `.json` name, or content whose first non-space byte (after an
    /// optional byte order mark) is `{`; CSV otherwise.
    pub fn detect(path: &Path, first_bytes: &[u8]) -> Format {
        let by_name = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("geojson") || e.eq_ignore_ascii_case("json"));
        let content = first_bytes.strip_prefix(BOM).unwrap_or(first_bytes);
        let by_content = content
            .iter()
            .find(|b| !b.is_ascii_whitespace())
            .is_some_and(|b| *b == b'{');
        if by_name || by_content {
            Format::GeoJson
        } else {
            Format::Csv
        }
    }

    /// [`Format::detect`] on a file's name and its first kilobyte.
    pub fn of_file(path: &Path) -> Result<Format, ReadError> {
        let io = |source| ReadError::Io {
            file: path.display().to_string(),
            source,
        };
        let mut head = Vec::with_capacity(1024);
        File::open(path)
            .map_err(io)?
            .take(1024)
            .read_to_end(&mut head)
            .map_err(io)?;
        Ok(Format::detect(path, &head))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_or_a_leading_brace_means_geojson() {
        assert_eq!(
            Format::detect(Path::new("a.GeoJSON"), b"id,kind"),
            Format::GeoJson
        );
        assert_eq!(Format::detect(Path::new("a.json"), b""), Format::GeoJson);
        assert_eq!(
            Format::detect(Path::new("a.txt"), b"\xEF\xBB\xBF \n {"),
            Format::GeoJson
        );
        assert_eq!(Format::detect(Path::new("a.csv"), b"id,kind"), Format::Csv);
        assert_eq!(Format::detect(Path::new("noext"), b""), Format::Csv);
    }
}
