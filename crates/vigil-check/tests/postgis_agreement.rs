//! The engine against a real PostGIS: the same (incident, site) pairs within reach, with the
//! same distances (DESIGN.md, Cross-check semantics: "must agree with PostGIS
//! `ST_Distance(geography, geography)` to within a millimetre").
//!
//! PostGIS comes from `VIGIL_TEST_PG` (a database URL) if set, else from the project's own
//! `scripts/postgres.sh`, which installs PostgreSQL + PostGIS if missing and starts a throw-away
//! cluster. If neither gives a server the test fails, with the reason: it never skips.
//!
//! The run gets a database of its own (`vigil_check_<pid>`), dropped at the end by a guard, also
//! when an assertion fails. PostgreSQL is driven through `psql` (loading with `\copy … FROM`,
//! reading with `\copy (SELECT …) TO`), so no database client crate is needed.
//!
//! The data is generated from a fixed seed: incidents and sites clustered in a few cities (with
//! dense neighbourhoods), the rest scattered over the region or the globe, with realistic radii;
//! plus hard cases built with the direct geodesic problem, whose answers are known by
//! construction: pairs a few centimetres either side of their reach, pairs straddling the ±180°
//! meridian (Taveuni, Fiji), at 78° N (Svalbard), 78° S (McMurdo) and by the North Pole, and
//! points a few metres apart (or the same point written as 180° and −180°). Only site-level
//! precisions and no notifications, areas or targets, so every pair within reach comes out of the
//! engine as exactly one `unnotified_site` finding.
//!
//! Run it with `cargo test -p vigil-check --test postgis_agreement -- --nocapture` to see the
//! figures.

mod common;

use chrono::NaiveDate;
use common::{incident, site, World};
use geographiclib_rs::{DirectGeodesic, Geodesic};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;
use vigil_check::geodesic::distance_m;
use vigil_check::{FindingKind, Subject};
use vigil_domain::Point;

/// The seed of the whole data set: change it and every figure changes, not the verdict.
const SEED: u64 = 0x5649_4749_4c5f_5047; // "VIGIL_PG"

const INCIDENTS: usize = 3_000;
const SITES: usize = 1_000;
/// Random point pairs for the plain distance comparison.
const DISTANCE_PAIRS_PER_KIND: usize = 50;

/// The agreement DESIGN.md asks for, in metres.
const TOLERANCE_M: f64 = 1e-3;

/// Cities the clustered points gather in: (name, lon, lat).
const CITIES: &[(&str, f64, f64)] = &[
    ("aleppo", 37.1613, 36.2021),
    ("gaza", 34.4668, 31.5017),
    ("khartoum", 32.5599, 15.5007),
    ("mariupol", 37.5494, 47.0971),
    ("sanaa", 44.2064, 15.3694),
    // Taveuni, Fiji: the 180° meridian runs across the island, so this cluster straddles it.
    ("taveuni", 180.0, -16.79),
    // Longyearbyen, Svalbard: 78° N, where a degree of longitude is 23 km.
    ("longyearbyen", 15.6356, 78.2232),
];

/// Where the boundary cases are built: the clusters' hard spots, plus the far south and a point
/// 2 km from the North Pole (where the search boxes span every longitude).
const EDGE_ANCHORS: &[(&str, f64, f64)] = &[
    ("aleppo", 37.1613, 36.2021),
    ("equator", 9.4544, 0.3901),
    ("taveuni", 180.0, -16.79),
    ("longyearbyen", 15.6356, 78.2232),
    ("mcmurdo", 166.6681, -77.8419),
    ("pole", 45.0, 89.98),
];

/// (incident radius, site radius) of the boundary cases: every reach the radius mix produces.
const EDGE_REACHES: &[(f64, f64)] = &[
    (0.0, 50.0),
    (50.0, 0.0),
    (50.0, 50.0),
    (250.0, 0.0),
    (250.0, 50.0),
    (250.0, 250.0),
    (1_000.0, 0.0),
    (1_000.0, 250.0),
    (1_000.0, 1_000.0),
    (5_000.0, 50.0),
    (5_000.0, 1_000.0),
    (5_000.0, 5_000.0),
];

