-- One index over where and when an incident happened, for searches by box and period: the
-- counterpart of the SQLite backend's 3-D R*Tree (`incident_space_time`). Without it PostgreSQL
-- combines the GiST index on the point with a B-tree on one end of the period, which at a
-- million incidents matches hundreds of thousands of index entries and visits thousands of
-- table pages for a few dozen matches (bench/server/README.md, "1,000,000 incidents").
--
-- Each incident is indexed as a line from (lon, lat, start) to (lon, lat, end) in an
-- n-dimensional GiST index (PostGIS's gist_geometry_ops_nd), and a search asks with `&&&` for
-- the lines whose 3-D bounding box overlaps that of (min lon, min lat, from) - (max lon,
-- max lat, to). The index keeps 32-bit floats rounded outwards, so it finds a superset; the
-- search's exact conditions on lon, lat, start_at and end_at still decide. Incidents without
-- a point are not in it (the line is NULL), as they never match a box.

-- The line an incident is indexed as, from (lon, lat, start) to (lon, lat, end). An instant
-- as stored (fixed-width 'YYYY-MM-DDTHH:MM:SSZ') becomes a number that grows with time: days
-- counted as if every month had 31 days, from the year 2000 (so recent years, where the
-- incidents are, get the most of a 32-bit float's precision). Not a true day count: only its
-- order matters. Plain arithmetic on the text's digits, so the function is IMMUTABLE (as an
-- index expression must be) and any stored year, 0000 to 9999, maps without error.
--
-- A search (src/search.rs) calls the same function for the corners of its box, so that both
-- sides use this one mapping.
--
-- The body names nothing in the schema `vigil`, and qualifies PostGIS's functions: an SQL
-- function's body is read with the privileges and search_path of whoever runs it, the
-- read-only roles of the `gis` and `published` views (migration 0002) may not use the schema
-- `vigil`, and a restore's search_path may not name `public`.
CREATE FUNCTION vigil.incident_space_time(lon DOUBLE PRECISION, lat DOUBLE PRECISION,
                                          start_at TEXT, end_at TEXT) RETURNS public.geometry
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT public.ST_MakeLine(
        public.ST_MakePoint(lon, lat,
            ((substr(start_at, 1, 4)::int - 2000) * 372 + (substr(start_at, 6, 2)::int - 1) * 31
             + (substr(start_at, 9, 2)::int - 1))::double precision
            + (substr(start_at, 12, 2)::int * 3600 + substr(start_at, 15, 2)::int * 60
               + substr(start_at, 18, 2)::int)::double precision / 86400),
        public.ST_MakePoint(lon, lat,
            ((substr(end_at, 1, 4)::int - 2000) * 372 + (substr(end_at, 6, 2)::int - 1) * 31
             + (substr(end_at, 9, 2)::int - 1))::double precision
            + (substr(end_at, 12, 2)::int * 3600 + substr(end_at, 15, 2)::int * 60
               + substr(end_at, 18, 2)::int)::double precision / 86400))
$$;

-- Stored, as `geom` is: a search whose rows are walked in id order (a box holding most of the
-- incidents) then checks each row against the stored line, rather than building it again for
-- every row it passes.
ALTER TABLE vigil.incidents ADD COLUMN space_time public.geometry
    GENERATED ALWAYS AS (vigil.incident_space_time(lon, lat, start_at, end_at)) STORED;

CREATE INDEX incidents_space_time ON vigil.incidents
    USING gist (space_time public.gist_geometry_ops_nd);
