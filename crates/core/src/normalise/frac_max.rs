//! Fraction-of-maximum normalisation (`COINr` `n_fracmax`); documented on
//! [`super::Normaliser::FractionOfMax`].

use super::check_scale;
use crate::Result;
use crate::model::Direction;

/// `x / max(x) * scale` (direction +1, `x >= 0`) or `min(x) / x * scale` (direction -1, `x > 0`).
pub(super) fn apply(x: &[Option<f64>], direction: Direction, scale: f64) -> Result<Vec<Option<f64>>> {
    check_scale(scale, "fraction of maximum")?;
    let present = || x.iter().enumerate().filter_map(|(i, v)| v.map(|v| (i, v)));
    match direction {
        Direction::Positive => {
            if let Some((row, v)) = present().find(|&(_, v)| v < 0.0) {
                return Err(crate::Error::Domain(format!(
                    "fraction of maximum needs values >= 0, but row {row} is {v}; use min-max or distance to the \
                     maximum for data without a natural zero"
                )));
            }
            let mx = present().map(|(_, v)| v).fold(0.0, f64::max);
            if mx <= 0.0 {
                return Ok(vec![None; x.len()]);
            }
            Ok(x.iter().map(|xi| xi.map(|xi| xi / mx * scale)).collect())
        }
        Direction::Negative => {
            if let Some((row, v)) = present().find(|&(_, v)| v <= 0.0) {
                return Err(crate::Error::Domain(format!(
                    "fraction of the best value for a lower-is-better indicator needs values > 0, but row {row} \
                     is {v}; use min-max or distance to the maximum instead"
                )));
            }
            let mn = present().map(|(_, v)| v).fold(f64::INFINITY, f64::min);
            Ok(x.iter().map(|xi| xi.map(|xi| mn / xi * scale)).collect())
        }
    }
}
