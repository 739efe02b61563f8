//! Distance-to-maximum normalisation (`COINr` `n_dist2max`); documented on
//! [`super::Normaliser::DistanceToMax`].

use super::{check_scale, range};
use crate::Result;
use crate::model::Direction;

/// `(1 - (max - v) / (max - min)) * scale`.
pub(super) fn apply(x: &[Option<f64>], direction: Direction, scale: f64) -> Result<Vec<Option<f64>>> {
    check_scale(scale, "distance to maximum")?;
    let Some((mn, mx)) = range(x, direction)? else {
        return Ok(vec![None; x.len()]);
    };
    if mx <= mn {
        return Ok(vec![None; x.len()]);
    }
    let s = direction.sign();
    Ok(x.iter()
        .map(|xi| xi.map(|xi| (1.0 - (mx - s * xi) / (mx - mn)) * scale))
        .collect())
}
