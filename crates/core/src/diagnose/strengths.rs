//! Strengths and weaknesses of a unit from its per-indicator ranks.

use crate::{Error, Result};

/// An indicator and the unit's rank on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct IndicatorRank {
    /// Indicator index.
    pub indicator: usize,
    /// The unit's rank on it, 1 = best.
    pub rank: usize,
}

/// A unit's best and worst indicators.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct StrengthsWeaknesses {
    /// The `k` best-ranked indicators, best first (ties by indicator index).
    pub strengths: Vec<IndicatorRank>,
    /// The `k` worst-ranked indicators, worst first (ties by indicator index).
    pub weaknesses: Vec<IndicatorRank>,
}

/// Per-indicator ranks of every unit, 1 = best (highest value), ties take the smallest rank.
///
/// ```text
/// rank_ij = 1 + #{ u : x_uj > x_ij }
/// ```
///
/// `values[i][j]` is unit `i` on indicator `j`, oriented so that higher is better (e.g. normalised).
/// Returns `ranks[i][j]`. Reference: competition ranking, as [`crate::rank::rank_desc`] and R
/// `rank(-x, ties.method = "min")`.
///
/// # Errors
/// [`Error::Degenerate`] for no unit; [`Error::Domain`] for rows of different lengths or a value
/// that is not finite.
///
/// # Example
/// ```
/// let r = govgap::diagnose::indicator_ranks(&[vec![0.9, 0.1], vec![0.5, 0.7], vec![0.9, 0.3]]).unwrap();
/// assert_eq!(r, vec![vec![1, 3], vec![3, 1], vec![1, 2]]);
/// ```
pub fn indicator_ranks<R: AsRef<[f64]>>(values: &[R]) -> Result<Vec<Vec<usize>>> {
    let Some(first) = values.first() else {
        return Err(Error::Degenerate("indicator ranks: no unit".into()));
    };
    let m = first.as_ref().len();
    for (i, row) in values.iter().enumerate() {
        let row = row.as_ref();
        if row.len() != m {
            return Err(Error::Domain(format!(
                "indicator ranks: unit {i} has {} values, unit 0 has {m}",
                row.len()
            )));
        }
        if let Some(j) = row.iter().position(|x| !x.is_finite()) {
            return Err(Error::Domain(format!(
                "indicator ranks: unit {i}, indicator {j} is {}",
                row[j]
            )));
        }
    }
    let columns: Vec<Vec<usize>> = (0..m)
        .map(|j| {
            let col: Vec<Option<f64>> = values.iter().map(|r| Some(r.as_ref()[j])).collect();
            crate::rank::rank_desc(&col)
                .into_iter()
                .map(|r| r.map_or(0, |r| r as usize))
                .collect()
        })
        .collect();
    let ranks = (0..values.len())
        .map(|i| columns.iter().map(|c| c[i]).collect())
        .collect();
    Ok(ranks)
}

/// The `k` best and `k` worst indicators of one unit, from its ranks.
///
/// ```text
/// strengths  = the k indicators with the smallest rank_j   (ties: lower indicator index first)
/// weaknesses = the k indicators with the largest rank_j    (ties: lower indicator index first)
/// ```
///
/// `ranks[j]` is the unit's rank on indicator `j` (1 = best), e.g. a row of [`indicator_ranks`]. With
/// fewer than `2k` indicators the two lists overlap; with fewer than `k` each holds them all.
/// Reference: the strengths-and-weaknesses profile of composite-indicator reports (JRC/OECD
/// *Handbook on Constructing Composite Indicators*, 2008, the "back to the data" step).
///
/// # Errors
/// [`Error::Domain`] for a rank of 0 (ranks start at 1).
///
/// # Example
/// ```
/// let s = govgap::diagnose::strengths_weaknesses(&[3, 1, 13, 7, 1], 2).unwrap();
/// assert_eq!(s.strengths.iter().map(|r| r.indicator).collect::<Vec<_>>(), vec![1, 4]);
/// assert_eq!(s.weaknesses.iter().map(|r| r.indicator).collect::<Vec<_>>(), vec![2, 3]);
/// ```
pub fn strengths_weaknesses(ranks: &[usize], k: usize) -> Result<StrengthsWeaknesses> {
    if let Some(j) = ranks.iter().position(|&r| r == 0) {
        return Err(Error::Domain(format!(
            "strengths and weaknesses: indicator {j} has rank 0; ranks start at 1"
        )));
    }
    let mut list: Vec<IndicatorRank> = ranks
        .iter()
        .enumerate()
        .map(|(indicator, &rank)| IndicatorRank { indicator, rank })
        .collect();
    list.sort_by(|a, b| a.rank.cmp(&b.rank).then(a.indicator.cmp(&b.indicator)));
    let strengths = list.iter().take(k).copied().collect();
    list.sort_by(|a, b| b.rank.cmp(&a.rank).then(a.indicator.cmp(&b.indicator)));
    let weaknesses = list.iter().take(k).copied().collect();
    Ok(StrengthsWeaknesses { strengths, weaknesses })
}
