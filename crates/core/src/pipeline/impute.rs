//! Imputation of missing values (stub: being implemented).

use serde::{Deserialize, Serialize};

use crate::Result;

/// An imputation method. Cross-sectional methods work within each year; panel methods along each
/// unit's years.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum Imputation {
    /// Leave missing values missing (aggregation re-normalises weights over present children).
    #[default]
    None,
    /// Mean of the indicator over units in the same year.
    Mean,
    /// Median of the indicator over units in the same year.
    Median,
    /// Mean over units of the same group (grouping variable `group`) in the same year.
    GroupMean {
        /// Grouping variable name.
        group: String,
    },
    /// Median over units of the same group in the same year.
    GroupMedian {
        /// Grouping variable name.
        group: String,
    },
    /// Panel: the unit's latest earlier value (last observation carried forward).
    Latest,
    /// Panel: linear interpolation between the unit's nearest earlier and later values.
    Linear,
}

/// Rows of one indicator column with what imputation needs to know about them.
#[derive(Debug, Clone, Copy)]
pub struct ImputeContext<'a> {
    /// Unit position of each row.
    pub unit: &'a [usize],
    /// Year of each row.
    pub year: &'a [Option<i32>],
    /// Group id of each row's unit for the grouping in use (`None` = no group).
    pub group: Option<&'a [Option<u32>]>,
}

/// An imputed column and which cells were imputed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Imputed {
    /// The column with imputed values filled in.
    pub values: Vec<Option<f64>>,
    /// `true` where a value was imputed.
    pub imputed: Vec<bool>,
}

impl Imputation {
    /// Imputes one column.
    ///
    /// # Errors
    /// A group method without group ids.
    pub fn apply(&self, x: &[Option<f64>], ctx: &ImputeContext<'_>) -> Result<Imputed> {
        let _ = ctx;
        match self {
            Self::None => Ok(Imputed { values: x.to_vec(), imputed: vec![false; x.len()] }),
            _ => Err(crate::Error::Settings(format!("imputation {self:?} is not implemented yet"))),
        }
    }
}
