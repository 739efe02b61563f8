//! Sample quantiles with linear interpolation (Hyndman & Fan type 7: R's default, numpy's `linear`),
//! computed exactly as numpy does so that results match the reference implementations to the bit.

/// Where the type-7 quantile `p` of `len` sorted values lies: the lower index, the upper index and
/// the interpolation weight `gamma`.
fn position(len: usize, p: f64) -> (usize, usize, f64) {
    let h = (len - 1) as f64 * p;
    if h >= (len - 1) as f64 {
        return (len - 1, len - 1, 0.0);
    }
    if h <= 0.0 {
        return (0, 0, 0.0);
    }
    let lo = h.floor();
    (lo as usize, lo as usize + 1, h - lo)
}

/// numpy's `_lerp`: `a + (b - a) t`, computed from the upper end when `t >= 0.5`.
fn lerp(a: f64, b: f64, t: f64) -> f64 {
    let diff = b - a;
    if t >= 0.5 { b - diff * (1.0 - t) } else { a + diff * t }
}

/// The type-7 quantile `p` (in `[0, 1]`) of values sorted ascending.
///
/// ```text
/// h = (n - 1) p,   Q(p) = x_(floor h) + (h - floor h) (x_(floor h + 1) - x_(floor h))   (0-based)
/// ```
///
/// Reference: Hyndman & Fan (1996), "Sample quantiles in statistical packages", The American
/// Statistician 50(4), definition 7 (R's `quantile(type = 7)`, numpy's `quantile(method="linear")`).
///
/// # Errors
/// None: returns `None` for an empty slice or `p` outside `[0, 1]` (or NaN).
///
/// # Example
/// ```
/// use govgap::uncertainty::quantile_type7;
/// let x = [1.0, 2.0, 3.0, 4.0];
/// assert_eq!(quantile_type7(&x, 0.5), Some(2.5));
/// assert!((quantile_type7(&x, 0.05).unwrap() - 1.15).abs() < 1e-12);
/// assert_eq!(quantile_type7(&[], 0.5), None);
/// ```
#[must_use]
pub fn quantile_type7(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() || !(0.0..=1.0).contains(&p) {
        return None;
    }
    let (lo, hi, t) = position(sorted.len(), p);
    Some(lerp(sorted[lo], sorted[hi], t))
}

/// The median of values sorted ascending, as numpy's `median`: the middle value, or the mean of the
/// two middle values.
///
/// ```text
/// median = x_(n/2)                         n odd  (0-based, integer division)
///        = (x_(n/2 - 1) + x_(n/2)) / 2     n even
/// ```
///
/// # Errors
/// None: returns `None` for an empty slice.
///
/// # Example
/// ```
/// use govgap::uncertainty::median_sorted;
/// assert_eq!(median_sorted(&[1.0, 2.0, 4.0, 9.0]), Some(3.0));
/// assert_eq!(median_sorted(&[1.0, 2.0, 4.0]), Some(2.0));
/// ```
#[must_use]
pub fn median_sorted(sorted: &[f64]) -> Option<f64> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    if n % 2 == 1 {
        Some(sorted[n / 2])
    } else {
        Some(f64::midpoint(sorted[n / 2 - 1], sorted[n / 2]))
    }
}

/// Summary of a rank distribution held as a histogram (`counts[r - 1]` = how often rank `r` occurred).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct HistSummary {
    pub mean: f64,
    pub median: f64,
    pub q05: f64,
    pub q95: f64,
}

/// Mean, median, 5% and 95% quantiles (type 7) of the values a rank histogram describes, exactly as
/// numpy computes them on the expanded sample. `None` if the histogram is empty.
pub(crate) fn summarise_rank_histogram(counts: &[u32]) -> Option<HistSummary> {
    let total: u64 = counts.iter().map(|&c| u64::from(c)).sum();
    if total == 0 {
        return None;
    }
    let n = total as usize;
    let weighted: u64 = counts
        .iter()
        .enumerate()
        .map(|(r, &c)| (r as u64 + 1) * u64::from(c))
        .sum();
    let (a05, b05, t05) = position(n, 0.05);
    let (a95, b95, t95) = position(n, 0.95);
    let (m_lo, m_hi) = if n % 2 == 1 { (n / 2, n / 2) } else { (n / 2 - 1, n / 2) };
    // order statistics needed, ascending, read off one cumulative pass
    let mut wanted = [a05, b05, m_lo, m_hi, a95, b95];
    let order = wanted;
    wanted.sort_unstable();
    let mut values = [0.0f64; 6];
    let mut next = 0;
    let mut cum = 0usize;
    for (r, &c) in counts.iter().enumerate() {
        cum += c as usize;
        while next < wanted.len() && wanted[next] < cum {
            values[next] = (r + 1) as f64;
            next += 1;
        }
        if next == wanted.len() {
            break;
        }
    }
    let at = |i: usize| -> f64 {
        let pos = wanted.iter().position(|&w| w == order[i]).unwrap_or(0);
        values[pos]
    };
    Some(HistSummary {
        mean: weighted as f64 / total as f64,
        median: f64::midpoint(at(2), at(3)),
        q05: lerp(at(0), at(1), t05),
        q95: lerp(at(4), at(5), t95),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_numpy_values() {
        // numpy: np.quantile([3, 1, 2, 2, 5, 4, 4, 4, 1, 6], [0.05, 0.95]) = [1.0, 5.55]; median 3.5
        let mut x = vec![3.0, 1.0, 2.0, 2.0, 5.0, 4.0, 4.0, 4.0, 1.0, 6.0];
        x.sort_by(f64::total_cmp);
        assert_eq!(quantile_type7(&x, 0.05), Some(1.0));
        assert!((quantile_type7(&x, 0.95).unwrap() - 5.55).abs() < 1e-12);
        assert_eq!(median_sorted(&x), Some(3.5));
        assert_eq!(quantile_type7(&x, 0.0), Some(1.0));
        assert_eq!(quantile_type7(&x, 1.0), Some(6.0));
        assert_eq!(quantile_type7(&x, 1.5), None);
        assert_eq!(quantile_type7(&[7.0], 0.3), Some(7.0));
    }

    #[test]
    fn histogram_summary_equals_expanded_sample() {
        let counts = [2u32, 2, 1, 3, 1, 1];
        let s = summarise_rank_histogram(&counts).unwrap();
        let mut x = Vec::new();
        for (r, &c) in counts.iter().enumerate() {
            x.extend(std::iter::repeat_n((r + 1) as f64, c as usize));
        }
        assert_eq!(s.mean, x.iter().sum::<f64>() / x.len() as f64);
        assert_eq!(s.median, median_sorted(&x).unwrap());
        assert_eq!(s.q05, quantile_type7(&x, 0.05).unwrap());
        assert_eq!(s.q95, quantile_type7(&x, 0.95).unwrap());
        assert_eq!(summarise_rank_histogram(&[0, 0]), None);
        let one = summarise_rank_histogram(&[0, 5]).unwrap();
        assert_eq!((one.mean, one.median, one.q05, one.q95), (2.0, 2.0, 2.0, 2.0));
    }
}
