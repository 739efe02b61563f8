//! Gap to the leader on each dimension.

use crate::{Error, Result};

/// A unit's distance to the best unit on one dimension.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LeaderGap {
    /// Dimension index.
    pub dimension: usize,
    /// Index of the leader (the first unit with the maximum).
    pub leader: usize,
    /// The leader's score.
    pub leader_score: f64,
    /// The unit's score.
    pub score: f64,
    /// `leader_score − score` (≥ 0; 0 for the leader).
    pub gap: f64,
    /// `gap / leader_score × 100`; `None` when the leader's score is not positive.
    pub gap_pct_of_leader: Option<f64>,
}

/// Gap of every unit to the leader on every dimension.
///
/// ```text
/// gap_id = max_u s_ud − s_id,      gap%_id = gap_id / max_u s_ud × 100
/// ```
///
/// `scores[i][d]` is unit `i`'s score on dimension `d` (higher is better). Returns `gaps[i][d]`.
/// Reference: distance-to-frontier benchmarking, as in the World Bank *Doing Business*
/// distance-to-frontier score.
///
/// # Errors
/// [`Error::Degenerate`] for no unit; [`Error::Domain`] for rows of different lengths or a score that
/// is not finite.
///
/// # Example
/// ```
/// let g = govgap::diagnose::gap_to_leader(&[vec![80.0, 40.0], vec![60.0, 50.0]]).unwrap();
/// assert_eq!((g[1][0].gap, g[1][0].leader), (20.0, 0));
/// assert_eq!(g[1][1].gap, 0.0);
/// assert_eq!(g[1][0].gap_pct_of_leader, Some(25.0));
/// ```
pub fn gap_to_leader<R: AsRef<[f64]>>(scores: &[R]) -> Result<Vec<Vec<LeaderGap>>> {
    let Some(first) = scores.first() else {
        return Err(Error::Degenerate("gap to leader: no unit".into()));
    };
    let m = first.as_ref().len();
    for (i, row) in scores.iter().enumerate() {
        let row = row.as_ref();
        if row.len() != m {
            return Err(Error::Domain(format!(
                "gap to leader: unit {i} has {} scores, unit 0 has {m}",
                row.len()
            )));
        }
        if let Some(d) = row.iter().position(|x| !x.is_finite()) {
            return Err(Error::Domain(format!(
                "gap to leader: unit {i}, dimension {d} is {}",
                row[d]
            )));
        }
    }
    let leaders: Vec<usize> = (0..m)
        .map(|d| {
            let mut best = 0;
            for (i, row) in scores.iter().enumerate() {
                if row.as_ref()[d] > scores[best].as_ref()[d] {
                    best = i;
                }
            }
            best
        })
        .collect();
    Ok(scores
        .iter()
        .map(|row| {
            let row = row.as_ref();
            (0..m)
                .map(|d| {
                    let leader_score = scores[leaders[d]].as_ref()[d];
                    let gap = leader_score - row[d];
                    LeaderGap {
                        dimension: d,
                        leader: leaders[d],
                        leader_score,
                        score: row[d],
                        gap,
                        gap_pct_of_leader: (leader_score > 0.0).then(|| gap / leader_score * 100.0),
                    }
                })
                .collect()
        })
        .collect())
}
