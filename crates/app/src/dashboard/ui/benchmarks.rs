//! Benchmarks: a prefecture against the six exemplars, per dimension and indicator, with coverage and
//! sources on hover, and targets. Values are each unit's latest (`benchmark::latest_value`), dimension
//! gaps are core's goalpost comparison (`benchmark::compare`).

use govgap::model::NodeRole;
use govgap::{Dataset, Quality};

use super::dimensions::unit_picker_ui;
use super::{Scene, heading_ui};
use crate::dashboard::command::Command;
use crate::dashboard::core_api;
use crate::dashboard::i18n::K;
use crate::dashboard::theme;

/// A cell's value with its quality marker († secondary, ‡ derived), and its source for the tooltip.
#[must_use]
pub fn cell_text(ds: &Dataset, k: usize, r: usize) -> Option<(String, String, Quality)> {
    let c = ds.column(k).get(r)?;
    Some(describe_cell(ds, c, None))
}

/// Text, tooltip and quality of a cell (with its year, if given).
#[must_use]
pub fn describe_cell(ds: &Dataset, c: govgap::model::Cell, year: Option<i32>) -> (String, String, Quality) {
    let mark = match c.quality {
        Quality::Secondary => "†",
        Quality::Derived => "‡",
        _ => "",
    };
    let src = ds.sources().get(c.source as usize);
    let mut tip = src.map_or_else(String::new, |s| {
        let mut t = format!("{} [{}]", s.citation, s.id);
        if !s.url.is_empty() {
            t.push('\n');
            t.push_str(&s.url);
        }
        t
    });
    tip.push('\n');
    tip.push_str(c.quality.as_str());
    let year = year.map_or_else(String::new, |y| format!(" ({y})"));
    (format!("{}{mark}{year}", fmt_value(c.value)), tip, c.quality)
}

/// A number with as many decimals as it deserves.
#[must_use]
pub fn fmt_value(v: f64) -> String {
    if v.abs() >= 1000.0 || v.fract() == 0.0 {
        format!("{v:.0}")
    } else if v.abs() >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.3}")
    }
}

