//! Seeded random streams for the uncertainty analyses (private helpers).
//!
//! Every replication draws from its own `ChaCha8` stream, keyed by `(seed, stream)`, so a replication's
//! draws do not depend on which thread runs it or in which order: results are bit-identical for the
//! same seed whatever the thread count. Uniforms and bounded integers are derived here from raw
//! 64-bit words (not through `rand`'s distributions), so they stay the same across `rand` releases.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// The generator of stream `stream` under `seed`.
pub(crate) fn stream_rng(seed: u64, stream: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(stream);
    rng
}

/// A uniform draw in `[0, 1)` with 53 random bits.
pub(crate) fn uniform01(rng: &mut ChaCha8Rng) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// A uniform integer in `0..n` (Lemire's multiply-and-reject, unbiased); `0` when `n == 0`.
pub(crate) fn below(rng: &mut ChaCha8Rng, n: usize) -> usize {
    if n <= 1 {
        return 0;
    }
    let n = n as u64;
    let threshold = n.wrapping_neg() % n;
    loop {
        let m = u128::from(rng.next_u64()) * u128::from(n);
        if (m as u64) >= threshold {
            return (m >> 64) as usize;
        }
    }
}

/// A multiplier drawn uniformly from `[1 - f, 1 + f)`.
pub(crate) fn noisy_multiplier(rng: &mut ChaCha8Rng, f: f64) -> f64 {
    (1.0 - f) + 2.0 * f * uniform01(rng)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_reproducible_and_distinct() {
        let a: Vec<u64> = (0..4).map(|_| stream_rng(7, 3).next_u64()).collect();
        assert!(a.windows(2).all(|w| w[0] == w[1]));
        assert_ne!(stream_rng(7, 3).next_u64(), stream_rng(7, 4).next_u64());
        let mut rng = stream_rng(1, 0);
        for _ in 0..1000 {
            let u = uniform01(&mut rng);
            assert!((0.0..1.0).contains(&u));
            assert!(below(&mut rng, 7) < 7);
            let m = noisy_multiplier(&mut rng, 0.25);
            assert!((0.75..1.25).contains(&m));
        }
        assert_eq!(below(&mut rng, 0), 0);
        assert_eq!(below(&mut rng, 1), 0);
    }
}
