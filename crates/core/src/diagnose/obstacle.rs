//! Obstacle degree (障碍度): which indicators hold a unit back most.

use crate::{Error, Result};

/// One indicator's obstacle for one unit.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ObstacleFactor {
    /// Indicator index (column of the input).
    pub indicator: usize,
    /// Factor contribution `F_j` (the indicator's effective weight).
    pub factor_contribution: f64,
    /// Deviation `I_ij = 1 − x'_ij`.
    pub deviation: f64,
    /// Obstacle degree `O_ij` in percent (the unit's `O_ij` sum to 100, or are all 0 at the frontier).
    pub obstacle_pct: f64,
    /// Rank among the unit's indicators, 1 = largest obstacle (ties share the smallest rank).
    pub rank: usize,
}

/// The obstacle degrees of one unit, largest first.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct UnitObstacles {
    /// Unit index (row of the input).
    pub unit: usize,
    /// One entry per indicator, sorted by obstacle (descending), then indicator index.
    pub factors: Vec<ObstacleFactor>,
    /// `Σ_j F_j I_ij`, the weighted shortfall from the best value on every indicator.
    pub total_shortfall: f64,
    /// True when the unit is best on every weighted indicator (`Σ_j F_j I_ij = 0`): every obstacle
    /// degree is then 0 rather than undefined.
    pub at_frontier: bool,
}

/// Obstacle degree of every indicator for every unit.
///
/// ```text
/// F_j  = w_j                                   factor contribution (effective weight of indicator j)
/// I_ij = 1 − x'_ij                             deviation (x' normalised to [0, 1], 1 = best)
/// O_ij = F_j I_ij / Σ_j F_j I_ij × 100 %        obstacle degree
/// ```
///
/// Reference: the obstacle-degree model (障碍度模型) as it is commonly stated in Chinese regional
/// evaluation studies (因子贡献度 × 指标偏离度, normalised per unit); there is no single canonical
/// source, so the formula above is the definition used. The weights need not sum to one (they cancel).
/// `normalised[i][j]` is unit `i`'s normalised value on indicator `j`; `weights[j]` its effective
/// weight (e.g. the product of the weights down the framework). Units are returned in input order.
///
/// # Errors
/// [`Error::Degenerate`] for no unit or no indicator; [`Error::Domain`] for rows of different
/// lengths, a weight count different from the indicator count, a value outside [0, 1] or not
/// finite, or a weight that is negative or not finite, or weights that are all zero.
///
/// # Example
/// ```
/// let o = govgap::diagnose::obstacle_degree(&[vec![0.2, 0.8]], &[0.5, 0.5]).unwrap();
/// // shortfalls 0.4 and 0.1: 80 % and 20 %
/// assert_eq!(o[0].factors[0].indicator, 0);
/// assert!((o[0].factors[0].obstacle_pct - 80.0).abs() < 1e-12);
/// ```
pub fn obstacle_degree<R: AsRef<[f64]>>(normalised: &[R], weights: &[f64]) -> Result<Vec<UnitObstacles>> {
    if normalised.is_empty() || weights.is_empty() {
        return Err(Error::Degenerate("obstacle degree: no unit or no indicator".into()));
    }
    let m = weights.len();
    if let Some(j) = weights.iter().position(|w| !(w.is_finite() && *w >= 0.0)) {
        return Err(Error::Domain(format!(
            "obstacle degree: weight {j} is {}; weights must be finite and non-negative",
            weights[j]
        )));
    }
    if weights.iter().all(|&w| w == 0.0) {
        return Err(Error::Domain("obstacle degree: every weight is zero".into()));
    }
    let mut out = Vec::with_capacity(normalised.len());
    for (i, row) in normalised.iter().enumerate() {
        let row = row.as_ref();
        if row.len() != m {
            return Err(Error::Domain(format!(
                "obstacle degree: unit {i} has {} values for {m} weights; pass one normalised value per indicator",
                row.len()
            )));
        }
        if let Some(j) = row.iter().position(|x| !(x.is_finite() && (0.0..=1.0).contains(x))) {
            return Err(Error::Domain(format!(
                "obstacle degree: unit {i}, indicator {j} is {}; values must be normalised to [0, 1] (1 = best)",
                row[j]
            )));
        }
        let shortfall: Vec<f64> = row.iter().zip(weights).map(|(x, w)| w * (1.0 - x)).collect();
        let total: f64 = shortfall.iter().sum();
        let at_frontier = total <= 0.0;
        let mut factors: Vec<ObstacleFactor> = (0..m)
            .map(|j| ObstacleFactor {
                indicator: j,
                factor_contribution: weights[j],
                deviation: 1.0 - row[j],
                obstacle_pct: if at_frontier { 0.0 } else { shortfall[j] / total * 100.0 },
                rank: 0,
            })
            .collect();
        factors.sort_by(|a, b| {
            b.obstacle_pct
                .total_cmp(&a.obstacle_pct)
                .then(a.indicator.cmp(&b.indicator))
        });
        for k in 0..m {
            factors[k].rank = if k > 0 && factors[k].obstacle_pct.total_cmp(&factors[k - 1].obstacle_pct).is_eq() {
                factors[k - 1].rank
            } else {
                k + 1
            };
        }
        out.push(UnitObstacles {
            unit: i,
            factors,
            total_shortfall: total,
            at_frontier,
        });
    }
    Ok(out)
}

/// A dimension's obstacle degree for one unit: the sum over its indicators.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DimensionObstacle<L> {
    /// The dimension (subsystem) label.
    pub dimension: L,
    /// `U_i = Σ_{j ∈ dimension} O_ij`, in percent.
    pub obstacle_pct: f64,
}

/// Obstacle degrees summed by dimension (criterion layer), largest first.
///
/// ```text
/// U_i,d = Σ_{j ∈ d} O_ij
/// ```
///
/// `dimension_of[j]` is the dimension of indicator `j`. Reference: as [`obstacle_degree`]. Sorted by
/// obstacle (descending), then label.
///
/// # Errors
/// [`Error::Domain`] when `dimension_of` does not have one label per indicator of `unit`.
///
/// # Example
/// ```
/// let o = govgap::diagnose::obstacle_degree(&[vec![0.2, 0.8, 0.5]], &[0.5, 0.5, 0.2]).unwrap();
/// let d = govgap::diagnose::obstacle_by_dimension(&o[0], &["service", "service", "infra"]).unwrap();
/// assert_eq!(d[0].dimension, "service");
/// assert!((d[0].obstacle_pct + d[1].obstacle_pct - 100.0).abs() < 1e-12);
/// ```
pub fn obstacle_by_dimension<L: Ord + Clone>(
    unit: &UnitObstacles,
    dimension_of: &[L],
) -> Result<Vec<DimensionObstacle<L>>> {
    if dimension_of.len() != unit.factors.len() {
        return Err(Error::Domain(format!(
            "obstacle by dimension: {} labels for {} indicators",
            dimension_of.len(),
            unit.factors.len()
        )));
    }
    let mut sums: std::collections::BTreeMap<L, f64> = std::collections::BTreeMap::new();
    for f in &unit.factors {
        *sums.entry(dimension_of[f.indicator].clone()).or_insert(0.0) += f.obstacle_pct;
    }
    let mut out: Vec<DimensionObstacle<L>> = sums
        .into_iter()
        .map(|(dimension, obstacle_pct)| DimensionObstacle {
            dimension,
            obstacle_pct,
        })
        .collect();
    // stable sort keeps label order among equal obstacles
    out.sort_by(|a, b| b.obstacle_pct.total_cmp(&a.obstacle_pct));
    Ok(out)
}
