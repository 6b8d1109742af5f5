-- Accounts and API tokens: who may sign in to the server, and with what role.
--
-- Secrets are never stored. An account keeps its password's Argon2id hash as a PHC string
-- (the salt and parameters travel with it, so they can be raised without a migration); a token
-- keeps only the SHA-256 of its text. A token has 256 random bits, so a plain digest cannot be
-- reversed, and being deterministic it can be looked up by index on every request.
--
-- Neither table moves the data version: the cross-check's findings do not depend on them.

CREATE TABLE accounts (
    name          TEXT PRIMARY KEY,
    role          TEXT NOT NULL
                  CHECK (role IN ('admin', 'coordinator', 'monitor', 'liaison', 'analyst')),
    -- A liaison is bound to exactly one party, no other role has one (also checked by the
    -- domain; repeated here so no other writer can break it).
    party         TEXT REFERENCES parties(id),
    password_hash TEXT NOT NULL CHECK (password_hash LIKE '$%$%'),
    created_at    TEXT NOT NULL,
    disabled_at   TEXT,
    CHECK ((role = 'liaison') = (party IS NOT NULL))
) STRICT;

CREATE TABLE api_tokens (
    id           TEXT PRIMARY KEY,    -- public: listed, and named to revoke
    label        TEXT,
    role         TEXT NOT NULL
                 CHECK (role IN ('admin', 'coordinator', 'monitor', 'liaison', 'analyst')),
    party        TEXT REFERENCES parties(id),
    account      TEXT REFERENCES accounts(name),
    token_sha256 BLOB NOT NULL CHECK (length(token_sha256) = 32),
    created_at   TEXT NOT NULL,
    revoked_at   TEXT,                -- kept, not deleted: a revoked token is told from a guess
    CHECK ((role = 'liaison') = (party IS NOT NULL))
) STRICT;

-- The server finds the token of every request by this digest: one index probe. UNIQUE because
-- one secret must grant one thing.
CREATE UNIQUE INDEX api_tokens_sha256 ON api_tokens(token_sha256);
