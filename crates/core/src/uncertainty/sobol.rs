//! [`sobol_indices`]: variance-based sensitivity analysis — how much of the output's variance each
//! input explains alone (first order) and with its interactions (total effect).

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::quantile::quantile_type7;
use super::rng::{below, stream_rng, uniform01};
use crate::{Error, Result};

/// The distribution of one model input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InputDistribution {
    /// Uniform on `[low, high)`.
    Uniform {
        /// Lower bound.
        low: f64,
        /// Upper bound (`> low`).
        high: f64,
    },
    /// One of these values, each equally likely (e.g. the index of a normaliser in a list).
    Choice(Vec<f64>),
}

impl InputDistribution {
    /// The value at uniform draw `u` in `[0, 1)`.
    fn at(&self, u: f64) -> f64 {
        match self {
            Self::Uniform { low, high } => low + (high - low) * u,
            Self::Choice(values) => values[((u * values.len() as f64) as usize).min(values.len() - 1)],
        }
    }

    fn check(&self, i: usize) -> Result<()> {
        match self {
            Self::Uniform { low, high } if !(low.is_finite() && high.is_finite() && low < high) => {
                Err(Error::Settings(format!(
                    "input {}: uniform bounds [{low}, {high}) need low < high",
                    i + 1
                )))
            }
            Self::Choice(v) if v.is_empty() || v.iter().any(|x| !x.is_finite()) => Err(Error::Settings(format!(
                "input {}: a choice needs at least one value, all finite",
                i + 1
            ))),
            _ => Ok(()),
        }
    }
}

/// Sample sizes and seed of a Sobol analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SobolSpec {
    /// Base sample size `N` (rows of each of the matrices A and B); the model runs `N (p + 2)` times.
    pub base_samples: usize,
    /// Seed: the base samples come from stream `(seed, 0)`, bootstrap resample `b` from `(seed, b + 1)`.
    pub seed: u64,
    /// Number of bootstrap resamples for the confidence intervals (at least 1).
    pub bootstrap: usize,
    /// Confidence level of the percentile intervals, in `(0, 1)`.
    pub confidence: f64,
}

impl Default for SobolSpec {
    fn default() -> Self {
        Self {
            base_samples: 4096,
            seed: 1,
            bootstrap: 500,
            confidence: 0.95,
        }
    }
}

/// An estimated sensitivity index with its bootstrap percentile interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SobolIndex {
    /// Point estimate.
    pub estimate: f64,
    /// Lower end of the interval.
    pub low: f64,
    /// Upper end of the interval.
    pub high: f64,
}

/// First-order and total-effect indices, one per input in input order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SobolResults {
    /// First-order indices `S_i` (share of variance due to input `i` alone).
    pub first_order: Vec<SobolIndex>,
    /// Total-effect indices `ST_i` (share due to input `i` and all its interactions).
    pub total: Vec<SobolIndex>,
    /// Variance of the output over the base samples.
    pub variance: f64,
    /// Number of model evaluations, `N (p + 2)`.
    pub evaluations: usize,
}

