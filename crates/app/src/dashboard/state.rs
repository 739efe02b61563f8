//! Runtime state: the loaded dataset, the what-if settings and their history, cached results, jobs.
//! None of it is persisted (that is [`super::prefs::Prefs`]).

use std::path::PathBuf;
use std::sync::Arc;

use govgap::pipeline::{RankRow, Results};
use govgap::{Dataset, Problem, Settings};

use super::core_api::{self, CoreError, Geometry, LoadError, LosiAssessment, LosiCatalogue, RankInterval};
use super::jobs::Job;
use super::ui::map::MapMesh;

/// A loaded dataset with what the views derive from it once.
#[derive(Debug)]
pub struct Loaded {
    /// Where it came from (`None` = built in memory).
    pub path: Option<PathBuf>,
    /// The validated dataset.
    pub dataset: Arc<Dataset>,
    /// Boundaries, if the dataset has any.
    pub geometry: Result<Option<Geometry>, CoreError>,
    /// Triangulated map, built once from the geometry.
    pub map: Option<MapMesh>,
}

impl Loaded {
    /// Wraps a dataset, reading boundaries from `path` if it is a folder.
    #[must_use]
    pub fn new(dataset: Dataset, path: Option<PathBuf>) -> Self {
        let geometry = match &path {
            Some(p) if p.is_dir() => core_api::read_geometry(p),
            _ => Ok(None),
        };
        let map = geometry.as_ref().ok().and_then(Option::as_ref).map(MapMesh::new);
        Self {
            path,
            dataset: Arc::new(dataset),
            geometry,
            map,
        }
    }
}

/// An error shown in the error panel.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorReport {
    /// One line: what failed.
    pub title: String,
    /// The file concerned, if any.
    pub path: Option<PathBuf>,
    /// The message.
    pub message: String,
    /// Validation problems.
    pub problems: Vec<Problem>,
    /// A warning rather than an error: something was opened, but not everything was used (e.g. a
    /// folder whose settings file cannot be read opens with the default build).
    pub warning: bool,
}

impl ErrorReport {
    /// From a load error.
    #[must_use]
    pub fn load(title: impl Into<String>, e: LoadError) -> Self {
        Self {
            title: title.into(),
            path: Some(e.path),
            message: e.message,
            problems: e.problems,
            warning: false,
        }
    }

    /// From a plain message.
    #[must_use]
    pub fn message(title: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            path: None,
            message: message.into(),
            problems: Vec::new(),
            warning: false,
        }
    }
}

/// The what-if settings: the baseline, the current choice and the undo history.
#[derive(Debug, Clone, Default)]
pub struct WhatIf {
    /// The settings the dataset was opened with (or loaded from a file).
    pub baseline: Settings,
    /// The settings in use.
    pub current: Settings,
    /// Earlier values of `current`, most recent last.
    pub undo: Vec<Settings>,
    /// The node whose weight is being dragged (one undo step per drag).
    pub editing: Option<String>,
}

/// Results cached for one settings value.
#[derive(Debug, Default)]
pub struct Cached {
    /// The settings these results are for.
    pub settings: Option<Settings>,
    /// The results (or why there are none).
    pub results: Option<Result<Results, CoreError>>,
    /// How many times the pipeline ran (tests check that nothing recomputes without need).
    pub runs: usize,
}

impl Cached {
    /// Recomputes only if `settings` differ from the cached ones.
    pub fn refresh(&mut self, ds: &Dataset, settings: &Settings) {
        if self.settings.as_ref() != Some(settings) || self.results.is_none() {
            // a weight or aggregation change re-aggregates the previous results; anything else runs
            // the whole pipeline
            let fresh = match self.ok() {
                Some(prev) => core_api::rerun_pipeline(ds, prev, settings),
                None => core_api::run_pipeline(ds, settings),
            };
            self.results = Some(fresh);
            self.settings = Some(settings.clone());
            self.runs += 1;
        }
    }

    /// The results, if the run succeeded.
    #[must_use]
    pub fn ok(&self) -> Option<&Results> {
        self.results.as_ref().and_then(|r| r.as_ref().ok())
    }

    /// The error of the run, if it failed.
    #[must_use]
    pub fn err(&self) -> Option<&CoreError> {
        self.results.as_ref().and_then(|r| r.as_ref().err())
    }

    /// Forgets the results (after a new dataset).
    pub fn clear(&mut self) {
        self.settings = None;
        self.results = None;
    }
}

/// The uncertainty analysis.
#[derive(Debug)]
pub struct UncertaintyState {
    /// Number of samples.
    pub samples: usize,
    /// Seed.
    pub seed: u64,
    /// The running job.
    pub job: Option<Job<Result<Vec<RankInterval>, CoreError>>>,
    /// The last outcome.
    pub result: Option<Result<Vec<RankInterval>, CoreError>>,
}

impl Default for UncertaintyState {
    fn default() -> Self {
        Self {
            samples: 1000,
            seed: 42,
            job: None,
            result: None,
        }
    }
}

/// The LOSI assessment being edited.
#[derive(Debug, Default)]
pub struct LosiState {
    /// The questionnaire.
    pub catalogue: Option<Result<LosiCatalogue, LoadError>>,
    /// The findings (the planner's work: never dropped on an error).
    pub assessment: LosiAssessment,
    /// The assessment file.
    pub path: Option<PathBuf>,
    /// Whether there are unsaved changes.
    pub dirty: bool,
}

/// Display options of the views that are not worth persisting.
#[derive(Debug, Clone, Default)]
pub struct ViewState {
    /// Node the map and the gap measures show (`None` = the index).
    pub node: Option<String>,
    /// Grouping variable of the decomposition.
    pub grouping: Option<String>,
    /// A one-line status message (saved, exported ...).
    pub status: Option<String>,
    /// The year the views show, as chosen (`None` = the default year).
    pub year: Option<i32>,
}

/// The ranking of a node of a run in `year` (the index if `node` is `None` or unknown).
#[must_use]
pub fn ranking(res: &Results, node: Option<&str>, year: Option<i32>) -> Vec<RankRow> {
    let k = node
        .and_then(|c| res.framework.position(c))
        .unwrap_or_else(|| res.index_node());
    res.ranking_in(k, year)
}

/// The year to show unless one is chosen: the one in which most prefectures have an index score
/// (the latest such year on ties), else the latest year of the run.
#[must_use]
pub fn default_year(ds: &Dataset, res: &Results) -> Option<i32> {
    let root = res.index_node();
    let mut best: Option<(usize, Option<i32>)> = None;
    for y in res.years() {
        let n = res
            .ranking_in(root, y)
            .iter()
            .filter(|r| {
                ds.unit_position(&r.unit_code)
                    .is_some_and(|u| ds.units()[u].kind == govgap::model::UnitKind::Prefecture)
            })
            .count();
        if best.is_none_or(|(b, _)| n >= b) {
            best = Some((n, y));
        }
    }
    match best {
        Some((n, y)) if n > 0 => y,
        _ => res.years().last().copied().flatten(),
    }
}

/// The year the views show: the chosen one if the run has it, else [`default_year`].
#[must_use]
pub fn shown_year(ds: &Dataset, res: &Results, chosen: Option<i32>) -> Option<i32> {
    match chosen {
        Some(y) if res.years().contains(&Some(y)) => Some(y),
        _ => default_year(ds, res),
    }
}
