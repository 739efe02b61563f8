//! Cronbach's alpha: the internal consistency of a group of columns.

/// Sample variance (denominator n - 1) of a dense sample with at least two values.
fn var(x: &[f64]) -> f64 {
    let n = x.len() as f64;
    let m = x.iter().sum::<f64>() / n;
    x.iter().map(|v| (v - m).powi(2)).sum::<f64>() / (n - 1.0)
}

/// Cronbach's alpha of `k` columns over the rows where every column is present (listwise deletion).
///
/// ```text
/// α = k / (k - 1) · (1 - Σ_j var(x_j) / var(Σ_j x_j))       variances with denominator m - 1,
///                                                            m = number of complete rows
/// ```
///
/// Reference: Cronbach, L. J. (1951), "Coefficient alpha and the internal structure of tests",
/// *Psychometrika* 16(3), 297–334; OECD/JRC (2008), *Handbook on Constructing Composite Indicators*,
/// §1.5.1. `COINr`'s `get_cronbach` computes the same formula from a covariance matrix, by default with
/// pairwise-complete covariances; with no missing value the two agree.
///
/// Alpha can be negative (columns that contradict each other); it is not clamped.
///
/// # Errors
/// None: `None` when fewer than two columns are given, the columns differ in length, fewer than two
/// rows are complete, or the row sums are constant.
///
/// # Example
/// ```
/// use govgap::stats::cronbach_alpha;
/// let a = [Some(1.0), Some(2.0), Some(3.0), Some(4.0)];
/// let b = [Some(2.0), Some(3.0), Some(5.0), Some(4.0)];
/// // pingouin.cronbach_alpha(pd.DataFrame({"a": [1, 2, 3, 4], "b": [2, 3, 5, 4]}))[0] = 0.8888888888888891
/// let alpha = cronbach_alpha(&[&a, &b]).unwrap();
/// assert!((alpha - 0.888_888_888_888_889_1).abs() < 1e-12);
/// ```
#[must_use]
pub fn cronbach_alpha(columns: &[&[Option<f64>]]) -> Option<f64> {
    let k = columns.len();
    let rows = columns.first()?.len();
    if k < 2 || columns.iter().any(|c| c.len() != rows) {
        return None;
    }
    let complete: Vec<Vec<f64>> = (0..rows)
        .filter_map(|r| columns.iter().map(|c| c[r]).collect::<Option<Vec<f64>>>())
        .collect();
    if complete.len() < 2 {
        return None;
    }
    let totals: Vec<f64> = complete.iter().map(|row| row.iter().sum()).collect();
    let total_var = var(&totals);
    if total_var <= 0.0 {
        return None;
    }
    let item_var: f64 = (0..k)
        .map(|j| var(&complete.iter().map(|row| row[j]).collect::<Vec<f64>>()))
        .sum();
    let kf = k as f64;
    Some(kf / (kf - 1.0) * (1.0 - item_var / total_var))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(columns: &[&[Option<f64>]], want: Option<f64>) {
        match (cronbach_alpha(columns), want) {
            (Some(g), Some(w)) => assert!((g - w).abs() < 1e-12, "got {g}, want {w}"),
            (got, want) => assert_eq!(got, want),
        }
    }

    #[test]
    fn alpha_matches_pingouin() {
        // df = pd.DataFrame({"x": [2, 4, 3, 5, 4, 1, nan], "y": [3, 5, 3, 4, 5, 2, 4], "z": [1, 4, 2, 5, 3, 2, 5]})
        // pingouin.cronbach_alpha(df, nan_policy="listwise")[0] = 0.9068181818181817
        // (k/(k-1) * (1 - d.var().sum() / d.sum(axis=1).var()) on df.dropna() = 0.906818181818182)
        let x = [Some(2.0), Some(4.0), Some(3.0), Some(5.0), Some(4.0), Some(1.0), None];
        let y = [
            Some(3.0),
            Some(5.0),
            Some(3.0),
            Some(4.0),
            Some(5.0),
            Some(2.0),
            Some(4.0),
        ];
        let z = [
            Some(1.0),
            Some(4.0),
            Some(2.0),
            Some(5.0),
            Some(3.0),
            Some(2.0),
            Some(5.0),
        ];
        check(&[&x, &y, &z], Some(0.906_818_181_818_181_7));
    }

    #[test]
    fn degenerate_groups_give_none() {
        let a = [Some(1.0), Some(2.0), Some(3.0)];
        check(&[&a], None);
        check(&[], None);
        check(&[&a, &[Some(1.0), Some(2.0)]], None);
        check(&[&a, &[Some(1.0), None, None]], None);
        check(&[&[Some(1.0), Some(2.0)], &[Some(2.0), Some(1.0)]], None);
        // perfectly parallel columns: alpha = 1
        check(&[&a, &a], Some(1.0));
    }
}