/// Sobol sensitivity indices of `model` over independent `inputs`, by Saltelli's sampling scheme with
/// plain seeded pseudo-random (`ChaCha8`) samples — not a quasi-random Sobol sequence — and bootstrap
/// percentile intervals.
///
/// `A` and `B` are `N x p` sample matrices; `A_B^(i)` is `A` with column `i` taken from `B`.
///
/// ```text
/// V    = Var[f(A), f(B)]                                                (over all 2N values)
/// S_i  = (1/N)  sum_j f(B)_j (f(A_B^(i))_j - f(A)_j) / V                (Saltelli et al. 2010)
/// ST_i = (1/2N) sum_j (f(A)_j - f(A_B^(i))_j)^2 / V                     (Jansen 1999)
/// interval: type-7 quantiles (1 - c)/2 and (1 + c)/2 of the indices over bootstrap resamples of j
/// ```
///
/// Reference: Saltelli, Annoni, Azzini, Campolongo, Ratto & Tarantola (2010), "Variance based
/// sensitivity analysis of model output. Design and estimator for the total sensitivity index",
/// Computer Physics Communications 181(2), 259-270 (Table 2, estimators (b) and (f)).
///
/// Runs the model in parallel (rayon); results are bit-identical for the same seed whatever the
/// thread count.
///
/// # Errors
/// [`Error::Settings`] for no input, bad bounds or choices, `N < 2`, no bootstrap resample, or a
/// confidence outside `(0, 1)`; [`Error::Domain`] when the model returns a non-finite value (naming
/// the sample); [`Error::Degenerate`] when the output does not vary.
///
/// # Example
/// ```
/// use govgap::uncertainty::{sobol_indices, InputDistribution, SobolSpec};
/// let inputs = vec![InputDistribution::Uniform { low: 0.0, high: 1.0 }; 2];
/// let spec = SobolSpec { base_samples: 512, bootstrap: 50, ..SobolSpec::default() };
/// // only the first input matters
/// let r = sobol_indices(|x: &[f64]| 3.0 * x[0], &inputs, &spec)?;
/// assert!((r.first_order[0].estimate - 1.0).abs() < 0.1);
/// assert_eq!(r.total[1].estimate, 0.0);
/// # Ok::<(), govgap::Error>(())
/// ```
pub fn sobol_indices<F>(model: F, inputs: &[InputDistribution], spec: &SobolSpec) -> Result<SobolResults>
where
    F: Fn(&[f64]) -> f64 + Sync,
{
    let p = inputs.len();
    let n = spec.base_samples;
    if p == 0 {
        return Err(Error::Settings(
            "a sensitivity analysis needs at least one input".into(),
        ));
    }
    for (i, d) in inputs.iter().enumerate() {
        d.check(i)?;
    }
    if n < 2 || spec.bootstrap == 0 || !(spec.confidence > 0.0 && spec.confidence < 1.0) {
        return Err(Error::Settings(format!(
            "Sobol analysis needs at least 2 base samples (got {n}), at least one bootstrap resample (got {}) and a confidence in (0, 1) (got {})",
            spec.bootstrap, spec.confidence
        )));
    }
    // A and B, row by row from one stream
    let mut rng = stream_rng(spec.seed, 0);
    let mut a = Vec::with_capacity(n * p);
    let mut b = Vec::with_capacity(n * p);
    for _ in 0..n {
        a.extend(inputs.iter().map(|d| d.at(uniform01(&mut rng))));
        b.extend(inputs.iter().map(|d| d.at(uniform01(&mut rng))));
    }
    // per row j: f(A_j), f(B_j), f(A_B^(1)_j) .. f(A_B^(p)_j)
    let rows: Vec<Result<Vec<f64>>> = (0..n)
        .into_par_iter()
        .map(|j| {
            let (aj, bj) = (&a[j * p..(j + 1) * p], &b[j * p..(j + 1) * p]);
            let mut out = Vec::with_capacity(p + 2);
            out.push(model(aj));
            out.push(model(bj));
            let mut mixed = aj.to_vec();
            for i in 0..p {
                mixed[i] = bj[i];
                out.push(model(&mixed));
                mixed[i] = aj[i];
            }
            match out.iter().position(|y| !y.is_finite()) {
                Some(pos) => Err(Error::Domain(format!(
                    "the model returned {} for base sample {} ({})",
                    out[pos],
                    j + 1,
                    match pos {
                        0 => "matrix A".to_string(),
                        1 => "matrix B".to_string(),
                        i => format!("A with input {} from B", i - 1),
                    }
                ))),
                None => Ok(out),
            }
        })
        .collect();
    let mut f = Vec::with_capacity(n * (p + 2));
    for row in rows {
        f.extend(row?);
    }
    let all: Vec<usize> = (0..n).collect();
    let Estimate { first, total, variance } = estimate(&f, p, &all);
    if variance.is_nan() || variance <= 0.0 {
        return Err(Error::Degenerate(
            "the model output does not vary over the samples".into(),
        ));
    }
    let boots: Vec<Estimate> = (0..spec.bootstrap)
        .into_par_iter()
        .map(|r| {
            let mut rng = stream_rng(spec.seed, r as u64 + 1);
            let idx: Vec<usize> = (0..n).map(|_| below(&mut rng, n)).collect();
            estimate(&f, p, &idx)
        })
        .filter(|e| e.variance > 0.0)
        .collect();
    let (lo_p, hi_p) = ((1.0 - spec.confidence) / 2.0, f64::midpoint(1.0, spec.confidence));
    let interval = |point: f64, pick: &dyn Fn(&Estimate) -> f64| {
        let mut v: Vec<f64> = boots.iter().map(pick).collect();
        v.sort_by(f64::total_cmp);
        SobolIndex {
            estimate: point,
            low: quantile_type7(&v, lo_p).unwrap_or(point),
            high: quantile_type7(&v, hi_p).unwrap_or(point),
        }
    };
    Ok(SobolResults {
        first_order: (0..p).map(|i| interval(first[i], &|e| e.first[i])).collect(),
        total: (0..p).map(|i| interval(total[i], &|e| e.total[i])).collect(),
        variance,
        evaluations: n * (p + 2),
    })
}

/// Indices estimated on one set of base rows.
struct Estimate {
    first: Vec<f64>,
    total: Vec<f64>,
    variance: f64,
}

