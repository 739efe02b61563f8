//! Moments and the median of a sample of present values.
//!
//! Skewness and kurtosis are `COINr`'s (`skew()` and `kurt()` in `COINr`'s `R/treat.R`), which are e1071's
//! `type = 2` estimators, the ones Excel's `SKEW` and `KURT` use, and equal to
//! `scipy.stats.skew(x, bias=False)` and `scipy.stats.kurtosis(x, bias=False)` (excess kurtosis).

/// The present values of a column, in order.
///
/// # Example
/// ```
/// let v = govgap::stats::present(&[Some(1.0), None, Some(3.0)]);
/// assert_eq!(v, vec![1.0, 3.0]);
/// ```
#[must_use]
pub fn present(x: &[Option<f64>]) -> Vec<f64> {
    x.iter().filter_map(|v| *v).collect()
}

/// Arithmetic mean.
///
/// ```text
/// mean = (1/n) Σ x_i
/// ```
///
/// # Errors
/// None: an empty sample gives `None`.
///
/// # Example
/// ```
/// assert_eq!(govgap::stats::mean(&[1.0, 2.0, 6.0]), Some(3.0));
/// assert_eq!(govgap::stats::mean(&[]), None);
/// ```
#[must_use]
pub fn mean(x: &[f64]) -> Option<f64> {
    if x.is_empty() {
        return None;
    }
    Some(x.iter().sum::<f64>() / x.len() as f64)
}

/// Median: the middle value, or the mean of the two middle values (R's `median`, numpy's `median`).
///
/// ```text
/// median = x_((n+1)/2)                       n odd
///        = (x_(n/2) + x_(n/2+1)) / 2          n even      (x_(i): i-th smallest)
/// ```
///
/// # Errors
/// None: an empty sample gives `None`.
///
/// # Example
/// ```
/// assert_eq!(govgap::stats::median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
/// ```
#[must_use]
pub fn median(x: &[f64]) -> Option<f64> {
    if x.is_empty() {
        return None;
    }
    let mut s = x.to_vec();
    s.sort_by(f64::total_cmp);
    let m = s.len() / 2;
    if s.len() % 2 == 1 {
        Some(s[m])
    } else {
        Some(f64::midpoint(s[m - 1], s[m]))
    }
}

/// Sample standard deviation (denominator n - 1, R's `sd`, `numpy.std(ddof=1)`).
///
/// ```text
/// sd = sqrt( Σ (x_i - mean)² / (n - 1) )
/// ```
///
/// # Errors
/// None: fewer than two values give `None`.
///
/// # Example
/// ```
/// // numpy.std([2, 4, 4, 4, 5, 5, 7, 9], ddof=1) = 2.138089935299395
/// let s = govgap::stats::sd(&[2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]).unwrap();
/// assert!((s - 2.138_089_935_299_395).abs() < 1e-12);
/// ```
#[must_use]
pub fn sd(x: &[f64]) -> Option<f64> {
    if x.len() < 2 {
        return None;
    }
    let m = mean(x)?;
    let ss: f64 = x.iter().map(|v| (v - m).powi(2)).sum();
    Some((ss / (x.len() - 1) as f64).sqrt())
}

/// Central sums Σd², Σd³, Σd⁴ with d = x - mean, or `None` when all values are equal.
fn central_sums(x: &[f64]) -> Option<(f64, f64, f64)> {
    let m = mean(x)?;
    let (lo, hi) = x.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
        (lo.min(v), hi.max(v))
    });
    if lo >= hi {
        return None;
    }
    let (mut s2, mut s3, mut s4) = (0.0, 0.0, 0.0);
    for v in x {
        let d = v - m;
        let d2 = d * d;
        s2 += d2;
        s3 += d2 * d;
        s4 += d2 * d2;
    }
    (s2 > 0.0).then_some((s2, s3, s4))
}

/// Skewness, bias-corrected (`COINr`'s `skew`, e1071 `type = 2`, Excel `SKEW`,
/// `scipy.stats.skew(x, bias=False)`).
///
/// ```text
/// g1 = (Σ d³ / n) / (Σ d² / n)^(3/2),   d = x - mean
/// G1 = g1 · sqrt(n (n - 1)) / (n - 2)
/// ```
///
/// Reference: Joanes, D. N. and Gill, C. A. (1998), "Comparing measures of sample skewness and
/// kurtosis", *The Statistician* 47(1), 183–189 (the `G1` statistic).
///
/// # Errors
/// None: fewer than three values, or all values equal, give `None`.
///
/// # Example
/// ```
/// // scipy.stats.skew([2, 3.5, 1, 7, 4, 12, 5.5, 3], bias=False) = 1.4027867643692096
/// let s = govgap::stats::skew(&[2.0, 3.5, 1.0, 7.0, 4.0, 12.0, 5.5, 3.0]).unwrap();
/// assert!((s - 1.402_786_764_369_209_6).abs() < 1e-12);
/// assert_eq!(govgap::stats::skew(&[1.0, 1.0, 1.0]), None);
/// ```
#[must_use]
pub fn skew(x: &[f64]) -> Option<f64> {
    if x.len() < 3 {
        return None;
    }
    let (s2, s3, _) = central_sums(x)?;
    let n = x.len() as f64;
    let g1 = (s3 / n) / (s2 / n).powf(1.5);
    Some(g1 * (n * (n - 1.0)).sqrt() / (n - 2.0))
}

