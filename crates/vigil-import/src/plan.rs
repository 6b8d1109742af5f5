//! [`Plan`]: what a file holds and how it will be read, decided before anything is written,
//! so a caller can check that it may write that kind of record first.

use crate::error::ImportError;
use crate::file::ImportFile;
use crate::kind::{self, FileFormat, Options, RecordKind, What};
use crate::progress::Progress;
use crate::records::{self, Described};
use crate::report::{ColumnRead, Report};
use vigil_domain::Actor;
use vigil_formats::ForeignRows;
use vigil_io::{Format, IncidentRow, RowError, RowSource, SiteRow};
use vigil_store::Store;

/// An import, decided and ready to run.
pub struct Plan {
    file: ImportFile,
    options: Options,
    read: Read,
}

enum Read {
    Sites(Format),
    Incidents(Format),
    /// A publisher's file, its header and hashtag rows read.
    Foreign(Box<ForeignRows>),
    Areas,
}

impl Plan {
    /// Decides what `file` holds and how to read it (reading its first rows, no more), or
    /// says why it cannot be read.
    pub fn new(file: ImportFile, options: Options) -> Result<Plan, ImportError> {
        let read = match kind::decide(&file, &options)? {
            What::Sites(format) => Read::Sites(format),
            What::Incidents(format) => Read::Incidents(format),
            What::Foreign(read_options) => Read::Foreign(Box::new(
                file.foreign_rows(&read_options)
                    .map_err(|e| ImportError::input(e.to_string()))?,
            )),
            What::Areas => {
                if matches!(
                    options.format,
                    Some(FileFormat::Csv | FileFormat::Hxl | FileFormat::Acled | FileFormat::Ucdp)
                ) {
                    return Err(ImportError::input(
                        "areas are read from GeoJSON only: a FeatureCollection of Polygon or \
                         MultiPolygon features with P-codes",
                    ));
                }
                Read::Areas
            }
        };
        Ok(Plan {
            file,
            options,
            read,
        })
    }

    /// What the file holds: what the import will write.
    pub fn kind(&self) -> RecordKind {
        match self.read {
            Read::Sites(_) => RecordKind::Sites,
            Read::Incidents(_) | Read::Foreign(_) => RecordKind::Incidents,
            Read::Areas => RecordKind::Areas,
        }
    }

    /// Imports the file into `store`, every write under `actor` (`None`: the command line's
    /// user), telling `progress` how far it has got. Bad rows are in the report, not an error.
    pub fn run(
        self,
        store: &mut dyn Store,
        actor: Option<&Actor>,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<Report, ImportError> {
        let kind = self.kind();
        let Plan {
            file,
            options,
            read,
        } = self;
        match read {
            Read::Areas => crate::areas::import(store, actor, &file, &options, progress),
            Read::Sites(format) => {
                let opened = file.clone();
                let open: records::Opener<SiteRow> = Box::new(move || opened.sites(format));
                records::import(
                    store,
                    actor,
                    &file,
                    &options,
                    kind,
                    open,
                    Described::default(),
                    progress,
                )
            }
            Read::Incidents(format) => {
                let opened = file.clone();
                let open: records::Opener<IncidentRow> = Box::new(move || opened.incidents(format));
                records::import(
                    store,
                    actor,
                    &file,
                    &options,
                    kind,
                    open,
                    Described::default(),
                    progress,
                )
            }
            Read::Foreign(rows) => {
                let layout = rows.layout().name();
                progress(Progress::Layout(layout));
                let described = Described {
                    layout: Some(layout),
                    columns: rows
                        .columns()
                        .iter()
                        .map(|c| ColumnRead {
                            label: c.label.clone(),
                            tag: c.tag.clone(),
                            field: c.field.clone(),
                        })
                        .collect(),
                };
                let open: records::Opener<IncidentRow> = Box::new(move || {
                    Ok(rows as Box<dyn RowSource<Item = Result<IncidentRow, RowError>>>)
                });
                records::import(
                    store, actor, &file, &options, kind, open, described, progress,
                )
            }
        }
    }
}
