//! Validation of wide tables: one row per unit (and year), one column per measured node — the layout
//! of `COINr`'s `iData` and of the benchmark tables. Equivalent to [`Dataset::new`] on the same values in
//! long form, but without a `String` per cell, so that a table of millions of cells validates in
//! milliseconds.

use std::collections::{BTreeSet, HashMap};

use rayon::prelude::*;

use super::{Column, Dataset, Obs};
use crate::error::{Location, Problem, ProblemKind, Problems, Severity};
use crate::model::{Framework, NodeRole, Quality, Scores, Source, Unit};

/// A wide table as read from a file, before validation: what [`Dataset::from_wide`] takes.
///
/// Every value of the table has the same source and quality flag (formats in this layout carry none
/// per cell).
#[derive(Debug, Clone, Default)]
pub struct RawWide {
    /// The file the table was read from, for messages.
    pub file: String,
    /// Units with the place each was first read; rows point into this list.
    pub units: Vec<(Unit, Location)>,
    /// Sources with the place each was read from.
    pub sources: Vec<(Source, Location)>,
    /// Per row: position of the row's unit in `units`.
    pub row_unit: Vec<usize>,
    /// Per row: the year, or `None` for data without time.
    pub row_year: Vec<Option<i32>>,
    /// Per row: the 1-based line number it was read from (header = line 1).
    pub row_line: Vec<usize>,
    /// Columns: node code and one value per row, as dense columns (NaN marks a missing cell, so a
    /// reader reports a NaN in its file itself; an infinity is reported by validation).
    pub columns: Vec<(String, Scores)>,
    /// Source id of every value.
    pub source: String,
    /// Quality flag of every value.
    pub quality: Quality,
    /// Warnings the reader found, kept with the dataset's own.
    pub warnings: Vec<Problem>,
}

