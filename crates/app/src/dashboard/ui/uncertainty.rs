//! Uncertainty: Monte Carlo rank intervals, run off the UI thread with a progress bar and cancel.

use egui_plot::{Line, Plot, PlotPoints, Points};

use super::{Scene, core_error_ui, heading_ui};
use crate::dashboard::command::Command;
use crate::dashboard::i18n::K;
use crate::dashboard::theme;

/// The uncertainty panel.
pub fn uncertainty_ui(ui: &mut egui::Ui, scene: &Scene<'_>) -> Option<Command> {
    let mut out = None;
    ui.heading(scene.t(K::Uncertainty));
    let u = scene.uncertainty;
    // the sample size and seed being typed are the widget's own state until Run is pressed
    let id = ui.make_persistent_id("uncertainty_params");
    let (mut samples, mut seed) = ui.data_mut(|d| *d.get_temp_mut_or(id, (u.samples, u.seed)));
    ui.horizontal(|ui| {
        let l = ui.label(scene.t(K::Samples));
        ui.add(egui::DragValue::new(&mut samples).range(10..=100_000))
            .labelled_by(l.id);
        let l = ui.label(scene.t(K::Seed));
        ui.add(egui::DragValue::new(&mut seed)).labelled_by(l.id);
        if let Some(job) = &u.job {
            if ui.button(scene.t(K::Cancel)).clicked() {
                out = Some(Command::CancelUncertainty);
            }
            ui.add(
                egui::ProgressBar::new(job.fraction())
                    .show_percentage()
                    .desired_width(240.0),
            );
        } else if ui.button(scene.t(K::RunUncertainty)).clicked() {
            out = Some(Command::RunUncertainty { samples, seed });
        }
    });
    ui.data_mut(|d| d.insert_temp(id, (samples, seed)));
    match &u.result {
        None if u.job.is_some() => {
            ui.label(scene.t(K::Running));
        }
        None => {
            // before the first run: what the analysis does, so that the empty view explains itself
            ui.add_space(6.0);
            ui.weak(scene.t(K::UncertaintyHint));
        }
        Some(Err(crate::dashboard::core_api::CoreError::Cancelled)) => {
            ui.label(scene.t(K::Cancelled));
        }
        Some(Err(e)) => core_error_ui(ui, scene, e),
        Some(Ok(intervals)) => {
            heading_ui(ui, scene.t(K::RankInterval));
            let mut order: Vec<_> = intervals.iter().collect();
            order.sort_by(|a, b| {
                a.median
                    .total_cmp(&b.median)
                    .then_with(|| a.unit_code.cmp(&b.unit_code))
            });
            let names: Vec<String> = order
                .iter()
                .map(|r| scene.unit_name(&r.unit_code).to_string())
                .collect();
            let names_fmt = names.clone();
            Plot::new("rank_intervals")
                .height(theme::PLOT_HEIGHT)
                .allow_zoom(false)
                .allow_drag(false)
                .allow_scroll(false)
                .y_axis_formatter(move |m, _| {
                    let i = m.value.round();
                    if (m.value - i).abs() < 1e-6 && i >= 0.0 {
                        names_fmt.get(i as usize).cloned().unwrap_or_default()
                    } else {
                        String::new()
                    }
                })
                .show(ui, |p| {
                    for (i, r) in order.iter().enumerate() {
                        let y = i as f64;
                        let colour = if scene.selected == Some(r.unit_code.as_str()) {
                            theme::SELECTED
                        } else {
                            theme::series(0)
                        };
                        p.line(
                            Line::new(names[i].clone(), PlotPoints::from(vec![[r.low, y], [r.high, y]]))
                                .color(colour)
                                .width(4.0),
                        );
                        p.points(
                            Points::new(scene.t(K::Median), PlotPoints::from(vec![[r.median, y]]))
                                .color(theme::OUTLINE)
                                .radius(4.0),
                        );
                        if let Some(n) = r.nominal {
                            p.points(
                                Points::new(scene.t(K::Rank), PlotPoints::from(vec![[f64::from(n), y]]))
                                    .color(theme::SELECTED)
                                    .radius(3.0),
                            );
                        }
                    }
                });
            egui::Grid::new("rank_interval_table").striped(true).show(ui, |ui| {
                ui.strong(scene.t(K::Unit));
                ui.strong(scene.t(K::Rank));
                ui.strong(scene.t(K::Median));
                ui.strong(scene.t(K::RankInterval));
                ui.end_row();
                for r in order {
                    if ui
                        .selectable_label(
                            scene.selected == Some(r.unit_code.as_str()),
                            scene.unit_name(&r.unit_code),
                        )
                        .clicked()
                    {
                        out = Some(Command::SelectUnit(Some(r.unit_code.clone())));
                    }
                    ui.label(r.nominal.map_or_else(|| "-".to_string(), |n| n.to_string()));
                    ui.label(format!("{:.1}", r.median));
                    ui.label(format!("{:.0} – {:.0}", r.low, r.high));
                    ui.end_row();
                }
            });
        }
    }
    out
}
