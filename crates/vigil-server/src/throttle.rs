//! Sign-in throttling: after [`MAX_FAILURES_PER_NAME`] failed sign-ins for one account name, or
//! [`MAX_FAILURES_PER_CLIENT`] from one client address, within [`WINDOW`], `POST /api/sessions`
//! answers `429 too_many_requests` with `Retry-After` until the window that counted them ends,
//! without checking the password at all (so a guess made while throttled never succeeds).
//!
//! Kept in memory, per server: a restart forgets it, which costs an attacker a restart they
//! cannot cause. Each table holds at most [`MAX_ENTRIES`] entries of a fixed size (an account
//! name is kept as a keyed 64-bit hash, never as text, so a megabyte-long name costs what a
//! short one does, and no name is held in memory to leak): when a table is full, entries whose
//! window has ended go first, then the oldest. A client address is its IPv4 address, or the
//! /64 network of an IPv6 one (what one machine is usually given). Behind a reverse proxy every
//! request comes from the proxy's address, so the per-client limit then counts everyone
//! together; the per-name limit still holds.
//!
//! A successful sign-in clears its name's count, not its address's: an attacker with an
//! account of their own cannot reset the count of the address they guess from.

use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long failures are counted.
pub(crate) const WINDOW: Duration = Duration::from_secs(15 * 60);
/// Failed sign-ins for one name within [`WINDOW`] before it is refused: enough for a person
/// who mistypes, far too few to guess a password.
pub(crate) const MAX_FAILURES_PER_NAME: u32 = 5;
/// Failed sign-ins from one client within [`WINDOW`]: an office behind one address has several
/// people signing in.
pub(crate) const MAX_FAILURES_PER_CLIENT: u32 = 20;
/// Entries per table.
pub(crate) const MAX_ENTRIES: usize = 10_000;

#[derive(Clone, Copy)]
struct Entry {
    since: Instant,
    failures: u32,
}

/// One table of failure counts by key.
struct Table<K> {
    entries: HashMap<K, Entry>,
    limit: u32,
}

impl<K: std::hash::Hash + Eq + Copy> Table<K> {
    fn new(limit: u32) -> Self {
        Self {
            entries: HashMap::new(),
            limit,
        }
    }

    /// How long `key` must wait, when it has used up its failures.
    fn wait(&self, key: &K, now: Instant) -> Option<Duration> {
        let entry = self.entries.get(key)?;
        let ends = entry.since + WINDOW;
        (entry.failures >= self.limit && ends > now).then(|| ends - now)
    }

    fn fail(&mut self, key: K, now: Instant) {
        if !self.entries.contains_key(&key) && self.entries.len() >= MAX_ENTRIES {
            self.entries.retain(|_, e| e.since + WINDOW > now);
            if self.entries.len() >= MAX_ENTRIES {
                if let Some(oldest) = self
                    .entries
                    .iter()
                    .min_by_key(|(_, e)| e.since)
                    .map(|(k, _)| *k)
                {
                    self.entries.remove(&oldest);
                }
            }
        }
        let entry = self.entries.entry(key).or_insert(Entry {
            since: now,
            failures: 0,
        });
        if entry.since + WINDOW <= now {
            *entry = Entry {
                since: now,
                failures: 0,
            };
        }
        entry.failures = entry.failures.saturating_add(1);
    }

    fn clear(&mut self, key: &K) {
        self.entries.remove(key);
    }
}

struct Tables {
    names: Table<u64>,
    clients: Table<IpAddr>,
}

/// The failure counts of one server.
pub(crate) struct SignInThrottle {
    hasher: RandomState,
    tables: Mutex<Tables>,
}

impl Default for SignInThrottle {
    fn default() -> Self {
        Self {
            hasher: RandomState::new(),
            tables: Mutex::new(Tables {
                names: Table::new(MAX_FAILURES_PER_NAME),
                clients: Table::new(MAX_FAILURES_PER_CLIENT),
            }),
        }
    }
}

/// The address counted for a client: IPv4 as is, IPv6 by its /64 network.
fn client_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let bits = u128::from(v6) & !((1u128 << 64) - 1);
                IpAddr::V6(bits.into())
            }
        },
        v4 => v4,
    }
}

impl SignInThrottle {
    fn name_key(&self, name: &str) -> u64 {
        self.hasher.hash_one(name)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Tables> {
        // A panic while holding the lock leaves counts that are still counts.
        self.tables.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// How long a sign-in for `name` from `client` must wait; `None` when it may be tried.
    pub(crate) fn wait(&self, name: &str, client: Option<IpAddr>) -> Option<Duration> {
        let now = Instant::now();
        let tables = self.lock();
        let by_name = tables.names.wait(&self.name_key(name), now);
        let by_client = client.and_then(|ip| tables.clients.wait(&client_key(ip), now));
        by_name.max(by_client)
    }

    pub(crate) fn failed(&self, name: &str, client: Option<IpAddr>) {
        let now = Instant::now();
        let key = self.name_key(name);
        let mut tables = self.lock();
        tables.names.fail(key, now);
        if let Some(ip) = client {
            tables.clients.fail(client_key(ip), now);
        }
    }

    pub(crate) fn succeeded(&self, name: &str) {
        let key = self.name_key(name);
        self.lock().names.clear(&key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_refused_after_its_failures_and_cleared_by_a_success() {
        let throttle = SignInThrottle::default();
        let ip: IpAddr = "192.0.2.1".parse().unwrap();
        for _ in 0..MAX_FAILURES_PER_NAME {
            assert!(throttle.wait("lena", Some(ip)).is_none());
            throttle.failed("lena", Some(ip));
        }
        let wait = throttle.wait("lena", Some(ip)).unwrap();
        assert!(wait <= WINDOW && wait > WINDOW - Duration::from_secs(60));
        assert!(throttle.wait("omar", Some(ip)).is_none());
        throttle.succeeded("lena");
        assert!(throttle.wait("lena", Some(ip)).is_none());
    }

    #[test]
    fn a_client_is_refused_after_its_failures_whatever_the_names() {
        let throttle = SignInThrottle::default();
        let ip: IpAddr = "2001:db8::1".parse().unwrap();
        let same_network: IpAddr = "2001:db8::ffff".parse().unwrap();
        for i in 0..MAX_FAILURES_PER_CLIENT {
            throttle.failed(&format!("name-{i}"), Some(ip));
        }
        assert!(throttle.wait("anyone", Some(same_network)).is_some());
        assert!(throttle
            .wait("anyone", Some("2001:db9::1".parse().unwrap()))
            .is_none());
    }

    #[test]
    fn the_tables_never_grow_past_their_bound() {
        let throttle = SignInThrottle::default();
        for i in 0..(MAX_ENTRIES + 50) {
            throttle.failed(&format!("name-{i}"), None);
        }
        assert_eq!(throttle.lock().names.entries.len(), MAX_ENTRIES);
    }
}
