//! Benchmarking: how far a unit stands from a leader, indicator by indicator and dimension by
//! dimension, on shared goalposts; and what growth would close the gap by a chosen year.
//!
//! Comparisons only ever put the **same indicator code** side by side, so values of different LOSI
//! editions (separate indicators, since their scales differ) are never compared with each other.

mod compare;
mod target;

pub use compare::{Comparison, DimensionGap, IndicatorGap, compare, latest_value};
pub use target::{TargetPlan, required_growth, trend_growth, years_to_close};
