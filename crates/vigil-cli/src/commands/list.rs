//! `vigil list`: counts, or one kind of record as an aligned table.

use crate::cli::{ListArgs, ListKind};
use crate::failure::CliResult;
use vigil_store::Store;

/// Prints rows as columns padded to their widest cell (counted in characters, so Arabic
/// names do not break the alignment of what follows them).
pub fn print_table(header: &[&str], rows: &[Vec<String>]) {
    print!("{}", format_table(header, rows));
}

/// The table [`print_table`] prints, one line per row, each ending in a newline.
pub fn format_table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut table = String::new();
    let mut line = |cells: Vec<&str>| {
        let mut out = String::new();
        for (i, (cell, w)) in cells.iter().zip(&widths).enumerate() {
            if i + 1 == cells.len() {
                out.push_str(cell);
            } else {
                out.push_str(cell);
                out.push_str(&" ".repeat(w - cell.chars().count() + 2));
            }
        }
        table.push_str(out.trim_end());
        table.push('\n');
    };
    line(header.to_vec());
    for row in rows {
        line(row.iter().map(String::as_str).collect());
    }
    if rows.is_empty() {
        table.push_str("(none)\n");
    }
    table
}

fn opt(value: Option<&str>) -> String {
    value.unwrap_or("").to_owned()
}