impl Dataset {
    /// Validates a wide table against a framework, with the same rules as [`Dataset::new`]: unique
    /// unit codes, known indicators (never aggregates), finite values, one row per unit and year, a
    /// known source, present and non-zero denominators; warnings for zero variance and units
    /// without data.
    ///
    /// # Errors
    /// All problems at once, warnings included, if any of them is an error.
    pub fn from_wide(framework: Framework, mut raw: RawWide) -> Result<Self, Problems> {
        let mut problems = raw.warnings.clone();
        let file_loc = || Location::file(raw.file.clone());
        let n_rows = raw.row_unit.len();
        if raw.row_year.len() != n_rows || raw.row_line.len() != n_rows {
            problems.push(Problem::error(
                ProblemKind::InvalidValue,
                file_loc(),
                "the row lists of the table have different lengths",
                "report this as a bug in the reader",
            ));
            return Err(Problems(problems));
        }
        // units: sort by code, drop empty and duplicate codes
        let mut order: Vec<usize> = Vec::with_capacity(raw.units.len());
        let mut seen: HashMap<&str, &Location> = HashMap::new();
        for (i, (u, loc)) in raw.units.iter().enumerate() {
            if u.code.trim().is_empty() {
                problems.push(Problem::error(
                    ProblemKind::InvalidValue,
                    loc.clone(),
                    "a unit has an empty code",
                    "give every unit a unique code",
                ));
            } else if let Some(first) = seen.insert(u.code.as_str(), loc) {
                problems.push(Problem::error(
                    ProblemKind::DuplicateUnit,
                    loc.clone().unit(&u.code),
                    format!("unit code '{}' appears twice (first at {first})", u.code),
                    "keep one row per unit code",
                ));
            } else {
                order.push(i);
            }
        }
        order.sort_by(|&a, &b| raw.units[a].0.code.cmp(&raw.units[b].0.code));
        let mut new_pos = vec![usize::MAX; raw.units.len()];
        for (p, &i) in order.iter().enumerate() {
            new_pos[i] = p;
        }
        // sources
        let mut sources: Vec<&(Source, Location)> = Vec::new();
        let mut seen_src = BTreeSet::new();
        for s in &raw.sources {
            if seen_src.insert(s.0.id.as_str()) {
                sources.push(s);
            } else {
                problems.push(Problem::error(
                    ProblemKind::InvalidValue,
                    s.1.clone(),
                    format!("source id '{}' appears twice", s.0.id),
                    "keep one row per source id",
                ));
            }
        }
        sources.sort_by(|a, b| a.0.id.cmp(&b.0.id));
        let source = sources.iter().position(|s| s.0.id == raw.source);
        if source.is_none() {
            problems.push(Problem::error(
                ProblemKind::UnknownSource,
                file_loc(),
                format!("source id '{}' of the table is not among the sources", raw.source),
                "add the citation to the sources or correct the id",
            ));
        }
        // columns
        let mut col_of_node: HashMap<usize, usize> = HashMap::new();
        for (c, (code, values)) in raw.columns.iter().enumerate() {
            let loc = file_loc().column(code).indicator(code);
            if values.len() != n_rows {
                problems.push(Problem::error(
                    ProblemKind::InvalidValue,
                    loc,
                    format!("column '{code}' has {} values for {n_rows} rows", values.len()),
                    "report this as a bug in the reader",
                ));
                continue;
            }
            let Some(k) = framework.position(code) else {
                problems.push(Problem::error(
                    ProblemKind::UnknownIndicator,
                    loc,
                    format!("indicator '{code}' is not in the framework"),
                    "add it to the framework or correct the code",
                ));
                continue;
            };
            if framework.nodes()[k].role == NodeRole::Aggregate {
                problems.push(Problem::error(
                    ProblemKind::UnknownIndicator,
                    loc,
                    format!("'{code}' is an aggregate; aggregates are computed, not read"),
                    "remove the column, or give the measured value its own indicator code",
                ));
                continue;
            }
            if col_of_node.insert(k, c).is_some() {
                problems.push(Problem::error(
                    ProblemKind::DuplicateValue,
                    loc,
                    format!("column '{code}' appears twice"),
                    "keep one column per indicator",
                ));
            }
        }
        let mut measured: Vec<(usize, usize)> = col_of_node.iter().map(|(&k, &c)| (k, c)).collect();
        measured.sort_unstable();
        let cell_loc = |r: usize, code: &str| {
            let mut loc = file_loc().row(raw.row_line[r]).column(code).indicator(code);
            if let Some((u, _)) = raw.units.get(raw.row_unit[r]) {
                loc = loc.unit(&u.code);
            }
            loc
        };
        // rows: non-finite cells, at least one value, known unit, one row per unit and year
        // non-finite cells: a parallel scan per column, located one by one only where there are some
        let non_finite: Vec<bool> = measured
            .par_iter()
            .map(|&(_, c)| any_infinite(raw.columns[c].1.raw()))
            .collect();
        for (&(_, c), _) in measured.iter().zip(&non_finite).filter(|&(_, &bad)| bad) {
            let (code, values) = &raw.columns[c];
            for (r, x) in values.iter().enumerate() {
                if let Some(x) = x.filter(|x| !x.is_finite()) {
                    problems.push(Problem::error(
                        ProblemKind::NonFinite,
                        cell_loc(r, code),
                        format!("value {x} is not a finite number"),
                        "leave the cell empty (missing) or enter a real number",
                    ));
                }
            }
        }
        // a row counts if any of its cells holds a finite value (usually the first column already)
        let has_value: Vec<bool> = (0..n_rows)
            .into_par_iter()
            .with_min_len(4096)
            .map(|r| {
                measured
                    .iter()
                    .any(|&(_, c)| raw.columns[c].1.get(r).is_some_and(f64::is_finite))
            })
            .collect();
        let mut keep: Vec<(usize, Option<i32>, usize)> = Vec::with_capacity(n_rows);
        for (r, &has) in has_value.iter().enumerate() {
            let Some(&u) = new_pos.get(raw.row_unit[r]) else {
                problems.push(Problem::error(
                    ProblemKind::UnknownUnit,
                    file_loc().row(raw.row_line[r]),
                    "the row names no known unit",
                    "report this as a bug in the reader",
                ));
                continue;
            };
            if u == usize::MAX {
                continue; // its unit was rejected above
            }
            if has {
                keep.push((u, raw.row_year[r], r));
            }
        }
        keep.sort_by_key(|&(u, y, r)| (u, y, r));
        let mut obs_rows: Vec<(Obs, usize)> = Vec::with_capacity(keep.len());
        for (i, &(u, y, r)) in keep.iter().enumerate() {
            if i > 0 && keep[i - 1].0 == u && keep[i - 1].1 == y {
                let first = keep[i - 1].2;
                let code = &raw.units[order[u]].0.code;
                let loc = file_loc().row(raw.row_line[r]).unit(code);
                let (kind, when) = match y {
                    Some(y) => (ProblemKind::DuplicateValue, format!(" for {y}")),
                    None => (ProblemKind::DuplicateUnit, String::new()),
                };
                problems.push(Problem::error(
                    kind,
                    loc,
                    format!(
                        "unit '{code}' has a second row{when} (first at row {})",
                        raw.row_line[first]
                    ),
                    "keep one row per unit and year",
                ));
                continue;
            }
            obs_rows.push((Obs { unit: u, year: y }, r));
        }
        if problems.iter().any(|p| p.severity == Severity::Error) {
            return Err(Problems(problems));
        }
        let source = source.unwrap_or(0) as u32;
        let obs: Vec<Obs> = obs_rows.iter().map(|&(o, _)| o).collect();
        let n_nodes = framework.nodes().len();
        // Each column into observation order, in parallel. Rows that are already in that order (as
        // the readers deliver them) are taken over as they are, without a copy.
        let quality = raw.quality;
        let in_order = obs_rows.len() == n_rows && obs_rows.iter().enumerate().all(|(i, &(_, r))| i == r);
        let mut built: Vec<(usize, Scores)> = if in_order {
            let mut taken: Vec<Scores> = raw.columns.iter_mut().map(|(_, v)| std::mem::take(v)).collect();
            measured
                .iter()
                .map(|&(k, c)| (k, std::mem::take(&mut taken[c])))
                .collect()
        } else {
            measured
                .par_iter()
                .map(|&(k, c)| {
                    let values = &raw.columns[c].1;
                    (k, obs_rows.iter().map(|&(_, r)| values.get(r)).collect())
                })
                .collect()
        };
        let mut columns: Vec<Scores> = vec![Scores::default(); n_nodes];
        for (k, col) in built.drain(..) {
            columns[k] = col;
        }
        for (k, col) in columns.iter_mut().enumerate() {
            if framework.nodes()[k].role != NodeRole::Aggregate && col.is_empty() {
                *col = Scores::missing(obs.len());
            }
        }
        // denominators
        for k in framework.measured() {
            let node = &framework.nodes()[k];
            let Some(d) = node.denominator.as_deref().and_then(|d| framework.position(d)) else {
                continue;
            };
            for (r, &(_, orig)) in obs_rows.iter().enumerate() {
                if columns[k].get(r).is_some() {
                    let den = columns[d].get(r);
                    if den.is_none_or(|x| x == 0.0) {
                        problems.push(Problem::error(
                            ProblemKind::DenominatorValue,
                            cell_loc(orig, &node.code),
                            format!(
                                "denominator '{}' is {} for this value, so '{}' cannot be denominated",
                                framework.nodes()[d].code,
                                if den.is_none() { "missing" } else { "zero" },
                                node.code
                            ),
                            format!(
                                "supply a non-zero '{}' for the same unit and year",
                                framework.nodes()[d].code
                            ),
                        ));
                    }
                }
            }
        }
        // warnings: zero variance per indicator and year; unit without data
        let years = super::distinct_years(&obs);
        let year_idx: Vec<usize> = obs.iter().map(|o| years.binary_search(&o.year).unwrap_or(0)).collect();
        let indicators: Vec<usize> = framework.indicators().collect();
        let per_indicator: Vec<Vec<Problem>> = indicators
            .par_iter()
            .map(|&k| {
            let mut found = Vec::new();
            // per year: (count, first value, all equal so far)
            let mut acc: Vec<(usize, f64, bool)> = vec![(0, 0.0, true); years.len()];
            // the scan stops once every year has shown two different values (usually within the
            // first few rows); the counts are only needed for a year that has not
            let mut undecided = years.len();
            #[allow(clippy::float_cmp)] // zero variance means exactly equal values, as in Dataset::new
            for (cell, &y) in columns[k].iter().zip(&year_idx) {
                if let Some(value) = cell {
                    let a = &mut acc[y];
                    if a.0 == 0 {
                        a.1 = value;
                    } else if a.2 && value != a.1 {
                        a.2 = false;
                        undecided -= 1;
                        if undecided == 0 {
                            break;
                        }
                    }
                    a.0 += 1;
                }
            }
            for (y, &(count, first, equal)) in years.iter().zip(&acc) {
                if count >= 2 && equal {
                    found.push(Problem::warning(
                        ProblemKind::ZeroVariance,
                        Location::default().indicator(&framework.nodes()[k].code),
                        format!(
                            "all {count} values{} are equal ({first}): the indicator cannot tell units apart; min-max and z-score leave it missing, so it drops out of aggregation",
                            y.map_or_else(String::new, |y| format!(" in {y}")),
                        ),
                        "check the data, or use goalpost normalisation, or remove the indicator",
                    ));
                }
            }
            found
            })
            .collect();
        problems.extend(per_indicator.into_iter().flatten());
        let mut with_data = vec![false; order.len()];
        for o in &obs {
            with_data[o.unit] = true;
        }
        for (p, &i) in order.iter().enumerate() {
            if !with_data[p] {
                let (u, loc) = &raw.units[i];
                problems.push(Problem::warning(
                    ProblemKind::UnitWithoutData,
                    loc.clone().unit(&u.code),
                    format!("unit '{}' has no values at all; it will get no score", u.code),
                    "add its values, or remove it from the table",
                ));
            }
        }
        if problems.iter().any(|p| p.severity == Severity::Error) {
            return Err(Problems(problems));
        }
        let mut units_in = raw.units;
        let units = order.iter().map(|&i| std::mem::take(&mut units_in[i].0)).collect();
        Ok(Self {
            framework,
            units,
            sources: sources.into_iter().map(|s| s.0.clone()).collect(),
            obs,
            columns: columns
                .into_iter()
                .map(|values| Column::uniform(values, source, quality))
                .collect(),
            warnings: problems,
        })
    }
}

