//! [`Settings`]: every choice of a pipeline run, serialisable to TOML, so that a run can be reproduced.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::aggregate::Aggregator;
use crate::normalise::Normaliser;
use crate::pipeline::{Imputation, OutlierRule};
use crate::weight::Weighting;
use crate::{Error, Framework, Result};

/// Which observation rows normalisation treats as one column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PanelScope {
    /// All selected years together (scores comparable across years).
    #[default]
    Pooled,
    /// Each year separately.
    PerYear,
}

/// Which years enter the run.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum YearSelection {
    /// Every year in the data.
    #[default]
    All,
    /// The latest year only.
    Latest,
    /// These years only.
    Only(Vec<i32>),
    /// One row per unit holding each indicator's latest value at or before `up_to` (any year if
    /// `None`): the honest cross-section for sparse real data. The year each value comes from is kept
    /// in [`crate::pipeline::Results::value_years`].
    Snapshot {
        /// Latest year allowed.
        up_to: Option<i32>,
    },
}

/// Which units enter the run.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitSelection {
    /// Every unit.
    #[default]
    All,
    /// Units of these kinds (e.g. only prefectures).
    Kinds(Vec<crate::model::UnitKind>),
    /// These unit codes.
    Codes(Vec<String>),
}

impl UnitSelection {
    /// Whether a unit is selected.
    #[must_use]
    pub fn contains(&self, unit: &crate::Unit) -> bool {
        match self {
            Self::All => true,
            Self::Kinds(k) => k.contains(&unit.kind),
            Self::Codes(c) => c.contains(&unit.code),
        }
    }
}

/// Whether indicators that name a denominator are divided by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Denomination {
    /// Divide by the framework's denominator and multiply by `per`.
    #[default]
    AsFramework,
    /// Use raw values.
    Off,
}

/// Choices for one level of the hierarchy (2 = dimensions aggregating indicators, 3 = next ...).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct LevelSettings {
    /// Aggregation method at this level (default: the run's).
    pub aggregator: Option<Aggregator>,
    /// Weighting of the children at this level (default: the run's).
    pub weighting: Option<Weighting>,
    /// Minimum share of present children (default: the run's).
    pub min_share: Option<f64>,
}

/// Choices for one indicator, overriding the run's.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct IndicatorSettings {
    /// Normalisation for this indicator.
    pub normaliser: Option<Normaliser>,
    /// Imputation for this indicator.
    pub imputation: Option<Imputation>,
    /// Outlier rule for this indicator.
    pub outliers: Option<OutlierRule>,
}

/// Every choice of a pipeline run. `Settings::default()` is COINr's default build: no imputation, no
/// outlier treatment, min-max to [0, 100] pooled over years, framework weights, arithmetic mean.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Units in the run.
    pub units: UnitSelection,
    /// Years in the run.
    pub years: YearSelection,
    /// Denomination.
    pub denomination: Denomination,
    /// Units with a smaller share of present indicator values (0..=1) are dropped and listed.
    pub min_unit_data_share: f64,
    /// Indicators present for a smaller share of the run's rows (0..=1) are left out of the run and
    /// listed in the notes (an indicator known for one prefecture of thirteen cannot rank them).
    pub min_indicator_share: f64,
    /// Imputation (default for all indicators).
    pub imputation: Imputation,
    /// Outlier treatment (default for all indicators).
    pub outliers: OutlierRule,
    /// Normalisation (default for all indicators).
    pub normaliser: Normaliser,
    /// Pooled or per-year normalisation.
    pub panel: PanelScope,
    /// Weighting (default for all levels).
    pub weighting: Weighting,
    /// Aggregation (default for all levels).
    pub aggregator: Aggregator,
    /// Minimum share of present children for an aggregate to be computed (0 = one child suffices).
    pub min_share: f64,
    /// Weights overriding the framework's (node code → weight), e.g. from the what-if sliders.
    pub weights: BTreeMap<String, f64>,
    /// Per-level overrides, keyed by level (2 = dimensions ...).
    pub levels: BTreeMap<u8, LevelSettings>,
    /// Per-indicator overrides, keyed by indicator code.
    pub indicators: BTreeMap<String, IndicatorSettings>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            units: UnitSelection::All,
            years: YearSelection::All,
            denomination: Denomination::AsFramework,
            min_unit_data_share: 0.0,
            min_indicator_share: 0.0,
            imputation: Imputation::None,
            outliers: OutlierRule::None,
            normaliser: Normaliser::default(),
            panel: PanelScope::Pooled,
            weighting: Weighting::Manual,
            aggregator: Aggregator::Arithmetic,
            min_share: 0.0,
            weights: BTreeMap::new(),
            levels: BTreeMap::new(),
            indicators: BTreeMap::new(),
        }
    }
}

