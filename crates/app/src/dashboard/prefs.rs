//! What the dashboard remembers between sessions: a small struct of its own, never the whole app.

use std::path::PathBuf;

use govgap::Lang;
use serde::{Deserialize, Serialize};

/// Key under which [`Prefs`] are stored in eframe's storage.
pub const STORAGE_KEY: &str = "govgap.dashboard.prefs";

/// The dashboard's views, in navigation order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum View {
    /// Map, ranking, headline gaps.
    #[default]
    Overview,
    /// Stacked bars and profiles.
    Dimensions,
    /// Inequality measures, Lorenz curve, decompositions, clusters, convergence.
    Gaps,
    /// A prefecture against the six exemplars.
    Benchmarks,
    /// Weights, normalisation and aggregation, live.
    WhatIf,
    /// Monte Carlo rank intervals.
    Uncertainty,
    /// Values, coverage, validation, import.
    Data,
    /// The LOSI assessment form.
    Losi,
}

impl View {
    /// Every view in navigation order.
    pub const ALL: [View; 8] = [
        View::Overview,
        View::Dimensions,
        View::Gaps,
        View::Benchmarks,
        View::WhatIf,
        View::Uncertainty,
        View::Data,
        View::Losi,
    ];
}

/// Window geometry in points.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct WindowPrefs {
    /// Inner width.
    pub width: f32,
    /// Inner height.
    pub height: f32,
}

impl Default for WindowPrefs {
    fn default() -> Self {
        Self {
            width: 1280.0,
            height: 820.0,
        }
    }
}

/// Persisted preferences.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// Window size.
    pub window: WindowPrefs,
    /// Label language.
    pub lang: Lang,
    /// The dataset folder opened last (`None` = the shipped Heilongjiang data).
    pub dataset_path: Option<PathBuf>,
    /// The settings file saved or loaded last.
    pub settings_path: Option<PathBuf>,
    /// The LOSI assessment file.
    pub assessment_path: Option<PathBuf>,
    /// The view shown.
    pub view: View,
}

impl Prefs {
    /// Reads preferences from TOML; anything unreadable gives the defaults (preferences are a
    /// convenience, never a reason not to start).
    #[must_use]
    pub fn from_toml_or_default(text: &str) -> Self {
        toml::from_str(text).unwrap_or_default()
    }

    /// Writes preferences as TOML.
    #[must_use]
    pub fn to_toml(&self) -> String {
        toml::to_string(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_tolerant() {
        let p = Prefs {
            lang: Lang::Zh,
            view: View::Gaps,
            ..Prefs::default()
        };
        assert_eq!(Prefs::from_toml_or_default(&p.to_toml()), p);
        assert_eq!(Prefs::from_toml_or_default("view = 3"), Prefs::default());
        assert_eq!(
            Prefs::from_toml_or_default("lang = \"zh\""),
            Prefs {
                lang: Lang::Zh,
                ..Prefs::default()
            }
        );
    }
}
