//! Weighted geometric mean (`COINr` `a_gmean`); documented on [`super::Aggregator::Geometric`].

use super::non_positive::prepare;
use super::{Aggregated, NonPositivePolicy, Share, check_finite, weighted_rows, weighted_rows_dense};
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
