//! Weighted arithmetic mean (`COINr` `a_amean`); documented on [`super::Aggregator::Arithmetic`].

use super::{Share, weighted_rows};

/// `sum w z / sum w` over each row's present children, in child order.
pub(super) fn apply(children: &[&[Option<f64>]], weights: &[f64], rows: usize, share: Share) -> Vec<Option<f64>> {
    weighted_rows(children, weights, rows, share, |z, w| z * w, |num, den| num / den)
}
