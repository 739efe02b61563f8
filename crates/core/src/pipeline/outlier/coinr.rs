//! `COINr`'s data treatment: skew/kurtosis check, one-point-at-a-time winsorisation, `log_CT` fallback.

use super::Treatment;
use crate::stats::{kurtosis, present, skew};

/// Thresholds of the check.
pub(super) struct Thresholds {
    /// Absolute skewness threshold.
    pub skew: f64,
    /// Kurtosis threshold.
    pub kurtosis: f64,
}

/// Skewness and kurtosis of the present values.
fn moments(x: &[Option<f64>]) -> (Option<f64>, Option<f64>) {
    let v = present(x);
    (skew(&v), kurtosis(&v))
}

/// `COINr`'s `check_SkewKurt` with R's three-valued logic: `|skew| < t_skew OR kurt < t_kurt`, where an
/// undefined statistic is `NA` (`TRUE | NA` is `TRUE`, `FALSE | NA` is `NA`).
fn check(s: Option<f64>, k: Option<f64>, t: &Thresholds) -> Option<bool> {
    match (s.map(|s| s.abs() < t.skew), k.map(|k| k < t.kurtosis)) {
        (Some(true), _) | (_, Some(true)) => Some(true),
        (Some(false), Some(false)) => Some(false),
        _ => None,
    }
}

/// Outcome of the winsorisation loop.
struct Winsorised {
    values: Vec<Option<f64>>,
    high: Vec<usize>,
    low: Vec<usize>,
    points: usize,
    passes: Option<bool>,
}

/// `COINr`'s `winsorise()`: while the check fails and fewer than `max_points` points were moved, move
/// every point at the extreme on the side of the skew to the next value inwards.
#[allow(
    clippy::float_cmp,
    reason = "exact ties select the points, as R's which(x == max(x)) does"
)]
fn winsorise(x: &[Option<f64>], t: &Thresholds, max_points: usize) -> Winsorised {
    let mut values = x.to_vec();
    let (mut high, mut low) = (Vec::new(), Vec::new());
    let mut points = 0;
    let (s, k) = moments(&values);
    let mut passes = check(s, k, t);
    while passes == Some(false) && points < max_points {
        let v = present(&values);
        let Some(s) = skew(&v) else { break };
        let upper = s >= 0.0;
        let extreme = if upper {
            v.iter().copied().fold(f64::NEG_INFINITY, f64::max)
        } else {
            v.iter().copied().fold(f64::INFINITY, f64::min)
        };
        let rest = v.iter().copied().filter(|&a| a != extreme);
        let next = if upper {
            rest.reduce(f64::max)
        } else {
            rest.reduce(f64::min)
        };
        let Some(next) = next else { break };
        let idx: Vec<usize> = (0..values.len()).filter(|&r| values[r] == Some(extreme)).collect();
        for &r in &idx {
            values[r] = Some(next);
        }
        if upper {
            high = idx;
        } else {
            low = idx;
        }
        points = high.len() + low.len();
        let (s, k) = moments(&values);
        passes = check(s, k, t);
    }
    Winsorised {
        values,
        high,
        low,
        points,
        passes,
    }
}

/// `COINr`'s `log_CT`: `ln(x - min + 0.01 (max - min))`; `None` for a constant or empty column.
fn log_ct(x: &[Option<f64>]) -> Option<Vec<Option<f64>>> {
    let v = present(x);
    let lo = v.iter().copied().reduce(f64::min)?;
    let hi = v.iter().copied().reduce(f64::max)?;
    let a = 0.01 * (hi - lo);
    (a > 0.0).then(|| x.iter().map(|c| c.map(|c| (c - lo + a).ln())).collect())
}

/// `COINr`'s two-stage treatment of one column (see [`super::OutlierRule::apply`]).
pub(super) fn treat(x: &[Option<f64>], t: &Thresholds, max_points: usize) -> (Vec<Option<f64>>, Treatment) {
    let (s0, k0) = moments(x);
    let before = check(s0, k0, t);
    let untreated = |passes| Treatment {
        method: "none".into(),
        skew: (s0, s0),
        kurtosis: (k0, k0),
        passes,
        ..Treatment::default()
    };
    if before != Some(false) {
        return (x.to_vec(), untreated(before));
    }
    let w = winsorise(x, t, max_points);
    if w.passes == Some(true) {
        let (s1, k1) = moments(&w.values);
        let mut rows: Vec<usize> = w.high.iter().chain(&w.low).copied().collect();
        rows.sort_unstable();
        rows.dedup();
        let tr = Treatment {
            method: "winsorised".into(),
            winsorised_rows: rows,
            skew: (s0, s1),
            kurtosis: (k0, k1),
            points_tried: w.points,
            passes: Some(true),
        };
        return (w.values, tr);
    }
    match log_ct(x) {
        Some(y) => {
            let (s1, k1) = moments(&y);
            let tr = Treatment {
                method: "log".into(),
                winsorised_rows: Vec::new(),
                skew: (s0, s1),
                kurtosis: (k0, k1),
                points_tried: w.points,
                passes: check(s1, k1, t),
            };
            (y, tr)
        }
        None => (x.to_vec(), untreated(before)),
    }
}
