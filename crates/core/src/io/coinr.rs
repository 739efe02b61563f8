//! `COINr`'s `iData` / `iMeta` convention (CSV or XLSX), and the benchmark tables' meta form
//! `iCode,dim,direction,weight`.

use std::collections::BTreeSet;
use std::path::Path;

use polars::prelude::{DataType, Float64Chunked, PlHashMap};
use rayon::prelude::*;

use super::plain_csv;
use super::table::{self, NumError, Table, TextCells, label, number_problem, parse_number, parse_year, year_problem};
use super::xlsx::{is_spreadsheet, read_sheet};
use super::{FrameworkParts, validate};
use crate::error::{Location, Problem, ProblemKind, Problems, Result};
use crate::model::{Dataset, Direction, Node, NodeRole, Quality, RawWide, Scores, Source, Unit};

/// The source id every imported value points to.
const INPUT_SOURCE: &str = "input";
/// The code of the index in the benchmark meta form.
const BENCH_ROOT: &str = "INDEX";

/// Reads a `COINr` dataset: `iData` (units × indicators) and `iMeta` (the hierarchy), each a CSV or an
/// XLSX file (chosen by extension; in a workbook the sheet named `iData` / `iMeta`, else the first).
///
/// `iMeta` has the columns `iCode, iName, Level, Parent, Direction, Weight, Type` (optional `Unit`,
/// `Target`, `Denominator`); `Type` is `Indicator`, `Aggregate`, `Denominator` or `Other` (both
/// read as context variables) or `Group` (a grouping column of `iData`). The benchmark form
/// `iCode, dim, direction, weight` is read too: indicators under dimensions (in order of first
/// appearance) under an index `INDEX`.
///
/// `iData` has `uCode`, optional `uName`, an optional integer `Time` or `year` column, grouping columns
/// (`Group_*`, `region`, those declared `Group` in `iMeta`, and any other non-numeric column), and one
/// column per indicator (an empty cell or `NA` is missing). Every value gets the source id `input`,
/// whose citation names both files, and [`Quality::Unflagged`]. Large numeric CSV tables are read with
/// typed, multithreaded parsing; only if that fails is the file re-read as text to locate each bad cell.
///
/// # Errors
/// [`crate::Error::Invalid`] with every problem at once: missing files or columns, cells that are not
/// numbers, NaN or infinities, years that are not whole numbers, repeated units, indicators of
/// `iMeta` without a column in `iData` (and numeric columns of `iData` missing from `iMeta`),
/// hierarchy errors, bad directions and weights, denominators that are missing or zero.
///
/// # Example
/// ```no_run
/// let ds = govgap::io::read_coinr("bench-data/data_S.csv", "bench-data/meta_S.csv")?;
/// assert_eq!(ds.units().len(), 13);
/// # Ok::<(), govgap::Error>(())
/// ```
pub fn read_coinr(data: impl AsRef<Path>, meta: impl AsRef<Path>) -> Result<Dataset> {
    let (data, meta) = (data.as_ref(), meta.as_ref());
    let mut problems = Vec::new();
    let stem = data
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut spec =
        load_text(meta, &["iMeta"], "iMeta", &mut problems).and_then(|t| parse_meta(&t, &stem, &mut problems));
    let mut raw = None;
    if let Some(spec) = &mut spec {
        if let Some(t) = load_data(data, spec, &mut problems) {
            raw = build_wide(t, spec, &label(meta), &mut problems);
        }
        if let Some(raw) = &mut raw {
            check_denominators(&mut spec.parts.nodes, raw);
        }
    } else if !data.is_file() {
        problems.push(Problem::error(
            ProblemKind::MissingFile,
            Location::file(label(data)),
            "the iData file does not exist",
            "create the iData file, or point to the file that has it",
        ));
    }
    validate(spec.map(|s| s.parts), problems, |fw| match raw {
        Some(raw) => Dataset::from_wide(fw, raw),
        None => Err(Problems(Vec::new())),
    })
}

/// `COINr`'s `Denominate` gives NA where a denominator is missing, but a govgap dataset requires the
/// denominator wherever the numerator is present. A denominator of `iMeta` that the data does not
/// cover is therefore not applied by default, with a warning (the values themselves are kept). A zero
/// denominator stays an error.
fn check_denominators(nodes: &mut [(Node, Location)], raw: &mut RawWide) {
    let mut warnings = Vec::new();
    for (node, _) in nodes.iter_mut() {
        let Some(d) = node.denominator.clone() else { continue };
        let col = |code: &str| raw.columns.iter().position(|(c, _)| c == code);
        let (Some(kx), Some(kd)) = (col(&node.code), col(&d)) else {
            continue;
        };
        let (x, den) = (&raw.columns[kx].1, &raw.columns[kd].1);
        let bad: Vec<usize> = (0..x.len())
            .filter(|&r| x.get(r).is_some() && den.get(r).is_none())
            .collect();
        let Some(&r) = bad.first() else { continue };
        let unit = raw
            .units
            .get(raw.row_unit[r])
            .map(|(u, _)| u.code.clone())
            .unwrap_or_default();
        let year = raw.row_year[r].map_or_else(String::new, |y| format!(" in {y}"));
        warnings.push(Problem::warning(
            ProblemKind::DenominatorValue,
            Location::file(raw.file.clone()).row(raw.row_line[r]).column(node.code.clone()).unit(&unit).indicator(&node.code),
            format!(
                "denominator '{d}' is missing in {} row(s) where '{}' has a value (first: unit '{unit}'{year}), so '{}' is not divided by '{d}' by default",
                bad.len(),
                node.code,
                node.code
            ),
            format!("supply '{d}' for those rows if '{}' should be divided by it (COINr's Denominate gives NA there)", node.code),
        ));
        node.denominator = None;
    }
    raw.warnings.extend(warnings);
}

/// Reads a CSV or spreadsheet as text.
fn load_text(path: &Path, sheets: &[&str], what: &str, problems: &mut Vec<Problem>) -> Option<Table> {
    let res = if is_spreadsheet(path) {
        read_sheet(path, sheets, what)
    } else {
        let bytes = table::read_file(path, what, problems)?;
        table::read_csv(&bytes, &label(path), None)
    };
    res.map_err(|p| problems.extend(p)).ok()
}

/// What a column of `iData` holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Code,
    Name,
    Year,
    Measured,
    Group,
    Aggregate,
    Unknown,
}

/// The hierarchy and column roles read from `iMeta`.
struct MetaSpec {
    parts: FrameworkParts,
    measured: BTreeSet<String>,
    aggregates: BTreeSet<String>,
    groups: BTreeSet<String>,
    file: String,
}

