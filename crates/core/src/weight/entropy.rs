//! Entropy weights (Shannon entropy of each child's shares); documented on
//! [`super::Weighting::Entropy`].

use super::to_unit_sum;
use crate::Result;

/// `(1 - e_j) / sum (1 - e_k)` with `e_j = -(1 / ln n_j) sum p ln p` over each child's present rows.
pub(super) fn weights(columns: &[&[Option<f64>]]) -> Result<Vec<f64>> {
    entropy_weights(columns).map(|(w, _)| w)
}

/// Entropy weights and the entropies behind them, one per column.
///
/// ```text
/// p_ij = z_ij / sum_i z_ij            (present rows of column j, z >= 0)
/// e_j  = -(1 / ln n_j) sum_i p_ij ln p_ij,   0 ln 0 = 0
/// w_j  = (1 - e_j) / sum_k (1 - e_k)
/// ```
///
/// Reference: Shannon entropy weighting as used in the Chinese regional-gap literature (熵值法);
/// identical to the bench peer's `entropy_weights`.
///
/// # Errors
/// [`crate::Error::Domain`] for a negative value; [`crate::Error::Degenerate`] for a column with fewer
/// than two present values or all zeros, or when every column has entropy 1.
///
/// # Example
/// ```
/// let a = [Some(1.0), Some(4.0)];
/// let b = [Some(2.0), Some(16.0)];
/// let (w, e) = govgap::weight::entropy::entropy_weights(&[&a, &b]).unwrap();
/// assert!((w[0] - 0.358_889).abs() < 1e-6);
/// assert!(e[0] > e[1]);
/// ```
pub fn entropy_weights(columns: &[&[Option<f64>]]) -> Result<(Vec<f64>, Vec<f64>)> {
    let mut d = Vec::with_capacity(columns.len());
    let mut es = Vec::with_capacity(columns.len());
    for (j, c) in columns.iter().enumerate() {
        if let Some((row, v)) = c
            .iter()
            .enumerate()
            .find_map(|(i, v)| v.filter(|v| *v < 0.0).map(|v| (i, v)))
        {
            return Err(crate::Error::Domain(format!(
                "entropy weights need non-negative data, but child {j}, row {row} is {v}; normalise to a \
                 non-negative scale (e.g. min-max 0-100) first"
            )));
        }
        let z: Vec<f64> = c.iter().flatten().copied().collect();
        if z.len() < 2 {
            return Err(crate::Error::Degenerate(format!(
                "child {j} has {} present value(s); entropy weights need at least two",
                z.len()
            )));
        }
        let total: f64 = z.iter().sum();
        if total <= 0.0 {
            return Err(crate::Error::Degenerate(format!(
                "child {j} is zero for every unit, so its shares are undefined; drop it or use another scheme"
            )));
        }
        let mut h = 0.0;
        for &zi in &z {
            let p = zi / total;
            if p > 0.0 {
                h += p * p.ln();
            }
        }
        let e = -h / (z.len() as f64).ln();
        es.push(e);
        d.push(1.0 - e);
    }
    let w = to_unit_sum(&d).ok_or_else(|| {
        crate::Error::Degenerate(
            "every child is spread perfectly evenly over the units (entropy 1), so entropy weights are \
             undefined; use equal weights"
                .into(),
        )
    })?;
    Ok((w, es))
}
