//! Percentile-rank normalisation (`COINr` `n_prank`, times 100); documented on
//! [`super::Normaliser::PercentileRank`].

use super::rank::tie_groups;
use crate::model::Direction;

/// `(r_min - 1) / (n - 1) * 100`, with `r_min` the rank of `direction * x` (ties at the minimum).
pub(super) fn apply(x: &[Option<f64>], direction: Direction) -> Vec<Option<f64>> {
    let mut out = vec![None; x.len()];
    let n = x.iter().flatten().count();
    if n < 2 {
        return out;
    }
    for (group, start, _) in tie_groups(x, direction) {
        // the minimum rank of the group is start + 1, so r_min - 1 = start
        let p = start as f64 / (n - 1) as f64 * 100.0;
        for row in group {
            out[row] = Some(p);
        }
    }
    out
}
