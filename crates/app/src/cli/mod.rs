//! The command line: `govgap check | index | coverage | gaps | ua | sa | report`.
//!
//! Each subcommand is a thin handler over the core crate; errors are shown once, here.

mod check;
mod coverage;
pub(crate) mod data;
mod gaps;
mod index;
mod report;
mod ua;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use data::DataArgs;

/// govgap: smart-government maturity and the gaps between regions.
#[derive(Debug, Parser)]
#[command(name = "govgap", version, about, long_about = None)]
pub struct Cli {
    /// What to do; without a subcommand the desktop dashboard opens.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Headless subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a dataset and print every problem (exit code 2 if there are errors).
    Check(check::CheckArgs),
    /// The coverage matrix (units × dimensions) with counts by quality flag and what is missing.
    Coverage(coverage::CoverageArgs),
    /// Inequality, decompositions, spatial statistics, diagnostics and benchmarks, as CSV tables.
    Gaps(gaps::GapsArgs),
    /// PNG/SVG charts, a profile page per prefecture, a province overview and an index.html.
    Report(report::ReportArgs),
    /// Monte Carlo uncertainty analysis of the ranks and the gap measures (or replay a design file).
    Ua(ua::UaArgs),
    /// Variance-based sensitivity (Sobol indices) and leave-one-indicator-out rank shifts.
    Sa(ua::SaArgs),
    /// Build the composite index and write scores.csv, ranks.csv, weights.csv, stats.csv, settings.toml.
    Index(index::IndexArgs),
}

/// Runs a subcommand and turns its outcome into an exit code (0 ok, 1 failure, 2 invalid data).
#[must_use]
pub fn run(cmd: Command) -> ExitCode {
    let res = match cmd {
        Command::Check(a) => check::run(&a),
        Command::Index(a) => index::run(&a),
        Command::Coverage(a) => coverage::run(&a),
        Command::Gaps(a) => gaps::run(&a),
        Command::Report(a) => report::run(&a),
        Command::Ua(a) => ua::run_ua(&a),
        Command::Sa(a) => ua::run_sa(&a),
    };
    match res {
        Ok(code) => code,
        Err(e) => {
            if let Some(govgap::Error::Invalid(problems)) = e.downcast_ref::<govgap::Error>() {
                eprintln!("govgap: the dataset is not valid:\n{problems}");
                return ExitCode::from(2);
            }
            eprintln!("govgap: {e:#}");
            ExitCode::FAILURE
        }
    }
}
