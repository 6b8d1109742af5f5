//! `vigil user add` and `vigil token create|list|revoke`: the accounts and tokens the server
//! authenticates with.
//!
//! Secrets pass through here once: a password is read, hashed and dropped; a token is made,
//! printed once on standard output and dropped. Neither is written to standard error, to the
//! database or to an error message.

use crate::cli::{TokenCreateArgs, TokenRevokeArgs, UserAddArgs};
use crate::commands::list::print_table;
use crate::failure::{CliResult, Failure, EXIT_NOT_FOUND, EXIT_USAGE};
use chrono::{SubsecRound, Utc};
use std::io::{BufRead, IsTerminal};
use vigil_domain::{Account, ApiToken, PartyId, Role, Timestamp};
use vigil_store::Store;

/// Now, to the second: what the database keeps, so what is written reads back equal.
fn now() -> Timestamp {
    Utc::now().trunc_subsecs(0)
}

/// Checks the role/party rule before anything else is asked for (a password typed for nothing
/// is a password typed once too often), and that the party exists.
fn role_and_party(
    store: &dyn Store,
    role: Role,
    party: Option<&str>,
) -> CliResult<Option<PartyId>> {
    if role == Role::Public {
        return Err(Failure::new(
            EXIT_USAGE,
            "the public role needs no account or token: what the public may see is served \
             without one",
        ));
    }
    match (role.is_bound_to_party(), party) {
        (true, None) => Err(Failure::new(
            EXIT_USAGE,
            "a liaison is bound to one party: name it with --party (see `vigil list parties`)",
        )),
        (false, Some(_)) => Err(Failure::new(
            EXIT_USAGE,
            format!("--party is for liaisons only; the {role} role is not bound to a party"),
        )),
        (false, None) => Ok(None),
        (true, Some(party)) => {
            let id = PartyId::new(party).map_err(|e| Failure::input(format!("--party: {e}")))?;
            if store.parties()?.iter().any(|p| p.id == id) {
                Ok(Some(id))
            } else {
                Err(Failure::new(
                    EXIT_NOT_FOUND,
                    format!("party '{party}' does not exist (see `vigil list parties`)"),
                ))
            }
        }
    }
}

/// The new password: twice from the terminal without echo, or one line of standard input
/// when that is a pipe or a file (for scripts).
fn read_password(name: &str) -> CliResult<String> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        // rpassword prompts on the terminal itself, not on standard output.
        let first = rpassword::prompt_password(format!("Password for {name}: "))?;
        let again = rpassword::prompt_password("The same password again: ")?;
        if first != again {
            return Err(Failure::input(
                "the two passwords differ; nothing was stored",
            ));
        }
        Ok(first)
    } else {
        let mut line = String::new();
        stdin.lock().read_line(&mut line)?;
        let password = line.strip_suffix('\n').unwrap_or(&line);
        let password = password.strip_suffix('\r').unwrap_or(password);
        if password.is_empty() {
            return Err(Failure::input(
                "no password on standard input (one line is read)",
            ));
        }
        Ok(password.to_owned())
    }
}

pub fn user_add(store: &mut dyn Store, args: &UserAddArgs) -> CliResult {
    let party = role_and_party(store, args.role, args.party.as_deref())?;
    if store.account(&args.name)?.is_some() {
        return Err(Failure::new(
            crate::failure::EXIT_CONFLICT,
            format!("account '{}' already exists", args.name),
        ));
    }
    let password = read_password(&args.name)?;
    let password_hash = vigil_auth::hash_password(&password)
        .map_err(|e| Failure::input(format!("password: {e}")))?;
    drop(password);
    let account = Account {
        name: args.name.clone(),
        role: args.role,
        party,
        password_hash,
        created_at: now(),
        disabled_at: None,
    };
    let mut tx = store.transaction()?;
    tx.put_account(&account)?;
    tx.commit()?;
    match &account.party {
        Some(party) => println!(
            "Account {} added: {} of {party}.",
            account.name, account.role
        ),
        None => println!("Account {} added: {}.", account.name, account.role),
    }
    Ok(())
}

pub fn token_create(store: &mut dyn Store, args: &TokenCreateArgs) -> CliResult {
    let party = role_and_party(store, args.role, args.party.as_deref())?;
    if let Some(name) = &args.account {
        let account = store.account(name)?.ok_or_else(|| {
            Failure::new(EXIT_NOT_FOUND, format!("account '{name}' does not exist"))
        })?;
        if !account.is_active() {
            return Err(Failure::input(format!("account '{name}' is disabled")));
        }
        // A token acts for its account: it may not grant more, or other, than the account has.
        if account.role != args.role || account.party != party {
            return Err(Failure::new(
                EXIT_USAGE,
                format!(
                    "account '{name}' has the role {}{}: a token for it must have the same role and party",
                    account.role,
                    account
                        .party
                        .as_ref()
                        .map(|p| format!(" of {p}"))
                        .unwrap_or_default()
                ),
            ));
        }
    }
    let (secret, digest) = vigil_auth::new_token();
    let token = ApiToken {
        id: vigil_auth::new_token_id(),
        label: args.label.clone(),
        role: args.role,
        party,
        account: args.account.clone(),
        token_sha256: digest,
        created_at: now(),
        revoked_at: None,
        expires_at: None,
    };
    let mut tx = store.transaction()?;
    tx.put_token(&token)?;
    tx.commit()?;
    // The explanation on standard error, the token alone on standard output, so that
    // `vigil token create … | tail -n1` or `$(vigil token create …)` gets exactly the token.
    eprintln!(
        "Token {} created ({}{}). It is shown once, below: Vigil keeps only its SHA-256 and \
         cannot show it again. Present it as `Authorization: Bearer <token>`.",
        token.id,
        token.role,
        token
            .party
            .as_ref()
            .map(|p| format!(" of {p}"))
            .unwrap_or_default()
    );
    println!("{secret}");
    Ok(())
}

pub fn token_list(store: &dyn Store) -> CliResult {
    let rows: Vec<Vec<String>> = store
        .tokens()?
        .into_iter()
        .map(|t| {
            vec![
                t.id,
                t.label.unwrap_or_default(),
                t.role.to_string(),
                t.party.map(String::from).unwrap_or_default(),
                t.account.unwrap_or_default(),
                t.created_at.to_rfc3339(),
                t.revoked_at.map(|r| r.to_rfc3339()).unwrap_or_default(),
            ]
        })
        .collect();
    print_table(
        &[
            "id", "label", "role", "party", "account", "created", "revoked",
        ],
        &rows,
    );
    Ok(())
}

pub fn token_revoke(store: &mut dyn Store, args: &TokenRevokeArgs) -> CliResult {
    let earlier = store
        .tokens()?
        .into_iter()
        .find(|t| t.id == args.id)
        .and_then(|t| t.revoked_at);
    let mut tx = store.transaction()?;
    let found = tx.revoke_token(&args.id, now())?;
    tx.commit()?;
    match (found, earlier) {
        (false, _) => Err(Failure::new(
            EXIT_NOT_FOUND,
            format!("no token with id '{}' (see `vigil token list`)", args.id),
        )),
        (true, Some(at)) => {
            println!(
                "Token {} was already revoked on {}.",
                args.id,
                at.to_rfc3339()
            );
            Ok(())
        }
        (true, None) => {
            println!("Token {} revoked.", args.id);
            Ok(())
        }
    }
}
