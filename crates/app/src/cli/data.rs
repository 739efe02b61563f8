//! Where a subcommand's dataset comes from.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::Args;

/// A dataset: a native folder (default: the shipped Heilongjiang data), or COINr-style `--data` and
/// `--meta` files (CSV or XLSX).
#[derive(Debug, Clone, Args)]
pub struct DataArgs {
    /// A native dataset folder (framework.toml, units.csv, values.csv, sources.csv).
    pub dir: Option<PathBuf>,
    /// COINr iData (or the bench `data_*.csv`) file, CSV or XLSX.
    #[arg(long, requires = "meta", conflicts_with = "dir")]
    pub data: Option<PathBuf>,
    /// COINr iMeta (or the bench `meta_*.csv`) file, CSV or XLSX.
    #[arg(long, requires = "data")]
    pub meta: Option<PathBuf>,
}

/// The shipped Heilongjiang dataset folder (see [`crate::shipped`]).
#[must_use]
pub fn default_dir() -> PathBuf {
    crate::shipped::dataset_dir()
}

impl DataArgs {
    /// A short label of the data for messages.
    #[must_use]
    pub fn label(&self) -> String {
        match (&self.data, &self.dir) {
            (Some(d), _) => d.display().to_string(),
            (None, Some(dir)) => dir.display().to_string(),
            (None, None) => default_dir().display().to_string(),
        }
    }

    /// The native folder's own `settings.toml`, if the data is a native folder that has one.
    #[must_use]
    pub fn settings_file(&self) -> Option<PathBuf> {
        if self.data.is_some() {
            return None;
        }
        let f = self.dir.clone().unwrap_or_else(default_dir).join("settings.toml");
        f.exists().then_some(f)
    }

    /// The settings of a run: `explicit` if given, else the native folder's own `settings.toml`, else
    /// the defaults.
    ///
    /// # Errors
    /// The file cannot be read or is not valid settings TOML (the message names the file).
    pub fn settings(&self, explicit: Option<&Path>) -> Result<govgap::Settings> {
        match explicit.map(Path::to_path_buf).or_else(|| self.settings_file()) {
            Some(p) => Ok(govgap::io::read_settings(&p)?),
            None => Ok(govgap::Settings::default()),
        }
    }

    /// Region boundaries: `explicit` if given, else the native folder's `prefectures.geojson` if it
    /// has one; none for COINr files without `explicit`.
    ///
    /// # Errors
    /// The GeoJSON cannot be read or has no `code` property matching units.
    pub fn regions(&self, explicit: Option<&Path>) -> Result<Vec<govgap::io::Region>> {
        let geo = explicit.map(Path::to_path_buf).or_else(|| {
            self.dir
                .clone()
                .or_else(|| self.data.is_none().then(default_dir))
                .map(|d| d.join("prefectures.geojson"))
        });
        match geo.filter(|p| p.exists()) {
            Some(p) => Ok(govgap::io::read_geojson(&p, "code")?),
            None => Ok(Vec::new()),
        }
    }

    /// Loads and validates the dataset.
    ///
    /// # Errors
    /// The core's validation error (all problems), or an I/O error naming the file.
    pub fn load(&self) -> Result<govgap::Dataset> {
        let ds = if let (Some(d), Some(m)) = (&self.data, &self.meta) {
            govgap::io::read_coinr(d, m)?
        } else {
            let dir = self.dir.clone().unwrap_or_else(default_dir);
            govgap::io::read_native_dir(&dir).with_context(|| format!("reading {}", dir.display()))?
        };
        Ok(ds)
    }
}