/// Radii (metres) with their weights: how precisely incidents are placed (exact, a building,
/// a few blocks, a neighbourhood, a town) and how large sites are.
const INCIDENT_RADII: &[(f64, u32)] = &[
    (0.0, 10),
    (50.0, 25),
    (250.0, 35),
    (1_000.0, 22),
    (5_000.0, 8),
];
const SITE_RADII: &[(f64, u32)] = &[
    (0.0, 25),
    (50.0, 45),
    (250.0, 22),
    (1_000.0, 6),
    (5_000.0, 2),
];

// ---------------------------------------------------------------------------------------------
// The data

/// An incident or a site as both sides see it.
#[derive(Debug, Clone)]
struct Place {
    id: String,
    lon: f64,
    lat: f64,
    radius_m: f64,
}

/// A pair built to be on a known side of its reach.
#[derive(Debug)]
struct Expected {
    incident: String,
    site: String,
    within: bool,
}

struct Data {
    incidents: Vec<Place>,
    sites: Vec<Place>,
    expected: Vec<Expected>,
}

struct Generator {
    rng: ChaCha8Rng,
    wgs84: Geodesic,
}

impl Generator {
    fn new() -> Self {
        Self {
            rng: ChaCha8Rng::seed_from_u64(SEED),
            wgs84: Geodesic::wgs84(),
        }
    }

    /// The point `metres` from `from` along `azimuth` (degrees), by the direct problem.
    fn offset(&self, from: (f64, f64), azimuth: f64, metres: f64) -> (f64, f64) {
        let (lat, lon): (f64, f64) = self.wgs84.direct(from.1, from.0, azimuth, metres);
        (lon, lat)
    }

    fn azimuth(&mut self) -> f64 {
        self.rng.random_range(-180.0..180.0)
    }

    /// A point uniformly spread over a disc of `radius_m` around `centre`.
    fn in_disc(&mut self, centre: (f64, f64), radius_m: f64) -> (f64, f64) {
        let azimuth = self.azimuth();
        let r = radius_m * self.rng.random::<f64>().sqrt();
        self.offset(centre, azimuth, r)
    }

    /// A point uniformly spread over the globe.
    fn anywhere(&mut self) -> (f64, f64) {
        let lon = self.rng.random_range(-180.0..=180.0);
        let lat = self.rng.random_range(-1.0f64..=1.0).asin().to_degrees();
        (lon, lat)
    }

    fn radius(&mut self, mix: &[(f64, u32)]) -> f64 {
        let total: u32 = mix.iter().map(|&(_, w)| w).sum();
        let mut pick = self.rng.random_range(0..total);
        for &(radius, weight) in mix {
            if pick < weight {
                return radius;
            }
            pick -= weight;
        }
        unreachable!()
    }

    /// Where conflict data puts a point: mostly in a city (a third of those in one of its
    /// dense neighbourhoods), else somewhere in the region, else anywhere.
    fn conflict_point(&mut self, hotspots: &[Vec<(f64, f64)>], clustered: f64) -> (f64, f64) {
        let city = self.rng.random_range(0..CITIES.len());
        let centre = (CITIES[city].1, CITIES[city].2);
        if self.rng.random_bool(clustered) {
            if self.rng.random_bool(1.0 / 3.0) {
                let spot = hotspots[city][self.rng.random_range(0..hotspots[city].len())];
                self.in_disc(spot, 600.0)
            } else {
                self.in_disc(centre, 4_000.0)
            }
        } else if self.rng.random_bool(0.5) {
            self.in_disc(centre, 150_000.0)
        } else {
            self.anywhere()
        }
    }

    fn generate(mut self) -> Data {
        let hotspots: Vec<Vec<(f64, f64)>> = CITIES
            .iter()
            .map(|&(_, lon, lat)| (0..4).map(|_| self.in_disc((lon, lat), 3_000.0)).collect())
            .collect();
        let mut data = Data {
            incidents: Vec::new(),
            sites: Vec::new(),
            expected: Vec::new(),
        };
        for i in 0..SITES {
            let (lon, lat) = self.conflict_point(&hotspots, 0.75);
            let radius_m = self.radius(SITE_RADII);
            data.sites
                .push(place(format!("s{i:04}"), (lon, lat), radius_m));
        }
        for i in 0..INCIDENTS {
            let (lon, lat) = self.conflict_point(&hotspots, 0.8);
            let radius_m = self.radius(INCIDENT_RADII);
            data.incidents
                .push(place(format!("i{i:05}"), (lon, lat), radius_m));
        }
        self.boundary_pairs(&mut data);
        self.close_pairs(&mut data);
        data
    }

