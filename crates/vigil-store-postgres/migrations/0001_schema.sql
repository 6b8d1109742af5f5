-- Vigil schema for PostgreSQL + PostGIS, version 1: everything the SQLite backend's migrations
-- 0001-0011 built, in one file (the SQLite history is not replayed here). Needs PostgreSQL 12 or
-- newer (generated columns) and PostGIS 3, which the migration runner creates in `public` first.
--
-- Applied by PgStore::connect inside one transaction that holds an advisory lock, so two servers
-- starting at once do not both migrate; vigil.schema_migrations records what was applied.
--
-- Conventions, the same as SQLite's so both backends store the same text:
-- - every table lives in the schema `vigil`; PostGIS lives in `public` (connections set
--   search_path = vigil, public);
-- - instants are TEXT 'YYYY-MM-DDTHH:MM:SSZ' (UTC, fixed width, so text order is time order),
--   days TEXT 'YYYY-MM-DD'; JSON is TEXT, never JSONB (audit entries and report contents keep
--   their bytes); INTEGER is BIGINT, REAL is DOUBLE PRECISION, BLOB is BYTEA;
-- - every TEXT column is COLLATE "C": ids and instants sort by bytes, as the storage trait says,
--   whatever the database's locale;
-- - points are lon/lat columns; lines and polygons are GeoJSON TEXT. Each also has a PostGIS
--   geometry column GENERATED from it (so QGIS and SQL can use them) with a GiST index; nothing
--   writes those columns, and Vigil reads the lon/lat and GeoJSON columns, never the geometry;
-- - an absent optional source in a key column is '' (so primary keys need no NULLs).
--
-- No foreign keys, and no UNIQUE constraint or index other than primary keys: the tables must
-- stay distributable with Citus by area later, which allows neither across shards. Vigil checks
-- every reference in code before it writes (and every Vigil writer holds one advisory lock, so a
-- check and the write it guards are not interleaved with another writer); PgStore::integrity_check
-- lists references that are broken. CHECK constraints are kept.

CREATE SCHEMA IF NOT EXISTS vigil;

CREATE TABLE vigil.schema_migrations (
    version    INTEGER PRIMARY KEY,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE vigil.sources (
    id           TEXT COLLATE "C" PRIMARY KEY,
    kind         TEXT COLLATE "C" NOT NULL,
    title        TEXT COLLATE "C" NOT NULL,
    publisher    TEXT COLLATE "C",
    url          TEXT COLLATE "C",
    published_on TEXT COLLATE "C",
    protected    BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE vigil.parties (
    id   TEXT COLLATE "C" PRIMARY KEY,
    name TEXT COLLATE "C" NOT NULL,
    kind TEXT COLLATE "C" NOT NULL
);

CREATE TABLE vigil.areas (
    id       TEXT COLLATE "C" PRIMARY KEY,
    level    TEXT COLLATE "C" NOT NULL,
    pcode    TEXT COLLATE "C",
    name_en  TEXT COLLATE "C" NOT NULL,
    name_ar  TEXT COLLATE "C",
    parent   TEXT COLLATE "C",            -- a parent level may not be loaded
    boundary TEXT COLLATE "C",            -- GeoJSON MultiPolygon
    source   TEXT COLLATE "C",            -- sources(id)
    boundary_geom geometry(MultiPolygon, 4326) GENERATED ALWAYS AS
        (ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(boundary), 4326))) STORED
);
CREATE INDEX areas_level ON vigil.areas (level);
CREATE INDEX areas_boundary_geom ON vigil.areas USING gist (boundary_geom);

-- A party's control of an area over a period of days (both included; open end = still).
CREATE TABLE vigil.zones_of_control (
    id         TEXT COLLATE "C" PRIMARY KEY,
    area       TEXT COLLATE "C" NOT NULL,     -- areas(id)
    party_id   TEXT COLLATE "C" NOT NULL,     -- parties(id)
    valid_from TEXT COLLATE "C" NOT NULL,
    valid_to   TEXT COLLATE "C",
    source     TEXT COLLATE "C"               -- sources(id)
);
CREATE INDEX zones_of_control_area ON vigil.zones_of_control (area);

