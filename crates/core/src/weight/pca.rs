//! Weights from the first principal component (squared loadings); documented on
//! [`super::Weighting::Pca`].

use super::eigen::symmetric_eigen;
use super::{complete_rows, correlation, to_unit_sum};
use crate::Result;

/// Relative gap below which the two largest eigenvalues count as tied.
const TIE: f64 = 1e-10;

/// `a_j^2 / sum a^2` for the unit eigenvector `a` of the largest eigenvalue of the correlation matrix.
pub(super) fn weights(columns: &[&[Option<f64>]]) -> Result<Vec<f64>> {
    let cols = complete_rows(columns);
    let n = cols.first().map_or(0, Vec::len);
    if n < 2 {
        return Err(crate::Error::Degenerate(format!(
            "PCA weights need at least two units with every child present, found {n}; impute missing values \
             or use another scheme"
        )));
    }
    let r = correlation(&cols).map_err(|j| {
        crate::Error::Degenerate(format!(
            "child {j} is constant on the units with complete data, so it has no correlation; drop it or use \
             another scheme"
        ))
    })?;
    let (values, vectors) = symmetric_eigen(&r);
    if let [l1, l2, ..] = values[..]
        && l1 - l2 <= TIE * l1.abs()
    {
        return Err(crate::Error::Degenerate(format!(
            "the two largest eigenvalues of the correlation matrix are tied ({l1} and {l2}), so the first \
             principal component is not unique; use another scheme"
        )));
    }
    let squared: Vec<f64> = vectors
        .first()
        .map(|a| a.iter().map(|v| v * v).collect())
        .unwrap_or_default();
    to_unit_sum(&squared).ok_or_else(|| crate::Error::Degenerate("the first principal component has no loading".into()))
}
