//! Small inequality helpers for the uncertainty runs (private; the full, documented measures with their
//! decompositions live in [`crate::gap`]). Each returns `None` where the measure is undefined: fewer
//! than two values, a negative value, or a zero mean.

/// Gini coefficient without small-sample correction (`PySAL`'s `Gini`).
///
/// ```text
/// G = sum_i sum_j |y_i - y_j| / (2 n^2 mean) = (2 sum_i i y_(i) - (n + 1) sum y) / (n sum y)
/// ```
pub(crate) fn gini(y: &[f64]) -> Option<f64> {
    let total = checked_total(y)?;
    let mut sorted = y.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = y.len() as f64;
    let ranked: f64 = sorted.iter().enumerate().map(|(i, &v)| 2.0 * (i + 1) as f64 * v).sum();
    Some((ranked - n * total - total) / (n * total))
}

/// Theil's T index (0 ln 0 = 0).
///
/// ```text
/// T = (1/n) sum_i (y_i / mean) ln(y_i / mean)
/// ```
pub(crate) fn theil(y: &[f64]) -> Option<f64> {
    let total = checked_total(y)?;
    let mean = total / y.len() as f64;
    Some(y.iter().map(|&v| x_ln_x(v / mean)).sum::<f64>() / y.len() as f64)
}

/// Between-group part of Theil's T for groups `group[i]` in `0..n_groups`.
///
/// ```text
/// T_between = sum_g (n_g / n) (mean_g / mean) ln(mean_g / mean)
/// ```
pub(crate) fn theil_between(y: &[f64], group: &[usize], n_groups: usize) -> Option<f64> {
    let total = checked_total(y)?;
    let n = y.len() as f64;
    let mean = total / n;
    let mut sums = vec![0.0; n_groups];
    let mut counts = vec![0usize; n_groups];
    for (&v, &g) in y.iter().zip(group) {
        sums[g] += v;
        counts[g] += 1;
    }
    Some(
        sums.iter()
            .zip(&counts)
            .filter(|&(_, &c)| c > 0)
            .map(|(&s, &c)| (c as f64 / n) * x_ln_x(s / c as f64 / mean))
            .sum(),
    )
}

fn x_ln_x(x: f64) -> f64 {
    if x > 0.0 { x * x.ln() } else { 0.0 }
}

fn checked_total(y: &[f64]) -> Option<f64> {
    if y.len() < 2 || y.iter().any(|&v| !(v >= 0.0 && v.is_finite())) {
        return None;
    }
    let total: f64 = y.iter().sum();
    (total > 0.0).then_some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values() {
        // equal incomes: no inequality
        assert_eq!(gini(&[2.0, 2.0, 2.0]), Some(0.0));
        assert!(theil(&[2.0, 2.0, 2.0]).unwrap().abs() < 1e-15);
        // one has everything: G = (n - 1) / n, T = ln n
        assert!((gini(&[0.0, 0.0, 0.0, 4.0]).unwrap() - 0.75).abs() < 1e-15);
        assert!((theil(&[0.0, 0.0, 0.0, 4.0]).unwrap() - 4f64.ln()).abs() < 1e-15);
        // G of 1, 2, 3, 4 = sum |diff| / (2 n^2 mean) = 20 / (2 * 16 * 2.5) = 0.25
        assert!((gini(&[4.0, 1.0, 3.0, 2.0]).unwrap() - 0.25).abs() < 1e-15);
        // two groups, no within-group spread: between = total
        let y = [1.0, 1.0, 3.0, 3.0];
        let b = theil_between(&y, &[0, 0, 1, 1], 2).unwrap();
        assert!((b - theil(&y).unwrap()).abs() < 1e-15);
        assert_eq!(gini(&[1.0, -1.0]), None);
        assert_eq!(theil(&[0.0, 0.0]), None);
        assert_eq!(theil(&[1.0]), None);
    }
}
