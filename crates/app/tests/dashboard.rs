//! The dashboard driven through AccessKit (egui_kittest): no GPU, no window, no snapshots.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::path::PathBuf;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use govgap::Lang;
use govgap_app::dashboard::core_api::{self, LosiEntry};
use govgap_app::dashboard::i18n::{K, tr};
use govgap_app::dashboard::ui::view_label;
use govgap_app::dashboard::{Command, DashboardApp, View};

fn harness(app: DashboardApp) -> Harness<'static, DashboardApp> {
    harness_sized(app, [1500.0, 1100.0])
}

/// A harness of the given size (the window opens at 1280 x 820 by default).
fn harness_sized(app: DashboardApp, size: [f32; 2]) -> Harness<'static, DashboardApp> {
    Harness::builder()
        .with_size(size)
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut DashboardApp| app.show(ui), app)
}

fn shipped() -> DashboardApp {
    DashboardApp::from_path(core_api::shipped_dataset_dir())
}

fn temp_path(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("govgap-dashboard-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn click_button(h: &mut Harness<'static, DashboardApp>, label: &str) {
    h.get_by_role_and_label(Role::Button, label).click();
    h.run();
}

fn codes(app: &DashboardApp) -> Vec<String> {
    app.ranking().into_iter().map(|r| r.unit_code).collect()
}

#[test]
fn every_view_opens_in_both_languages() {
    let mut h = harness(shipped());
    h.run();
    assert!(h.state().error().is_none(), "{:?}", h.state().error());
    for lang in [Lang::En, Lang::Zh] {
        let shown = h.state().lang();
        if shown != lang {
            click_button(&mut h, tr(shown, K::SwitchLanguage));
        }
        // select a prefecture so that the views that show one have something to draw
        h.state_mut().apply(Command::SelectUnit(Some("230100".into())));
        for v in View::ALL {
            click_button(&mut h, tr(lang, view_label(v)));
            assert_eq!(h.state().view(), v);
            assert!(h.state().error().is_none(), "{v:?}: {:?}", h.state().error());
        }
    }
}

#[test]
fn language_switch_changes_labels() {
    let mut h = harness(shipped());
    h.run();
    assert!(h.query_by_role_and_label(Role::Button, "Overview").is_some());
    assert!(h.query_by_role_and_label(Role::Button, "总览").is_none());
    click_button(&mut h, tr(Lang::En, K::SwitchLanguage));
    assert_eq!(h.state().lang(), Lang::Zh);
    assert!(h.query_by_role_and_label(Role::Button, "总览").is_some());
    assert!(h.query_by_role_and_label(Role::Button, "Overview").is_none());
    // Chinese unit names render (a missing glyph would panic the harness)
    assert!(h.query_by_label_contains("哈尔滨").is_some());
    click_button(&mut h, tr(Lang::Zh, K::SwitchLanguage));
    assert_eq!(h.state().lang(), Lang::En);
}

#[test]
fn moving_a_weight_slider_changes_the_ranking() {
    let mut h = harness(shipped());
    h.run();
    let baseline = codes(h.state());
    assert!(!baseline.is_empty(), "no ranking: {:?}", h.state().run_error());
    click_button(&mut h, "What-if");
    let runs_before = h.state().pipeline_runs();
    h.run();
    assert_eq!(h.state().pipeline_runs(), runs_before, "redrawing must not recompute");

    let ds = h.state().dataset().unwrap();
    let fw = ds.framework();
    let dims: Vec<String> = fw
        .children(fw.root())
        .iter()
        .map(|&d| fw.nodes()[d].name(Lang::En).to_string())
        .collect();
    let mut changed = false;
    for name in &dims {
        h.get_by_role_and_label(Role::Slider, name).set_value_accesskit(0.0);
        h.run();
        assert_eq!(h.state().settings().weights.get(&fw_code(&h, name)), Some(&0.0));
        if codes(h.state()) != baseline {
            changed = true;
            break;
        }
        click_button(&mut h, "Undo");
        assert_eq!(codes(h.state()), baseline, "undo restores the ranking");
    }
    assert!(
        changed,
        "setting a dimension's weight to zero never changed the ranking"
    );
    assert!(h.state().pipeline_runs() > runs_before);
    click_button(&mut h, "Reset");
    assert_eq!(codes(h.state()), baseline);
    assert!(h.state().settings().weights.is_empty());
}

fn fw_code(h: &Harness<'static, DashboardApp>, name: &str) -> String {
    let fw = h.state().dataset().unwrap().framework();
    fw.nodes()
        .iter()
        .find(|n| n.name(Lang::En) == name)
        .unwrap()
        .code
        .clone()
}

#[test]
fn settings_file_saves_and_loads() {
    let path = temp_path("settings.toml");
    let mut app = shipped();
    let fw = app.dataset().unwrap().framework().clone();
    let dim = fw.nodes()[fw.children(fw.root())[0]].code.clone();
    app.apply(Command::SetWeight {
        code: dim.clone(),
        weight: 0.25,
    });
    app.apply(Command::SaveSettings(Some(path.clone())));
    assert!(app.error().is_none(), "{:?}", app.error());
    app.apply(Command::Reset);
    assert!(app.settings().weights.is_empty());
    app.apply(Command::LoadSettings(Some(path)));
    assert_eq!(app.settings().weights.get(&dim), Some(&0.25));
}

#[test]
fn losi_form_saves_and_reloads() {
    let path = temp_path("assessment.csv");
    let _ = std::fs::remove_file(&path);
    let catalogue = core_api::read_losi_items(&core_api::shipped_losi_items()).unwrap();
    let first = catalogue.items[0].clone();
    let app = shipped()
        .with_losi_catalogue(catalogue.clone())
        .with_assessment_path(&path);
    let mut h = harness(app);
    h.run();
    h.state_mut().apply(Command::SelectUnit(Some("230100".into())));
    click_button(&mut h, "LOSI assessment");
    // tick the first item in the form
    let label = format!("{} {}", first.code, first.name_en);
    h.get_by_label(&label).click();
    h.run();
    assert!(h.state().assessment_dirty());
    assert!(h.state().assessment().units["230100"][&first.code].met);
    // an evidence URL for it
    h.state_mut().apply(Command::SetLosiEntry {
        unit: "230100".into(),
        item: first.code.clone(),
        entry: LosiEntry {
            met: true,
            evidence_url: "https://www.harbin.gov.cn/".into(),
        },
    });
    click_button(&mut h, "Save assessment");
    assert!(h.state().error().is_none(), "{:?}", h.state().error());
    assert!(!h.state().assessment_dirty());
    assert!(path.exists());

    let mut again = shipped().with_losi_catalogue(catalogue);
    again.apply(Command::OpenAssessment(Some(path)));
    assert!(again.error().is_none(), "{:?}", again.error());
    let e = &again.assessment().units["230100"][&first.code];
    assert!(e.met);
    assert_eq!(e.evidence_url, "https://www.harbin.gov.cn/");
}

#[test]
fn a_malformed_dataset_shows_the_error_panel_and_keeps_the_work() {
    let dir = temp_path("broken_dataset");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("framework.toml"),
        "code = \"x\"\n[[node]]\ncode = \"INDEX\"\nrole = \"aggregate\"\n[[node]]\ncode = \"a\"\nparent = \"NOPE\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("units.csv"),
        "code,name_en,name_zh,kind,benchmark\nA,A,,prefecture,false\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("values.csv"),
        "unit,year,indicator,value,source,quality\nA,2020,a,not-a-number,s,official\n",
    )
    .unwrap();
    std::fs::write(dir.join("sources.csv"), "id,citation\ns,S\n").unwrap();

    let mut h = harness(shipped());
    h.run();
    let before = codes(h.state());
    h.state_mut().apply(Command::SetLosiEntry {
        unit: "230100".into(),
        item: "IF01".into(),
        entry: LosiEntry {
            met: true,
            evidence_url: String::new(),
        },
    });
    h.state_mut().apply(Command::OpenDataset(Some(dir.clone())));
    h.run();
    let err = h.state().error().expect("the error panel is shown");
    assert!(!err.problems.is_empty() || !err.message.is_empty());
    assert!(h.query_by_label(tr(Lang::En, K::ErrorLoad)).is_some());
    // nothing was replaced: the dataset, its ranking and the unsaved assessment are still there
    assert_eq!(codes(h.state()), before);
    assert!(h.state().assessment_dirty());
    assert!(h.state().assessment().units["230100"]["IF01"].met);
    click_button(&mut h, "Dismiss");
    assert!(h.state().error().is_none());

    // a folder that does not exist, and a file that is not a folder
    h.state_mut().apply(Command::OpenDataset(Some(dir.join("missing"))));
    assert!(h.state().error().is_some());
    h.state_mut().apply(Command::OpenDataset(Some(dir.join("units.csv"))));
    assert!(h.state().error().is_some());
    h.run();
}

