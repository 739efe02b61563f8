//! Theil T and Theil L decomposed into between-group and within-group inequality, for any grouping.

use super::common::{Weighting, Zeros, group_index, prepare};
use super::entropy::{theil_l_of, theil_t_of};
use crate::Result;

/// Below this a total inequality counts as zero (all values equal up to rounding) and shares are `None`.
pub(crate) const ZERO_TOTAL: f64 = 1e-14;

/// Which Theil index to decompose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TheilIndex {
    /// Theil T, GE(1): groups weighted by their share of the total value.
    T,
    /// Theil L, GE(0), mean log deviation: groups weighted by their population share.
    L,
}

/// One group's part in a Theil decomposition.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TheilGroup<L> {
    /// The group label.
    pub label: L,
    /// Number of units in the group (with positive weight).
    pub n: usize,
    /// Population share `P_g = Σ_{i∈g} p_i` (`n_g/n` unweighted).
    pub population_share: f64,
    /// Share of the total value `S_g = P_g μ_g / μ`.
    pub value_share: f64,
    /// The group's (weighted) mean `μ_g`.
    pub mean: f64,
    /// The Theil index of the group on its own, `T_g` or `L_g`.
    pub theil: f64,
    /// Its contribution to within-group inequality: `S_g T_g` (T) or `P_g L_g` (L).
    pub within_contribution: f64,
    /// Its term of between-group inequality: `S_g ln(S_g/P_g)` (T) or `P_g ln(P_g/S_g)` (L).
    pub between_contribution: f64,
}

/// A Theil index split into between-group and within-group parts.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TheilDecomposition<L> {
    /// Theil T or Theil L.
    pub index: TheilIndex,
    /// The index over all units.
    pub total: f64,
    /// Between-group inequality (every unit given its group's mean).
    pub between: f64,
    /// Within-group inequality, `Σ_g within_contribution`.
    pub within: f64,
    /// `between / total`; `None` when `total` is below 1e-14 (all values equal up to rounding).
    pub between_share: Option<f64>,
    /// `within / total`; `None` when `total` is below 1e-14.
    pub within_share: Option<f64>,
    /// One entry per non-empty group, sorted by label.
    pub groups: Vec<TheilGroup<L>>,
    /// Number of units used.
    pub n: usize,
    /// Number of zero values among them.
    pub n_zero: usize,
    /// How units were weighted.
    pub weighting: Weighting,
}

