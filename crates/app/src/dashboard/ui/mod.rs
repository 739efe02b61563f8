//! The panels: one file per view, plus the shared frame (top bar, navigation, error panel, status).
//!
//! Every function that draws takes `ui: &mut egui::Ui`, reads the [`Scene`] and returns the
//! [`Command`]s its widgets asked for; none changes app state itself.

pub mod benchmarks;
pub mod data;
pub mod dimensions;
pub mod gaps;
pub mod losi;
pub mod map;
pub mod overview;
pub mod uncertainty;
pub mod whatif;

use egui::{Key, KeyboardShortcut, Modifiers, RichText};
use govgap::pipeline::Results;
use govgap::{Dataset, Lang};

use super::command::Command;
use super::core_api::{ChartKind, CoreError};
use super::i18n::{K, tr};
use super::prefs::View;
use super::state::{Cached, ErrorReport, Loaded, LosiState, UncertaintyState, ViewState, WhatIf};
use super::theme;

/// What the panels read: a borrowed, read-only view of the app for one frame.
#[derive(Debug, Clone, Copy)]
pub struct Scene<'a> {
    /// The year the views show.
    pub year: Option<i32>,
    /// Label language.
    pub lang: Lang,
    /// The view shown.
    pub view: View,
    /// The dataset.
    pub loaded: Option<&'a Loaded>,
    /// The error panel's content.
    pub error: Option<&'a ErrorReport>,
    /// Results under the current (what-if) settings.
    pub current: &'a Cached,
    /// Results under the baseline settings.
    pub baseline: &'a Cached,
    /// The what-if settings.
    pub whatif: &'a WhatIf,
    /// The selected unit code.
    pub selected: Option<&'a str>,
    /// Display options.
    pub view_state: &'a ViewState,
    /// The uncertainty analysis.
    pub uncertainty: &'a UncertaintyState,
    /// The LOSI assessment.
    pub losi: &'a LosiState,
}

impl<'a> Scene<'a> {
    /// The label of `k`.
    #[must_use]
    pub fn t(&self, k: K) -> &'static str {
        tr(self.lang, k)
    }
    /// The dataset, if loaded.
    #[must_use]
    pub fn dataset(&self) -> Option<&'a Dataset> {
        self.loaded.map(|l| l.dataset.as_ref())
    }
    /// The current results, if the run succeeded.
    #[must_use]
    pub fn results(&self) -> Option<&'a Results> {
        self.current.ok()
    }
    /// A unit's name in the label language (the code if unknown).
    #[must_use]
    pub fn unit_name(&self, code: &'a str) -> &'a str {
        self.dataset()
            .and_then(|ds| ds.unit_position(code).map(|i| ds.units()[i].name(self.lang)))
            .unwrap_or(code)
    }
    /// A framework node's name in the label language.
    #[must_use]
    pub fn node_name(&self, res: &'a Results, k: usize) -> &'a str {
        res.framework.nodes()[k].name(self.lang)
    }
    /// The node the views show (the index unless another was chosen).
    #[must_use]
    pub fn node(&self, res: &Results) -> usize {
        self.view_state
            .node
            .as_deref()
            .and_then(|c| res.framework.position(c))
            .unwrap_or_else(|| res.index_node())
    }
}

/// Label of a view.
#[must_use]
pub fn view_label(view: View) -> K {
    match view {
        View::Overview => K::Overview,
        View::Dimensions => K::Dimensions,
        View::Gaps => K::Gaps,
        View::Benchmarks => K::Benchmarks,
        View::WhatIf => K::WhatIf,
        View::Uncertainty => K::Uncertainty,
        View::Data => K::Data,
        View::Losi => K::Losi,
    }
}

/// The chart Ctrl+E exports from each view.
#[must_use]
pub fn chart_of(view: View) -> ChartKind {
    match view {
        View::Overview => ChartKind::Map,
        View::Dimensions => ChartKind::Dimensions,
        View::Gaps => ChartKind::Lorenz,
        View::Uncertainty => ChartKind::RankIntervals,
        _ => ChartKind::Ranking,
    }
}

/// Keyboard shortcuts: Ctrl+O open, Ctrl+S save settings, Ctrl+Z undo, Ctrl+E export.
pub fn shortcuts(ui: &mut egui::Ui, view: View) -> Option<Command> {
    let sc = |key| KeyboardShortcut::new(Modifiers::COMMAND, key);
    ui.input_mut(|i| {
        if i.consume_shortcut(&sc(Key::O)) {
            Some(Command::OpenDataset(None))
        } else if i.consume_shortcut(&sc(Key::S)) {
            Some(if view == View::Losi {
                Command::SaveAssessment(None)
            } else {
                Command::SaveSettings(None)
            })
        } else if i.consume_shortcut(&sc(Key::Z)) {
            Some(Command::Undo)
        } else if i.consume_shortcut(&sc(Key::E)) {
            Some(Command::ExportChart(chart_of(view), None))
        } else {
            None
        }
    })
}

/// The whole window: top bar, navigation, error panel, status bar and the view.
pub fn dashboard_ui(ui: &mut egui::Ui, scene: &Scene<'_>) -> Vec<Command> {
    let mut out = Vec::new();
    egui::Panel::top("govgap_top").show(ui, |ui| out.extend(top_bar_ui(ui, scene)));
    egui::Panel::bottom("govgap_status").show(ui, |ui| status_ui(ui, scene));
    egui::Panel::left("govgap_nav")
        .exact_size(theme::NAV_WIDTH)
        .show(ui, |ui| out.extend(nav_ui(ui, scene)));
    if let Some(err) = scene.error {
        egui::Panel::top("govgap_error")
            .frame(egui::Frame::new().fill(theme::ERROR_FILL).inner_margin(8.0))
            .show(ui, |ui| out.extend(error_ui(ui, scene, err)));
    }
    egui::CentralPanel::default().show(ui, |ui| {
        let Some(_) = scene.loaded else {
            ui.label(scene.t(K::NoData));
            return;
        };
        egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
            let c = match scene.view {
                View::Overview => overview::overview_ui(ui, scene),
                View::Dimensions => dimensions::dimensions_ui(ui, scene),
                View::Gaps => gaps::gaps_ui(ui, scene),
                View::Benchmarks => benchmarks::benchmarks_ui(ui, scene),
                View::WhatIf => whatif::whatif_ui(ui, scene),
                View::Uncertainty => uncertainty::uncertainty_ui(ui, scene),
                View::Data => data::data_ui(ui, scene),
                View::Losi => losi::losi_ui(ui, scene),
            };
            out.extend(c);
        });
    });
    out
}