pub fn run(store: &dyn Store, args: &ListArgs) -> CliResult {
    let Some(what) = args.what else {
        let c = store.counts()?;
        let rows: Vec<Vec<String>> = [
            ("sites", c.sites),
            ("movements", c.movements),
            ("notifications", c.notifications),
            ("acknowledgements", c.acknowledgements),
            ("incidents", c.incidents),
            ("reports", c.reports),
            ("statements", c.statements),
            ("sources", c.sources),
            ("parties", c.parties),
            ("areas", c.areas),
            ("ceasefires", c.ceasefires),
            ("zones of control", c.zones_of_control),
            ("population figures", c.population_figures),
        ]
        .iter()
        .map(|(name, n)| vec![name.to_string(), n.to_string()])
        .collect();
        print_table(&["record", "count"], &rows);
        return Ok(());
    };
    match what {
        ListKind::Sites => {
            let rows = store
                .sites()?
                .into_iter()
                .map(|s| {
                    let status = s
                        .status
                        .last()
                        .map(|e| format!("{} since {}", e.status, e.as_of))
                        .unwrap_or_default();
                    vec![
                        s.id.to_string(),
                        s.kind.to_string(),
                        s.name,
                        s.location.precision.describe(),
                        s.sensitivity.to_string(),
                        status,
                    ]
                })
                .collect::<Vec<_>>();
            print_table(
                &["id", "kind", "name", "precision", "sensitivity", "status"],
                &rows,
            );
        }
        ListKind::Incidents => {
            let mut rows = Vec::new();
            store.for_each_incident(&mut |i| {
                rows.push(vec![
                    i.id.to_string(),
                    i.when.start().format("%Y-%m-%d").to_string(),
                    i.kind.to_string(),
                    i.certainty.to_string(),
                    i.location.precision.describe(),
                    opt(i.title.as_deref()),
                ]);
                Ok(())
            })?;
            rows.sort_by(|a, b| a[1].cmp(&b[1]).then_with(|| a[0].cmp(&b[0])));
            print_table(
                &["id", "date", "kind", "certainty", "precision", "title"],
                &rows,
            );
        }
        ListKind::Notifications => {
            let mut rows = Vec::new();
            for n in store.notifications()? {
                let acks = store
                    .acknowledgements(&n.id)?
                    .into_iter()
                    .filter(|a| a.version == n.version)
                    .map(|a| a.party.to_string())
                    .collect::<Vec<_>>();
                rows.push(vec![
                    n.id.to_string(),
                    n.version.to_string(),
                    format!("{} {}", n.subject.kind(), n.subject.id()),
                    n.sent_at.format("%Y-%m-%d %H:%M").to_string(),
                    format!(
                        "{} to {}",
                        n.valid.from,
                        n.valid
                            .to
                            .map(|d| d.to_string())
                            .unwrap_or_else(|| "open".into())
                    ),
                    n.parties
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(", "),
                    acks.join(", "),
                ]);
            }
            print_table(
                &[
                    "id",
                    "version",
                    "subject",
                    "sent (UTC)",
                    "valid",
                    "to parties",
                    "acknowledged by",
                ],
                &rows,
            );
        }
        ListKind::Movements => {
            let rows = store
                .movements()?
                .into_iter()
                .map(|m| {
                    vec![
                        m.id.to_string(),
                        m.kind.to_string(),
                        m.name,
                        format!(
                            "{} to {}",
                            m.window.start().format("%Y-%m-%d %H:%M"),
                            m.window.end().format("%Y-%m-%d %H:%M")
                        ),
                        format!("{} m", m.corridor_width_m),
                    ]
                })
                .collect::<Vec<_>>();
            print_table(&["id", "kind", "name", "window (UTC)", "corridor"], &rows);
        }
        ListKind::Sources => {
            let rows = store
                .sources()?
                .into_iter()
                .map(|s| {
                    vec![
                        s.id.to_string(),
                        s.kind.to_string(),
                        s.published_on.map(|d| d.to_string()).unwrap_or_default(),
                        opt(s.publisher.as_deref()),
                        s.title,
                    ]
                })
                .collect::<Vec<_>>();
            print_table(&["id", "kind", "date", "publisher", "title"], &rows);
        }
        ListKind::Parties => {
            let rows = store
                .parties()?
                .into_iter()
                .map(|p| vec![p.id.to_string(), p.kind.to_string(), p.name])
                .collect::<Vec<_>>();
            print_table(&["id", "kind", "name"], &rows);
        }
        ListKind::Areas => {
            let rows = store
                .areas()?
                .into_iter()
                .map(|a| {
                    vec![
                        a.id.to_string(),
                        a.level.to_string(),
                        opt(a.parent.as_ref().map(|p| p.as_str())),
                        a.name_en,
                        opt(a.name_ar.as_deref()),
                    ]
                })
                .collect::<Vec<_>>();
            print_table(&["id", "level", "parent", "name", "name (Arabic)"], &rows);
        }
        ListKind::Ceasefires => {
            let rows = store
                .ceasefires()?
                .into_iter()
                .map(|c| {
                    vec![
                        c.id.to_string(),
                        c.start.format("%Y-%m-%d %H:%M").to_string(),
                        c.collapsed_at
                            .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
                            .unwrap_or_default(),
                        c.name,
                    ]
                })
                .collect::<Vec<_>>();
            print_table(&["id", "start (UTC)", "collapsed (UTC)", "name"], &rows);
        }
        ListKind::Zones => {
            let rows = store
                .zones_of_control()?
                .into_iter()
                .map(|z| {
                    vec![
                        z.id.to_string(),
                        z.area.to_string(),
                        z.party.to_string(),
                        z.period.from.to_string(),
                        z.period
                            .to
                            .map(|d| d.to_string())
                            .unwrap_or_else(|| "open".into()),
                    ]
                })
                .collect::<Vec<_>>();
            print_table(&["id", "area", "party", "from", "to"], &rows);
        }
        ListKind::Imports => {
            let rows = store
                .import_runs()?
                .into_iter()
                .map(|r| {
                    vec![
                        r.finished_at.format("%Y-%m-%d %H:%M:%S").to_string(),
                        r.record_kind,
                        r.file_name,
                        r.rows_read.to_string(),
                        r.inserted.to_string(),
                        r.updated.to_string(),
                        r.unchanged.to_string(),
                        r.skipped.to_string(),
                    ]
                })
                .collect::<Vec<_>>();
            print_table(
                &[
                    "finished (UTC)",
                    "kind",
                    "file",
                    "rows",
                    "new",
                    "changed",
                    "unchanged",
                    "skipped",
                ],
                &rows,
            );
        }
    }
    Ok(())
}
