//! Rate limiting per caller: a token bucket per identified subject (`sub`), and per
//! client address for anonymous callers (complaint filing, public lookups). Each
//! operation takes one token; an empty bucket answers `RATE_LIMITED` with `Retry-After`.
//!
//! Buckets live in this process's memory: behind a load balancer each replica limits
//! on its own, so the effective limit is the per-replica one times the replicas a
//! caller's requests reach.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use schema::policy::Principal;

/// Buckets kept before idle ones (full again) are dropped.
const MAX_BUCKETS: usize = 100_000;

/// Whom a bucket belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    /// An identified caller.
    Subject(String),
    /// An anonymous caller, by network address.
    Address(String),
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

/// Operations per minute allowed to each caller; 0 is unlimited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimits {
    /// Per identified subject.
    pub identified_per_minute: u32,
    /// Per client address, for anonymous callers.
    pub anonymous_per_minute: u32,
}

impl RateLimits {
    /// No limit for anyone (tests and benchmarks that are the only client).
    pub const UNLIMITED: RateLimits = RateLimits {
        identified_per_minute: 0,
        anonymous_per_minute: 0,
    };
}

impl Default for RateLimits {
    fn default() -> Self {
        Self {
            identified_per_minute: 1_200,
            anonymous_per_minute: 60,
        }
    }
}

/// The buckets of every caller seen.
pub(crate) struct RateLimiter {
    limits: RateLimits,
    buckets: Mutex<HashMap<Key, Bucket>>,
}

impl RateLimiter {
    pub(crate) fn new(limits: RateLimits) -> Self {
        Self {
            limits,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes `operations` tokens from the caller's bucket, or says how long until the
    /// bucket would hold them. A bucket holds a quarter of a minute's allowance (at least
    /// one token, and at least `operations` so a permitted batch can pass) and refills
    /// continuously.
    pub(crate) fn take(
        &self,
        principal: &Principal,
        client: Option<&str>,
        operations: usize,
    ) -> Result<(), Duration> {
        let (key, per_minute) = match &principal.identity {
            Some(identity) => (
                Key::Subject(identity.sub.clone()),
                self.limits.identified_per_minute,
            ),
            None => (
                Key::Address(client.unwrap_or("unknown").to_owned()),
                self.limits.anonymous_per_minute,
            ),
        };
        if per_minute == 0 {
            return Ok(());
        }
        let wanted = operations as f64;
        let per_second = f64::from(per_minute) / 60.0;
        let capacity = (f64::from(per_minute) / 4.0).max(1.0).max(wanted);
        let now = Instant::now();
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        if buckets.len() >= MAX_BUCKETS {
            buckets.retain(|_, b| now.duration_since(b.at).as_secs_f64() * per_second < capacity);
        }
        let bucket = buckets.entry(key).or_insert(Bucket {
            tokens: capacity,
            at: now,
        });
        let refilled = now.duration_since(bucket.at).as_secs_f64() * per_second;
        bucket.tokens = (bucket.tokens + refilled).min(capacity);
        bucket.at = now;
        if bucket.tokens >= wanted {
            bucket.tokens -= wanted;
            Ok(())
        } else {
            Err(Duration::from_secs_f64(
                (wanted - bucket.tokens) / per_second,
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use schema::policy::{Identity, Role, UnitRef};

    fn officer(sub: &str) -> Principal {
        Principal {
            identity: Some(Identity {
                sub: sub.to_owned(),
                role: Role::StationOfficer,
                unit: UnitRef {
                    id: 1,
                    code: "MH-PUN-PS001".to_owned(),
                    path: "/IN/MH/MH-PUN/MH-PUN-PS001/".to_owned(),
                },
                rank: None,
                name: None,
                expires_at: None,
                officer_id: None,
            }),
        }
    }

    #[test]
    fn each_caller_has_their_own_bucket() {
        let limiter = RateLimiter::new(RateLimits {
            identified_per_minute: 8,
            anonymous_per_minute: 4,
        });
        // Identified: a bucket of 2 (a quarter of 8 a minute).
        let a = officer("a");
        assert!(limiter.take(&a, None, 1).is_ok());
        assert!(limiter.take(&a, None, 1).is_ok());
        let wait = limiter.take(&a, None, 1).unwrap_err();
        assert!(
            wait > Duration::from_secs(5) && wait <= Duration::from_secs(8),
            "{wait:?}"
        );
        assert!(
            limiter.take(&officer("b"), None, 2).is_ok(),
            "another officer"
        );
        // Anonymous: by address, a bucket of 1.
        let anonymous = Principal::anonymous();
        assert!(limiter.take(&anonymous, Some("10.0.0.1"), 1).is_ok());
        assert!(limiter.take(&anonymous, Some("10.0.0.1"), 1).is_err());
        assert!(limiter.take(&anonymous, Some("10.0.0.2"), 1).is_ok());
    }

    #[test]
    fn zero_is_unlimited() {
        let limiter = RateLimiter::new(RateLimits::UNLIMITED);
        for _ in 0..1000 {
            assert!(limiter.take(&Principal::anonymous(), None, 1).is_ok());
        }
    }
}