    /// Pairs 1–5 cm inside or outside their reach, built with the direct problem so the side
    /// is known; 1 cm is ten times the tolerance, so no rounding can decide the side.
    fn boundary_pairs(&mut self, data: &mut Data) {
        for &(anchor, lon, lat) in EDGE_ANCHORS {
            for &(incident_r, site_r) in EDGE_REACHES {
                let reach = incident_r + site_r;
                for within in [true, false] {
                    for n in 0..2 {
                        let (site_at, azimuth) = if anchor == "taveuni" {
                            // West of the meridian by less than the reach, heading east: the
                            // geodesic between the two crosses ±180°.
                            let west = self.rng.random_range(0.05..0.8) * reach;
                            (
                                self.offset((lon, lat), -90.0, west),
                                self.rng.random_range(50.0..130.0),
                            )
                        } else {
                            let at = self.in_disc((lon, lat), 2_000.0);
                            (at, self.azimuth())
                        };
                        let delta = self.rng.random_range(0.01..0.05);
                        let distance = if within { reach - delta } else { reach + delta };
                        let incident_at = self.offset(site_at, azimuth, distance);
                        let side = if within { "in" } else { "out" };
                        let id = format!("edge-{anchor}-{incident_r}+{site_r}-{side}-{n}");
                        push_pair(data, &id, incident_at, incident_r, site_at, site_r, within);
                    }
                }
            }
        }
    }

    /// Points a few metres (or no distance) apart.
    fn close_pairs(&mut self, data: &mut Data) {
        for &(anchor, lon, lat) in EDGE_ANCHORS {
            let site_at = if anchor == "taveuni" {
                // A metre west of the meridian: the incidents east of it are across it.
                self.offset((lon, lat), -90.0, 1.0)
            } else {
                self.in_disc((lon, lat), 1_000.0)
            };
            let cases: &[(&str, f64, f64, bool)] = &[
                // (name, metres apart, incident radius, within)
                ("same", 0.0, 0.0, true),
                ("0.3m", 0.3, 0.0, false),
                ("2m", 2.0, 0.0, false),
                ("4.7m", 4.7, 0.0, false),
                ("3m-r50", 3.0, 50.0, true),
            ];
            for &(name, apart, incident_r, within) in cases {
                let azimuth = if anchor == "taveuni" {
                    90.0
                } else {
                    self.azimuth()
                };
                // The same point is the same f64s: the direct problem over 0 m can come back
                // one ulp off (1e-11 m), and PostGIS calls points within 5e-14 rad of each
                // other equal (distance 0) where the engine measures them, so against reach 0
                // that would be float rounding deciding, which these cases must not be.
                let incident_at = if apart == 0.0 {
                    site_at
                } else {
                    self.offset(site_at, azimuth, apart)
                };
                let id = format!("close-{anchor}-{name}");
                push_pair(data, &id, incident_at, incident_r, site_at, 0.0, within);
            }
        }
        // One place written two ways: 180° and −180° are the same meridian.
        push_pair(
            data,
            "close-antimeridian-same",
            (-180.0, -16.79),
            0.0,
            (180.0, -16.79),
            0.0,
            true,
        );
    }
}

fn place(id: String, (lon, lat): (f64, f64), radius_m: f64) -> Place {
    Place {
        id,
        lon,
        lat,
        radius_m,
    }
}

fn push_pair(
    data: &mut Data,
    id: &str,
    incident_at: (f64, f64),
    incident_r: f64,
    site_at: (f64, f64),
    site_r: f64,
    within: bool,
) {
    let (incident_id, site_id) = (format!("i-{id}"), format!("s-{id}"));
    data.incidents
        .push(place(incident_id.clone(), incident_at, incident_r));
    data.sites.push(place(site_id.clone(), site_at, site_r));
    data.expected.push(Expected {
        incident: incident_id,
        site: site_id,
        within,
    });
}

