//! What-if: weight sliders per dimension and indicator, normalisation and aggregation, live ranks and
//! map with rank changes against the baseline; undo, reset, save and load the settings file.

use std::collections::BTreeMap;

use govgap::Framework;
use govgap::aggregate::{Aggregator, NonPositivePolicy};
use govgap::model::NodeRole;
use govgap::normalise::Normaliser;
use govgap::pipeline::Results;

use super::map::map_ui;
use super::overview::map_values;
use super::{Scene, heading_ui, results_or_message};
use crate::dashboard::command::Command;
use crate::dashboard::i18n::K;
use crate::dashboard::theme;

/// The normalisations offered, with their labels.
#[must_use]
pub fn normalisers() -> Vec<(K, Normaliser)> {
    vec![
        (K::NormMinMax, Normaliser::MinMax { low: 0.0, high: 100.0 }),
        (K::NormZScore, Normaliser::ZScore { mean: 10.0, sd: 1.0 }),
        (K::NormRank, Normaliser::Rank),
        (K::NormPercentile, Normaliser::PercentileRank),
        (K::NormGoalposts, Normaliser::Goalposts { scale: 100.0 }),
        (K::NormTarget, Normaliser::DistanceToTarget { scale: 100.0 }),
        (K::NormMax, Normaliser::DistanceToMax { scale: 100.0 }),
        (K::NormFracMax, Normaliser::FractionOfMax { scale: 100.0 }),
    ]
}

/// The aggregations offered, with their labels.
#[must_use]
pub fn aggregators() -> Vec<(K, Aggregator)> {
    vec![
        (K::AggArithmetic, Aggregator::Arithmetic),
        (
            K::AggGeometric,
            Aggregator::Geometric {
                non_positive: NonPositivePolicy::Exclude,
            },
        ),
        (
            K::AggHarmonic,
            Aggregator::Harmonic {
                non_positive: NonPositivePolicy::Exclude,
            },
        ),
        (K::AggTopsis, Aggregator::Topsis),
        (K::AggCopeland, Aggregator::Copeland),
    ]
}

/// The what-if panel.
pub fn whatif_ui(ui: &mut egui::Ui, scene: &Scene<'_>) -> Option<Command> {
    let mut out = None;
    ui.heading(scene.t(K::WhatIf));
    let ds = scene.dataset()?;
    let fw = ds.framework();
    ui.horizontal(|ui| {
        if ui
            .add_enabled(!scene.whatif.undo.is_empty(), egui::Button::new(scene.t(K::Undo)))
            .clicked()
        {
            out = Some(Command::Undo);
        }
        if ui
            .add_enabled(
                scene.whatif.current != scene.whatif.baseline,
                egui::Button::new(scene.t(K::Reset)),
            )
            .clicked()
        {
            out = Some(Command::Reset);
        }
        if ui.button(scene.t(K::SaveSettings)).clicked() {
            out = Some(Command::SaveSettings(None));
        }
        if ui.button(scene.t(K::LoadSettings)).clicked() {
            out = Some(Command::LoadSettings(None));
        }
    });
    ui.horizontal(|ui| {
        let cur = &scene.whatif.current;
        let choices = normalisers();
        let label = choices
            .iter()
            .find(|(_, n)| *n == cur.normaliser)
            .map_or(K::Other, |(k, _)| *k);
        egui::ComboBox::new("normaliser", scene.t(K::Normalisation))
            .selected_text(scene.t(label))
            .show_ui(ui, |ui| {
                for (k, n) in choices {
                    if ui.selectable_label(n == cur.normaliser, scene.t(k)).clicked() {
                        out = Some(Command::SetNormaliser(n));
                    }
                }
            });
        let choices = aggregators();
        let label = choices
            .iter()
            .find(|(_, a)| *a == cur.aggregator)
            .map_or(K::Other, |(k, _)| *k);
        egui::ComboBox::new("aggregator", scene.t(K::Aggregation))
            .selected_text(scene.t(label))
            .show_ui(ui, |ui| {
                for (k, a) in choices {
                    if ui.selectable_label(a == cur.aggregator, scene.t(k)).clicked() {
                        out = Some(Command::SetAggregator(a));
                    }
                }
            });
    });

    ui.columns(2, |cols| {
        let ui = &mut cols[0];
        heading_ui(ui, scene.t(K::DimensionWeights));
        let root = fw.root();
        for &d in fw.children(root) {
            out = out.take().or(weight_slider_ui(ui, scene, fw, d));
        }
        heading_ui(ui, scene.t(K::IndicatorWeights));
        for &d in fw.children(root) {
            egui::CollapsingHeader::new(fw.nodes()[d].name(scene.lang))
                .id_salt(("ind_weights", d))
                .show(ui, |ui| {
                    for &c in fw.children(d) {
                        out = out.take().or(weight_tree_ui(ui, scene, fw, c));
                    }
                });
        }
        let ui = &mut cols[1];
        let Some(res) = results_or_message(ui, scene) else {
            return;
        };
        heading_ui(ui, scene.t(K::Ranking));
        out = out.take().or(rank_changes_ui(ui, scene, res));
        let values = map_values(scene, res, res.index_node());
        out = out.take().or(map_ui(ui, scene, &values));
    });
    out
}

