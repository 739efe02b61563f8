//! Uncertainty and sensitivity analysis: how much do the ranks and the gaps depend on the choices made?
//!
//! - [`replay_design`]: the fast kernel that replays a Monte Carlo [`UaDesign`] (normalisation and
//!   weight multipliers per replication) on one cross-section and summarises each unit's rank.
//! - [`run_ua`]: general Monte Carlo uncertainty over pipeline assumptions (noisy weights,
//!   alternative normalisers, aggregators, imputations, dropping an indicator), with the spread of
//!   ranks, scores and gap measures (Gini, Theil, Theil between-group share).
//! - [`sobol_indices`]: variance-based sensitivity (Saltelli sampling, Jansen and Saltelli 2010
//!   estimators, bootstrap intervals) for any model of a few inputs.
//! - [`leave_one_out`]: rank shifts when each indicator is left out in turn.
//!
//! Every analysis is seeded: replication `r` draws from its own stream `(seed, r)`, so results are
//! bit-identical for the same seed whatever the number of threads.

mod design;
mod fast_rank;
mod gap_measures;
mod loo;
mod monte_carlo;
mod quantile;
mod replay;
mod rng;
mod sobol;

pub use design::{DesignNorm, UaDesign};
pub use loo::{LooIndicator, LooOutcome, LooResults, leave_one_out};
pub use monte_carlo::{
    GapSpread, IndicatorDropping, NodeUncertainty, Spread, UaResults, UaSpec, UnitUncertainty, run_ua,
};
pub use quantile::{median_sorted, quantile_type7};
pub use replay::{BLOCK, DatasetReplay, MAX_UNITS, RankSummary, ReplayInput, replay_design};
pub use sobol::{InputDistribution, SobolIndex, SobolResults, SobolSpec, sobol_indices};
