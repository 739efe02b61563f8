//! Coefficient of variation (relative dispersion), population or sample, optionally weighted.

use super::common::{Ddof, check_values};
use super::sd::{Dispersion, moments};
use crate::{Error, Result};

/// Coefficient of variation `sd / mean`, divisor `n` or `n − 1`, optionally weighted by population.
///
/// ```text
/// CV = σ / μ      σ from standard_deviation(y, weights, ddof)
/// ```
///
/// With population weights this is Williamson's (1965) weighted coefficient of variation
/// `V_w = sqrt(Σ p_i (y_i − μ)²) / μ` (`Ddof::Population`). Reference: `scipy.stats.variation(y, ddof)`.
/// Zeros are accepted; negative values are an error (a ratio to the mean needs a positive scale).
///
/// # Errors
/// [`Error::Degenerate`] for fewer than two units or a zero mean; [`Error::Domain`] for a NaN,
/// infinite or negative value, or bad weights.
///
/// # Example
/// ```
/// use govgap::gap::{coefficient_of_variation, Ddof};
/// let cv = coefficient_of_variation(&[2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0], None, Ddof::Population).unwrap();
/// assert_eq!(cv.value, 0.4);
/// ```
pub fn coefficient_of_variation(v: &[f64], weights: Option<&[f64]>, ddof: Ddof) -> Result<Dispersion> {
    check_values("coefficient of variation", v)?;
    let mut d = moments("coefficient of variation", v, weights, ddof)?;
    if d.mean <= 0.0 {
        return Err(Error::Degenerate(
            "coefficient of variation: the mean is zero (every value is zero), so the ratio is undefined".into(),
        ));
    }
    d.value = d.sd / d.mean;
    Ok(d)
}
