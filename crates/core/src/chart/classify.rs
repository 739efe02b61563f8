//! Class breaks for choropleth maps: quantiles, equal intervals and natural breaks (Jenks).
//!
//! [`breaks`] returns `k + 1` bounds `b[0] = min ≤ b[1] ≤ … ≤ b[k] = max`; class `i` holds the values
//! in `(b[i], b[i+1]]`, the first class also its lower bound ([`class_of`]).
//!
//! ```text
//! equal interval  b[i] = min + i · (max − min) / k
//! quantile        b[i] = Q(i / k), Q the linearly interpolated sample quantile
//!                 (Hyndman & Fan type 7, R's default and numpy's `linear`); repeated bounds are merged
//! natural breaks  the partition of the sorted values into k runs that minimises the sum over classes
//!                 of squared deviations from the class mean; b[i] is the largest value of class i
//!                 (Fisher 1958 exact dynamic programme, as in Jenks 1977 and jenkspy)
//! ```
//!
//! References: Fisher, W. D. (1958), "On grouping for maximum homogeneity", JASA 53(284); Jenks, G. F.
//! (1977), *Optimal data classification for choropleth maps*, University of Kansas Occasional Paper 2;
//! Slocum et al., *Thematic Cartography and Geovisualization*, ch. 5.
//!
//! # Errors
//! [`Error::Degenerate`] when there are no values or fewer distinct values than classes (natural breaks),
//! [`Error::Domain`] for NaN or infinite values, [`Error::Settings`] for zero classes.
//!
//! ```
//! use govgap::chart::classify::{ClassMethod, breaks};
//! let b = breaks(&[4.0, 5.0, 9.0, 10.0, 1.0, 2.0, 7.0, 12.0, 18.0, 21.0, 24.0, 25.0, 40.0, 41.0, 45.0],
//!                ClassMethod::NaturalBreaks, 3)?;
//! assert_eq!(b, vec![1.0, 12.0, 25.0, 45.0]);
//! # Ok::<(), govgap::Error>(())
//! ```

use crate::{Error, Result};

/// How to cut values into classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ClassMethod {
    /// Each class holds about the same number of units.
    #[default]
    Quantile,
    /// Each class spans the same range of values.
    EqualInterval,
    /// Jenks natural breaks: classes as homogeneous as possible.
    NaturalBreaks,
}

