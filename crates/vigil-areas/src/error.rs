//! What can go wrong reading a boundary file: the whole file ([`ReadError`]), or one feature
//! of it ([`FeatureError`]), which the caller may skip.

/// A boundary file that cannot be read at all.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{file}: cannot read the file: {source}")]
    Io {
        file: String,
        source: std::io::Error,
    },
    #[error("{file}: not valid GeoJSON: {problem}")]
    NotGeoJson { file: String, problem: String },
    #[error("{file}: a GeoJSON {found}, not a FeatureCollection of boundaries")]
    NotACollection { file: String, found: &'static str },
}

/// A feature that does not give an area. `index` counts features from 0, in file order, as
/// GIS tools number them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: feature {index}: {problem}")]
pub struct FeatureError {
    pub file: String,
    pub index: usize,
    pub problem: String,
}
