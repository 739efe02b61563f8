//! Goalpost normalisation (`COINr` `n_goalposts`, truncated to the posts); documented on
//! [`super::Normaliser::Goalposts`].

use super::check_scale;
use crate::Result;
use crate::model::{Direction, Goalposts};

/// `(x - low) / (high - low)` (or `(high - x) / (high - low)` for direction -1), capped to [0, 1],
/// times `scale`.
pub(super) fn apply(
    x: &[Option<f64>],
    direction: Direction,
    goalposts: Option<Goalposts>,
    scale: f64,
) -> Result<Vec<Option<f64>>> {
    check_scale(scale, "goalposts")?;
    let Some(Goalposts { low, high }) = goalposts else {
        return Err(crate::Error::Settings(
            "goalpost normalisation needs goalposts for the indicator; set `goalposts = { low = .., high = .. }` \
             in the framework or choose another method"
                .into(),
        ));
    };
    if !(low.is_finite() && high.is_finite() && low < high) {
        return Err(crate::Error::Settings(format!(
            "goalposts low = {low} and high = {high} must be finite with low < high"
        )));
    }
    Ok(x.iter()
        .map(|xi| {
            xi.map(|xi| {
                let y = match direction {
                    Direction::Positive => (xi - low) / (high - low),
                    Direction::Negative => (high - xi) / (high - low),
                };
                y.clamp(0.0, 1.0) * scale
            })
        })
        .collect())
}
