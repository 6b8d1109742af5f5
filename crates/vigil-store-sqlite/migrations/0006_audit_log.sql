-- The audit log: one row per record a write inserted or changed, appended in the same
-- transaction as the write, so the two are committed together or not at all.
--
-- `seq` is AUTOINCREMENT so a number is never reused, even after the newest rows of a rolled
-- back transaction: the log's positions only ever grow. `before` and `after` hold the record as
-- JSON; `before` is NULL for an insert. Rows are never updated or deleted by Vigil.

CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    role        TEXT CHECK (role IN ('admin', 'coordinator', 'monitor', 'liaison', 'analyst')),
    action      TEXT NOT NULL CHECK (action IN ('insert', 'update')),
    record_kind TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    before      TEXT,
    after       TEXT NOT NULL,
    CHECK ((action = 'insert') = (before IS NULL))
) STRICT;

-- A record's history: `vigil audit --record incident/ID` and the API's record filter.
CREATE INDEX audit_log_record ON audit_log(record_kind, record_id, seq);
