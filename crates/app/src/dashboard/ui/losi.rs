//! The LOSI assessment form: the items per prefecture, met / not met with an evidence URL, saved
//! atomically; the UN score (share of items met) per criterion and in total; the benchmark cities'
//! published scores of the same edition.

use super::{Scene, core_error_ui, heading_ui};
use crate::dashboard::command::Command;
use crate::dashboard::core_api::{self, LosiCatalogue, LosiEntry};
use crate::dashboard::i18n::K;
use crate::dashboard::theme;

/// The LOSI panel.
pub fn losi_ui(ui: &mut egui::Ui, scene: &Scene<'_>) -> Option<Command> {
    let mut out = None;
    ui.heading(scene.t(K::Losi));
    let losi = scene.losi;
    let cat = match &losi.catalogue {
        Some(Ok(c)) => c,
        Some(Err(e)) => {
            ui.colored_label(theme::ERROR, format!("{}: {}", e.path.display(), e.message));
            return None;
        }
        None => {
            ui.label(scene.t(K::NoItems));
            return None;
        }
    };
    ui.horizontal(|ui| {
        if ui.button(scene.t(K::SaveAssessment)).clicked() {
            out = Some(Command::SaveAssessment(None));
        }
        if ui.button(scene.t(K::OpenAssessment)).clicked() {
            out = Some(Command::OpenAssessment(None));
        }
        if losi.dirty {
            ui.colored_label(theme::WARNING, scene.t(K::Unsaved));
        } else if losi.path.is_some() {
            ui.colored_label(theme::OK, scene.t(K::Saved));
        }
        if let Some(p) = &losi.path {
            ui.weak(p.display().to_string());
        }
    });
    ui.label(format!(
        "{} {} · {} {}",
        scene.t(K::Edition),
        cat.edition,
        cat.items.len(),
        scene.t(K::Items)
    ));

    // the unit: the selection if it is a prefecture being assessed, else a picker
    let ds = scene.dataset();
    let units: Vec<(String, String)> = ds
        .map(|ds| {
            ds.units()
                .iter()
                .filter(|u| !u.benchmark)
                .map(|u| (u.code.clone(), u.name(scene.lang).to_string()))
                .collect()
        })
        .unwrap_or_default();
    let unit = scene.selected.filter(|s| units.iter().any(|(c, _)| c == s));
    egui::ComboBox::new("losi_unit", scene.t(K::Prefecture))
        .selected_text(unit.map_or("-", |c| scene.unit_name(c)))
        .show_ui(ui, |ui| {
            for (code, name) in &units {
                if ui.selectable_label(unit == Some(code.as_str()), name).clicked() {
                    out = Some(Command::SelectUnit(Some(code.clone())));
                }
            }
        });
    let Some(unit) = unit else { return out };
    let empty = std::collections::BTreeMap::new();
    let findings = losi.assessment.units.get(unit).unwrap_or(&empty);

    heading_ui(ui, scene.t(K::LosiScore));
    match core_api::losi_score(cat, findings) {
        Ok(s) => {
            egui::Grid::new("losi_score").striped(true).show(ui, |ui| {
                ui.strong(scene.t(K::Criterion));
                ui.strong(scene.t(K::Met));
                ui.strong(scene.t(K::Assessed));
                ui.strong(scene.t(K::Score));
                ui.end_row();
                for c in &s.criteria {
                    let name = cat
                        .items
                        .iter()
                        .find(|i| i.criterion == c.criterion)
                        .map_or(c.criterion.as_str(), |i| i.criterion_name(scene.lang));
                    ui.label(name);
                    ui.label(format!("{} / {}", c.met, c.items));
                    ui.label(format!("{} / {}", c.assessed, c.items));
                    ui.label(format!("{:.1}%", c.share * 100.0));
                    ui.end_row();
                }
                ui.strong(scene.t(K::Total));
                ui.label(format!("{} / {}", s.met, s.items));
                ui.label(format!("{} / {}", s.assessed, s.items));
                ui.strong(format!("{:.1}%", s.total_share * 100.0));
                ui.end_row();
            });
        }
        Err(e) => core_error_ui(ui, scene, &e),
    }
    if let Some(ds) = ds {
        ui.weak(scene.t(K::EditionMismatch));
        for b in core_api::losi_benchmarks(ds, cat.edition) {
            let node = &ds.framework().nodes()[b.node];
            ui.label(format!(
                "{} · {}: {} {}",
                scene.unit_name(&b.unit),
                node.name(scene.lang),
                super::benchmarks::fmt_value(b.value),
                node.unit
            ));
        }
    }

    heading_ui(ui, scene.t(K::Items));
    out = out.or(items_ui(ui, scene, cat, unit, findings));
    out
}

fn items_ui(
    ui: &mut egui::Ui,
    scene: &Scene<'_>,
    cat: &LosiCatalogue,
    unit: &str,
    findings: &std::collections::BTreeMap<String, LosiEntry>,
) -> Option<Command> {
    let mut out = None;
    let mut criteria: Vec<(&str, &str)> = Vec::new();
    for it in &cat.items {
        if !criteria.iter().any(|(c, _)| *c == it.criterion) {
            criteria.push((&it.criterion, it.criterion_name(scene.lang)));
        }
    }
    for (criterion, name) in criteria {
        egui::CollapsingHeader::new(name)
            .default_open(true)
            .id_salt(("losi_criterion", criterion))
            .show(ui, |ui| {
                egui::Grid::new(("losi_items", criterion))
                    .striped(true)
                    .num_columns(3)
                    .show(ui, |ui| {
                        for it in cat.items.iter().filter(|i| i.criterion == criterion) {
                            let entry = findings.get(&it.code).cloned().unwrap_or_default();
                            let mut met = entry.met;
                            let r = ui
                                .checkbox(&mut met, format!("{} {}", it.code, it.name(scene.lang)))
                                .on_hover_text(&it.description);
                            if r.changed() {
                                out = Some(Command::SetLosiEntry {
                                    unit: unit.to_string(),
                                    item: it.code.clone(),
                                    entry: LosiEntry { met, ..entry.clone() },
                                });
                            }
                            let mut url = entry.evidence_url.clone();
                            let r = ui.add(
                                egui::TextEdit::singleline(&mut url)
                                    .hint_text(format!("{} ({})", scene.t(K::Evidence), it.code))
                                    .desired_width(320.0),
                            );
                            if r.changed() {
                                out = Some(Command::SetLosiEntry {
                                    unit: unit.to_string(),
                                    item: it.code.clone(),
                                    entry: LosiEntry {
                                        evidence_url: url,
                                        ..entry
                                    },
                                });
                            }
                            ui.end_row();
                        }
                    });
            });
    }
    out
}
