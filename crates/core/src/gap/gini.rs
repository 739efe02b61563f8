//! The Gini coefficient (relative mean difference), optionally population-weighted.

use super::common::{Measure, Sample, Zeros, argsort, prepare};
use crate::Result;

/// The Gini coefficient, without small-sample correction, optionally weighted by population.
///
/// ```text
/// G = Σ_i Σ_j p_i p_j |y_i − y_j| / (2 μ)
///
/// unweighted, values sorted ascending y_(1) ≤ … ≤ y_(n) (`PySAL`'s exact arithmetic):
///   G = (Σ_i 2 i y_(i) − n Σy − Σy) / (n Σy)
/// weighted, with cumulative value shares L_i of the sorted units (trapezoids under the Lorenz curve):
///   G = 1 − Σ_i p_(i) (L_(i−1) + L_(i))
/// ```
///
/// Reference: Gini (1912); `PySAL` `inequality.gini.Gini(y).g` (`_gini`), which this equals to
/// rounding when unweighted. Zeros are valid values; negative values are an error.
///
/// # Errors
/// [`crate::Error::Degenerate`] for fewer than two units or an all-zero vector;
/// [`crate::Error::Domain`] for NaN, infinite or negative values, or bad weights.
///
/// # Example
/// ```
/// let g = govgap::gap::gini(&[1.0, 2.0, 3.0, 4.0], None).unwrap();
/// assert!((g.value - 0.25).abs() < 1e-15);
/// // two units, one with three times the population of the other
/// let w = govgap::gap::gini(&[1.0, 3.0], Some(&[3.0, 1.0])).unwrap();
/// assert!((w.value - 0.25).abs() < 1e-15);
/// ```
pub fn gini(v: &[f64], weights: Option<&[f64]>) -> Result<Measure> {
    let s = prepare("Gini", v, weights, Zeros::Allowed)?;
    let value = gini_of(&s);
    Ok(Measure {
        value,
        mean: s.mean,
        n: s.n(),
        n_zero: s.n_zero,
        weighting: s.weighting,
    })
}

/// Gini of a validated sample.
pub(crate) fn gini_of(s: &Sample) -> f64 {
    match &s.p {
        None => {
            let mut sorted = s.y.clone();
            sorted.sort_by(f64::total_cmp);
            gini_sorted(&sorted)
        }
        Some(p) => {
            let idx = argsort(&s.y);
            let mut cum = 0.0;
            let mut area = 0.0;
            for &i in &idx {
                let share = p[i] * s.y[i] / s.mean;
                area += p[i] * (2.0 * cum + share);
                cum += share;
            }
            1.0 - area
        }
    }
}

/// `PySAL`'s `_gini` on values already sorted ascending (non-negative, positive sum).
pub(crate) fn gini_sorted(sorted: &[f64]) -> f64 {
    let n = sorted.len() as f64;
    let x_sum: f64 = sorted.iter().sum();
    let n_x_sum = n * x_sum;
    let r_x: f64 = sorted
        .iter()
        .enumerate()
        .map(|(i, &x)| 2.0 * (i as f64 + 1.0) * x)
        .sum();
    (r_x - n_x_sum - x_sum) / n_x_sum
}
