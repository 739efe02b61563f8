//! Entropy weights (Shannon entropy of each child's shares); documented on
//! [`super::Weighting::Entropy`].

use super::to_unit_sum;
use crate::Result;
use crate::model::Cells;

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
pub fn entropy_weights<C: Cells + ?Sized>(columns: &[&C]) -> Result<(Vec<f64>, Vec<f64>)> {
    use rayon::prelude::*;
    // columns are independent: computed in parallel, each summed in row order, and the first error in
    // column order is reported, so the result does not depend on the thread count
    let entropies: Vec<Result<f64>> = columns
        .par_iter()
        .enumerate()
        .map(|(j, &c)| column_entropy(j, c))
        .collect();
    let es = entropies.into_iter().collect::<Result<Vec<f64>>>()?;
    let d: Vec<f64> = es.iter().map(|e| 1.0 - e).collect();
    let w = to_unit_sum(&d).ok_or_else(|| {
        crate::Error::Degenerate(
            "every child is spread perfectly evenly over the units (entropy 1), so entropy weights are \
             undefined; use equal weights"
                .into(),
        )
    })?;
    Ok((w, es))
}

/// Shannon entropy of one non-negative column's shares, normalised by `ln n` (0·ln 0 = 0).
///
/// One pass over the column: with `T = sum z`, `sum p ln p = (sum z ln z) / T - ln T`, so neither
/// the shares nor a second pass are needed.
fn column_entropy<C: Cells + ?Sized>(j: usize, c: &C) -> Result<f64> {
    let all = 0..c.n_cells();
    let mut n = 0usize;
    let mut total = 0.0;
    let mut z_ln_z = 0.0;
    let mut negative = false;
    let mut scratch = Vec::new();
    let (values, nan) = c.values(all.clone(), &mut scratch);
    let mut infinite = false;
    for &z in values.iter().filter(|z| !z.is_nan()) {
        n += 1;
        total += z;
        negative |= z < 0.0;
        infinite |= z.is_infinite();
        if z > 0.0 {
            z_ln_z += z * z.ln();
        }
    }
    if nan || infinite {
        let row = c
            .cells(all)
            .position(|v| v.is_some_and(|v| !v.is_finite()))
            .unwrap_or(0);
        return Err(crate::Error::Domain(format!(
            "entropy weights need finite data, but child {j}, row {row} is not a finite number; remove NaN \
             and infinities first"
        )));
    }
    if negative {
        let (row, v) = c
            .cells(all)
            .enumerate()
            .find_map(|(i, v)| v.filter(|v| *v < 0.0).map(|v| (i, v)))
            .unwrap_or((0, f64::NAN));
        return Err(crate::Error::Domain(format!(
            "entropy weights need non-negative data, but child {j}, row {row} is {v}; normalise to a \
             non-negative scale (e.g. min-max 0-100) first"
        )));
    }
    if n < 2 {
        return Err(crate::Error::Degenerate(format!(
            "child {j} has {n} present value(s); entropy weights need at least two"
        )));
    }
    if total <= 0.0 {
        return Err(crate::Error::Degenerate(format!(
            "child {j} is zero for every unit, so its shares are undefined; drop it or use another scheme"
        )));
    }
    let h = z_ln_z / total - total.ln();
    Ok(-h / (n as f64).ln())
}
