//! Range and max/min ratio: the distance between the extremes.

use super::common::check_finite_len;
use crate::{Error, Result};

/// The extremes of a set of values and the distance between them.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Range {
    /// Smallest value.
    pub min: f64,
    /// Largest value.
    pub max: f64,
    /// `max − min`.
    pub range: f64,
    /// Index of the first unit holding the minimum.
    pub argmin: usize,
    /// Index of the first unit holding the maximum.
    pub argmax: usize,
    /// Number of units.
    pub n: usize,
}

/// The range `max − min` (absolute gap between the best and the worst unit).
///
/// ```text
/// R = max_i y_i − min_i y_i
/// ```
///
/// Reference: Cowell (2011), *Measuring Inequality*, 3rd ed., §2.3 ("the range"). Zeros and negative
/// values are accepted (the range is translation invariant); weights do not apply.
///
/// # Errors
/// [`Error::Degenerate`] for fewer than two values; [`Error::Domain`] for a NaN or infinite value.
///
/// # Example
/// ```
/// let r = govgap::gap::range(&[3.0, 9.0, 5.0]).unwrap();
/// assert_eq!((r.min, r.max, r.range, r.argmax), (3.0, 9.0, 6.0, 1));
/// ```
pub fn range(v: &[f64]) -> Result<Range> {
    check_finite_len("range", v)?;
    let (mut argmin, mut argmax) = (0, 0);
    for (i, &x) in v.iter().enumerate() {
        if x < v[argmin] {
            argmin = i;
        }
        if x > v[argmax] {
            argmax = i;
        }
    }
    Ok(Range {
        min: v[argmin],
        max: v[argmax],
        range: v[argmax] - v[argmin],
        argmin,
        argmax,
        n: v.len(),
    })
}

/// The max/min ratio (relative range): how many times the leader's value the laggard's is.
///
/// ```text
/// ratio = max_i y_i / min_i y_i
/// ```
///
/// Reference: Cowell (2011), *Measuring Inequality*, §2.3; the "max/min ratio" of regional studies.
///
/// # Errors
/// [`Error::Degenerate`] for fewer than two values; [`Error::Domain`] for a NaN or infinite value, or
/// when the minimum is zero or negative (the ratio is then unbounded or meaningless).
///
/// # Example
/// ```
/// assert_eq!(govgap::gap::max_min_ratio(&[2.0, 8.0, 4.0]).unwrap(), 4.0);
/// assert!(govgap::gap::max_min_ratio(&[0.0, 8.0]).is_err());
/// ```
pub fn max_min_ratio(v: &[f64]) -> Result<f64> {
    let r = range(v)?;
    if r.min <= 0.0 {
        return Err(Error::Domain(format!(
            "max/min ratio: the minimum (unit {}) is {}, the ratio needs strictly positive values; \
             use the range instead",
            r.argmin, r.min
        )));
    }
    Ok(r.max / r.min)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_and_ratio() {
        let r = range(&[-1.0, 4.0, 4.0, -1.0]).unwrap();
        assert_eq!(
            (r.min, r.max, r.range, r.argmin, r.argmax, r.n),
            (-1.0, 4.0, 5.0, 0, 1, 4)
        );
        assert!(matches!(range(&[1.0]), Err(Error::Degenerate(_))));
        assert!(matches!(range(&[1.0, f64::INFINITY]), Err(Error::Domain(_))));
        assert!(matches!(max_min_ratio(&[-1.0, 4.0]), Err(Error::Domain(_))));
        assert!((max_min_ratio(&[62.4, 22.9, 30.0]).unwrap() - 62.4 / 22.9).abs() < 1e-15);
    }
}
