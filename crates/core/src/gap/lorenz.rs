//! The Lorenz curve: cumulative population share against cumulative value share.

use super::common::{Zeros, argsort, prepare};
use crate::Result;

/// One point of a Lorenz curve.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LorenzPoint {
    /// Cumulative population share of the poorest units up to this one, in [0, 1].
    pub population_share: f64,
    /// Their cumulative share of the total value, in [0, 1].
    pub value_share: f64,
    /// The unit added at this point (its input index), `None` for the origin.
    pub unit: Option<usize>,
}

/// The Lorenz curve: the origin, then one point per unit in ascending order of value.
///
/// ```text
/// sort y ascending; P_k = Σ_{i ≤ k} p_(i),  L_k = Σ_{i ≤ k} p_(i) y_(i) / μ,  point k = (P_k, L_k)
/// ```
///
/// The area between the diagonal and the piecewise-linear curve through these points is `G/2`,
/// with `G` from [`crate::gap::gini`]. Reference: Lorenz (1905); Cowell (2011) §2.2. Ties keep their
/// input order. Zeros are valid values; units with zero weight are left out.
///
/// # Errors
/// [`crate::Error::Degenerate`] for fewer than two units or an all-zero vector;
/// [`crate::Error::Domain`] for NaN, infinite or negative values, or bad weights.
///
/// # Example
/// ```
/// let l = govgap::gap::lorenz_curve(&[3.0, 1.0], None).unwrap();
/// assert_eq!(l.len(), 3);
/// assert_eq!((l[1].population_share, l[1].value_share, l[1].unit), (0.5, 0.25, Some(1)));
/// assert_eq!(l[2].value_share, 1.0);
/// ```
pub fn lorenz_curve(v: &[f64], weights: Option<&[f64]>) -> Result<Vec<LorenzPoint>> {
    let s = prepare("Lorenz curve", v, weights, Zeros::Allowed)?;
    // map the used units back to input indices (zero-weight units were dropped)
    let used: Vec<usize> = match weights {
        Some(w) => (0..v.len()).filter(|&i| w[i] > 0.0).collect(),
        None => (0..v.len()).collect(),
    };
    let total: f64 = (0..s.n()).map(|i| s.share(i) * s.y[i]).sum();
    let mut out = Vec::with_capacity(s.n() + 1);
    out.push(LorenzPoint {
        population_share: 0.0,
        value_share: 0.0,
        unit: None,
    });
    let (mut cp, mut cl) = (0.0, 0.0);
    let idx = argsort(&s.y);
    for (k, &i) in idx.iter().enumerate() {
        cp += s.share(i);
        cl += s.share(i) * s.y[i] / total;
        let last = k + 1 == idx.len();
        out.push(LorenzPoint {
            population_share: if last { 1.0 } else { cp },
            value_share: if last { 1.0 } else { cl },
            unit: Some(used[i]),
        });
    }
    Ok(out)
}
