//! The data model: a framework of indicators and aggregates, units, values with sources, and the
//! validated [`Dataset`] that every computation takes.

mod dataset;
mod framework;
pub(crate) mod scores;
mod source;
mod unit;

pub(crate) use dataset::distinct_years;
pub use dataset::{Cell, Column, Dataset, Obs, RawDataset, RawValue, RawWide};
pub use framework::{Direction, Framework, Goalposts, Node, NodeRole};
pub use scores::{Cells, Scores};
pub use source::{Quality, Source};
pub use unit::{Unit, UnitKind};
