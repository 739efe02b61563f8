//! Min-max normalisation (`COINr` `n_minmax`); documented on [`super::Normaliser::MinMax`].

use super::range;
use crate::Result;
use crate::model::Direction;

/// `(v - min) / (max - min) * (high - low) + low` for every present `v = direction * x`.
pub(super) fn apply(x: &[Option<f64>], direction: Direction, low: f64, high: f64) -> Result<Vec<Option<f64>>> {
    if !(low.is_finite() && high.is_finite() && low < high) {
        return Err(crate::Error::Settings(format!(
            "min-max bounds low = {low} and high = {high} must be finite with low < high (e.g. 0 and 100)"
        )));
    }
    let Some((mn, mx)) = range(x, direction)? else {
        return Ok(vec![None; x.len()]);
    };
    if mx <= mn {
        return Ok(vec![None; x.len()]);
    }
    let s = direction.sign();
    Ok(x.iter()
        .map(|xi| {
            xi.map(|xi| {
                let v = s * xi;
                (v - mn) / (mx - mn) * (high - low) + low
            })
        })
        .collect())
}
