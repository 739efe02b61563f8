//! Weighted geometric mean (`COINr` `a_gmean`); documented on [`super::Aggregator::Geometric`].

use super::non_positive::prepare;
use super::{Aggregated, NonPositivePolicy, Share, check_finite, weighted_rows};
use crate::Result;

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
        let (scores, invalid) = weighted_rows(
            children,
            weights,
            rows,
            share,
            |z| z.is_finite() && z > 0.0,
            |z, w| z.ln() * w,
            |num, den| (num / den).exp(),
        );
        if invalid {
            check_finite(children)?;
            prepare(children, rows, policy, "geometric mean")?;
            return Err(crate::Error::Domain(
                "the geometric mean met a value that is not finite and positive".into(),
            ));
        }
        return Ok(Aggregated { scores, excluded: 0 });
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
