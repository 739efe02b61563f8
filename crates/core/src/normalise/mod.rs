//! Normalisation: bring indicators of different units onto a common scale, applying direction.
//!
//! Every method takes one column (`&[Option<f64>]`, `None` = missing) and returns a column of the same
//! length; missing stays missing. The pipeline decides which rows form a column (one year, or all years
//! pooled).

use serde::{Deserialize, Serialize};

use crate::model::{Direction, Goalposts};
use crate::Result;

/// What a normaliser may need beyond the column itself.
#[derive(Debug, Clone, Copy, Default)]
pub struct NormContext {
    /// +1 if more is better; -1 flips the scale so that higher normalised = better.
    pub direction: Direction,
    /// The indicator's natural scale, for [`Normaliser::Goalposts`].
    pub goalposts: Option<Goalposts>,
    /// The indicator's target, for [`Normaliser::DistanceToTarget`].
    pub target: Option<f64>,
    /// Row of the reference unit in the column, for [`Normaliser::DistanceToReference`].
    pub reference_row: Option<usize>,
}

/// A normalisation method (serialised as `{ method = "min_max", low = 0, high = 100 }`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum Normaliser {
    /// Min-max to `[low, high]`.
    MinMax {
        /// Bottom of the scale.
        low: f64,
        /// Top of the scale.
        high: f64,
    },
    /// z-score rescaled to mean `mean` and standard deviation `sd` (sd over n-1).
    ZScore {
        /// Target mean.
        mean: f64,
        /// Target standard deviation.
        sd: f64,
    },
    /// Rank (1 = lowest after direction; ties take the average rank, as COINr's `n_rank`).
    Rank,
    /// Percentile rank in [0, 100].
    PercentileRank,
    /// Fixed bounds from the indicator's goalposts, scaled to `[0, scale]`, values outside capped.
    Goalposts {
        /// Top of the scale (100 for 0-100).
        scale: f64,
    },
    /// Distance to the indicator's target, scaled to `[0, scale]` (target reached = scale).
    DistanceToTarget {
        /// Top of the scale.
        scale: f64,
    },
    /// Ratio to a reference unit's value times `scale` (reference = scale).
    DistanceToReference {
        /// Reference unit code.
        unit: String,
        /// Value assigned to the reference unit.
        scale: f64,
    },
    /// Distance to the best value: `scale * (1 - (max - v)/(max - min))`.
    DistanceToMax {
        /// Top of the scale.
        scale: f64,
    },
    /// Fraction of the maximum: `scale * v / max`.
    FractionOfMax {
        /// Top of the scale.
        scale: f64,
    },
    /// Vector normalisation `v / sqrt(sum v^2)` (TOPSIS).
    Vector,
}

impl Default for Normaliser {
    fn default() -> Self {
        Self::MinMax { low: 0.0, high: 100.0 }
    }
}

impl Normaliser {
    /// Normalises one column.
    ///
    /// # Errors
    /// Degenerate input the method cannot handle (see each method's documentation).
    pub fn apply(&self, x: &[Option<f64>], ctx: &NormContext) -> Result<Vec<Option<f64>>> {
        let _ = (x, ctx);
        Err(crate::Error::Settings(format!("normaliser {self:?} is not implemented yet")))
    }
}
