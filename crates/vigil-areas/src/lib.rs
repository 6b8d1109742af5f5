//! Vigil's areas from boundary files: administrative units (governorates, districts,
//! sub-districts) and neighbourhoods read from GeoJSON, and the index that says which of them
//! contain a point, so incidents and sites can be placed in the finest area that holds them.
//!
//! Reading ([`read_boundaries`], [`parse_boundaries`]) is driven by the properties each feature
//! carries, never by the file's name, so a user's boundary files from OCHA's common operational
//! datasets, HDX or a GIS export read as well as the Syrian ones Vigil is tested with:
//! - the P-code is `PCODE` (any case and punctuation: `pcode`, `P_CODE`), or, without one, the
//!   `ADMn_PCODE` (`admin{n}Pcode`, `adm{n}_pcode`, …) of the deepest level;
//! - the English name is `NAME_EN` (`name_en`), else the `ADMn_EN` of the feature's own level,
//!   else `name`; the Arabic name `NAME_AR`, else `ADMn_AR`; names written in the other
//!   language's script are swapped back (`syr_admin3` has `ADM0_EN` and `ADM0_AR` swapped);
//! - level and parent come from the `ADMn_PCODE` properties (see the `hierarchy` module);
//! - `<Null>` and empty text are no value;
//! - a feature without a P-code or a Polygon/MultiPolygon geometry gives no area but a
//!   [`FeatureError`] naming file and feature index; all are collected, and the caller decides
//!   whether to skip them;
//! - the countries the features name in `ADM0_PCODE` come back too, without a boundary, so
//!   every governorate's parent exists.
//!
//! [`AreaIndex`] holds the areas that have a boundary: [`AreaIndex::containing`] lists those
//! containing a point, [`AreaIndex::finest`] picks the deepest, and [`AreaIndex::area_for`]
//! the deepest that a location's precision allows ([`finest_level_for`]).
//!
//! # Layout
//!
//! - `properties`: property lookup by normalised name, `<Null>` as absent, the `ADMn` groups;
//! - `hierarchy`: P-code, level and parent from the `ADMn_PCODE` codes;
//! - `names`: English and Arabic names, swapped back when a file mixed them up;
//! - `geometry`: a feature's geometry as a boundary;
//! - `read`: a FeatureCollection into [`Boundaries`];
//! - `index`: [`AreaIndex`];
//! - `precision`: how fine an area a location's precision allows;
//! - `error`: [`ReadError`] and [`FeatureError`].
#![forbid(unsafe_code)]

mod error;
mod geometry;
mod hierarchy;
mod index;
mod names;
mod precision;
mod properties;
mod read;

pub use error::{FeatureError, ReadError};
pub use hierarchy::{depth_of, level_at};
pub use index::AreaIndex;
pub use precision::finest_level_for;
pub use read::{parse_boundaries, read_boundaries, Boundaries};