impl MetaSpec {
    fn role(&self, name: &str) -> Role {
        let is = |s: &str| name.eq_ignore_ascii_case(s);
        if is("uCode") {
            Role::Code
        } else if is("uName") {
            Role::Name
        } else if is("Time") || is("year") {
            Role::Year
        } else if self.measured.contains(name) {
            Role::Measured
        } else if self.groups.contains(name)
            || name.get(..6).is_some_and(|p| p.eq_ignore_ascii_case("group_"))
            || is("region")
        {
            Role::Group
        } else if self.aggregates.contains(name) {
            Role::Aggregate
        } else {
            Role::Unknown
        }
    }
}

fn parse_meta(t: &Table, stem: &str, problems: &mut Vec<Problem>) -> Option<MetaSpec> {
    if !t.require(&["iCode"], problems) {
        return None;
    }
    let bench = t.find("dim").is_some() && t.find("Parent").is_none();
    if !bench && t.find("Parent").is_none() {
        problems.push(Problem::error(
            ProblemKind::MissingColumn,
            Location::file(t.file.clone()).column("Parent"),
            format!("the iMeta header has neither 'Parent' nor 'dim' (it has: {})", t.names.join(", ")),
            "use COINr's columns iCode, iName, Level, Parent, Direction, Weight, Type, or the form iCode, dim, direction, weight",
        ));
        return None;
    }
    let nodes = if bench {
        bench_nodes(t, problems)
    } else {
        coinr_nodes(t, problems)
    };
    let mut spec = MetaSpec {
        parts: FrameworkParts::default(),
        measured: BTreeSet::new(),
        aggregates: BTreeSet::new(),
        groups: BTreeSet::new(),
        file: t.file.clone(),
    };
    let mut kept = Vec::new();
    for (node, loc, is_group) in nodes {
        if is_group {
            spec.groups.insert(node.code);
        } else {
            if node.role == NodeRole::Aggregate {
                spec.aggregates.insert(node.code.clone());
            } else {
                spec.measured.insert(node.code.clone());
            }
            kept.push((node, loc));
        }
    }
    let name_en = kept
        .iter()
        .find(|(n, _)| n.role == NodeRole::Aggregate && n.parent.is_none())
        .map_or_else(
            || stem.to_string(),
            |(n, _)| {
                if n.name_en.is_empty() {
                    n.code.clone()
                } else {
                    n.name_en.clone()
                }
            },
        );
    spec.parts = FrameworkParts {
        code: stem.to_string(),
        name_en,
        name_zh: String::new(),
        description: format!("Imported from COINr-style iMeta '{}'", t.file),
        nodes: kept,
    };
    Some(spec)
}

/// Parses a Direction cell (empty = +1).
fn direction_cell(t: &Table, col: Option<usize>, r: usize, code: &str, problems: &mut Vec<Problem>) -> Direction {
    let Some(cell) = t.cell(col, r) else {
        return Direction::Positive;
    };
    if let Some(d) = parse_number(cell).ok().and_then(Direction::from_sign) {
        d
    } else {
        problems.push(Problem::error(
            ProblemKind::BadDirection,
            t.at(r, col.unwrap_or_default()).indicator(code),
            format!("direction '{cell}' of '{code}' is not 1 or -1"),
            "write 1 if more is better, -1 if less is better",
        ));
        Direction::Positive
    }
}

/// Parses a number cell (empty = `default`).
fn number_cell(t: &Table, col: Option<usize>, r: usize, code: &str, problems: &mut Vec<Problem>) -> Option<f64> {
    let cell = t.cell(col, r)?;
    match parse_number(cell) {
        Ok(x) => Some(x),
        Err(e) => {
            let what = format!(
                "{} of '{code}'",
                t.names.get(col.unwrap_or_default()).cloned().unwrap_or_default()
            );
            problems.push(number_problem(
                e,
                t.at(r, col.unwrap_or_default()).indicator(code),
                cell,
                &what,
            ));
            None
        }
    }
}

/// Nodes of `COINr`'s `iMeta`; the flag marks `Group` rows.
fn coinr_nodes(t: &Table, problems: &mut Vec<Problem>) -> Vec<(Node, Location, bool)> {
    let col = |n: &str| t.find(n);
    let (c_code, c_name, c_level, c_parent, c_dir, c_weight, c_type) = (
        col("iCode"),
        col("iName"),
        col("Level"),
        col("Parent"),
        col("Direction"),
        col("Weight"),
        col("Type"),
    );
    let (c_unit, c_target, c_den) = (col("Unit"), col("Target"), col("Denominator"));
    let parents: BTreeSet<&str> = (0..t.height()).filter_map(|r| t.cell(c_parent, r)).collect();
    let mut out = Vec::new();
    for r in 0..t.height() {
        let Some(code) = t.cell(c_code, r) else {
            if (0..t.names.len()).any(|c| t.cell(Some(c), r).is_some()) {
                problems.push(Problem::error(
                    ProblemKind::InvalidValue,
                    t.at(r, c_code.unwrap_or_default()),
                    "the row has no iCode",
                    "give every row of iMeta a unique iCode, or delete the row",
                ));
            }
            continue;
        };
        let loc = Location::file(t.file.clone()).row(t.line(r)).indicator(code);
        let role = match t.cell(c_type, r).map(str::to_ascii_lowercase).as_deref() {
            Some("indicator") => NodeRole::Indicator,
            Some("aggregate") => NodeRole::Aggregate,
            Some("denominator" | "other") => NodeRole::Context,
            Some("group") => {
                out.push((
                    Node {
                        code: code.to_string(),
                        ..Node::default()
                    },
                    loc,
                    true,
                ));
                continue;
            }
            Some(_) => {
                let cell = t.cell(c_type, r).unwrap_or_default();
                problems.push(Problem::error(
                    ProblemKind::InvalidValue,
                    t.at(r, c_type.unwrap_or_default()).indicator(code),
                    format!("Type '{cell}' of '{code}' is not known"),
                    "use Indicator, Aggregate, Denominator, Group or Other",
                ));
                NodeRole::Indicator
            }
            None => match t.cell(c_level, r).and_then(|l| parse_number(l).ok()) {
                Some(l) if l > 1.0 => NodeRole::Aggregate,
                None if parents.contains(code) => NodeRole::Aggregate,
                Some(_) | None => NodeRole::Indicator,
            },
        };
        let default_weight = if role == NodeRole::Context { 0.0 } else { 1.0 };
        let node = Node {
            code: code.to_string(),
            name_en: t.cell(c_name, r).unwrap_or_default().to_string(),
            role,
            parent: t.cell(c_parent, r).map(str::to_string),
            direction: direction_cell(t, c_dir, r, code, problems),
            weight: number_cell(t, c_weight, r, code, problems).unwrap_or(default_weight),
            unit: t.cell(c_unit, r).unwrap_or_default().to_string(),
            denominator: t.cell(c_den, r).map(str::to_string),
            target: number_cell(t, c_target, r, code, problems),
            ..Node::default()
        };
        out.push((node, loc, false));
    }
    out
}

