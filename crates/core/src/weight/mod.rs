//! Weighting schemes: how much each indicator (or aggregate) counts within its parent.

use serde::{Deserialize, Serialize};

use crate::Result;

/// A weighting method for the children of an aggregate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Weighting {
    /// The weights written in the framework (re-normalised to sum to one).
    #[default]
    Manual,
    /// All children equal.
    Equal,
    /// Entropy weights on normalised (non-negative) data.
    Entropy,
    /// CRITIC (contrast intensity and conflict between criteria).
    Critic,
    /// Squared loadings of the first principal component of the correlation matrix.
    Pca,
}

impl Weighting {
    /// Weights for `columns` (each one child's normalised values over the same rows), summing to one.
    /// `manual` are the framework's weights, used by [`Weighting::Manual`].
    ///
    /// # Errors
    /// Degenerate input (too few rows, a constant column for methods that need variance).
    pub fn weights(&self, columns: &[&[Option<f64>]], manual: &[f64]) -> Result<Vec<f64>> {
        let _ = (columns, manual);
        Err(crate::Error::Settings(format!("weighting {self:?} is not implemented yet")))
    }
}
