//! A file imported from disk and the same bytes uploaded give the same report and the same
//! records, and the caller hears how far the import got.

use vigil_db::testing::TestDb;
use vigil_import::{ImportFile, Options, Outcome, Plan, Progress, Report};
use vigil_store::Store;

const INCIDENTS: &str = "\
id,kind,lon,lat,radius_m,start,end
inc-1,airstrike,37.1894,36.2126,500,2016-09-28,2016-09-28
inc-2,barrel_bomb,37.1703,95.5,0,2016-10-01,2016-10-03
inc-3,shelling,37.2,36.19,1000,2016-09-23,
";

fn import(store: &mut dyn Store, file: ImportFile) -> (Report, Vec<Progress>) {
    let options = Options {
        skip_bad_rows: true,
        ..Options::default()
    };
    let mut heard = Vec::new();
    let report = Plan::new(file, options)
        .unwrap()
        .run(store, None, &mut |step| heard.push(step))
        .unwrap();
    (report, heard)
}

#[test]
fn a_file_on_disk_and_the_same_bytes_in_memory_import_alike() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("incidents.csv");
    std::fs::write(&path, INCIDENTS).unwrap();
    let (disk_db, upload_db) = (TestDb::create(), TestDb::create());
    let mut from_disk = disk_db.open();
    let mut uploaded = upload_db.open();

    let (on_disk, heard) = import(&mut *from_disk, ImportFile::path(&path));
    let (in_memory, _) = import(
        &mut *uploaded,
        ImportFile::bytes("incidents.csv", INCIDENTS.as_bytes()),
    );

    assert_eq!(in_memory.outcome, Outcome::Imported);
    assert_eq!((in_memory.inserted, in_memory.bad), (2, 1));
    let bad = &in_memory.bad_rows[0];
    assert_eq!(
        bad.message,
        "incidents.csv:3: column lat: 95.5 is not a latitude (-90..90)"
    );
    // Messages name a file on disk by its path as given, an upload by its name.
    assert_eq!(on_disk.bad_rows[0].file, path.display().to_string());
    let mut same = on_disk.clone();
    same.bad_rows[0].file = bad.file.clone();
    same.bad_rows[0].message = bad.message.clone();
    assert_eq!(same, in_memory);

    // Both name the same per-file source, so both hold the same records.
    let ids = |store: &dyn Store| {
        let mut ids = Vec::new();
        store
            .for_each_incident(&mut |i| {
                ids.push((i.id.to_string(), i.reports.clone()));
                Ok(())
            })
            .unwrap();
        ids
    };
    assert_eq!(ids(&*from_disk), ids(&*uploaded));

    assert_eq!(
        heard.first(),
        Some(&Progress::Started {
            total: Some(INCIDENTS.len() as u64)
        })
    );
    assert!(heard.contains(&Progress::Saving { rows: 3 }), "{heard:?}");
    assert_eq!(heard.last(), Some(&Progress::Done));
}
