//! govgap's native dataset folder: `framework.toml`, `units.csv`, `values.csv`, `sources.csv`
//! (`docs/FORMAT.md`).

use std::collections::HashMap;
use std::path::Path;

use super::table::{self, Table, label, number_problem, parse_bool, parse_number, parse_year, year_problem};
use super::{FrameworkParts, validate};
use crate::error::{Location, Problem, ProblemKind, Result};
use crate::model::{
    Dataset, Direction, Goalposts, Node, NodeRole, Quality, RawDataset, RawValue, Source, Unit, UnitKind,
};

/// Reads a native dataset folder and validates it.
///
/// The folder holds `framework.toml` (the hierarchy), `units.csv`, `values.csv` (long form) and
/// `sources.csv`; see `docs/FORMAT.md`. A UTF-8 BOM is tolerated in every file. A quality flag of
/// `unflagged` (written by [`super::write_native_dir`] for imported data) is accepted besides
/// `official`, `secondary` and `derived`.
///
/// # Errors
/// [`crate::Error::Invalid`] with every problem found in the four files and in their validation
/// ([`Framework::new`](crate::Framework::new), [`Dataset::new`]), each naming file, line, column and
/// code.
///
/// # Example
/// ```no_run
/// let ds = govgap::io::read_native_dir("data/heilongjiang")?;
/// println!("{} units", ds.units().len());
/// # Ok::<(), govgap::Error>(())
/// ```
pub fn read_native_dir(dir: impl AsRef<Path>) -> Result<Dataset> {
    let dir = dir.as_ref();
    let mut problems = Vec::new();
    if !dir.is_dir() {
        problems.push(Problem::error(
            ProblemKind::MissingFile,
            Location::file(label(dir)),
            "the dataset folder does not exist",
            "point to a folder with framework.toml, units.csv, values.csv and sources.csv",
        ));
        return Err(table::invalid(problems));
    }
    let fw_path = dir.join("framework.toml");
    let parts = table::read_file(&fw_path, "framework", &mut problems).and_then(|bytes| {
        let default_code = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        parse_framework(table::strip_bom(&bytes), &label(&fw_path), &default_code, &mut problems)
    });
    let units = read_table(dir, "units.csv", "units", &mut problems).map(|t| parse_units(&t, &mut problems));
    let sources = read_table(dir, "sources.csv", "sources", &mut problems).map(|t| parse_sources(&t, &mut problems));
    let values_path = label(&dir.join("values.csv"));
    let values = read_table(dir, "values.csv", "values", &mut problems).map(|t| parse_values(&t, &mut problems));
    let raw = RawDataset {
        units: units.unwrap_or_default(),
        values: values.unwrap_or_default(),
        sources: sources.unwrap_or_default(),
    };
    validate(parts, problems, |fw| {
        Dataset::new(fw, raw).map_err(|mut p| {
            // Dataset::new knows the row; name the column too.
            for q in &mut p.0 {
                if q.location.file.as_deref() == Some(values_path.as_str()) && q.location.column.is_none() {
                    q.location.column = match q.kind {
                        ProblemKind::UnknownUnit => Some("unit".into()),
                        ProblemKind::UnknownIndicator => Some("indicator".into()),
                        ProblemKind::UnknownSource => Some("source".into()),
                        ProblemKind::NonFinite | ProblemKind::DenominatorValue => Some("value".into()),
                        _ => None,
                    };
                }
            }
            p
        })
    })
}

fn read_table(dir: &Path, name: &str, what: &str, problems: &mut Vec<Problem>) -> Option<Table> {
    let path = dir.join(name);
    let bytes = table::read_file(&path, what, problems)?;
    match table::read_csv(&bytes, &label(&path), None) {
        Ok(t) => Some(t),
        Err(p) => {
            problems.extend(p);
            None
        }
    }
}

// ---------------------------------------------------------------------------------------------
// framework.toml

const TOP_KEYS: [&str; 5] = ["code", "name_en", "name_zh", "description", "node"];
const NODE_KEYS: [&str; 13] = [
    "code",
    "name_en",
    "name_zh",
    "role",
    "parent",
    "direction",
    "weight",
    "unit",
    "denominator",
    "per",
    "goalposts",
    "target",
    "description",
];

