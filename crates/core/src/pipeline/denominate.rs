//! Denomination: divide an indicator by a context variable (population ...) and scale.

/// Divides `x` by `den` row by row and multiplies by `per`.
///
/// ```text
/// x'_i = x_i / d_i * per
/// ```
///
/// Rows where `x` is missing stay missing. Validation guarantees `d_i` is present and non-zero
/// wherever `x_i` is present; should that not hold, the row becomes missing.
///
/// # Example
/// ```
/// let x = [Some(50.0), None];
/// let d = [Some(1000.0), Some(10.0)];
/// let y = govgap::pipeline::denominate::denominate(&x, &d, 10_000.0);
/// assert_eq!(y, vec![Some(500.0), None]);
/// ```
#[must_use]
pub fn denominate(x: &[Option<f64>], den: &[Option<f64>], per: f64) -> Vec<Option<f64>> {
    x.iter()
        .zip(den)
        .map(|(&x, &d)| match (x, d) {
            (Some(x), Some(d)) if d != 0.0 => Some(x / d * per),
            _ => None,
        })
        .collect()
}