fn top_bar_ui(ui: &mut egui::Ui, scene: &Scene<'_>) -> Vec<Command> {
    let mut out = Vec::new();
    ui.horizontal(|ui| {
        ui.heading(scene.t(K::AppTitle));
        ui.separator();
        if ui.button(scene.t(K::Open)).clicked() {
            out.push(Command::OpenDataset(None));
        }
        if ui.button(scene.t(K::ImportCoinr)).clicked() {
            out.push(Command::ImportCoinr(None));
        }
        if ui.button(scene.t(K::ExportChart)).clicked() {
            out.push(Command::ExportChart(chart_of(scene.view), None));
        }
        if let Some(res) = scene.results() {
            let years: Vec<i32> = res.years().into_iter().flatten().collect();
            if !years.is_empty() {
                egui::ComboBox::new("year_picker", scene.t(K::Year))
                    .selected_text(scene.year.map_or_else(String::new, |y| y.to_string()))
                    .show_ui(ui, |ui| {
                        for y in years.into_iter().rev() {
                            if ui.selectable_label(scene.year == Some(y), y.to_string()).clicked() {
                                out.push(Command::SetYear(Some(y)));
                            }
                        }
                    });
            }
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let other = match scene.lang {
                Lang::En => Lang::Zh,
                Lang::Zh => Lang::En,
            };
            if ui
                .button(scene.t(K::SwitchLanguage))
                .on_hover_text(scene.t(K::Language))
                .clicked()
            {
                out.push(Command::SetLanguage(other));
            }
        });
    });
    out
}

fn nav_ui(ui: &mut egui::Ui, scene: &Scene<'_>) -> Vec<Command> {
    let mut out = Vec::new();
    ui.add_space(theme::SECTION_GAP);
    for v in View::ALL {
        let b = egui::Button::selectable(scene.view == v, scene.t(view_label(v)));
        if ui.add_sized([theme::NAV_WIDTH - 16.0, 28.0], b).clicked() {
            out.push(Command::ShowView(v));
        }
    }
    out
}