#[test]
fn selecting_a_unit_anywhere_selects_it_everywhere() {
    let mut h = harness(shipped());
    h.run();
    let first = h.state().ranking().first().map(|r| r.unit_code.clone()).unwrap();
    let name = h
        .state()
        .dataset()
        .unwrap()
        .units()
        .iter()
        .find(|u| u.code == first)
        .unwrap()
        .name_en
        .clone();
    // the ranking table on the overview
    h.get_all_by_label(&name).next().unwrap().click();
    h.run();
    assert_eq!(h.state().selected(), Some(first.as_str()));
    click_button(&mut h, "Dimensions");
    assert_eq!(h.state().selected(), Some(first.as_str()));
}

#[test]
fn no_display_error_points_to_the_report_command() {
    if let Some(msg) = govgap_app::dashboard::missing_display() {
        assert!(msg.contains("govgap report"));
        let e = govgap_app::dashboard::run().unwrap_err().to_string();
        assert!(e.contains("govgap report"), "{e}");
    }
}

#[test]
fn uncertainty_runs_off_the_ui_thread_and_can_be_cancelled() {
    let mut h = harness(shipped());
    h.run();
    click_button(&mut h, "Uncertainty");
    h.state_mut().apply(Command::RunUncertainty { samples: 30, seed: 7 });
    assert!(h.state().uncertainty_running());
    h.step();
    h.state_mut().wait_for_jobs();
    h.run();
    assert!(!h.state().uncertainty_running());
    let intervals = h.state().uncertainty_result().unwrap().as_ref().unwrap();
    assert!(!intervals.is_empty());
    assert!(intervals.iter().all(|r| r.low <= r.median && r.median <= r.high));
    // the nominal ranks are the ones the ranking shows (the same run, the same year)
    let shown: std::collections::BTreeMap<String, u32> =
        h.state().ranking().into_iter().map(|r| (r.unit_code, r.rank)).collect();
    for r in intervals {
        assert_eq!(r.nominal, shown.get(&r.unit_code).copied(), "{}", r.unit_code);
    }

    // a long run, cancelled from the progress bar's button
    h.state_mut().apply(Command::RunUncertainty {
        samples: 100_000,
        seed: 7,
    });
    h.step();
    h.step();
    h.get_by_role_and_label(Role::Button, "Cancel").click();
    h.step();
    h.state_mut().wait_for_jobs();
    assert!(matches!(
        h.state().uncertainty_result(),
        Some(Err(core_api::CoreError::Cancelled))
    ));
    h.run();
}

