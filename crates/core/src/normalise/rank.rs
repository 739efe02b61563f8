//! Rank normalisation (R `rank(ties.method = "average")`); documented on [`super::Normaliser::Rank`].

use crate::model::Direction;

/// Ranks of the present values of `direction * x`, 1 = lowest, ties averaged.
pub(super) fn apply(x: &[Option<f64>], direction: Direction) -> Vec<Option<f64>> {
    let mut out = vec![None; x.len()];
    for (group, start, end) in tie_groups(x, direction) {
        // positions start..end (0-based) share ranks start+1 ..= end; their mean is (start + 1 + end) / 2
        let r = (start + 1 + end) as f64 / 2.0;
        for row in group {
            out[row] = Some(r);
        }
    }
    out
}

/// Present rows sorted by `direction * x` and cut into groups of equal values: each group with its
/// 0-based start and one-past-the-end position in the sorted order.
pub(super) fn tie_groups(x: &[Option<f64>], direction: Direction) -> Vec<(Vec<usize>, usize, usize)> {
    let s = direction.sign();
    let mut rows: Vec<(f64, usize)> = x
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.map(|v| (s * v, i)))
        .collect();
    rows.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut groups = Vec::new();
    let mut start = 0;
    while start < rows.len() {
        let mut end = start + 1;
        // IEEE `<=` (equality, as the rows are sorted) rather than the total order, so -0.0 and 0.0 tie
        while end < rows.len() && rows[end].0 <= rows[start].0 {
            end += 1;
        }
        groups.push((rows[start..end].iter().map(|&(_, i)| i).collect(), start, end));
        start = end;
    }
    groups
}
