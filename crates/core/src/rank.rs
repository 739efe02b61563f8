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
    // an order-preserving integer key (IEEE total order, descending) sorts faster than a float
    // comparator; equal keys are equal values, which share a rank below, so the sort need not be
    // stable nor break ties
    let mut idx: Vec<(u64, usize, f64)> = scores
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.map(|v| (descending_key(v), i, v)))
        .collect();
    idx.sort_unstable_by_key(|&(key, _, _)| key);
    let idx: Vec<(usize, f64)> = idx.into_iter().map(|(_, i, v)| (i, v)).collect();
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

/// A key whose ascending order is the descending IEEE total order of `v`.
fn descending_key(v: f64) -> u64 {
    let bits = v.to_bits();
    // total-order transform: flip all bits of negatives, the sign bit of positives; then invert
    let ascending = if bits >> 63 == 1 { !bits } else { bits ^ (1 << 63) };
    !ascending
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
    use proptest::prelude::*;

    proptest! {
        /// rank_i = 1 + #{ j : s_j > s_i }, whatever the values (negatives, zeros of both signs,
        /// ties, missing).
        #[test]
        fn rank_is_one_plus_the_count_of_better_scores(
            v in proptest::collection::vec(proptest::option::of(prop_oneof![
                -3i32..3i32,
            ].prop_map(|x| if x == 0 { -0.0 } else { f64::from(x) / 2.0 })
                .boxed()
                .prop_union(any::<f64>().prop_filter("finite", |x| x.is_finite()).boxed())), 0..40)
        ) {
            let r = rank_desc(&v);
            for (i, s) in v.iter().enumerate() {
                let expected = s.map(|si| 1 + v.iter().flatten().filter(|&&sj| sj > si).count() as u32);
                prop_assert_eq!(r[i], expected);
            }
        }
    }
    #[test]
    fn ties_take_min() {
        let r = rank_desc(&[Some(1.0), Some(2.0), Some(2.0), Some(0.5)]);
        assert_eq!(r, vec![Some(3), Some(1), Some(1), Some(4)]);
        let mut out = vec![0; 4];
        rank_desc_into(&[1.0, 2.0, 2.0, 0.5], &mut Vec::new(), &mut out);
        assert_eq!(out, vec![3, 1, 1, 4]);
    }
}
