//! Dimensions: how each dimension contributes to every unit's index (stacked bars), and the selected
//! unit's profile against every other unit.

use egui_plot::{Bar, BarChart, Legend, Plot, PlotPoints, Points};
use govgap::pipeline::Results;

use super::{Scene, heading_ui, results_or_message};
use crate::dashboard::command::Command;
use crate::dashboard::i18n::K;
use crate::dashboard::theme;

/// The dimensions panel.
pub fn dimensions_ui(ui: &mut egui::Ui, scene: &Scene<'_>) -> Option<Command> {
    let mut out = None;
    ui.heading(scene.t(K::Dimensions));
    let res = results_or_message(ui, scene)?;
    let root = res.index_node();
    let dims: Vec<usize> = res.framework.children(root).to_vec();
    let rows = res.ranking_in(root, scene.year);

    heading_ui(ui, scene.t(K::StackedBars));
    // Each segment is the dimension's score times its weight in the index, as the run used it
    // (Results::weights), so that for the arithmetic mean the segments add up to the index.
    let names: Vec<String> = rows.iter().map(|r| scene.unit_name(&r.unit_code).to_string()).collect();
    let mut charts: Vec<BarChart> = Vec::new();
    for (j, &d) in dims.iter().enumerate() {
        let w = res.weights.get(d).copied().unwrap_or(0.0);
        let bars: Vec<Bar> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let v = res.score(d, r.row).unwrap_or(0.0) * w;
                let sel = scene.selected == Some(r.unit_code.as_str());
                let bar = Bar::new(i as f64, v).width(0.7).name(&names[i]);
                if sel {
                    bar.stroke(egui::Stroke::new(2.0, theme::SELECTED))
                } else {
                    bar
                }
            })
            .collect();
        let refs: Vec<&BarChart> = charts.iter().collect();
        let chart = BarChart::new(scene.node_name(res, d), bars)
            .color(theme::series(j))
            .stack_on(&refs);
        charts.push(chart);
    }
    let names_fmt = names.clone();
    let clicked = Plot::new("stacked_dimensions")
        .height(theme::PLOT_HEIGHT)
        .legend(Legend::default())
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .x_axis_formatter(move |m, _| {
            let i = m.value.round();
            if (m.value - i).abs() < 1e-6 && i >= 0.0 {
                names_fmt.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .show(ui, |p| {
            for c in charts {
                p.bar_chart(c);
            }
            if p.response().clicked() {
                p.pointer_coordinate().map(|c| c.x.round())
            } else {
                None
            }
        })
        .inner;
    if let Some(r) = clicked.filter(|x| *x >= 0.0).and_then(|x| rows.get(x as usize)) {
        out = Some(Command::SelectUnit(Some(r.unit_code.clone())));
    }

    heading_ui(ui, scene.t(K::Profile));
    out = out.or(unit_picker_ui(ui, scene, res));
    if let Some(code) = scene.selected {
        profile_ui(ui, scene, res, &dims, code);
    }
    out
}

/// A drop-down of the units of a run; picking one selects it everywhere.
pub fn unit_picker_ui(ui: &mut egui::Ui, scene: &Scene<'_>, res: &Results) -> Option<Command> {
    let mut out = None;
    let ds = scene.dataset()?;
    egui::ComboBox::new("unit_picker", scene.t(K::Selected))
        .selected_text(scene.selected.map_or("-", |c| scene.unit_name(c)))
        .show_ui(ui, |ui| {
            let mut codes: Vec<&String> = res.unit_codes.iter().collect();
            codes.dedup();
            for code in codes {
                let u = ds.unit_position(code).map(|i| &ds.units()[i]);
                let label = u.map_or(code.as_str(), |u| u.name(scene.lang));
                if ui
                    .selectable_label(scene.selected == Some(code.as_str()), label)
                    .clicked()
                {
                    out = Some(Command::SelectUnit(Some(code.clone())));
                }
            }
        });
    out
}

fn profile_ui(ui: &mut egui::Ui, scene: &Scene<'_>, res: &Results, dims: &[usize], code: &str) {
    let root = res.index_node();
    let Some(row) = res.rows_of(code).into_iter().find(|&r| res.rows[r].year == scene.year) else {
        ui.weak(scene.t(K::Missing));
        return;
    };
    let year = res.rows[row].year;
    let same_year: Vec<usize> = (0..res.rows.len()).filter(|&r| res.rows[r].year == year).collect();
    egui::Grid::new("profile").striped(true).show(ui, |ui| {
        ui.strong(scene.t(K::Node));
        ui.strong(scene.t(K::Score));
        ui.strong(scene.t(K::Rank));
        ui.end_row();
        for &d in std::iter::once(&root).chain(dims) {
            ui.label(scene.node_name(res, d));
            ui.label(
                res.score(d, row)
                    .map_or_else(|| scene.t(K::Missing).to_string(), |v| format!("{v:.2}")),
            );
            let n = same_year.iter().filter(|&&r| res.score(d, r).is_some()).count();
            let rank = res.rank(d, row);
            ui.label(rank.map_or_else(|| "-".to_string(), |r| format!("{r} / {n}")));
            ui.end_row();
        }
    });
    // every unit's score per dimension as grey points, the selected unit as a bar
    let others: Vec<[f64; 2]> = dims
        .iter()
        .enumerate()
        .flat_map(|(i, &d)| {
            same_year
                .iter()
                .filter_map(move |&r| res.score(d, r).map(|v| [i as f64, v]))
        })
        .collect();
    let bars_unit: Vec<Bar> = dims
        .iter()
        .enumerate()
        .map(|(i, &d)| Bar::new(i as f64, res.score(d, row).unwrap_or(0.0)).width(0.5))
        .collect();
    let labels: Vec<String> = dims.iter().map(|&d| scene.node_name(res, d).to_string()).collect();
    Plot::new("profile_plot")
        .height(theme::PLOT_HEIGHT / 1.3)
        .legend(Legend::default())
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .x_axis_formatter(move |m, _| {
            let i = m.value.round();
            if (m.value - i).abs() < 1e-6 && i >= 0.0 {
                labels.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .show(ui, |p| {
            p.bar_chart(BarChart::new(scene.unit_name(code), bars_unit).color(theme::SELECTED));
            p.points(
                Points::new(scene.t(K::Units), PlotPoints::from(others))
                    .radius(3.0)
                    .color(theme::REFERENCE),
            );
        });
}
