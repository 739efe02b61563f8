//! Gaussian kernel density estimates by year on a common grid.

use super::sigma::year_order;
use crate::{Error, Result};

/// A density curve on a grid.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct KdeCurve {
    /// The year.
    pub year: i32,
    /// Bandwidth `h` used.
    pub bandwidth: f64,
    /// Density at each grid point.
    pub density: Vec<f64>,
    /// Number of units.
    pub n: usize,
}

/// Density curves of several years on one grid, sorted by year.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct KdeByYear {
    /// Grid points, ascending: from the smallest value less 3 h to the largest plus 3 h (h the
    /// largest bandwidth of the years).
    pub grid: Vec<f64>,
    /// One curve per year.
    pub curves: Vec<KdeCurve>,
}

/// The `p`-quantile of sorted values, linear interpolation (`numpy.quantile` default, Hyndman & Fan
/// type 7).
pub(crate) fn quantile_sorted(sorted: &[f64], p: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

/// Silverman's rule-of-thumb bandwidth for a Gaussian kernel.
///
/// ```text
/// h = 0.9 · min(s, IQR / 1.34) · n^(−1/5)      s: sd with divisor n − 1; IQR: linear quantiles
/// (if IQR = 0, h = 0.9 · s · n^(−1/5))
/// ```
///
/// Reference: Silverman, B. W. (1986), *Density Estimation for Statistics and Data Analysis*, eq.
/// (3.31); R `bw.nrd0`.
///
/// # Errors
/// [`Error::Degenerate`] for fewer than 2 values or values that do not vary; [`Error::Domain`] for a
/// NaN or infinite value.
///
/// # Example
/// ```
/// let h = govgap::dynamics::silverman_bandwidth(&[1.0, 2.0, 3.0, 4.0, 5.0]).unwrap();
/// // s = 1.5811…, IQR/1.34 = 1.4925…: h = 0.9 · 1.4925… · 5^(−0.2)
/// assert!((h - 0.9 * (2.0 / 1.34) * 5f64.powf(-0.2)).abs() < 1e-15);
/// ```
pub fn silverman_bandwidth(v: &[f64]) -> Result<f64> {
    if v.len() < 2 {
        return Err(Error::Degenerate(format!(
            "bandwidth needs at least two values, got {}",
            v.len()
        )));
    }
    if let Some(i) = v.iter().position(|x| !x.is_finite()) {
        return Err(Error::Domain(format!("bandwidth: value {i} is {}", v[i])));
    }
    let n = v.len() as f64;
    let mean = v.iter().sum::<f64>() / n;
    let sd = (v.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1.0)).sqrt();
    if sd == 0.0 {
        return Err(Error::Degenerate("bandwidth: every value is the same".into()));
    }
    let mut sorted = v.to_vec();
    sorted.sort_by(f64::total_cmp);
    let iqr = quantile_sorted(&sorted, 0.75) - quantile_sorted(&sorted, 0.25);
    let spread = if iqr > 0.0 { sd.min(iqr / 1.34) } else { sd };
    Ok(0.9 * spread * n.powf(-0.2))
}

/// Gaussian kernel density of `v` at `grid`, with bandwidth `h`.
fn density_at(v: &[f64], h: f64, grid: &[f64]) -> Vec<f64> {
    let norm = 1.0 / (v.len() as f64 * h * (2.0 * std::f64::consts::PI).sqrt());
    grid.iter()
        .map(|&x| {
            norm * v
                .iter()
                .map(|&xi| {
                    let u = (x - xi) / h;
                    (-0.5 * u * u).exp()
                })
                .sum::<f64>()
        })
        .collect()
}

/// Gaussian kernel density of each year's cross-section on a common grid of `n_points`.
///
/// ```text
/// f_t(x) = 1/(n h_t) Σ_i φ((x − y_it)/h_t),   φ the standard normal density,
/// h_t = silverman_bandwidth(y_·t),  grid: n_points evenly spaced over [min − 3 h_max, max + 3 h_max]
/// ```
///
/// Reference: Silverman (1986) §3.4; Quah (1996), "Twin peaks", *Economic Journal* 106 (distribution
/// dynamics of regional incomes). `panel[k]` holds the values in `years[k]`. Output sorted by year.
///
/// # Errors
/// [`Error::Settings`] for `n_points < 2`; [`Error::Domain`] for `years` and `panel` of different
/// lengths, a repeated year, or a non-finite value; [`Error::Degenerate`] for no year, or a year with
/// fewer than two values or no variation.
///
/// # Example
/// ```
/// let k = govgap::dynamics::kernel_density_by_year(&[2020], &[vec![1.0, 2.0, 3.0, 4.0, 5.0]], 201).unwrap();
/// let dx = k.grid[1] - k.grid[0];
/// let area: f64 = k.curves[0].density.iter().sum::<f64>() * dx;
/// assert!((area - 1.0).abs() < 1e-3);
/// ```
pub fn kernel_density_by_year<R: AsRef<[f64]>>(years: &[i32], panel: &[R], n_points: usize) -> Result<KdeByYear> {
    if n_points < 2 {
        return Err(Error::Settings(format!(
            "kernel density: the grid needs at least 2 points, got {n_points}"
        )));
    }
    let order = year_order("kernel density", years, panel.len())?;
    let mut bandwidths = Vec::with_capacity(order.len());
    let (mut lo, mut hi, mut h_max) = (f64::INFINITY, f64::NEG_INFINITY, 0.0f64);
    for &k in &order {
        let v = panel[k].as_ref();
        let h = silverman_bandwidth(v)?;
        for &x in v {
            lo = lo.min(x);
            hi = hi.max(x);
        }
        h_max = h_max.max(h);
        bandwidths.push(h);
    }
    let (start, end) = (lo - 3.0 * h_max, hi + 3.0 * h_max);
    let step = (end - start) / (n_points - 1) as f64;
    let grid: Vec<f64> = (0..n_points)
        .map(|j| {
            if j + 1 == n_points {
                end
            } else {
                start + step * j as f64
            }
        })
        .collect();
    let curves = order
        .iter()
        .zip(bandwidths)
        .map(|(&k, h)| {
            let v = panel[k].as_ref();
            KdeCurve {
                year: years[k],
                bandwidth: h,
                density: density_at(v, h, &grid),
                n: v.len(),
            }
        })
        .collect();
    Ok(KdeByYear { grid, curves })
}
