//! Shared validation for the inequality measures: finite values, the zero and negative policy, and
//! population weights turned into shares.

use crate::{Error, Result};

/// How the units were weighted when a measure was computed.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Weighting {
    /// Every unit counts once (population share `p_i = 1/n`).
    Unweighted,
    /// Every unit counts in proportion to its population (`p_i = w_i / Σ w`).
    Population {
        /// The sum of the weights of the units used, `Σ w`.
        total: f64,
    },
}

/// A scalar inequality measure with what it was computed from.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Measure {
    /// The measure.
    pub value: f64,
    /// The (weighted) mean `μ` of the units used.
    pub mean: f64,
    /// Number of units used (those with a positive weight).
    pub n: usize,
    /// Number of zero values among them (each measure documents how zeros enter).
    pub n_zero: usize,
    /// How units were weighted.
    pub weighting: Weighting,
}

/// The divisor of a variance: `n` (population) or `n − 1` (sample).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ddof {
    /// Divide by `n` (the units are the whole population, as the 13 prefectures are).
    Population,
    /// Divide by `n − 1` (the units are a sample); with population weights the Stata `aweight`
    /// convention is used: `n/(n−1) · Σ p_i (y_i − μ)²`.
    Sample,
}

/// What a measure accepts at zero: the policy each measure documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Zeros {
    /// Zeros are valid values (0·ln 0 = 0 and 0^α = 0 for α > 0 are taken as their limits).
    Allowed,
    /// A zero is an [`Error::Domain`]: the measure takes `ln y` or `y^α` with α ≤ 0.
    Rejected,
}

/// A validated sample: the values with a positive weight, their population shares and the mean.
#[derive(Debug, Clone)]
pub(crate) struct Sample {
    /// Values of the units with a positive weight, in input order.
    pub y: Vec<f64>,
    /// Population shares `p_i`, summing to one; `None` when unweighted (`p_i = 1/n`).
    pub p: Option<Vec<f64>>,
    /// The (weighted) mean `μ = Σ p_i y_i`.
    pub mean: f64,
    /// `Σ y_i` when unweighted (`PySAL`'s denominator of the value shares); `n μ` when weighted.
    pub total: f64,
    /// Number of zero values among the units used.
    pub n_zero: usize,
    /// The weighting, for the result struct.
    pub weighting: Weighting,
}

impl Sample {
    /// Number of units used.
    pub fn n(&self) -> usize {
        self.y.len()
    }
    /// Population share of unit `i`.
    pub fn share(&self, i: usize) -> f64 {
        match &self.p {
            Some(p) => p[i],
            None => 1.0 / self.y.len() as f64,
        }
    }
}

/// Checks that `v` has at least two units, all finite.
pub(crate) fn check_finite_len(what: &str, v: &[f64]) -> Result<()> {
    if v.len() < 2 {
        return Err(Error::Degenerate(format!(
            "{what} needs at least two units, got {}; pass the values of two or more regions",
            v.len()
        )));
    }
    if let Some(i) = v.iter().position(|x| !x.is_finite()) {
        return Err(Error::Domain(format!(
            "{what}: value {i} is {}; impute or drop missing values before measuring inequality",
            v[i]
        )));
    }
    Ok(())
}

/// Checks that `v` is finite, has at least two units, and has no negative value.
pub(crate) fn check_values(what: &str, v: &[f64]) -> Result<()> {
    check_finite_len(what, v)?;
    if let Some(i) = v.iter().position(|&x| x < 0.0) {
        return Err(Error::Domain(format!(
            "{what}: value {i} is negative ({}); inequality measures need non-negative values (shift or \
             rescale the indicator, e.g. min-max to [0, 100])",
            v[i]
        )));
    }
    Ok(())
}