fn weight_tree_ui(ui: &mut egui::Ui, scene: &Scene<'_>, fw: &Framework, k: usize) -> Option<Command> {
    let mut out = weight_slider_ui(ui, scene, fw, k);
    if fw.nodes()[k].role == NodeRole::Aggregate {
        ui.indent(("w", k), |ui| {
            for &c in fw.children(k) {
                out = out.take().or(weight_tree_ui(ui, scene, fw, c));
            }
        });
    }
    out
}

/// A slider for one node's weight; returns [`Command::SetWeight`] while it is dragged.
fn weight_slider_ui(ui: &mut egui::Ui, scene: &Scene<'_>, fw: &Framework, k: usize) -> Option<Command> {
    let node = &fw.nodes()[k];
    let original = node.weight;
    let mut w = scene
        .whatif
        .current
        .weights
        .get(&node.code)
        .copied()
        .unwrap_or(original);
    let max = (original * 3.0).max(1.0).max(w);
    let r = ui.add(egui::Slider::new(&mut w, 0.0..=max).text(node.name(scene.lang)));
    r.changed().then(|| Command::SetWeight {
        code: node.code.clone(),
        weight: w,
    })
}

/// The current ranking with the change of rank against the baseline.
fn rank_changes_ui(ui: &mut egui::Ui, scene: &Scene<'_>, res: &Results) -> Option<Command> {
    let mut out = None;
    let base: BTreeMap<String, u32> = scene
        .baseline
        .ok()
        .map(|b| {
            b.ranking_in(b.index_node(), scene.year)
                .into_iter()
                .map(|r| (r.unit_code, r.rank))
                .collect()
        })
        .unwrap_or_default();
    egui::Grid::new("whatif_ranking").striped(true).show(ui, |ui| {
        ui.strong(scene.t(K::Rank));
        ui.strong(scene.t(K::Unit));
        ui.strong(scene.t(K::Score));
        ui.strong(scene.t(K::Change));
        ui.strong(scene.t(K::Baseline));
        ui.end_row();
        for row in res.ranking_in(res.index_node(), scene.year) {
            ui.label(row.rank.to_string());
            let sel = scene.selected == Some(row.unit_code.as_str());
            if ui.selectable_label(sel, scene.unit_name(&row.unit_code)).clicked() {
                out = Some(Command::SelectUnit(Some(row.unit_code.clone())));
            }
            ui.label(format!("{:.2}", row.score));
            match base.get(&row.unit_code) {
                Some(&b) if b > row.rank => ui.colored_label(theme::UP, format!("↑ {}", b - row.rank)),
                Some(&b) if b < row.rank => ui.colored_label(theme::DOWN, format!("↓ {}", row.rank - b)),
                Some(_) => ui.label("="),
                None => ui.label("-"),
            };
            ui.label(
                base.get(&row.unit_code)
                    .map_or_else(|| "-".to_string(), ToString::to_string),
            );
            ui.end_row();
        }
    });
    out
}
