//! Accounts and API tokens: rows of `accounts` and `api_tokens`, read and written. Only
//! digests and password hashes are in these tables, never a secret.

use crate::codec::*;
use crate::db::{g, Db};
use crate::read::collect;
use postgres::Row;
use vigil_domain::{Account, ApiToken, PartyId, Sha256, Timestamp};
use vigil_store::{StoreError, StoreResult};

type Result<T> = StoreResult<T>;

const ACCOUNT_COLUMNS: &str = "name, role, party, password_hash, created_at, disabled_at";
const TOKEN_COLUMNS: &str =
    "id, label, role, party, account, token_sha256, created_at, revoked_at, expires_at";

fn account_row(row: &Row) -> Result<Account> {
    Ok(Account {
        name: g(row, 0)?,
        role: parse("accounts.role", &g::<String>(row, 1)?)?,
        party: opt_parse::<PartyId>("accounts.party", g(row, 2)?)?,
        password_hash: g(row, 3)?,
        created_at: parse_instant("accounts.created_at", &g::<String>(row, 4)?)?,
        disabled_at: opt_instant("accounts.disabled_at", g(row, 5)?)?,
    })
}

fn token_row(row: &Row) -> Result<ApiToken> {
    let digest: Vec<u8> = g(row, 5)?;
    let digest: [u8; 32] = digest.try_into().map_err(|d: Vec<u8>| {
        corrupt("api_tokens.token_sha256", &byte_count(&d), "not 32 bytes")
    })?;
    Ok(ApiToken {
        id: g(row, 0)?,
        label: g(row, 1)?,
        role: parse("api_tokens.role", &g::<String>(row, 2)?)?,
        party: opt_parse::<PartyId>("api_tokens.party", g(row, 3)?)?,
        account: g(row, 4)?,
        token_sha256: Sha256::from_bytes(digest),
        created_at: parse_instant("api_tokens.created_at", &g::<String>(row, 6)?)?,
        revoked_at: opt_instant("api_tokens.revoked_at", g(row, 7)?)?,
        expires_at: opt_instant("api_tokens.expires_at", g(row, 8)?)?,
    })
}

/// Describes a malformed digest by its length only: even a broken one is not printed.
fn byte_count(bytes: &[u8]) -> String {
    format!("<{} bytes>", bytes.len())
}

pub fn account(db: &mut Db<'_>, name: &str) -> Result<Option<Account>> {
    if !storable(name) {
        return Ok(None);
    }
    let sql = format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE name = $1");
    Ok(collect(db, &sql, &[&name], account_row)?.pop())
}

pub fn accounts(db: &mut Db<'_>) -> Result<Vec<Account>> {
    let sql = format!("SELECT {ACCOUNT_COLUMNS} FROM accounts ORDER BY name");
    collect(db, &sql, &[], account_row)
}

pub fn token(db: &mut Db<'_>, id: &str) -> Result<Option<ApiToken>> {
    if !storable(id) {
        return Ok(None);
    }
    let sql = format!("SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE id = $1");
    Ok(collect(db, &sql, &[&id], token_row)?.pop())
}

pub fn token_by_sha256(db: &mut Db<'_>, digest: &Sha256) -> Result<Option<ApiToken>> {
    // Served by the index api_tokens_sha256. put_token keeps digests unique; should two rows
    // ever share one, the oldest is the one that counts, as it would have been found first.
    let sql = format!(
        "SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE token_sha256 = $1
         ORDER BY created_at, id LIMIT 1"
    );
    let digest: &[u8] = &digest.as_bytes()[..];
    Ok(collect(db, &sql, &[&digest], token_row)?.pop())
}

pub fn tokens(db: &mut Db<'_>) -> Result<Vec<ApiToken>> {
    let sql = format!("SELECT {TOKEN_COLUMNS} FROM api_tokens ORDER BY created_at, id");
    collect(db, &sql, &[], token_row)
}

fn found(db: &mut Db<'_>, sql: &str, param: &(dyn postgres::types::ToSql + Sync)) -> Result<bool> {
    Ok(db.opt(sql, &[param])?.is_some())
}

fn require_party(db: &mut Db<'_>, party: Option<&PartyId>) -> Result<()> {
    match party {
        Some(p) if !found(db, "SELECT 1 FROM parties WHERE id = $1", &p.as_str())? => {
            Err(StoreError::not_found("party", p))
        }
        _ => Ok(()),
    }
}

pub fn put_account(db: &mut Db<'_>, account: &Account) -> Result<()> {
    account
        .validate()
        .map_err(|e| StoreError::invalid("account", &account.name, e))?;
    require_party(db, account.party.as_ref())?;
    if found(db, "SELECT 1 FROM accounts WHERE name = $1", &account.name)? {
        return Err(StoreError::Conflict(format!(
            "account '{}' already exists",
            account.name
        )));
    }
    db.exec(
        "INSERT INTO accounts (name, role, party, password_hash, created_at, disabled_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
        &[
            &account.name,
            &account.role.as_str(),
            &account.party.as_ref().map(PartyId::as_str),
            &account.password_hash,
            &instant(&account.created_at),
            &account.disabled_at.as_ref().map(instant),
        ],
    )?;
    Ok(())
}

pub fn put_token(db: &mut Db<'_>, token: &ApiToken) -> Result<()> {
    token
        .validate()
        .map_err(|e| StoreError::invalid("token", &token.id, e))?;
    require_party(db, token.party.as_ref())?;
    if let Some(name) = &token.account {
        if !found(db, "SELECT 1 FROM accounts WHERE name = $1", name)? {
            return Err(StoreError::not_found("account", name));
        }
    }
    if found(db, "SELECT 1 FROM api_tokens WHERE id = $1", &token.id)? {
        return Err(StoreError::Conflict(format!(
            "a token with id '{}' already exists",
            token.id
        )));
    }
    let digest: &[u8] = &token.token_sha256.as_bytes()[..];
    // No UNIQUE index (see the migration's header): this check keeps one secret to one token,
    // and the writers' advisory lock keeps another writer from slipping in between.
    if found(
        db,
        "SELECT 1 FROM api_tokens WHERE token_sha256 = $1",
        &digest,
    )? {
        return Err(StoreError::Conflict(
            "a token with the same secret already exists".into(),
        ));
    }
    db.exec(
        "INSERT INTO api_tokens (id, label, role, party, account, token_sha256, created_at,
             revoked_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        &[
            &token.id,
            &token.label,
            &token.role.as_str(),
            &token.party.as_ref().map(PartyId::as_str),
            &token.account,
            &digest,
            &instant(&token.created_at),
            &token.revoked_at.as_ref().map(instant),
            &token.expires_at.as_ref().map(instant),
        ],
    )?;
    Ok(())
}

pub fn revoke_token(db: &mut Db<'_>, id: &str, at: Timestamp) -> Result<bool> {
    if !storable(id) {
        return Ok(false);
    }
    if !found(db, "SELECT 1 FROM api_tokens WHERE id = $1", &id)? {
        return Ok(false);
    }
    // The first revocation is the one that counts: revoking again changes nothing.
    db.exec(
        "UPDATE api_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL",
        &[&id, &instant(&at)],
    )?;
    Ok(true)
}
