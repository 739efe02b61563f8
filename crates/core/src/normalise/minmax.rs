//! Min-max normalisation (`COINr` `n_minmax`); documented on [`super::Normaliser::MinMax`].

use super::range;
use crate::Result;
use crate::model::{Cells, Direction, Scores};

/// `(v - min) / (max - min) * (high - low) + low` for every present `v = direction * x`.
pub(super) fn apply(x: &[Option<f64>], direction: Direction, low: f64, high: f64) -> Result<Vec<Option<f64>>> {
    Ok(match map(x, direction, low, high)? {
        Some(f) => x.iter().map(|xi| xi.map(f)).collect(),
        None => vec![None; x.len()],
    })
}

/// [`apply`] into a dense column (as a run stores it: no column of options in between).
pub(super) fn apply_dense<C: Cells + ?Sized>(x: &C, direction: Direction, low: f64, high: f64) -> Result<Scores> {
    let n = x.n_cells();
    Ok(match map(x, direction, low, high)? {
        Some(f) => {
            // (a missing cell, NaN, maps to NaN: the map is arithmetic)
            let mut scratch = Vec::new();
            Scores::from_raw(x.values(0..n, &mut scratch).0.iter().map(|&xi| f(xi)).collect())
        }
        None => Scores::missing(n),
    })
}

/// The map of one present value, after checking the bounds and the column; `None` when nothing is
/// present or the column does not vary (every cell missing).
fn map<C: Cells + ?Sized>(
    x: &C,
    direction: Direction,
    low: f64,
    high: f64,
) -> Result<Option<impl Fn(f64) -> f64 + Copy>> {
    if !(low.is_finite() && high.is_finite() && low < high) {
        return Err(crate::Error::Settings(format!(
            "min-max bounds low = {low} and high = {high} must be finite with low < high (e.g. 0 and 100)"
        )));
    }
    let Some((mn, mx)) = range(x, direction)? else {
        return Ok(None);
    };
    if mx <= mn {
        return Ok(None);
    }
    let s = direction.sign();
    Ok(Some(move |xi: f64| {
        let v = s * xi;
        (v - mn) / (mx - mn) * (high - low) + low
    }))
}