/// Excess kurtosis, bias-corrected (`COINr`'s `kurt`, e1071 `type = 2`, Excel `KURT`,
/// `scipy.stats.kurtosis(x, bias=False)`): 0 for a normal distribution.
///
/// ```text
/// r  = (Σ d⁴ / n) / (Σ d² / n)²,   d = x - mean
/// G2 = ((n + 1)(r - 3) + 6) · (n - 1) / ((n - 2)(n - 3))
/// ```
///
/// Reference: Joanes and Gill (1998), the `G2` statistic.
///
/// # Errors
/// None: fewer than four values, or all values equal, give `None`.
///
/// # Example
/// ```
/// // scipy.stats.kurtosis([2, 3.5, 1, 7, 4, 12, 5.5, 3], bias=False) = 2.2056297577854664
/// let k = govgap::stats::kurtosis(&[2.0, 3.5, 1.0, 7.0, 4.0, 12.0, 5.5, 3.0]).unwrap();
/// assert!((k - 2.205_629_757_785_466_4).abs() < 1e-12);
/// ```
#[must_use]
pub fn kurtosis(x: &[f64]) -> Option<f64> {
    if x.len() < 4 {
        return None;
    }
    let (s2, _, s4) = central_sums(x)?;
    let n = x.len() as f64;
    let r = (s4 / n) / (s2 / n).powi(2);
    Some(((n + 1.0) * (r - 3.0) + 6.0) * (n - 1.0) / ((n - 2.0) * (n - 3.0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One sample with expected (mean, median, sd, skew, kurtosis); `None` where undefined.
    type Expected = (Option<f64>, Option<f64>, Option<f64>, Option<f64>, Option<f64>);

    fn close(got: Option<f64>, want: Option<f64>, what: &str) {
        match (got, want) {
            (Some(g), Some(w)) => assert!((g - w).abs() < 1e-10, "{what}: got {g}, want {w}"),
            (g, w) => assert_eq!(g, w, "{what}"),
        }
    }

    fn check(x: &[f64], want: Expected) {
        close(mean(x), want.0, "mean");
        close(median(x), want.1, "median");
        close(sd(x), want.2, "sd");
        close(skew(x), want.3, "skew");
        close(kurtosis(x), want.4, "kurtosis");
    }

    #[test]
    fn moments_match_scipy() {
        // x = [2, 3.5, 1, 7, 4, 12, 5.5, 3]
        // numpy: mean 4.75, median 3.75, std(ddof=1) 3.484660262185848
        // scipy.stats.skew(x, bias=False) 1.4027867643692096; kurtosis(x, bias=False) 2.2056297577854664
        check(
            &[2.0, 3.5, 1.0, 7.0, 4.0, 12.0, 5.5, 3.0],
            (
                Some(4.75),
                Some(3.75),
                Some(3.484_660_262_185_848),
                Some(1.402_786_764_369_209_6),
                Some(2.205_629_757_785_466_4),
            ),
        );
        // x = [1..10, 100]: numpy mean 14.090909090909092, std(ddof=1) 28.637229424141385;
        // scipy skew(bias=False) 3.2556381840605098, kurtosis(bias=False) 10.706673906421974
        let x: Vec<f64> = (1..=10).map(f64::from).chain([100.0]).collect();
        check(
            &x,
            (
                Some(14.090_909_090_909_092),
                Some(6.0),
                Some(28.637_229_424_141_385),
                Some(3.255_638_184_060_509_8),
                Some(10.706_673_906_421_974),
            ),
        );
    }

    #[test]
    fn degenerate_samples_give_none() {
        check(&[], (None, None, None, None, None));
        check(&[5.0], (Some(5.0), Some(5.0), None, None, None));
        check(&[1.0, 2.0, 3.0], (Some(2.0), Some(2.0), Some(1.0), Some(0.0), None));
        check(&[0.1, 0.1, 0.1, 0.1], (Some(0.1), Some(0.1), Some(0.0), None, None));
    }
}
