//! Weighted arithmetic mean (`COINr` `a_amean`); documented on [`super::Aggregator::Arithmetic`].

use super::{Share, weighted_rows_dense};
use crate::model::{Cells, Scores};

/// `sum w z / sum w` over each row's present children, in child order.
pub(super) fn apply(children: &[&[Option<f64>]], weights: &[f64], rows: usize, share: Share) -> Vec<Option<f64>> {
    apply_flagged(children, weights, rows, share).0
}

/// [`apply`], and whether any present value was not finite.
pub(super) fn apply_flagged(
    children: &[&[Option<f64>]],
    weights: &[f64],
    rows: usize,
    share: Share,
) -> (Vec<Option<f64>>, bool) {
    let (scores, non_finite) = dense(children, weights, rows, share);
    (scores.to_options(), non_finite)
}

/// [`apply_flagged`] on any kind of cells, into a dense column.
pub(super) fn dense<C: Cells + ?Sized>(children: &[&C], weights: &[f64], rows: usize, share: Share) -> (Scores, bool) {
    weighted_rows_dense(
        children,
        weights,
        rows,
        share,
        f64::is_finite,
        |z, w| z * w,
        |num, den| num / den,
    )
}
