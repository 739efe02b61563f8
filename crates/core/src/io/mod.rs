//! Reading and writing files: the only module of govgap that touches the file system.
//!
//! - [`read_native_dir`]: govgap's own dataset folder (`framework.toml`, `units.csv`, `values.csv`,
//!   `sources.csv`; see `docs/FORMAT.md`).
//! - [`read_coinr`]: `COINr`'s `iData` / `iMeta` (CSV or XLSX), including the benchmark tables'
//!   `iCode,dim,direction,weight` meta form.
//! - [`read_dataset`]: either of the two, chosen by what the path is.
//! - [`read_settings`]: a run's [`Settings`](crate::Settings) from TOML (a dataset folder's
//!   `settings.toml`, or a file the dashboard or `govgap index` saved).
//! - [`read_geojson`], [`parse_geojson_str`]: region boundaries.
//! - [`write_csv`], [`write_xlsx`], [`write_native_dir`], [`write_text_atomic`],
//!   [`write_bytes_atomic`]: outputs, each written to a temporary file and renamed into place.
//! - [`read_losi_items`], [`read_losi_assessment`], [`write_losi_assessment`]: the LOSI portal
//!   assessment instrument and its results.
//!
//! # Errors
//! Every reader returns a validated value or [`Error::Invalid`] listing **all** problems found at
//! once (missing files and columns, cells that are not numbers, unknown codes, hierarchy errors ...),
//! each naming the file, the 1-based line (header = line 1), the column, the unit and indicator code,
//! and what would fix it. Writers return [`Error::Io`] (or [`Error::Table`] from the table layer).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::error::{Error, Location, Problem, ProblemKind, Problems, Result};
use crate::model::{Dataset, Framework, Node, NodeRole};

mod coinr;
mod geo;
mod losi;
mod native;
mod plain_csv;
mod table;
mod ua_design;
mod write;
mod xlsx;

pub use coinr::read_coinr;
pub use geo::{Region, parse_geojson_str, read_geojson};
pub use losi::{LosiAssessmentRow, LosiItem, read_losi_assessment, read_losi_items, write_losi_assessment};
pub use native::read_native_dir;
pub use ua_design::read_ua_design;
pub use write::{write_bytes_atomic, write_csv, write_native_dir, write_text_atomic, write_xlsx};

/// Reads a dataset from a native folder, or from a `COINr` `iData` file with its `iMeta`.
///
/// - a folder → [`read_native_dir`] (`meta` must be `None`);
/// - a file and `meta` → [`read_coinr`];
/// - a file without `meta` → [`read_coinr`] with the sibling meta file found by replacing `iData` by
///   `iMeta` or `data` by `meta` in the file name (`asem_idata.csv` → `asem_imeta.csv`,
///   `data_S.csv` → `meta_S.csv`), if it exists.
///
/// # Errors
/// [`Error::Invalid`] with a `MissingFile` problem if the path does not exist or no meta file can be
/// found; otherwise whatever the chosen reader returns.
pub fn read_dataset(path_or_dir: &Path, meta: Option<&Path>) -> Result<Dataset> {
    let loc = Location::file(table::label(path_or_dir));
    if path_or_dir.is_dir() {
        if let Some(m) = meta {
            return Err(table::invalid(vec![Problem::error(
                ProblemKind::InvalidValue,
                loc,
                format!(
                    "a native dataset folder takes no meta file, but '{}' was given",
                    m.display()
                ),
                "pass the folder alone, or pass the COINr iData file together with its iMeta",
            )]));
        }
        return read_native_dir(path_or_dir);
    }
    if !path_or_dir.is_file() {
        return Err(table::invalid(vec![Problem::error(
            ProblemKind::MissingFile,
            loc,
            "no such file or folder",
            "check the path: a dataset is a folder with framework.toml, or a COINr iData file",
        )]));
    }
    match meta.map(Path::to_path_buf).or_else(|| sibling_meta(path_or_dir)) {
        Some(m) => read_coinr(path_or_dir, m),
        None => Err(table::invalid(vec![Problem::error(
            ProblemKind::MissingFile,
            loc,
            "a COINr iData file needs its iMeta file, and none was given or found beside it",
            "pass the iMeta file as well (e.g. --meta meta.csv)",
        )])),
    }
}

/// Reads [`Settings`](crate::Settings) from a TOML file, such as a native dataset folder's
/// `settings.toml`.
///
/// # Errors
/// [`Error::Io`] if the file cannot be read; [`Error::Settings`] naming the file and the TOML
/// problem (line and column) otherwise.
pub fn read_settings(path: impl AsRef<Path>) -> Result<crate::Settings> {
    let path = path.as_ref();
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.display().to_string(),
        source,
    })?;
    crate::Settings::from_toml(&text).map_err(|e| match e {
        Error::Settings(m) => Error::Settings(format!("{}: {m}", path.display())),
        other => other,
    })
}

