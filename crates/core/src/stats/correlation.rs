//! Pearson and Spearman correlation on pairwise-complete rows (R's
//! `cor(use = "pairwise.complete.obs")`, pandas' `Series.corr`).

use super::moments::mean;

/// The rows where both columns are present, as two dense vectors; `None` if the lengths differ.
fn complete_pairs(a: &[Option<f64>], b: &[Option<f64>]) -> Option<(Vec<f64>, Vec<f64>)> {
    if a.len() != b.len() {
        return None;
    }
    Some(a.iter().zip(b).filter_map(|(x, y)| Some(((*x)?, (*y)?))).unzip())
}

/// Pearson's r of dense, equally long samples; `None` for fewer than two pairs or zero variance.
fn pearson_dense(x: &[f64], y: &[f64]) -> Option<f64> {
    if x.len() < 2 || x.len() != y.len() {
        return None;
    }
    let (mx, my) = (mean(x)?, mean(y)?);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        let (dx, dy) = (a - mx, b - my);
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    if sxx <= 0.0 || syy <= 0.0 {
        return None;
    }
    Some((sxy / (sxx.sqrt() * syy.sqrt())).clamp(-1.0, 1.0))
}

/// Pearson's correlation coefficient over the rows where both `a` and `b` are present.
///
/// ```text
/// r = Σ (a_i - ā)(b_i - b̄) / sqrt( Σ (a_i - ā)² · Σ (b_i - b̄)² )      (complete pairs i)
/// ```
///
/// Reference: Pearson, K. (1895), *Proc. R. Soc. Lond.* 58, 240–242; OECD/JRC (2008), *Handbook on
/// Constructing Composite Indicators*, §1.5 (multivariate analysis).
///
/// # Errors
/// None: `None` when the lengths differ, fewer than two rows are complete, or either column is
/// constant on the complete rows.
///
/// # Example
/// ```
/// use govgap::stats::pearson;
/// let a = [Some(1.0), Some(2.0), Some(3.0), None];
/// let b = [Some(2.0), Some(4.0), Some(7.0), Some(1.0)];
/// // scipy.stats.pearsonr([1, 2, 3], [2, 4, 7])[0] = 0.9933992677987828
/// assert!((pearson(&a, &b).unwrap() - 0.993_399_267_798_782_8).abs() < 1e-12);
/// assert_eq!(pearson(&[Some(1.0), Some(1.0)], &[Some(1.0), Some(2.0)]), None);
/// ```
#[must_use]
pub fn pearson(a: &[Option<f64>], b: &[Option<f64>]) -> Option<f64> {
    let (x, y) = complete_pairs(a, b)?;
    pearson_dense(&x, &y)
}

/// Ranks 1..=n of `x` in ascending order; tied values share the mean of the ranks they span
/// (R's `rank(ties.method = "average")`, `scipy.stats.rankdata`).
///
/// ```text
/// rank_i = 1 + #{ j : x_j < x_i } + (#{ j : x_j = x_i } - 1) / 2
/// ```
///
/// # Errors
/// None.
///
/// # Example
/// ```
/// // scipy.stats.rankdata([3, 1, 4, 4, 7]) = [2, 1, 3.5, 3.5, 5]
/// assert_eq!(govgap::stats::average_ranks(&[3.0, 1.0, 4.0, 4.0, 7.0]), vec![2.0, 1.0, 3.5, 3.5, 5.0]);
/// ```
#[must_use]
pub fn average_ranks(x: &[f64]) -> Vec<f64> {
    let mut idx: Vec<usize> = (0..x.len()).collect();
    idx.sort_by(|&i, &j| x[i].total_cmp(&x[j]));
    let mut out = vec![0.0; x.len()];
    let mut start = 0;
    while start < idx.len() {
        let mut end = start + 1;
        while end < idx.len() && x[idx[end]].total_cmp(&x[idx[start]]).is_eq() {
            end += 1;
        }
        // positions start..end (0-based) hold ranks start+1..=end; their mean is (start + 1 + end) / 2
        let r = (start + 1 + end) as f64 / 2.0;
        for &i in &idx[start..end] {
            out[i] = r;
        }
        start = end;
    }
    out
}