/// Parses `framework.toml` leniently: every field of every node is converted on its own, so that one
/// bad field gives one problem naming the node and the field, and the rest is still checked.
pub(crate) fn parse_framework(
    bytes: &[u8],
    file: &str,
    default_code: &str,
    problems: &mut Vec<Problem>,
) -> Option<FrameworkParts> {
    let loc = || Location::file(file);
    let Ok(text) = std::str::from_utf8(bytes) else {
        problems.push(Problem::error(
            ProblemKind::Syntax,
            loc(),
            "the file is not valid UTF-8 text",
            "save the file as UTF-8",
        ));
        return None;
    };
    if text.trim().is_empty() {
        problems.push(Problem::error(
            ProblemKind::EmptyFile,
            loc(),
            "the file is empty",
            "describe the framework: code, names, and one [[node]] table per node",
        ));
        return None;
    }
    let doc: toml::Table = match toml::from_str(text) {
        Ok(d) => d,
        Err(e) => {
            let row = e
                .span()
                .map(|s| 1 + text.get(..s.start).map_or(0, |t| t.matches('\n').count()));
            let mut l = loc();
            l.row = row;
            problems.push(Problem::error(
                ProblemKind::Syntax,
                l,
                format!("not valid TOML: {}", e.message()),
                "fix the TOML syntax at that line (quotes, brackets, '=' between key and value)",
            ));
            return None;
        }
    };
    for key in doc.keys() {
        if !TOP_KEYS.contains(&key.as_str()) {
            problems.push(Problem::error(
                ProblemKind::InvalidValue,
                loc().column(key.clone()),
                format!("unknown top-level key '{key}'"),
                format!(
                    "use only {}; put node fields inside a [[node]] table",
                    TOP_KEYS.join(", ")
                ),
            ));
        }
    }
    let top_str = |key: &str, problems: &mut Vec<Problem>| match doc.get(key) {
        None => String::new(),
        Some(toml::Value::String(s)) => s.clone(),
        Some(v) => {
            problems.push(Problem::error(
                ProblemKind::InvalidValue,
                loc().column(key),
                format!("'{key}' must be text, not {}", v.type_str()),
                format!("write {key} = \"...\""),
            ));
            String::new()
        }
    };
    let mut code = top_str("code", problems);
    if code.is_empty() {
        code = default_code.to_string();
    }
    let name_en = top_str("name_en", problems);
    let name_zh = top_str("name_zh", problems);
    let description = top_str("description", problems);
    let node_lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with("[[node]]"))
        .map(|(i, _)| i + 1)
        .collect();
    let nodes_val = match doc.get("node") {
        Some(toml::Value::Array(a)) => a.as_slice(),
        Some(v) => {
            problems.push(Problem::error(
                ProblemKind::Syntax,
                loc().column("node"),
                format!("'node' must be an array of tables ([[node]]), not {}", v.type_str()),
                "write each node as a [[node]] table",
            ));
            &[]
        }
        None => &[],
    };
    if nodes_val.is_empty() {
        problems.push(Problem::error(
            ProblemKind::EmptyFile,
            loc(),
            "the framework has no nodes",
            "add one [[node]] table per indicator, aggregate and context variable",
        ));
        return None;
    }
    let lines: Vec<&str> = text.lines().collect();
    let nodes = nodes_val
        .iter()
        .enumerate()
        .filter_map(|(i, v)| {
            let mut l = loc();
            l.row = node_lines.get(i).copied();
            // the line of each field inside this node's table, for precise messages
            let start = node_lines.get(i).copied().unwrap_or(usize::MAX);
            let end = node_lines.get(i + 1).copied().unwrap_or(lines.len() + 1);
            let field_rows: HashMap<String, usize> = (start..end.min(lines.len() + 1))
                .rev()
                .filter_map(|n| {
                    let (key, _) = lines.get(n - 1)?.split_once('=')?;
                    Some((key.trim().trim_matches('"').to_string(), n))
                })
                .collect();
            parse_node(v, i, l, &field_rows, problems)
        })
        .collect();
    Some(FrameworkParts {
        code,
        name_en,
        name_zh,
        description,
        nodes,
    })
}

