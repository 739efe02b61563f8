//! Weighted geometric mean (`COINr` `a_gmean`); documented on [`super::Aggregator::Geometric`].

use super::non_positive::prepare;
use super::{Aggregated, NonPositivePolicy, Share, check_finite, in_row_blocks, weighted_rows, weighted_rows_dense};
use crate::Result;
use crate::model::{Cells, Scores};

/// `exp(sum w ln z / sum w)` over each row's present children, after the non-positive policy.
pub(super) fn apply(
    children: &[&[Option<f64>]],
    weights: &[f64],
    rows: usize,
    share: Share,
    policy: NonPositivePolicy,
) -> Result<Aggregated> {
    if policy == NonPositivePolicy::Error {
        // one pass: values are checked (finite, > 0) as they are summed; only if one fails are the
        // columns searched for it, to name it
        let (scores, invalid) = positive_dense(children, weights, rows, share);
        if invalid {
            check_finite(children)?;
            prepare(children, rows, policy, "geometric mean")?;
            return Err(crate::Error::Domain(
                "the geometric mean met a value that is not finite and positive".into(),
            ));
        }
        return Ok(Aggregated {
            scores: scores.to_options(),
            excluded: 0,
        });
    }
    let prep = prepare(children, rows, policy, "geometric mean")?;
    let c = prep.shift;
    let cols = prep.columns(children);
    let scores = weighted_rows(
        &cols,
        weights,
        rows,
        share,
        f64::is_finite,
        |z, w| (z + c).ln() * w,
        |num, den| (num / den).exp() - c,
    )
    .0;
    Ok(Aggregated {
        scores,
        excluded: prep.excluded,
    })
}

/// The geometric mean of values that must all be positive (the `error` policy), on any kind of
/// cells, into a dense column; and whether a present value was not finite and positive (the scores
/// are then not to be used).
pub(super) fn positive_dense<C: Cells + ?Sized>(
    children: &[&C],
    weights: &[f64],
    rows: usize,
    share: Share,
) -> (Scores, bool) {
    #[allow(clippy::float_cmp)] // equal weights: exactly equal, as given
    if weights
        .first()
        .is_some_and(|&w0| w0 > 0.0 && weights.iter().all(|&w| w == w0))
    {
        return equal_weights_dense(children, rows, share);
    }
    weighted_rows_dense(
        children,
        weights,
        rows,
        share,
        |z| z.is_finite() && z > 0.0,
        |z, w| z.ln() * w,
        |num, den| (num / den).exp(),
    )
}

/// [`positive_dense`] with equal weights (the usual case), one logarithm per row instead of one per
/// value: the mean of the logarithms is `(ln prod m + (sum e) ln 2) / n` where each present value is
/// `m 2^e` with `1 <= m < 2`, so the product of the `m` cannot overflow (it is brought back into
/// range every 512 children) and the exponents add exactly. The result differs from the
/// log-by-log sum only by rounding (a few units in the last place).
fn equal_weights_dense<C: Cells + ?Sized>(children: &[&C], rows: usize, share: Share) -> (Scores, bool) {
    in_row_blocks(rows, |start, out| {
        let len = out.len();
        let mut mantissas = vec![1.0; len];
        let mut exponents = vec![0i64; len];
        let mut present = vec![0usize; len];
        let mut bad = false;
        let mut scratch = Vec::new();
        for (i, c) in children.iter().enumerate() {
            // branch-free over plain values (NaN: missing, taken as 1), so that the loop can run in
            // vector lanes
            let (col, nan) = c.values(start..start + len, &mut scratch);
            bad |= nan;
            for (((&z, m), e), p) in col.iter().zip(&mut mantissas).zip(&mut exponents).zip(&mut present) {
                let here = !z.is_nan();
                bad |= here & !(z.is_finite() && z > 0.0);
                let (zm, ze) = split(if here { z } else { 1.0 });
                *m *= zm;
                *e += ze;
                *p += usize::from(here);
            }
            if i % 512 == 511 {
                for (m, e) in mantissas.iter_mut().zip(&mut exponents) {
                    let (mm, me) = split(*m);
                    *m = mm;
                    *e += me;
                }
            }
        }
        for (((o, &m), &e), &p) in out.iter_mut().zip(&mantissas).zip(&exponents).zip(&present) {
            if share.passes(p) {
                *o = ((m.ln() + e as f64 * std::f64::consts::LN_2) / p as f64).exp();
            }
        }
        bad
    })
}

