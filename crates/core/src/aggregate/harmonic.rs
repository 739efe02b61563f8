//! Weighted harmonic mean (`COINr` `a_hmean`); documented on [`super::Aggregator::Harmonic`].

use super::non_positive::prepare;
use super::{Aggregated, NonPositivePolicy, Share, weighted_rows};
use crate::Result;

/// `sum w / sum (w / z)` over each row's present children, after the non-positive policy.
pub(super) fn apply(
    children: &[&[Option<f64>]],
    weights: &[f64],
    rows: usize,
    share: Share,
    policy: NonPositivePolicy,
) -> Result<Aggregated> {
    let prep = prepare(children, rows, policy, "harmonic mean")?;
    let c = prep.shift;
    let cols = prep.columns(children);
    let scores = weighted_rows(
        &cols,
        weights,
        rows,
        share,
        f64::is_finite,
        |z, w| w / (z + c),
        |num, den| den / num - c,
    )
    .0;
    Ok(Aggregated {
        scores,
        excluded: prep.excluded,
    })
}
