-- Stored findings, the data version they were computed at, and the source of each linked
-- report.

-- The source of each report an incident is built from, copied from the report. Reports never
-- change, so the copy cannot go stale; the duplicate rule needs every incident's sources, and
-- this narrow table gives them without reading a million large report rows.
ALTER TABLE incident_reports ADD COLUMN source TEXT;
UPDATE incident_reports SET source = (SELECT source FROM reports WHERE id = report_id);

-- One row: a counter that every write transaction which changed anything moves on. Findings
-- computed at version N are up to date exactly while it still reads N.
CREATE TABLE data_version (
    only    INTEGER PRIMARY KEY CHECK (only = 1),
    version INTEGER NOT NULL
) STRICT;
INSERT INTO data_version (only, version) VALUES (1, 1);

-- The findings of the last cross-check, by incident (the later one, for repeat attacks and
-- duplicate candidates), in the engine's order. `body` is the whole finding as JSON; the other
-- columns are there to find rows by.
CREATE TABLE findings (
    incident_id     TEXT NOT NULL,
    position        INTEGER NOT NULL,
    kind            TEXT NOT NULL,
    strength        TEXT NOT NULL,
    subject_type    TEXT NOT NULL,
    subject_id      TEXT NOT NULL,
    -- The site a repeat attack is about (its subject is the earlier incident).
    site_id         TEXT,
    notification_id TEXT,
    body            TEXT NOT NULL,
    PRIMARY KEY (incident_id, position)
) STRICT, WITHOUT ROWID;
CREATE INDEX findings_subject ON findings(subject_type, subject_id);
CREATE INDEX findings_site ON findings(site_id) WHERE site_id IS NOT NULL;

-- SHA-256 of each incident's findings as stored: a new run compares instead of rewriting, so
-- only incidents whose findings changed are written.
CREATE TABLE finding_digests (
    incident_id TEXT PRIMARY KEY,
    sha256      BLOB NOT NULL
) STRICT, WITHOUT ROWID;

-- One row once findings have been stored: the data version and engine options they reflect.
CREATE TABLE findings_state (
    only          INTEGER PRIMARY KEY CHECK (only = 1),
    data_version  INTEGER NOT NULL,
    options       TEXT NOT NULL,
    computed_at   TEXT NOT NULL,
    incidents     INTEGER NOT NULL,
    findings      INTEGER NOT NULL
) STRICT;
