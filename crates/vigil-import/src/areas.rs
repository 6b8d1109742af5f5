//! Boundary files: the areas of a GeoJSON file of admin boundaries or neighbourhoods in one
//! transaction, then the stored incidents and sites placed in the finest area containing them.
//!
//! Incidents and sites imported later are placed as they are written (see [`place`]), so the
//! two ways a record gets its area agree, and re-importing either file changes nothing.
//!
//! Which stored records are placed after a boundary import: those with no area, and those
//! whose area is the one the areas stored before this import would have placed them in. The
//! second kind is how boundaries usually arrive, coarse to fine: incidents placed in their
//! governorate by `syr_admin1` move down to their district with `syr_admin2`, and end where an
//! incident imported after all four files would be placed. A record naming another area keeps
//! it. Vigil does not record whether an area was stated or placed, so an area stated in a file
//! that is exactly the one Vigil would have placed the record in counts as placed, and moves
//! down too; importing that file again puts it back (and counts as a change).

use crate::error::ImportError;
use crate::file::ImportFile;
use crate::kind::{Options, RecordKind};
use crate::progress::Progress;
use crate::report::{BadRow, Outcome, Placed, Report};
use chrono::{SubsecRound, Utc};
use std::collections::{BTreeSet, HashSet};
use vigil_areas::{AreaIndex, Boundaries};
use vigil_domain::{Actor, Area, AreaId, IncidentId, Location, Sha256, SiteId};
use vigil_store::{Existing, ImportRun, Store, StoreResult, Transaction, WriteOutcome};

/// How often the progress message moves while records are placed.
const PROGRESS_EVERY: usize = 10_000;

/// The index of the stored areas that have a boundary, for placing records.
pub(crate) fn stored_index(store: &dyn Store) -> StoreResult<AreaIndex> {
    Ok(AreaIndex::new(store.areas()?))
}

/// Gives a record without an area the finest stored area containing its location, as far as
/// its precision allows; an area the record names itself is kept.
pub(crate) fn place(area: &mut Option<AreaId>, location: &Location, areas: &AreaIndex) {
    if area.is_none() {
        *area = areas.area_for(location);
    }
}

fn transaction<'s>(
    store: &'s mut dyn Store,
    actor: Option<&Actor>,
) -> StoreResult<Box<dyn Transaction + 's>> {
    match actor {
        Some(actor) => store.transaction_as(actor),
        None => store.transaction(),
    }
}

/// Imports the areas of `file`, then places the stored records (see the module doc).
pub(crate) fn import(
    store: &mut dyn Store,
    actor: Option<&Actor>,
    file: &ImportFile,
    options: &Options,
    progress: &mut dyn FnMut(Progress),
) -> Result<Report, ImportError> {
    let file_name = file.file_name();
    let bytes = file.read_all()?;
    // Areas cite the file they came from, as incidents without a source of their own do.
    let source = vigil_io::file_source(&file_name);
    let read = vigil_areas::parse_boundaries(file.name(), &bytes, Some(&source.id))
        .map_err(|e| ImportError::input(e.to_string()))?;
    let bad = read.bad.len() as u64;
    let mut report = Report {
        file: file_name.clone(),
        kind: RecordKind::Areas,
        outcome: Outcome::Rejected,
        layout: None,
        columns: Vec::new(),
        rows_read: read.features as u64,
        inserted: 0,
        updated: 0,
        unchanged: 0,
        bad,
        bad_rows: read.bad.iter().cloned().map(BadRow::from).collect(),
        warnings: Vec::new(),
        new_countries: Vec::new(),
        placed: None,
    };
    if bad > 0 && !options.skip_bad_rows {
        return Ok(report);
    }
    let before = store.areas()?;
    // A country the file only names is added when missing, and never written over: a stored
    // one may have the boundary of a country-level file.
    let stored: HashSet<AreaId> = before.iter().map(|a| a.id.clone()).collect();
    let placed_before = AreaIndex::new(before);

    // The reader checked every feature against the rules the store applies, so a write that
    // fails here is not about one feature: it aborts the import, which writes nothing.
    let mut tx = transaction(store, actor)?;
    tx.put_source(&source, Existing::Keep)?;
    for area in &read.areas {
        match tx.put_area(area)? {
            WriteOutcome::Inserted => report.inserted += 1,
            WriteOutcome::Updated => report.updated += 1,
            WriteOutcome::Unchanged => report.unchanged += 1,
        }
    }
    for country in read.countries.iter().filter(|c| !stored.contains(&c.id)) {
        tx.put_area(country)?;
        report.new_countries.push(country.id.to_string());
    }
    if options.dry_run {
        // The writes above were made so the counts are real; dropping the transaction rolls
        // every one of them back.
        drop(tx);
        report.outcome = Outcome::WouldBeImported;
        return Ok(report);
    }
    tx.record_import(&ImportRun {
        finished_at: Utc::now().trunc_subsecs(0),
        record_kind: RecordKind::Areas.as_str().into(),
        file_name: file_name.clone(),
        file_sha256: Sha256::of(&bytes),
        rows_read: read.features as u64,
        inserted: report.inserted,
        updated: report.updated,
        unchanged: report.unchanged,
        skipped: bad,
    })?;
    tx.commit()?;
    report.outcome = Outcome::Imported;
    report.warnings.extend(missing_parents(&read, &stored));
    // Always, even when no area changed: an earlier import may have stopped between its
    // commit and this step, and running it again costs one read of the records.
    report.placed = place_stored_records(store, actor, &placed_before, progress)?;
    Ok(report)
}

