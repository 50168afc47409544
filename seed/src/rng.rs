//! A small, self-contained PRNG (xoshiro256** seeded through splitmix64).
//!
//! Written here rather than taken from a crate so that the same `--seed` gives byte-identical
//! data whatever version of any dependency is in the lock file.

/// One step of splitmix64: a good 64-bit mixer, used to seed and to derive streams.
pub(crate) fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// xoshiro256**: fast, small state, excellent statistical quality for simulation.
#[derive(Debug, Clone)]
pub(crate) struct Rng {
    s: [u64; 4],
}

impl Rng {
    /// A generator for `seed`, on an independent `stream` (one per purpose: org, people, FIRs).
    pub(crate) fn new(seed: u64, stream: u64) -> Self {
        let mut sm = seed ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03);
        let mut s = [0u64; 4];
        for word in &mut s {
            *word = splitmix64(&mut sm);
        }
        if s == [0; 4] {
            s[0] = 1;
        }
        Self { s }
    }

    /// The next 64 random bits.
    pub(crate) fn next_u64(&mut self) -> u64 {
        let result = self.s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = self.s[1] << 17;
        self.s[2] ^= self.s[0];
        self.s[3] ^= self.s[1];
        self.s[1] ^= self.s[2];
        self.s[0] ^= self.s[3];
        self.s[2] ^= t;
        self.s[3] = self.s[3].rotate_left(45);
        result
    }

    /// Uniform in `[0, n)`; `n` must be positive (Lemire's multiply-shift, negligible bias).
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        debug_assert!(n > 0);
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform index into a slice of length `len`.
    pub(crate) fn index(&mut self, len: usize) -> usize {
        self.below(len as u64) as usize
    }

    /// Uniform in the inclusive range `[lo, hi]`.
    pub(crate) fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// Uniform in `[0, 1)`.
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// True with probability `p`.
    pub(crate) fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// A uniformly chosen element.
    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.index(items.len())]
    }

    /// A uniformly chosen element, copied out.
    pub(crate) fn pick_copy<T: Copy>(&mut self, items: &[T]) -> T {
        *self.pick(items)
    }

    /// An element chosen with probability proportional to its weight, copied out.
    pub(crate) fn weighted_copy<T: Copy>(&mut self, items: &[(T, u32)]) -> T {
        *self.weighted(items)
    }

    /// An element chosen with probability proportional to its weight.
    pub(crate) fn weighted<'a, T>(&mut self, items: &'a [(T, u32)]) -> &'a T {
        let total: u64 = items.iter().map(|(_, w)| u64::from(*w)).sum();
        let mut roll = self.below(total.max(1));
        for (item, weight) in items {
            let weight = u64::from(*weight);
            if roll < weight {
                return item;
            }
            roll -= weight;
        }
        &items[items.len() - 1].0
    }

    /// An ASCII digit string of `len` digits.
    pub(crate) fn digits(&mut self, len: usize) -> String {
        (0..len)
            .map(|_| char::from(b'0' + self.below(10) as u8))
            .collect()
    }

    /// An uppercase ASCII letter.
    pub(crate) fn letter(&mut self) -> char {
        char::from(b'A' + self.below(26) as u8)
    }
}

/// A bijection of `[0, modulus)` that looks random (a keyed Feistel network over the next even
/// power of two, with cycle-walking back into range). Used to derive identifiers (Aadhaar,
/// IMEI, registration numbers…) that are unique by construction from a counter, yet do not
/// look sequential.
pub(crate) fn scramble(x: u64, modulus: u64, key: u64) -> u64 {
    debug_assert!(modulus > 0 && x < modulus);
    if modulus <= 2 {
        return x;
    }
    let bits = 64 - (modulus - 1).leading_zeros();
    let half = bits.div_ceil(2);
    let mask = (1u64 << half) - 1;
    let mut value = x;
    loop {
        let mut left = value >> half;
        let mut right = value & mask;
        for round in 0..4u64 {
            let mut state = key ^ right ^ (round << 56);
            let f = splitmix64(&mut state) & mask;
            (left, right) = (right, left ^ f);
        }
        value = (left << half) | right;
        if value < modulus {
            return value;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stream_is_fixed() {
        let mut rng = Rng::new(1, 0);
        let first: Vec<u64> = (0..3).map(|_| rng.next_u64()).collect();
        let mut again = Rng::new(1, 0);
        assert_eq!(first, (0..3).map(|_| again.next_u64()).collect::<Vec<_>>());
        assert_ne!(Rng::new(1, 1).next_u64(), first[0]);
    }

    #[test]
    fn scramble_is_a_bijection() {
        for modulus in [3u64, 26 * 26 * 26, 10_000, 1_000_000, 8 * 17 * 13] {
            let mut seen = vec![false; modulus as usize];
            for x in 0..modulus {
                let y = scramble(x, modulus, 12_345) as usize;
                assert!(!seen[y], "collision at {x} mod {modulus}");
                seen[y] = true;
            }
        }
    }
}
