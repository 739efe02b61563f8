//! Aggregation: combine children's scores into their parent's score.

use serde::{Deserialize, Serialize};

use crate::Result;

/// What to do with zeros and negatives in a geometric or harmonic mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NonPositivePolicy {
    /// Return an error naming the first offending row.
    #[default]
    Error,
    /// Treat that child as missing for that unit (counted in the result notes).
    Exclude,
    /// Shift every child column by the same constant so its minimum is 1 (document the shift).
    Shift,
}

/// An aggregation method.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum Aggregator {
    /// Weighted arithmetic mean, weights re-normalised over present children (COINr `a_amean`).
    Arithmetic,
    /// Weighted geometric mean.
    Geometric {
        /// Zeros and negatives.
        #[serde(default)]
        non_positive: NonPositivePolicy,
    },
    /// Weighted harmonic mean.
    Harmonic {
        /// Zeros and negatives.
        #[serde(default)]
        non_positive: NonPositivePolicy,
    },
    /// Weighted generalised (power) mean of order `p` (p = 1 arithmetic, 0 geometric, -1 harmonic).
    Generalised {
        /// The order.
        p: f64,
    },
    /// TOPSIS relative closeness to the ideal solution (in [0, 1]).
    Topsis,
    /// Copeland: pairwise outranking wins minus losses, weighted by children's weights.
    Copeland,
}

impl Default for Aggregator {
    fn default() -> Self {
        Self::Arithmetic
    }
}

/// Output of an aggregation.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Aggregated {
    /// One score per row (`None` = too little data).
    pub scores: Vec<Option<f64>>,
    /// Number of cells excluded under [`NonPositivePolicy::Exclude`].
    pub excluded: usize,
}

impl Aggregator {
    /// Aggregates `children` (each a column over the same rows) with `weights` (one per child, >= 0, not
    /// all zero). A row's score is `None` if the share of present children is below `min_share` (0..=1;
    /// 0 = any one child suffices) or no child is present.
    ///
    /// # Errors
    /// Zeros or negatives under [`NonPositivePolicy::Error`]; mismatched lengths.
    pub fn apply(&self, children: &[&[Option<f64>]], weights: &[f64], min_share: f64) -> Result<Aggregated> {
        let _ = (children, weights, min_share);
        Err(crate::Error::Settings(format!("aggregator {self:?} is not implemented yet")))
    }
}
