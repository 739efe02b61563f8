//! Simple linear regression (one regressor) with the usual t inference.

use super::distribution::student_t_two_sided_p;
use crate::{Error, Result};

/// An ordinary least squares fit `y = a + b x + e`.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SimpleOls {
    /// Intercept `a`.
    pub intercept: f64,
    /// Slope `b`.
    pub slope: f64,
    /// Standard error of the intercept.
    pub intercept_se: f64,
    /// Standard error of the slope.
    pub slope_se: f64,
    /// `t = b / se(b)`; `None` for a perfect fit (`se(b) = 0`).
    pub t: Option<f64>,
    /// Two-sided p-value of `t` (Student t, `n − 2` df); `None` for a perfect fit.
    pub p_value: Option<f64>,
    /// Coefficient of determination; `None` when `y` does not vary.
    pub r_squared: Option<f64>,
    /// Number of observations.
    pub n: usize,
}

/// Ordinary least squares of `y` on `x` with an intercept.
///
/// ```text
/// b = Sxy / Sxx,  a = ȳ − b x̄,  s² = Σ e_i² / (n − 2)
/// se(b) = sqrt(s² / Sxx),  se(a) = sqrt(s² (1/n + x̄²/Sxx)),  t = b / se(b),  p = 2 P(T_{n−2} ≥ |t|)
/// R² = 1 − Σ e_i² / Syy
/// ```
///
/// Reference: any econometrics text (e.g. Wooldridge, *Introductory Econometrics*, ch. 2 and 4);
/// scipy `stats.linregress` (`slope`, `intercept`, `stderr`, `intercept_stderr`, `pvalue`,
/// `rvalue²`).
///
/// # Errors
/// [`Error::Domain`] for lengths that differ or non-finite values; [`Error::Degenerate`] for fewer
/// than 3 observations or an `x` that does not vary.
///
/// # Example
/// ```
/// let f = govgap::dynamics::simple_ols(&[1.0, 2.0, 3.0, 4.0], &[2.0, 4.1, 5.9, 8.0]).unwrap();
/// assert!((f.slope - 1.98).abs() < 1e-12);
/// ```
pub fn simple_ols(x: &[f64], y: &[f64]) -> Result<SimpleOls> {
    if x.len() != y.len() {
        return Err(Error::Domain(format!(
            "regression: {} x values for {} y values",
            x.len(),
            y.len()
        )));
    }
    let n = x.len();
    if n < 3 {
        return Err(Error::Degenerate(format!(
            "regression needs at least 3 observations for a standard error, got {n}"
        )));
    }
    if x.iter().chain(y).any(|v| !v.is_finite()) {
        return Err(Error::Domain("regression: a value is NaN or infinite".into()));
    }
    let nf = n as f64;
    let mx = x.iter().sum::<f64>() / nf;
    let my = y.iter().sum::<f64>() / nf;
    let (mut sxx, mut sxy, mut syy) = (0.0, 0.0, 0.0);
    for (&a, &b) in x.iter().zip(y) {
        sxx += (a - mx) * (a - mx);
        sxy += (a - mx) * (b - my);
        syy += (b - my) * (b - my);
    }
    if sxx == 0.0 {
        return Err(Error::Degenerate("regression: the regressor does not vary".into()));
    }
    let slope = sxy / sxx;
    let intercept = my - slope * mx;
    let ssr: f64 = x
        .iter()
        .zip(y)
        .map(|(&a, &b)| (b - intercept - slope * a).powi(2))
        .sum();
    let s2 = ssr / (nf - 2.0);
    let slope_se = (s2 / sxx).sqrt();
    let intercept_se = (s2 * (1.0 / nf + mx * mx / sxx)).sqrt();
    let (t, p_value) = if slope_se > 0.0 {
        let t = slope / slope_se;
        (Some(t), Some(student_t_two_sided_p(t, nf - 2.0)?))
    } else {
        (None, None)
    };
    let r_squared = (syy > 0.0).then(|| (1.0 - ssr / syy).clamp(0.0, 1.0));
    Ok(SimpleOls {
        intercept,
        slope,
        intercept_se,
        slope_se,
        t,
        p_value,
        r_squared,
        n,
    })
}
