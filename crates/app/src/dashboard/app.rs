//! [`DashboardApp`]: state, the frame loop and the command handler.

use std::path::{Path, PathBuf};

use govgap::pipeline::RankRow;
use govgap::{Dataset, Lang, Settings};

use super::command::Command;
use super::core_api::{self, ChartKind, LosiAssessment, LosiCatalogue};
use super::i18n::{K, tr};
use super::jobs::{Job, Poll};
use super::prefs::{Prefs, STORAGE_KEY, View};
use super::state::{Cached, ErrorReport, Loaded, LosiState, UncertaintyState, ViewState, WhatIf, ranking, shown_year};
use super::theme;
use super::ui;

/// The dashboard: persisted [`Prefs`] plus runtime state. Build it with [`DashboardApp::new`] (the
/// shipped data or the last dataset), [`DashboardApp::from_path`] or [`DashboardApp::from_dataset`];
/// draw it with [`DashboardApp::show`] (what `eframe` and the tests call).
#[derive(Debug)]
pub struct DashboardApp {
    pub(crate) prefs: Prefs,
    pub(crate) loaded: Option<Loaded>,
    pub(crate) error: Option<ErrorReport>,
    pub(crate) whatif: WhatIf,
    pub(crate) current: Cached,
    pub(crate) baseline: Cached,
    pub(crate) selected: Option<String>,
    pub(crate) view_state: ViewState,
    pub(crate) uncertainty: UncertaintyState,
    pub(crate) losi: LosiState,
    styled: bool,
    /// Set by [`super::run`] when `GOVGAP_STARTUP_TIMING` is set: the launch instant, reported (and
    /// cleared) after the first frame.
    pub(crate) startup: Option<(std::time::Instant, bool)>,
}

impl DashboardApp {
    /// Opens on the dataset named in `prefs` (or the shipped Heilongjiang data), the shipped LOSI
    /// items and the assessment file named in `prefs`. A file that cannot be read shows the error panel.
    #[must_use]
    pub fn new(prefs: Prefs) -> Self {
        let path = prefs.dataset_path.clone().unwrap_or_else(core_api::shipped_dataset_dir);
        let assessment = prefs.assessment_path.clone();
        let mut app = Self::empty(prefs);
        app.apply(Command::OpenDataset(Some(path)));
        app.losi.catalogue = Some(core_api::read_losi_items(&core_api::shipped_losi_items()));
        if let Some(p) = assessment {
            app.apply(Command::OpenAssessment(Some(p)));
        }
        app
    }

    /// Opens on the native dataset folder at `path`, with default preferences.
    #[must_use]
    pub fn from_path(path: impl AsRef<Path>) -> Self {
        let mut app = Self::empty(Prefs::default());
        app.apply(Command::OpenDataset(Some(path.as_ref().to_path_buf())));
        app
    }

    /// Opens on an in-memory dataset, with default preferences.
    #[must_use]
    pub fn from_dataset(dataset: Dataset) -> Self {
        let mut app = Self::empty(Prefs::default());
        let _ = app.set_dataset(Loaded::new(dataset, None));
        app
    }

    /// Uses this LOSI questionnaire (instead of the shipped one).
    #[must_use]
    pub fn with_losi_catalogue(mut self, catalogue: LosiCatalogue) -> Self {
        self.losi.catalogue = Some(Ok(catalogue));
        self
    }

    /// Saves the LOSI assessment to (and reads it from) this file.
    #[must_use]
    pub fn with_assessment_path(mut self, path: impl Into<PathBuf>) -> Self {
        self.losi.path = Some(path.into());
        self
    }

    fn empty(prefs: Prefs) -> Self {
        Self {
            prefs,
            loaded: None,
            error: None,
            whatif: WhatIf::default(),
            current: Cached::default(),
            baseline: Cached::default(),
            selected: None,
            view_state: ViewState::default(),
            uncertainty: UncertaintyState::default(),
            losi: LosiState::default(),
            styled: false,
            startup: None,
        }
    }

