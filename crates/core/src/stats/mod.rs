//! Descriptive and coherence statistics: moments, per-column descriptions with flags, Pearson and
//! Spearman correlation, Cronbach's alpha, and the coherence table of a run (each node against its
//! parent and siblings).
//!
//! One concept per file: `moments` ([`mean`], [`median`], [`sd`], [`skew`], [`kurtosis`]), `describe`
//! ([`describe`]: a column's statistics and flags), `correlation` ([`pearson`], [`spearman`]),
//! `cronbach` ([`cronbach_alpha`]) and `coherence` ([`coherence`]: the table of a run). Missing values (`None`) are skipped
//! everywhere; correlations use pairwise-complete rows, Cronbach's alpha complete rows. Degenerate input
//! (too few values, zero variance) gives `None`, never NaN.

mod coherence;
mod correlation;
mod cronbach;
mod describe;
mod moments;

pub use coherence::{Coherence, NodeStats, coherence, coherence_in_year, coherence_of};
pub use correlation::{average_ranks, pearson, spearman};
pub use cronbach::cronbach_alpha;
pub use describe::{Description, Flag, FlagThresholds, describe, describe_with};
pub use moments::{kurtosis, mean, median, present, sd, skew};