/// A positive finite `z` as `(m, e)` with `z = m 2^e` and `1 <= m < 2` (subnormal numbers
/// included); for anything else some pair the caller does not use.
#[inline]
fn split(z: f64) -> (f64, i64) {
    const MANTISSA: u64 = (1 << 52) - 1;
    const ONE: u64 = 1023 << 52;
    // (selects rather than a branch, so that the callers' loops can run in vector lanes)
    let subnormal = z < f64::MIN_POSITIVE;
    let z = if subnormal { z * 2f64.powi(64) } else { z };
    let shift = if subnormal { -64 } else { 0 };
    let bits = z.to_bits();
    let e = ((bits >> 52) & 0x7ff) as i64 - 1023;
    (f64::from_bits((bits & MANTISSA) | ONE), e + shift)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The log-by-log sum, for comparison.
    fn by_logs(children: &[&[Option<f64>]], rows: usize, share: Share) -> Scores {
        let w = vec![1.0; children.len()];
        weighted_rows_dense(
            children,
            &w,
            rows,
            share,
            |z| z.is_finite() && z > 0.0,
            |z, w| z.ln() * w,
            |num, den| (num / den).exp(),
        )
        .0
    }

    fn assert_close(a: &Scores, b: &Scores) {
        assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(b.iter()) {
            match (x, y) {
                (Some(x), Some(y)) => assert!((x - y).abs() <= 1e-13 * y.abs(), "{x} vs {y}"),
                (x, y) => assert_eq!(x, y),
            }
        }
    }

    #[test]
    fn equal_weights_agree_with_the_sum_of_logarithms_at_the_extremes() {
        let tiny = f64::MIN_POSITIVE / 8.0; // subnormal
        let a = [Some(1e300), Some(tiny), Some(2.5), None, Some(f64::MAX)];
        let b = [Some(1e300), Some(1e-300), Some(4.0), None, Some(f64::MAX)];
        let c = [Some(1e300), Some(3.0), None, None, Some(1.0)];
        let cols: [&[Option<f64>]; 3] = [&a, &b, &c];
        let share = Share { k: 3, min_share: 0.0 };
        let (fast, bad) = positive_dense(&cols, &[2.0, 2.0, 2.0], 5, share);
        assert!(!bad);
        assert_close(&fast, &by_logs(&cols, 5, share));
        assert_eq!(fast.get(3), None);
    }

    #[test]
    fn many_children_stay_in_range() {
        let col: Vec<Option<f64>> = vec![Some(1.9e300), Some(0.7), Some(3.0e-200)];
        let cols: Vec<&[Option<f64>]> = (0..1500).map(|_| col.as_slice()).collect();
        let share = Share {
            k: 1500,
            min_share: 0.0,
        };
        let (fast, bad) = positive_dense(&cols, &vec![1.0; 1500], 3, share);
        assert!(!bad);
        // the geometric mean of equal values is the value (closer than the sum of 1,500 logarithms
        // of about 690 gets: its rounding is magnified by the exponential)
        for (got, want) in fast.iter().zip(&col) {
            let (got, want) = (got.unwrap_or(f64::NAN), want.unwrap_or(f64::NAN));
            assert!((got - want).abs() <= 1e-13 * want, "{got} vs {want}");
        }
    }

    #[test]
    fn non_positive_values_are_flagged() {
        let a = [Some(1.0), Some(0.0)];
        let b = [Some(2.0), Some(3.0)];
        let cols: [&[Option<f64>]; 2] = [&a, &b];
        let (_, bad) = positive_dense(&cols, &[1.0, 1.0], 2, Share { k: 2, min_share: 0.0 });
        assert!(bad);
    }

    proptest::proptest! {
        #[test]
        fn equal_weights_agree_with_the_sum_of_logarithms(
            cells in proptest::collection::vec(proptest::option::weighted(0.8, 1e-6f64..1e6), 1..60),
            k in 1usize..6,
        ) {
            let rows = cells.len() / k;
            proptest::prop_assume!(rows > 0);
            let cols: Vec<&[Option<f64>]> = cells.chunks(rows).take(k).collect();
            let share = Share { k, min_share: 0.0 };
            let (fast, bad) = positive_dense(&cols, &vec![0.5; k], rows, share);
            proptest::prop_assert!(!bad);
            assert_close(&fast, &by_logs(&cols, rows, share));
        }
    }
}
