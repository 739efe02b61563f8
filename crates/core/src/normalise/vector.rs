//! Vector normalisation (TOPSIS, Hwang & Yoon 1981); documented on [`super::Normaliser::Vector`].

use crate::model::Direction;

/// `v / sqrt(sum v^2)` over the present values of `v = direction * x`; a zero norm gives `None`.
pub(super) fn apply(x: &[Option<f64>], direction: Direction) -> Vec<Option<f64>> {
    let s = direction.sign();
    let norm = euclidean_norm(x.iter().flatten().copied());
    if norm <= 0.0 {
        return vec![None; x.len()];
    }
    x.iter().map(|xi| xi.map(|xi| s * xi / norm)).collect()
}

/// `sqrt(sum v^2)`, summed in order; rescaled by the largest magnitude only if the plain sum
/// overflows, so ordinary data gives the textbook bits.
fn euclidean_norm(values: impl Iterator<Item = f64> + Clone) -> f64 {
    let plain = values.clone().fold(0.0, |acc, v| acc + v * v);
    if plain.is_finite() {
        return plain.sqrt();
    }
    let big = values.clone().fold(0.0, |acc: f64, v| acc.max(v.abs()));
    big * values.fold(0.0, |acc, v| acc + (v / big) * (v / big)).sqrt()
}
