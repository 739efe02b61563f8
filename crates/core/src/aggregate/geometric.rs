//! Weighted geometric mean (`COINr` `a_gmean`); documented on [`super::Aggregator::Geometric`].

use super::non_positive::prepare;
use super::{Aggregated, NonPositivePolicy, Share, weighted_rows};
use crate::Result;

/// `exp(sum w ln z / sum w)` over each row's present children, after the non-positive policy.
pub(super) fn apply(
    children: &[&[Option<f64>]],
    weights: &[f64],
    rows: usize,
    share: Share,
    policy: NonPositivePolicy,
) -> Result<Aggregated> {
    let prep = prepare(children, rows, policy, "geometric mean")?;
    let c = prep.shift;
    let cols = prep.columns(children);
    let scores = weighted_rows(
        &cols,
        weights,
        rows,
        share,
        |z, w| (z + c).ln() * w,
        |num, den| (num / den).exp() - c,
    )
    .0;
    Ok(Aggregated {
        scores,
        excluded: prep.excluded,
    })
}