/// The benchmarks panel.
pub fn benchmarks_ui(ui: &mut egui::Ui, scene: &Scene<'_>) -> Option<Command> {
    let mut out = None;
    ui.heading(scene.t(K::Benchmarks));
    let ds = scene.dataset()?;
    if let Some(res) = scene.results() {
        out = unit_picker_ui(ui, scene, res);
    }
    let exemplars: Vec<&govgap::Unit> = ds.units().iter().filter(|u| u.benchmark).collect();
    let mut columns: Vec<&str> = Vec::new();
    if let Some(sel) = scene.selected {
        columns.push(sel);
    }
    columns.extend(
        exemplars
            .iter()
            .map(|u| u.code.as_str())
            .filter(|c| Some(*c) != scene.selected),
    );
    if columns.is_empty() {
        ui.label(scene.t(K::NoData));
        return out;
    }
    let cov = core_api::coverage(ds, None);
    let header_ui = |ui: &mut egui::Ui, first: K| {
        ui.strong(scene.t(first));
        for c in &columns {
            let colour = if Some(*c) == scene.selected {
                theme::SELECTED
            } else {
                theme::EXEMPLAR
            };
            ui.colored_label(colour, scene.unit_name(c)).on_hover_text(format!(
                "{}: {}",
                scene.t(K::Coverage),
                cov.get(*c)
                    .map_or_else(|| "-".to_string(), |v| format!("{:.0}%", v * 100.0))
            ));
        }
    };

    if let Some(sel) = scene.selected {
        heading_ui(ui, scene.t(K::GapToExemplar));
        let comparisons: Vec<_> = columns
            .iter()
            .skip(1)
            .map(|b| (*b, govgap::benchmark::compare(ds, sel, b, None)))
            .collect();
        let fw = ds.framework();
        let dims: Vec<usize> = fw
            .aggregates()
            .filter(|&a| {
                fw.children(a)
                    .iter()
                    .any(|&c| fw.nodes()[c].role != NodeRole::Aggregate)
            })
            .collect();
        egui::ScrollArea::horizontal()
            .id_salt("bench_dims_scroll")
            .show(ui, |ui| {
                egui::Grid::new("bench_dims").striped(true).show(ui, |ui| {
                    header_ui(ui, K::Dimensions);
                    ui.end_row();
                    for &a in &dims {
                        let code = &fw.nodes()[a].code;
                        ui.label(fw.nodes()[a].name(scene.lang));
                        let mine = comparisons.iter().find_map(|(_, c)| {
                            c.as_ref()
                                .ok()?
                                .dimensions
                                .iter()
                                .find(|d| &d.dimension == code)?
                                .unit_score
                        });
                        ui.label(mine.map_or_else(|| "-".to_string(), |v| format!("{v:.1}")));
                        for (_, c) in &comparisons {
                            match c {
                                Ok(c) => {
                                    let d = c.dimensions.iter().find(|d| &d.dimension == code);
                                    let text = d.and_then(|d| d.bench_score.map(|b| (b, d.gap))).map_or_else(
                                        || "-".to_string(),
                                        |(b, g)| g.map_or_else(|| format!("{b:.1}"), |g| format!("{b:.1} ({g:+.1})")),
                                    );
                                    let tip = d.map_or_else(String::new, |d| {
                                        format!(
                                            "{}: {}\n{}",
                                            scene.t(K::SharedIndicators),
                                            d.shared.join(", "),
                                            d.n_secondary
                                        )
                                    });
                                    ui.label(text).on_hover_text(tip);
                                }
                                Err(e) => {
                                    ui.colored_label(theme::ERROR, "!").on_hover_text(e.to_string());
                                }
                            }
                        }
                        ui.end_row();
                    }
                });
            });
        ui.weak(scene.t(K::GapNote));
    }

    heading_ui(ui, scene.t(K::Exemplars));
    let fw = ds.framework();
    let positions: Vec<Option<usize>> = columns.iter().map(|c| ds.unit_position(c)).collect();
    egui::ScrollArea::horizontal().id_salt("bench_scroll").show(ui, |ui| {
        egui::Grid::new("benchmarks").striped(true).show(ui, |ui| {
            header_ui(ui, K::Indicator);
            ui.strong(scene.t(K::Target));
            ui.end_row();
            let mut order: Vec<usize> = fw.aggregation_order();
            order.reverse();
            for a in order {
                let leaves: Vec<usize> = fw
                    .children(a)
                    .iter()
                    .copied()
                    .filter(|&k| fw.nodes()[k].role != NodeRole::Aggregate)
                    .collect();
                if leaves.is_empty() {
                    continue;
                }
                ui.strong(fw.nodes()[a].name(scene.lang));
                ui.end_row();
                for k in leaves {
                    indicator_row_ui(ui, scene, ds, &positions, k);
                }
            }
        });
    });
    ui.weak(scene.t(K::SecondaryMark));
    ui.weak(scene.t(K::DerivedMark));
    out
}

fn indicator_row_ui(ui: &mut egui::Ui, scene: &Scene<'_>, ds: &Dataset, units: &[Option<usize>], k: usize) {
    let node = &ds.framework().nodes()[k];
    ui.label(format!("  {}", node.name(scene.lang)))
        .on_hover_text(format!("{} [{}]\n{}", node.code, node.unit, node.description));
    for u in units {
        match u.and_then(|u| govgap::benchmark::latest_value(ds, u, k, None)) {
            Some((c, y)) => {
                let (text, tip, q) = describe_cell(ds, c, y);
                let l = if q == Quality::Secondary {
                    ui.colored_label(theme::SECONDARY, text)
                } else {
                    ui.label(text)
                };
                l.on_hover_text(tip);
            }
            None => {
                ui.weak(scene.t(K::Missing));
            }
        }
    }
    ui.label(node.target.map_or_else(String::new, fmt_value));
    ui.end_row();
}
