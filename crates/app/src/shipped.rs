//! The shipped data, embedded in the binary: the Heilongjiang dataset (framework, units, values,
//! sources, settings, boundaries) and the LOSI instrument.
//!
//! The dashboard and the commands work on folders, so that a planner's own data and the shipped data
//! take the same path. The shipped folder is, in this order: `data/heilongjiang` under the current
//! directory (a checkout), the source tree this binary was built from, or the embedded copy written
//! once to the user's data folder (`$XDG_DATA_HOME/govgap/<version>/`, else
//! `~/.local/share/govgap/<version>/`, else the temporary folder). A copy that differs from the
//! embedded files (edited, truncated) is rewritten; each file is written to a temporary name and
//! renamed into place, so a crash never leaves half a file.

use std::path::{Path, PathBuf};

/// One embedded file: its name in the folder and its bytes.
pub type Embedded = (&'static str, &'static [u8]);

/// The Heilongjiang dataset folder, file by file (`data/heilongjiang`).
pub const HEILONGJIANG: &[Embedded] = &[
    (
        "framework.toml",
        include_bytes!("../../../data/heilongjiang/framework.toml"),
    ),
    ("units.csv", include_bytes!("../../../data/heilongjiang/units.csv")),
    ("values.csv", include_bytes!("../../../data/heilongjiang/values.csv")),
    ("sources.csv", include_bytes!("../../../data/heilongjiang/sources.csv")),
    (
        "settings.toml",
        include_bytes!("../../../data/heilongjiang/settings.toml"),
    ),
    (
        "prefectures.geojson",
        include_bytes!("../../../data/heilongjiang/prefectures.geojson"),
    ),
];

/// The LOSI instrument folder (`data/losi`): the 95 items, the scoring rule, an empty assessment.
pub const LOSI: &[Embedded] = &[
    ("items.csv", include_bytes!("../../../data/losi/items.csv")),
    ("scoring.md", include_bytes!("../../../data/losi/scoring.md")),
    ("assessment.csv", include_bytes!("../../../data/losi/assessment.csv")),
];

/// The shipped Heilongjiang dataset folder (see the module docs for where it is).
#[must_use]
pub fn dataset_dir() -> PathBuf {
    locate("heilongjiang", "framework.toml", HEILONGJIANG)
}

/// The shipped LOSI item catalogue (`items.csv`).
#[must_use]
pub fn losi_items() -> PathBuf {
    locate("losi", "items.csv", LOSI).join("items.csv")
}

/// `data/<name>` of a checkout or of the source tree if it has `marker`, else the embedded copy.
fn locate(name: &str, marker: &str, files: &[Embedded]) -> PathBuf {
    let local = Path::new("data").join(name);
    if local.join(marker).is_file() {
        return local;
    }
    // the workspace root is two levels above this crate (named without `..`, as the status line
    // and messages show it)
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .unwrap_or(Path::new("."));
    let source_tree = root.join("data").join(name);
    if source_tree.join(marker).is_file() {
        return source_tree;
    }
    let dir = user_data_dir().join(name);
    match materialise(&dir, files) {
        Ok(()) => dir,
        // Nothing writable: the path is still returned, and opening it shows the error panel (or
        // the command's message) naming the folder.
        Err(e) => {
            eprintln!("govgap: cannot write the shipped data to {}: {e}", dir.display());
            dir
        }
    }
}

/// The per-user folder for this version's copy of the shipped data.
fn user_data_dir() -> PathBuf {
    let base = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|h| PathBuf::from(h).join(".local/share"))
        })
        .unwrap_or_else(std::env::temp_dir);
    base.join("govgap").join(env!("CARGO_PKG_VERSION"))
}

/// Writes `files` into `dir` unless each is already there with the same bytes.
///
/// # Errors
/// The folder or a file cannot be written.
pub fn materialise(dir: &Path, files: &[Embedded]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for (name, bytes) in files {
        let path = dir.join(name);
        if std::fs::read(&path).is_ok_and(|b| b == *bytes) {
            continue;
        }
        let tmp = dir.join(format!(".{name}.tmp"));
        std::fs::write(&tmp, bytes)?;
        std::fs::rename(&tmp, &path)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_copy_is_a_valid_dataset_and_survives_edits() {
        let dir = std::env::temp_dir().join(format!("govgap-shipped-test-{}", std::process::id()));
        let ds_dir = dir.join("heilongjiang");
        materialise(&ds_dir, HEILONGJIANG).unwrap();
        let ds = govgap::io::read_native_dir(&ds_dir).unwrap();
        assert_eq!(
            ds.units()
                .iter()
                .filter(|u| u.kind == govgap::model::UnitKind::Prefecture)
                .count(),
            13
        );
        govgap::io::read_settings(ds_dir.join("settings.toml")).unwrap();
        assert!(
            !govgap::io::read_geojson(ds_dir.join("prefectures.geojson"), "code")
                .unwrap()
                .is_empty()
        );
        // a damaged copy is rewritten
        std::fs::write(ds_dir.join("values.csv"), "unit,year").unwrap();
        materialise(&ds_dir, HEILONGJIANG).unwrap();
        govgap::io::read_native_dir(&ds_dir).unwrap();
        let losi = dir.join("losi");
        materialise(&losi, LOSI).unwrap();
        assert_eq!(govgap::io::read_losi_items(losi.join("items.csv")).unwrap().len(), 95);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
