//! z-score standardisation (`COINr` `n_zscore`); documented on [`super::Normaliser::ZScore`].

use crate::Result;
use crate::model::Direction;

/// `(v - mean) / sd`, rescaled to the target mean and standard deviation unless they are (0, 1).
#[allow(clippy::float_cmp)] // exact comparison on purpose: (0, 1) takes the bit-identical numpy path
pub(super) fn apply(x: &[Option<f64>], direction: Direction, mean_t: f64, sd_t: f64) -> Result<Vec<Option<f64>>> {
    if !(mean_t.is_finite() && sd_t.is_finite() && sd_t > 0.0) {
        return Err(crate::Error::Settings(format!(
            "z-score target mean {mean_t} and sd {sd_t} must be finite with sd > 0 (e.g. mean 0, sd 1)"
        )));
    }
    let Some((mu, sd)) = mean_sd(x, direction.sign()) else {
        return Ok(vec![None; x.len()]);
    };
    let s = direction.sign();
    let plain = mean_t == 0.0 && sd_t == 1.0;
    Ok(x.iter()
        .map(|xi| {
            xi.map(|xi| {
                let v = s * xi;
                if plain {
                    (v - mu) / sd
                } else {
                    (v - mu) / sd * sd_t + mean_t
                }
            })
        })
        .collect())
}

/// Mean (sum in row order / n) and sample standard deviation (n - 1) of `s * x` over present values,
/// as numpy's `nanmean` and `nanstd(ddof = 1)` along axis 0; `None` if fewer than two values or the
/// standard deviation is zero.
fn mean_sd(x: &[Option<f64>], s: f64) -> Option<(f64, f64)> {
    let mut n = 0usize;
    let mut sum = 0.0;
    for &xi in x.iter().flatten() {
        sum += s * xi;
        n += 1;
    }
    if n < 2 {
        return None;
    }
    let mu = sum / n as f64;
    let mut ss = 0.0;
    for &xi in x.iter().flatten() {
        let d = s * xi - mu;
        ss += d * d;
    }
    let sd = (ss / (n - 1) as f64).sqrt();
    (sd > 0.0).then_some((mu, sd))
}