/// Two points (lon, lat) and what kind of pair they are.
type PointPair = (&'static str, (f64, f64), (f64, f64));

/// Point pairs at every scale for the plain distance comparison.
fn distance_pairs() -> Vec<PointPair> {
    let mut g = Generator::new();
    g.rng = ChaCha8Rng::seed_from_u64(SEED ^ 0xd15);
    let mut pairs = Vec::new();
    for _ in 0..2 * DISTANCE_PAIRS_PER_KIND {
        // Log-uniform from 1 cm to 20 000 km.
        let a = g.anywhere();
        let s = 10f64.powf(g.rng.random_range(-2.0..7.3));
        let azimuth = g.azimuth();
        pairs.push(("direct", a, g.offset(a, azimuth, s)));
    }
    for _ in 0..DISTANCE_PAIRS_PER_KIND {
        let (a, b) = (g.anywhere(), g.anywhere());
        pairs.push(("random", a, b));
    }
    for _ in 0..DISTANCE_PAIRS_PER_KIND {
        // Within a degree of the antipode.
        let a = g.anywhere();
        let lon = a.0 + 180.0 + g.rng.random_range(-1.0..1.0);
        let lon = if lon > 180.0 { lon - 360.0 } else { lon };
        let lat = (-a.1 + g.rng.random_range(-1.0..1.0)).clamp(-90.0, 90.0);
        pairs.push(("near-antipodal", a, (lon, lat)));
    }
    for _ in 0..DISTANCE_PAIRS_PER_KIND {
        // Across ±180°, up to 200 km.
        let a = (
            g.rng.random_range(179.0..=180.0),
            g.rng.random_range(-70.0..70.0),
        );
        let s = g.rng.random_range(0.0..200_000.0);
        let azimuth = g.rng.random_range(30.0..150.0);
        pairs.push(("antimeridian", a, g.offset(a, azimuth, s)));
    }
    for _ in 0..DISTANCE_PAIRS_PER_KIND {
        // Above 80° N or S, up to 2 000 km, often over the pole.
        let a = (
            g.rng.random_range(-180.0..=180.0),
            g.rng.random_range(80.0..=90.0) * if g.rng.random_bool(0.5) { 1.0 } else { -1.0 },
        );
        let s = 10f64.powf(g.rng.random_range(0.0..6.3));
        let azimuth = g.azimuth();
        pairs.push(("polar", a, g.offset(a, azimuth, s)));
    }
    for _ in 0..DISTANCE_PAIRS_PER_KIND / 2 {
        // Both on the equator (a special case of the inverse problem), some beyond 179.4°
        // apart, where the shortest path leaves the equator.
        let a = (g.rng.random_range(-180.0..=180.0), 0.0);
        let b = (g.rng.random_range(-180.0..=180.0), 0.0);
        pairs.push(("equatorial", a, b));
    }
    // Exactly antipodal, on the equator and between the poles.
    pairs.push(("antipodal", (0.0, 0.0), (180.0, 0.0)));
    pairs.push(("antipodal", (-90.0, 0.0), (90.0, 0.0)));
    pairs.push(("antipodal", (10.0, 30.0), (-170.0, -30.0)));
    pairs.push(("antipodal", (0.0, 90.0), (0.0, -90.0)));
    pairs.push(("pole-pole-same", (0.0, 90.0), (123.0, 90.0)));
    pairs
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL through psql

/// The URL of a PostgreSQL with PostGIS: `VIGIL_TEST_PG`, or whatever `scripts/postgres.sh`
/// starts. Panics (fails the test) with the script's own words if it cannot.
fn postgres_url() -> String {
    if let Ok(url) = std::env::var("VIGIL_TEST_PG") {
        if !url.trim().is_empty() {
            eprintln!("PostGIS: VIGIL_TEST_PG");
            return url.trim().to_string();
        }
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/postgres.sh");
    let output = Command::new("bash")
        .arg(&script)
        .arg("start")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", script.display()));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let url = stdout.lines().rev().find(|l| !l.trim().is_empty());
    match (output.status.success(), url) {
        (true, Some(url)) => {
            eprintln!("PostGIS: {} gave {url}", script.display());
            url.trim().to_string()
        }
        _ => panic!(
            "no PostgreSQL for the PostGIS agreement test: set VIGIL_TEST_PG to a database URL \
             (with PostGIS available), or make {} work; it exited with {} and said:\n{stderr}",
            script.display(),
            output.status
        ),
    }
}

/// The `psql` client: the one on PATH, else the newest of Debian's /usr/lib/postgresql/*/bin.
fn psql_program() -> PathBuf {
    let on_path = std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path)
            .map(|dir| dir.join("psql"))
            .find(|p| p.is_file())
    });
    if let Some(p) = on_path {
        return p;
    }
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let version = entry.file_name().to_str()?.parse::<u32>().ok()?;
            let psql = entry.path().join("bin/psql");
            psql.is_file().then_some((version, psql))
        })
        .collect();
    found.sort();
    found
        .pop()
        .map(|(_, p)| p)
        .unwrap_or_else(|| panic!("no psql on PATH or in /usr/lib/postgresql/*/bin"))
}