/// Whether any of `values` is infinite: branch-free over eight lanes, so that the scan runs in
/// vector lanes (a short-circuiting `any` tests and branches on every value).
fn any_infinite(values: &[f64]) -> bool {
    let mut lanes = [false; 8];
    let mut chunks = values.chunks_exact(8);
    for chunk in &mut chunks {
        for (lane, x) in lanes.iter_mut().zip(chunk) {
            *lane |= x.is_infinite();
        }
    }
    lanes.iter().any(|&l| l) || chunks.remainder().iter().any(|x| x.is_infinite())
}

#[cfg(test)]
mod tests {
    use super::any_infinite;

    #[test]
    fn any_infinite_finds_one_in_every_lane_and_in_the_remainder() {
        assert!(!any_infinite(&[]));
        for len in [1, 7, 8, 9, 16, 19] {
            let clean: Vec<f64> = (0..len)
                .map(|i| f64::from(u8::try_from(i).unwrap_or(0)) - 3.5)
                .collect();
            assert!(!any_infinite(&clean), "{len}");
            let mut with_nan = clean.clone();
            with_nan[len / 2] = f64::NAN; // missing, not infinite
            assert!(!any_infinite(&with_nan), "{len}");
            for at in 0..len {
                for inf in [f64::INFINITY, f64::NEG_INFINITY] {
                    let mut v = clean.clone();
                    v[at] = inf;
                    assert!(any_infinite(&v), "{len} {at}");
                }
            }
        }
    }
}
