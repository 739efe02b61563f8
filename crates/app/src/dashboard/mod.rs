//! The desktop dashboard (egui/eframe): a thin shell over govgap core.
//!
//! - [`app`]: [`DashboardApp`], the frame loop and the command handler.
//! - [`command`]: what widgets ask for ([`Command`]); applied after drawing.
//! - [`core_api`]: the one place that calls govgap core (and names the core APIs still missing).
//! - [`prefs`]: what is persisted ([`Prefs`]); [`state`]: runtime state; [`jobs`]: background work.
//! - [`ui`]: one panel per view; [`theme`]: colours, spacing, fonts; [`i18n`]: labels in zh/en.

pub mod app;
pub mod command;
pub mod core_api;
pub mod i18n;
pub mod jobs;
pub mod prefs;
pub mod state;
pub mod theme;
pub mod ui;

pub use app::DashboardApp;
pub use command::Command;
pub use prefs::{Prefs, View};

/// Why the dashboard cannot open a window here, if it cannot: on Linux and the BSDs a window needs
/// an X11 or Wayland display.
#[must_use]
pub fn missing_display() -> Option<String> {
    if cfg!(any(
        target_os = "linux",
        target_os = "freebsd",
        target_os = "openbsd",
        target_os = "netbsd",
        target_os = "dragonfly"
    )) {
        let set = |v: &str| std::env::var_os(v).is_some_and(|s| !s.is_empty());
        if !set("DISPLAY") && !set("WAYLAND_DISPLAY") {
            return Some(
                "no display: neither DISPLAY nor WAYLAND_DISPLAY is set, so the dashboard cannot open a window. \
                 Run it in a desktop session, or use the headless commands instead, e.g. \
                 `govgap report` (all results as files) or `govgap index` (scores and ranks)."
                    .to_string(),
            );
        }
    }
    None
}

/// `GOVGAP_VIEW` (e.g. `gaps`) and `GOVGAP_LANG` (`zh`/`en`) override the remembered view and
/// language: used by the screenshot script (`scripts/screenshots.sh`).
fn apply_env_overrides(prefs: &mut Prefs) {
    #[derive(serde::Deserialize)]
    struct Over {
        view: Option<prefs::View>,
        lang: Option<govgap::Lang>,
    }
    let mut text = String::new();
    if let Ok(v) = std::env::var("GOVGAP_VIEW") {
        text.push_str(&["view = \"", &v, "\"\n"].concat());
    }
    if let Ok(l) = std::env::var("GOVGAP_LANG") {
        text.push_str(&["lang = \"", &l, "\"\n"].concat());
    }
    if let Ok(o) = toml::from_str::<Over>(&text) {
        if let Some(v) = o.view {
            prefs.view = v;
        }
        if let Some(l) = o.lang {
            prefs.lang = l;
        }
    }
}

/// Opens the dashboard window.
///
/// # Errors
/// When no display is available (the message points to `govgap report`) or the window cannot be
/// created.
///
/// With `GOVGAP_STARTUP_TIMING` set, the time from launch to the first drawn frame is printed to
/// stderr; `GOVGAP_STARTUP_TIMING=exit` then closes the window (for measuring it in a script).
pub fn run() -> anyhow::Result<()> {
    let launch = std::time::Instant::now();
    let timing = std::env::var("GOVGAP_STARTUP_TIMING").ok();
    if let Some(msg) = missing_display() {
        anyhow::bail!(msg);
    }
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("govgap")
            .with_inner_size([
                prefs::WindowPrefs::default().width,
                prefs::WindowPrefs::default().height,
            ])
            .with_min_inner_size([800.0, 560.0]),
        persist_window: false,
        ..Default::default()
    };
    eframe::run_native(
        "govgap",
        options,
        Box::new(|cc| {
            let mut prefs = cc
                .storage
                .and_then(|s| s.get_string(prefs::STORAGE_KEY))
                .map(|t| Prefs::from_toml_or_default(&t))
                .unwrap_or_default();
            apply_env_overrides(&mut prefs);
            if prefs.window != prefs::WindowPrefs::default() {
                cc.egui_ctx
                    .send_viewport_cmd(egui::ViewportCommand::InnerSize(egui::vec2(
                        prefs.window.width,
                        prefs.window.height,
                    )));
            }
            theme::apply(&cc.egui_ctx);
            let mut app = DashboardApp::new(prefs);
            app.startup = timing.map(|t| (launch, t == "exit"));
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("the dashboard window could not be created: {e}"))
}
