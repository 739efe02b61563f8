//! Data: the values table with source and quality per cell, the coverage matrix, validation problems,
//! and import.

use govgap::Quality;

use super::benchmarks::cell_text;
use super::{Scene, heading_ui, problems_ui};
use crate::dashboard::command::Command;
use crate::dashboard::core_api;
use crate::dashboard::i18n::K;
use crate::dashboard::theme;

/// The data panel.
pub fn data_ui(ui: &mut egui::Ui, scene: &Scene<'_>) -> Option<Command> {
    let mut out = None;
    ui.heading(scene.t(K::Data));
    ui.horizontal(|ui| {
        if ui.button(scene.t(K::Open)).clicked() {
            out = Some(Command::OpenDataset(None));
        }
        if ui.button(scene.t(K::ImportCoinr)).clicked() {
            out = Some(Command::ImportCoinr(None));
        }
    });
    let ds = scene.dataset()?;
    let fw = ds.framework();

    heading_ui(ui, scene.t(K::Validation));
    if ds.warnings().is_empty() {
        ui.colored_label(theme::OK, scene.t(K::NoProblems));
    } else {
        egui::ScrollArea::vertical()
            .id_salt("data_problems")
            .max_height(200.0)
            .show(ui, |ui| {
                problems_ui(ui, scene, ds.warnings());
            });
    }

    heading_ui(ui, scene.t(K::CoverageMatrix));
    let cov = core_api::coverage_by_aggregate(ds, scene.year);
    let mut aggs: Vec<usize> = fw.aggregation_order();
    aggs.reverse();
    egui::ScrollArea::horizontal()
        .id_salt("coverage_scroll")
        .show(ui, |ui| {
            egui::Grid::new("coverage").striped(true).show(ui, |ui| {
                ui.strong(scene.t(K::Unit));
                for &a in &aggs {
                    ui.strong(fw.nodes()[a].name(scene.lang));
                }
                ui.end_row();
                for u in ds.units() {
                    if ui
                        .selectable_label(scene.selected == Some(u.code.as_str()), u.name(scene.lang))
                        .clicked()
                    {
                        out = Some(Command::SelectUnit(Some(u.code.clone())));
                    }
                    for &a in &aggs {
                        match cov.get(&(u.code.clone(), a)) {
                            Some(&c) => {
                                let colour = theme::sequential(Some(c));
                                ui.colored_label(colour, format!("{:.0}%", c * 100.0));
                            }
                            None => {
                                ui.weak("-");
                            }
                        }
                    }
                    ui.end_row();
                }
            });
        });

    heading_ui(ui, scene.t(K::ValuesTable));
    let measured: Vec<usize> = fw.measured().collect();
    egui::ScrollArea::horizontal().id_salt("values_scroll").show(ui, |ui| {
        egui::Grid::new("values").striped(true).show(ui, |ui| {
            ui.strong(scene.t(K::Unit));
            ui.strong(scene.t(K::Year));
            for &k in &measured {
                let n = &fw.nodes()[k];
                ui.strong(&n.code)
                    .on_hover_text(format!("{}\n{}", n.name(scene.lang), n.unit));
            }
            ui.end_row();
            // one year at a time (the year picker in the top bar): the full panel is thousands of cells
            for (r, o) in ds
                .obs()
                .iter()
                .enumerate()
                .filter(|(_, o)| scene.year.is_none() || o.year == scene.year)
            {
                let u = &ds.units()[o.unit];
                let sel = scene.selected == Some(u.code.as_str());
                if ui.selectable_label(sel, u.name(scene.lang)).clicked() {
                    out = Some(Command::SelectUnit(Some(u.code.clone())));
                }
                ui.label(o.year.map_or_else(String::new, |y| y.to_string()));
                for &k in &measured {
                    match cell_text(ds, k, r) {
                        Some((text, tip, q)) => {
                            let l = if q == Quality::Secondary {
                                ui.colored_label(theme::SECONDARY, text)
                            } else {
                                ui.label(text)
                            };
                            l.on_hover_text(tip);
                        }
                        None => {
                            ui.weak("·");
                        }
                    }
                }
                ui.end_row();
            }
        });
    });
    ui.weak(scene.t(K::SecondaryMark));
    ui.weak(scene.t(K::DerivedMark));
    out
}
