//! Permutation inference shared by the spatial statistics: the folded pseudo p-value (`PySAL` esda),
//! permutation moments, and how fine the p-value can be with few units.

use crate::dynamics::normal_cdf;

/// How fine a permutation p-value can be.
///
/// With 13 prefectures the global test has `13! = 6 227 020 800` arrangements, plenty; but a local
/// test of a unit with `k` neighbours only draws `C(12, k)` distinct neighbour sets (220 for
/// `k = 3`), so its p-value cannot resolve below about `1/C(12, k)` however many permutations are
/// run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PermutationResolution {
    /// Permutations run.
    pub permutations: usize,
    /// Distinct outcomes the permutation scheme can draw (`n!` for a global test, `C(n − 1, k_i)` for
    /// a local one); `None` if it exceeds `u128`.
    pub distinct: Option<u128>,
    /// Smallest attainable pseudo p-value, `1/(permutations + 1)`, as a fraction `(1, permutations + 1)`.
    pub min_p_denominator: usize,
    /// True when the scheme has fewer distinct outcomes than `permutations + 1`: draws repeat, and
    /// the p-value's resolution is set by `distinct`, not by the number of permutations (enumerate
    /// instead, or read p-values near `1/distinct` with care).
    pub limited: bool,
}

impl PermutationResolution {
    /// The resolution of `permutations` draws from a scheme with `distinct` outcomes.
    #[must_use]
    pub fn new(permutations: usize, distinct: Option<u128>) -> Self {
        let limited = distinct.is_some_and(|d| d < permutations as u128 + 1);
        Self {
            permutations,
            distinct,
            min_p_denominator: permutations + 1,
            limited,
        }
    }

    /// The smallest attainable pseudo p-value `1/(permutations + 1)`.
    #[must_use]
    pub fn min_p_value(&self) -> f64 {
        1.0 / self.min_p_denominator as f64
    }
}

/// The outcome of a permutation test of one statistic.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PermutationTest {
    /// Folded one-sided pseudo p-value `(m + 1)/(P + 1)`, `m` the number of permuted statistics at or
    /// above the observed one, or below it if fewer (`PySAL` esda `p_sim`).
    pub p_value: f64,
    /// Mean of the permuted statistics (esda `EI_sim`).
    pub mean: f64,
    /// Their standard deviation, divisor `P` (esda `seI_sim`).
    pub sd: f64,
    /// `(observed − mean)/sd` (esda `z_sim`); `None` when `sd` is zero.
    pub z: Option<f64>,
    /// One-sided normal p-value of `z`, `Φ(−|z|)` (esda `p_z_sim`); `None` when `z` is.
    pub p_z: Option<f64>,
    /// How fine the p-value can be.
    pub resolution: PermutationResolution,
}

/// The folded pseudo p-value and moments of `sims` against `observed` (esda's convention).
pub(crate) fn permutation_test(observed: f64, sims: &[f64], resolution: PermutationResolution) -> PermutationTest {
    let p = sims.len();
    let above = sims.iter().filter(|&&s| s >= observed).count();
    let larger = if p - above < above { p - above } else { above };
    let p_value = (larger as f64 + 1.0) / (p as f64 + 1.0);
    let mean = sims.iter().sum::<f64>() / p as f64;
    let sd = (sims.iter().map(|s| (s - mean) * (s - mean)).sum::<f64>() / p as f64).sqrt();
    let z = if sd > 0.0 { Some((observed - mean) / sd) } else { None };
    PermutationTest {
        p_value,
        mean,
        sd,
        z,
        p_z: z.map(|z| normal_cdf(-z.abs())),
        resolution,
    }
}

/// `n!` if it fits in `u128`.
pub(crate) fn factorial(n: usize) -> Option<u128> {
    (1..=n as u128).try_fold(1u128, u128::checked_mul)
}

/// `C(n, k)` if it fits in `u128`.
pub(crate) fn binomial(n: usize, k: usize) -> Option<u128> {
    if k > n {
        return Some(0);
    }
    let k = k.min(n - k) as u128;
    let n = n as u128;
    let mut c = 1u128;
    for i in 0..k {
        // c · (n − i) is divisible by (i + 1) after the multiplication
        c = c.checked_mul(n - i)? / (i + 1);
    }
    Some(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts() {
        assert_eq!(factorial(13), Some(6_227_020_800));
        assert_eq!(factorial(40), None);
        assert_eq!(binomial(12, 3), Some(220));
        assert_eq!(binomial(12, 0), Some(1));
        let r = PermutationResolution::new(999, binomial(12, 3));
        assert!(r.limited);
        assert!((r.min_p_value() - 0.001).abs() < 1e-18);
        assert!(!PermutationResolution::new(999, factorial(13)).limited);
    }

    #[test]
    fn folded_p_value() {
        // observed below every simulation: folded to the lower tail
        let t = permutation_test(-1.0, &[0.0, 1.0, 2.0, 3.0], PermutationResolution::new(4, None));
        assert!((t.p_value - 0.2).abs() < 1e-15);
        let t = permutation_test(2.0, &[0.0, 1.0, 2.0, 3.0], PermutationResolution::new(4, None));
        assert!((t.p_value - 0.6).abs() < 1e-15);
    }
}
