//! Distance-to-target normalisation (`COINr` `n_dist2targ`, capped at the target); documented on
//! [`super::Normaliser::DistanceToTarget`].

use super::{check_scale, range};
use crate::Result;
use crate::model::Direction;

/// `min(1 - (t - v) / (t - min), 1) * scale` with `t = direction * target`; everyone gets `scale` when
/// the target is at or below the worst value.
pub(super) fn apply(
    x: &[Option<f64>],
    direction: Direction,
    target: Option<f64>,
    scale: f64,
) -> Result<Vec<Option<f64>>> {
    check_scale(scale, "distance to target")?;
    let Some(target) = target else {
        return Err(crate::Error::Settings(
            "distance-to-target normalisation needs a target for the indicator; set `target = ..` in the \
             framework or choose another method"
                .into(),
        ));
    };
    if !target.is_finite() {
        return Err(crate::Error::Settings(format!(
            "target {target} is not a finite number"
        )));
    }
    let Some((mn, _)) = range(x, direction)? else {
        return Ok(vec![None; x.len()]);
    };
    let s = direction.sign();
    let t = s * target;
    Ok(x.iter()
        .map(|xi| {
            xi.map(|xi| {
                if t <= mn {
                    return scale;
                }
                let y = 1.0 - (t - s * xi) / (t - mn);
                y.min(1.0) * scale
            })
        })
        .collect())
}
