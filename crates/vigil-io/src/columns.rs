//! The canonical column layouts and how a header row (or a feature's property names) maps to
//! them.
//!
//! Each layout is an enum whose declaration order is the writing order: required columns first,
//! then optional ones. Reading matches names case-insensitively after trimming and ignores
//! columns it does not know, so a file with its columns in any order, or with extra columns a
//! spreadsheet added, still reads.

/// A canonical column layout.
pub(crate) trait Columns: Copy + Eq + 'static {
    /// Every column, in writing order.
    const ALL: &'static [Self];
    /// How many of the leading columns of [`Columns::ALL`] a CSV header must have.
    const REQUIRED: usize;

    fn name(self) -> &'static str;

    fn index(self) -> usize;

    /// The column a header name or property key stands for, if any.
    fn lookup(name: &str) -> Option<Self> {
        let name = normalise_name(name);
        Self::ALL.iter().copied().find(|c| c.name() == name)
    }
}

/// A header name as matched: without surrounding space or a byte order mark, lower case.
pub(crate) fn normalise_name(name: &str) -> String {
    name.trim_start_matches('\u{feff}').trim().to_lowercase()
}

macro_rules! layout {
    (
        $(#[$doc:meta])* $name:ident,
        $req_const:ident, $opt_const:ident,
        required { $($rv:ident = $rt:literal),+ $(,)? }
        optional { $($ov:ident = $ot:literal),+ $(,)? }
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(crate) enum $name {
            $($rv,)+
            $($ov,)+
        }

        impl Columns for $name {
            const ALL: &'static [Self] = &[$($name::$rv,)+ $($name::$ov,)+];
            const REQUIRED: usize = $req_const.len();

            fn name(self) -> &'static str {
                match self {
                    $($name::$rv => $rt,)+
                    $($name::$ov => $ot,)+
                }
            }

            fn index(self) -> usize {
                self as usize
            }
        }

        #[doc = concat!("Required columns of the canonical ", stringify!($name), " layout, in writing order.")]
        pub const $req_const: &[&str] = &[$($rt),+];
        #[doc = concat!("Optional columns of the canonical ", stringify!($name), " layout, in writing order (after the required ones).")]
        pub const $opt_const: &[&str] = &[$($ot),+];
    };
}

layout!(
    /// Columns of the canonical sites file.
    SiteCol, SITE_REQUIRED_COLUMNS, SITE_OPTIONAL_COLUMNS,
    required {
        Id = "id", Kind = "kind", Name = "name", Lon = "lon", Lat = "lat", RadiusM = "radius_m",
        NotifiedFrom = "notified_from", NotifiedTo = "notified_to",
    }
    optional {
        Precision = "precision", Operator = "operator", Sensitivity = "sensitivity",
        Area = "area", Status = "status", StatusAsOf = "status_as_of",
        NotificationId = "notification_id", NotifiedParties = "notified_parties",
        NotifiedSentAt = "notified_sent_at", NotificationChannel = "notification_channel",
        // Added after the first release: last, so that existing files and the position of
        // every older column in an export stay as they were.
        StatusSource = "status_source", NotificationSource = "notification_source",
        NotificationWithdrawnAt = "notification_withdrawn_at",
    }
);

layout!(
    /// Columns of the canonical incidents file.
    IncidentCol, INCIDENT_REQUIRED_COLUMNS, INCIDENT_OPTIONAL_COLUMNS,
    required {
        Id = "id", Kind = "kind", Lon = "lon", Lat = "lat", RadiusM = "radius_m",
        Start = "start", End = "end",
    }
    optional {
        Precision = "precision", TimePrecision = "time_precision", Title = "title",
        Certainty = "certainty", Weapon = "weapon", Damage = "damage", SiteIds = "site_ids",
        TargetKinds = "target_kinds", Casualties = "casualties", Perpetrators = "perpetrators",
        Description = "description", Source = "source", Area = "area",
        // Added after the first release: last, so that existing files and the position of
        // every older column in an export stay as they were.
        MovementIds = "movement_ids",
    }
);

/// Where each known column sits in a CSV record, from the header row.
#[derive(Debug)]
pub(crate) struct HeaderMap {
    /// Per column of the layout (by [`Columns::index`]), its position in the record.
    pub positions: Vec<Option<usize>>,
    /// One message per unknown column, which is ignored.
    pub warnings: Vec<String>,
}

impl HeaderMap {
    /// Matches a header row against layout `C`; the error names what is wrong with the header.
    pub fn new<C: Columns>(names: &[&str]) -> Result<Self, String> {
        let mut positions = vec![None; C::ALL.len()];
        let mut warnings = Vec::new();
        for (i, raw) in names.iter().enumerate() {
            match C::lookup(raw) {
                Some(column) => {
                    if positions[column.index()].is_some() {
                        return Err(format!("column '{}' appears twice", column.name()));
                    }
                    positions[column.index()] = Some(i);
                }
                // Trailing empty header cells are what spreadsheets leave behind: not worth a
                // warning.
                None if raw.trim().is_empty() => {}
                None => warnings.push(format!("unknown column '{}' ignored", raw.trim())),
            }
        }
        let missing: Vec<&str> = C::ALL[..C::REQUIRED]
            .iter()
            .filter(|c| positions[c.index()].is_none())
            .map(|c| c.name())
            .collect();
        match missing.as_slice() {
            [] => Ok(Self {
                positions,
                warnings,
            }),
            [one] => Err(format!("missing required column '{one}'")),
            many => Err(format!("missing required columns: {}", many.join(", "))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layouts_list_required_columns_first() {
        assert_eq!(SiteCol::REQUIRED, 8);
        assert_eq!(SiteCol::ALL[7].name(), "notified_to");
        assert_eq!(SiteCol::ALL.len(), 21);
        for (i, c) in SiteCol::ALL.iter().enumerate() {
            assert_eq!(c.index(), i);
        }
        assert_eq!(IncidentCol::REQUIRED, 7);
        assert_eq!(IncidentCol::ALL.len(), 21);
        for (i, c) in IncidentCol::ALL.iter().enumerate() {
            assert_eq!(c.index(), i);
        }
    }

    #[test]
    fn header_names_match_loosely_and_problems_are_named() {
        let map = HeaderMap::new::<SiteCol>(&[
            "\u{feff}ID",
            " Kind ",
            "name",
            "lon",
            "lat",
            "radius_m",
            "notified_from",
            "notified_to",
            "extra",
            "",
        ])
        .unwrap();
        assert_eq!(map.positions[SiteCol::Id.index()], Some(0));
        assert_eq!(map.positions[SiteCol::Kind.index()], Some(1));
        assert_eq!(
            map.warnings,
            vec!["unknown column 'extra' ignored".to_string()]
        );

        let err =
            HeaderMap::new::<SiteCol>(&["id", "kind", "name", "lon", "radius_m"]).unwrap_err();
        assert_eq!(
            err,
            "missing required columns: lat, notified_from, notified_to"
        );
        let err = HeaderMap::new::<IncidentCol>(&["id", "id"]).unwrap_err();
        assert_eq!(err, "column 'id' appears twice");
    }
}
