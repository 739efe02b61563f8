//! Overview: the choropleth map, the ranking and the headline gap measures.

use std::collections::BTreeMap;

use egui::{Sense, Vec2};
use govgap::pipeline::{RankRow, Results};

use super::map::{MapValue, map_ui};
use super::{Scene, core_error_ui, heading_ui, node_picker_ui, results_or_message};
use crate::dashboard::command::Command;
use crate::dashboard::core_api;
use crate::dashboard::i18n::K;
use crate::dashboard::state::ranking;
use crate::dashboard::theme;

/// The map values of node `k` under the current results.
#[must_use]
pub fn map_values(scene: &Scene<'_>, res: &Results, k: usize) -> BTreeMap<String, MapValue> {
    let cov = scene
        .dataset()
        .map(|ds| core_api::coverage(ds, scene.year))
        .unwrap_or_default();
    let mut out: BTreeMap<String, MapValue> = cov
        .iter()
        .map(|(c, &v)| {
            (
                c.clone(),
                MapValue {
                    coverage: Some(v),
                    ..MapValue::default()
                },
            )
        })
        .collect();
    for row in res.ranking_in(k, scene.year) {
        let e = out.entry(row.unit_code.clone()).or_default();
        e.score = Some(row.score);
        e.rank = Some(row.rank);
    }
    out
}

/// The overview panel.
pub fn overview_ui(ui: &mut egui::Ui, scene: &Scene<'_>) -> Option<Command> {
    let mut out = None;
    ui.heading(scene.t(K::Overview));
    let res = results_or_message(ui, scene)?;
    let k = scene.node(res);
    out = out.or(node_picker_ui(ui, scene, res));
    let values = map_values(scene, res, k);
    ui.columns(2, |cols| {
        out = out.take().or(map_ui(&mut cols[0], scene, &values));
        heading_ui(&mut cols[1], scene.t(K::Ranking));
        let rows = ranking(res, Some(res.framework.nodes()[k].code.as_str()), scene.year);
        out = out
            .take()
            .or(ranking_ui(&mut cols[1], scene, &rows, &values, "overview_ranking"));
    });
    heading_ui(ui, scene.t(K::HeadlineGaps));
    headline_gaps_ui(
        ui,
        scene,
        &ranking(res, Some(res.framework.nodes()[k].code.as_str()), scene.year),
    );
    out
}

/// A ranking table: rank, name (click to select), score as a bar and a number, coverage.
pub fn ranking_ui(
    ui: &mut egui::Ui,
    scene: &Scene<'_>,
    rows: &[RankRow],
    values: &BTreeMap<String, MapValue>,
    id: &str,
) -> Option<Command> {
    let mut out = None;
    let max = rows.iter().map(|r| r.score).fold(0.0_f64, f64::max);
    egui::Grid::new(id).striped(true).show(ui, |ui| {
        ui.strong(scene.t(K::Rank));
        ui.strong(scene.t(K::Unit));
        ui.strong(scene.t(K::Score));
        ui.strong("");
        ui.strong(scene.t(K::Coverage));
        ui.end_row();
        for row in rows {
            ui.label(row.rank.to_string());
            let sel = scene.selected == Some(row.unit_code.as_str());
            if ui.selectable_label(sel, scene.unit_name(&row.unit_code)).clicked() {
                out = Some(Command::SelectUnit((!sel).then(|| row.unit_code.clone())));
            }
            score_bar_ui(ui, row.score, max, sel);
            ui.label(format!("{:.2}", row.score));
            let cov = values.get(&row.unit_code).and_then(|v| v.coverage);
            ui.label(cov.map_or_else(|| "-".into(), |c| format!("{:.0}%", c * 100.0)));
            ui.end_row();
        }
    });
    out
}

/// A horizontal bar of `score` relative to `max`.
pub fn score_bar_ui(ui: &mut egui::Ui, score: f64, max: f64, selected: bool) {
    let (rect, _) = ui.allocate_exact_size(Vec2::new(theme::SCORE_BAR_WIDTH, 12.0), Sense::hover());
    let f = if max > 0.0 {
        (score / max).clamp(0.0, 1.0) as f32
    } else {
        0.0
    };
    let mut bar = rect;
    bar.set_width(rect.width() * f);
    let colour = if selected { theme::SELECTED } else { theme::series(0) };
    ui.painter().rect_filled(bar, 2.0, colour);
}

/// The headline inequality measures of a ranking's scores.
pub fn headline_gaps_ui(ui: &mut egui::Ui, scene: &Scene<'_>, rows: &[RankRow]) {
    let scores: Vec<f64> = rows.iter().map(|r| r.score).collect();
    egui::Grid::new("headline_gaps").striped(true).show(ui, |ui| {
        ui.strong(scene.t(K::Measure));
        ui.strong(scene.t(K::Value));
        ui.end_row();
        for g in core_api::gap_measures(&scores) {
            ui.label(scene.t(super::gaps::measure_label(g.measure)));
            match &g.value {
                Ok(v) => {
                    ui.label(format!("{v:.4}"));
                }
                Err(e) => core_error_ui(ui, scene, e),
            }
            ui.end_row();
        }
    });
}