fn parse_node(
    v: &toml::Value,
    i: usize,
    loc: Location,
    field_rows: &HashMap<String, usize>,
    problems: &mut Vec<Problem>,
) -> Option<(Node, Location)> {
    let Some(t) = v.as_table() else {
        problems.push(Problem::error(
            ProblemKind::Syntax,
            loc,
            format!("node {} is {}, not a table", i + 1, v.type_str()),
            "write each node as a [[node]] table",
        ));
        return None;
    };
    let code = match t.get("code") {
        Some(toml::Value::String(s)) => s.clone(),
        Some(toml::Value::Integer(n)) => n.to_string(),
        _ => {
            problems.push(Problem::error(
                ProblemKind::InvalidValue,
                loc.clone().column("code"),
                format!("node {} has no code", i + 1),
                "give the node a unique code, e.g. code = \"D1\"",
            ));
            return None;
        }
    };
    let loc = loc.indicator(&code);
    let at = |field: &str| {
        let mut l = loc.clone().column(field);
        if let Some(&row) = field_rows.get(field) {
            l.row = Some(row);
        }
        l
    };
    let mut errors = Vec::new();
    for key in t.keys() {
        if !NODE_KEYS.contains(&key.as_str()) {
            errors.push(Problem::error(
                ProblemKind::InvalidValue,
                at(key),
                format!("node '{code}' has an unknown field '{key}'"),
                format!("use only {}", NODE_KEYS.join(", ")),
            ));
        }
    }
    let text = |key: &str, errors: &mut Vec<Problem>| -> Option<String> {
        match t.get(key)? {
            toml::Value::String(s) => Some(s.clone()),
            other => {
                errors.push(Problem::error(
                    ProblemKind::InvalidValue,
                    at(key),
                    format!("'{key}' of node '{code}' must be text, not {}", other.type_str()),
                    format!("write {key} = \"...\""),
                ));
                None
            }
        }
    };
    let number = |key: &str, errors: &mut Vec<Problem>| -> Option<f64> {
        match t.get(key)? {
            toml::Value::Integer(n) => Some(*n as f64),
            toml::Value::Float(x) => Some(*x),
            other => {
                errors.push(Problem::error(
                    ProblemKind::NotANumber,
                    at(key),
                    format!(
                        "'{key}' of node '{code}' must be a number, not {} ({other})",
                        other.type_str()
                    ),
                    format!("write {key} = 1.0 (without quotes)"),
                ));
                None
            }
        }
    };
    let role = match text("role", &mut errors).as_deref().map(str::trim) {
        None | Some("indicator") => NodeRole::Indicator,
        Some("aggregate") => NodeRole::Aggregate,
        Some("context") => NodeRole::Context,
        Some(other) => {
            errors.push(Problem::error(
                ProblemKind::InvalidValue,
                at("role"),
                format!("role '{other}' of node '{code}' is not indicator, aggregate or context"),
                "write role = \"indicator\", \"aggregate\" or \"context\"",
            ));
            NodeRole::Indicator
        }
    };
    let direction = match t.get("direction") {
        None => Direction::Positive,
        Some(d) => {
            let sign = match d {
                toml::Value::Integer(n) => Some(*n as f64),
                toml::Value::Float(x) => Some(*x),
                _ => None,
            };
            if let Some(dir) = sign.and_then(Direction::from_sign) {
                dir
            } else {
                errors.push(Problem::error(
                    ProblemKind::BadDirection,
                    at("direction"),
                    format!("direction {d} of node '{code}' is not 1 or -1"),
                    "write direction = 1 if more is better, direction = -1 if less is better",
                ));
                Direction::Positive
            }
        }
    };
    let default_weight = if role == NodeRole::Context { 0.0 } else { 1.0 };
    let weight = number("weight", &mut errors).unwrap_or(default_weight);
    let goalposts = match t.get("goalposts") {
        None => None,
        Some(g) => {
            let pair = match g {
                toml::Value::Table(g) => Some((g.get("low"), g.get("high"))),
                toml::Value::Array(a) if a.len() == 2 => Some((a.first(), a.get(1))),
                _ => None,
            };
            let num = |v: Option<&toml::Value>| match v {
                Some(toml::Value::Integer(n)) => Some(*n as f64),
                Some(toml::Value::Float(x)) => Some(*x),
                _ => None,
            };
            if let Some((Some(low), Some(high))) = pair.map(|(l, h)| (num(l), num(h))) {
                Some(Goalposts { low, high })
            } else {
                errors.push(Problem::error(
                    ProblemKind::BadGoalposts,
                    at("goalposts"),
                    format!("goalposts {g} of node '{code}' are not two numbers low and high"),
                    "write goalposts = { low = 0.0, high = 100.0 }",
                ));
                None
            }
        }
    };
    let node = Node {
        name_en: text("name_en", &mut errors).unwrap_or_default(),
        name_zh: text("name_zh", &mut errors).unwrap_or_default(),
        role,
        parent: text("parent", &mut errors).filter(|p| !p.trim().is_empty()),
        direction,
        weight,
        unit: text("unit", &mut errors).unwrap_or_default(),
        denominator: text("denominator", &mut errors).filter(|d| !d.trim().is_empty()),
        per: number("per", &mut errors),
        goalposts,
        target: number("target", &mut errors),
        description: text("description", &mut errors).unwrap_or_default(),
        code,
    };
    problems.extend(errors);
    // The node is kept even with field errors, so that the hierarchy is still checked.
    Some((node, loc))
}

