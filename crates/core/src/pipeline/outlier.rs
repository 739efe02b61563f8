//! Outlier treatment (stub: being implemented).

use serde::{Deserialize, Serialize};

use crate::Result;

/// Outlier treatment rule.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum OutlierRule {
    /// No treatment.
    #[default]
    None,
    /// COINr's rule: while |skew| > `skew` and kurtosis > `kurtosis`, winsorise up to `max_points`
    /// points; if that fails, log-transform.
    Coinr {
        /// Absolute skewness threshold (COINr: 2).
        skew: f64,
        /// Kurtosis threshold (COINr: 3.5).
        kurtosis: f64,
        /// Maximum number of points to winsorise (COINr: 5).
        max_points: usize,
    },
}

/// What was done to one column.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Treatment {
    /// Method applied: `none`, `winsorised`, `log`.
    pub method: String,
    /// Rows winsorised (positions in the column).
    pub winsorised_rows: Vec<usize>,
    /// Skewness before and after.
    pub skew: (Option<f64>, Option<f64>),
    /// Kurtosis before and after.
    pub kurtosis: (Option<f64>, Option<f64>),
}

impl OutlierRule {
    /// Treats one column.
    ///
    /// # Errors
    /// Never for `None`.
    pub fn apply(&self, x: &[Option<f64>]) -> Result<(Vec<Option<f64>>, Treatment)> {
        match self {
            Self::None => Ok((x.to_vec(), Treatment { method: "none".into(), ..Treatment::default() })),
            Self::Coinr { .. } => Err(crate::Error::Settings("COINr outlier rule is not implemented yet".into())),
        }
    }
}
