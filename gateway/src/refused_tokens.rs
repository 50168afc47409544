//! Refused tokens, counted rather than written one by one: the audit trail gets one
//! record per client address (and `sub`, when a well-signed token named one) and window
//! (a minute by default), carrying how many tokens were refused and why. A flood of bad
//! tokens therefore writes a row a minute per address, not a row a request; the rate
//! limiter (the address's anonymous bucket) refuses the flood itself.
//!
//! Windows are aligned on the clock. A window's record is written once it has closed
//! (a background task looks every half window), and whatever is pending when the
//! gateway shuts down is written then. A zero window writes each refusal at once.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use chrono::{DateTime, Utc};
use schema::audit::RefusedTokens;

/// The default window: refusals of one address are counted per minute.
pub const DEFAULT_WINDOW: Duration = Duration::from_secs(60);

/// Tallies kept at once; past this, refusals from addresses not yet seen are counted
/// together under [`OVERFLOW_ADDRESS`] (an attacker with many addresses cannot exhaust
/// memory).
const MAX_TALLIES: usize = 100_000;

/// The address recorded for refusals counted together once [`MAX_TALLIES`] is reached.
const OVERFLOW_ADDRESS: &str = "(other addresses)";

/// Whose refusals one tally counts, and in which window.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    client: Option<String>,
    sub: Option<String>,
    /// The window's index: milliseconds since the epoch divided by the window's length.
    window: i64,
}

/// The refusals not yet written to the audit trail.
pub(crate) struct RefusalTally {
    window: Duration,
    tallies: Mutex<HashMap<Key, RefusedTokens>>,
}

impl RefusalTally {
    /// Counts refusals per `window` (zero: none is held back).
    pub(crate) fn new(window: Duration) -> Self {
        Self {
            window,
            tallies: Mutex::new(HashMap::new()),
        }
    }

    /// The window's length (zero: refusals are written at once).
    pub(crate) fn window(&self) -> Duration {
        self.window
    }

    /// The window's length in milliseconds, at least one.
    fn window_ms(&self) -> i64 {
        i64::try_from(self.window.as_millis())
            .unwrap_or(i64::MAX)
            .max(1)
    }

    /// Counts a refusal of a token from `client` (naming `sub`, if it verified) for
    /// `reason`, at `at`.
    pub(crate) fn note(
        &self,
        client: Option<String>,
        sub: Option<String>,
        reason: &str,
        at: DateTime<Utc>,
    ) {
        let mut key = Key {
            client,
            sub,
            window: at.timestamp_millis().div_euclid(self.window_ms()),
        };
        let mut tallies = self.tallies.lock().unwrap_or_else(|e| e.into_inner());
        if tallies.len() >= MAX_TALLIES && !tallies.contains_key(&key) {
            key.client = Some(OVERFLOW_ADDRESS.to_owned());
            key.sub = None;
        }
        match tallies.get_mut(&key) {
            Some(tally) => tally.add(reason),
            None => {
                let tally = RefusedTokens::one(key.client.clone(), key.sub.clone(), reason, at);
                tallies.insert(key, tally);
            }
        }
    }

    /// Takes the tallies whose window had closed by `now` (every one when the window is
    /// zero), oldest first.
    pub(crate) fn take_closed(&self, now: DateTime<Utc>) -> Vec<RefusedTokens> {
        let open = now.timestamp_millis().div_euclid(self.window_ms());
        self.take(|key| self.window.is_zero() || key.window < open)
    }

    /// Takes every tally, closed or not (at shutdown), oldest first.
    pub(crate) fn take_all(&self) -> Vec<RefusedTokens> {
        self.take(|_| true)
    }

    fn take(&self, taken: impl Fn(&Key) -> bool) -> Vec<RefusedTokens> {
        let mut tallies = self.tallies.lock().unwrap_or_else(|e| e.into_inner());
        let keys: Vec<Key> = tallies.keys().filter(|key| taken(key)).cloned().collect();
        let mut closed: Vec<RefusedTokens> =
            keys.iter().filter_map(|key| tallies.remove(key)).collect();
        closed.sort_by_key(|tally| tally.first_at);
        closed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + seconds, 0).unwrap()
    }

    #[test]
    fn refusals_are_counted_per_address_and_window() {
        // 1_800_000_000 is a whole minute, so the window runs from at(0) to at(60).
        let tally = RefusalTally::new(DEFAULT_WINDOW);
        for second in 0..50 {
            tally.note(
                Some("10.0.0.1".into()),
                None,
                "InvalidSignature",
                at(second),
            );
        }
        tally.note(Some("10.0.0.1".into()), None, "ExpiredSignature", at(51));
        tally.note(Some("10.0.0.2".into()), None, "a, b", at(52));
        tally.note(Some("10.0.0.1".into()), None, "InvalidSignature", at(61));
        assert!(tally.take_closed(at(59)).is_empty(), "the window is open");
        let closed = tally.take_closed(at(60));
        assert_eq!(closed.len(), 2, "{closed:?}");
        assert_eq!(closed[0].client_addr.as_deref(), Some("10.0.0.1"));
        assert_eq!(closed[0].count, 51);
        assert_eq!(closed[0].first_at, at(0));
        assert_eq!(closed[0].reasons, ["InvalidSignature", "ExpiredSignature"]);
        assert_eq!(closed[1].reasons, ["a; b"]);
        assert!(tally.take_closed(at(60)).is_empty(), "taken once");
        let rest = tally.take_all();
        assert_eq!((rest.len(), rest[0].count), (1, 1));
    }

    #[test]
    fn a_zero_window_holds_nothing_back() {
        let tally = RefusalTally::new(Duration::ZERO);
        tally.note(None, Some("x".into()), "unknown unit", at(0));
        assert_eq!(tally.take_closed(at(0)).len(), 1);
    }
}
