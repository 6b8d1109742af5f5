-- Vigil schema, version 1.
-- Conventions: instants are TEXT 'YYYY-MM-DDTHH:MM:SSZ' (UTC), days TEXT 'YYYY-MM-DD';
-- points are lon/lat REAL columns (WGS84); lines and polygons are GeoJSON geometry TEXT;
-- an absent optional source in a key column is '' (so uniqueness holds without NULLs).

CREATE TABLE sources (
    id           TEXT PRIMARY KEY,
    kind         TEXT NOT NULL,
    title        TEXT NOT NULL,
    publisher    TEXT,
    url          TEXT,
    published_on TEXT,
    protected    INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE parties (
    id   TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL
) STRICT;

CREATE TABLE areas (
    id       TEXT PRIMARY KEY,
    level    TEXT NOT NULL,
    pcode    TEXT,
    name_en  TEXT NOT NULL,
    name_ar  TEXT,
    parent   TEXT,            -- no foreign key: a parent level may not be loaded
    boundary TEXT,            -- GeoJSON MultiPolygon
    source   TEXT REFERENCES sources(id)
) STRICT;
CREATE INDEX areas_level ON areas(level);

-- A party's control of an area over a period of days (both included; open end = still).
CREATE TABLE zones_of_control (
    id         TEXT PRIMARY KEY,
    area       TEXT NOT NULL REFERENCES areas(id),
    party_id   TEXT NOT NULL REFERENCES parties(id),
    valid_from TEXT NOT NULL,
    valid_to   TEXT,
    source     TEXT REFERENCES sources(id)
) STRICT;
CREATE INDEX zones_of_control_area ON zones_of_control(area);

CREATE TABLE population_figures (
    area       TEXT NOT NULL REFERENCES areas(id),
    as_of      TEXT NOT NULL,
    population INTEGER NOT NULL CHECK (population >= 0),
    source     TEXT NOT NULL REFERENCES sources(id),
    PRIMARY KEY (area, as_of, source)
) STRICT, WITHOUT ROWID;

CREATE TABLE sites (
    id           TEXT PRIMARY KEY,
    kind         TEXT NOT NULL,
    name         TEXT NOT NULL,
    operator     TEXT,
    lon          REAL NOT NULL,
    lat          REAL NOT NULL,
    precision    TEXT NOT NULL,
    radius_m     REAL NOT NULL,
    footprint    TEXT,        -- GeoJSON Polygon
    sensitivity  TEXT NOT NULL,
    area         TEXT
) STRICT;

CREATE TABLE site_status (
    site_id TEXT NOT NULL REFERENCES sites(id),
    as_of   TEXT NOT NULL,
    status  TEXT NOT NULL,
    source  TEXT NOT NULL DEFAULT '',
    note    TEXT,
    PRIMARY KEY (site_id, as_of, status, source)
) STRICT, WITHOUT ROWID;

CREATE TABLE site_capacity (
    site_id TEXT NOT NULL REFERENCES sites(id),
    as_of   TEXT NOT NULL,
    metric  TEXT NOT NULL,
    value   INTEGER NOT NULL,
    source  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (site_id, as_of, metric, source)
) STRICT, WITHOUT ROWID;

CREATE TABLE movements (
    id               TEXT PRIMARY KEY,
    kind             TEXT NOT NULL,
    name             TEXT NOT NULL,
    operator         TEXT,
    route            TEXT NOT NULL,   -- GeoJSON LineString
    corridor_width_m REAL NOT NULL,
    window_start     TEXT NOT NULL,
    window_end       TEXT NOT NULL,
    window_precision TEXT NOT NULL,
    sensitivity      TEXT NOT NULL,
    source           TEXT REFERENCES sources(id)
) STRICT;

CREATE TABLE notifications (
    id             TEXT NOT NULL,
    version        INTEGER NOT NULL,
    subject_kind   TEXT NOT NULL CHECK (subject_kind IN ('site', 'movement')),
    subject_id     TEXT NOT NULL,
    sent_at        TEXT NOT NULL,
    valid_from     TEXT NOT NULL,
    valid_to       TEXT,
    withdrawn_at   TEXT,
    channel        TEXT,
    payload_sha256 TEXT NOT NULL,
    source         TEXT REFERENCES sources(id),
    PRIMARY KEY (id, version)
) STRICT;
CREATE INDEX notifications_subject ON notifications(subject_kind, subject_id);

CREATE TABLE notification_parties (
    notification_id TEXT NOT NULL,
    version         INTEGER NOT NULL,
    position        INTEGER NOT NULL,
    party_id        TEXT NOT NULL REFERENCES parties(id),
    PRIMARY KEY (notification_id, version, party_id),
    FOREIGN KEY (notification_id, version) REFERENCES notifications(id, version)
) STRICT, WITHOUT ROWID;

CREATE TABLE acknowledgements (
    notification_id TEXT NOT NULL,
    version         INTEGER NOT NULL,
    party_id        TEXT NOT NULL REFERENCES parties(id),
    received_at     TEXT NOT NULL,
    by_whom         TEXT,
    channel         TEXT,
    source          TEXT REFERENCES sources(id),
    PRIMARY KEY (notification_id, version, party_id),
    FOREIGN KEY (notification_id, version) REFERENCES notifications(id, version)
) STRICT, WITHOUT ROWID;

CREATE TABLE reports (
    id          TEXT PRIMARY KEY,
    source      TEXT NOT NULL REFERENCES sources(id),
    received_at TEXT NOT NULL,
    summary     TEXT NOT NULL,
    content     TEXT NOT NULL    -- JSON, as the source gave it
) STRICT, WITHOUT ROWID;         -- keyed by id alone: one B-tree, not a table and an index

CREATE TABLE incidents (
    id             TEXT PRIMARY KEY,
    title          TEXT,
    kind           TEXT NOT NULL,
    category       TEXT NOT NULL,
    start_at       TEXT NOT NULL,
    end_at         TEXT NOT NULL,
    time_precision TEXT NOT NULL,
    lon            REAL NOT NULL,
    lat            REAL NOT NULL,
    precision      TEXT NOT NULL,
    radius_m       REAL NOT NULL,
    area           TEXT,
    weapon         TEXT,
    damage         TEXT,
    certainty      TEXT NOT NULL,
    description    TEXT,
    -- SHA-256 of the facts of the record as last written (everything but the reports it was
    -- built from): an equal write is detected without reading the child tables back.
    facts_sha256   BLOB NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX incidents_start ON incidents(start_at);

CREATE TABLE incident_reports (
    incident_id TEXT NOT NULL REFERENCES incidents(id),
    position    INTEGER NOT NULL,
    report_id   TEXT NOT NULL REFERENCES reports(id),
    PRIMARY KEY (incident_id, report_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE incident_targets (
    incident_id TEXT NOT NULL REFERENCES incidents(id),
    position    INTEGER NOT NULL,
    target_type TEXT NOT NULL CHECK (target_type IN ('site', 'movement', 'kind')),
    target      TEXT NOT NULL,
    PRIMARY KEY (incident_id, target_type, target)
) STRICT, WITHOUT ROWID;
CREATE INDEX incident_targets_target ON incident_targets(target_type, target);

CREATE TABLE casualties (
    incident_id TEXT NOT NULL REFERENCES incidents(id),
    position    INTEGER NOT NULL,
    grp         TEXT NOT NULL,
    outcome     TEXT NOT NULL,
    low         INTEGER NOT NULL,
    best        INTEGER NOT NULL,
    high        INTEGER NOT NULL,
    source      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (incident_id, grp, outcome, source),
    CHECK (low <= best AND best <= high)
) STRICT, WITHOUT ROWID;

CREATE TABLE attributions (
    incident_id TEXT NOT NULL REFERENCES incidents(id),
    position    INTEGER NOT NULL,
    party_id    TEXT NOT NULL REFERENCES parties(id),
    grade       TEXT NOT NULL,
    sources     TEXT NOT NULL,   -- JSON array of source ids
    PRIMARY KEY (incident_id, party_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE statements (
    id          TEXT PRIMARY KEY,
    incident_id TEXT NOT NULL REFERENCES incidents(id),
    party_id    TEXT REFERENCES parties(id),
    kind        TEXT NOT NULL,
    made_on     TEXT NOT NULL,
    summary     TEXT NOT NULL,
    source      TEXT NOT NULL REFERENCES sources(id)
) STRICT;
CREATE INDEX statements_incident ON statements(incident_id);

CREATE TABLE ceasefires (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    parties      TEXT NOT NULL,  -- JSON array of party ids
    areas        TEXT NOT NULL,  -- JSON array of area ids
    start_at     TEXT NOT NULL,
    planned_end  TEXT,
    collapsed_at TEXT,
    source       TEXT REFERENCES sources(id)
) STRICT;

-- One row per import run, written in the same transaction as the rows it imported.
CREATE TABLE import_runs (
    id          INTEGER PRIMARY KEY,
    finished_at TEXT NOT NULL,
    record_kind TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    file_sha256 TEXT NOT NULL,
    rows_read   INTEGER NOT NULL,
    inserted    INTEGER NOT NULL,
    updated     INTEGER NOT NULL,
    unchanged   INTEGER NOT NULL,
    skipped     INTEGER NOT NULL
) STRICT;