/// Nodes of the benchmark meta form: `INDEX` ← dimensions ← indicators.
fn bench_nodes(t: &Table, problems: &mut Vec<Problem>) -> Vec<(Node, Location, bool)> {
    let col = |n: &str| t.find(n);
    let (c_code, c_dim, c_dir, c_weight, c_name) = (
        col("iCode"),
        col("dim"),
        col("direction"),
        col("weight"),
        col("iName").or_else(|| col("name")),
    );
    let mut dims: Vec<(Node, Location, bool)> = Vec::new();
    let mut indicators = Vec::new();
    for r in 0..t.height() {
        let Some(code) = t.cell(c_code, r) else {
            problems.push(Problem::error(
                ProblemKind::InvalidValue,
                t.at(r, c_code.unwrap_or_default()),
                "the row has no iCode",
                "give every row a unique iCode, or delete the row",
            ));
            continue;
        };
        let dim = t.cell(c_dim, r);
        if let Some(d) = dim
            && !dims.iter().any(|(n, _, _)| n.code == d)
        {
            let node = Node {
                code: d.to_string(),
                name_en: d.to_string(),
                role: NodeRole::Aggregate,
                parent: Some(BENCH_ROOT.to_string()),
                weight: 1.0,
                ..Node::default()
            };
            dims.push((node, t.at(r, c_dim.unwrap_or_default()).indicator(d), false));
        }
        let node = Node {
            code: code.to_string(),
            name_en: t.cell(c_name, r).unwrap_or_default().to_string(),
            parent: dim.map(str::to_string),
            direction: direction_cell(t, c_dir, r, code, problems),
            weight: number_cell(t, c_weight, r, code, problems).unwrap_or(1.0),
            ..Node::default()
        };
        indicators.push((
            node,
            Location::file(t.file.clone()).row(t.line(r)).indicator(code),
            false,
        ));
    }
    let root = Node {
        code: BENCH_ROOT.to_string(),
        name_en: "Index".to_string(),
        role: NodeRole::Aggregate,
        ..Node::default()
    };
    let mut out = vec![(root, Location::file(t.file.clone()), false)];
    out.extend(dims);
    out.extend(indicators);
    out
}

/// Reads `iData`: for a CSV, first with typed columns (fast), and only if that fails as text.
fn load_data(path: &Path, spec: &MetaSpec, problems: &mut Vec<Problem>) -> Option<Table> {
    const HEAD: u64 = 1 << 20;
    if is_spreadsheet(path) {
        return load_text(path, &["iData"], "iData", problems);
    }
    // Fast paths: a plain file read straight into columns, else typed columns through polars
    // (memory-mapped and multithreaded).
    if let Some(head) = table::read_head(path, HEAD) {
        let complete = head.contains(&b'\n') || (head.len() as u64) < HEAD;
        if complete && !head.iter().all(u8::is_ascii_whitespace) {
            let names = table::header_fields(&head);
            let numeric: Vec<bool> = names.iter().map(|n| spec.role(n) == Role::Measured).collect();
            if let Some(t) = plain_csv::read_plain_csv(path, &label(path), &names, &numeric) {
                return Some(t);
            }
            let dtypes: Vec<DataType> = names
                .iter()
                .map(|n| match spec.role(n) {
                    Role::Measured => DataType::Float64,
                    Role::Year => DataType::Int64,
                    _ => DataType::String,
                })
                .collect();
            if let Ok(t) = table::read_csv_file(path, names, &dtypes) {
                return Some(t);
            }
        }
    }
    // Slow path: everything as text, so that every bad cell is found and located.
    let bytes = table::read_file(path, "iData", problems)?;
    table::read_csv(&bytes, &label(path), None)
        .map_err(|p| problems.extend(p))
        .ok()
}

/// The cells of a float column as a dense column, row `r` of the table going to position `dest[r]`
/// of the result (rows with `usize::MAX` are left out); also the table rows holding a NaN (a dense
/// column marks a missing cell with NaN, so those are reported by the caller).
fn f64_values(ca: &Float64Chunked, dest: &[usize], n: usize) -> (Scores, Vec<usize>) {
    let mut nan_rows = Vec::new();
    let mut out = vec![f64::NAN; n];
    let mut r = 0;
    for arr in ca.downcast_iter() {
        let values: &[f64] = arr.values();
        let valid = arr.validity().filter(|v| v.unset_bits() > 0);
        for (j, &x) in values.iter().enumerate() {
            if valid.is_some_and(|v| !v.get_bit(j)) {
                continue;
            }
            if x.is_nan() {
                if dest.get(r + j).is_some_and(|&d| d != usize::MAX) {
                    nan_rows.push(r + j);
                }
            } else if let Some(slot) = dest.get(r + j).and_then(|&d| out.get_mut(d)) {
                *slot = x;
            }
        }
        r += values.len();
    }
    (Scores::from_raw(out), nan_rows)
}

/// Reorders `values` so that row `src[p]` lands at position `p`, through a scratch buffer that is
/// reused from column to column (no new column is allocated).
fn permute(values: &mut [f64], src: &[usize], scratch: &mut Vec<f64>) {
    scratch.clear();
    scratch.extend(src.iter().map(|&r| values.get(r).copied().unwrap_or(f64::NAN)));
    values.copy_from_slice(scratch);
}

/// The rows in (unit code, year, row) order: a counting sort by unit (stable, so each unit's rows keep
/// their file order), then each unit's rows by year where they are not in order already. The usual
/// tables (sorted by unit and year, or by year and unit) need no comparison sort at all.
fn row_order(code_rank: &[u32], row_unit: &[usize], row_year: &[Option<i32>]) -> Vec<usize> {
    let mut start = vec![0usize; code_rank.len() + 1];
    for &u in row_unit {
        start[code_rank[u] as usize + 1] += 1;
    }
    for i in 1..start.len() {
        start[i] += start[i - 1];
    }
    let mut next = start.clone();
    let mut order = vec![0; row_unit.len()];
    for (i, &u) in row_unit.iter().enumerate() {
        let slot = &mut next[code_rank[u] as usize];
        order[*slot] = i;
        *slot += 1;
    }
    for w in start.windows(2) {
        let rows = &mut order[w[0]..w[1]];
        if !rows.is_sorted_by_key(|&i| row_year[i]) {
            rows.sort_by_key(|&i| row_year[i]); // stable: ties keep the row order
        }
    }
    order
}

