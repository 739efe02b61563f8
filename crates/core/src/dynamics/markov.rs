//! Markov transition matrix of quantile classes (distribution dynamics).

use super::kde::quantile_sorted;
use crate::{Error, Result};

/// A Markov chain of quantile classes estimated from a panel.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MarkovChain {
    /// Number of classes `k` (class 0 lowest).
    pub k: usize,
    /// The `k − 1` cut points (pooled quantiles `j/k`); a value equal to a cut point falls in the
    /// lower class.
    pub cutoffs: Vec<f64>,
    /// Class of each unit in each year, `classes[t][i]`, in the panel's order.
    pub classes: Vec<Vec<usize>>,
    /// Transition counts `n_ab` from class `a` in year `t` to class `b` in year `t + 1`.
    pub counts: Vec<Vec<u64>>,
    /// Row probabilities `p_ab = n_ab / Σ_b n_ab` (a row with no transitions stays all zero).
    pub probabilities: Vec<Vec<f64>>,
    /// Classes with no transition out of them (their rows are zero).
    pub empty_rows: Vec<usize>,
    /// Ergodic (steady-state) distribution `π = π P`, `Σ π = 1`; `None` when a row is empty or the
    /// chain has no unique stationary distribution.
    pub ergodic: Option<Vec<f64>>,
    /// Share of units in each class in the first year.
    pub initial: Vec<f64>,
    /// Number of transitions counted, `units × (years − 1)`.
    pub n_transitions: u64,
}

/// Markov transition matrix of `k` quantile classes pooled over all years.
///
/// ```text
/// cut points c_j = Q(j/k) of all values pooled, j = 1..k−1 (linear quantiles, numpy's default)
/// class(y) = #{ j : c_j < y }                 (mapclassify / numpy searchsorted, side "left")
/// n_ab = #{ (i, t) : class(y_it) = a, class(y_i,t+1) = b },   p_ab = n_ab / Σ_b n_ab
/// ergodic π: π (P − I) = 0, Σ_a π_a = 1 (solved by Gaussian elimination with partial pivoting)
/// ```
///
/// Reference: Quah, D. (1993), "Empirical cross-section dynamics in economic growth", *European
/// Economic Review* 37; Rey, S. J. (2001), *Geographical Analysis* 33 (spatial Markov); `PySAL` giddy
/// `Markov(classes)` (`transitions`, `p`, `steady_state`). `panel[t]` holds the same units in the
/// same order in consecutive years.
///
/// # Errors
/// [`Error::Settings`] for `k < 2`; [`Error::Domain`] for years of different lengths or a non-finite
/// value; [`Error::Degenerate`] for fewer than two years or no unit.
///
/// # Example
/// ```
/// let m = govgap::dynamics::markov_quantile(&[vec![1.0, 2.0, 3.0, 4.0], vec![2.0, 1.0, 4.0, 3.0]], 2).unwrap();
/// assert_eq!(m.counts, vec![vec![2, 0], vec![0, 2]]); // nobody changes half
/// assert_eq!(m.ergodic, None);                         // two closed classes: no unique steady state
/// ```
pub fn markov_quantile<R: AsRef<[f64]>>(panel: &[R], k: usize) -> Result<MarkovChain> {
    if k < 2 {
        return Err(Error::Settings(format!(
            "Markov chain: need at least 2 classes, got {k}"
        )));
    }
    if panel.len() < 2 {
        return Err(Error::Degenerate(format!(
            "Markov chain: need at least two years, got {}",
            panel.len()
        )));
    }
    let n = panel[0].as_ref().len();
    if n == 0 {
        return Err(Error::Degenerate("Markov chain: no unit".into()));
    }
    let mut pooled = Vec::with_capacity(n * panel.len());
    for (t, row) in panel.iter().enumerate() {
        let row = row.as_ref();
        if row.len() != n {
            return Err(Error::Domain(format!(
                "Markov chain: year {t} has {} units, year 0 has {n}; use a balanced panel",
                row.len()
            )));
        }
        if let Some(i) = row.iter().position(|x| !x.is_finite()) {
            return Err(Error::Domain(format!("Markov chain: year {t}, unit {i} is {}", row[i])));
        }
        pooled.extend_from_slice(row);
    }
    pooled.sort_by(f64::total_cmp);
    let cutoffs: Vec<f64> = (1..k).map(|j| quantile_sorted(&pooled, j as f64 / k as f64)).collect();
    let classes: Vec<Vec<usize>> = panel
        .iter()
        .map(|row| {
            row.as_ref()
                .iter()
                .map(|&y| cutoffs.partition_point(|&c| c < y))
                .collect()
        })
        .collect();
    let mut counts = vec![vec![0u64; k]; k];
    for w in classes.windows(2) {
        for (&a, &b) in w[0].iter().zip(&w[1]) {
            counts[a][b] += 1;
        }
    }
    let mut empty_rows = Vec::new();
    let probabilities: Vec<Vec<f64>> = counts
        .iter()
        .enumerate()
        .map(|(a, row)| {
            let total: u64 = row.iter().sum();
            if total == 0 {
                empty_rows.push(a);
                vec![0.0; k]
            } else {
                row.iter().map(|&c| c as f64 / total as f64).collect()
            }
        })
        .collect();
    let ergodic = if empty_rows.is_empty() {
        stationary(&probabilities)
    } else {
        None
    };
    let mut initial = vec![0.0; k];
    for &c in &classes[0] {
        initial[c] += 1.0 / n as f64;
    }
    Ok(MarkovChain {
        k,
        cutoffs,
        classes,
        counts,
        probabilities,
        empty_rows,
        ergodic,
        initial,
        n_transitions: (n * (panel.len() - 1)) as u64,
    })
}

/// The unique stationary distribution of a row-stochastic matrix, if there is one.
pub(crate) fn stationary(p: &[Vec<f64>]) -> Option<Vec<f64>> {
    let k = p.len();
    // rows: equations Σ_a π_a (p_ab − δ_ab) = 0 for b < k − 1, and Σ_a π_a = 1
    let mut m: Vec<Vec<f64>> = (0..k)
        .map(|b| {
            let mut row: Vec<f64> = if b + 1 == k {
                vec![1.0; k]
            } else {
                (0..k).map(|a| p[a][b] - if a == b { 1.0 } else { 0.0 }).collect()
            };
            row.push(if b + 1 == k { 1.0 } else { 0.0 });
            row
        })
        .collect();
    for col in 0..k {
        let piv = (col..k).max_by(|&a, &b| m[a][col].abs().total_cmp(&m[b][col].abs()))?;
        if m[piv][col].abs() < 1e-12 {
            return None;
        }
        m.swap(col, piv);
        let pivot_row = m[col].clone();
        for (r, row) in m.iter_mut().enumerate() {
            if r != col {
                let f = row[col] / pivot_row[col];
                if f != 0.0 {
                    for (a, b) in row[col..].iter_mut().zip(&pivot_row[col..]) {
                        *a -= f * b;
                    }
                }
            }
        }
    }
    let pi: Vec<f64> = (0..k).map(|a| m[a][k] / m[a][a]).collect();
    // a reducible chain with one closed class is fine; negative mass means no valid solution
    if pi.iter().any(|&x| x < -1e-12) {
        return None;
    }
    Some(pi.into_iter().map(|x| x.max(0.0)).collect())
}
