//! Weighted generalised (power) mean (`COINr` `a_genmean`); documented on
//! [`super::Aggregator::Generalised`].

use super::{Aggregated, NonPositivePolicy, Share, arithmetic, geometric, harmonic, weighted_rows};
use crate::Result;

/// `(sum w z^p / sum w)^(1/p)`; p = 1, 0, -1 delegate to the arithmetic, geometric and harmonic means.
#[allow(clippy::float_cmp)] // the special orders are exact values chosen by the user
pub(super) fn apply(
    children: &[&[Option<f64>]],
    weights: &[f64],
    rows: usize,
    share: Share,
    p: f64,
) -> Result<Aggregated> {
    if !p.is_finite() {
        return Err(crate::Error::Settings(format!(
            "the order p = {p} of a generalised mean must be finite"
        )));
    }
    if p == 1.0 {
        return Ok(Aggregated {
            scores: arithmetic::apply(children, weights, rows, share),
            excluded: 0,
        });
    }
    if p == 0.0 {
        return geometric::apply(children, weights, rows, share, NonPositivePolicy::Error);
    }
    if p == -1.0 {
        return harmonic::apply(children, weights, rows, share, NonPositivePolicy::Error);
    }
    for i in 0..rows {
        for (j, c) in children.iter().enumerate() {
            if let Some(z) = c[i].filter(|&z| z < 0.0 || (p < 0.0 && z <= 0.0)) {
                let need = if p > 0.0 { ">= 0" } else { "> 0" };
                return Err(crate::Error::Domain(format!(
                    "row {i}, child {j} is {z}, but a generalised mean of order {p} needs values {need}"
                )));
            }
        }
    }
    let plain = weighted_rows(
        children,
        weights,
        rows,
        share,
        f64::is_finite,
        |z, w| z.powf(p) * w,
        |num, den| (num / den).powf(1.0 / p),
    )
    .0;
    // Far orders can overflow z^p; such rows are recomputed relative to their largest value.
    let scores = plain
        .into_iter()
        .enumerate()
        .map(|(i, s)| match s {
            Some(v) if !v.is_finite() || v == 0.0 => rescaled(children, weights, i, p),
            other => other,
        })
        .collect();
    Ok(Aggregated { scores, excluded: 0 })
}

/// `m * (sum w (z/m)^p / sum w)^(1/p)` with `m` the largest present value of row `i`.
fn rescaled(children: &[&[Option<f64>]], weights: &[f64], i: usize, p: f64) -> Option<f64> {
    let m = children.iter().filter_map(|c| c[i]).fold(0.0, f64::max);
    if m <= 0.0 {
        return Some(0.0);
    }
    let (num, den) = children
        .iter()
        .zip(weights)
        .filter_map(|(c, &w)| c[i].map(|z| ((z / m).powf(p) * w, w)))
        .fold((0.0, 0.0), |(a, b), (x, w)| (a + x, b + w));
    let v = m * (num / den).powf(1.0 / p);
    v.is_finite().then_some(v)
}
