//! Distance-to-reference normalisation (`COINr` `n_dist2ref`); documented on
//! [`super::Normaliser::DistanceToReference`].

use super::{check_scale, range};
use crate::Result;
use crate::model::Direction;

/// `(1 - (v_ref - v) / (v_ref - min)) * scale`, not capped.
pub(super) fn apply(
    x: &[Option<f64>],
    direction: Direction,
    reference_row: Option<usize>,
    unit: &str,
    scale: f64,
) -> Result<Vec<Option<f64>>> {
    check_scale(scale, "distance to reference")?;
    let Some(row) = reference_row else {
        return Err(crate::Error::Settings(format!(
            "distance-to-reference normalisation: reference unit '{unit}' was not located in the column; \
             check the unit code"
        )));
    };
    let Some(&cell) = x.get(row) else {
        return Err(crate::Error::Settings(format!(
            "distance-to-reference normalisation: reference row {row} of unit '{unit}' is outside the column of \
             {} rows",
            x.len()
        )));
    };
    let Some(x_ref) = cell else {
        return Err(crate::Error::Degenerate(format!(
            "reference unit '{unit}' has no value for this indicator, so distances to it are undefined; impute \
             it, choose another reference unit, or another method"
        )));
    };
    let Some((mn, mx)) = range(x, direction)? else {
        return Ok(vec![None; x.len()]);
    };
    if mx <= mn {
        return Ok(vec![None; x.len()]);
    }
    let s = direction.sign();
    let v_ref = s * x_ref;
    if v_ref <= mn {
        return Err(crate::Error::Degenerate(format!(
            "reference unit '{unit}' has the worst value of this indicator, so every distance to it divides by \
             zero; choose another reference unit or another method"
        )));
    }
    Ok(x.iter()
        .map(|xi| xi.map(|xi| (1.0 - (v_ref - s * xi) / (v_ref - mn)) * scale))
        .collect())
}
