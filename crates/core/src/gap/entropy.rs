//! The generalised entropy family GE(α): Theil L = GE(0), Theil T = GE(1), half the squared CV = GE(2).

use super::common::{Measure, Sample, Zeros, prepare};
use crate::{Error, Result};

/// α (or ε) this close to 0 or 1 takes the logarithmic limit form of the index.
pub(crate) const SPECIAL_CASE_TOL: f64 = 1e-12;

/// Generalised entropy GE(α), optionally weighted by population.
///
/// ```text
/// GE(α) = 1/(α(α − 1)) · Σ_i p_i [ (y_i/μ)^α − 1 ]     α ∉ {0, 1}
/// GE(0) = Σ_i p_i ln(μ / y_i)                           Theil L, mean log deviation
/// GE(1) = Σ_i s_i ln(s_i / p_i),  s_i = p_i y_i / μ      Theil T
///       = Σ_i s_i ln(n s_i),      s_i = y_i / Σ y        (unweighted, `PySAL`'s arithmetic)
/// GE(2) = CV² / 2                                        (CV with divisor n)
/// ```
///
/// α within 1e-12 of 0 or 1 takes the logarithmic form.
///
/// References: Shorrocks (1980), *Econometrica* 48(3); Theil (1967); Cowell (2011) §3.5. GE(1) equals
/// `PySAL` `inequality.theil.Theil(y).T` to rounding.
///
/// Zero policy: for α > 0 a zero is a valid value (`0^α = 0`, and `0·ln 0 = 0` for Theil T, the limit
/// `PySAL` reaches by adding `numpy.finfo(float).tiny` to zeros); for α ≤ 0 a zero is an
/// [`Error::Domain`] (`ln 0`, `0^α` undefined). `n_zero` in the result counts them.
///
/// # Errors
/// [`Error::Settings`] for a non-finite α; [`Error::Degenerate`] for fewer than two units or an
/// all-zero vector; [`Error::Domain`] for NaN, infinite or negative values, zeros when α ≤ 0, or
/// bad weights.
///
/// # Example
/// ```
/// use govgap::gap::generalised_entropy;
/// let y = [1.0, 2.0, 3.0, 4.0];
/// // GE(2) is half the squared population coefficient of variation: CV² = 1.25/6.25 = 0.2
/// assert!((generalised_entropy(&y, None, 2.0).unwrap().value - 0.1).abs() < 1e-15);
/// ```
pub fn generalised_entropy(v: &[f64], weights: Option<&[f64]>, alpha: f64) -> Result<Measure> {
    if !alpha.is_finite() {
        return Err(Error::Settings(format!(
            "generalised entropy: α must be finite, got {alpha}"
        )));
    }
    let zeros = if alpha > 0.0 { Zeros::Allowed } else { Zeros::Rejected };
    let s = prepare("generalised entropy", v, weights, zeros)?;
    let value = if alpha.abs() < SPECIAL_CASE_TOL {
        theil_l_of(&s)
    } else if (alpha - 1.0).abs() < SPECIAL_CASE_TOL {
        theil_t_of(&s)
    } else {
        let sum: f64 = (0..s.n()).map(|i| s.share(i) * (s.y[i] / s.mean).powf(alpha)).sum();
        (sum - 1.0) / (alpha * (alpha - 1.0))
    };
    Ok(Measure {
        value,
        mean: s.mean,
        n: s.n(),
        n_zero: s.n_zero,
        weighting: s.weighting,
    })
}

/// Theil's T index, GE(1): the value-share-weighted mean of `ln(y_i/μ)`.
///
/// ```text
/// T = Σ_i s_i ln(s_i / p_i),  s_i = p_i y_i / μ     (unweighted: Σ_i s_i ln(n s_i), s_i = y_i/Σy)
/// ```
///
/// Reference: Theil (1967), *Economics and Information Theory*; `PySAL` `inequality.theil.Theil(y).T`.
/// Zeros contribute `0·ln 0 = 0` (`PySAL`'s result to within 1e-300); negative values are an error.
///
/// # Errors
/// As [`generalised_entropy`] with α = 1.
///
/// # Example
/// ```
/// // one unit holds everything: T = ln n
/// let t = govgap::gap::theil_t(&[0.0, 0.0, 0.0, 8.0], None).unwrap();
/// assert!((t.value - 4f64.ln()).abs() < 1e-15);
/// assert_eq!(t.n_zero, 3);
/// ```
pub fn theil_t(v: &[f64], weights: Option<&[f64]>) -> Result<Measure> {
    generalised_entropy(v, weights, 1.0)
}

/// Theil's L index, GE(0), the mean log deviation.
///
/// ```text
/// L = Σ_i p_i ln(μ / y_i)
/// ```
///
/// Reference: Theil (1967); Cowell (2011) §3.5. A zero is an [`Error::Domain`] (`ln 0`).
///
/// # Errors
/// As [`generalised_entropy`] with α = 0.
///
/// # Example
/// ```
/// let l = govgap::gap::theil_l(&[1.0, 4.0], None).unwrap();
/// // μ = 2.5: (ln 2.5 + ln 0.625)/2
/// assert!((l.value - 0.5 * (2.5f64.ln() + 0.625f64.ln())).abs() < 1e-15);
/// ```
pub fn theil_l(v: &[f64], weights: Option<&[f64]>) -> Result<Measure> {
    generalised_entropy(v, weights, 0.0)
}

/// Theil T of a validated sample (zeros contribute zero).
pub(crate) fn theil_t_of(s: &Sample) -> f64 {
    match &s.p {
        None => {
            let n = s.n() as f64;
            s.y.iter()
                .filter(|&&y| y > 0.0)
                .map(|&y| {
                    let share = y / s.total;
                    share * (n * share).ln()
                })
                .sum()
        }
        Some(p) => {
            s.y.iter()
                .zip(p)
                .filter(|&(&y, _)| y > 0.0)
                .map(|(&y, &p)| {
                    let share = p * y / s.mean;
                    share * (share / p).ln()
                })
                .sum()
        }
    }
}

/// Theil L of a validated sample without zeros.
pub(crate) fn theil_l_of(s: &Sample) -> f64 {
    (0..s.n()).map(|i| s.share(i) * (s.mean / s.y[i]).ln()).sum()
}
