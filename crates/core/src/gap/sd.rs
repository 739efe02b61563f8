//! Standard deviation (absolute dispersion), population or sample, optionally population-weighted.

use super::common::{Ddof, Weighting, check_finite_len, weight_shares};
use crate::Result;

/// A dispersion measure with the moments it was computed from.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Dispersion {
    /// The measure (standard deviation, or coefficient of variation).
    pub value: f64,
    /// The (weighted) mean `μ`.
    pub mean: f64,
    /// The (weighted) standard deviation.
    pub sd: f64,
    /// Number of units used (those with a positive weight).
    pub n: usize,
    /// Divisor of the variance.
    pub ddof: Ddof,
    /// How units were weighted.
    pub weighting: Weighting,
}

/// Standard deviation, divisor `n` or `n − 1`, optionally weighted by population.
///
/// ```text
/// μ   = Σ p_i y_i                       (p_i = 1/n, or w_i / Σ w)
/// σ²  = Σ p_i (y_i − μ)²                (Ddof::Population)
/// s²  = n/(n − 1) · Σ p_i (y_i − μ)²    (Ddof::Sample; unweighted this is Σ (y_i − μ)²/(n − 1))
/// ```
///
/// Reference: `numpy.std(y, ddof=0|1)`; the weighted sample form is Stata's `aweight` convention.
/// Negative values and zeros are accepted (the standard deviation is translation invariant); units
/// with zero weight are left out.
///
/// # Errors
/// [`crate::Error::Degenerate`] for fewer than two units (with positive weight);
/// [`crate::Error::Domain`] for a NaN or infinite value, or weights of the wrong length, negative or
/// not finite.
///
/// # Example
/// ```
/// use govgap::gap::{standard_deviation, Ddof};
/// let s = standard_deviation(&[2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0], None, Ddof::Population).unwrap();
/// assert_eq!(s.value, 2.0);
/// ```
pub fn standard_deviation(v: &[f64], weights: Option<&[f64]>, ddof: Ddof) -> Result<Dispersion> {
    moments("standard deviation", v, weights, ddof)
}

/// Mean and standard deviation of finite values (negative allowed).
pub(crate) fn moments(what: &str, v: &[f64], weights: Option<&[f64]>, ddof: Ddof) -> Result<Dispersion> {
    check_finite_len(what, v)?;
    let (n, mean, ss, weighting) = match weights {
        None => {
            let n = v.len();
            let mean = v.iter().sum::<f64>() / n as f64;
            let ss = v.iter().map(|y| (y - mean) * (y - mean)).sum::<f64>() / n as f64;
            (n, mean, ss, Weighting::Unweighted)
        }
        Some(w) => {
            let (y, p, total) = weight_shares(what, v, w)?;
            if y.len() < 2 {
                return Err(crate::Error::Degenerate(format!(
                    "{what} needs at least two units with a positive weight, got {}",
                    y.len()
                )));
            }
            let mean: f64 = y.iter().zip(&p).map(|(y, p)| y * p).sum();
            let ss: f64 = y.iter().zip(&p).map(|(y, p)| p * (y - mean) * (y - mean)).sum();
            (y.len(), mean, ss, Weighting::Population { total })
        }
    };
    let var = match ddof {
        Ddof::Population => ss,
        Ddof::Sample => ss * n as f64 / (n as f64 - 1.0),
    };
    let sd = var.sqrt();
    Ok(Dispersion {
        value: sd,
        mean,
        sd,
        n,
        ddof,
        weighting,
    })
}