CREATE TABLE vigil.population_figures (
    area       TEXT COLLATE "C" NOT NULL,     -- areas(id)
    as_of      TEXT COLLATE "C" NOT NULL,
    population BIGINT NOT NULL CHECK (population >= 0),
    source     TEXT COLLATE "C" NOT NULL,     -- sources(id)
    PRIMARY KEY (area, as_of, source)
);

CREATE TABLE vigil.sites (
    id           TEXT COLLATE "C" PRIMARY KEY,
    kind         TEXT COLLATE "C" NOT NULL,
    name         TEXT COLLATE "C" NOT NULL,
    operator     TEXT COLLATE "C",
    lon          DOUBLE PRECISION NOT NULL,
    lat          DOUBLE PRECISION NOT NULL,
    precision    TEXT COLLATE "C" NOT NULL,
    radius_m     DOUBLE PRECISION NOT NULL,
    footprint    TEXT COLLATE "C",            -- GeoJSON Polygon
    sensitivity  TEXT COLLATE "C" NOT NULL,
    area         TEXT COLLATE "C",
    geom geometry(Point, 4326) GENERATED ALWAYS AS
        (ST_SetSRID(ST_MakePoint(lon, lat), 4326)) STORED,
    footprint_geom geometry(Polygon, 4326) GENERATED ALWAYS AS
        (ST_SetSRID(ST_GeomFromGeoJSON(footprint), 4326)) STORED
);
CREATE INDEX sites_geom ON vigil.sites USING gist (geom);
CREATE INDEX sites_footprint_geom ON vigil.sites USING gist (footprint_geom);

CREATE TABLE vigil.site_status (
    site_id TEXT COLLATE "C" NOT NULL,        -- sites(id)
    as_of   TEXT COLLATE "C" NOT NULL,
    status  TEXT COLLATE "C" NOT NULL,
    source  TEXT COLLATE "C" NOT NULL DEFAULT '',
    note    TEXT COLLATE "C",
    PRIMARY KEY (site_id, as_of, status, source)
);

CREATE TABLE vigil.site_capacity (
    site_id TEXT COLLATE "C" NOT NULL,        -- sites(id)
    as_of   TEXT COLLATE "C" NOT NULL,
    metric  TEXT COLLATE "C" NOT NULL,
    value   BIGINT NOT NULL,
    source  TEXT COLLATE "C" NOT NULL DEFAULT '',
    PRIMARY KEY (site_id, as_of, metric, source)
);

CREATE TABLE vigil.movements (
    id               TEXT COLLATE "C" PRIMARY KEY,
    kind             TEXT COLLATE "C" NOT NULL,
    name             TEXT COLLATE "C" NOT NULL,
    operator         TEXT COLLATE "C",
    route            TEXT COLLATE "C" NOT NULL,   -- GeoJSON LineString
    corridor_width_m DOUBLE PRECISION NOT NULL,
    window_start     TEXT COLLATE "C" NOT NULL,
    window_end       TEXT COLLATE "C" NOT NULL,
    window_precision TEXT COLLATE "C" NOT NULL,
    sensitivity      TEXT COLLATE "C" NOT NULL,
    source           TEXT COLLATE "C",            -- sources(id)
    route_geom geometry(LineString, 4326) GENERATED ALWAYS AS
        (ST_SetSRID(ST_GeomFromGeoJSON(route), 4326)) STORED
);
CREATE INDEX movements_route_geom ON vigil.movements USING gist (route_geom);

