//! CRITIC weights (Diakoulaki, Mavrotas & Papayannakis 1995); documented on
//! [`super::Weighting::Critic`].

use super::{centred, complete_rows, correlation, to_unit_sum};
use crate::Result;

/// `C_j / sum C` with `C_j = sd_j * sum_k (1 - r_jk)` on min-max scaled complete rows.
pub(super) fn weights(columns: &[&[Option<f64>]]) -> Result<Vec<f64>> {
    let cols = complete_rows(columns);
    let n = cols.first().map_or(0, Vec::len);
    if n < 2 {
        return Err(crate::Error::Degenerate(format!(
            "CRITIC needs at least two units with every child present, found {n}; impute missing values or \
             use another scheme"
        )));
    }
    let mut scaled = Vec::with_capacity(cols.len());
    for (j, x) in cols.iter().enumerate() {
        let mn = x.iter().copied().fold(f64::INFINITY, f64::min);
        let mx = x.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        if mx <= mn {
            return Err(constant(j));
        }
        scaled.push(x.iter().map(|v| (v - mn) / (mx - mn)).collect::<Vec<f64>>());
    }
    let r = correlation(&scaled).map_err(constant)?;
    let c: Vec<f64> = scaled
        .iter()
        .zip(&r)
        .map(|(x, rj)| {
            let sd = (centred(x).iter().map(|d| d * d).sum::<f64>() / (n - 1) as f64).sqrt();
            sd * rj.iter().map(|r| 1.0 - r).sum::<f64>()
        })
        .collect();
    to_unit_sum(&c).ok_or_else(|| {
        crate::Error::Degenerate(
            "the children are perfectly correlated, so CRITIC has no conflict to weigh; use equal weights".into(),
        )
    })
}

fn constant(j: usize) -> crate::Error {
    crate::Error::Degenerate(format!(
        "child {j} is constant on the units with complete data, so CRITIC cannot use it; drop it or use \
         another scheme"
    ))
}