/// A warning when areas of the file name a parent that is neither stored nor in the file: the
/// cross-check tells whether one area lies inside another by walking up the parents, so a
/// missing level (sub-districts, between neighbourhoods and their governorate) hides area-level
/// matches until its boundaries are imported too.
fn missing_parents(read: &Boundaries, stored: &HashSet<AreaId>) -> Option<String> {
    let known: HashSet<&AreaId> = stored
        .iter()
        .chain(read.areas.iter().map(|a| &a.id))
        .chain(read.countries.iter().map(|c| &c.id))
        .collect();
    let orphans: Vec<&Area> = read
        .areas
        .iter()
        .filter(|a| a.parent.as_ref().is_some_and(|p| !known.contains(p)))
        .collect();
    if orphans.is_empty() {
        return None;
    }
    let missing: BTreeSet<&str> = orphans
        .iter()
        .filter_map(|a| a.parent.as_ref().map(AreaId::as_str))
        .collect();
    let shown: Vec<&str> = missing.iter().take(5).copied().collect();
    let more = if missing.len() > shown.len() {
        format!(", … {} in all", missing.len())
    } else {
        String::new()
    };
    Some(format!(
        "{} area{} name{} a parent that is not stored ({}{more}); import the boundaries of \
         that level too, so that the cross-check can tell which areas lie inside which",
        orphans.len(),
        if orphans.len() == 1 { "" } else { "s" },
        if orphans.len() == 1 { "s" } else { "" },
        shown.join(", "),
    ))
}

/// A record to move: from the area it has (if any) to the one it is now placed in.
type Move<Id> = (Id, Option<AreaId>, AreaId);

/// Where a stored record with area `area` at `location` moves now that the stored areas are
/// `now`, if anywhere: see the module doc.
fn destination(
    area: &Option<AreaId>,
    location: &Location,
    now: &AreaIndex,
    before: &AreaIndex,
) -> Option<AreaId> {
    let to = now.area_for(location)?;
    let placed = match area {
        None => true,
        Some(area) => *area != to && before.area_for(location).as_ref() == Some(area),
    };
    placed.then_some(to)
}

/// Places the stored incidents and sites that have no area, or the one the areas stored
/// `before` the import placed them in, in one transaction; `None` when none was to move.
fn place_stored_records(
    store: &mut dyn Store,
    actor: Option<&Actor>,
    before: &AreaIndex,
    progress: &mut dyn FnMut(Progress),
) -> Result<Option<Placed>, ImportError> {
    let now = stored_index(store)?;
    if now.is_empty() {
        return Ok(None);
    }
    progress(Progress::Placing("placing incidents in areas".into()));
    let mut incidents: Vec<Move<IncidentId>> = Vec::new();
    let mut read = 0usize;
    store.for_each_incident(&mut |incident| {
        read += 1;
        if read.is_multiple_of(PROGRESS_EVERY) {
            progress(Progress::Placing(format!(
                "placing incidents in areas: {read} read"
            )));
        }
        if let Some(to) = destination(&incident.area, &incident.location, &now, before) {
            incidents.push((incident.id, incident.area, to));
        }
        Ok(())
    })?;
    let sites: Vec<Move<SiteId>> = store
        .sites()?
        .into_iter()
        .filter_map(|site| {
            let to = destination(&site.area, &site.location, &now, before)?;
            Some((site.id, site.area, to))
        })
        .collect();
    if incidents.is_empty() && sites.is_empty() {
        progress(Progress::Done);
        return Ok(None);
    }

    let mut tx = transaction(store, actor)?;
    let mut placed = Placed {
        incidents: 0,
        sites: 0,
    };
    for (i, (id, from, to)) in incidents.iter().enumerate() {
        if tx.set_incident_area(id, from.as_ref(), to)? == WriteOutcome::Updated {
            placed.incidents += 1;
        }
        if (i + 1) % PROGRESS_EVERY == 0 {
            progress(Progress::Placing(format!(
                "placing incidents in areas: {} of {}",
                i + 1,
                incidents.len()
            )));
        }
    }
    for (id, from, to) in &sites {
        if tx.set_site_area(id, from.as_ref(), to)? == WriteOutcome::Updated {
            placed.sites += 1;
        }
    }
    progress(Progress::Placing(
        "placing incidents and sites in areas: saving to the database…".into(),
    ));
    tx.commit()?;
    progress(Progress::Done);
    Ok(Some(placed))
}