/// Runs psql on `url` with the given arguments (`-c …` or `-f file`), stopping at the first
/// error; returns stdout, or an error with psql's stderr.
fn psql(program: &Path, url: &str, args: &[&str]) -> Result<String, String> {
    let output = Command::new(program)
        .args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url])
        .args(args)
        .env("PGCONNECT_TIMEOUT", "20")
        .output()
        .map_err(|e| format!("cannot run {}: {e}", program.display()))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(format!(
            "psql {args:?} exited with {}:\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

/// `url` with its database name replaced (`postgres://user@host:port/db?params`).
fn with_database(url: &str, database: &str) -> String {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    let (base, query) = match url.find('?') {
        Some(q) => url.split_at(q),
        None => (url, ""),
    };
    let authority_end = base[after_scheme..]
        .find('/')
        .map_or(base.len(), |i| after_scheme + i);
    format!("{}/{database}{query}", &base[..authority_end])
}

/// A database of the run's own, dropped when this goes out of scope (also on a panic).
struct TestDatabase {
    psql: PathBuf,
    admin_url: String,
    name: String,
    url: String,
}

impl TestDatabase {
    fn create(psql_program: PathBuf, admin_url: &str) -> Self {
        let name = format!("vigil_check_{}", std::process::id());
        psql(
            &psql_program,
            admin_url,
            &[
                "-c",
                "SET client_min_messages = warning",
                "-c",
                &format!("DROP DATABASE IF EXISTS {name}"),
                "-c",
                &format!("CREATE DATABASE {name}"),
            ],
        )
        .unwrap_or_else(|e| panic!("cannot create the test database on {admin_url}: {e}"));
        let db = Self {
            url: with_database(admin_url, &name),
            psql: psql_program,
            admin_url: admin_url.to_string(),
            name,
        };
        db.run(&["-c", "CREATE EXTENSION postgis"])
            .unwrap_or_else(|e| panic!("PostGIS is not available on {admin_url}: {e}"));
        db
    }

    fn run(&self, args: &[&str]) -> Result<String, String> {
        psql(&self.psql, &self.url, args)
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let drop = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name);
        if let Err(e) = psql(&self.psql, &self.admin_url, &["-c", &drop]) {
            eprintln!("could not drop the test database {}: {e}", self.name);
        }
    }
}

fn write_places(path: &Path, places: &[Place]) {
    let mut text = String::new();
    for p in places {
        // `{}` writes the shortest decimal that reads back as the same f64, so PostgreSQL's
        // float8 gets exactly the engine's coordinates.
        writeln!(text, "{},{},{},{}", p.id, p.lon, p.lat, p.radius_m).unwrap();
    }
    std::fs::write(path, text).unwrap();
}

/// `a,b,float` lines.
fn read_triples(path: &Path) -> Vec<(String, String, f64)> {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    text.lines()
        .map(|line| {
            let mut fields = line.split(',');
            let (a, b, d) = (fields.next(), fields.next(), fields.next());
            match (a, b, d.and_then(|d| d.parse::<f64>().ok()), fields.next()) {
                (Some(a), Some(b), Some(d), None) => (a.to_string(), b.to_string(), d),
                _ => panic!("unexpected line from PostgreSQL: {line:?}"),
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The test

fn pt((lon, lat): (f64, f64)) -> Point {
    Point::new(lon, lat).unwrap_or_else(|e| panic!("({lon}, {lat}) is not a point: {e:?}"))
}

#[test]
fn engine_and_postgis_find_the_same_pairs_at_the_same_distances() {
    let data = Generator::new().generate();
    let distance_pairs = distance_pairs();

    let url = postgres_url();
    let started = Instant::now();
    let db = TestDatabase::create(psql_program(), &url);
    let dir = tempfile::tempdir().unwrap();
    let file = |name: &str| {
        let path = dir.path().join(name);
        let text = path.to_str().expect("a UTF-8 temporary path").to_string();
        assert!(!text.contains('\''), "a quote in the temporary path {text}");
        text
    };
    write_places(Path::new(&file("incidents.csv")), &data.incidents);
    write_places(Path::new(&file("sites.csv")), &data.sites);
    let mut pairs_csv = String::new();
    for (n, (_, a, b)) in distance_pairs.iter().enumerate() {
        writeln!(pairs_csv, "{n},{},{},{},{}", a.0, a.1, b.0, b.1).unwrap();
    }
    std::fs::write(file("pairs.csv"), pairs_csv).unwrap();

    // --- PostGIS side: one psql session, results written to files by \copy.
    // Meta-commands (\copy) end at the end of their line, so each stays on one line.
    //
    // The pairs are those of `ST_DWithin(i.geog, s.geog, i.radius_m + s.radius_m)`. A tolerance
    // that depends on both tables cannot use either GiST index (the planner falls back to all
    // 4 million pairs, 6 s), so a first ST_DWithin with a tolerance that depends on the incident
    // alone (its radius + the largest site radius) lets the sites' index find the candidates.
    // It is implied by the second, so it changes no answer; the second decides.
    let script = format!(
        r#"SET client_min_messages = warning;
SET extra_float_digits = 3;
CREATE TABLE incidents (id text PRIMARY KEY, lon float8 NOT NULL, lat float8 NOT NULL, radius_m float8 NOT NULL, geog geography(Point, 4326));
CREATE TABLE sites (id text PRIMARY KEY, lon float8 NOT NULL, lat float8 NOT NULL, radius_m float8 NOT NULL, geog geography(Point, 4326));
CREATE TABLE pairs (n int PRIMARY KEY, lon1 float8, lat1 float8, lon2 float8, lat2 float8);
\copy incidents (id, lon, lat, radius_m) FROM '{incidents}' WITH (FORMAT csv)
\copy sites (id, lon, lat, radius_m) FROM '{sites}' WITH (FORMAT csv)
\copy pairs FROM '{pairs}' WITH (FORMAT csv)
UPDATE incidents SET geog = ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography;
UPDATE sites SET geog = ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography;
CREATE INDEX ON incidents USING gist (geog);
CREATE INDEX ON sites USING gist (geog);
ANALYZE incidents;
ANALYZE sites;
\copy (SELECT i.id, s.id, ST_Distance(i.geog, s.geog) FROM incidents i JOIN sites s ON ST_DWithin(i.geog, s.geog, i.radius_m + (SELECT max(radius_m) FROM sites)) AND ST_DWithin(i.geog, s.geog, i.radius_m + s.radius_m)) TO '{within}' WITH (FORMAT csv)
\copy (SELECT n, 'pg', ST_Distance(ST_SetSRID(ST_MakePoint(lon1, lat1), 4326)::geography, ST_SetSRID(ST_MakePoint(lon2, lat2), 4326)::geography) FROM pairs) TO '{distances}' WITH (FORMAT csv)
SELECT postgis_lib_version() || ' (PROJ ' || postgis_proj_version() || '), ' || version();
"#,
        incidents = file("incidents.csv"),
        sites = file("sites.csv"),
        pairs = file("pairs.csv"),
        within = file("pg_within.csv"),
        distances = file("pg_distances.csv"),
    );
    std::fs::write(file("check.sql"), script).unwrap();
    let versions = db
        .run(&["-t", "-A", "-f", &file("check.sql")])
        .unwrap_or_else(|e| panic!("the PostGIS side failed: {e}"));
    let postgis_done = started.elapsed();

    let mut postgis: BTreeMap<(String, String), f64> = BTreeMap::new();
    for (incident, site, distance) in read_triples(Path::new(&file("pg_within.csv"))) {
        let previous = postgis.insert((incident.clone(), site.clone()), distance);
        assert!(
            previous.is_none(),
            "PostGIS gave ({incident}, {site}) twice"
        );
    }

    // --- Engine side.
    let mut world = World::default();
    for p in &data.sites {
        world.sites.push(site(&p.id, (p.lon, p.lat), p.radius_m));
    }
    let first_day = NaiveDate::from_ymd_opt(2012, 1, 1).unwrap();
    for (n, p) in data.incidents.iter().enumerate() {
        // Three days apart, so no two incidents are duplicate candidates (which would only
        // cost time here).
        let on = first_day + chrono::Days::new(3 * n as u64);
        let on = on.to_string();
        world
            .incidents
            .push(incident(&p.id, (p.lon, p.lat), p.radius_m, &on));
    }
    let engine_started = Instant::now();
    let findings = world.run();
    let engine_time = engine_started.elapsed();
    let mut engine: BTreeMap<(String, String), (f64, f64)> = BTreeMap::new();
    for f in findings
        .iter()
        .filter(|f| f.kind == FindingKind::UnnotifiedSite)
    {
        let Subject::Site(site_id) = &f.subject else {
            panic!("an unnotified_site finding about {:?}", f.subject)
        };
        let key = (
            f.incident.as_str().to_string(),
            site_id.as_str().to_string(),
        );
        let value = (f.distance_m.unwrap(), f.reach_m.unwrap());
        assert!(
            engine.insert(key.clone(), value).is_none(),
            "two unnotified_site findings for {key:?}"
        );
    }
    assert!(
        findings
            .iter()
            .all(|f| f.kind != FindingKind::NotifiedSite && f.kind != FindingKind::NotifiedMovement),
        "no notifications or movements in the input, yet a notified finding"
    );

    // --- The pair sets.
    let by_id = |places: &[Place]| -> BTreeMap<String, (f64, f64, f64)> {
        places
            .iter()
            .map(|p| (p.id.clone(), (p.lon, p.lat, p.radius_m)))
            .collect()
    };
    let (incidents_by_id, sites_by_id) = (by_id(&data.incidents), by_id(&data.sites));
    let describe = |(incident, site): &(String, String)| {
        let (ilon, ilat, ir) = incidents_by_id[incident];
        let (slon, slat, sr) = sites_by_id[site];
        let d = distance_m(pt((ilon, ilat)), pt((slon, slat)));
        format!(
            "({incident} at {ilon},{ilat} r {ir}; {site} at {slon},{slat} r {sr}): engine \
             distance {d:.6} m, reach {} m, engine − reach {:+.6} m",
            ir + sr,
            d - (ir + sr)
        )
    };
    let engine_keys: BTreeSet<_> = engine.keys().cloned().collect();
    let postgis_keys: BTreeSet<_> = postgis.keys().cloned().collect();
    let only_engine: Vec<_> = engine_keys.difference(&postgis_keys).cloned().collect();
    let only_postgis: Vec<_> = postgis_keys.difference(&engine_keys).cloned().collect();
    if !only_engine.is_empty() || !only_postgis.is_empty() {
        // Ask PostGIS for its distance of the disputed pairs too.
        let disputed: Vec<String> = only_engine
            .iter()
            .chain(&only_postgis)
            .take(40)
            .map(|(i, s)| format!("('{i}', '{s}')"))
            .collect();
        let query = format!(
            "SET extra_float_digits = 3; SELECT i.id, s.id, ST_Distance(i.geog, s.geog), \
             ST_DWithin(i.geog, s.geog, i.radius_m + s.radius_m) FROM incidents i, sites s, \
             (VALUES {}) AS d(i, s) WHERE i.id = d.i AND s.id = d.s ORDER BY 1, 2",
            disputed.join(", ")
        );
        let pg_view = db
            .run(&["-t", "-A", "-F", ",", "-c", &query])
            .unwrap_or_else(|e| e);
        let mut report = String::new();
        for (label, keys) in [
            ("within reach for the engine only", &only_engine),
            ("within reach for PostGIS only", &only_postgis),
        ] {
            writeln!(report, "{} pairs {label}, first ones:", keys.len()).unwrap();
            for key in keys.iter().take(20) {
                writeln!(report, "  {}", describe(key)).unwrap();
            }
        }
        writeln!(
            report,
            "PostGIS on these (incident,site,ST_Distance,ST_DWithin):"
        )
        .unwrap();
        report.push_str(&pg_view);
        panic!("the engine and PostGIS disagree on which pairs are within reach:\n{report}");
    }

    // --- The distances of the common pairs.
    let mut worst = (0.0f64, None);
    for (key, &(engine_distance, _)) in &engine {
        let delta = (engine_distance - postgis[key]).abs();
        if delta > worst.0 || worst.1.is_none() {
            worst = (delta, Some(key));
        }
    }

    // --- The pairs built on a known side of their reach.
    let mut wrong_side = Vec::new();
    for e in &data.expected {
        let key = (e.incident.clone(), e.site.clone());
        if engine.contains_key(&key) != e.within || postgis.contains_key(&key) != e.within {
            wrong_side.push(format!(
                "{} built {} reach: engine says {}, PostGIS says {}",
                describe(&key),
                if e.within { "within" } else { "beyond" },
                engine.contains_key(&key),
                postgis.contains_key(&key)
            ));
        }
    }
    let straddling = engine
        .keys()
        .filter(|(i, s)| {
            let (ilon, sl) = (incidents_by_id[i].0, sites_by_id[s].0);
            ilon.abs() > 170.0 && sl.abs() > 170.0 && ilon.signum() != sl.signum()
        })
        .count();
    let high_latitude = engine
        .keys()
        .filter(|(i, _)| incidents_by_id[i].1.abs() >= 77.0)
        .count();

    // --- Plain distances at every scale.
    let pg_distances = read_triples(Path::new(&file("pg_distances.csv")));
    assert_eq!(pg_distances.len(), distance_pairs.len());
    let mut worst_pair = (0.0f64, String::new());
    let mut pair_failures = Vec::new();
    for (n, _, pg) in &pg_distances {
        let n: usize = n.parse().unwrap();
        let (what, a, b) = distance_pairs[n];
        let ours = distance_m(pt(a), pt(b));
        let delta = (ours - pg).abs();
        let line = format!(
            "{what} pair {n}: {a:?} → {b:?}: engine {ours:.6} m, PostGIS {pg:.6} m, Δ {delta:.3e} m"
        );
        if delta > worst_pair.0 || worst_pair.1.is_empty() {
            worst_pair = (delta, line.clone());
        }
        if delta.is_nan() || delta > TOLERANCE_M {
            pair_failures.push(line);
        }
    }
    let longest = distance_pairs
        .iter()
        .map(|&(_, a, b)| distance_m(pt(a), pt(b)))
        .fold(0.0, f64::max);

    eprintln!("PostGIS: {}", versions.trim());
    eprintln!(
        "{} incidents × {} sites ({} hard cases built on a known side of their reach): {} pairs \
         within reach on both sides ({} across ±180°, {} at 77°+ of latitude); engine {:.2?}, \
         PostGIS load + join + distances {:.2?}",
        data.incidents.len(),
        data.sites.len(),
        data.expected.len(),
        engine.len(),
        straddling,
        high_latitude,
        engine_time,
        postgis_done,
    );
    if let (delta, Some(key)) = worst {
        eprintln!(
            "largest |Δ distance| over the pairs: {delta:.3e} m, {}, PostGIS {:.9} m",
            describe(key),
            postgis[key]
        );
    }
    eprintln!(
        "{} point pairs from 1 cm to {:.0} km (random, near-antipodal, across ±180°, polar, \
         equatorial): largest |Δ distance| {:.3e} m ({})",
        distance_pairs.len(),
        longest / 1_000.0,
        worst_pair.0,
        worst_pair.1
    );

    assert!(
        wrong_side.is_empty(),
        "pairs on the wrong side of their reach:\n{}",
        wrong_side.join("\n")
    );
    assert!(
        worst.0 <= TOLERANCE_M,
        "a distance differs from PostGIS ST_Distance by {:.6} m (more than 1 mm)",
        worst.0
    );
    assert!(
        pair_failures.is_empty(),
        "distances differ from PostGIS ST_Distance by more than 1 mm:\n{}",
        pair_failures.join("\n")
    );
    assert!(
        engine.len() > 10_000,
        "too few pairs to say much: {}",
        engine.len()
    );
    assert!(straddling >= 20, "too few pairs across ±180°: {straddling}");
    assert!(
        high_latitude >= 100,
        "too few pairs at high latitude: {high_latitude}"
    );
    assert!(longest > 19_000_000.0, "no pair near the antipode");
}
