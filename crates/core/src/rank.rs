//! Ranks: 1 = best (highest score), ties take the minimum rank (R's `ties.method = "min"`).

/// Ranks of `scores` in descending order, 1 = highest; ties share the minimum rank; missing scores
/// get no rank.
///
/// ```text
/// rank_i = 1 + #{ j : s_j > s_i }
/// ```
///
/// # Example
/// ```
/// let r = govgap::rank::rank_desc(&[Some(3.0), None, Some(5.0), Some(3.0)]);
/// assert_eq!(r, vec![Some(2), None, Some(1), Some(2)]);
/// ```
#[must_use]
pub fn rank_desc(scores: &[Option<f64>]) -> Vec<Option<u32>> {
    let mut idx: Vec<(usize, f64)> = scores
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.map(|v| (i, v)))
        .collect();
    idx.sort_by(|a, b| b.1.total_cmp(&a.1));
    let mut out = vec![None; scores.len()];
    let mut prev = f64::NAN;
    let mut prev_rank = 0u32;
    for (pos, &(i, v)) in idx.iter().enumerate() {
        let r = if pos > 0 && v == prev {
            prev_rank
        } else {
            pos as u32 + 1
        };
        out[i] = Some(r);
        prev = v;
        prev_rank = r;
    }
    out
}

/// Dense-slice variant for hot loops: ranks `scores` (all present) into `out`, reusing `scratch`.
pub fn rank_desc_into(scores: &[f64], scratch: &mut Vec<u32>, out: &mut [u32]) {
    scratch.clear();
    scratch.extend(0..scores.len() as u32);
    scratch.sort_unstable_by(|&a, &b| scores[b as usize].total_cmp(&scores[a as usize]));
    let mut prev_rank = 0u32;
    for (pos, &i) in scratch.iter().enumerate() {
        let v = scores[i as usize];
        let r = if pos > 0 && v == scores[scratch[pos - 1] as usize] {
            prev_rank
        } else {
            pos as u32 + 1
        };
        out[i as usize] = r;
        prev_rank = r;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn ties_take_min() {
        let r = rank_desc(&[Some(1.0), Some(2.0), Some(2.0), Some(0.5)]);
        assert_eq!(r, vec![Some(3), Some(1), Some(1), Some(4)]);
        let mut out = vec![0; 4];
        rank_desc_into(&[1.0, 2.0, 2.0, 0.5], &mut Vec::new(), &mut out);
        assert_eq!(out, vec![3, 1, 1, 4]);
    }
}