fn status_ui(ui: &mut egui::Ui, scene: &Scene<'_>) {
    ui.horizontal(|ui| {
        if let Some(ds) = scene.dataset() {
            let path = scene
                .loaded
                .and_then(|l| l.path.as_ref())
                .map(|p| p.display().to_string());
            ui.label(format!(
                "{} · {} {} · {} {}",
                path.unwrap_or_default(),
                ds.units().len(),
                scene.t(K::Units),
                ds.obs().len() * ds.framework().indicators().count(),
                scene.t(K::Cells)
            ));
        }
        if let Some(s) = &scene.view_state.status {
            ui.separator();
            ui.colored_label(theme::OK, s);
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.weak(scene.t(K::ShortcutsHint));
        });
    });
}

fn error_ui(ui: &mut egui::Ui, scene: &Scene<'_>, err: &ErrorReport) -> Vec<Command> {
    let mut out = Vec::new();
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(&err.title)
                .color(if err.warning { theme::WARNING } else { theme::ERROR })
                .strong()
                .size(theme::HEADING_SIZE),
        );
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button(scene.t(K::Dismiss)).clicked() {
                out.push(Command::DismissError);
            }
        });
    });
    if let Some(p) = &err.path {
        ui.monospace(p.display().to_string());
    }
    ui.label(&err.message);
    if !err.problems.is_empty() {
        ui.label(RichText::new(scene.t(K::Problems)).strong());
        egui::ScrollArea::vertical()
            .id_salt("error_problems")
            .max_height(160.0)
            .show(ui, |ui| {
                problems_ui(ui, scene, &err.problems);
            });
    }
    ui.weak(scene.t(if err.warning {
        K::SettingsDefaultNote
    } else {
        K::ErrorKeepNote
    }));
    out
}

/// A list of validation problems: severity, where, what, and the fix.
pub fn problems_ui(ui: &mut egui::Ui, scene: &Scene<'_>, problems: &[govgap::Problem]) {
    for p in problems {
        let colour = match p.severity {
            govgap::Severity::Error => theme::ERROR,
            govgap::Severity::Warning => theme::WARNING,
        };
        ui.horizontal_wrapped(|ui| {
            ui.colored_label(colour, format!("{:?}", p.severity));
            ui.monospace(p.location.to_string());
            ui.label(&p.message);
        });
        if !p.fix.is_empty() {
            ui.horizontal_wrapped(|ui| {
                ui.add_space(theme::SECTION_GAP);
                ui.weak(format!("{}: {}", scene.t(K::Fix), p.fix));
            });
        }
    }
}

/// Shows why a core result is missing ("not available yet" for core APIs still being written).
pub fn core_error_ui(ui: &mut egui::Ui, scene: &Scene<'_>, e: &CoreError) {
    match e {
        CoreError::Unavailable(what) => {
            ui.weak(format!("{} ({what})", scene.t(K::NotAvailable)));
        }
        CoreError::Failed(msg) => {
            ui.colored_label(theme::ERROR, msg);
        }
        CoreError::Cancelled => {
            ui.label(scene.t(K::Cancelled));
        }
    }
}

/// A section heading.
pub fn heading_ui(ui: &mut egui::Ui, text: &str) {
    ui.add_space(theme::SECTION_GAP);
    ui.label(RichText::new(text).strong().size(theme::HEADING_SIZE));
}

/// The results of the current run, or a message saying why there are none.
pub fn results_or_message<'a>(ui: &mut egui::Ui, scene: &Scene<'a>) -> Option<&'a Results> {
    if let Some(r) = scene.results() {
        return Some(r);
    }
    if let Some(e) = scene.current.err() {
        core_error_ui(ui, scene, e);
    }
    None
}

/// A drop-down to choose the node shown (index, dimensions ...).
pub fn node_picker_ui(ui: &mut egui::Ui, scene: &Scene<'_>, res: &Results) -> Option<Command> {
    let fw = &res.framework;
    let current = scene.node(res);
    let mut out = None;
    egui::ComboBox::new("node_picker", scene.t(K::ColourBy))
        .selected_text(scene.node_name(res, current))
        .show_ui(ui, |ui| {
            let mut aggs = fw.aggregation_order();
            aggs.reverse();
            for k in aggs.into_iter().chain(fw.indicators()) {
                if ui
                    .selectable_label(k == current, fw.nodes()[k].name(scene.lang))
                    .clicked()
                {
                    let code = (k != res.index_node()).then(|| fw.nodes()[k].code.clone());
                    out = Some(Command::ColourBy(code));
                }
            }
        });
    out
}
