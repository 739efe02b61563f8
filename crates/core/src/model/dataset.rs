use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::{Framework, NodeRole, Quality, Scores, Source, Unit};
use crate::error::{Location, Problem, ProblemKind, Problems, Severity};

mod wide;
pub use wide::RawWide;

/// One value as read from a file, before validation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RawValue {
    /// Unit code.
    pub unit: String,
    /// Year, if the data has time.
    pub year: Option<i32>,
    /// Indicator (or context variable) code.
    pub indicator: String,
    /// The value (finite; readers report NaN and infinities themselves).
    pub value: f64,
    /// Source id, resolved against the sources table.
    pub source: String,
    /// Quality flag.
    pub quality: Quality,
    /// Where the value was read (file and row), for error messages.
    pub origin: Location,
}

/// One observation row: a unit in a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Obs {
    /// Position of the unit in [`Dataset::units`].
    pub unit: usize,
    /// Year, or `None` for data without time.
    pub year: Option<i32>,
}

/// A validated value with its provenance.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    /// The value, always finite.
    pub value: f64,
    /// Position of its source in [`Dataset::sources`].
    pub source: u32,
    /// Quality flag.
    pub quality: Quality,
}

/// The cells of one measured node, one per observation row. Values and provenance are stored apart:
/// the values are one shared column that the results of a run hold without copying it (when no
/// step before normalisation changes them), and a table imported in one piece (a COINr `iData`)
/// stores its single source and quality flag once instead of per cell.
#[derive(Debug, Clone, Default)]
pub struct Column {
    values: Arc<Scores>,
    provenance: Provenance,
}

/// Where the values of a [`Column`] came from.
#[derive(Debug, Clone)]
enum Provenance {
    /// Every value from one source, with one flag.
    Uniform { source: u32, quality: Quality },
    /// Per row (meaningful where a value is present).
    PerCell(Vec<(u32, Quality)>),
}

impl Default for Provenance {
    fn default() -> Self {
        Self::Uniform {
            source: 0,
            quality: Quality::Unflagged,
        }
    }
}

impl Column {
    /// Values that all come from one source with one quality flag.
    pub(crate) fn uniform(values: Scores, source: u32, quality: Quality) -> Self {
        Self {
            values: Arc::new(values),
            provenance: Provenance::Uniform { source, quality },
        }
    }
    /// Cells with their own provenance each (stored once if they all share it).
    pub(crate) fn from_cells(cells: &[Option<Cell>]) -> Self {
        let mut present = cells.iter().flatten();
        let first = present.next().map(|c| (c.source, c.quality));
        let same = present.all(|c| Some((c.source, c.quality)) == first);
        let values = cells.iter().map(|c| c.map(|c| c.value)).collect::<Scores>();
        let provenance = match first {
            Some((source, quality)) if same => Provenance::Uniform { source, quality },
            None => Provenance::default(),
            Some(_) => Provenance::PerCell(
                cells
                    .iter()
                    .map(|c| c.map_or((0, Quality::Unflagged), |c| (c.source, c.quality)))
                    .collect(),
            ),
        };
        Self {
            values: Arc::new(values),
            provenance,
        }
    }
    /// The same column restricted to the given rows.
    pub(crate) fn select(&self, rows: &[usize]) -> Self {
        Self {
            values: Arc::new(rows.iter().map(|&r| self.value(r)).collect()),
            provenance: match &self.provenance {
                Provenance::Uniform { .. } => self.provenance.clone(),
                Provenance::PerCell(p) => Provenance::PerCell(
                    rows.iter()
                        .map(|&r| p.get(r).copied().unwrap_or((0, Quality::Unflagged)))
                        .collect(),
                ),
            },
        }
    }
    /// Number of rows (0 for an aggregate).
    #[must_use]
    pub fn len(&self) -> usize {
        self.values.len()
    }
    /// Whether the column has no rows (an aggregate's).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }
    /// The cell of row `r`, if it holds a value.
    #[must_use]
    pub fn get(&self, r: usize) -> Option<Cell> {
        let value = self.values.get(r)?;
        let (source, quality) = match &self.provenance {
            Provenance::Uniform { source, quality } => (*source, *quality),
            Provenance::PerCell(p) => p.get(r).copied().unwrap_or((0, Quality::Unflagged)),
        };
        Some(Cell { value, source, quality })
    }
    /// The value of row `r`, if present.
    #[must_use]
    pub fn value(&self, r: usize) -> Option<f64> {
        self.values.get(r)
    }
    /// The values, one per row, as a dense column (8 bytes a cell).
    #[must_use]
    pub fn values(&self) -> &Scores {
        &self.values
    }
    /// The values as a shared column (cloning the `Arc` shares them without a copy).
    #[must_use]
    pub fn shared_values(&self) -> &Arc<Scores> {
        &self.values
    }
    /// The cells, one per row.
    pub fn iter(&self) -> impl Iterator<Item = Option<Cell>> + '_ {
        (0..self.len()).map(|r| self.get(r))
    }
}

