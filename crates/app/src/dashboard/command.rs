//! What a widget asks the app to do. Widgets never cause effects: they return a [`Command`], and the
//! app applies it after drawing ([`super::DashboardApp::apply`]). File dialogs open only there, so
//! tests pass paths instead.

use std::path::PathBuf;

use govgap::Lang;
use govgap::aggregate::Aggregator;
use govgap::normalise::Normaliser;

use super::core_api::{ChartKind, LosiEntry};
use super::prefs::View;

/// A request from the UI.
#[must_use]
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Open a native dataset folder (`None` = ask with a dialog).
    OpenDataset(Option<PathBuf>),
    /// Import a COINr iData / iMeta pair (`None` = ask with dialogs).
    ImportCoinr(Option<(PathBuf, PathBuf)>),
    /// Save the what-if settings as TOML (`None` = ask where).
    SaveSettings(Option<PathBuf>),
    /// Load settings from TOML (`None` = ask which file).
    LoadSettings(Option<PathBuf>),
    /// Export a chart (`None` = ask where).
    ExportChart(ChartKind, Option<PathBuf>),
    /// Set the weight of a node (what-if).
    SetWeight {
        /// Node code.
        code: String,
        /// New weight (>= 0).
        weight: f64,
    },
    /// Choose the normalisation (what-if).
    SetNormaliser(Normaliser),
    /// Choose the aggregation (what-if).
    SetAggregator(Aggregator),
    /// Undo the last what-if change.
    Undo,
    /// Back to the settings the dataset was opened with.
    Reset,
    /// Switch the label language.
    SetLanguage(Lang),
    /// Select a unit everywhere (`None` = clear).
    SelectUnit(Option<String>),
    /// Show a view.
    ShowView(View),
    /// Colour the map by this framework node (`None` = the index).
    ColourBy(Option<String>),
    /// Show this year (`None` = the default year).
    SetYear(Option<i32>),
    /// Decompose gaps by this grouping variable.
    SetGrouping(Option<String>),
    /// Start the uncertainty analysis off the UI thread.
    RunUncertainty {
        /// Number of Monte Carlo samples.
        samples: usize,
        /// Random seed.
        seed: u64,
    },
    /// Stop the running uncertainty analysis.
    CancelUncertainty,
    /// Record a LOSI finding.
    SetLosiEntry {
        /// Unit code.
        unit: String,
        /// Item code.
        item: String,
        /// The finding.
        entry: LosiEntry,
    },
    /// Save the LOSI assessment (`None` = the current file, or ask where).
    SaveAssessment(Option<PathBuf>),
    /// Open a LOSI assessment file (`None` = ask which).
    OpenAssessment(Option<PathBuf>),
    /// Close the error panel.
    DismissError,
}
