//! Global Moran's I with analytic (normality, randomisation) and permutation inference.

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

use super::permutation::{PermutationResolution, PermutationTest, factorial, permutation_test};
use super::weights::{SpatialWeights, lag_of};
use crate::dynamics::normal_cdf;
use crate::{Error, Result};

/// Global Moran's I and its inference.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Moran {
    /// Moran's I.
    pub i: f64,
    /// Its expectation under no spatial autocorrelation, `−1/(n − 1)`.
    pub expected: f64,
    /// Variance under the normality assumption (esda `VI_norm`).
    pub variance_normal: f64,
    /// `(I − E[I]) / sqrt(VI_norm)` (esda `z_norm`).
    pub z_normal: f64,
    /// Two-sided p-value of `z_normal` (esda `p_norm`, `two_tailed=True`).
    pub p_normal: f64,
    /// Variance under randomisation (esda `VI_rand`); `None` for `n < 4`.
    pub variance_random: Option<f64>,
    /// `(I − E[I]) / sqrt(VI_rand)` (esda `z_rand`); `None` for `n < 4` or a non-positive variance.
    pub z_random: Option<f64>,
    /// Two-sided p-value of `z_random`.
    pub p_random: Option<f64>,
    /// Permutation inference; `None` when run with zero permutations.
    pub permutation: Option<PermutationTest>,
    /// Number of units.
    pub n: usize,
}

/// Global Moran's I of `y` under row-standardised weights `w`, with `permutations` random
/// permutations of `y` drawn from a `ChaCha8` generator seeded with `seed` (0 permutations: analytic
/// inference only).
///
/// ```text
/// z_i = y_i − ȳ,   I = (n / S0) · Σ_i Σ_j w_ij z_i z_j / Σ_i z_i²,   E[I] = −1/(n − 1)
/// VI_norm = (n² S1 − n S2 + 3 S0²) / ((n² − 1) S0²) − E[I]²
/// VI_rand = [n((n² − 3n + 3) S1 − n S2 + 3 S0²) − b₂((n² − n) S1 − 2n S2 + 6 S0²)]
///           / ((n − 1)(n − 2)(n − 3) S0²) − E[I]²,        b₂ = n Σ z⁴ / (Σ z²)²
/// pseudo p = (m + 1)/(P + 1), m = #{I_perm ≥ I}, folded to P − m if that is smaller
/// ```
///
/// Reference: Moran (1950); Cliff & Ord (1981), *Spatial Processes*, §1.5; `PySAL`
/// `esda.moran.Moran(y, w, transformation="r")` (`I`, `EI`, `VI_norm`, `z_norm`, `p_norm`, `VI_rand`,
/// `z_rand`, `p_sim`, `EI_sim`, `seI_sim`, `z_sim`, `p_z_sim`). Any finite values are accepted.
/// The same input and seed give bit-identical output; with 13 units the resolution reports
/// `13!` distinct permutations.
///
/// # Errors
/// [`Error::Degenerate`] for fewer than 3 units, all values equal, or no links at all;
/// [`Error::Domain`] for a NaN or infinite value or a length different from the weights'.
///
/// # Example
/// ```
/// use govgap::spatial::{moran, SpatialWeights};
/// // a path 0-1-2-3: neighbours alike
/// let w = SpatialWeights::from_neighbours(vec![vec![1], vec![0, 2], vec![1, 3], vec![2]]).unwrap();
/// let m = moran(&[1.0, 2.0, 3.0, 4.0], &w, 99, 7).unwrap();
/// assert!((m.i - 0.4).abs() < 1e-15);
/// assert!((m.expected + 1.0 / 3.0).abs() < 1e-15);
/// ```
pub fn moran(y: &[f64], w: &SpatialWeights, permutations: usize, seed: u64) -> Result<Moran> {
    let z = centred("Moran's I", y, w)?;
    let n = y.len();
    let nf = n as f64;
    let z2ss: f64 = z.iter().map(|v| v * v).sum();
    let s0 = w.s0();
    if s0 == 0.0 {
        return Err(Error::Degenerate("Moran's I: no unit has a neighbour".into()));
    }
    let (s1, s2) = (w.s1(), w.s2());
    let stat = |z: &[f64]| -> f64 {
        let inum: f64 = (0..n).map(|i| z[i] * lag_of(w.neighbours(i), z)).sum();
        nf / s0 * inum / z2ss
    };
    let i = stat(&z);
    let expected = -1.0 / (nf - 1.0);
    let s02 = s0 * s0;
    let variance_normal = (nf * nf * s1 - nf * s2 + 3.0 * s02) / ((nf - 1.0) * (nf + 1.0) * s02) - expected * expected;
    let z_normal = (i - expected) / variance_normal.sqrt();
    let p_normal = 2.0 * normal_cdf(-z_normal.abs());
    let (variance_random, z_random, p_random) = if n >= 4 {
        let k = (z.iter().map(|v| v.powi(4)).sum::<f64>() / nf) / (z2ss / nf).powi(2);
        let a = nf * ((nf * nf - 3.0 * nf + 3.0) * s1 - nf * s2 + 3.0 * s02);
        let b = k * ((nf * nf - nf) * s1 - 2.0 * nf * s2 + 6.0 * s02);
        let v = (a - b) / ((nf - 1.0) * (nf - 2.0) * (nf - 3.0) * s02) - expected * expected;
        if v > 0.0 {
            let zr = (i - expected) / v.sqrt();
            (Some(v), Some(zr), Some(2.0 * normal_cdf(-zr.abs())))
        } else {
            (Some(v), None, None)
        }
    } else {
        (None, None, None)
    };
    let permutation = (permutations > 0).then(|| {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut zp = z.clone();
        let sims: Vec<f64> = (0..permutations)
            .map(|_| {
                zp.shuffle(&mut rng);
                stat(&zp)
            })
            .collect();
        permutation_test(i, &sims, PermutationResolution::new(permutations, factorial(n)))
    });
    Ok(Moran {
        i,
        expected,
        variance_normal,
        z_normal,
        p_normal,
        variance_random,
        z_random,
        p_random,
        permutation,
        n,
    })
}

/// Deviations from the mean, after checking length, finiteness and variation.
pub(crate) fn centred(what: &str, y: &[f64], w: &SpatialWeights) -> Result<Vec<f64>> {
    if y.len() != w.n() {
        return Err(Error::Domain(format!(
            "{what}: {} values for {} units in the weights; pass one value per unit in the weights' order",
            y.len(),
            w.n()
        )));
    }
    if y.len() < 3 {
        return Err(Error::Degenerate(format!(
            "{what} needs at least 3 units, got {}",
            y.len()
        )));
    }
    if let Some(i) = y.iter().position(|v| !v.is_finite()) {
        return Err(Error::Domain(format!(
            "{what}: value {i} is {}; impute missing values first",
            y[i]
        )));
    }
    let mean = y.iter().sum::<f64>() / y.len() as f64;
    let z: Vec<f64> = y.iter().map(|v| v - mean).collect();
    if z.iter().all(|&v| v == 0.0) {
        return Err(Error::Degenerate(format!(
            "{what}: every value is the same, so there is no variation to test"
        )));
    }
    Ok(z)
}
