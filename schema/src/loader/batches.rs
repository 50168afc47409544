//! How many keys each DataLoader batch carried, by key kind, since the process started:
//! the operator's view of batching (`/metrics` reports it as a histogram). A kind whose
//! batches are all of size 1 under load is a batching bug, like N+1.

use std::collections::BTreeMap;
use std::sync::{LazyLock, Mutex};

/// Upper bounds of the batch-size buckets (keys per batch).
pub const BATCH_BUCKETS: [u64; 10] = [1, 2, 5, 10, 25, 50, 100, 250, 1_000, 10_000];

/// The batches of one key kind.
#[derive(Debug, Clone, Default)]
pub struct BatchSeries {
    /// Batches at or under each bucket's bound (not cumulative).
    pub buckets: [u64; BATCH_BUCKETS.len()],
    /// Batches.
    pub count: u64,
    /// Keys, over all batches.
    pub sum: u64,
}

static SIZES: LazyLock<Mutex<BTreeMap<String, BatchSeries>>> = LazyLock::new(Mutex::default);

/// Records one batch of `keys` keys of kind `K`.
pub(crate) fn observe<K>(keys: usize) {
    let mut sizes = SIZES.lock().unwrap_or_else(|e| e.into_inner());
    let series = sizes.entry(kind_name::<K>()).or_default();
    if let Some(bucket) = BATCH_BUCKETS.iter().position(|b| keys as u64 <= *b) {
        series.buckets[bucket] += 1;
    }
    series.count += 1;
    series.sum += keys as u64;
}

/// Every key kind's batches so far, by kind name.
pub fn batch_sizes() -> Vec<(String, BatchSeries)> {
    SIZES
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .iter()
        .map(|(kind, series)| (kind.clone(), series.clone()))
        .collect()
}

/// `K`'s type name without module paths: `PageOf<FirsOfStation>`, `ChargesOfFir`.
fn kind_name<K>() -> String {
    let full = std::any::type_name::<K>();
    let mut out = String::with_capacity(full.len());
    let mut word = String::new();
    for c in full.chars() {
        if c.is_alphanumeric() || c == '_' {
            word.push(c);
        } else if c == ':' {
            word.clear();
        } else {
            out.push_str(&word);
            word.clear();
            out.push(c);
        }
    }
    out.push_str(&word);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Plain;
    struct Wrapper<T>(T);

    #[test]
    fn kinds_are_named_without_their_modules() {
        assert_eq!(kind_name::<Plain>(), "Plain");
        assert_eq!(kind_name::<Wrapper<Plain>>(), "Wrapper<Plain>");
    }

    #[test]
    fn batches_fall_in_the_first_bucket_that_holds_them() {
        observe::<Wrapper<u8>>(1);
        observe::<Wrapper<u8>>(30);
        let (_, series) = batch_sizes()
            .into_iter()
            .find(|(kind, _)| kind == "Wrapper<u8>")
            .expect("recorded");
        assert_eq!(series.count, 2);
        assert_eq!(series.sum, 31);
        assert_eq!(series.buckets[0], 1);
        assert_eq!(series.buckets[5], 1);
    }
}
