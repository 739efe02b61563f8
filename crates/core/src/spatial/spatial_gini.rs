//! The spatial Gini of Rey & Smith (2013): inequality between neighbours and between non-neighbours.

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

use super::permutation::{PermutationResolution, PermutationTest, factorial, permutation_test};
use super::weights::SpatialWeights;
use crate::gap::gini;
use crate::{Error, Result};

/// The spatial decomposition of the Gini coefficient.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SpatialGini {
    /// The Gini coefficient (`PySAL` `g`).
    pub gini: f64,
    /// Sum of absolute differences over all ordered pairs, `G · 2n²μ` (`PySAL` `dtotal`).
    pub total_sad: f64,
    /// Part of it between neighbours (`PySAL` `wg`).
    pub neighbour_sad: f64,
    /// Part of it between non-neighbours (`PySAL` `wcg`).
    pub non_neighbour_sad: f64,
    /// `neighbour_sad / (2n²μ)`: the neighbour component of the Gini.
    pub neighbour_gini: f64,
    /// `non_neighbour_sad / (2n²μ)`: the non-neighbour component (`PySAL` `wcg_share`).
    pub non_neighbour_gini: f64,
    /// Polarisation `(wcg / wg) · (neighbour pairs / non-neighbour pairs)`, expected 1 under no
    /// spatial pattern; `None` when there are no neighbour differences or no non-neighbour pairs.
    pub polarization: Option<f64>,
    /// Permutation test of the non-neighbour part; `None` with zero permutations.
    pub test: Option<PermutationTest>,
    /// Upper-tail pseudo p-value of the polarisation (`PySAL` `polarization_p_sim`).
    pub polarization_p_value: Option<f64>,
}

/// The spatial Gini: the Gini's pairwise differences split into neighbour and non-neighbour pairs,
/// with a permutation test (values shuffled over the map; `ChaCha8` seeded with `seed`).
///
/// ```text
/// G = Σ_i Σ_j |y_i − y_j| / (2n²μ) = Σ_i Σ_j b_ij |y_i − y_j| / (2n²μ) + Σ_i Σ_j (1 − b_ij)|y_i − y_j| / (2n²μ)
///     b_ij = 1 if j ∈ N(i) (binary contiguity)        neighbour part      + non-neighbour part
/// polarisation = (wcg / wg) · (½ Σ k_i) / (n(n − 1)/2 − ½ Σ k_i)
/// pseudo p of wcg = (m + 1)/(P + 1), m = #{wcg_perm ≥ wcg}, folded as in esda
/// ```
///
/// Reference: Rey, S. J. & Smith, R. J. (2013), "A spatial decomposition of the Gini coefficient",
/// *Letters in Spatial and Resource Sciences* 6, 55–70; `PySAL` `inequality.gini.Gini_Spatial(y, w)`
/// (`g`, `wg`, `wcg`, `wcg_share`, `polarization`, `p_sim`, `e_wcg`, `s_wcg`, `z_wcg`). Values follow
/// the Gini's policy: zeros allowed, negatives an error.
///
/// # Errors
/// [`Error::Degenerate`] for fewer than 2 units or an all-zero vector; [`Error::Domain`] for NaN,
/// infinite or negative values, or a length different from the weights'.
///
/// # Example
/// ```
/// use govgap::spatial::{spatial_gini, SpatialWeights};
/// let w = SpatialWeights::from_neighbours(vec![vec![1], vec![0], vec![3], vec![2]]).unwrap();
/// // neighbours are alike, non-neighbours differ: all inequality is between non-neighbours
/// let s = spatial_gini(&[1.0, 1.0, 3.0, 3.0], &w, 0, 1).unwrap();
/// assert_eq!(s.neighbour_sad, 0.0);
/// assert!((s.non_neighbour_gini - s.gini).abs() < 1e-15);
/// ```
pub fn spatial_gini(y: &[f64], w: &SpatialWeights, permutations: usize, seed: u64) -> Result<SpatialGini> {
    if y.len() != w.n() {
        return Err(Error::Domain(format!(
            "spatial Gini: {} values for {} units in the weights; pass one value per unit in the weights' order",
            y.len(),
            w.n()
        )));
    }
    let g = gini(y, None)?;
    let n = y.len();
    let nf = n as f64;
    let den = g.mean * 2.0 * nf * nf;
    let d = g.value * den;
    let neighbour_sad_of = |x: &[f64]| -> f64 {
        (0..n)
            .map(|i| w.neighbours(i).iter().map(|&j| (x[i] - x[j]).abs()).sum::<f64>())
            .sum()
    };
    let wg = neighbour_sad_of(y);
    let wcg = d - wg;
    let n_pairs = nf * (nf - 1.0) / 2.0;
    let n_n_pairs = w.n_links() as f64 / 2.0;
    let n_d_pairs = n_pairs - n_n_pairs;
    let scale = n_n_pairs / n_d_pairs;
    let polar_of = |wcg: f64, wg: f64| (wg > 0.0 && n_d_pairs > 0.0).then(|| wcg / wg * scale);
    let polarization = polar_of(wcg, wg);
    let (test, polarization_p_value) = if permutations > 0 {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut x = y.to_vec();
        let mut sims = Vec::with_capacity(permutations);
        let mut polar_above = 0usize;
        for _ in 0..permutations {
            x.shuffle(&mut rng);
            let wg_p = neighbour_sad_of(&x);
            let wcg_p = d - wg_p;
            sims.push(wcg_p);
            if let Some(obs) = polarization {
                // PySAL divides by a zero neighbour part too: +∞ counts as at least as polarised
                let p = polar_of(wcg_p, wg_p).unwrap_or(f64::INFINITY);
                if p >= obs {
                    polar_above += 1;
                }
            }
        }
        let test = permutation_test(wcg, &sims, PermutationResolution::new(permutations, factorial(n)));
        let pp = polarization.map(|_| (polar_above as f64 + 1.0) / (permutations as f64 + 1.0));
        (Some(test), pp)
    } else {
        (None, None)
    };
    Ok(SpatialGini {
        gini: g.value,
        total_sad: d,
        neighbour_sad: wg,
        non_neighbour_sad: wcg,
        neighbour_gini: wg / den,
        non_neighbour_gini: wcg / den,
        polarization,
        test,
        polarization_p_value,
    })
}
