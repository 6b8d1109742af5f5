-- Reports keep each source's record as received, which for a publisher's spreadsheet row is a
-- JSON object of 35 cells, about 1.4 KB. In a WITHOUT ROWID table SQLite keeps only about 1 KB
-- of a row on its page (the index B-tree rule) and spills the rest to an overflow page of its
-- own: a million such reports took 6.2 GB, three quarters of it empty pages, written twice
-- (log and file). An ordinary rowid table keeps rows up to about 4 KB on the page; the id gets
-- its own small index. (SQLite's advice: WITHOUT ROWID suits rows under about 200 bytes,
-- https://www.sqlite.org/withoutrowid.html section 4.)

CREATE TABLE reports_rebuilt (
    id          TEXT PRIMARY KEY,
    source      TEXT NOT NULL REFERENCES sources(id),
    received_at TEXT NOT NULL,
    summary     TEXT NOT NULL,
    content     TEXT NOT NULL    -- JSON, as the source gave it
) STRICT;

INSERT INTO reports_rebuilt (id, source, received_at, summary, content)
SELECT id, source, received_at, summary, content FROM reports;

DROP TABLE reports;
ALTER TABLE reports_rebuilt RENAME TO reports;
