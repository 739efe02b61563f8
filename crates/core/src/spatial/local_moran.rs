//! Local Moran's I (LISA) with conditional permutation inference and cluster quadrants.

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

use super::moran::centred;
use super::permutation::{PermutationResolution, PermutationTest, binomial, permutation_test};
use super::weights::{SpatialWeights, lag_of};
use crate::{Error, Lang, Result};

/// Quadrant of the Moran scatterplot: a unit's value against its neighbours' (esda `q`: 1 HH, 2 LH,
/// 3 LL, 4 HL).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum Quadrant {
    /// High value, high neighbours (hot spot).
    HH,
    /// Low value, high neighbours (low outlier).
    LH,
    /// Low value, low neighbours (cold spot).
    LL,
    /// High value, low neighbours (high outlier).
    HL,
}

impl Quadrant {
    /// A label for maps and tables.
    ///
    /// # Example
    /// ```
    /// use govgap::{spatial::Quadrant, Lang};
    /// assert_eq!(Quadrant::HH.label(Lang::Zh), "高-高集聚");
    /// ```
    #[must_use]
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::HH, Lang::En) => "high-high cluster",
            (Self::LH, Lang::En) => "low-high outlier",
            (Self::LL, Lang::En) => "low-low cluster",
            (Self::HL, Lang::En) => "high-low outlier",
            (Self::HH, Lang::Zh) => "高-高集聚",
            (Self::LH, Lang::Zh) => "低-高异常",
            (Self::LL, Lang::Zh) => "低-低集聚",
            (Self::HL, Lang::Zh) => "高-低异常",
        }
    }
}

/// One unit's local Moran statistic.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LocalMoranUnit {
    /// Index of the unit.
    pub unit: usize,
    /// Local Moran `I_i` (esda `Is`).
    pub i: f64,
    /// Standardised value `z_i` (divisor `n`).
    pub z: f64,
    /// Spatial lag of `z` (mean of the neighbours' `z`).
    pub lag: f64,
    /// Quadrant of the Moran scatterplot (`z = 0` or `lag = 0` count as low, as in esda).
    pub quadrant: Quadrant,
    /// Conditional permutation test; `None` for an island or when run with zero permutations.
    pub test: Option<PermutationTest>,
    /// Whether `test.p_value ≤ alpha`.
    pub significant: bool,
}

/// Local Moran's I of every unit.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LocalMoran {
    /// One entry per unit, in unit order.
    pub units: Vec<LocalMoranUnit>,
    /// Significance level used.
    pub alpha: f64,
    /// Number of significant units.
    pub n_significant: usize,
}

/// Local Moran's I (LISA) with conditional permutation inference.
///
/// ```text
/// z_i = (y_i − ȳ)/σ (divisor n),  lag_i = Σ_j w_ij z_j,  I_i = (n − 1) z_i lag_i / Σ_k z_k²
/// conditional permutation: for each i, draw k_i of the other n − 1 values of z without replacement
/// as i's neighbours; pseudo p = (m + 1)/(P + 1), folded as for the global test
/// ```
///
/// Reference: Anselin (1995), "Local indicators of spatial association — LISA", *Geogr. Anal.* 27(2);
/// `PySAL` `esda.moran.Moran_Local(y, w, transformation="r")` (`Is`, `q`, `p_sim`). Each unit's
/// [`PermutationResolution`] reports its `C(n − 1, k_i)` distinct neighbour draws: with 13 units
/// these are few, so small p-values are coarse. Draws come from one `ChaCha8` stream seeded with
/// `seed`, unit by unit, so output is bit-identical for the same seed.
///
/// # Errors
/// [`Error::Settings`] for `alpha` outside (0, 1); [`Error::Degenerate`] for fewer than 3 units or
/// all values equal; [`Error::Domain`] for a NaN or infinite value or a length different from the
/// weights'.
///
/// # Example
/// ```
/// use govgap::spatial::{local_moran, Quadrant, SpatialWeights};
/// let w = SpatialWeights::from_neighbours(vec![vec![1], vec![0, 2], vec![1, 3], vec![2]]).unwrap();
/// let l = local_moran(&[1.0, 2.0, 3.0, 4.0], &w, 99, 7, 0.05).unwrap();
/// assert_eq!(l.units[3].quadrant, Quadrant::HH);
/// // I_0 = (n − 1) z_0 lag_0 / Σz² = 3 · (−1.5/√1.25)(−0.5/√1.25) / 4 = 0.45
/// assert!((l.units[0].i - 0.45).abs() < 1e-15);
/// ```
pub fn local_moran(y: &[f64], w: &SpatialWeights, permutations: usize, seed: u64, alpha: f64) -> Result<LocalMoran> {
    if !(alpha > 0.0 && alpha < 1.0) {
        return Err(Error::Settings(format!(
            "local Moran: the significance level must be in (0, 1), got {alpha}"
        )));
    }
    let mut z = centred("local Moran's I", y, w)?;
    let n = y.len();
    let sd = (z.iter().map(|v| v * v).sum::<f64>() / n as f64).sqrt();
    for v in &mut z {
        *v /= sd;
    }
    let den: f64 = z.iter().map(|v| v * v).sum();
    let n_1 = (n - 1) as f64;
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut units = Vec::with_capacity(n);
    for i in 0..n {
        let list = w.neighbours(i);
        let lag = lag_of(list, &z);
        let local = n_1 * z[i] * lag / den;
        let quadrant = match (z[i] > 0.0, lag > 0.0) {
            (true, true) => Quadrant::HH,
            (false, true) => Quadrant::LH,
            (false, false) => Quadrant::LL,
            (true, false) => Quadrant::HL,
        };
        let k = list.len();
        let test = (permutations > 0 && k > 0).then(|| {
            let mut others: Vec<f64> = (0..n).filter(|&j| j != i).map(|j| z[j]).collect();
            let sims: Vec<f64> = (0..permutations)
                .map(|_| {
                    let (drawn, _) = others.partial_shuffle(&mut rng, k);
                    let lag = drawn.iter().sum::<f64>() / k as f64;
                    n_1 * z[i] * lag / den
                })
                .collect();
            permutation_test(
                local,
                &sims,
                PermutationResolution::new(permutations, binomial(n - 1, k)),
            )
        });
        let significant = test.is_some_and(|t| t.p_value <= alpha);
        units.push(LocalMoranUnit {
            unit: i,
            i: local,
            z: z[i],
            lag,
            quadrant,
            test,
            significant,
        });
    }
    let n_significant = units.iter().filter(|u| u.significant).count();
    Ok(LocalMoran {
        units,
        alpha,
        n_significant,
    })
}