// ---------------------------------------------------------------------------------------------
// units.csv, sources.csv, values.csv

const UNIT_KEYS: [&str; 5] = ["code", "name_en", "name_zh", "kind", "benchmark"];

fn parse_units(t: &Table, problems: &mut Vec<Problem>) -> Vec<(Unit, Location)> {
    if !t.require(&["code"], problems) {
        return Vec::new();
    }
    let col = |name: &str| t.find(name);
    let (c_code, c_en, c_zh, c_kind, c_bench) = (
        col("code"),
        col("name_en"),
        col("name_zh"),
        col("kind"),
        col("benchmark"),
    );
    let groups: Vec<usize> = (0..t.names.len())
        .filter(|&i| !UNIT_KEYS.iter().any(|k| t.names[i].eq_ignore_ascii_case(k)))
        .collect();
    let mut out = Vec::with_capacity(t.height());
    for r in 0..t.height() {
        let code = t.cell(c_code, r).unwrap_or_default().to_string();
        let loc = Location::file(t.file.clone()).row(t.line(r));
        let kind = match t.cell(c_kind, r) {
            None => UnitKind::Other,
            Some(k) => UnitKind::parse(k).unwrap_or_else(|| {
                problems.push(Problem::error(
                    ProblemKind::InvalidValue,
                    t.at(r, c_kind.unwrap_or_default()).unit(&code),
                    format!("kind '{k}' of unit '{code}' is not known"),
                    "use prefecture, city, province, country or other",
                ));
                UnitKind::Other
            }),
        };
        let benchmark = match t.cell(c_bench, r) {
            None => false,
            Some(b) => parse_bool(b).unwrap_or_else(|| {
                problems.push(Problem::error(
                    ProblemKind::InvalidValue,
                    t.at(r, c_bench.unwrap_or_default()).unit(&code),
                    format!("benchmark '{b}' of unit '{code}' is not true or false"),
                    "write true, false, or leave the cell empty (= false)",
                ));
                false
            }),
        };
        let groups = groups
            .iter()
            .filter_map(|&g| t.cell(Some(g), r).map(|label| (t.names[g].clone(), label.to_string())))
            .collect();
        let unit = Unit {
            name_en: t.cell(c_en, r).unwrap_or_default().to_string(),
            name_zh: t.cell(c_zh, r).unwrap_or_default().to_string(),
            kind,
            benchmark,
            groups,
            code,
        };
        out.push((unit, loc));
    }
    out
}

fn parse_sources(t: &Table, problems: &mut Vec<Problem>) -> Vec<(Source, Location)> {
    if !t.require(&["id", "citation"], problems) {
        return Vec::new();
    }
    let col = |name: &str| t.find(name);
    let licence = col("licence").or_else(|| col("license"));
    let mut out = Vec::with_capacity(t.height());
    for r in 0..t.height() {
        let s = |c: Option<usize>| t.cell(c, r).unwrap_or_default().to_string();
        let id = s(col("id"));
        let year = t.cell(col("year"), r).and_then(|y| {
            let parsed = parse_year(y);
            if parsed.is_none() {
                let c = col("year").unwrap_or_default();
                problems.push(year_problem(t.at(r, c), y));
            }
            parsed
        });
        let source = Source {
            citation: s(col("citation")),
            publisher: s(col("publisher")),
            year,
            url: s(col("url")),
            repository: s(col("repository")),
            path: s(col("path")),
            commit: s(col("commit")),
            licence: s(licence),
            notes: s(col("notes")),
            id,
        };
        out.push((source, Location::file(t.file.clone()).row(t.line(r))));
    }
    out
}

/// Parses a quality flag; `unflagged` (written for imported data) is accepted too.
pub(crate) fn parse_quality(s: &str) -> Option<Quality> {
    Quality::parse(s).or_else(|| s.trim().eq_ignore_ascii_case("unflagged").then_some(Quality::Unflagged))
}

