//! The demo's accounts for `vigil demo --serve`: one per role that sees the story (an analyst,
//! a coordinator, a monitor, and a liaison of the Russian Federation), all with the password
//! printed on the terminal, so the web interface can be tried signed in.
//!
//! A well-known password is only safe where nothing but the demo is: the accounts are made
//! only in a database that has no accounts, or only these; any other account means a
//! database of real use, and the command refuses rather than add staff accounts to it. The
//! server listens on 127.0.0.1 unless told otherwise.

use crate::failure::{CliResult, Failure, EXIT_CONFLICT};
use chrono::{SubsecRound, Utc};
use vigil_domain::{Account, PartyId, Role};
use vigil_store::Store;

/// The password of every demo account.
pub const PASSWORD: &str = "aleppo-2016";

/// (name, role, party) of each demo account.
const ACCOUNTS: [(&str, Role, Option<&str>); 4] = [
    ("analyst", Role::Analyst, None),
    ("coordinator", Role::Coordinator, None),
    ("monitor", Role::Monitor, None),
    ("liaison-russia", Role::Liaison, Some("russia")),
];

/// Refuses a database with accounts other than the demo's (checked before the demo is
/// loaded into it, so a refusal changes nothing).
pub fn refuse_foreign(store: &dyn Store) -> CliResult {
    let demo = |name: &str| ACCOUNTS.iter().any(|(n, _, _)| *n == name);
    let foreign: Vec<String> = store
        .accounts()?
        .into_iter()
        .map(|a| a.name)
        .filter(|name| !demo(name))
        .collect();
    if !foreign.is_empty() {
        return Err(Failure::new(
            EXIT_CONFLICT,
            format!(
                "this database has accounts of its own ({}): demo accounts, whose password is \
                 printed in the README, are made only in a database used for nothing but the \
                 demo. Serve it with `vigil serve` and sign in with one of its accounts.",
                foreign.join(", ")
            ),
        ));
    }
    Ok(())
}

/// Makes the demo accounts that are missing, and says how to sign in.
pub fn ensure(store: &mut dyn Store) -> CliResult {
    refuse_foreign(store)?;
    let now = Utc::now().trunc_subsecs(0);
    let mut made = Vec::new();
    for (name, role, party) in ACCOUNTS {
        if store.account(name)?.is_some() {
            continue;
        }
        let account = Account {
            name: name.to_owned(),
            role,
            party: party.map(|p| PartyId::new(p).expect("a valid party id")),
            password_hash: vigil_auth::hash_password(PASSWORD)
                .map_err(|e| Failure::internal(format!("password: {e}")))?,
            created_at: now,
            disabled_at: None,
        };
        made.push(account);
    }
    if !made.is_empty() {
        let mut tx = store.transaction()?;
        for account in &made {
            tx.put_account(account)?;
        }
        tx.commit()?;
    }
    println!();
    println!("Demo accounts (password {PASSWORD}), to sign in to the web interface:");
    for (name, role, party) in ACCOUNTS {
        let of = party.map(|p| format!(" of {p}")).unwrap_or_default();
        println!("  {name:<16} {role}{of}");
    }
    println!("Without signing in, the page shows what the public sees: aggregates only.");
    println!();
    Ok(())
}
