//! Gaps: inequality measures, the Lorenz curve, decomposition by group, spatial clusters, convergence.

use egui_plot::{Legend, Line, Plot, PlotPoints, Points};

use super::overview::headline_gaps_ui;
use super::{Scene, core_error_ui, heading_ui, node_picker_ui, results_or_message};
use crate::dashboard::command::Command;
use crate::dashboard::core_api::{self, GapMeasure};
use crate::dashboard::i18n::K;
use crate::dashboard::state::ranking;
use crate::dashboard::theme;

/// The label of a gap measure.
#[must_use]
pub fn measure_label(m: GapMeasure) -> K {
    match m {
        GapMeasure::Gini => K::Gini,
        GapMeasure::TheilT => K::TheilT,
        GapMeasure::TheilL => K::TheilL,
        GapMeasure::Cv => K::Cv,
        GapMeasure::Sd => K::Sd,
        GapMeasure::Range => K::RangeM,
        GapMeasure::MaxMinRatio => K::MaxMinRatio,
        GapMeasure::Atkinson1 => K::Atkinson1,
    }
}

/// The gaps panel.
pub fn gaps_ui(ui: &mut egui::Ui, scene: &Scene<'_>) -> Option<Command> {
    let mut out = None;
    ui.heading(scene.t(K::Gaps));
    let res = results_or_message(ui, scene)?;
    let ds = scene.dataset()?;
    out = out.or(node_picker_ui(ui, scene, res));
    let k = scene.node(res);
    let rows = ranking(res, Some(res.framework.nodes()[k].code.as_str()), scene.year);
    let scores: Vec<f64> = rows.iter().map(|r| r.score).collect();

    heading_ui(ui, scene.t(K::HeadlineGaps));
    headline_gaps_ui(ui, scene, &rows);

    heading_ui(ui, scene.t(K::Lorenz));
    match core_api::lorenz(&scores) {
        Ok(points) => {
            Plot::new("lorenz")
                .height(theme::PLOT_HEIGHT)
                .data_aspect(1.0)
                .include_x(0.0)
                .include_x(1.0)
                .include_y(0.0)
                .include_y(1.0)
                .auto_bounds(egui::Vec2b::FALSE)
                .default_x_bounds(0.0, 1.0)
                .default_y_bounds(0.0, 1.0)
                .legend(Legend::default())
                .x_axis_label(scene.t(K::PopulationShare))
                .y_axis_label(scene.t(K::ValueShare))
                .show(ui, |p| {
                    p.line(
                        Line::new(scene.t(K::Equality), PlotPoints::from(vec![[0.0, 0.0], [1.0, 1.0]]))
                            .color(theme::REFERENCE),
                    );
                    p.line(Line::new(scene.t(K::Lorenz), PlotPoints::from(points.clone())).color(theme::series(0)));
                    p.points(
                        Points::new(scene.t(K::Unit), PlotPoints::from(points))
                            .radius(3.0)
                            .color(theme::series(0)),
                    );
                });
        }
        Err(e) => core_error_ui(ui, scene, &e),
    }

    heading_ui(ui, scene.t(K::Decomposition));
    let groupings = ds.grouping_names();
    // the 2017 report's city groups ("group") by default, else the first grouping
    let grouping = scene
        .view_state
        .grouping
        .clone()
        .or_else(|| groupings.iter().find(|g| g.as_str() == "group").cloned())
        .or_else(|| groupings.first().cloned());
    egui::ComboBox::new("grouping", scene.t(K::Grouping))
        .selected_text(grouping.clone().unwrap_or_default())
        .show_ui(ui, |ui| {
            for g in &groupings {
                if ui.selectable_label(grouping.as_ref() == Some(g), g).clicked() {
                    out = Some(Command::SetGrouping(Some(g.clone())));
                }
            }
        });
    if let Some(g) = &grouping {
        let mut vals = Vec::new();
        let mut labels = Vec::new();
        for r in &rows {
            let label = ds.unit_position(&r.unit_code).and_then(|i| ds.units()[i].group(g));
            if let Some(l) = label {
                vals.push(r.score);
                labels.push(l.to_string());
            }
        }
        match core_api::decompose(&vals, &labels) {
            Ok(d) => {
                egui::Grid::new("decomp").striped(true).show(ui, |ui| {
                    ui.strong(scene.t(K::Grouping));
                    ui.strong(scene.t(K::GroupN));
                    ui.strong(scene.t(K::Mean));
                    ui.strong(scene.t(K::Inequality));
                    ui.strong(scene.t(K::Contribution));
                    ui.end_row();
                    for gs in &d.groups {
                        ui.label(&gs.label);
                        ui.label(gs.n.to_string());
                        ui.label(format!("{:.2}", gs.mean));
                        ui.label(format!("{:.4}", gs.inequality));
                        ui.label(format!("{:.4}", gs.within_contribution));
                        ui.end_row();
                    }
                    for (key, v) in [(K::Between, d.between), (K::Within, d.within), (K::Total, d.total)] {
                        ui.strong(scene.t(key));
                        ui.label("");
                        ui.label("");
                        ui.label("");
                        let share = if d.total > 0.0 {
                            format!(" ({:.0}%)", v / d.total * 100.0)
                        } else {
                            String::new()
                        };
                        ui.label(format!("{v:.4}{share}"));
                        ui.end_row();
                    }
                });
            }
            Err(e) => core_error_ui(ui, scene, &e),
        }
    }

    heading_ui(ui, scene.t(K::Spatial));
    let pairs: Vec<(String, f64)> = rows.iter().map(|r| (r.unit_code.clone(), r.score)).collect();
    match scene
        .loaded
        .and_then(|l| l.geometry.as_ref().ok())
        .and_then(Option::as_ref)
    {
        None => {
            ui.weak(scene.t(K::NoGeometry));
        }
        Some(geo) => match cached_spatial(ui, geo, &pairs) {
            Ok(s) => {
                ui.label(format!(
                    "{}: {:.3}{}  (n = {})",
                    scene.t(K::MoransI),
                    s.morans_i,
                    s.p_value
                        .map_or_else(String::new, |p| format!("  {} {p:.3}", scene.t(K::PValue))),
                    s.n
                ));
                egui::Grid::new("clusters").striped(true).show(ui, |ui| {
                    ui.strong(scene.t(K::Unit));
                    ui.strong(scene.t(K::Cluster));
                    ui.end_row();
                    for (code, q, significant) in &s.clusters {
                        if ui
                            .selectable_label(scene.selected == Some(code.as_str()), scene.unit_name(code))
                            .clicked()
                        {
                            out = Some(Command::SelectUnit(Some(code.clone())));
                        }
                        if *significant {
                            ui.strong(q.label(scene.lang));
                        } else {
                            ui.weak(format!("{} ({})", q.label(scene.lang), scene.t(K::NotSignificant)));
                        }
                        ui.end_row();
                    }
                });
            }
            Err(e) => core_error_ui(ui, scene, &e),
        },
    }

    heading_ui(ui, scene.t(K::Convergence));
    if res.years().len() < 2 {
        ui.weak(scene.t(K::OneYearOnly));
    } else {
        match core_api::convergence(res, k) {
            Ok(c) => {
                let pts: Vec<[f64; 2]> = c.sigma.iter().map(|&(y, v)| [f64::from(y), v]).collect();
                Plot::new("sigma").height(theme::PLOT_HEIGHT / 1.5).show(ui, |p| {
                    p.line(Line::new(scene.t(K::Sigma), PlotPoints::from(pts)).color(theme::series(1)));
                });
                if let Some(b) = c.beta {
                    ui.label(format!("{}: {b:.4}", scene.t(K::Beta)));
                }
            }
            Err(e) => core_error_ui(ui, scene, &e),
        }
    }
    out
}

/// The spatial statistics of `pairs`, computed once per distinct input (permutation tests are too
/// slow to repeat every frame) and kept in egui's memory.
fn cached_spatial(
    ui: &egui::Ui,
    geo: &core_api::Geometry,
    pairs: &[(String, f64)],
) -> Result<std::sync::Arc<core_api::SpatialSummary>, core_api::CoreError> {
    use std::hash::{Hash, Hasher};
    type Cached = Result<std::sync::Arc<core_api::SpatialSummary>, core_api::CoreError>;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for (c, v) in pairs {
        c.hash(&mut h);
        v.to_bits().hash(&mut h);
    }
    let id = ui.make_persistent_id(("spatial_cache", h.finish()));
    if let Some(c) = ui.data(|d| d.get_temp::<Cached>(id)) {
        return c;
    }
    let c: Cached = core_api::spatial(geo, pairs).map(std::sync::Arc::new);
    ui.data_mut(|d| d.insert_temp(id, c.clone()));
    c
}