/// Decomposes Theil T or Theil L by an exhaustive grouping of the units (e.g. regions by zone).
///
/// ```text
/// p_i population share, μ mean, groups g with P_g = Σ_{i∈g} p_i, μ_g, S_g = P_g μ_g / μ
///
/// T = Σ_g S_g ln(S_g / P_g)  +  Σ_g S_g T_g        T_g = Σ_{i∈g} (p_i/P_g)(y_i/μ_g) ln(y_i/μ_g)
///     (between)                 (within)
/// L = Σ_g P_g ln(P_g / S_g)  +  Σ_g P_g L_g        L_g = Σ_{i∈g} (p_i/P_g) ln(μ_g/y_i)
///
/// unweighted T uses `PySAL`'s arithmetic: between = Σ_g S_g ln((n/n_g) S_g), S_g = Σ_{i∈g} y_i / Σ y
/// ```
///
/// References: Shorrocks (1980), *Econometrica* 48(3); Akita (2003), *Ann. Reg. Sci.* 37 (weighted
/// regional form); `PySAL` `inequality.theil.TheilD(y, partition)` (`.T`, `.bg`, `.wg`), which the
/// unweighted T decomposition equals to rounding (`PySAL`'s `wg` is `T − bg`; here `within` is summed
/// from the groups, and `between + within = total` holds to rounding).
///
/// Zero policy: as [`crate::gap::theil_t`] (zeros contribute 0) and [`crate::gap::theil_l`] (zeros
/// are an error). A group whose values are all zero has `S_g = 0` and contributes 0 to both parts.
/// Labels may be any ordered type (`usize`, `&str` …).
///
/// # Errors
/// [`crate::Error::Degenerate`] for fewer than two units or an all-zero vector;
/// [`crate::Error::Domain`] for NaN, infinite or negative values, zeros for Theil L, a label count
/// different from the value count, or bad weights.
///
/// # Example
/// ```
/// use govgap::gap::{theil_decomposition, TheilIndex};
/// let d = theil_decomposition(&[1.0, 1.0, 3.0, 3.0], &["west", "west", "east", "east"], None, TheilIndex::T).unwrap();
/// assert!(d.within.abs() < 1e-15);          // equal within each group
/// assert!((d.between - d.total).abs() < 1e-15);
/// assert_eq!(d.groups[0].label, "east");    // sorted by label
/// ```
pub fn theil_decomposition<L: Ord + Clone>(
    v: &[f64],
    groups: &[L],
    weights: Option<&[f64]>,
    index: TheilIndex,
) -> Result<TheilDecomposition<L>> {
    let what = "Theil decomposition";
    let (labels, gidx) = group_index(what, v.len(), groups)?;
    let zeros = match index {
        TheilIndex::T => Zeros::Allowed,
        TheilIndex::L => Zeros::Rejected,
    };
    let s = prepare(what, v, weights, zeros)?;
    // group index of each used unit (zero-weight units were dropped by `prepare`)
    let used: Vec<usize> = match weights {
        Some(w) => (0..v.len()).filter(|&i| w[i] > 0.0).map(|i| gidx[i]).collect(),
        None => gidx,
    };
    let k = labels.len();
    let mut count = vec![0usize; k];
    let mut pop = vec![0.0; k];
    let mut mass = vec![0.0; k]; // Σ p_i y_i in the group
    let mut sum_y = vec![0.0; k]; // Σ y_i (unweighted arithmetic)
    for (i, &g) in used.iter().enumerate() {
        count[g] += 1;
        pop[g] += s.share(i);
        mass[g] += s.share(i) * s.y[i];
        sum_y[g] += s.y[i];
    }
    let mut within_g = vec![0.0; k];
    for (i, &g) in used.iter().enumerate() {
        let mu_g = mass[g] / pop[g];
        let pi = s.share(i) / pop[g];
        let y = s.y[i];
        within_g[g] += match index {
            TheilIndex::T if y > 0.0 => pi * (y / mu_g) * (y / mu_g).ln(),
            TheilIndex::T => 0.0,
            TheilIndex::L => pi * (mu_g / y).ln(),
        };
    }
    let n = s.n() as f64;
    let mut out_groups = Vec::new();
    let (mut between, mut within) = (0.0, 0.0);
    for (g, label) in labels.into_iter().enumerate() {
        if count[g] == 0 {
            continue;
        }
        let mean = mass[g] / pop[g];
        let value_share = match s.p {
            None => sum_y[g] / s.total,
            Some(_) => mass[g] / s.mean,
        };
        let theil = within_g[g];
        let (wc, bc) = match index {
            TheilIndex::T => {
                let b = if value_share > 0.0 {
                    match s.p {
                        None => value_share * (n / count[g] as f64 * value_share).ln(),
                        Some(_) => value_share * (value_share / pop[g]).ln(),
                    }
                } else {
                    0.0
                };
                (value_share * theil, b)
            }
            TheilIndex::L => (pop[g] * theil, pop[g] * (pop[g] / value_share).ln()),
        };
        between += bc;
        within += wc;
        out_groups.push(TheilGroup {
            label,
            n: count[g],
            population_share: pop[g],
            value_share,
            mean,
            theil,
            within_contribution: wc,
            between_contribution: bc,
        });
    }
    let total = match index {
        TheilIndex::T => theil_t_of(&s),
        TheilIndex::L => theil_l_of(&s),
    };
    let share = |x: f64| if total > ZERO_TOTAL { Some(x / total) } else { None };
    Ok(TheilDecomposition {
        index,
        total,
        between,
        within,
        between_share: share(between),
        within_share: share(within),
        groups: out_groups,
        n: s.n(),
        n_zero: s.n_zero,
        weighting: s.weighting,
    })
}