CREATE TABLE vigil.notifications (
    id             TEXT COLLATE "C" NOT NULL,
    version        BIGINT NOT NULL,
    subject_kind   TEXT COLLATE "C" NOT NULL CHECK (subject_kind IN ('site', 'movement')),
    subject_id     TEXT COLLATE "C" NOT NULL,
    sent_at        TEXT COLLATE "C" NOT NULL,
    valid_from     TEXT COLLATE "C" NOT NULL,
    valid_to       TEXT COLLATE "C",
    withdrawn_at   TEXT COLLATE "C",
    channel        TEXT COLLATE "C",
    payload_sha256 TEXT COLLATE "C" NOT NULL,
    source         TEXT COLLATE "C",              -- sources(id)
    PRIMARY KEY (id, version)
);
CREATE INDEX notifications_subject ON vigil.notifications (subject_kind, subject_id);

CREATE TABLE vigil.notification_parties (
    notification_id TEXT COLLATE "C" NOT NULL,    -- notifications(id, version)
    version         BIGINT NOT NULL,
    position        BIGINT NOT NULL,
    party_id        TEXT COLLATE "C" NOT NULL,    -- parties(id)
    PRIMARY KEY (notification_id, version, party_id)
);

CREATE TABLE vigil.acknowledgements (
    notification_id TEXT COLLATE "C" NOT NULL,    -- notifications(id, version)
    version         BIGINT NOT NULL,
    party_id        TEXT COLLATE "C" NOT NULL,    -- parties(id)
    received_at     TEXT COLLATE "C" NOT NULL,
    by_whom         TEXT COLLATE "C",
    channel         TEXT COLLATE "C",
    source          TEXT COLLATE "C",             -- sources(id)
    PRIMARY KEY (notification_id, version, party_id)
);

CREATE TABLE vigil.reports (
    id          TEXT COLLATE "C" PRIMARY KEY,
    source      TEXT COLLATE "C" NOT NULL,        -- sources(id)
    received_at TEXT COLLATE "C" NOT NULL,
    summary     TEXT COLLATE "C" NOT NULL,
    content     TEXT COLLATE "C" NOT NULL         -- JSON, as the source gave it
);

CREATE TABLE vigil.incidents (
    id             TEXT COLLATE "C" PRIMARY KEY,
    title          TEXT COLLATE "C",
    kind           TEXT COLLATE "C" NOT NULL,
    category       TEXT COLLATE "C" NOT NULL,
    start_at       TEXT COLLATE "C" NOT NULL,
    end_at         TEXT COLLATE "C" NOT NULL,
    time_precision TEXT COLLATE "C" NOT NULL,
    lon            DOUBLE PRECISION,
    lat            DOUBLE PRECISION,
    precision      TEXT COLLATE "C" NOT NULL,
    radius_m       DOUBLE PRECISION NOT NULL,
    area           TEXT COLLATE "C",
    weapon         TEXT COLLATE "C",
    damage         TEXT COLLATE "C",
    certainty      TEXT COLLATE "C" NOT NULL,
    description    TEXT COLLATE "C",
    -- SHA-256 of the facts of the record as last written (everything but the reports it was
    -- built from): an equal write is detected without reading the child tables back.
    facts_sha256   BYTEA NOT NULL,
    -- NULL when the incident has no point (ST_MakePoint is strict).
    geom geometry(Point, 4326) GENERATED ALWAYS AS
        (ST_SetSRID(ST_MakePoint(lon, lat), 4326)) STORED,
    CHECK ((lon IS NULL) = (lat IS NULL)),
    CHECK (lon IS NOT NULL OR precision IN ('district', 'governorate', 'country'))
);
-- Incident search (Store::incidents_page): the GiST index answers a bounding box, the B-trees
-- on start_at and end_at a period (PostgreSQL can combine them in one bitmap), the others the
-- area and certainty filters.
CREATE INDEX incidents_geom ON vigil.incidents USING gist (geom);
CREATE INDEX incidents_start ON vigil.incidents (start_at);
CREATE INDEX incidents_end ON vigil.incidents (end_at);
CREATE INDEX incidents_area ON vigil.incidents (area);
CREATE INDEX incidents_certainty ON vigil.incidents (certainty);

