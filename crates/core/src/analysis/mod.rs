//! Gap analysis of a pipeline run: the inequality measures, decompositions, spatial statistics,
//! dynamics and diagnostics of [`crate::gap`], [`crate::spatial`], [`crate::dynamics`] and
//! [`crate::diagnose`], applied to a dataset's units and a run's scores.
//!
//! This is the one place that wires the pure kernels to datasets, so that the command line, the
//! reports and the dashboard show the same numbers.

mod gaps;

pub use gaps::{GapAnalysis, GapOptions, NodeInequality, SpatialSummary, UnitDiagnosis, analyse};