impl PartialEq for Column {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

/// Everything read from files, not yet validated: what [`Dataset::new`] takes.
#[derive(Debug, Clone, Default)]
pub struct RawDataset {
    /// Units with the place each was read from.
    pub units: Vec<(Unit, Location)>,
    /// Values in long form.
    pub values: Vec<RawValue>,
    /// Sources with the place each was read from.
    pub sources: Vec<(Source, Location)>,
}

/// A validated dataset: framework, units, sources, and a dense table of cells
/// (observation rows × measured nodes).
///
/// Invariants: unit codes and source ids are unique; units are sorted by code, sources by id;
/// observation rows are sorted by (unit code, year); every cell's value is finite and its source
/// exists; no (unit, year, indicator) appears twice; denominators are present and non-zero wherever
/// their numerator is present.
#[derive(Debug, Clone)]
pub struct Dataset {
    framework: Framework,
    units: Vec<Unit>,
    sources: Vec<Source>,
    obs: Vec<Obs>,
    /// Column per framework node position (aggregates have empty columns).
    columns: Vec<Column>,
    warnings: Vec<Problem>,
}

impl Dataset {
    /// Validates raw tables against a framework.
    ///
    /// # Errors
    /// All problems at once, warnings included, if any of them is an error.
    pub fn new(framework: Framework, raw: RawDataset) -> Result<Self, Problems> {
        let mut problems = Vec::new();
        // units
        let mut units: Vec<(Unit, Location)> = Vec::with_capacity(raw.units.len());
        let mut seen = HashMap::new();
        for (u, loc) in raw.units {
            if u.code.trim().is_empty() {
                problems.push(Problem::error(
                    ProblemKind::InvalidValue,
                    loc,
                    "a unit has an empty code",
                    "give every unit a unique code",
                ));
                continue;
            }
            if let Some(first) = seen.insert(u.code.clone(), loc.clone()) {
                problems.push(Problem::error(
                    ProblemKind::DuplicateUnit,
                    loc.unit(&u.code),
                    format!("unit code '{}' appears twice (first at {first})", u.code),
                    "keep one row per unit code",
                ));
                continue;
            }
            units.push((u, loc));
        }
        units.sort_by(|a, b| a.0.code.cmp(&b.0.code));
        let unit_pos: HashMap<&str, usize> = units
            .iter()
            .enumerate()
            .map(|(i, (u, _))| (u.code.as_str(), i))
            .collect();
        // sources
        let mut sources: Vec<(Source, Location)> = Vec::new();
        let mut seen_src = BTreeSet::new();
        for (s, loc) in raw.sources {
            if !seen_src.insert(s.id.clone()) {
                problems.push(Problem::error(
                    ProblemKind::InvalidValue,
                    loc,
                    format!("source id '{}' appears twice", s.id),
                    "keep one row per source id",
                ));
                continue;
            }
            sources.push((s, loc));
        }
        sources.sort_by(|a, b| a.0.id.cmp(&b.0.id));
        let src_pos: HashMap<&str, u32> = sources
            .iter()
            .enumerate()
            .map(|(i, (s, _))| (s.id.as_str(), i as u32))
            .collect();
        // values: long rows first, then wide tables
        let mut entries: Vec<(usize, Option<i32>, usize, Cell)> = Vec::with_capacity(raw.values.len());
        let mut long_origin: Vec<Location> = Vec::with_capacity(raw.values.len());
        let mut seen_val: HashMap<(usize, Option<i32>, usize), usize> = HashMap::with_capacity(raw.values.len());
        for v in raw.values {
            let loc = v.origin.clone().unit(&v.unit).indicator(&v.indicator);
            let Some(&u) = unit_pos.get(v.unit.as_str()) else {
                problems.push(Problem::error(
                    ProblemKind::UnknownUnit,
                    loc,
                    format!("unit '{}' is not in the units table", v.unit),
                    "add the unit to units.csv or correct the code",
                ));
                continue;
            };
            let Some(k) = measured_position(&framework, &v.indicator, &loc, &mut problems) else {
                continue;
            };
            if !v.value.is_finite() {
                problems.push(Problem::error(
                    ProblemKind::NonFinite,
                    loc,
                    format!("value {} is not a finite number", v.value),
                    "leave the cell empty (missing) or enter a real number",
                ));
                continue;
            }
            let Some(&s) = src_pos.get(v.source.as_str()) else {
                problems.push(Problem::error(
                    ProblemKind::UnknownSource,
                    loc,
                    format!("source id '{}' is not in sources.csv", v.source),
                    "add the citation to sources.csv or correct the id",
                ));
                continue;
            };
            if let Some(&first) = seen_val.get(&(u, v.year, k)) {
                problems.push(Problem::error(
                    ProblemKind::DuplicateValue,
                    loc,
                    format!(
                        "a second value for ({}, {}, {}) (first at {})",
                        v.unit,
                        v.year.map_or_else(|| "no year".to_string(), |y| y.to_string()),
                        v.indicator,
                        long_origin[first]
                    ),
                    "keep one value per unit, year and indicator",
                ));
                continue;
            }
            seen_val.insert((u, v.year, k), entries.len());
            entries.push((
                u,
                v.year,
                k,
                Cell {
                    value: v.value,
                    source: s,
                    quality: v.quality,
                },
            ));
            long_origin.push(loc);
        }
        let keys: BTreeSet<(usize, Option<i32>)> = entries.iter().map(|e| (e.0, e.1)).collect();
        let obs: Vec<Obs> = keys.iter().map(|&(unit, year)| Obs { unit, year }).collect();
        let row_of: HashMap<(usize, Option<i32>), usize> = keys.iter().enumerate().map(|(r, &key)| (key, r)).collect();
        let n_nodes = framework.nodes().len();
        let mut columns: Vec<Vec<Option<Cell>>> = (0..n_nodes)
            .map(|k| {
                if framework.nodes()[k].role == NodeRole::Aggregate {
                    Vec::new()
                } else {
                    vec![None; obs.len()]
                }
            })
            .collect();
        let mut long_at: HashMap<(usize, usize), usize> = HashMap::new();
        for (e, &(u, y, k, c)) in entries.iter().enumerate() {
            let r = row_of[&(u, y)];
            columns[k][r] = Some(c);
            if framework.nodes()[k].denominator.is_some() {
                long_at.insert((r, k), e);
            }
        }
        // denominators
        for k in framework.measured() {
            let node = &framework.nodes()[k];
            let Some(d) = node.denominator.as_deref().and_then(|d| framework.position(d)) else {
                continue;
            };
            for r in 0..obs.len() {
                if columns[k][r].is_some() {
                    let den = columns[d][r].map(|c| c.value);
                    if den.is_none_or(|x| x == 0.0) {
                        let loc = long_at.get(&(r, k)).map_or_else(
                            || {
                                Location::default()
                                    .unit(&units[obs[r].unit].0.code)
                                    .indicator(&node.code)
                            },
                            |&e| long_origin[e].clone(),
                        );
                        problems.push(Problem::error(
                            ProblemKind::DenominatorValue,
                            loc,
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
        for k in framework.indicators() {
            let mut by_year: BTreeMap<Option<i32>, Vec<f64>> = BTreeMap::new();
            for (r, o) in obs.iter().enumerate() {
                if let Some(c) = columns[k][r] {
                    by_year.entry(o.year).or_default().push(c.value);
                }
            }
            for (y, xs) in by_year {
                if xs.len() >= 2 && xs.iter().all(|&x| x == xs[0]) {
                    problems.push(Problem::warning(
                        ProblemKind::ZeroVariance,
                        Location::default().indicator(&framework.nodes()[k].code),
                        format!(
                            "all {} values{} are equal ({}): the indicator cannot tell units apart; min-max and z-score leave it missing, so it drops out of aggregation",
                            xs.len(),
                            y.map_or_else(String::new, |y| format!(" in {y}")),
                            xs[0]
                        ),
                        "check the data, or use goalpost normalisation, or remove the indicator",
                    ));
                }
            }
        }
        let with_data: BTreeSet<usize> = obs.iter().map(|o| o.unit).collect();
        for (i, (u, loc)) in units.iter().enumerate() {
            if !with_data.contains(&i) {
                problems.push(Problem::warning(
                    ProblemKind::UnitWithoutData,
                    loc.clone().unit(&u.code),
                    format!("unit '{}' has no values at all; it will get no score", u.code),
                    "add its values, or remove it from the units table",
                ));
            }
        }
        if problems.iter().any(|p| p.severity == Severity::Error) {
            return Err(Problems(problems));
        }
        Ok(Self {
            framework,
            units: units.into_iter().map(|(u, _)| u).collect(),
            sources: sources.into_iter().map(|(s, _)| s).collect(),
            obs,
            columns: columns.iter().map(|c| Column::from_cells(c)).collect(),
            warnings: problems,
        })
    }

    /// The framework.
    #[must_use]
    pub fn framework(&self) -> &Framework {
        &self.framework
    }
    /// Units, sorted by code.
    #[must_use]
    pub fn units(&self) -> &[Unit] {
        &self.units
    }
    /// Position of a unit by code.
    #[must_use]
    pub fn unit_position(&self, code: &str) -> Option<usize> {
        self.units.binary_search_by(|u| u.code.as_str().cmp(code)).ok()
    }
    /// Sources, sorted by id.
    #[must_use]
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }
    /// Observation rows (unit, year), sorted by unit code then year.
    #[must_use]
    pub fn obs(&self) -> &[Obs] {
        &self.obs
    }
    /// The cells of measured node `k` (framework position), one per observation row.
    /// Empty for aggregates.
    #[must_use]
    pub fn column(&self, k: usize) -> &Column {
        &self.columns[k]
    }
    /// The value of node `k` in observation row `r`.
    #[must_use]
    pub fn value(&self, r: usize, k: usize) -> Option<f64> {
        self.columns.get(k).and_then(|c| c.value(r))
    }
    /// The warnings found while validating.
    #[must_use]
    pub fn warnings(&self) -> &[Problem] {
        &self.warnings
    }
    /// Distinct years, ascending (`None` first, for data without time).
    #[must_use]
    pub fn years(&self) -> Vec<Option<i32>> {
        distinct_years(&self.obs)
    }
    /// Distinct group labels of grouping variable `name`, sorted.
    #[must_use]
    pub fn group_labels(&self, name: &str) -> Vec<String> {
        let s: BTreeSet<&str> = self.units.iter().filter_map(|u| u.group(name)).collect();
        s.into_iter().map(str::to_string).collect()
    }
    /// Names of the grouping variables units carry, sorted.
    #[must_use]
    pub fn grouping_names(&self) -> Vec<String> {
        let s: BTreeSet<&str> = self
            .units
            .iter()
            .flat_map(|u| u.groups.keys().map(String::as_str))
            .collect();
        s.into_iter().map(str::to_string).collect()
    }
    /// A copy restricted to the given units (positions) — used by screening and by what-if views.
    #[must_use]
    pub fn retain_units(&self, keep: &[usize]) -> Self {
        let keep_set: BTreeSet<usize> = keep.iter().copied().collect();
        let mut new_pos = vec![usize::MAX; self.units.len()];
        let mut units = Vec::new();
        for (i, u) in self.units.iter().enumerate() {
            if keep_set.contains(&i) {
                new_pos[i] = units.len();
                units.push(u.clone());
            }
        }
        let rows: Vec<usize> = (0..self.obs.len())
            .filter(|&r| keep_set.contains(&self.obs[r].unit))
            .collect();
        let obs = rows
            .iter()
            .map(|&r| Obs {
                unit: new_pos[self.obs[r].unit],
                year: self.obs[r].year,
            })
            .collect();
        let columns = self
            .columns
            .iter()
            .map(|c| {
                if c.is_empty() {
                    Column::default()
                } else {
                    c.select(&rows)
                }
            })
            .collect();
        Self {
            framework: self.framework.clone(),
            units,
            sources: self.sources.clone(),
            obs,
            columns,
            warnings: self.warnings.clone(),
        }
    }
    /// A copy with another framework of the same measured nodes (e.g. changed weights).
    ///
    /// # Errors
    /// If the new framework's measured nodes differ from this one's.
    pub fn with_framework(&self, framework: Framework) -> crate::Result<Self> {
        let a: Vec<&str> = self
            .framework
            .measured()
            .map(|k| self.framework.nodes()[k].code.as_str())
            .collect();
        let b: Vec<&str> = framework
            .measured()
            .map(|k| framework.nodes()[k].code.as_str())
            .collect();
        if a != b || framework.nodes().len() != self.framework.nodes().len() {
            return Err(crate::Error::Settings(
                "the new framework must have the same nodes in the same order".to_string(),
            ));
        }
        Ok(Self {
            framework,
            ..self.clone()
        })
    }
}

/// The distinct years of `rows`, ascending (`None` first): the few of them kept sorted as they are
/// met, rather than every row's year sorted (a panel has many rows and few years).
pub(crate) fn distinct_years(rows: &[Obs]) -> Vec<Option<i32>> {
    let mut years: Vec<Option<i32>> = Vec::new();
    let mut last = None;
    for o in rows {
        if last == Some(o.year) {
            continue;
        }
        last = Some(o.year);
        if let Err(p) = years.binary_search(&o.year) {
            years.insert(p, o.year);
        }
    }
    years
}

/// Position of a measured node by code, or a problem (unknown, or an aggregate).
fn measured_position(fw: &Framework, code: &str, loc: &Location, problems: &mut Vec<Problem>) -> Option<usize> {
    match fw.position(code) {
        None => {
            problems.push(Problem::error(
                ProblemKind::UnknownIndicator,
                loc.clone().indicator(code),
                format!("indicator '{code}' is not in the framework"),
                "add it to the framework or correct the code",
            ));
            None
        }
        Some(k) if fw.nodes()[k].role == NodeRole::Aggregate => {
            problems.push(Problem::error(
                ProblemKind::UnknownIndicator,
                loc.clone().indicator(code),
                format!("'{code}' is an aggregate; aggregates are computed, not read"),
                "remove it, or give the measured value its own indicator code",
            ));
            None
        }
        Some(k) => Some(k),
    }
}