impl Settings {
    /// Parses TOML.
    ///
    /// # Errors
    /// [`Error::Settings`] naming the TOML problem.
    pub fn from_toml(text: &str) -> Result<Self> {
        toml::from_str(text).map_err(|e| Error::Settings(format!("settings TOML: {e}")))
    }
    /// Serialises to TOML.
    ///
    /// # Errors
    /// [`Error::Settings`] if a value cannot be represented (not expected).
    pub fn to_toml(&self) -> Result<String> {
        toml::to_string_pretty(self).map_err(|e| Error::Settings(format!("settings TOML: {e}")))
    }
    /// Checks the settings against a framework: codes exist, shares in [0, 1], parameters sane.
    ///
    /// # Errors
    /// [`Error::Settings`] with every problem found.
    pub fn check(&self, fw: &Framework) -> Result<()> {
        let mut errs = Vec::new();
        for share in [self.min_share, self.min_unit_data_share, self.min_indicator_share] {
            if !(0.0..=1.0).contains(&share) {
                errs.push(format!("share {share} must lie in [0, 1]"));
            }
        }
        for (code, w) in &self.weights {
            if fw.position(code).is_none() {
                errs.push(format!("weight given for unknown node '{code}'"));
            }
            if !w.is_finite() || *w < 0.0 {
                errs.push(format!("weight {w} for '{code}' must be finite and >= 0"));
            }
        }
        for code in self.indicators.keys() {
            if fw.position(code).is_none() {
                errs.push(format!("settings for unknown indicator '{code}'"));
            }
        }
        let max_level = fw.aggregates().map(|i| fw.level(i)).max().unwrap_or(1);
        for (l, ls) in &self.levels {
            if *l < 2 || *l > max_level {
                errs.push(format!(
                    "level {l} does not exist (aggregates are levels 2..={max_level})"
                ));
            }
            if let Some(s) = ls.min_share
                && !(0.0..=1.0).contains(&s)
            {
                errs.push(format!("min_share {s} of level {l} must lie in [0, 1]"));
            }
        }
        check_normaliser(&self.normaliser, &mut errs);
        for ind in self.indicators.values() {
            if let Some(n) = &ind.normaliser {
                check_normaliser(n, &mut errs);
            }
        }
        if let Aggregator::Generalised { p } = self.aggregator
            && !p.is_finite()
        {
            errs.push(format!("generalised mean order p = {p} must be finite"));
        }
        if errs.is_empty() {
            Ok(())
        } else {
            Err(Error::Settings(errs.join("; ")))
        }
    }
}

fn check_normaliser(n: &Normaliser, errs: &mut Vec<String>) {
    match n {
        Normaliser::MinMax { low, high } if !(low.is_finite() && high.is_finite() && low < high) => {
            errs.push(format!("min-max bounds [{low}, {high}] need low < high"));
        }
        Normaliser::ZScore { sd, .. } if !(sd.is_finite() && *sd > 0.0) => {
            errs.push(format!("z-score target sd {sd} must be > 0"));
        }
        _ => {}
    }
}