CREATE TABLE vigil.incident_reports (
    incident_id TEXT COLLATE "C" NOT NULL,        -- incidents(id)
    position    BIGINT NOT NULL,
    report_id   TEXT COLLATE "C" NOT NULL,        -- reports(id)
    -- The report's source, copied from it (reports never change): the duplicate rule needs
    -- every incident's sources without reading the large report rows.
    source      TEXT COLLATE "C",
    PRIMARY KEY (incident_id, report_id)
);

CREATE TABLE vigil.incident_targets (
    incident_id TEXT COLLATE "C" NOT NULL,        -- incidents(id)
    position    BIGINT NOT NULL,
    target_type TEXT COLLATE "C" NOT NULL CHECK (target_type IN ('site', 'movement', 'kind')),
    target      TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (incident_id, target_type, target)
);
CREATE INDEX incident_targets_target ON vigil.incident_targets (target_type, target);

CREATE TABLE vigil.casualties (
    incident_id TEXT COLLATE "C" NOT NULL,        -- incidents(id)
    position    BIGINT NOT NULL,
    grp         TEXT COLLATE "C" NOT NULL,
    outcome     TEXT COLLATE "C" NOT NULL,
    low         BIGINT NOT NULL,
    best        BIGINT NOT NULL,
    high        BIGINT NOT NULL,
    source      TEXT COLLATE "C" NOT NULL DEFAULT '',
    PRIMARY KEY (incident_id, grp, outcome, source),
    CHECK (low <= best AND best <= high)
);

CREATE TABLE vigil.attributions (
    incident_id TEXT COLLATE "C" NOT NULL,        -- incidents(id)
    position    BIGINT NOT NULL,
    party_id    TEXT COLLATE "C" NOT NULL,        -- parties(id)
    grade       TEXT COLLATE "C" NOT NULL,
    sources     TEXT COLLATE "C" NOT NULL,        -- JSON array of source ids
    PRIMARY KEY (incident_id, party_id)
);

CREATE TABLE vigil.statements (
    id          TEXT COLLATE "C" PRIMARY KEY,
    incident_id TEXT COLLATE "C" NOT NULL,        -- incidents(id)
    party_id    TEXT COLLATE "C",                 -- parties(id)
    kind        TEXT COLLATE "C" NOT NULL,
    made_on     TEXT COLLATE "C" NOT NULL,
    summary     TEXT COLLATE "C" NOT NULL,
    source      TEXT COLLATE "C" NOT NULL         -- sources(id)
);
CREATE INDEX statements_incident ON vigil.statements (incident_id);

CREATE TABLE vigil.ceasefires (
    id           TEXT COLLATE "C" PRIMARY KEY,
    name         TEXT COLLATE "C" NOT NULL,
    parties      TEXT COLLATE "C" NOT NULL,       -- JSON array of party ids
    areas        TEXT COLLATE "C" NOT NULL,       -- JSON array of area ids
    start_at     TEXT COLLATE "C" NOT NULL,
    planned_end  TEXT COLLATE "C",
    collapsed_at TEXT COLLATE "C",
    source       TEXT COLLATE "C"                 -- sources(id)
);

-- One row per import run, written in the same transaction as the rows it imported.
CREATE TABLE vigil.import_runs (
    id          BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    finished_at TEXT COLLATE "C" NOT NULL,
    record_kind TEXT COLLATE "C" NOT NULL,
    file_name   TEXT COLLATE "C" NOT NULL,
    file_sha256 TEXT COLLATE "C" NOT NULL,
    rows_read   BIGINT NOT NULL,
    inserted    BIGINT NOT NULL,
    updated     BIGINT NOT NULL,
    unchanged   BIGINT NOT NULL,
    skipped     BIGINT NOT NULL
);

