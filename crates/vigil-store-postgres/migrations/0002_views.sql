-- Views for people and GIS tools, and the read-only roles that see them, with the publication
-- policy applied (DESIGN.md, "Publication policy and access"). QGIS lists each view with its
-- geometry column (they appear in geometry_columns) and opens it like a table.
--
-- Two schemas, one per policy:
-- - `gis`: what an analyst may see. Every site, restricted ones included, with its name and
--   point; incidents with their points; findings; movements; areas. No source or witness
--   identity anywhere: no source ids, report contents, statements' sources or attributions'
--   sources. Read by members of the role `vigil_gis_reader`.
-- - `published`: what the public may see, as WHO SSA publishes: counts of incidents by
--   governorate, day, category and certainty, with the governorate's boundary. No point finer
--   than a governorate, no facility name, no source. Read by members of `vigil_public_reader`.
--
-- The views run with their owner's rights (the role that migrated), so a reader needs no right
-- on the tables in `vigil`, and is given none: a reader sees the views and nothing else.
--
-- Roles are shared by every database of a PostgreSQL cluster, and making one needs the
-- CREATEROLE right. A migrating role without it makes the views only; a database administrator
-- then makes the two roles (NOLOGIN) and grants them as at the end of this file, which the next
-- migration also does whenever the roles exist (see docs/postgres.md). The migration's advisory
-- lock is per database, so two databases of one cluster migrating at once may both try to make
-- a role: the second finds it made and goes on.

CREATE SCHEMA IF NOT EXISTS gis;
CREATE SCHEMA IF NOT EXISTS published;

-- The latest status of each site (the last as_of; among entries of one day, the first status
-- by name, so the choice does not depend on the order rows were read in).
CREATE VIEW gis.sites AS
SELECT s.id,
       s.kind,
       s.name,
       s.operator,
       s.precision,
       s.radius_m,
       s.sensitivity,
       s.area,
       a.name_en AS area_name,
       a.name_ar AS area_name_ar,
       latest.status,
       latest.as_of::date AS status_as_of,
       s.geom,
       s.footprint_geom
FROM vigil.sites s
LEFT JOIN vigil.areas a ON a.id = s.area
LEFT JOIN LATERAL (
    SELECT st.status, st.as_of
    FROM vigil.site_status st
    WHERE st.site_id = s.id
    ORDER BY st.as_of DESC, st.status
    LIMIT 1
) latest ON true;

CREATE VIEW gis.incidents AS
SELECT i.id,
       i.title,
       i.kind,
       i.category,
       i.start_at::timestamptz AS starts_at,
       i.end_at::timestamptz AS ends_at,
       i.time_precision,
       i.precision,
       i.radius_m,
       i.area,
       a.name_en AS area_name,
       a.name_ar AS area_name_ar,
       i.weapon,
       i.damage,
       i.certainty,
       i.description,
       i.geom
FROM vigil.incidents i
LEFT JOIN vigil.areas a ON a.id = i.area;

-- One row per finding, placed at its incident's point. `explanation` is the finding's own line
-- for people.
CREATE VIEW gis.findings AS
SELECT f.incident_id,
       f.position,
       f.kind,
       f.strength,
       f.subject_type,
       f.subject_id,
       f.site_id,
       f.notification_id,
       f.body::json ->> 'explanation' AS explanation,
       i.start_at::timestamptz AS incident_starts_at,
       i.geom
FROM vigil.findings f
JOIN vigil.incidents i ON i.id = f.incident_id;

CREATE VIEW gis.movements AS
SELECT m.id,
       m.kind,
       m.name,
       m.operator,
       m.corridor_width_m,
       m.window_start::timestamptz AS window_starts_at,
       m.window_end::timestamptz AS window_ends_at,
       m.window_precision,
       m.sensitivity,
       m.route_geom
FROM vigil.movements m;

CREATE VIEW gis.areas AS
SELECT a.id, a.level, a.pcode, a.name_en, a.name_ar, a.parent, a.boundary_geom
FROM vigil.areas a;

-- Each incident's governorate: its stored area, climbed through parents to the governorate
-- level (an incident placed only at country level has none and is not counted here).
CREATE VIEW published.incidents_by_governorate AS
WITH RECURSIVE chain (incident, area, level, parent, depth) AS (
    SELECT i.id, a.id, a.level, a.parent, 0
    FROM vigil.incidents i
    JOIN vigil.areas a ON a.id = i.area
    UNION ALL
    SELECT c.incident, p.id, p.level, p.parent, c.depth + 1
    FROM chain c
    JOIN vigil.areas p ON p.id = c.parent
    WHERE c.level <> 'governorate' AND c.depth < 8
),
counted AS (
    SELECT c.area AS governorate,
           left(i.start_at, 10)::date AS day,
           i.category,
           i.certainty,
           count(*) AS incidents
    FROM chain c
    JOIN vigil.incidents i ON i.id = c.incident
    WHERE c.level = 'governorate'
    GROUP BY c.area, left(i.start_at, 10), i.category, i.certainty
)
SELECT k.governorate,
       g.pcode,
       g.name_en,
       g.name_ar,
       k.day,
       k.category,
       k.certainty,
       k.incidents,
       g.boundary_geom
FROM counted k
JOIN vigil.areas g ON g.id = k.governorate;

DO $roles$
DECLARE
    may_create boolean := (SELECT rolcreaterole OR rolsuper FROM pg_roles
                           WHERE rolname = current_user);
BEGIN
    IF may_create THEN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'vigil_gis_reader') THEN
            BEGIN
                CREATE ROLE vigil_gis_reader NOLOGIN;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL;  -- made meanwhile by the migration of another database on this cluster
            END;
        END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'vigil_public_reader') THEN
            BEGIN
                CREATE ROLE vigil_public_reader NOLOGIN;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL;  -- made meanwhile by the migration of another database on this cluster
            END;
        END IF;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'vigil_gis_reader') THEN
        GRANT USAGE ON SCHEMA gis TO vigil_gis_reader;
        GRANT SELECT ON ALL TABLES IN SCHEMA gis TO vigil_gis_reader;
    ELSE
        RAISE NOTICE 'role vigil_gis_reader does not exist and this role may not create it; '
                     'see docs/postgres.md';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'vigil_public_reader') THEN
        GRANT USAGE ON SCHEMA published TO vigil_public_reader;
        GRANT SELECT ON ALL TABLES IN SCHEMA published TO vigil_public_reader;
    ELSE
        RAISE NOTICE 'role vigil_public_reader does not exist and this role may not create it; '
                     'see docs/postgres.md';
    END IF;
END
$roles$;