#[test]
fn charts_export_through_core() {
    let mut app = shipped();
    for (kind, name) in [
        (core_api::ChartKind::Ranking, "ranking.png"),
        (core_api::ChartKind::Map, "map.png"),
        (core_api::ChartKind::Lorenz, "lorenz.svg"),
    ] {
        let path = temp_path(name);
        app.apply(Command::ExportChart(kind, Some(path.clone())));
        assert!(app.error().is_none(), "{kind:?}: {:?}", app.error());
        let bytes = std::fs::read(&path).unwrap();
        assert!(
            bytes.starts_with(b"\x89PNG") || bytes.starts_with(b"<svg") || bytes.starts_with(b"<?xml"),
            "{name}"
        );
    }
}

#[test]
fn a_bad_settings_file_is_reported_and_the_default_build_runs() {
    let dir = temp_path("bad_settings_dataset");
    std::fs::create_dir_all(&dir).unwrap();
    for f in ["framework.toml", "units.csv", "values.csv", "sources.csv"] {
        std::fs::copy(core_api::shipped_dataset_dir().join(f), dir.join(f)).unwrap();
    }
    std::fs::write(dir.join("settings.toml"), "normaliser = 42\n").unwrap();
    let mut h = harness_sized(shipped(), [1280.0, 820.0]);
    h.run();
    h.state_mut().apply(Command::OpenDataset(Some(dir.clone())));
    h.run();
    // the panel says so (a warning: the data did open), and so does the status line
    let err = h.state().error().expect("a warning about the settings file");
    assert!(err.warning);
    assert_eq!(err.title, tr(Lang::En, K::SettingsNotUsed));
    assert!(err.path.as_ref().is_some_and(|p| p.ends_with("settings.toml")));
    assert!(!err.message.is_empty());
    h.get_by_label(tr(Lang::En, K::SettingsDefaultNote));
    assert_eq!(h.state().settings(), &govgap::Settings::default());
    // the folder has no boundaries: the map is a tile grid, and it stays in its half of the view
    // (a long name once widened a grid column and pushed tiles under the ranking)
    let ranking_left = h.get_by_label(tr(Lang::En, K::Ranking)).rect().min.x;
    for name in ["Harbin", "Hegang", "Qitaihe", "China", "United States of America"] {
        // (the selected unit is a button in the ranking too: the tile is the leftmost)
        let tile = h
            .get_all_by_role_and_label(Role::Button, name)
            .map(|n| n.rect())
            .min_by(|a, b| a.min.x.total_cmp(&b.min.x))
            .unwrap();
        assert!(
            tile.max.x <= ranking_left,
            "{name}: {tile:?} reaches the ranking at x = {ranking_left}"
        );
    }
    let status = h.state().status_line().unwrap();
    assert!(status.contains(tr(Lang::En, K::SettingsNotUsed)), "{status}");
    assert!(status.contains("settings.toml"), "{status}");
    assert!(!h.state().ranking().is_empty());
}
