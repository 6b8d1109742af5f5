-- The transparency log's state: its signing key and the checkpoints it signed.
--
-- The log's leaves are the audit log's entries in `seq` order, so they are not stored twice;
-- what is stored is what lets `vigil verify` name an altered entry: the leaf hash of every
-- entry a checkpoint covered (`log_leaves`, written when the checkpoint is made), and the signed
-- checkpoints themselves. A checkpoint's root is recomputed from those leaf hashes and from the
-- audit entries; either disagreeing with the signature is reported.
--
-- None of these tables moves the data version: they describe records, they are not records.

CREATE TABLE log_key (
    only_one   INTEGER PRIMARY KEY CHECK (only_one = 1),
    -- The signer key in the signed-note text form PRIVATE+KEY+name+hash+base64. Whoever holds
    -- the database file holds the key, as they hold the records it signs.
    signer_key TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE log_leaves (
    leaf_index INTEGER PRIMARY KEY,            -- 0-based position in the tree
    seq        INTEGER NOT NULL UNIQUE,        -- the audit entry it is made from
    leaf_hash  BLOB NOT NULL CHECK (length(leaf_hash) = 32)
) STRICT;

CREATE TABLE log_checkpoints (
    tree_size  INTEGER PRIMARY KEY,
    note       TEXT NOT NULL,                  -- the signed note, as printed
    created_at TEXT NOT NULL
) STRICT;
