//! A fast batch of the common inequality measures over one series: the benchmark's hot path.

use crate::{Error, Result};

/// The common inequality measures of one series, computed together.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct IneqSummary {
    /// Number of units.
    pub n: usize,
    /// Arithmetic mean.
    pub mean: f64,
    /// Gini coefficient (as [`crate::gap::gini`], unweighted).
    pub gini: f64,
    /// Theil T (as [`crate::gap::theil_t`], unweighted).
    pub theil: f64,
    /// Between-group Theil T (`PySAL` `TheilD(y, groups).bg`).
    pub theil_between: f64,
    /// Within-group Theil T, `theil − theil_between` (`PySAL` `TheilD(y, groups).wg`).
    pub theil_within: f64,
    /// Coefficient of variation with divisor `n`.
    pub cv_pop: f64,
    /// Coefficient of variation with divisor `n − 1`.
    pub cv_sample: f64,
    /// Number of zero values (they enter the Gini as values and Theil T as `0·ln 0 = 0`).
    pub n_zero: usize,
}

/// Gini, Theil T with its between/within split, and both coefficients of variation in two passes and
/// one sort (`O(n log n)`), unweighted.
///
/// ```text
/// μ = Σy/n;  G = (Σ_i 2 i y_(i) − (n + 1) Σy) / (n Σy)   (sorted ascending, `PySAL` `Gini(y).g`)
/// s_i = y_i / Σy;  T = Σ_i s_i ln(n s_i)                 (`PySAL` `Theil(y).T`; 0·ln 0 = 0)
/// S_g = Σ_{i∈g} y_i / Σy;  T_between = Σ_g S_g ln((n/n_g) S_g),  T_within = T − T_between
/// CV_pop = sqrt(Σ(y − μ)²/n)/μ,  CV_sample = sqrt(Σ(y − μ)²/(n − 1))/μ
/// ```
///
/// `groups[i]` is the group of unit `i`, in `0..n_groups`; empty groups are skipped. References:
/// `PySAL` `inequality.gini.Gini`, `inequality.theil.Theil`, `inequality.theil.TheilD` (equal to
/// rounding). Zero policy: zeros are valid values (counted in `n_zero`); negative values are an error.
///
/// # Errors
/// [`Error::Degenerate`] for fewer than two units or an all-zero vector; [`Error::Domain`] for NaN,
/// infinite or negative values, a label count different from the value count, or a label
/// `≥ n_groups`.
///
/// # Example
/// ```
/// let s = govgap::gap::ineq_summary(&[1.0, 1.0, 3.0, 3.0], &[0, 0, 1, 1], 2).unwrap();
/// assert_eq!((s.n, s.mean, s.gini), (4, 2.0, 0.25));
/// assert!((s.theil_between - s.theil).abs() < 1e-15 && s.theil_within.abs() < 1e-15);
/// assert!((s.cv_pop - 0.5).abs() < 1e-15);
/// ```
pub fn ineq_summary(v: &[f64], groups: &[usize], n_groups: usize) -> Result<IneqSummary> {
    let n = v.len();
    if n < 2 {
        return Err(Error::Degenerate(format!(
            "inequality summary needs at least two units, got {n}"
        )));
    }
    if groups.len() != n {
        return Err(Error::Domain(format!(
            "inequality summary: {} group labels for {n} values; pass one label per unit",
            groups.len()
        )));
    }
    // pass 1: checks, totals, group totals, zeros; sort keys (non-negative floats order as their bits)
    let mut total = 0.0;
    let mut n_zero = 0usize;
    let mut g_sum = vec![0.0; n_groups];
    let mut g_n = vec![0usize; n_groups];
    let mut keys: Vec<u64> = Vec::with_capacity(n);
    for (i, (&y, &g)) in v.iter().zip(groups).enumerate() {
        if !y.is_finite() || y < 0.0 {
            return Err(Error::Domain(format!(
                "inequality summary: value {i} is {y}; values must be finite and non-negative"
            )));
        }
        if g >= n_groups {
            return Err(Error::Domain(format!(
                "inequality summary: unit {i} has group {g}, but there are {n_groups} groups"
            )));
        }
        total += y;
        g_sum[g] += y;
        g_n[g] += 1;
        if y == 0.0 {
            n_zero += 1;
        }
        keys.push((y + 0.0).to_bits()); // + 0.0 turns −0.0 into +0.0
    }
    if total <= 0.0 {
        return Err(Error::Degenerate(
            "inequality summary: every value is zero, so relative inequality is undefined".into(),
        ));
    }
    let nf = n as f64;
    let mean = total / nf;
    // pass 2: Theil terms and squared deviations
    let mut theil = 0.0;
    let mut ss = 0.0;
    for &y in v {
        if y > 0.0 {
            let share = y / total;
            theil += share * (nf * share).ln();
        }
        ss += (y - mean) * (y - mean);
    }
    let mut theil_between = 0.0;
    for (&sum, &count) in g_sum.iter().zip(&g_n) {
        if count > 0 && sum > 0.0 {
            let share = sum / total;
            theil_between += share * (nf / count as f64 * share).ln();
        }
    }
    keys.sort_unstable();
    let r_x: f64 = keys
        .iter()
        .enumerate()
        .map(|(i, &b)| 2.0 * (i as f64 + 1.0) * f64::from_bits(b))
        .sum();
    let n_x_sum = nf * total;
    let gini = (r_x - n_x_sum - total) / n_x_sum;
    Ok(IneqSummary {
        n,
        mean,
        gini,
        theil,
        theil_between,
        theil_within: theil - theil_between,
        cv_pop: (ss / nf).sqrt() / mean,
        cv_sample: (ss / (nf - 1.0)).sqrt() / mean,
        n_zero,
    })
}
