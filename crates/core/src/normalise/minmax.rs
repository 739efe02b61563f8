//! Min-max normalisation (`COINr` `n_minmax`); documented on [`super::Normaliser::MinMax`].

use std::sync::Arc;

use super::range;
use crate::Result;
use crate::model::scores::MinMaxMap;
use crate::model::{Cells, Direction, Scores};

/// `(v - min) / (max - min) * (high - low) + low` for every present `v = direction * x`.
pub(super) fn apply(x: &[Option<f64>], direction: Direction, low: f64, high: f64) -> Result<Vec<Option<f64>>> {
    Ok(match map(x, direction, low, high)? {
        Some(f) => x.iter().map(|xi| xi.map(|v| f.apply(v))).collect(),
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
            Scores::from_raw(x.values(0..n, &mut scratch).0.iter().map(|&xi| f.apply(xi)).collect())
        }
        None => Scores::missing(n),
    })
}

/// [`apply_dense`] as a view of `x` (computed when read, the same cells; see [`Scores`]).
pub(super) fn view(x: &Arc<Scores>, direction: Direction, low: f64, high: f64) -> Result<Scores> {
    Ok(match map(x.as_ref(), direction, low, high)? {
        Some(f) => Scores::min_max_view(Arc::clone(x), f),
        None => Scores::missing(x.len()),
    })
}

/// The map of one present value, after checking the bounds and the column; `None` when nothing is
/// present or the column does not vary (every cell missing).
fn map<C: Cells + ?Sized>(x: &C, direction: Direction, low: f64, high: f64) -> Result<Option<MinMaxMap>> {
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
    Ok(Some(MinMaxMap {
        sign: direction.sign(),
        min: mn,
        max: mx,
        low,
        high,
    }))
}