/// First-order and total indices and the variance over the base rows `idx` (with repetition).
fn estimate(f: &[f64], p: usize, idx: &[usize]) -> Estimate {
    let w = p + 2;
    let m = idx.len() as f64;
    let mean = idx.iter().map(|&j| f[j * w] + f[j * w + 1]).sum::<f64>() / (2.0 * m);
    let variance = idx
        .iter()
        .map(|&j| {
            let (da, db) = (f[j * w] - mean, f[j * w + 1] - mean);
            da * da + db * db
        })
        .sum::<f64>()
        / (2.0 * m);
    let mut first = vec![0.0; p];
    let mut total = vec![0.0; p];
    for &j in idx {
        let (fa, fb) = (f[j * w], f[j * w + 1]);
        for i in 0..p {
            let fab = f[j * w + 2 + i];
            first[i] += fb * (fab - fa);
            total[i] += (fa - fab) * (fa - fab);
        }
    }
    for i in 0..p {
        first[i] /= m * variance;
        total[i] /= 2.0 * m * variance;
    }
    Estimate { first, total, variance }
}

#[cfg(test)]
mod tests {
    use std::f64::consts::PI;

    use super::*;

    fn ishigami(x: &[f64]) -> f64 {
        let (a, b) = (7.0, 0.1);
        x[0].sin() + a * x[1].sin().powi(2) + b * x[2].powi(4) * x[0].sin()
    }

    #[test]
    fn ishigami_matches_the_analytic_indices() {
        let inputs = vec![InputDistribution::Uniform { low: -PI, high: PI }; 3];
        let spec = SobolSpec {
            base_samples: 1 << 13,
            seed: 2024,
            bootstrap: 200,
            confidence: 0.95,
        };
        let r = sobol_indices(ishigami, &inputs, &spec).unwrap();
        let first = [0.3139, 0.4424, 0.0];
        let total = [0.5576, 0.4424, 0.2437];
        for i in 0..3 {
            let (s, t) = (r.first_order[i], r.total[i]);
            assert!(
                s.low <= first[i] && first[i] <= s.high,
                "S{}: {s:?} vs {}",
                i + 1,
                first[i]
            );
            assert!(
                t.low <= total[i] && total[i] <= t.high,
                "ST{}: {t:?} vs {}",
                i + 1,
                total[i]
            );
            assert!((s.estimate - first[i]).abs() < 0.05 && (t.estimate - total[i]).abs() < 0.05);
        }
        assert_eq!(r.evaluations, 5 << 13);
        // analytic variance: a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2
        let v = 49.0 / 8.0 + 0.1 * PI.powi(4) / 5.0 + 0.01 * PI.powi(8) / 18.0 + 0.5;
        assert!((r.variance - v).abs() / v < 0.05, "{} vs {v}", r.variance);
    }

    #[test]
    fn seeded_thread_independent_and_discrete_inputs() {
        let inputs = vec![
            InputDistribution::Choice(vec![0.0, 1.0, 2.0]),
            InputDistribution::Uniform { low: 0.0, high: 1.0 },
        ];
        let spec = SobolSpec {
            base_samples: 256,
            bootstrap: 20,
            ..SobolSpec::default()
        };
        let model = |x: &[f64]| x[0] * 2.0 + x[1];
        let a = sobol_indices(model, &inputs, &spec).unwrap();
        let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
        let b = pool.install(|| sobol_indices(model, &inputs, &spec)).unwrap();
        assert_eq!(a, b);
        // additive model: first order = total; Var(2 x0) = 4 * 2/3, Var(x1) = 1/12
        let s0 = (8.0 / 3.0) / (8.0 / 3.0 + 1.0 / 12.0);
        assert!((a.first_order[0].estimate - s0).abs() < 0.1, "{a:?}");
        assert!((a.total[0].estimate - s0).abs() < 0.1, "{a:?}");
    }

    #[test]
    fn rejects_bad_input() {
        let u = InputDistribution::Uniform { low: 0.0, high: 1.0 };
        let spec = SobolSpec {
            base_samples: 16,
            bootstrap: 5,
            ..SobolSpec::default()
        };
        assert!(sobol_indices(|_: &[f64]| 1.0, std::slice::from_ref(&u), &spec).is_err());
        assert!(sobol_indices(|x: &[f64]| x[0], &[], &spec).is_err());
        assert!(sobol_indices(|x: &[f64]| x[0], &[InputDistribution::Choice(vec![])], &spec).is_err());
        let bad = InputDistribution::Uniform { low: 1.0, high: 1.0 };
        assert!(sobol_indices(|x: &[f64]| x[0], &[bad], &spec).is_err());
        let e = sobol_indices(|x: &[f64]| 1.0 / (x[0] - x[0]), std::slice::from_ref(&u), &spec).unwrap_err();
        assert!(e.to_string().contains("base sample 1"), "{e}");
        let no_boot = SobolSpec { bootstrap: 0, ..spec };
        assert!(sobol_indices(|x: &[f64]| x[0], &[u], &no_boot).is_err());
    }
}
