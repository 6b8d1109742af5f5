-- An incident known only to a district, governorate or country (a data set's country-level row
-- without coordinates) is kept at that precision with no point: lon and lat become nullable,
-- both present or both absent. SQLite cannot relax NOT NULL in place, so the table is rebuilt
-- (https://www.sqlite.org/lang_altertable.html, "Making Other Kinds Of Table Schema Changes");
-- the migration runner turns foreign-key enforcement off around it and checks every foreign key
-- before committing.

CREATE TABLE incidents_rebuilt (
    id             TEXT PRIMARY KEY,
    title          TEXT,
    kind           TEXT NOT NULL,
    category       TEXT NOT NULL,
    start_at       TEXT NOT NULL,
    end_at         TEXT NOT NULL,
    time_precision TEXT NOT NULL,
    lon            REAL,
    lat            REAL,
    precision      TEXT NOT NULL,
    radius_m       REAL NOT NULL,
    area           TEXT,
    weapon         TEXT,
    damage         TEXT,
    certainty      TEXT NOT NULL,
    description    TEXT,
    facts_sha256   BLOB NOT NULL,
    CHECK ((lon IS NULL) = (lat IS NULL)),
    CHECK (lon IS NOT NULL OR precision IN ('district', 'governorate', 'country'))
) STRICT, WITHOUT ROWID;

INSERT INTO incidents_rebuilt
    (id, title, kind, category, start_at, end_at, time_precision, lon, lat, precision, radius_m,
     area, weapon, damage, certainty, description, facts_sha256)
SELECT id, title, kind, category, start_at, end_at, time_precision, lon, lat, precision, radius_m,
       area, weapon, damage, certainty, description, facts_sha256
FROM incidents;

DROP TABLE incidents;
ALTER TABLE incidents_rebuilt RENAME TO incidents;
CREATE INDEX incidents_start ON incidents(start_at);