/// The `classes + 1` class bounds of `values` (see the module docs).
///
/// Quantile bounds that coincide (ties) are merged, so fewer classes may come back.
///
/// # Errors
/// See the module docs.
pub fn breaks(values: &[f64], method: ClassMethod, classes: usize) -> Result<Vec<f64>> {
    if classes == 0 {
        return Err(Error::Settings(
            "a classification needs at least one class; ask for 1 or more".into(),
        ));
    }
    if values.is_empty() {
        return Err(Error::Degenerate("there are no values to classify".into()));
    }
    if let Some(bad) = values.iter().find(|v| !v.is_finite()) {
        return Err(Error::Domain(format!(
            "cannot classify the non-finite value {bad}; drop or impute it first"
        )));
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let (min, max) = (sorted[0], sorted[sorted.len() - 1]);
    match method {
        ClassMethod::EqualInterval => {
            let step = (max - min) / classes as f64;
            let mut b: Vec<f64> = (0..classes).map(|i| min + step * i as f64).collect();
            b.push(max);
            Ok(b)
        }
        ClassMethod::Quantile => {
            let mut b: Vec<f64> = (0..=classes)
                .map(|i| quantile_sorted(&sorted, i as f64 / classes as f64))
                .collect();
            b.dedup_by(|a, b| a.total_cmp(b).is_eq());
            if b.len() == 1 {
                b.push(max);
            }
            Ok(b)
        }
        ClassMethod::NaturalBreaks => {
            let distinct = 1 + sorted.windows(2).filter(|w| w[0].total_cmp(&w[1]).is_ne()).count();
            if distinct < classes {
                return Err(Error::Degenerate(format!(
                    "natural breaks into {classes} classes need at least {classes} distinct values, \
                     there are {distinct}; ask for fewer classes"
                )));
            }
            Ok(jenks_sorted(&sorted, classes))
        }
    }
}

/// The class (0-based) of `value` under `bounds` from [`breaks`]: the first `i` with
/// `value ≤ bounds[i + 1]`; values outside the bounds go to the first or last class.
#[must_use]
pub fn class_of(value: f64, bounds: &[f64]) -> usize {
    let classes = bounds.len().saturating_sub(1).max(1);
    bounds
        .iter()
        .skip(1)
        .position(|&b| value <= b)
        .unwrap_or(classes - 1)
        .min(classes - 1)
}

/// Type-7 quantile of sorted values.
fn quantile_sorted(sorted: &[f64], p: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

/// Fisher–Jenks exact optimisation on sorted values (`classes` ≤ number of distinct values).
fn jenks_sorted(x: &[f64], classes: usize) -> Vec<f64> {
    let n = x.len();
    // lower[l][j]: 1-based index of the first value of the last class, when the first l values form j
    // classes; cost[l][j]: the smallest within-class sum of squares of that partition.
    let mut lower = vec![vec![0usize; classes + 1]; n + 1];
    let mut cost = vec![vec![f64::INFINITY; classes + 1]; n + 1];
    for j in 1..=classes {
        lower[1][j] = 1;
        cost[1][j] = 0.0;
    }
    for l in 2..=n {
        let (mut sum, mut sum_sq, mut count) = (0.0, 0.0, 0.0);
        let mut last_ss = 0.0;
        for m in 1..=l {
            let first = l - m + 1; // the candidate last class is x[first..=l] (1-based)
            let v = x[first - 1];
            sum += v;
            sum_sq += v * v;
            count += 1.0;
            let ss = sum_sq - sum * sum / count;
            last_ss = ss;
            let before = first - 1;
            if before != 0 {
                for j in 2..=classes {
                    let candidate = ss + cost[before][j - 1];
                    if cost[l][j] >= candidate {
                        lower[l][j] = first;
                        cost[l][j] = candidate;
                    }
                }
            }
        }
        lower[l][1] = 1;
        cost[l][1] = last_ss;
    }
    let mut bounds = vec![0.0; classes + 1];
    bounds[0] = x[0];
    bounds[classes] = x[n - 1];
    let mut end = n;
    for j in (2..=classes).rev() {
        let first = lower[end][j];
        bounds[j - 1] = x[first - 2];
        end = first - 1;
    }
    bounds
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Expected bounds computed with jenkspy 0.4.1 (`jenks_breaks`) and numpy 2.4 (`quantile`, linear).
    fn check(values: &[f64], method: ClassMethod, classes: usize, expected: &[f64]) {
        let got = breaks(values, method, classes).unwrap();
        assert_eq!(
            got.len(),
            expected.len(),
            "{method:?} {classes}: {got:?} vs {expected:?}"
        );
        for (g, e) in got.iter().zip(expected) {
            assert!((g - e).abs() < 1e-9, "{method:?} {classes}: {got:?} vs {expected:?}");
        }
    }

    const A: [f64; 15] = [
        4.0, 5.0, 9.0, 10.0, 1.0, 2.0, 7.0, 12.0, 18.0, 21.0, 24.0, 25.0, 40.0, 41.0, 45.0,
    ];
    const B: [f64; 13] = [
        12.0, 13.5, 14.1, 20.2, 21.0, 22.7, 35.0, 36.1, 38.4, 50.2, 52.3, 70.0, 71.5,
    ];

    #[test]
    fn natural_breaks_match_jenkspy() {
        check(&A, ClassMethod::NaturalBreaks, 3, &[1.0, 12.0, 25.0, 45.0]);
        check(
            &[1.0, 2.0, 4.0, 5.0, 7.0, 9.0, 10.0, 20.0],
            ClassMethod::NaturalBreaks,
            3,
            &[1.0, 5.0, 10.0, 20.0],
        );
        check(&B, ClassMethod::NaturalBreaks, 4, &[12.0, 22.7, 38.4, 52.3, 71.5]);
    }

    #[test]
    fn natural_breaks_minimise_the_within_sum_of_squares() {
        // Brute force over every 3-class cut of a small set.
        let x = [3.0, 1.0, 8.0, 9.5, 2.2, 15.0, 14.0, 30.0, 5.5];
        let mut s = x.to_vec();
        s.sort_by(f64::total_cmp);
        let ss = |c: &[f64]| {
            let m = c.iter().sum::<f64>() / c.len() as f64;
            c.iter().map(|v| (v - m).powi(2)).sum::<f64>()
        };
        let mut best = f64::INFINITY;
        for i in 1..s.len() - 1 {
            for j in i + 1..s.len() {
                best = best.min(ss(&s[..i]) + ss(&s[i..j]) + ss(&s[j..]));
            }
        }
        let b = breaks(&x, ClassMethod::NaturalBreaks, 3).unwrap();
        let mut classes = vec![Vec::new(); 3];
        for v in s {
            classes[class_of(v, &b)].push(v);
        }
        let got: f64 = classes.iter().map(|c| ss(c)).sum();
        assert!((got - best).abs() < 1e-9, "{got} vs {best}");
    }

    #[test]
    fn quantiles_match_numpy() {
        check(&B, ClassMethod::Quantile, 4, &[12.0, 20.2, 35.0, 50.2, 71.5]);
        // Ties merge bounds.
        check(&[1.0, 1.0, 1.0, 1.0, 2.0], ClassMethod::Quantile, 4, &[1.0, 2.0]);
    }

    #[test]
    fn equal_intervals_split_the_range() {
        check(&B, ClassMethod::EqualInterval, 4, &[12.0, 26.875, 41.75, 56.625, 71.5]);
    }

    #[test]
    fn classes_are_upper_inclusive() {
        let b = [1.0, 12.0, 25.0, 45.0];
        assert_eq!(class_of(1.0, &b), 0);
        assert_eq!(class_of(12.0, &b), 0);
        assert_eq!(class_of(12.5, &b), 1);
        assert_eq!(class_of(45.0, &b), 2);
        assert_eq!(class_of(99.0, &b), 2);
        assert_eq!(class_of(-1.0, &b), 0);
    }

    #[test]
    fn degenerate_input_is_an_error() {
        assert!(matches!(
            breaks(&[], ClassMethod::Quantile, 3),
            Err(Error::Degenerate(_))
        ));
        assert!(matches!(
            breaks(&[1.0, f64::NAN], ClassMethod::Quantile, 3),
            Err(Error::Domain(_))
        ));
        assert!(matches!(
            breaks(&[1.0, 2.0], ClassMethod::Quantile, 0),
            Err(Error::Settings(_))
        ));
        assert!(matches!(
            breaks(&[1.0, 1.0, 2.0], ClassMethod::NaturalBreaks, 3),
            Err(Error::Degenerate(_))
        ));
        assert_eq!(breaks(&[5.0], ClassMethod::EqualInterval, 1).unwrap(), vec![5.0, 5.0]);
    }
}
