-- Incident search (Store::incidents_page): find the incidents in a bounding box and a period
-- without reading them all.
--
-- An R*Tree over three dimensions, longitude, latitude and time (the span's start and end as
-- Unix seconds), answers "in this box and overlapping this period" as one index search, which
-- a B-tree index on any column or pair of columns cannot: a box is a range on two columns at
-- once, and an overlap is a range on two others. SQLite's R*Tree (compiled into the bundled
-- SQLite with SQLITE_ENABLE_RTREE) keys its entries by an integer; incidents are keyed by their
-- text id in a WITHOUT ROWID table, so `incident_keys` gives each incident a number.
--
-- The R*Tree stores 32-bit floats rounded outwards (its boxes may be slightly larger than the
-- values, never smaller), so it finds a superset: every query checks the exact columns of
-- `incidents` again. An incident without a point (known only to a district or wider) gets the
-- box lon = lat = 1000, off the globe: no bounding box on the globe meets it, while a search by
-- time alone, which does not constrain lon and lat, still finds it.
--
-- Triggers keep both tables in step with `incidents`, whatever writes it. A migration that
-- rebuilds `incidents` (as 0003 did) drops these triggers with the old table and must create
-- them again.

CREATE TABLE incident_keys (
    num         INTEGER PRIMARY KEY,
    incident_id TEXT NOT NULL UNIQUE
) STRICT;

CREATE VIRTUAL TABLE incident_boxes USING rtree(
    num,
    min_lon, max_lon,
    min_lat, max_lat,
    min_t, max_t
);

INSERT INTO incident_keys (incident_id) SELECT id FROM incidents ORDER BY id;
INSERT INTO incident_boxes (num, min_lon, max_lon, min_lat, max_lat, min_t, max_t)
SELECT k.num,
       coalesce(i.lon, 1000), coalesce(i.lon, 1000),
       coalesce(i.lat, 1000), coalesce(i.lat, 1000),
       unixepoch(i.start_at), unixepoch(i.end_at)
FROM incidents i JOIN incident_keys k ON k.incident_id = i.id;

CREATE TRIGGER incident_boxes_insert AFTER INSERT ON incidents
BEGIN
    INSERT INTO incident_keys (incident_id) VALUES (new.id);
    INSERT INTO incident_boxes (num, min_lon, max_lon, min_lat, max_lat, min_t, max_t)
    VALUES ((SELECT num FROM incident_keys WHERE incident_id = new.id),
            coalesce(new.lon, 1000), coalesce(new.lon, 1000),
            coalesce(new.lat, 1000), coalesce(new.lat, 1000),
            unixepoch(new.start_at), unixepoch(new.end_at));
END;

CREATE TRIGGER incident_boxes_update AFTER UPDATE OF lon, lat, start_at, end_at ON incidents
BEGIN
    UPDATE incident_boxes
    SET min_lon = coalesce(new.lon, 1000), max_lon = coalesce(new.lon, 1000),
        min_lat = coalesce(new.lat, 1000), max_lat = coalesce(new.lat, 1000),
        min_t = unixepoch(new.start_at), max_t = unixepoch(new.end_at)
    WHERE num = (SELECT num FROM incident_keys WHERE incident_id = new.id);
END;

CREATE TRIGGER incident_boxes_delete AFTER DELETE ON incidents
BEGIN
    DELETE FROM incident_boxes
    WHERE num = (SELECT num FROM incident_keys WHERE incident_id = old.id);
    DELETE FROM incident_keys WHERE incident_id = old.id;
END;
