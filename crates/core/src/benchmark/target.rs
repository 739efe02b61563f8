/// What it takes to reach a target level.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TargetPlan {
    /// Annual growth rate needed (0.05 = 5 % a year), `None` if already reached.
    pub required_growth: Option<f64>,
    /// The unit's own trend growth, if it has several years.
    pub trend_growth: Option<f64>,
    /// Years to close the gap at the own trend; `None` if the trend does not close it.
    pub years_to_close: Option<f64>,
}

/// The constant annual growth rate that takes `current` (in `from_year`) to `target` by `by_year`.
///
/// ```text
/// g = (target / current)^(1 / (by_year - from_year)) - 1
/// ```
///
/// Returns `None` when the target is already reached, when `by_year <= from_year`, or when the values
/// are not positive (growth rates need positive levels).
///
/// # Example
/// ```
/// let g = govgap::benchmark::required_growth(50.0, 100.0, 2020, 2030).unwrap();
/// assert!((g - 0.071_773_462_536_293_13).abs() < 1e-12);
/// ```
#[must_use]
pub fn required_growth(current: f64, target: f64, from_year: i32, by_year: i32) -> Option<f64> {
    if current <= 0.0 || target <= 0.0 || by_year <= from_year || current >= target {
        return None;
    }
    Some((target / current).powf(1.0 / f64::from(by_year - from_year)) - 1.0)
}

/// Trend growth of a series `(year, value)`: the slope of the least-squares line of ln(value) on year,
/// as an annual rate `exp(b) - 1`. Needs at least two distinct years and positive values.
///
/// ```text
/// ln v_t = a + b t + e_t,   g = exp(b) - 1
/// ```
///
/// # Example
/// ```
/// let g = govgap::benchmark::trend_growth(&[(2015, 100.0), (2016, 110.0), (2017, 121.0)]).unwrap();
/// assert!((g - 0.1).abs() < 1e-12);
/// ```
#[must_use]
pub fn trend_growth(series: &[(i32, f64)]) -> Option<f64> {
    let pts: Vec<(f64, f64)> = series
        .iter()
        .filter(|(_, v)| *v > 0.0)
        .map(|&(t, v)| (f64::from(t), v.ln()))
        .collect();
    if pts.len() < 2 {
        return None;
    }
    let n = pts.len() as f64;
    let mt = pts.iter().map(|p| p.0).sum::<f64>() / n;
    let mv = pts.iter().map(|p| p.1).sum::<f64>() / n;
    let sxx: f64 = pts.iter().map(|p| (p.0 - mt).powi(2)).sum();
    if sxx == 0.0 {
        return None;
    }
    let sxy: f64 = pts.iter().map(|p| (p.0 - mt) * (p.1 - mv)).sum();
    Some((sxy / sxx).exp() - 1.0)
}

/// Years to go from `current` to `target` at a constant annual growth `g`.
///
/// ```text
/// years = ln(target / current) / ln(1 + g)
/// ```
///
/// `Some(0.0)` if already reached; `None` if `g <= 0` (the trend never closes the gap) or the values
/// are not positive.
///
/// # Example
/// ```
/// let y = govgap::benchmark::years_to_close(100.0, 121.0, 0.1).unwrap();
/// assert!((y - 2.0).abs() < 1e-12);
/// ```
#[must_use]
pub fn years_to_close(current: f64, target: f64, g: f64) -> Option<f64> {
    if current <= 0.0 || target <= 0.0 {
        return None;
    }
    if current >= target {
        return Some(0.0);
    }
    if g <= 0.0 {
        return None;
    }
    Some((target / current).ln() / g.ln_1p())
}