/// Validates values and optional population weights into a [`Sample`].
///
/// Units with a zero weight are dropped. Errors: fewer than two units (with positive weight),
/// non-finite or negative values, zeros under [`Zeros::Rejected`], weights of the wrong length,
/// negative or non-finite, or a zero total.
pub(crate) fn prepare(what: &str, v: &[f64], weights: Option<&[f64]>, zeros: Zeros) -> Result<Sample> {
    check_values(what, v)?;
    if zeros == Zeros::Rejected
        && let Some(i) = v.iter().position(|&x| x == 0.0)
    {
        return Err(Error::Domain(format!(
            "{what}: value {i} is zero and this measure takes its logarithm (or a negative power); \
             use a measure that accepts zeros (Gini, Theil T) or add a documented offset"
        )));
    }
    let sample = match weights {
        None => {
            let total: f64 = v.iter().sum();
            let mean = total / v.len() as f64;
            Sample {
                y: v.to_vec(),
                p: None,
                mean,
                total,
                n_zero: v.iter().filter(|&&x| x == 0.0).count(),
                weighting: Weighting::Unweighted,
            }
        }
        Some(w) => {
            let (y, p, w_total) = weight_shares(what, v, w)?;
            if y.len() < 2 {
                return Err(Error::Degenerate(format!(
                    "{what} needs at least two units with a positive weight, got {}",
                    y.len()
                )));
            }
            let mean: f64 = y.iter().zip(&p).map(|(y, p)| y * p).sum();
            Sample {
                n_zero: y.iter().filter(|&&x| x == 0.0).count(),
                total: mean * y.len() as f64,
                y,
                p: Some(p),
                mean,
                weighting: Weighting::Population { total: w_total },
            }
        }
    };
    if sample.mean <= 0.0 {
        return Err(Error::Degenerate(format!(
            "{what}: every value is zero, so the mean is zero and relative inequality is undefined"
        )));
    }
    Ok(sample)
}

/// Checks weights and returns the values and shares of the units with a positive weight, and `Σ w`.
pub(crate) fn weight_shares(what: &str, v: &[f64], w: &[f64]) -> Result<(Vec<f64>, Vec<f64>, f64)> {
    if w.len() != v.len() {
        return Err(Error::Domain(format!(
            "{what}: {} weights for {} values; pass one population weight per unit",
            w.len(),
            v.len()
        )));
    }
    if let Some(i) = w.iter().position(|x| !x.is_finite() || *x < 0.0) {
        return Err(Error::Domain(format!(
            "{what}: weight {i} is {}; population weights must be finite and non-negative",
            w[i]
        )));
    }
    let total: f64 = w.iter().sum();
    if total <= 0.0 {
        return Err(Error::Degenerate(format!("{what}: every weight is zero")));
    }
    let mut y = Vec::with_capacity(v.len());
    let mut p = Vec::with_capacity(v.len());
    for (&x, &wi) in v.iter().zip(w) {
        if wi > 0.0 {
            y.push(x);
            p.push(wi / total);
        }
    }
    Ok((y, p, total))
}

/// Distinct group labels in sorted order and, for each unit, the index of its label.
pub(crate) fn group_index<L: Ord + Clone>(what: &str, n: usize, groups: &[L]) -> Result<(Vec<L>, Vec<usize>)> {
    if groups.len() != n {
        return Err(Error::Domain(format!(
            "{what}: {} group labels for {n} values; pass one label per unit",
            groups.len()
        )));
    }
    let mut labels: Vec<L> = groups.to_vec();
    labels.sort();
    labels.dedup();
    let index = groups.iter().map(|g| labels.binary_search(g).unwrap_or(0)).collect();
    Ok((labels, index))
}

/// Indices that sort `y` ascending (ties keep input order, so results are deterministic).
pub(crate) fn argsort(y: &[f64]) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..y.len()).collect();
    idx.sort_by(|&a, &b| y[a].total_cmp(&y[b]));
    idx
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prepare_drops_zero_weights_and_rejects_bad_input() {
        let s = prepare("t", &[1.0, 2.0, 3.0], Some(&[1.0, 0.0, 1.0]), Zeros::Allowed).unwrap();
        assert_eq!(s.y, vec![1.0, 3.0]);
        assert!((s.mean - 2.0).abs() < 1e-15);
        assert!(matches!(
            prepare("t", &[1.0], None, Zeros::Allowed),
            Err(Error::Degenerate(_))
        ));
        assert!(matches!(
            prepare("t", &[1.0, -1.0], None, Zeros::Allowed),
            Err(Error::Domain(_))
        ));
        assert!(matches!(
            prepare("t", &[1.0, f64::NAN], None, Zeros::Allowed),
            Err(Error::Domain(_))
        ));
        assert!(matches!(
            prepare("t", &[0.0, 0.0], None, Zeros::Allowed),
            Err(Error::Degenerate(_))
        ));
        assert!(matches!(
            prepare("t", &[0.0, 1.0], None, Zeros::Rejected),
            Err(Error::Domain(_))
        ));
        assert!(matches!(
            prepare("t", &[1.0, 2.0], Some(&[1.0]), Zeros::Allowed),
            Err(Error::Domain(_))
        ));
        assert!(matches!(
            prepare("t", &[1.0, 2.0], Some(&[1.0, -1.0]), Zeros::Allowed),
            Err(Error::Domain(_))
        ));
    }
}