/// Cells already parsed, row `r` going to position `dest[r]` (rows with `usize::MAX` are left out).
fn scatter_values(values: &[f64], dest: &[usize], n: usize) -> Scores {
    let mut out = vec![f64::NAN; n];
    for (&x, &d) in values.iter().zip(dest) {
        if let Some(slot) = out.get_mut(d) {
            *slot = x;
        }
    }
    Scores::from_raw(out)
}

/// Whether a text column holds numbers only (empty and `NA` cells aside), at least one.
fn is_numeric(t: &Table, c: usize) -> bool {
    let Some(ca) = t.text(c) else { return true };
    let mut any = false;
    for s in ca
        .iter()
        .flatten()
        .map(str::trim)
        .filter(|s| !s.is_empty() && *s != "NA")
    {
        if s.parse::<f64>().is_err() {
            return false;
        }
        any = true;
    }
    any
}

fn build_wide(mut t: Table, spec: &MetaSpec, meta_label: &str, problems: &mut Vec<Problem>) -> Option<RawWide> {
    let mut floats = std::mem::take(&mut t.floats);
    let t = &t;
    let data_loc = || Location::file(t.file.clone());
    let mut roles: Vec<Role> = t.names.iter().map(|n| spec.role(n)).collect();
    for code in &spec.measured {
        if !t.names.iter().any(|n| n == code) {
            problems.push(Problem::error(
                ProblemKind::MissingColumn,
                data_loc().column(code.clone()).indicator(code.clone()),
                format!(
                    "'{code}' is in the iMeta ({}) but has no column in the iData",
                    spec.file
                ),
                format!("add a column '{code}' to the iData, or remove its row from the iMeta"),
            ));
        }
    }
    for (c, role) in roles.iter_mut().enumerate() {
        let name = &t.names[c];
        match role {
            Role::Aggregate => problems.push(Problem::error(
                ProblemKind::UnknownIndicator,
                data_loc().column(name.clone()).indicator(name.clone()),
                format!("'{name}' is an aggregate in the iMeta; aggregates are computed, not read"),
                "remove the column from the iData, or give the measured values their own iCode",
            )),
            Role::Unknown if name.is_empty() => {
                if is_numeric(t, c) {
                    problems.push(Problem::error(
                        ProblemKind::MissingColumn,
                        data_loc().column(format!("#{}", c + 1)),
                        format!("column {} holds numbers but has no name", c + 1),
                        "give the column its iCode in the header, or delete it",
                    ));
                }
                *role = Role::Aggregate; // ignored from here on
            }
            Role::Unknown if is_numeric(t, c) => problems.push(Problem::error(
                ProblemKind::UnknownIndicator,
                data_loc().column(name.clone()).indicator(name.clone()),
                format!("column '{name}' holds numbers but is not in the iMeta ({})", spec.file),
                "add it to the iMeta (Type Indicator, or Other for context data), or remove the column",
            )),
            Role::Unknown => *role = Role::Group,
            _ => {}
        }
    }
    let Some(c_code) = roles.iter().position(|&r| r == Role::Code) else {
        t.require(&["uCode"], problems);
        return None;
    };
    let c_name = roles.iter().position(|&r| r == Role::Name);
    let c_year = roles.iter().position(|&r| r == Role::Year);
    let group_cols: Vec<usize> = (0..roles.len()).filter(|&c| roles[c] == Role::Group).collect();
    let codes: Vec<Option<&str>> = match t.text(c_code) {
        Some(ca) => ca.iter().collect(),
        None => vec![None; t.height()],
    };
    let years: Option<Vec<Option<i64>>> = c_year.map(|c| {
        let cells = t.text(c);
        // (a column of the plain-CSV path is text; its frame column is a placeholder, which polars
        // would build in full to answer `i64()`)
        if !matches!(cells, Some(TextCells::Plain(_)))
            && let Ok(ca) = t.df.columns()[c].i64()
        {
            return ca.iter().collect();
        }
        (0..t.height())
            .map(|r| {
                let cell = cells.and_then(|x| x.get(r)).map(str::trim).filter(|s| !s.is_empty())?;
                let y = parse_year(cell);
                if y.is_none() {
                    problems.push(year_problem(t.at(r, c).unit(codes[r].unwrap_or_default().trim()), cell));
                }
                Some(y.map_or(i64::MIN, i64::from))
            })
            .collect()
    });
    let mut raw = RawWide {
        file: t.file.clone(),
        source: INPUT_SOURCE.to_string(),
        quality: Quality::Unflagged,
        sources: vec![(
            Source {
                id: INPUT_SOURCE.to_string(),
                citation: format!("COINr-style iData '{}' with iMeta '{meta_label}'", t.file),
                path: t.file.clone(),
                notes: "imported with govgap::io::read_coinr; the files carry no quality flags".to_string(),
                ..Source::default()
            },
            data_loc(),
        )],
        ..RawWide::default()
    };
    let mut unit_of: PlHashMap<&str, usize> = PlHashMap::default();
    let mut kept: Vec<usize> = Vec::with_capacity(t.height());
    raw.row_unit.reserve(t.height());
    raw.row_year.reserve(t.height());
    raw.row_line.reserve(t.height());
    for (r, code) in codes.iter().enumerate() {
        let Some(code) = code.map(str::trim).filter(|c| !c.is_empty()) else {
            problems.push(Problem::error(
                ProblemKind::InvalidValue,
                t.at(r, c_code),
                "the row has no uCode",
                "give every row its unit code, or delete the row",
            ));
            continue;
        };
        let year = match (&years, c_year) {
            (Some(ys), Some(c)) => match ys[r] {
                None => {
                    problems.push(Problem::error(
                        ProblemKind::BadYear,
                        t.at(r, c).unit(code),
                        "the year is empty",
                        "fill in the year of every row (or remove the Time/year column if the data has no time)",
                    ));
                    continue;
                }
                Some(i64::MIN) => continue, // reported above
                Some(y) => match i32::try_from(y) {
                    Ok(y) if (-9999..=9999).contains(&y) => Some(y),
                    _ => {
                        problems.push(year_problem(t.at(r, c).unit(code), &y.to_string()));
                        continue;
                    }
                },
            },
            _ => None,
        };
        let next = raw.units.len();
        // rows of a panel come unit by unit (then the previous row's unit) or year by year (then,
        // once every unit has been seen, the unit as many rows back as there are units): either
        // needs no lookup; the code is compared in every case, so a guess is never taken wrongly
        let previous = raw.row_unit.last().copied();
        let year_back = raw
            .row_unit
            .len()
            .checked_sub(next)
            .and_then(|i| raw.row_unit.get(i).copied());
        let u = [previous, year_back]
            .into_iter()
            .flatten()
            .find(|&p| raw.units[p].0.code == code)
            .unwrap_or_else(|| *unit_of.entry(code).or_insert(next));
        if u == next {
            let unit = Unit {
                code: code.to_string(),
                name_en: t.cell(c_name, r).unwrap_or_default().to_string(),
                groups: group_cols
                    .iter()
                    .filter_map(|&g| t.cell(Some(g), r).map(|label| (t.names[g].clone(), label.to_string())))
                    .collect(),
                ..Unit::default()
            };
            raw.units.push((unit, Location::file(t.file.clone()).row(t.line(r))));
        }
        raw.row_unit.push(u);
        raw.row_year.push(year);
        raw.row_line.push(t.line(r));
        kept.push(r);
    }
    // Rows go into (unit code, year) order, the order of a dataset's observations, so that
    // `Dataset::from_wide` can take the columns over without moving a value again.
    let mut by_code: Vec<usize> = (0..raw.units.len()).collect();
    by_code.sort_by(|&a, &b| raw.units[a].0.code.cmp(&raw.units[b].0.code));
    let mut code_rank = vec![0u32; raw.units.len()];
    for (rank, &u) in by_code.iter().enumerate() {
        code_rank[u] = rank as u32;
    }
    let order = row_order(&code_rank, &raw.row_unit, &raw.row_year);
    raw.row_unit = order.iter().map(|&i| raw.row_unit[i]).collect();
    raw.row_year = order.iter().map(|&i| raw.row_year[i]).collect();
    raw.row_line = order.iter().map(|&i| raw.row_line[i]).collect();
    // destination of each table row (usize::MAX: dropped)
    let mut dest = vec![usize::MAX; t.height()];
    for (pos, &i) in order.iter().enumerate() {
        dest[kept[i]] = pos;
    }
    let n = kept.len();
    let measured: Vec<usize> = (0..roles.len()).filter(|&c| roles[c] == Role::Measured).collect();
    // typed columns convert in parallel; text columns one by one, locating every bad cell
    // (columns the plain-CSV path parsed already are taken over when the rows are in place)
    let parsed: Vec<Option<Vec<f64>>> = measured
        .iter()
        .map(|&c| floats.get_mut(c).and_then(Option::take))
        .collect();
    let in_place = n == dest.len() && dest.iter().enumerate().all(|(i, &d)| i == d);
    // every row kept, only in another order (a table sorted by year): moved within its own column
    let permutation = n == dest.len() && !in_place;
    let mut src = vec![0; if permutation { n } else { 0 }];
    if permutation {
        for (r, &d) in dest.iter().enumerate() {
            src[d] = r;
        }
    }
    let typed: Vec<Option<(Scores, Vec<usize>)>> = measured
        .par_iter()
        .zip(parsed)
        .map_init(Vec::new, |scratch, (&c, parsed)| match parsed {
            Some(values) if in_place => Some((Scores::from_raw(values), Vec::new())),
            Some(mut values) if permutation => {
                permute(&mut values, &src, scratch);
                Some((Scores::from_raw(values), Vec::new()))
            }
            Some(values) => Some((scatter_values(&values, &dest, n), Vec::new())),
            None => Some(f64_values(t.df.columns()[c].f64().ok()?, &dest, n)),
        })
        .collect();
    for (&c, typed) in measured.iter().zip(typed) {
        let name = &t.names[c];
        let values: Scores = if let Some((values, nan_rows)) = typed {
            for r in nan_rows {
                let unit = codes[r].unwrap_or_default().trim();
                let loc = t.at(r, c).unit(unit).indicator(name.clone());
                problems.push(number_problem(NumError::NonFinite, loc, "NaN", "NaN or infinity"));
            }
            values
        } else {
            let mut values = vec![None; n];
            for (r, &d) in dest.iter().enumerate() {
                let Some(cell) = t.cell(Some(c), r).filter(|s| *s != "NA" && d != usize::MAX) else {
                    continue;
                };
                match parse_number(cell) {
                    Ok(x) => values[d] = Some(x),
                    Err(e) => {
                        let unit = codes[r].unwrap_or_default().trim();
                        let loc = t.at(r, c).unit(unit).indicator(name.clone());
                        let what = if e == NumError::NotANumber {
                            "indicator value"
                        } else {
                            "NaN or infinity"
                        };
                        problems.push(number_problem(e, loc, cell, what));
                    }
                }
            }
            Scores::from(values)
        };
        raw.columns.push((name.clone(), values));
    }
    Some(raw)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::error::Severity;
    use crate::io::table::testutil::{Scratch, assert_names, error_of, fixtures, problems};

    const IDATA: &str = include_str!("../../tests/fixtures/coinr_small/idata.csv");
    const IMETA: &str = include_str!("../../tests/fixtures/coinr_small/imeta.csv");

    fn asem() -> PathBuf {
        PathBuf::from("/work/shared/sources/asem")
    }
    fn bench() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../bench-data")
    }

    /// The small fixture with a replacement in `iData` and one in `iMeta`.
    fn small(name: &str, data: (&str, &str), meta: (&str, &str)) -> (Scratch, Result<Dataset>) {
        let s = Scratch::new(name);
        assert!(IDATA.contains(data.0) && IMETA.contains(meta.0));
        let d = s.write("idata.csv", &IDATA.replacen(data.0, data.1, 1));
        let m = s.write("imeta.csv", &IMETA.replacen(meta.0, meta.1, 1));
        let r = read_coinr(d, m);
        (s, r)
    }

    #[test]
    fn loads_the_small_fixture() {
        let dir = fixtures().join("coinr_small");
        let ds = read_coinr(dir.join("idata.csv"), dir.join("imeta.csv")).unwrap();
        assert_eq!(ds.units().len(), 3);
        assert_eq!(ds.obs().len(), 6);
        assert_eq!(ds.years(), vec![Some(2020), Some(2021)]);
        let u1 = &ds.units()[0];
        assert_eq!(
            (u1.name_en.as_str(), u1.group("Group_size"), u1.group("region")),
            ("Unit one", Some("S"), Some("north"))
        );
        let fw = ds.framework();
        assert_eq!(fw.nodes()[fw.root()].code, "Index");
        let a2 = fw.node("a2").unwrap();
        assert_eq!(
            (a2.direction, a2.weight, a2.denominator.as_deref()),
            (Direction::Negative, 0.5, Some("pop"))
        );
        assert_eq!(fw.node("pop").unwrap().role, NodeRole::Context);
        assert!(fw.node("Group_size").is_none());
        let b1 = fw.position("b1").unwrap();
        // U3 2020 is "NA": missing
        assert_eq!(ds.value(4, b1), None);
        assert_eq!(ds.value(5, b1), Some(9.5));
        let c = ds.column(b1).get(0).unwrap();
        assert_eq!(c.quality, Quality::Unflagged);
        assert_eq!(ds.sources()[c.source as usize].id, "input");
        assert!(ds.sources()[0].citation.contains("idata.csv"));
    }

    #[test]
    fn loads_the_asem_example() {
        if !asem().is_dir() {
            return; // the shared sources are not on this machine
        }
        let ds = read_coinr(asem().join("asem_idata.csv"), asem().join("asem_imeta.csv")).unwrap();
        assert_eq!(ds.units().len(), 51);
        let fw = ds.framework();
        assert_eq!(fw.indicators().count(), 49);
        assert_eq!(fw.aggregates().count(), 11);
        assert_eq!(fw.nodes()[fw.root()].code, "Index");
        assert_eq!(fw.level(fw.root()), 4);
        assert_eq!(fw.node("Population").unwrap().role, NodeRole::Context);
        assert_eq!(fw.node("Flights").unwrap().denominator.as_deref(), Some("Population"));
        // LAO has electricity and gas trade but no energy consumption: kept, not denominated
        assert_eq!(fw.node("Elec").unwrap().denominator, None);
        let w = ds
            .warnings()
            .iter()
            .find(|w| w.kind == ProblemKind::DenominatorValue)
            .unwrap();
        assert_eq!(w.severity, Severity::Warning);
        assert_names(
            w,
            &["asem_idata.csv", "row 42", "unit 'LAO'", "indicator 'Elec'", "'Energy'"],
        );
        assert_eq!(ds.years(), vec![Some(2018)]);
        let aut = ds.unit_position("AUT").unwrap();
        assert_eq!(ds.units()[aut].group("EurAsia_group"), Some("Europe"));
        assert_eq!(ds.value(aut, fw.position("LPI").unwrap()), Some(4.097_985));
        let panel = read_coinr(asem().join("asem_idata_panel.csv"), asem().join("asem_imeta.csv")).unwrap();
        assert_eq!(panel.years().len(), 5);
        assert_eq!(panel.obs().len(), 255);
    }

    #[test]
    fn loads_the_bench_tables() {
        for (size, units, rows, k) in [("S", 13, 13, 20), ("M", 337, 337, 40), ("L", 2850, 28_500, 60)] {
            let (d, m) = (
                bench().join(format!("data_{size}.csv")),
                bench().join(format!("meta_{size}.csv")),
            );
            if !d.is_file() {
                continue;
            }
            let ds = read_coinr(&d, &m).unwrap();
            assert_eq!(ds.units().len(), units);
            assert_eq!(ds.obs().len(), rows);
            let fw = ds.framework();
            assert_eq!(fw.indicators().count(), k);
            assert_eq!(fw.nodes()[fw.root()].code, "INDEX");
            assert_eq!(fw.nodes()[1].code, "D1");
            assert!(ds.units()[0].group("region").is_some());
        }
    }

    proptest::proptest! {
        #[test]
        fn row_order_is_the_sort_by_code_year_and_row(
            rows in proptest::collection::vec((0usize..6, proptest::option::of(2000i32..2004)), 0..60),
            seed in 0u32..720,
        ) {
            // a permutation of the six units' code ranks
            let mut code_rank: Vec<u32> = (0..6).collect();
            let mut x = seed;
            for i in (1..6).rev() {
                code_rank.swap(i, (x % (i as u32 + 1)) as usize);
                x /= i as u32 + 1;
            }
            let row_unit: Vec<usize> = rows.iter().map(|r| r.0).collect();
            let row_year: Vec<Option<i32>> = rows.iter().map(|r| r.1).collect();
            let mut expected: Vec<usize> = (0..rows.len()).collect();
            expected.sort_by_key(|&i| (code_rank[row_unit[i]], row_year[i], i));
            proptest::prop_assert_eq!(row_order(&code_rank, &row_unit, &row_year), expected);
        }
    }

    /// A year-major table (so that rows are reordered) with empty and `NA` cells, an exponent, spaces,
    /// negative numbers and CRLF line ends; `quoted` writes the names in quotes, which sends the file
    /// to the general (polars) reader instead of the plain-CSV fast path.
    fn year_major_table(quoted: bool) -> String {
        use std::fmt::Write as _;
        let mut s = String::from("uCode,uName,region,Time,pop,a1,a2,b1\r\n");
        for year in [2021, 2019, 2020] {
            for u in (0..40).rev() {
                let name = if quoted {
                    format!("\"Unit {u}\"")
                } else {
                    format!("Unit {u}")
                };
                let a1 = match u % 7 {
                    0 => String::new(),
                    1 => "NA".to_string(),
                    2 => format!(" {u}.25 "),
                    3 => format!("{}e-1", u * 3),
                    _ => format!("-{}.{:03}", u, year % 1000),
                };
                let _ = write!(
                    s,
                    "U{u:02},{name},R{},{year},{},{a1},{}.5,{}\r\n",
                    u % 3,
                    1000 + u,
                    u + year,
                    f64::from(u) / 7.0
                );
            }
        }
        s
    }

    #[test]
    fn plain_fast_path_reads_what_the_general_path_reads() {
        let s = Scratch::new("coinr-plain");
        let m = s.write("imeta.csv", IMETA);
        let plain = s.write("plain.csv", &year_major_table(false));
        let quoted = s.write("quoted.csv", &year_major_table(true));
        // the plain file does take the fast path, the quoted one does not
        let names = table::header_fields(year_major_table(false).as_bytes());
        let numeric: Vec<bool> = names
            .iter()
            .map(|n| ["pop", "a1", "a2", "b1"].contains(&n.as_str()))
            .collect();
        assert!(plain_csv::read_plain_csv(&plain, "plain.csv", &names, &numeric).is_some());
        assert!(plain_csv::read_plain_csv(&quoted, "quoted.csv", &names, &numeric).is_none());
        let a = read_coinr(&plain, &m).unwrap();
        let b = read_coinr(&quoted, &m).unwrap();
        assert_eq!(a.obs(), b.obs());
        assert_eq!(a.obs().len(), 120);
        assert_eq!(a.units(), b.units());
        for k in 0..a.framework().nodes().len() {
            assert_eq!(a.column(k), b.column(k), "node {}", a.framework().nodes()[k].code);
        }
        assert_eq!(a.warnings().len(), b.warnings().len());
        // spot checks: rows are in (unit, year) order, values where they belong
        let fw = a.framework();
        let (a1, b1) = (fw.position("a1").unwrap(), fw.position("b1").unwrap());
        assert_eq!(a.obs()[0].year, Some(2019));
        assert_eq!(a.units()[a.obs()[3].unit].code, "U01");
        assert_eq!(a.value(3, a1), None, "NA");
        assert_eq!(a.value(0, a1), None, "empty");
        assert_eq!(a.value(3 * 2, a1), Some(2.25), "spaces");
        assert_eq!(a.value(3 * 3, a1), Some(0.9), "exponent");
        assert_eq!(a.value(3 * 4 + 2, a1), Some(-4.021));
        assert_eq!(a.value(3 * 39 + 1, b1), Some(39.0 / 7.0));
    }

    #[test]
    fn missing_meta_file_and_data_file() {
        let s = Scratch::new("coinr-missing");
        let d = s.write("idata.csv", IDATA);
        let p = problems(read_coinr(&d, s.path("nope.csv")));
        assert_names(&error_of(&p, ProblemKind::MissingFile), &["nope.csv"]);
        let m = s.write("imeta.csv", IMETA);
        let p = problems(read_coinr(s.path("gone.csv"), &m));
        assert_names(&error_of(&p, ProblemKind::MissingFile), &["gone.csv"]);
    }

    #[test]
    fn missing_columns() {
        let (_s, r) = small("coinr-no-ucode", ("uCode,", "unit,"), ("", ""));
        assert_names(
            &error_of(&problems(r), ProblemKind::MissingColumn),
            &["idata.csv", "column 'uCode'"],
        );
        let (_s, r) = small("coinr-no-col", (",b1\n", ",b2\n"), ("", ""));
        let p = problems(r);
        assert_names(
            &error_of(&p, ProblemKind::MissingColumn),
            &["idata.csv", "column 'b1'", "indicator 'b1'"],
        );
        let (_s, r) = small("coinr-no-parent", ("", ""), ("Parent,", "Mother,"));
        assert_names(
            &error_of(&problems(r), ProblemKind::MissingColumn),
            &["imeta.csv", "column 'Parent'"],
        );
    }

    #[test]
    fn empty_files() {
        let s = Scratch::new("coinr-empty");
        let d = s.write("idata.csv", "");
        let m = s.write("imeta.csv", IMETA);
        assert_names(
            &error_of(&problems(read_coinr(&d, &m)), ProblemKind::EmptyFile),
            &["idata.csv"],
        );
    }

    #[test]
    fn bom_loads() {
        let s = Scratch::new("coinr-bom");
        let d = s.write("idata.csv", &format!("\u{feff}{IDATA}"));
        let m = s.write("imeta.csv", &format!("\u{feff}{IMETA}"));
        let ds = read_coinr(&d, &m).unwrap();
        assert_eq!(ds.units()[0].code, "U1");
    }

    #[test]
    fn non_numeric_cell_names_row_and_column() {
        let (_s, r) = small(
            "coinr-nan-text",
            (
                "U3,Unit three,L,south,2021,310,3.6,31,9.5",
                "U3,Unit three,L,south,2021,310,3.6,thirty,9.5",
            ),
            ("", ""),
        );
        let p = error_of(&problems(r), ProblemKind::NotANumber);
        assert_names(
            &p,
            &[
                "idata.csv",
                "row 7",
                "column 'a2'",
                "unit 'U3'",
                "indicator 'a2'",
                "'thirty'",
            ],
        );
    }

    #[test]
    fn nan_and_infinity_on_the_fast_path() {
        let (_s, r) = small("coinr-nan", ("2021,210,2.6,21,8.5", "2021,210,NaN,21,inf"), ("", ""));
        let p = problems(r);
        assert_eq!(
            p.0.iter().filter(|q| q.kind == ProblemKind::NonFinite).count(),
            2,
            "{p}"
        );
        assert_names(
            &error_of(&p, ProblemKind::NonFinite),
            &["idata.csv", "row 6", "column 'a1'", "unit 'U2'", "indicator 'a1'"],
        );
    }

    #[test]
    fn duplicate_unit_rows() {
        let (_s, r) = small(
            "coinr-dup",
            ("U3,Unit three,L,south,2021", "U2,Unit three,L,south,2021"),
            ("", ""),
        );
        let p = error_of(&problems(r), ProblemKind::DuplicateValue);
        assert_names(&p, &["idata.csv", "row 7", "unit 'U2'", "2021", "row 6"]);
        let s = Scratch::new("coinr-dup-no-time");
        let d = s.write("idata.csv", "uCode,a1,a2,b1,pop\nU1,1,2,3,4\nU1,2,3,4,5\n");
        let m = s.write("imeta.csv", IMETA);
        let p = error_of(&problems(read_coinr(&d, &m)), ProblemKind::DuplicateUnit);
        assert_names(&p, &["idata.csv", "row 3", "unit 'U1'", "row 2"]);
    }

    #[test]
    fn year_not_an_integer() {
        let (_s, r) = small(
            "coinr-year",
            ("U2,Unit two,L,south,2021", "U2,Unit two,L,south,2021.5"),
            ("", ""),
        );
        let p = error_of(&problems(r), ProblemKind::BadYear);
        assert_names(&p, &["idata.csv", "row 6", "column 'Time'", "unit 'U2'", "'2021.5'"]);
    }

    #[test]
    fn unknown_numeric_column_and_text_group() {
        let s = Scratch::new("coinr-unknown-2");
        let d = s.write(
            "idata.csv",
            "uCode,zone,a1,a2,b1,pop,c9\nU1,n,1,2,3,4,5\nU2,s,2,3,4,5,6\n",
        );
        let m = s.write("imeta.csv", IMETA);
        let p = error_of(&problems(read_coinr(&d, &m)), ProblemKind::UnknownIndicator);
        assert_names(&p, &["idata.csv", "column 'c9'", "indicator 'c9'", "iMeta"]);
        let d = s.write("idata.csv", "uCode,zone,a1,a2,b1,pop\nU1,n,1,2,3,4\nU2,s,2,3,4,5\n");
        let ds = read_coinr(&d, &m).unwrap();
        assert_eq!(ds.units()[1].group("zone"), Some("s"));
    }

    #[test]
    fn meta_problems() {
        let (_s, r) = small(
            "coinr-dir",
            ("", ""),
            ("a1,Indicator a1,1,A,1,", "a1,Indicator a1,1,A,2,"),
        );
        assert_names(
            &error_of(&problems(r), ProblemKind::BadDirection),
            &["imeta.csv", "row 2", "column 'Direction'", "indicator 'a1'"],
        );
        let (_s, r) = small("coinr-weight", ("", ""), ("-1,0.5,Indicator", "-1,-0.5,Indicator"));
        assert_names(
            &error_of(&problems(r), ProblemKind::BadWeight),
            &["imeta.csv", "row 3", "indicator 'a2'"],
        );
        let (_s, r) = small(
            "coinr-parent",
            ("", ""),
            ("b1,Indicator b1,1,B,", "b1,Indicator b1,1,C,"),
        );
        assert_names(
            &error_of(&problems(r), ProblemKind::UnknownParent),
            &["imeta.csv", "row 4", "indicator 'b1'", "'C'"],
        );
        let (_s, r) = small("coinr-den", ("", ""), ("count,pop", "count,B"));
        assert_names(
            &error_of(&problems(r), ProblemKind::BadDenominator),
            &["imeta.csv", "row 3", "indicator 'a2'"],
        );
        let (_s, r) = small("coinr-type", ("", ""), ("Indicator,%", "Indikator,%"));
        assert_names(
            &error_of(&problems(r), ProblemKind::InvalidValue),
            &["imeta.csv", "row 4", "column 'Type'", "'Indikator'"],
        );
    }

    #[test]
    fn zero_or_missing_denominator_value() {
        let (_s, r) = small(
            "coinr-den-zero",
            ("U3,Unit three,L,south,2021,310,", "U3,Unit three,L,south,2021,0,"),
            ("", ""),
        );
        let p = error_of(&problems(r), ProblemKind::DenominatorValue);
        assert_names(
            &p,
            &[
                "idata.csv",
                "row 7",
                "column 'a2'",
                "unit 'U3'",
                "indicator 'a2'",
                "'pop'",
            ],
        );
        // missing: COINr would give NA; the link is dropped with a warning
        let (_s, r) = small(
            "coinr-den-missing",
            ("U3,Unit three,L,south,2021,310,", "U3,Unit three,L,south,2021,,"),
            ("", ""),
        );
        let ds = r.unwrap();
        assert_eq!(ds.framework().node("a2").unwrap().denominator, None);
        let w = ds
            .warnings()
            .iter()
            .find(|w| w.kind == ProblemKind::DenominatorValue)
            .unwrap();
        assert_eq!(w.severity, Severity::Warning);
        assert_names(w, &["idata.csv", "row 7", "column 'a2'", "unit 'U3'", "'pop'"]);
    }

    #[test]
    fn warnings_come_with_the_dataset() {
        let s = Scratch::new("coinr-warn");
        let d = s.write("idata.csv", "uCode,a1,a2,b1,pop\nU1,1,2,3,4\nU2,1,3,4,5\nU3,,,,\n");
        let m = s.write("imeta.csv", IMETA);
        let ds = read_coinr(&d, &m).unwrap();
        let zv = ds
            .warnings()
            .iter()
            .find(|w| w.kind == ProblemKind::ZeroVariance)
            .unwrap();
        assert_eq!(zv.severity, Severity::Warning);
        assert_names(zv, &["indicator 'a1'"]);
        let nd = ds
            .warnings()
            .iter()
            .find(|w| w.kind == ProblemKind::UnitWithoutData)
            .unwrap();
        assert_names(nd, &["idata.csv", "row 4", "unit 'U3'"]);
    }

    #[test]
    fn xlsx_input() {
        use polars::prelude::{Column, DataFrame};
        let s = Scratch::new("coinr-xlsx");
        let idata = DataFrame::new(
            2,
            vec![
                Column::new("uCode".into(), ["U1", "U2"]),
                Column::new("region".into(), ["n", "s"]),
                Column::new("year".into(), [2020i64, 2020]),
                Column::new("a1".into(), [Some(1.5), None]),
                Column::new("a2".into(), [2.0, 3.0]),
                Column::new("b1".into(), [3.0, 4.0]),
                Column::new("pop".into(), [10.0, 20.0]),
            ],
        )
        .unwrap();
        crate::io::write_xlsx(&idata, s.path("idata.xlsx")).unwrap();
        let m = s.write("imeta.csv", IMETA);
        let ds = read_coinr(s.path("idata.xlsx"), &m).unwrap();
        assert_eq!(ds.units().len(), 2);
        assert_eq!(ds.years(), vec![Some(2020)]);
        let a1 = ds.framework().position("a1").unwrap();
        assert_eq!((ds.value(0, a1), ds.value(1, a1)), (Some(1.5), None));
        // a bad cell in a workbook names the spreadsheet row
        let bad = DataFrame::new(
            2,
            vec![
                Column::new("uCode".into(), ["U1", "U2"]),
                Column::new("a1".into(), ["1", "x"]),
                Column::new("a2".into(), ["1", "2"]),
                Column::new("b1".into(), ["1", "2"]),
                Column::new("pop".into(), ["1", "2"]),
            ],
        )
        .unwrap();
        crate::io::write_xlsx(&bad, s.path("bad.xlsx")).unwrap();
        let p = error_of(&problems(read_coinr(s.path("bad.xlsx"), &m)), ProblemKind::NotANumber);
        assert_names(&p, &["bad.xlsx", "row 3", "column 'a1'", "unit 'U2'"]);
    }

    #[test]
    fn read_dataset_dispatches() {
        let ds = crate::io::read_dataset(&fixtures().join("native_small"), None).unwrap();
        assert_eq!(ds.units().len(), 3);
        let dir = fixtures().join("coinr_small");
        let ds = crate::io::read_dataset(&dir.join("idata.csv"), Some(&dir.join("imeta.csv"))).unwrap();
        assert_eq!(ds.units().len(), 3);
        // the sibling meta file is found by name
        let ds = crate::io::read_dataset(&dir.join("idata.csv"), None).unwrap();
        assert_eq!(ds.obs().len(), 6);
        let p = problems(crate::io::read_dataset(&dir.join("nothing.csv"), None));
        assert_names(&error_of(&p, ProblemKind::MissingFile), &["nothing.csv"]);
    }
}
