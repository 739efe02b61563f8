//! σ-convergence: does the dispersion across regions shrink over time?

use super::ols::{SimpleOls, simple_ols};
use crate::gap::{Ddof, coefficient_of_variation, gini};
use crate::{Error, Result};

/// Dispersion across units in one year.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SigmaYear {
    /// The year.
    pub year: i32,
    /// Coefficient of variation (divisor `n`).
    pub cv: f64,
    /// Standard deviation of the natural logs (divisor `n`).
    pub sd_log: f64,
    /// Gini coefficient.
    pub gini: f64,
    /// Number of units.
    pub n: usize,
}

/// Dispersion by year and its linear trend.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SigmaConvergence {
    /// One entry per year, sorted by year.
    pub years: Vec<SigmaYear>,
    /// OLS of the CV on the year (negative slope: σ-convergence); `None` with fewer than 3 years.
    pub cv_trend: Option<SimpleOls>,
    /// OLS of the sd of logs on the year.
    pub sd_log_trend: Option<SimpleOls>,
    /// OLS of the Gini on the year.
    pub gini_trend: Option<SimpleOls>,
}

/// σ-convergence: the cross-sectional dispersion of each year and the slope of its trend.
///
/// ```text
/// per year t:  CV_t = σ_t / μ_t,   sd_log_t = sqrt(Σ_i (ln y_it − mean_i ln y_it)² / n),   G_t (Gini)
/// trend:       D_t = a + b·t + e_t (OLS);  b < 0 means σ-convergence
/// ```
///
/// Reference: Barro & Sala-i-Martin (1992), *J. Political Economy* 100(2); Sala-i-Martin (1996).
/// `panel[k]` holds the units' values in `years[k]` (units may differ between years). Values must
/// be strictly positive (logarithms). Output is sorted by year.
///
/// # Errors
/// [`Error::Domain`] for `years` and `panel` of different lengths, a repeated year, or a value that
/// is zero, negative or not finite; [`Error::Degenerate`] for no year, or a year with fewer than two
/// units or no variation in the mean.
///
/// # Example
/// ```
/// let s = govgap::dynamics::sigma_convergence(&[2020, 2021, 2022], &[vec![1.0, 3.0], vec![1.5, 3.0], vec![2.0, 3.0]]).unwrap();
/// assert!(s.cv_trend.unwrap().slope < 0.0);
/// ```
pub fn sigma_convergence<R: AsRef<[f64]>>(years: &[i32], panel: &[R]) -> Result<SigmaConvergence> {
    let order = year_order("σ-convergence", years, panel.len())?;
    let mut out = Vec::with_capacity(years.len());
    for &k in &order {
        let v = panel[k].as_ref();
        if let Some(i) = v.iter().position(|x| !(x.is_finite() && *x > 0.0)) {
            return Err(Error::Domain(format!(
                "σ-convergence: year {}, unit {i} is {}; the sd of logs needs strictly positive values",
                years[k], v[i]
            )));
        }
        let cv = coefficient_of_variation(v, None, Ddof::Population)?.value;
        let logs: Vec<f64> = v.iter().map(|x| x.ln()).collect();
        let ml = logs.iter().sum::<f64>() / logs.len() as f64;
        let sd_log = (logs.iter().map(|l| (l - ml) * (l - ml)).sum::<f64>() / logs.len() as f64).sqrt();
        out.push(SigmaYear {
            year: years[k],
            cv,
            sd_log,
            gini: gini(v, None)?.value,
            n: v.len(),
        });
    }
    let t: Vec<f64> = out.iter().map(|y| f64::from(y.year)).collect();
    let trend = |f: fn(&SigmaYear) -> f64| -> Result<Option<SimpleOls>> {
        if out.len() < 3 {
            return Ok(None);
        }
        let d: Vec<f64> = out.iter().map(f).collect();
        simple_ols(&t, &d).map(Some)
    };
    Ok(SigmaConvergence {
        cv_trend: trend(|y| y.cv)?,
        sd_log_trend: trend(|y| y.sd_log)?,
        gini_trend: trend(|y| y.gini)?,
        years: out,
    })
}

/// Indices of `years` in ascending order, after checking lengths and duplicates.
pub(crate) fn year_order(what: &str, years: &[i32], n_panel: usize) -> Result<Vec<usize>> {
    if years.len() != n_panel {
        return Err(Error::Domain(format!(
            "{what}: {} years for {n_panel} cross-sections",
            years.len()
        )));
    }
    if years.is_empty() {
        return Err(Error::Degenerate(format!("{what}: no year given")));
    }
    let mut order: Vec<usize> = (0..years.len()).collect();
    order.sort_by_key(|&k| years[k]);
    if let Some(w) = order.windows(2).find(|w| years[w[0]] == years[w[1]]) {
        return Err(Error::Domain(format!("{what}: year {} appears twice", years[w[0]])));
    }
    Ok(order)
}