/// Spearman's rank correlation over the rows where both `a` and `b` are present: Pearson's r of the
/// average ranks (so ties are handled exactly, as in R's `cor(method = "spearman")` and
/// `scipy.stats.spearmanr`).
///
/// ```text
/// ρ = r( rank(a), rank(b) )       ranks over the complete pairs, ties → average rank
/// ```
///
/// Reference: Spearman, C. (1904), "The proof and measurement of association between two things",
/// *Am. J. Psychol.* 15(1), 72–101.
///
/// # Errors
/// None: `None` when the lengths differ, fewer than two rows are complete, or either column is
/// constant on the complete rows.
///
/// # Example
/// ```
/// use govgap::stats::spearman;
/// let a = [Some(1.0), Some(2.0), Some(3.0), Some(4.0)];
/// let b = [Some(1.0), Some(8.0), Some(27.0), Some(64.0)];
/// assert!((spearman(&a, &b).unwrap() - 1.0).abs() < 1e-12);
/// ```
#[must_use]
pub fn spearman(a: &[Option<f64>], b: &[Option<f64>]) -> Option<f64> {
    let (x, y) = complete_pairs(a, b)?;
    pearson_dense(&average_ranks(&x), &average_ranks(&y))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(a: &[Option<f64>], b: &[Option<f64>], want: (Option<f64>, Option<f64>)) {
        for (got, want, what) in [(pearson(a, b), want.0, "pearson"), (spearman(a, b), want.1, "spearman")] {
            match (got, want) {
                (Some(g), Some(w)) => assert!((g - w).abs() < 1e-12, "{what}: got {g}, want {w}"),
                (g, w) => assert_eq!(g, w, "{what}"),
            }
        }
    }

    #[test]
    fn pearson_and_spearman_match_pandas() {
        // a = pd.Series([1, 2, 2, 4, 5, nan, 7, 8, 3.5, 6]); b = pd.Series([3, 1, 4, 4, 7, 9, nan, 8, 2, 4])
        // a.corr(b) = 0.7539794859208322; a.corr(b, method="spearman") = 0.7363210405107239
        // (scipy.stats.pearsonr / spearmanr on the complete pairs agree to 1e-16)
        let a = [1.0, 2.0, 2.0, 4.0, 5.0, f64::NAN, 7.0, 8.0, 3.5, 6.0];
        let b = [3.0, 1.0, 4.0, 4.0, 7.0, 9.0, f64::NAN, 8.0, 2.0, 4.0];
        let opt = |v: &[f64]| v.iter().map(|x| (!x.is_nan()).then_some(*x)).collect::<Vec<_>>();
        check(
            &opt(&a),
            &opt(&b),
            (Some(0.753_979_485_920_832_2), Some(0.736_321_040_510_723_9)),
        );
    }

    #[test]
    fn perfect_and_degenerate() {
        let a = [Some(1.0), Some(2.0), Some(3.0)];
        let neg = [Some(9.0), Some(5.0), Some(-1.0)];
        check(&a, &neg, (Some(-0.993_399_267_798_782_8), Some(-1.0)));
        check(&a, &[Some(1.0), None, None], (None, None));
        check(&a, &[Some(4.0), Some(4.0), Some(4.0)], (None, None));
        check(&a, &[Some(1.0)], (None, None));
        check(&[], &[], (None, None));
    }

    #[test]
    fn ranks_average_ties() {
        // scipy.stats.rankdata([3, 1, 4, 4, 7, 8, 2, 4]) = [3, 1, 5, 5, 7, 8, 2, 5]
        assert_eq!(
            average_ranks(&[3.0, 1.0, 4.0, 4.0, 7.0, 8.0, 2.0, 4.0]),
            vec![3.0, 1.0, 5.0, 5.0, 7.0, 8.0, 2.0, 5.0]
        );
    }
}
