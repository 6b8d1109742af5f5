-- The transparency log's head: the latest checkpoint with what signing the next one needs
-- without reading every leaf again, the frontier of its tree (one hash per set bit of the
-- tree's size, vigil_translog::Frontier's bytes) and the seq of its last leaf. Written in the
-- same transaction as the checkpoint and its leaves. A database from before this migration
-- has no head until its next checkpoint, which is made the long way, from every stored leaf.
--
-- Bookkeeping, like the rest of the log's tables: it does not move the data version.

CREATE TABLE log_head (
    only_one  INTEGER PRIMARY KEY CHECK (only_one = 1),
    tree_size INTEGER NOT NULL CHECK (tree_size >= 0),
    last_seq  INTEGER,                          -- NULL for the empty tree
    note      TEXT NOT NULL,                    -- the signed checkpoint, as printed
    frontier  BLOB NOT NULL
) STRICT;