/// The meta file beside an `iData` file, if one with the conventional name exists.
fn sibling_meta(data: &Path) -> Option<PathBuf> {
    let name = data.file_name()?.to_str()?;
    let pairs = [
        ("iData", "iMeta"),
        ("idata", "imeta"),
        ("IDATA", "IMETA"),
        ("data", "meta"),
        ("Data", "Meta"),
    ];
    pairs
        .iter()
        .filter(|(a, _)| name.contains(a))
        .map(|(a, b)| data.with_file_name(name.replacen(a, b, 1)))
        .find(|p| p.is_file() && p.as_path() != data)
}

/// A framework as read from a file, before validation.
#[derive(Debug, Clone, Default)]
pub(crate) struct FrameworkParts {
    pub code: String,
    pub name_en: String,
    pub name_zh: String,
    pub description: String,
    pub nodes: Vec<(Node, Location)>,
}

/// Validates the framework and then the values (with `build`), adding every problem to the ones the
/// reader found. When the framework itself is invalid, the values are still checked against a
/// stand-in framework of the same measured nodes, so that all problems come back at once.
pub(crate) fn validate(
    parts: Option<FrameworkParts>,
    mut problems: Vec<Problem>,
    build: impl FnOnce(Framework) -> std::result::Result<Dataset, Problems>,
) -> Result<Dataset> {
    let Some(parts) = parts else {
        return Err(table::invalid(problems));
    };
    let aggregates: BTreeSet<String> = parts
        .nodes
        .iter()
        .filter(|(n, _)| n.role == NodeRole::Aggregate)
        .map(|(n, _)| n.code.clone())
        .collect();
    let stand_in = stand_in(&parts.nodes);
    match Framework::new(parts.code, parts.name_en, parts.name_zh, parts.description, parts.nodes) {
        Ok(fw) => match build(fw) {
            Ok(ds) => {
                if problems.is_empty() {
                    Ok(ds)
                } else {
                    problems.extend(ds.warnings().iter().cloned());
                    Err(table::invalid(problems))
                }
            }
            Err(p) => {
                problems.extend(p.0);
                Err(table::invalid(problems))
            }
        },
        Err(fp) => {
            problems.extend(fp);
            if let Some(Err(p)) = stand_in.map(build) {
                for mut q in p.0 {
                    let agg = q
                        .location
                        .indicator
                        .as_ref()
                        .filter(|c| aggregates.contains(*c))
                        .cloned();
                    if let (ProblemKind::UnknownIndicator, Some(code)) = (q.kind, agg) {
                        q.message = format!("'{code}' is an aggregate; aggregates are computed, not read");
                        q.fix = "remove it, or give the measured value its own indicator code".to_string();
                    }
                    problems.push(q);
                }
            }
            Err(table::invalid(problems))
        }
    }
}

/// A valid framework with the same measured nodes (indicators under one made-up root, context as
/// context), used to check values when the real framework has errors.
fn stand_in(nodes: &[(Node, Location)]) -> Option<Framework> {
    let mut root = "__root__".to_string();
    while nodes.iter().any(|(n, _)| n.code == root) {
        root.push('_');
    }
    let mut seen = BTreeSet::new();
    let measured: Vec<&Node> = nodes
        .iter()
        .map(|(n, _)| n)
        .filter(|n| n.role != NodeRole::Aggregate && !n.code.trim().is_empty() && seen.insert(n.code.as_str()))
        .collect();
    let mut out = vec![(
        Node {
            code: root.clone(),
            role: NodeRole::Aggregate,
            ..Node::default()
        },
        Location::default(),
    )];
    for n in &measured {
        let denominator = n.denominator.clone().filter(|d| seen.contains(d.as_str()));
        let (role, parent) = match n.role {
            NodeRole::Context => (NodeRole::Context, None),
            _ => (NodeRole::Indicator, Some(root.clone())),
        };
        let node = Node {
            code: n.code.clone(),
            role,
            parent,
            weight: 1.0,
            denominator,
            ..Node::default()
        };
        out.push((node, Location::default()));
    }
    if !out.iter().any(|(n, _)| n.parent.is_some()) {
        out.push((
            Node {
                code: format!("{root}x"),
                parent: Some(root.clone()),
                weight: 1.0,
                ..Node::default()
            },
            Location::default(),
        ));
    }
    Framework::new("stand-in", "", "", "", out).ok()
}

/// Wraps an I/O error with the path it concerns.
pub(crate) fn io_error(path: &Path, source: std::io::Error) -> Error {
    Error::Io {
        path: table::label(path),
        source,
    }
}
