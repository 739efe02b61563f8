//! Absolute β-convergence: do laggards grow faster?

use super::ols::{SimpleOls, simple_ols};
use crate::{Error, Result};

/// The result of an absolute β-convergence regression.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BetaConvergence {
    /// β, the slope of annualised growth on the log initial level (negative: convergence).
    pub beta: f64,
    /// Standard error of β.
    pub beta_se: f64,
    /// `t = β / se(β)`; `None` for a perfect fit.
    pub t: Option<f64>,
    /// Two-sided p-value of `t` (Student t, `n − 2` df).
    pub p_value: Option<f64>,
    /// R² of the regression.
    pub r_squared: Option<f64>,
    /// Convergence speed `λ = −ln(1 + βT)/T`; `None` when `1 + βT ≤ 0`.
    pub speed: Option<f64>,
    /// Half-life `ln 2 / λ` in years; `None` unless `λ > 0`.
    pub half_life: Option<f64>,
    /// Length of the period `T` in years.
    pub years: f64,
    /// The full regression (intercept α and its standard error included).
    pub regression: SimpleOls,
}

/// Absolute (unconditional) β-convergence between an initial and a final year.
///
/// ```text
/// g_i = ln(y_iT / y_i0) / T = α + β ln y_i0 + ε_i            (OLS)
/// λ = −ln(1 + βT) / T,   half-life = ln 2 / λ
/// ```
///
/// Reference: Barro, R. J. & Sala-i-Martin, X. (1992), "Convergence", *J. Political Economy* 100(2);
/// Sala-i-Martin (1996), *Economic Journal* 106. Inference as [`crate::dynamics::simple_ols`]
/// (scipy `stats.linregress`). Values must be strictly positive (logarithms).
///
/// # Errors
/// [`Error::Settings`] for `years ≤ 0` or not finite; [`Error::Domain`] for lengths that differ or a
/// value that is zero, negative or not finite; [`Error::Degenerate`] for fewer than 3 units or equal
/// initial levels.
///
/// # Example
/// ```
/// // laggards catch up: growth falls with the initial level
/// let b = govgap::dynamics::beta_convergence(&[10.0, 20.0, 40.0, 80.0], &[30.0, 45.0, 70.0, 110.0], 10.0).unwrap();
/// assert!(b.beta < 0.0 && b.half_life.is_some());
/// ```
pub fn beta_convergence(initial: &[f64], last: &[f64], years: f64) -> Result<BetaConvergence> {
    if !(years.is_finite() && years > 0.0) {
        return Err(Error::Settings(format!(
            "β-convergence: the period must be a positive number of years, got {years}"
        )));
    }
    if initial.len() != last.len() {
        return Err(Error::Domain(format!(
            "β-convergence: {} initial values for {} final values",
            initial.len(),
            last.len()
        )));
    }
    if let Some(i) = initial.iter().chain(last).position(|v| !(v.is_finite() && *v > 0.0)) {
        return Err(Error::Domain(format!(
            "β-convergence: value {} ({} year) is not strictly positive; growth rates need logarithms",
            i % initial.len().max(1),
            if i < initial.len() { "initial" } else { "final" }
        )));
    }
    let x: Vec<f64> = initial.iter().map(|v| v.ln()).collect();
    let g: Vec<f64> = initial.iter().zip(last).map(|(a, b)| (b / a).ln() / years).collect();
    let regression = simple_ols(&x, &g)?;
    let beta = regression.slope;
    let base = 1.0 + beta * years;
    let speed = (base > 0.0).then(|| -base.ln() / years);
    let half_life = speed.filter(|&l| l > 0.0).map(|l| std::f64::consts::LN_2 / l);
    Ok(BetaConvergence {
        beta,
        beta_se: regression.slope_se,
        t: regression.t,
        p_value: regression.p_value,
        r_squared: regression.r_squared,
        speed,
        half_life,
        years,
        regression,
    })
}
