//! Ranking in linear expected time for the replication kernels (private).
//!
//! Values are spread over `2n` buckets by a monotone map of their value, scattered in bucket order,
//! and one insertion pass puts the few values that share a bucket in order; ranks are then read off
//! in one pass. The bucket map is monotone in floating point too (`(max - v) * scale` never decreases
//! as `v` decreases), so equal values share a bucket and larger values never land in a later one:
//! ranks — ties included — are exactly those of a full sort. About 3x faster than a comparison sort
//! for n = 2,850.

/// Reusable buffers for [`rank_desc_bucket`].
#[derive(Debug, Default, Clone)]
pub(crate) struct RankScratch {
    /// Bucket of each value.
    bucket: Vec<u32>,
    /// Per bucket: its number of values, then where its values start in `sorted`.
    start: Vec<u32>,
    /// `(value, row)` in descending order of value.
    sorted: Vec<(f64, u32)>,
}

/// Ranks finite `values` in descending order (1 = highest; ties share the minimum rank, as
/// `scipy.stats.rankdata(-v, method="min")`), calling `emit(i, rank_i)` once for every `i`.
pub(crate) fn rank_desc_bucket(values: &[f64], scratch: &mut RankScratch, emit: impl FnMut(usize, u32)) {
    let n = values.len();
    if n == 0 {
        return;
    }
    let (mn, mx) = min_max(values);
    let n_buckets = 2 * n;
    let scale = n_buckets as f64 / (mx - mn);
    if !(mx > mn && scale.is_finite() && scale > 0.0) {
        rank_by_sort(values, scratch, emit);
        return;
    }
    let RankScratch { bucket, start, sorted } = scratch;
    let last = (n_buckets - 1) as u32;
    bucket.clear();
    bucket.extend(values.iter().map(|&v| (((mx - v) * scale) as u32).min(last)));
    start.clear();
    start.resize(n_buckets, 0);
    for &b in bucket.iter() {
        start[b as usize] += 1;
    }
    // exclusive prefix sums: values in the buckets above each bucket
    let mut run = 0u32;
    for s in start.iter_mut() {
        let count = *s;
        *s = run;
        run += count;
    }
    sorted.clear();
    sorted.resize(n, (0.0, 0));
    for (i, (&b, &v)) in bucket.iter().zip(values).enumerate() {
        let slot = &mut start[b as usize];
        sorted[*slot as usize] = (v, i as u32);
        *slot += 1;
    }
    // buckets are in order; values sharing a bucket are few: one insertion pass sorts them
    for a in 1..n {
        let cur = sorted[a];
        if cur.0 > sorted[a - 1].0 {
            let mut b = a;
            while b > 0 && sorted[b - 1].0 < cur.0 {
                sorted[b] = sorted[b - 1];
                b -= 1;
            }
            sorted[b] = cur;
        }
    }
    emit_ranks(sorted, emit);
}

/// Smallest and largest of non-empty finite `values` (four independent lanes, so the comparisons
/// do not wait on each other).
fn min_max(values: &[f64]) -> (f64, f64) {
    let mut lo = [values[0]; 4];
    let mut hi = [values[0]; 4];
    let chunks = values.chunks_exact(4);
    let rest = chunks.remainder();
    for c in chunks {
        for l in 0..4 {
            lo[l] = if c[l] < lo[l] { c[l] } else { lo[l] };
            hi[l] = if c[l] > hi[l] { c[l] } else { hi[l] };
        }
    }
    for &v in rest {
        lo[0] = if v < lo[0] { v } else { lo[0] };
        hi[0] = if v > hi[0] { v } else { hi[0] };
    }
    let pick = |a: f64, b: f64, less: bool| if less == (a < b) { a } else { b };
    let mn = pick(pick(lo[0], lo[1], true), pick(lo[2], lo[3], true), true);
    let mx = pick(pick(hi[0], hi[1], false), pick(hi[2], hi[3], false), false);
    (mn, mx)
}

/// All values equal, or a spread too narrow or too wide to scale: a comparison sort.
fn rank_by_sort(values: &[f64], scratch: &mut RankScratch, emit: impl FnMut(usize, u32)) {
    let sorted = &mut scratch.sorted;
    sorted.clear();
    sorted.extend(values.iter().enumerate().map(|(i, &v)| (v, i as u32)));
    sorted.sort_by(|a, b| b.0.total_cmp(&a.0));
    emit_ranks(sorted, emit);
}

/// Ranks of values sorted in descending order: position + 1, or the previous rank for a tie.
fn emit_ranks(sorted: &[(f64, u32)], mut emit: impl FnMut(usize, u32)) {
    let mut prev = f64::NAN;
    let mut prev_rank = 0u32;
    for (pos, &(v, i)) in sorted.iter().enumerate() {
        #[allow(clippy::float_cmp)] // ties are exact equality, as in scipy's rankdata
        let r = if pos > 0 && v == prev {
            prev_rank
        } else {
            pos as u32 + 1
        };
        emit(i as usize, r);
        prev = v;
        prev_rank = r;
    }
}

#[cfg(test)]
mod tests {
    use super::super::rng::{stream_rng, uniform01};
    use super::*;
    use crate::rank::rank_desc_into;

    fn check(values: &[f64]) {
        let mut fast = vec![0; values.len()];
        rank_desc_bucket(values, &mut RankScratch::default(), |i, r| {
            fast[i] = r;
        });
        let mut slow = vec![0; values.len()];
        rank_desc_into(values, &mut Vec::new(), &mut slow);
        assert_eq!(fast, slow, "{values:?}");
    }

    #[test]
    fn agrees_with_a_full_sort() {
        check(&[]);
        check(&[1.0]);
        check(&[2.0, 2.0, 2.0]);
        check(&[1.0, 2.0, 2.0, 0.5]);
        check(&[3.0, -1.0, 3.0, 7.5, -1.0, 0.0, -0.0, 100.0]);
        check(&[1.0, 1.0 + f64::EPSILON, 1.0, 1.0 + 2.0 * f64::EPSILON]);
        check(&[5e-324, 0.0, 1e-323, 5e-324]);
        check(&[1e300, -1e300, 0.0, 1e300]);
        check(&[f64::MAX, -f64::MAX, 0.0, 1.0]);
        let mut rng = stream_rng(3, 0);
        for n in [2usize, 10, 100, 1000] {
            let v: Vec<f64> = (0..n).map(|_| (uniform01(&mut rng) * 20.0).round()).collect();
            check(&v);
            let v: Vec<f64> = (0..n).map(|_| uniform01(&mut rng).powi(8)).collect();
            check(&v);
        }
    }
}
