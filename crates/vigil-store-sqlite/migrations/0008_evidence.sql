-- Evidence items, the incidents they document, and their custody log.
--
-- The files themselves live in the evidence folder beside the database, named by their
-- SHA-256; a row is written only once its file is durably in place, so every row has its file
-- (a file without a row is possible after a crash, and harmless: adding it again records it).
--
-- `sha256` is the 64 lower-case hex digits the file is named by, so the folder and the table
-- are read side by side without conversion. Items are written once; links and custody events
-- are only ever added. Nothing here moves the data version: the findings do not depend on it.

CREATE TABLE evidence (
    sha256        TEXT PRIMARY KEY CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
    size          INTEGER NOT NULL CHECK (size >= 0),
    media_type    TEXT NOT NULL,
    captured_at   TEXT,
    -- A witness's identity: never copied into the audit log, shown only to monitors and admins.
    captured_by   TEXT,
    acquired_from TEXT REFERENCES sources(id),
    -- A redacted copy names the original it was made from, which must be stored first.
    redacted_from TEXT REFERENCES evidence(sha256),
    added_at      TEXT NOT NULL
) STRICT;

CREATE TABLE evidence_incidents (
    sha256      TEXT NOT NULL REFERENCES evidence(sha256),
    incident_id TEXT NOT NULL REFERENCES incidents(id),
    PRIMARY KEY (sha256, incident_id)
) STRICT, WITHOUT ROWID;

-- An incident's evidence (the dossier, `vigil evidence list --incident`).
CREATE INDEX evidence_incidents_by_incident ON evidence_incidents(incident_id, sha256);

-- AUTOINCREMENT: an event's position is never reused, so the log reads in recorded order.
CREATE TABLE custody_events (
    seq    INTEGER PRIMARY KEY AUTOINCREMENT,
    sha256 TEXT NOT NULL REFERENCES evidence(sha256),
    kind   TEXT NOT NULL CHECK (kind IN ('acquisition', 'export', 'transfer', 'access')),
    actor  TEXT NOT NULL,
    at     TEXT NOT NULL,
    note   TEXT
) STRICT;

CREATE INDEX custody_events_by_item ON custody_events(sha256, seq);
