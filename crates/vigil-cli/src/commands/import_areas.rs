//! `vigil import --kind areas`: a GeoJSON file of admin boundaries or neighbourhoods in one
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

use crate::cli::{ImportArgs, ImportFormat};
use crate::failure::{CliResult, Failure};
use crate::progress;
use chrono::{SubsecRound, Utc};
use std::collections::{BTreeSet, HashSet};
use vigil_areas::{AreaIndex, Boundaries};
use vigil_domain::{Area, AreaId, IncidentId, Location, Sha256, SiteId};
use vigil_store::{Existing, ImportRun, Store, WriteOutcome};

/// How often the progress line moves while records are placed.
const PROGRESS_EVERY: usize = 10_000;

/// The index of the stored areas that have a boundary, for placing records.
pub(super) fn stored_index(store: &dyn Store) -> CliResult<AreaIndex> {
    Ok(AreaIndex::new(store.areas()?))
}

/// Gives a record without an area the finest stored area containing its location, as far as
/// its precision allows; an area the record names itself is kept.
pub(super) fn place(area: &mut Option<AreaId>, location: &Location, areas: &AreaIndex) {
    if area.is_none() {
        *area = areas.area_for(location);
    }
}

/// Imports the areas of `args.file`, then places the stored records (see the module doc).
pub(super) fn import(store: &mut dyn Store, args: &ImportArgs) -> CliResult {
    if matches!(
        args.format,
        Some(ImportFormat::Csv | ImportFormat::Hxl | ImportFormat::Acled | ImportFormat::Ucdp)
    ) {
        return Err(Failure::input(
            "areas are read from GeoJSON only: a FeatureCollection of Polygon or MultiPolygon \
             features with P-codes",
        ));
    }
    let path = &args.file;
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let bytes = std::fs::read(path)
        .map_err(|e| Failure::input(format!("cannot open {}: {e}", path.display())))?;
    // Areas cite the file they came from, as incidents without a source of their own do.
    let source = vigil_io::file_source(&file_name);
    let read = vigil_areas::parse_boundaries(&path.display().to_string(), &bytes, Some(&source.id))
        .map_err(|e| Failure::input(e.to_string()))?;
    let skipped = read.bad.len();
    if skipped > 0 && !args.skip_bad_rows {
        for error in &read.bad {
            eprintln!("{error}");
        }
        return Err(Failure::input(format!(
            "{file_name}: {skipped} bad feature{} of {}; nothing was imported \
             (fix the features, or use --skip-bad-rows to import the good ones)",
            if skipped == 1 { "" } else { "s" },
            read.features
        )));
    }
    let before = store.areas()?;
    // A country the file only names is added when missing, and never written over: a stored
    // one may have the boundary of a country-level file.
    let stored: HashSet<AreaId> = before.iter().map(|a| a.id.clone()).collect();
    let placed_before = AreaIndex::new(before);

    // The reader checked every feature against the rules the store applies, so a write that
    // fails here is not about one feature: it aborts the import, which writes nothing.
    let mut tx = store.transaction()?;
    tx.put_source(&source, Existing::Keep)?;
    let (mut inserted, mut updated, mut unchanged) = (0u64, 0u64, 0u64);
    for area in &read.areas {
        match tx.put_area(area)? {
            WriteOutcome::Inserted => inserted += 1,
            WriteOutcome::Updated => updated += 1,
            WriteOutcome::Unchanged => unchanged += 1,
        }
    }
    let mut new_countries = Vec::new();
    for country in read.countries.iter().filter(|c| !stored.contains(&c.id)) {
        tx.put_area(country)?;
        new_countries.push(country.id.to_string());
    }
    if args.dry_run {
        // The writes above were made so the counts are real; dropping the transaction rolls
        // every one of them back.
        drop(tx);
        for error in &read.bad {
            eprintln!("{error}");
        }
        println!(
            "Dry run of {file_name}: {} areas read, {inserted} new, {updated} changed, \
             {unchanged} unchanged, {skipped} bad. Nothing was written.",
            read.features
        );
        return Ok(());
    }
    tx.record_import(&ImportRun {
        finished_at: Utc::now().trunc_subsecs(0),
        record_kind: "areas".into(),
        file_name: file_name.clone(),
        file_sha256: Sha256::of(&bytes),
        rows_read: read.features as u64,
        inserted,
        updated,
        unchanged,
        skipped: skipped as u64,
    })?;
    tx.commit()?;

    for error in &read.bad {
        eprintln!("skipped {error}");
    }
    warn_of_missing_parents(&file_name, &read, &stored);
    let countries = if new_countries.is_empty() {
        String::new()
    } else {
        format!(" New country area: {}.", new_countries.join(", "))
    };
    println!(
        "Imported {file_name}: {} areas read, {inserted} new, {updated} changed, \
         {unchanged} unchanged, {skipped} skipped.{countries}",
        read.features
    );
    // Always, even when no area changed: an earlier import may have stopped between its
    // commit and this step, and running it again costs one read of the records.
    place_stored_records(store, &placed_before)
}

/// Warns when areas of the file name a parent that is neither stored nor in the file: the
/// cross-check tells whether one area lies inside another by walking up the parents, so a
/// missing level (sub-districts, between neighbourhoods and their governorate) hides area-level
/// matches until its boundaries are imported too.
fn warn_of_missing_parents(file_name: &str, read: &Boundaries, stored: &HashSet<AreaId>) {
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
        return;
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
    eprintln!(
        "warning: {file_name}: {} area{} name{} a parent that is not stored ({}{more}); import \
         the boundaries of that level too, so that the cross-check can tell which areas lie \
         inside which",
        orphans.len(),
        if orphans.len() == 1 { "" } else { "s" },
        if orphans.len() == 1 { "s" } else { "" },
        shown.join(", "),
    );
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
/// `before` the import placed them in, in one transaction.
fn place_stored_records(store: &mut dyn Store, before: &AreaIndex) -> CliResult {
    let now = stored_index(store)?;
    if now.is_empty() {
        return Ok(());
    }
    let spinner = progress::spinner("placing incidents in areas");
    let mut incidents: Vec<Move<IncidentId>> = Vec::new();
    let mut read = 0usize;
    store.for_each_incident(&mut |incident| {
        read += 1;
        if read.is_multiple_of(PROGRESS_EVERY) {
            spinner.set_message(format!("placing incidents in areas: {read} read"));
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
        spinner.finish_and_clear();
        return Ok(());
    }

    let mut tx = store.transaction()?;
    let mut placed_incidents = 0u64;
    for (i, (id, from, to)) in incidents.iter().enumerate() {
        if tx.set_incident_area(id, from.as_ref(), to)? == WriteOutcome::Updated {
            placed_incidents += 1;
        }
        if (i + 1) % PROGRESS_EVERY == 0 {
            spinner.set_message(format!(
                "placing incidents in areas: {} of {}",
                i + 1,
                incidents.len()
            ));
        }
    }
    let mut placed_sites = 0u64;
    for (id, from, to) in &sites {
        if tx.set_site_area(id, from.as_ref(), to)? == WriteOutcome::Updated {
            placed_sites += 1;
        }
    }
    spinner.set_message("placing incidents and sites in areas: saving to the database…");
    tx.commit()?;
    spinner.finish_and_clear();
    println!(
        "Placed {placed_incidents} incident{} and {placed_sites} site{} in the finest area \
         containing them.",
        if placed_incidents == 1 { "" } else { "s" },
        if placed_sites == 1 { "" } else { "s" },
    );
    Ok(())
}
