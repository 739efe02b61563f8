//! # govgap — smart-government maturity and the gaps between regions
//!
//! Build composite indices from indicator tables, measure inequality between regions and where it
//! comes from, benchmark against leaders, and test how much the results depend on the choices made.
//!
//! ## Quickstart
//!
//! ```no_run
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use govgap::{io, pipeline, Settings};
//! let ds = io::read_native_dir("data/heilongjiang")?;            // validated Dataset
//! let res = pipeline::run(&ds, &Settings::default())?;           // normalise, weight, aggregate, rank
//! for row in res.ranking(res.index_node()) {                     // the ranking of the index
//!     println!("{:>2} {:<16} {:6.2}", row.rank, row.unit_code, row.score);
//! }
//! # Ok(()) }
//! ```
//!
//! ## Map of the crate
//! - [`model`]: framework, units, sources, values; the validated [`Dataset`].
//! - [`io`]: the only module that touches files (native folders, COINr iData/iMeta, XLSX, GeoJSON).
//! - [`pipeline`]: denomination, screening, imputation, outlier treatment, then [`normalise`],
//!   [`weight`], [`aggregate`], ranks and [`stats`] (coherence), all described by [`Settings`].
//! - [`gap`]: inequality measures and decompositions; [`spatial`], [`dynamics`], [`diagnose`],
//!   [`benchmark`].
//! - [`uncertainty`]: Monte Carlo uncertainty and variance-based sensitivity analysis.
//! - [`chart`]: PNG and SVG charts (plotters), with embedded fonts that cover Chinese.
#![doc(test(attr(deny(warnings))))]

pub mod aggregate;
pub mod analysis;
pub mod benchmark;
pub mod chart;
pub mod coverage;
pub mod describe;
pub mod diagnose;
pub mod dynamics;
pub mod error;
pub mod gap;
pub mod io;
pub mod losi;
pub mod model;
pub mod normalise;
pub mod pipeline;
pub mod rank;
pub mod report;
pub mod settings;
pub mod spatial;
pub mod stats;
pub mod uncertainty;
pub mod weight;

pub use error::{Error, Location, Problem, ProblemKind, Problems, Result, Severity};
pub use model::{Dataset, Framework, Node, Quality, Source, Unit};
pub use settings::Settings;

/// Language of names and labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Chinese (简体中文).
    Zh,
}