    /// Opens `loaded`, with the folder's own `settings.toml` if it has one (the shipped data's
    /// snapshot of the prefectures), else `COINr`'s default build. Returns why the folder's settings
    /// file was not used, if it exists but cannot be read.
    fn set_dataset(&mut self, loaded: Loaded) -> Option<String> {
        let file = loaded
            .path
            .as_ref()
            .map(|p| p.join("settings.toml"))
            .filter(|f| f.is_file());
        let (settings, warning) = match file.as_deref().map(core_api::read_settings) {
            Some(Ok(s)) => (s, None),
            Some(Err(e)) => {
                // the status line names the file; the panel has the parser's message
                let line = e.path.display().to_string();
                // shown in the panel as well as in the status line: the planner should not miss
                // that the scores are not the ones the file asks for
                let lang = self.prefs.lang;
                self.error = Some(ErrorReport {
                    title: tr(lang, K::SettingsNotUsed).to_string(),
                    path: Some(e.path),
                    message: e.message,
                    problems: e.problems,
                    warning: true,
                });
                (Settings::default(), Some(line))
            }
            None => (Settings::default(), None),
        };
        self.whatif = WhatIf {
            baseline: settings.clone(),
            current: settings,
            undo: Vec::new(),
            editing: None,
        };
        self.current.clear();
        self.baseline.clear();
        self.uncertainty.result = None;
        if let Some(job) = self.uncertainty.job.take() {
            job.cancel();
        }
        if self
            .selected
            .as_deref()
            .is_some_and(|c| loaded.dataset.unit_position(c).is_none())
        {
            self.selected = None;
        }
        if self.selected.is_none() {
            // open on the first prefecture (Harbin in the shipped data) so that the benchmark and
            // LOSI views show something at once
            self.selected = loaded
                .dataset
                .units()
                .iter()
                .find(|u| u.kind == govgap::model::UnitKind::Prefecture)
                .map(|u| u.code.clone());
        }
        self.prefs.dataset_path.clone_from(&loaded.path);
        self.loaded = Some(loaded);
        self.refresh();
        warning
    }

    // ----- what tests and the shell read ------------------------------------------------------------

    /// The status line (last load, save or export, and warnings about them).
    #[must_use]
    pub fn status_line(&self) -> Option<&str> {
        self.view_state.status.as_deref()
    }

    /// The persisted preferences.
    #[must_use]
    pub fn prefs(&self) -> &Prefs {
        &self.prefs
    }
    /// The view shown.
    #[must_use]
    pub fn view(&self) -> View {
        self.prefs.view
    }
    /// The label language.
    #[must_use]
    pub fn lang(&self) -> Lang {
        self.prefs.lang
    }
    /// The loaded dataset.
    #[must_use]
    pub fn dataset(&self) -> Option<&Dataset> {
        self.loaded.as_ref().map(|l| l.dataset.as_ref())
    }
    /// The what-if settings in use.
    #[must_use]
    pub fn settings(&self) -> &Settings {
        &self.whatif.current
    }
    /// The error panel's content, if it is shown.
    #[must_use]
    pub fn error(&self) -> Option<&ErrorReport> {
        self.error.as_ref()
    }
    /// The ranking of the index under the current settings (empty if the run failed).
    #[must_use]
    pub fn ranking(&self) -> Vec<RankRow> {
        match (self.current.ok(), self.year()) {
            (Some(r), y) => ranking(r, None, y),
            _ => Vec::new(),
        }
    }
    /// The year the views show.
    #[must_use]
    pub fn year(&self) -> Option<i32> {
        let (Some(l), Some(res)) = (&self.loaded, self.current.ok()) else {
            return None;
        };
        shown_year(&l.dataset, res, self.view_state.year)
    }
    /// Why the current run failed, if it did.
    #[must_use]
    pub fn run_error(&self) -> Option<String> {
        self.current.err().map(ToString::to_string)
    }
    /// How many times the pipeline ran for the current settings (recompute only when inputs change).
    #[must_use]
    pub fn pipeline_runs(&self) -> usize {
        self.current.runs
    }
    /// The selected unit code.
    #[must_use]
    pub fn selected(&self) -> Option<&str> {
        self.selected.as_deref()
    }
    /// The LOSI assessment being edited.
    #[must_use]
    pub fn assessment(&self) -> &LosiAssessment {
        &self.losi.assessment
    }
    /// Whether the LOSI assessment has unsaved changes.
    #[must_use]
    pub fn assessment_dirty(&self) -> bool {
        self.losi.dirty
    }
    /// The last uncertainty analysis's rank intervals (or why there are none).
    #[must_use]
    pub fn uncertainty_result(&self) -> Option<&Result<Vec<core_api::RankInterval>, core_api::CoreError>> {
        self.uncertainty.result.as_ref()
    }
    /// Whether the uncertainty analysis is running.
    #[must_use]
    pub fn uncertainty_running(&self) -> bool {
        self.uncertainty.job.is_some()
    }

