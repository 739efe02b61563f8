//! [`UaDesign`]: a Monte Carlo design in matrix form, one row per replication, as written in the
//! benchmark kit's `ua_design_<size>_R<reps>.csv` (`rep, norm, m_<indicator>…, q_<dimension>…`).
//!
//! Replaying a design file lets any implementation reproduce the same uncertainty results exactly;
//! [`replay_design`](super::replay_design) is the fast kernel that does it. Reading the CSV lives in
//! [`crate::io`]; this module only holds the validated matrices.

use super::rng::{noisy_multiplier, stream_rng};
use crate::{Error, Result};

/// Normalisation used in one replication of a design.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DesignNorm {
    /// Min-max to `[0, 100]` (design code `0`).
    ///
    /// ```text
    /// z = (v - min v) / (max v - min v) * 100,   v = direction * x
    /// ```
    MinMax0To100,
    /// z-score with the sample standard deviation (design code `1`).
    ///
    /// ```text
    /// z = (v - mean v) / sd v,   sd over n - 1,   v = direction * x
    /// ```
    ZScore,
}

impl DesignNorm {
    /// The normalisation of a design-file code (`0` min-max, `1` z-score); `None` for other codes.
    ///
    /// # Example
    /// ```
    /// use govgap::uncertainty::DesignNorm;
    /// assert_eq!(DesignNorm::from_code(1), Some(DesignNorm::ZScore));
    /// assert_eq!(DesignNorm::from_code(2), None);
    /// ```
    #[must_use]
    pub fn from_code(code: u8) -> Option<Self> {
        match code {
            0 => Some(Self::MinMax0To100),
            1 => Some(Self::ZScore),
            _ => None,
        }
    }

    /// The design-file code (`0` min-max, `1` z-score).
    ///
    /// # Example
    /// ```
    /// use govgap::uncertainty::DesignNorm;
    /// assert_eq!(DesignNorm::MinMax0To100.code(), 0);
    /// ```
    #[must_use]
    pub fn code(self) -> u8 {
        match self {
            Self::MinMax0To100 => 0,
            Self::ZScore => 1,
        }
    }
}

/// A validated Monte Carlo design: for each of `reps` replications a normalisation, `k` indicator
/// weight multipliers and `d` dimension weight multipliers.
///
/// In replication `r` the weight of indicator `c` is `m[r, c]` (the base weights are equal) and the
/// weight of dimension `j` is `q[r, j]`:
///
/// ```text
/// S_j  = sum_{c in j, x_c present} z_c m[r, c] / sum_{c in j, x_c present} m[r, c]
/// I    = sum_j S_j q[r, j] / sum_j q[r, j]
/// ```
///
/// Reference: Saisana, Saltelli & Tarantola (2005), "Uncertainty and sensitivity analysis techniques
/// as tools for the quality assessment of composite indicators", J. R. Stat. Soc. A 168(2); `COINr`'s
/// `get_sensitivity` (noisy weights, alternative normalisations).
///
/// Invariants: at least one replication, `k >= 1`, `d >= 1`; every multiplier is finite and `> 0`
/// (so every weighted mean is defined).
#[derive(Debug, Clone, PartialEq)]
pub struct UaDesign {
    norm: Vec<DesignNorm>,
    m: Vec<f64>,
    q: Vec<f64>,
    k: usize,
    d: usize,
}

impl UaDesign {
    /// Validates a design: `norm` has one code per replication (`0` min-max [0, 100], `1` z-score),
    /// `m` is `reps x k` row-major (indicator multipliers), `q` is `reps x d` row-major (dimension
    /// multipliers).
    ///
    /// # Errors
    /// [`Error::Settings`] naming the replication (1-based, as the design file's `rep` column) and the
    /// column when a code is not 0 or 1, a multiplier is not finite and positive, or a matrix does not
    /// have `reps * k` (`reps * d`) entries; also when there is no replication or `k` or `d` is zero.
    ///
    /// # Example
    /// ```
    /// use govgap::uncertainty::UaDesign;
    /// // two replications, three indicators, two dimensions
    /// let design = UaDesign::new(&[0, 1], vec![1.0; 6], vec![1.0, 0.9, 1.1, 1.0], 3, 2)?;
    /// assert_eq!(design.reps(), 2);
    /// assert_eq!(design.dimension_multipliers(1), Some(&[1.1, 1.0][..]));
    /// assert!(UaDesign::new(&[2], vec![1.0; 3], vec![1.0; 2], 3, 2).is_err());
    /// # Ok::<(), govgap::Error>(())
    /// ```
    pub fn new(norm: &[u8], m: Vec<f64>, q: Vec<f64>, k: usize, d: usize) -> Result<Self> {
        let reps = norm.len();
        if reps == 0 || k == 0 || d == 0 {
            return Err(Error::Settings(format!(
                "a design needs at least one replication, one indicator and one dimension (got {reps} replication(s), {k} indicator(s), {d} dimension(s))"
            )));
        }
        if m.len() != reps * k {
            return Err(Error::Settings(format!(
                "the indicator multipliers hold {} values, but {reps} replications x {k} indicators need {}",
                m.len(),
                reps * k
            )));
        }
        if q.len() != reps * d {
            return Err(Error::Settings(format!(
                "the dimension multipliers hold {} values, but {reps} replications x {d} dimensions need {}",
                q.len(),
                reps * d
            )));
        }
        let mut codes = Vec::with_capacity(reps);
        for (r, &c) in norm.iter().enumerate() {
            codes.push(DesignNorm::from_code(c).ok_or_else(|| {
                Error::Settings(format!(
                    "design replication {}: norm code {c} is not 0 (min-max) or 1 (z-score)",
                    r + 1
                ))
            })?);
        }
        for (what, values, width) in [("indicator multiplier m", &m, k), ("dimension multiplier q", &q, d)] {
            if let Some(pos) = values.iter().position(|v| !(v.is_finite() && *v > 0.0)) {
                return Err(Error::Settings(format!(
                    "design replication {}: {what} number {} is {}, but multipliers must be finite and > 0",
                    pos / width + 1,
                    pos % width + 1,
                    values[pos]
                )));
            }
        }
        Ok(Self {
            norm: codes,
            m,
            q,
            k,
            d,
        })
    }

