//! The views for people and GIS tools, read as their readers would: a member of
//! `vigil_gis_reader` sees the analyst's view (restricted sites with names and points, no
//! source or witness identity) and nothing of Vigil's tables; a member of
//! `vigil_public_reader` sees counts by governorate and nothing else. Over the Aleppo 2016 demo,
//! with its findings, on a throw-away database.

use postgres::{error::SqlState, Client, NoTls};
use vigil_store::StoreError;
use vigil_store_postgres::testing::TestDatabase;
use vigil_store_postgres::PgStore;

/// A login role that is a member of `group`, connected to `database`; dropped by the caller.
fn reader(database: &TestDatabase, group: &str) -> (String, Client) {
    let name = format!("{}_{}", database.name(), group.trim_start_matches("vigil_"));
    let mut admin = Client::connect(database.url(), NoTls).unwrap();
    admin
        .batch_execute(&format!("CREATE ROLE \"{name}\" LOGIN IN ROLE {group}"))
        .unwrap();
    let mut config: postgres::Config = database.url().parse().unwrap();
    config.user(&name);
    (name, config.connect(NoTls).unwrap())
}

fn refused(client: &mut Client, sql: &str) -> bool {
    match client.query(sql, &[]) {
        Ok(_) => false,
        Err(e) => e.code() == Some(&SqlState::INSUFFICIENT_PRIVILEGE),
    }
}

fn count(client: &mut Client, sql: &str) -> i64 {
    client.query_one(sql, &[]).unwrap().get(0)
}

#[test]
fn each_reader_sees_its_views_with_the_publication_policy_and_nothing_else() {
    let database = TestDatabase::create();
    let mut store = PgStore::connect(database.url()).unwrap();
    vigil_demo::load(&mut store).unwrap();
    let records = vigil_findings::Records::load(&store).unwrap();
    let options = vigil_check::Options::default();
    vigil_findings::run(&mut store, &records, &options, true, |_| {
        Ok::<(), StoreError>(())
    })
    .unwrap();

    // QGIS finds every view with its geometry, as it finds tables.
    let mut admin = Client::connect(database.url(), NoTls).unwrap();
    let listed: Vec<(String, String, String)> = admin
        .query(
            "SELECT f_table_schema::text, f_table_name::text, type::text FROM geometry_columns
             WHERE f_table_schema IN ('gis', 'published') ORDER BY 1, 2, 3",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect();
    for expected in [
        ("gis", "findings", "POINT"),
        ("gis", "incidents", "POINT"),
        ("gis", "movements", "LINESTRING"),
        ("gis", "sites", "POINT"),
        ("published", "incidents_by_governorate", "MULTIPOLYGON"),
    ] {
        let expected = (expected.0.into(), expected.1.into(), expected.2.into());
        assert!(listed.contains(&expected), "{expected:?} in {listed:?}");
    }
    // No view has a column that could carry a source's or a witness's identity.
    let identities = count(
        &mut admin,
        "SELECT count(*) FROM information_schema.columns
         WHERE table_schema IN ('gis', 'published')
           AND column_name IN ('source', 'sources', 'publisher', 'url', 'by_whom',
                               'captured_by', 'acquired_from', 'content', 'summary')",
    );
    assert_eq!(identities, 0);

    let (gis_name, mut gis) = reader(&database, "vigil_gis_reader");
    let restricted = count(
        &mut gis,
        "SELECT count(*) FROM gis.sites
         WHERE sensitivity = 'restricted' AND name LIKE 'M10%' AND geom IS NOT NULL",
    );
    assert_eq!(
        restricted, 1,
        "an analyst sees a restricted site's name and point"
    );
    assert!(
        count(
            &mut gis,
            "SELECT count(*) FROM gis.incidents WHERE geom IS NOT NULL"
        ) > 0
    );
    assert!(
        count(
            &mut gis,
            "SELECT count(*) FROM gis.findings WHERE kind = 'notified_site'"
        ) > 0,
        "the findings are there, at their incidents"
    );
    for table in [
        "vigil.sources",
        "vigil.statements",
        "vigil.reports",
        "vigil.sites",
    ] {
        assert!(
            refused(&mut gis, &format!("SELECT * FROM {table}")),
            "{table} is not for a GIS reader"
        );
    }
    assert!(refused(
        &mut gis,
        "SELECT * FROM published.incidents_by_governorate"
    ));
    drop(gis);

    let (public_name, mut public) = reader(&database, "vigil_public_reader");
    let by_governorate: Vec<(String, i64)> = public
        .query(
            "SELECT name_en, sum(incidents)::bigint FROM published.incidents_by_governorate
             GROUP BY name_en",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    assert!(
        by_governorate
            .iter()
            .any(|(name, n)| name == "Aleppo" && *n > 0),
        "{by_governorate:?}"
    );
    for table in [
        "gis.sites",
        "gis.incidents",
        "vigil.incidents",
        "vigil.sites",
    ] {
        assert!(
            refused(&mut public, &format!("SELECT * FROM {table}")),
            "{table} is not for the public"
        );
    }
    drop(public);
    drop(store);
    drop(database);
    for name in [gis_name, public_name] {
        let _ = Client::connect(&vigil_store_postgres::testing::server_url(), NoTls)
            .and_then(|mut c| c.batch_execute(&format!("DROP ROLE IF EXISTS \"{name}\"")));
    }
}
