//! The Atkinson index A(ε): the share of the mean a society would give up for equality.

use super::common::{Measure, Zeros, prepare};
use super::entropy::SPECIAL_CASE_TOL;
use crate::{Error, Result};

/// The Atkinson index with inequality aversion ε ≥ 0, optionally weighted by population.
///
/// ```text
/// A(ε) = 1 − (Σ_i p_i y_i^(1−ε))^(1/(1−ε)) / μ     ε ≠ 1
/// A(1) = 1 − exp(Σ_i p_i ln y_i) / μ              (geometric over arithmetic mean)
/// A(0) = 0
/// ```
///
/// ε within 1e-12 of 1 takes the ε = 1 form.
///
/// Reference: Atkinson (1970), *J. Econ. Theory* 2(3); `PySAL` `inequality.atkinson.atkinson(y, ε)`
/// (same arithmetic). Zero policy: zeros are valid for ε < 1 (`0^(1−ε) = 0`); for ε ≥ 1 a zero is an
/// [`Error::Domain`] (`PySAL` rejects zeros for every ε).
///
/// # Errors
/// [`Error::Settings`] for ε < 0 or not finite; [`Error::Degenerate`] for fewer than two units or an
/// all-zero vector; [`Error::Domain`] for NaN, infinite or negative values, zeros when ε ≥ 1, or
/// bad weights.
///
/// # Example
/// ```
/// // `PySAL`'s doctest: atkinson([10, 20, 30, 40, 50], 0.5) = 0.06315…, and 0.13161… for ε = 1
/// let y = [10.0, 20.0, 30.0, 40.0, 50.0];
/// assert!((govgap::gap::atkinson(&y, None, 0.5).unwrap().value - 0.06315).abs() < 5e-6);
/// assert!((govgap::gap::atkinson(&y, None, 1.0).unwrap().value - 0.13161).abs() < 5e-6);
/// ```
pub fn atkinson(v: &[f64], weights: Option<&[f64]>, epsilon: f64) -> Result<Measure> {
    if !epsilon.is_finite() || epsilon < 0.0 {
        return Err(Error::Settings(format!(
            "Atkinson index: the inequality aversion ε must be finite and non-negative, got {epsilon}"
        )));
    }
    let zeros = if epsilon < 1.0 { Zeros::Allowed } else { Zeros::Rejected };
    let s = prepare("Atkinson index", v, weights, zeros)?;
    let value = if epsilon == 0.0 {
        0.0
    } else if (epsilon - 1.0).abs() < SPECIAL_CASE_TOL {
        let mean_log: f64 = (0..s.n()).map(|i| s.share(i) * s.y[i].ln()).sum();
        1.0 - mean_log.exp() / s.mean
    } else {
        let e = 1.0 - epsilon;
        let mean_pow: f64 = (0..s.n()).map(|i| s.share(i) * s.y[i].powf(e)).sum();
        1.0 - mean_pow.powf(1.0 / e) / s.mean
    };
    Ok(Measure {
        value,
        mean: s.mean,
        n: s.n(),
        n_zero: s.n_zero,
        weighting: s.weighting,
    })
}