    /// A seeded random design in the benchmark kit's form: each replication picks min-max or z-score
    /// with probability 1/2 and draws every multiplier uniformly from `[1 - noise, 1 + noise)`.
    /// Replication `r` draws from its own stream `(seed, r)`, so the first `R` replications of a
    /// longer design equal a design of `R` replications.
    ///
    /// ```text
    /// norm_r ~ Bernoulli(1/2),   m[r, c], q[r, j] ~ U(1 - noise, 1 + noise)
    /// ```
    ///
    /// # Errors
    /// [`Error::Settings`] when `noise` is not in `[0, 1)`, or as [`UaDesign::new`].
    ///
    /// # Example
    /// ```
    /// use govgap::uncertainty::UaDesign;
    /// let a = UaDesign::random(100, 4, 2, 0.25, 42)?;
    /// let b = UaDesign::random(10, 4, 2, 0.25, 42)?;
    /// assert_eq!(a.indicator_multipliers(9), b.indicator_multipliers(9));
    /// assert!(a.indicator_multipliers(0).unwrap().iter().all(|m| (0.75..1.25).contains(m)));
    /// # Ok::<(), govgap::Error>(())
    /// ```
    pub fn random(reps: usize, k: usize, d: usize, noise: f64, seed: u64) -> Result<Self> {
        if !(0.0..1.0).contains(&noise) {
            return Err(Error::Settings(format!("design noise {noise} must lie in [0, 1)")));
        }
        let mut norm = Vec::with_capacity(reps);
        let mut m = Vec::with_capacity(reps * k);
        let mut q = Vec::with_capacity(reps * d);
        for r in 0..reps {
            let mut rng = stream_rng(seed, r as u64);
            norm.push(u8::from(super::rng::uniform01(&mut rng) >= 0.5));
            m.extend((0..k).map(|_| noisy_multiplier(&mut rng, noise)));
            q.extend((0..d).map(|_| noisy_multiplier(&mut rng, noise)));
        }
        Self::new(&norm, m, q, k, d)
    }

    /// Number of replications.
    #[must_use]
    pub fn reps(&self) -> usize {
        self.norm.len()
    }

    /// Number of indicators (columns of the indicator multipliers).
    #[must_use]
    pub fn k(&self) -> usize {
        self.k
    }

    /// Number of dimensions (columns of the dimension multipliers).
    #[must_use]
    pub fn d(&self) -> usize {
        self.d
    }

    /// The normalisation of every replication.
    #[must_use]
    pub fn norms(&self) -> &[DesignNorm] {
        &self.norm
    }

    /// The indicator multipliers of replication `rep` (0-based), or `None` past the end.
    #[must_use]
    pub fn indicator_multipliers(&self, rep: usize) -> Option<&[f64]> {
        self.m.get(rep * self.k..(rep + 1) * self.k)
    }

    /// The dimension multipliers of replication `rep` (0-based), or `None` past the end.
    #[must_use]
    pub fn dimension_multipliers(&self, rep: usize) -> Option<&[f64]> {
        self.q.get(rep * self.d..(rep + 1) * self.d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_checks_shapes_codes_and_values() {
        assert!(UaDesign::new(&[0, 1], vec![1.0; 6], vec![1.0; 4], 3, 2).is_ok());
        assert!(UaDesign::new(&[], vec![], vec![], 3, 2).is_err());
        assert!(UaDesign::new(&[0], vec![1.0; 2], vec![1.0; 2], 3, 2).is_err());
        assert!(UaDesign::new(&[0], vec![1.0; 3], vec![1.0; 3], 3, 2).is_err());
        let e = UaDesign::new(&[0, 0], vec![1.0, 1.0, 1.0, 1.0, 0.0, 1.0], vec![1.0; 4], 3, 2).unwrap_err();
        assert!(e.to_string().contains("replication 2"), "{e}");
        assert!(e.to_string().contains("number 2"), "{e}");
        assert!(UaDesign::new(&[0], vec![f64::NAN; 3], vec![1.0; 2], 3, 2).is_err());
        assert!(UaDesign::new(&[3], vec![1.0; 3], vec![1.0; 2], 3, 2).is_err());
    }

    #[test]
    fn random_is_seeded_and_prefix_stable() {
        let a = UaDesign::random(50, 5, 3, 0.2, 9).unwrap();
        let b = UaDesign::random(50, 5, 3, 0.2, 9).unwrap();
        assert_eq!(a, b);
        let c = UaDesign::random(20, 5, 3, 0.2, 9).unwrap();
        assert_eq!(a.norms()[..20], c.norms()[..]);
        assert_eq!(a.dimension_multipliers(19), c.dimension_multipliers(19));
        assert_ne!(a, UaDesign::random(50, 5, 3, 0.2, 10).unwrap());
        let zs = a.norms().iter().filter(|&&n| n == DesignNorm::ZScore).count();
        assert!(zs > 10 && zs < 40, "{zs}");
        assert!(UaDesign::random(5, 2, 1, 1.0, 0).is_err());
        assert_eq!(a.indicator_multipliers(50), None);
    }
}