    // ----- the frame ----------------------------------------------------------------------------------

    /// Recomputes what the inputs changed, and nothing else.
    fn refresh(&mut self) {
        if let Some(l) = &self.loaded {
            self.current.refresh(&l.dataset, &self.whatif.current);
            self.baseline.refresh(&l.dataset, &self.whatif.baseline);
        }
    }

    /// Collects the uncertainty job's result when it is done.
    fn poll_jobs(&mut self) {
        if let Some(job) = &self.uncertainty.job {
            match job.poll() {
                Poll::Running(_) => {}
                Poll::Done(r) => {
                    self.uncertainty.result = Some(r);
                    self.uncertainty.job = None;
                }
                Poll::Lost => {
                    self.uncertainty.result = Some(Err(core_api::CoreError::Failed(
                        "the uncertainty analysis stopped unexpectedly".into(),
                    )));
                    self.uncertainty.job = None;
                }
            }
        }
    }

    /// Draws one frame and applies the commands the widgets returned.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        if !self.styled {
            theme::apply(ui.ctx());
            self.styled = true;
        }
        self.poll_jobs();
        self.refresh();
        if !ui.input(|i| i.pointer.any_down()) {
            self.whatif.editing = None;
        }
        let mut commands: Vec<Command> = ui::shortcuts(ui, self.prefs.view).into_iter().collect();
        let year = self.year();
        let scene = ui::Scene {
            year,
            lang: self.prefs.lang,
            view: self.prefs.view,
            loaded: self.loaded.as_ref(),
            error: self.error.as_ref(),
            current: &self.current,
            baseline: &self.baseline,
            whatif: &self.whatif,
            selected: self.selected.as_deref(),
            view_state: &self.view_state,
            uncertainty: &self.uncertainty,
            losi: &self.losi,
        };
        commands.extend(ui::dashboard_ui(ui, &scene));
        for c in commands {
            self.apply(c);
        }
        if self.uncertainty.job.is_some() {
            ui.ctx().request_repaint_after(std::time::Duration::from_millis(100));
        }
    }

    // ----- the command handler ----------------------------------------------------------------------

    /// Applies a command. File dialogs open here (and only here) when a command carries no path.
    pub fn apply(&mut self, command: Command) {
        let lang = self.prefs.lang;
        match command {
            Command::OpenDataset(path) => {
                let Some(path) = path.or_else(|| rfd::FileDialog::new().pick_folder()) else {
                    return;
                };
                match core_api::read_native_dir(&path) {
                    Ok(ds) => {
                        self.error = None;
                        let warning = self.set_dataset(Loaded::new(ds, Some(path)));
                        let mut line = format!("{}: {}", tr(lang, K::Loaded), self.prefs.dataset_path_label());
                        if let Some(w) = warning {
                            // the folder's settings file is bad: say so, and run the default build
                            line = format!("{line} · {}: {w}", tr(lang, K::SettingsNotUsed));
                        }
                        self.status(line);
                    }
                    Err(e) => self.error = Some(ErrorReport::load(tr(lang, K::ErrorLoad), e)),
                }
            }
            Command::ImportCoinr(paths) => {
                let paths = paths.or_else(|| {
                    let filter = ["csv", "xlsx"];
                    let data = rfd::FileDialog::new()
                        .set_title("iData")
                        .add_filter("iData", &filter)
                        .pick_file()?;
                    let meta = rfd::FileDialog::new()
                        .set_title("iMeta")
                        .add_filter("iMeta", &filter)
                        .pick_file()?;
                    Some((data, meta))
                });
                let Some((data, meta)) = paths else { return };
                match core_api::read_coinr(&data, &meta) {
                    Ok(ds) => {
                        self.error = None;
                        let _ = self.set_dataset(Loaded::new(ds, None));
                        self.status(format!("{}: {}", tr(lang, K::Loaded), data.display()));
                    }
                    Err(e) => self.error = Some(ErrorReport::load(tr(lang, K::ErrorLoad), e)),
                }
            }
            Command::SaveSettings(path) => {
                let Some(path) = path.or_else(|| {
                    rfd::FileDialog::new()
                        .add_filter("TOML", &["toml"])
                        .set_file_name("settings.toml")
                        .save_file()
                }) else {
                    return;
                };
                match core_api::write_settings(&path, &self.whatif.current) {
                    Ok(()) => {
                        self.status(format!("{}: {}", tr(lang, K::Saved), path.display()));
                        self.prefs.settings_path = Some(path);
                    }
                    Err(e) => self.error = Some(ErrorReport::message(tr(lang, K::ErrorTitle), e.to_string())),
                }
            }
            Command::LoadSettings(path) => {
                let Some(path) = path.or_else(|| rfd::FileDialog::new().add_filter("TOML", &["toml"]).pick_file())
                else {
                    return;
                };
                match core_api::read_settings(&path) {
                    Ok(s) => {
                        self.push_undo();
                        self.whatif.current = s;
                        self.error = None;
                        self.prefs.settings_path = Some(path);
                    }
                    Err(e) => self.error = Some(ErrorReport::load(tr(lang, K::ErrorLoad), e)),
                }
            }
            Command::ExportChart(kind, path) => self.export(kind, path),
            Command::SetWeight { code, weight } => {
                if self.whatif.editing.as_deref() != Some(code.as_str()) {
                    self.push_undo();
                    self.whatif.editing = Some(code.clone());
                }
                self.whatif.current.weights.insert(code, weight);
            }
            Command::SetNormaliser(n) => {
                if self.whatif.current.normaliser != n {
                    self.push_undo();
                    self.whatif.current.normaliser = n;
                }
            }
            Command::SetAggregator(a) => {
                if self.whatif.current.aggregator != a {
                    self.push_undo();
                    self.whatif.current.aggregator = a;
                }
            }
            Command::Undo => {
                if let Some(s) = self.whatif.undo.pop() {
                    self.whatif.current = s;
                }
                self.whatif.editing = None;
            }
            Command::Reset => {
                if self.whatif.current != self.whatif.baseline {
                    self.push_undo();
                    self.whatif.current = self.whatif.baseline.clone();
                }
            }
            Command::SetLanguage(l) => self.prefs.lang = l,
            Command::SelectUnit(u) => self.selected = u,
            Command::ShowView(v) => self.prefs.view = v,
            Command::ColourBy(node) => self.view_state.node = node,
            Command::SetGrouping(g) => self.view_state.grouping = g,
            Command::SetYear(y) => self.view_state.year = y,
            Command::RunUncertainty { samples, seed } => self.start_uncertainty(samples, seed),
            Command::CancelUncertainty => {
                if let Some(job) = &self.uncertainty.job {
                    job.cancel();
                }
            }
            Command::SetLosiEntry { unit, item, entry } => {
                let slot = self.losi.assessment.units.entry(unit).or_default();
                if slot.get(&item) != Some(&entry) {
                    slot.insert(item, entry);
                    self.losi.dirty = true;
                }
            }
            Command::SaveAssessment(path) => {
                let Some(path) = path.or_else(|| self.losi.path.clone()).or_else(|| {
                    rfd::FileDialog::new()
                        .add_filter("TOML", &["toml"])
                        .set_file_name("losi_assessment.toml")
                        .save_file()
                }) else {
                    return;
                };
                match core_api::write_assessment(&path, &self.losi.assessment) {
                    Ok(()) => {
                        self.losi.dirty = false;
                        self.status(format!("{}: {}", tr(lang, K::Saved), path.display()));
                        self.prefs.assessment_path = Some(path.clone());
                        self.losi.path = Some(path);
                    }
                    Err(e) => self.error = Some(ErrorReport::message(tr(lang, K::ErrorTitle), e.to_string())),
                }
            }
            Command::OpenAssessment(path) => {
                let Some(path) = path.or_else(|| rfd::FileDialog::new().add_filter("TOML", &["toml"]).pick_file())
                else {
                    return;
                };
                if self.losi.dirty {
                    // Never drop unsaved findings: the planner saves (or the file stays as it is).
                    self.error = Some(ErrorReport::message(
                        tr(lang, K::ErrorTitle),
                        format!("{} ({})", tr(lang, K::Unsaved), tr(lang, K::SaveAssessment)),
                    ));
                    return;
                }
                match core_api::read_assessment(&path) {
                    Ok(a) => {
                        self.losi.assessment = a;
                        self.losi.dirty = false;
                        self.prefs.assessment_path = Some(path.clone());
                        self.losi.path = Some(path);
                    }
                    Err(e) => self.error = Some(ErrorReport::load(tr(lang, K::ErrorLoad), e)),
                }
            }
            Command::DismissError => self.error = None,
        }
        self.refresh();
    }

    fn push_undo(&mut self) {
        const MAX_UNDO: usize = 200;
        self.whatif.undo.push(self.whatif.current.clone());
        if self.whatif.undo.len() > MAX_UNDO {
            self.whatif.undo.remove(0);
        }
    }

    fn status(&mut self, s: String) {
        self.view_state.status = Some(s);
    }

    fn export(&mut self, kind: ChartKind, path: Option<PathBuf>) {
        let lang = self.prefs.lang;
        let (Some(l), Some(res)) = (&self.loaded, self.current.ok()) else {
            return;
        };
        let Some(path) = path.or_else(|| {
            rfd::FileDialog::new()
                .add_filter("PNG", &["png"])
                .add_filter("SVG", &["svg"])
                .set_file_name("chart.png")
                .save_file()
        }) else {
            return;
        };
        let node = self
            .view_state
            .node
            .as_deref()
            .and_then(|c| res.framework.position(c))
            .unwrap_or_else(|| res.index_node());
        let input = core_api::ExportInput {
            ds: &l.dataset,
            res,
            year: shown_year(&l.dataset, res, self.view_state.year),
            node,
            lang,
            geometry: l.geometry.as_ref().ok().and_then(Option::as_ref),
            intervals: self
                .uncertainty
                .result
                .as_ref()
                .and_then(|r| r.as_ref().ok())
                .map(Vec::as_slice),
        };
        match core_api::export_chart(kind, &input, &path) {
            Ok(()) => self.status(format!("{}: {}", tr(lang, K::Exported), path.display())),
            Err(e) => self.error = Some(ErrorReport::message(tr(lang, K::ErrorTitle), e.to_string())),
        }
    }

    fn start_uncertainty(&mut self, samples: usize, seed: u64) {
        if self.uncertainty.job.is_some() {
            return;
        }
        let Some(l) = &self.loaded else { return };
        let ds = std::sync::Arc::clone(&l.dataset);
        let settings = self.whatif.current.clone();
        let year = self.year();
        self.uncertainty.samples = samples;
        self.uncertainty.seed = seed;
        self.uncertainty.result = None;
        self.uncertainty.job = Some(Job::spawn(None, move |ctl| {
            core_api::uncertainty(&ds, &settings, year, samples, seed, ctl)
        }));
    }

    /// Blocks until the running uncertainty job ends and collects its result (for tests).
    pub fn wait_for_jobs(&mut self) {
        if let Some(job) = self.uncertainty.job.take() {
            self.uncertainty.result = job.wait();
        }
    }
}

impl Prefs {
    fn dataset_path_label(&self) -> String {
        self.dataset_path
            .as_ref()
            .map_or_else(String::new, |p| p.display().to_string())
    }
}

impl eframe::App for DashboardApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        if let Some(r) = ui.input(|i| i.viewport().inner_rect) {
            self.prefs.window.width = r.width();
            self.prefs.window.height = r.height();
        }
        self.show(ui);
        if let Some((t0, close)) = self.startup.take() {
            eprintln!(
                "govgap: first frame drawn {:.0} ms after launch",
                t0.elapsed().as_secs_f64() * 1e3
            );
            if close {
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        storage.set_string(STORAGE_KEY, self.prefs.to_toml());
    }
}