-- One row: a counter that every write transaction which changed a record moves on. Findings
-- computed at version N are up to date exactly while it still reads N. (SQLite's key column
-- `only` is a reserved word in PostgreSQL, hence `only_one`, as in the log's tables.)
CREATE TABLE vigil.data_version (
    only_one BIGINT PRIMARY KEY CHECK (only_one = 1),
    version  BIGINT NOT NULL
);
INSERT INTO vigil.data_version (only_one, version) VALUES (1, 1);

-- The findings of the last cross-check, by incident, in the engine's order. `body` is the
-- whole finding as JSON; the other columns are there to find rows by.
CREATE TABLE vigil.findings (
    incident_id     TEXT COLLATE "C" NOT NULL,
    position        BIGINT NOT NULL,
    kind            TEXT COLLATE "C" NOT NULL,
    strength        TEXT COLLATE "C" NOT NULL,
    subject_type    TEXT COLLATE "C" NOT NULL,
    subject_id      TEXT COLLATE "C" NOT NULL,
    site_id         TEXT COLLATE "C",
    notification_id TEXT COLLATE "C",
    body            TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (incident_id, position)
);
CREATE INDEX findings_subject ON vigil.findings (subject_type, subject_id);
CREATE INDEX findings_site ON vigil.findings (site_id) WHERE site_id IS NOT NULL;

CREATE TABLE vigil.finding_digests (
    incident_id TEXT COLLATE "C" PRIMARY KEY,
    sha256      BYTEA NOT NULL
);

CREATE TABLE vigil.findings_state (
    only_one      BIGINT PRIMARY KEY CHECK (only_one = 1),
    data_version  BIGINT NOT NULL,
    options       TEXT COLLATE "C" NOT NULL,
    computed_at   TEXT COLLATE "C" NOT NULL,
    incidents     BIGINT NOT NULL,
    findings      BIGINT NOT NULL
);

-- Accounts and API tokens. Secrets are never stored: an account keeps its password's Argon2id
-- hash (PHC string), a token only the SHA-256 of its text. Neither moves the data version.
CREATE TABLE vigil.accounts (
    name          TEXT COLLATE "C" PRIMARY KEY,
    role          TEXT COLLATE "C" NOT NULL
                  CHECK (role IN ('admin', 'coordinator', 'monitor', 'liaison', 'analyst')),
    party         TEXT COLLATE "C",               -- parties(id)
    password_hash TEXT COLLATE "C" NOT NULL CHECK (password_hash LIKE '$%$%'),
    created_at    TEXT COLLATE "C" NOT NULL,
    disabled_at   TEXT COLLATE "C",
    CHECK ((role = 'liaison') = (party IS NOT NULL))
);

CREATE TABLE vigil.api_tokens (
    id           TEXT COLLATE "C" PRIMARY KEY,    -- public: listed, and named to revoke
    label        TEXT COLLATE "C",
    role         TEXT COLLATE "C" NOT NULL
                 CHECK (role IN ('admin', 'coordinator', 'monitor', 'liaison', 'analyst')),
    party        TEXT COLLATE "C",                -- parties(id)
    account      TEXT COLLATE "C",                -- accounts(name)
    token_sha256 BYTEA NOT NULL CHECK (octet_length(token_sha256) = 32),
    created_at   TEXT COLLATE "C" NOT NULL,
    revoked_at   TEXT COLLATE "C",
    expires_at   TEXT COLLATE "C",
    CHECK ((role = 'liaison') = (party IS NOT NULL))
);
-- The server finds the token of every request by this digest. Not UNIQUE (see the header):
-- put_token refuses a second token with the same digest itself.
CREATE INDEX api_tokens_sha256 ON vigil.api_tokens (token_sha256);

-- The audit log: one row per record a write inserted or changed, appended in the same
-- transaction as the write. `seq` comes from an identity sequence, which never hands out a
-- number twice (a rolled back transaction leaves a gap); every Vigil writer holds one advisory
-- lock until it commits, so `seq` order is commit order. BY DEFAULT, not ALWAYS, so that
-- `vigil migrate` can restore another database's entries with their own `seq`.
CREATE TABLE vigil.audit_log (
    seq         BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    at          TEXT COLLATE "C" NOT NULL,
    actor       TEXT COLLATE "C" NOT NULL,
    role        TEXT COLLATE "C" CHECK (role IN ('admin', 'coordinator', 'monitor', 'liaison', 'analyst')),
    action      TEXT COLLATE "C" NOT NULL CHECK (action IN ('insert', 'update')),
    record_kind TEXT COLLATE "C" NOT NULL,
    record_id   TEXT COLLATE "C" NOT NULL,
    before      TEXT COLLATE "C",
    after       TEXT COLLATE "C" NOT NULL,
    CHECK ((action = 'insert') = (before IS NULL))
);
CREATE INDEX audit_log_record ON vigil.audit_log (record_kind, record_id, seq);

-- Evidence items (the files live in the evidence folder, named by their SHA-256), the
-- incidents they document, and their custody log. Items are written once; links and custody
-- events are only added. Nothing here moves the data version.
CREATE TABLE vigil.evidence (
    sha256        TEXT COLLATE "C" PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size          BIGINT NOT NULL CHECK (size >= 0),
    media_type    TEXT COLLATE "C" NOT NULL,
    captured_at   TEXT COLLATE "C",
    captured_by   TEXT COLLATE "C",               -- a witness's identity: never in the audit log
    acquired_from TEXT COLLATE "C",               -- sources(id)
    redacted_from TEXT COLLATE "C",               -- evidence(sha256)
    added_at      TEXT COLLATE "C" NOT NULL
);

CREATE TABLE vigil.evidence_incidents (
    sha256      TEXT COLLATE "C" NOT NULL,        -- evidence(sha256)
    incident_id TEXT COLLATE "C" NOT NULL,        -- incidents(id)
    PRIMARY KEY (sha256, incident_id)
);
CREATE INDEX evidence_incidents_by_incident ON vigil.evidence_incidents (incident_id, sha256);

CREATE TABLE vigil.custody_events (
    seq    BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    sha256 TEXT COLLATE "C" NOT NULL,             -- evidence(sha256)
    kind   TEXT COLLATE "C" NOT NULL CHECK (kind IN ('acquisition', 'export', 'transfer', 'access')),
    actor  TEXT COLLATE "C" NOT NULL,
    at     TEXT COLLATE "C" NOT NULL,
    note   TEXT COLLATE "C"
);
CREATE INDEX custody_events_by_item ON vigil.custody_events (sha256, seq);

-- The transparency log's state: its signing key, the leaf hashes of the entries checkpoints
-- covered, the signed checkpoints and the head. Bookkeeping: none of it moves the data version.
CREATE TABLE vigil.log_key (
    only_one   BIGINT PRIMARY KEY CHECK (only_one = 1),
    signer_key TEXT COLLATE "C" NOT NULL,
    created_at TEXT COLLATE "C" NOT NULL
);

CREATE TABLE vigil.log_leaves (
    leaf_index BIGINT PRIMARY KEY,             -- 0-based position in the tree
    seq        BIGINT NOT NULL,                -- the audit entry it is made from
    leaf_hash  BYTEA NOT NULL CHECK (octet_length(leaf_hash) = 32)
);
CREATE INDEX log_leaves_seq ON vigil.log_leaves (seq);

CREATE TABLE vigil.log_checkpoints (
    tree_size  BIGINT PRIMARY KEY,
    note       TEXT COLLATE "C" NOT NULL,
    created_at TEXT COLLATE "C" NOT NULL
);

CREATE TABLE vigil.log_head (
    only_one  BIGINT PRIMARY KEY CHECK (only_one = 1),
    tree_size BIGINT NOT NULL CHECK (tree_size >= 0),
    last_seq  BIGINT,                          -- NULL for the empty tree
    note      TEXT COLLATE "C" NOT NULL,
    frontier  BYTEA NOT NULL
);