fn parse_values(t: &Table, problems: &mut Vec<Problem>) -> Vec<RawValue> {
    if !t.require(&["unit", "year", "indicator", "value", "source", "quality"], problems) {
        return Vec::new();
    }
    let col = |name: &str| t.find(name);
    let (c_unit, c_year, c_ind, c_val, c_src, c_q) = (
        col("unit"),
        col("year"),
        col("indicator"),
        col("value"),
        col("source"),
        col("quality"),
    );
    let any_year = (0..t.height()).any(|r| t.cell(c_year, r).is_some());
    let mut out = Vec::with_capacity(t.height());
    for r in 0..t.height() {
        let unit = t.cell(c_unit, r).unwrap_or_default();
        let indicator = t.cell(c_ind, r).unwrap_or_default();
        let at = |c: Option<usize>| t.at(r, c.unwrap_or_default()).unit(unit).indicator(indicator);
        let Some(cell) = t.cell(c_val, r) else {
            continue; // an empty value is a missing value
        };
        let mut ok = true;
        let year = match t.cell(c_year, r) {
            None if any_year => {
                problems.push(Problem::error(
                    ProblemKind::BadYear,
                    at(c_year),
                    "the year is empty, but other rows have years",
                    "fill in the year, or leave it empty in every row if the data has no time",
                ));
                ok = false;
                None
            }
            None => None,
            Some(y) => {
                let parsed = parse_year(y);
                if parsed.is_none() {
                    problems.push(year_problem(at(c_year), y));
                    ok = false;
                }
                parsed
            }
        };
        let value = match parse_number(cell) {
            Ok(v) => v,
            Err(e) => {
                problems.push(number_problem(e, at(c_val), cell, "the value"));
                ok = false;
                f64::NAN
            }
        };
        let q = t.cell(c_q, r).unwrap_or_default();
        let quality = parse_quality(q).unwrap_or_else(|| {
            problems.push(Problem::error(
                ProblemKind::BadQuality,
                at(c_q),
                format!("quality flag '{q}' is not official, secondary or derived"),
                "write official (the publisher's own table), secondary (a faithful third-party copy) or derived (computed by the project)",
            ));
            ok = false;
            Quality::Official
        });
        if ok {
            out.push(RawValue {
                unit: unit.to_string(),
                year,
                indicator: indicator.to_string(),
                value,
                source: t.cell(c_src, r).unwrap_or_default().to_string(),
                quality,
                origin: Location::file(t.file.clone()).row(t.line(r)),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Severity;
    use crate::io::table::testutil::{Scratch, assert_names, error_of, fixtures, problems};

    const FW: &str = include_str!("../../tests/fixtures/native_small/framework.toml");
    const UNITS: &str = include_str!("../../tests/fixtures/native_small/units.csv");
    const VALUES: &str = include_str!("../../tests/fixtures/native_small/values.csv");
    const SOURCES: &str = include_str!("../../tests/fixtures/native_small/sources.csv");

    /// Writes the fixture dataset with `edit` applied to (file name, content), skipping files for
    /// which it returns `None`.
    fn dataset(name: &str, edit: impl Fn(&str, &str) -> Option<String>) -> Scratch {
        let s = Scratch::new(name);
        for (file, content) in [
            ("framework.toml", FW),
            ("units.csv", UNITS),
            ("values.csv", VALUES),
            ("sources.csv", SOURCES),
        ] {
            if let Some(c) = edit(file, content) {
                s.write(file, &c);
            }
        }
        s
    }

    /// The fixture with one text replacement in one file.
    fn with(name: &str, file: &str, from: &str, to: &str) -> Scratch {
        dataset(name, |f, c| {
            if f == file {
                assert!(c.contains(from), "fixture {f} has no '{from}'");
                Some(c.replacen(from, to, 1))
            } else {
                Some(c.to_string())
            }
        })
    }

    fn load(s: &Scratch) -> crate::Result<Dataset> {
        read_native_dir(&s.0)
    }

    #[test]
    fn loads_the_fixture() {
        let ds = read_native_dir(fixtures().join("native_small")).unwrap();
        assert_eq!(ds.units().len(), 3);
        assert_eq!(ds.units()[0].name_zh, "甲");
        assert_eq!(ds.units()[0].group("group"), Some("g1"));
        assert!(ds.units()[2].benchmark);
        assert_eq!(ds.obs().len(), 3);
        let fw = ds.framework();
        assert_eq!(fw.code, "test");
        let x2 = fw.position("x2").unwrap();
        assert_eq!(fw.nodes()[x2].direction, Direction::Negative);
        assert_eq!(fw.nodes()[x2].goalposts, Some(Goalposts { low: 0.0, high: 10.0 }));
        assert_eq!(ds.value(1, x2), Some(2.5));
        assert_eq!(ds.column(x2).get(1).unwrap().quality, Quality::Derived);
        assert_eq!(ds.sources()[0].citation, "Test source, 2020");
        assert!(ds.warnings().is_empty(), "{:?}", ds.warnings());
    }

    #[test]
    fn missing_file() {
        let s = dataset("missing-file", |f, c| (f != "sources.csv").then(|| c.to_string()));
        let p = problems(load(&s));
        assert_names(&error_of(&p, ProblemKind::MissingFile), &["sources.csv"]);
        let p = problems(read_native_dir(s.path("no-such-folder")));
        assert_names(&error_of(&p, ProblemKind::MissingFile), &["no-such-folder"]);
    }

    #[test]
    fn missing_column() {
        let s = with(
            "missing-column",
            "values.csv",
            "source,quality,note",
            "source,note,extra",
        );
        let p = problems(load(&s));
        assert_names(
            &error_of(&p, ProblemKind::MissingColumn),
            &["values.csv", "column 'quality'"],
        );
    }

    #[test]
    fn empty_file() {
        let s = dataset("empty-file", |f, c| {
            Some(if f == "units.csv" { String::new() } else { c.to_string() })
        });
        assert_names(&error_of(&problems(load(&s)), ProblemKind::EmptyFile), &["units.csv"]);
        let s = dataset("header-only", |f, c| {
            Some(if f == "values.csv" {
                "unit,year,indicator,value,source,quality\n".into()
            } else {
                c.to_string()
            })
        });
        assert_names(&error_of(&problems(load(&s)), ProblemKind::EmptyFile), &["values.csv"]);
    }

    #[test]
    fn utf8_bom_loads() {
        let s = dataset("bom", |_, c| Some(format!("\u{feff}{c}")));
        let ds = load(&s).unwrap();
        assert_eq!(ds.units()[0].code, "A");
        assert_eq!(ds.sources()[0].id, "s1");
    }

    #[test]
    fn non_numeric_value() {
        let s = with("non-numeric", "values.csv", "A,2020,x1,10,", "A,2020,x1,ten,");
        let p = error_of(&problems(load(&s)), ProblemKind::NotANumber);
        assert_names(
            &p,
            &[
                "values.csv",
                "row 2",
                "column 'value'",
                "unit 'A'",
                "indicator 'x1'",
                "'ten'",
            ],
        );
    }

    #[test]
    fn nan_and_infinity() {
        let s = dataset("nan", |f, c| {
            Some(if f == "values.csv" {
                c.replacen("A,2020,x1,10,", "A,2020,x1,NaN,", 1)
                    .replacen("B,2020,x1,20,", "B,2020,x1,inf,", 1)
            } else {
                c.to_string()
            })
        });
        let p = problems(load(&s));
        assert_eq!(
            p.0.iter().filter(|q| q.kind == ProblemKind::NonFinite).count(),
            2,
            "{p}"
        );
        assert_names(
            &error_of(&p, ProblemKind::NonFinite),
            &["values.csv", "row 2", "column 'value'", "indicator 'x1'"],
        );
    }

    #[test]
    fn duplicate_value() {
        let s = dataset("dup-value", |f, c| {
            Some(if f == "values.csv" {
                format!("{c}A,2020,x1,11,s1,official,\n")
            } else {
                c.to_string()
            })
        });
        let p = error_of(&problems(load(&s)), ProblemKind::DuplicateValue);
        assert_names(&p, &["values.csv", "row 11", "unit 'A'", "indicator 'x1'", "row 2"]);
    }

    #[test]
    fn unknown_unit() {
        let s = with("unknown-unit", "values.csv", "C,2020,x2,", "Z,2020,x2,");
        let p = error_of(&problems(load(&s)), ProblemKind::UnknownUnit);
        assert_names(&p, &["values.csv", "row 9", "column 'unit'", "unit 'Z'"]);
    }

    #[test]
    fn unknown_indicator() {
        let s = with("unknown-ind", "values.csv", "C,2020,x2,", "C,2020,x9,");
        let p = error_of(&problems(load(&s)), ProblemKind::UnknownIndicator);
        assert_names(&p, &["values.csv", "row 9", "column 'indicator'", "indicator 'x9'"]);
    }

    #[test]
    fn value_for_an_aggregate() {
        let s = with("agg-value", "values.csv", "C,2020,x2,", "C,2020,D1,");
        let p = error_of(&problems(load(&s)), ProblemKind::UnknownIndicator);
        assert_names(&p, &["values.csv", "row 9", "indicator 'D1'", "aggregate"]);
    }

    #[test]
    fn indicator_without_parent() {
        let s = with(
            "no-parent",
            "framework.toml",
            "parent = \"D1\"\ndirection = -1",
            "direction = -1",
        );
        let p = error_of(&problems(load(&s)), ProblemKind::IndicatorWithoutParent);
        assert_names(&p, &["framework.toml", "row 27", "indicator 'x2'"]);
    }

    #[test]
    fn unknown_parent() {
        let s = with(
            "unknown-parent",
            "framework.toml",
            "parent = \"D1\"\ndirection = -1",
            "parent = \"D9\"\ndirection = -1",
        );
        let p = error_of(&problems(load(&s)), ProblemKind::UnknownParent);
        assert_names(&p, &["framework.toml", "row 27", "indicator 'x2'", "'D9'"]);
    }

    #[test]
    fn cycle() {
        let extra = "\n[[node]]\ncode = \"D2\"\nrole = \"aggregate\"\nparent = \"D3\"\n\n[[node]]\ncode = \"D3\"\nrole = \"aggregate\"\nparent = \"D2\"\n\n[[node]]\ncode = \"x3\"\nparent = \"D2\"\n";
        let s = dataset("cycle", |f, c| {
            Some(if f == "framework.toml" {
                format!("{c}{extra}")
            } else {
                c.to_string()
            })
        });
        let p = error_of(&problems(load(&s)), ProblemKind::Cycle);
        assert_names(&p, &["framework.toml", "row", "indicator 'D"]);
    }

    #[test]
    fn aggregate_without_children() {
        let extra = "\n[[node]]\ncode = \"D2\"\nrole = \"aggregate\"\nparent = \"INDEX\"\n";
        let s = dataset("empty-agg", |f, c| {
            Some(if f == "framework.toml" {
                format!("{c}{extra}")
            } else {
                c.to_string()
            })
        });
        let p = error_of(&problems(load(&s)), ProblemKind::EmptyAggregate);
        assert_names(&p, &["framework.toml", "row 40", "indicator 'D2'"]);
    }

    #[test]
    fn negative_and_all_zero_weights() {
        let s = with("neg-weight", "framework.toml", "weight = 2.0", "weight = -2.0");
        let p = error_of(&problems(load(&s)), ProblemKind::BadWeight);
        assert_names(&p, &["framework.toml", "row 27", "indicator 'x2'", "-2"]);
        let s = dataset("zero-weights", |f, c| {
            Some(if f == "framework.toml" {
                c.replacen("weight = 2.0", "weight = 0", 1)
                    .replacen("weight = 1.0\nunit", "weight = 0\nunit", 1)
            } else {
                c.to_string()
            })
        });
        let p = error_of(&problems(load(&s)), ProblemKind::BadWeight);
        assert_names(&p, &["framework.toml", "row 12", "indicator 'D1'", "weight 0"]);
    }

    #[test]
    fn direction_not_plus_minus_one() {
        let s = with("direction", "framework.toml", "direction = 1", "direction = 2");
        let p = error_of(&problems(load(&s)), ProblemKind::BadDirection);
        assert_names(
            &p,
            &["framework.toml", "row 21", "column 'direction'", "indicator 'x1'", "2"],
        );
    }

    #[test]
    fn goalposts_low_not_below_high() {
        let s = with(
            "goalposts",
            "framework.toml",
            "low = 0.0, high = 10.0",
            "low = 10.0, high = 10.0",
        );
        let p = error_of(&problems(load(&s)), ProblemKind::BadGoalposts);
        assert_names(&p, &["framework.toml", "row 27", "indicator 'x2'"]);
        let s = with(
            "goalposts-shape",
            "framework.toml",
            "low = 0.0, high = 10.0",
            "low = 0.0",
        );
        let p = error_of(&problems(load(&s)), ProblemKind::BadGoalposts);
        assert_names(
            &p,
            &["framework.toml", "row 32", "column 'goalposts'", "indicator 'x2'"],
        );
    }

    #[test]
    fn denominator_that_is_not_an_indicator() {
        let s = with(
            "bad-den",
            "framework.toml",
            "denominator = \"pop\"",
            "denominator = \"D1\"",
        );
        let p = error_of(&problems(load(&s)), ProblemKind::BadDenominator);
        assert_names(&p, &["framework.toml", "row 18", "indicator 'x1'", "'D1'"]);
    }

    #[test]
    fn zero_or_missing_denominator_value() {
        let s = with("zero-den", "values.csv", "A,2020,pop,1000,", "A,2020,pop,0,");
        let p = error_of(&problems(load(&s)), ProblemKind::DenominatorValue);
        assert_names(&p, &["values.csv", "row 2", "unit 'A'", "indicator 'x1'", "zero"]);
        let s = with("missing-den", "values.csv", "B,2020,pop,2000,s1,official,\n", "");
        let p = error_of(&problems(load(&s)), ProblemKind::DenominatorValue);
        assert_names(&p, &["values.csv", "row 5", "unit 'B'", "indicator 'x1'", "missing"]);
    }

    #[test]
    fn unknown_source() {
        let s = with("unknown-source", "values.csv", "C,2020,x2,3.5,s1", "C,2020,x2,3.5,s9");
        let p = error_of(&problems(load(&s)), ProblemKind::UnknownSource);
        assert_names(&p, &["values.csv", "row 9", "column 'source'", "'s9'"]);
    }

    #[test]
    fn invalid_quality_flag() {
        let s = with(
            "quality",
            "values.csv",
            "B,2020,x1,20,s1,secondary",
            "B,2020,x1,20,s1,guessed",
        );
        let p = error_of(&problems(load(&s)), ProblemKind::BadQuality);
        assert_names(
            &p,
            &[
                "values.csv",
                "row 5",
                "column 'quality'",
                "unit 'B'",
                "indicator 'x1'",
                "'guessed'",
            ],
        );
    }

    #[test]
    fn duplicate_unit_code() {
        let s = dataset("dup-unit", |f, c| {
            Some(if f == "units.csv" {
                format!("{c}A,Again,,prefecture,,\n")
            } else {
                c.to_string()
            })
        });
        let p = error_of(&problems(load(&s)), ProblemKind::DuplicateUnit);
        assert_names(&p, &["units.csv", "row 5", "unit 'A'", "row 2"]);
    }

    #[test]
    fn year_not_an_integer() {
        let s = with("year", "values.csv", "C,2020,x1,", "C,2020.5,x1,");
        let p = error_of(&problems(load(&s)), ProblemKind::BadYear);
        assert_names(
            &p,
            &[
                "values.csv",
                "row 8",
                "column 'year'",
                "unit 'C'",
                "indicator 'x1'",
                "'2020.5'",
            ],
        );
    }

    #[test]
    fn zero_variance_is_a_warning() {
        let s = dataset("zero-var", |f, c| {
            Some(if f == "values.csv" {
                c.replace(",x2,1.5,", ",x2,2,")
                    .replace(",x2,2.5,", ",x2,2,")
                    .replace(",x2,3.5,", ",x2,2,")
            } else {
                c.to_string()
            })
        });
        let ds = load(&s).unwrap();
        let w = ds
            .warnings()
            .iter()
            .find(|w| w.kind == ProblemKind::ZeroVariance)
            .unwrap();
        assert_eq!(w.severity, Severity::Warning);
        assert_names(w, &["indicator 'x2'", "2020"]);
    }

    #[test]
    fn unit_without_data_is_a_warning() {
        let s = dataset("no-data", |f, c| {
            Some(if f == "units.csv" {
                format!("{c}D,Delta,,city,,\n")
            } else {
                c.to_string()
            })
        });
        let ds = load(&s).unwrap();
        let w = ds
            .warnings()
            .iter()
            .find(|w| w.kind == ProblemKind::UnitWithoutData)
            .unwrap();
        assert_eq!(w.severity, Severity::Warning);
        assert_names(w, &["units.csv", "row 5", "unit 'D'"]);
    }

    #[test]
    fn every_problem_at_once() {
        // A framework error (so the framework cannot be built) plus errors in units and values.
        let s = dataset("all-at-once", |f, c| {
            Some(match f {
                "framework.toml" => c.replacen("direction = 1", "direction = 2", 1).replacen(
                    "parent = \"D1\"\ndirection = -1",
                    "direction = -1",
                    1,
                ),
                "values.csv" => c
                    .replacen("A,2020,x1,10,", "A,2020,x1,ten,", 1)
                    .replacen("C,2020,x2,", "Z,2020,x2,", 1)
                    .replacen("C,2020,x1,30,s1", "C,2020,x1,30,s9", 1),
                "units.csv" => c.replacen("city", "village", 1),
                _ => c.to_string(),
            })
        });
        let p = problems(load(&s));
        for kind in [
            ProblemKind::BadDirection,
            ProblemKind::IndicatorWithoutParent,
            ProblemKind::NotANumber,
            ProblemKind::UnknownUnit,
            ProblemKind::UnknownSource,
            ProblemKind::InvalidValue,
        ] {
            error_of(&p, kind);
        }
    }

    #[test]
    fn toml_syntax_error_names_the_line() {
        let s = with("toml-syntax", "framework.toml", "weight = 2.0", "weight = = 2.0");
        let p = error_of(&problems(load(&s)), ProblemKind::Syntax);
        assert_names(&p, &["framework.toml", "row 31"]);
    }

    #[test]
    fn unknown_node_field() {
        let s = with("unknown-field", "framework.toml", "weight = 2.0", "wieght = 2.0");
        let p = error_of(&problems(load(&s)), ProblemKind::InvalidValue);
        assert_names(&p, &["framework.toml", "row 31", "column 'wieght'", "indicator 'x2'"]);
    }
}
