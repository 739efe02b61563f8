//! The index pipeline: select years, denominate, screen units, impute, treat outliers, normalise,
//! weight, aggregate level by level, rank.
//!
//! Every step is its own module; [`run`] strings them together as described by a [`Settings`] value
//! and returns [`Results`] that carry those settings, so that every number can be reproduced.
//! [`rerun`] answers a what-if: it re-runs only the stages a change of settings touches
//! ([`reaggregate`] for weights and aggregation, [`renormalise`] for the normaliser), with the same
//! result as a full [`run`].

pub mod denominate;
mod frames;
mod impute;
mod outlier;
pub mod screen;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, OnceLock};

pub use frames::NodeSelection;
pub use impute::{Imputation, ImputeContext, Imputed};
pub use outlier::{OutlierRule, Treatment};

use crate::model::{Cells, NodeRole, Obs, Scores};
use crate::normalise::NormContext;
use crate::rank::rank_desc;
use crate::settings::{Denomination, PanelScope, YearSelection};
use crate::{Dataset, Error, Framework, Result, Settings};
use rayon::prelude::*;

/// One unit's place in a ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct RankRow {
    /// Row in [`Results::rows`].
    pub row: usize,
    /// Unit code.
    pub unit_code: String,
    /// Year of the row.
    pub year: Option<i32>,
    /// Score.
    pub score: f64,
    /// Rank (1 = best, ties share the minimum rank).
    pub rank: u32,
}

/// Everything a run produced. Columns are indexed by framework position; rows by [`Results::rows`].
#[derive(Debug, Clone)]
pub struct Results {
    /// The settings that produced these results.
    pub settings: Settings,
    /// The framework as used (with the settings' weight overrides applied).
    pub framework: Framework,
    /// Observation rows in the run (unit position in the dataset, year), sorted by unit code, year.
    pub rows: Vec<Obs>,
    /// Unit code of each row.
    pub unit_codes: Arc<Vec<String>>,
    /// Units dropped by screening, with their data share.
    pub dropped_units: Vec<(String, f64)>,
    /// Indicator values after denomination, imputation and outlier treatment (per framework position;
    /// empty for aggregates). Each column is shared, not copied: with the dataset's own values when no
    /// step changed them, and with the results [`reaggregate`] and [`renormalise`] derive.
    pub treated: Vec<Arc<Scores>>,
    /// Normalised indicator values and aggregate scores, per framework position, as dense columns
    /// ([`Scores`]: 8 bytes a cell). Each column is shared: the results [`reaggregate`] derives hold
    /// the same indicator columns, not copies. A min-max normalised indicator (over one partition)
    /// is a view of its `treated` column, computed as it is read and stored only when a caller asks
    /// for the whole column at once; it reads the same as a stored one.
    pub scores: Vec<Arc<Scores>>,
    /// Ranks per framework position, within each year, computed on first use ([`Results::ranks`]):
    /// ranking every node of a large panel costs more than aggregating it, and most callers need one.
    ranks: Vec<OnceLock<Vec<Option<u32>>>>,
    /// Rows of each year, for ranking on demand.
    by_year: OnceLock<Vec<Vec<usize>>>,
    /// How many of `notes` the indicator stage wrote (the rest are the aggregation's), for
    /// [`reaggregate`].
    indicator_notes: usize,
    /// Notes of the stages before normalisation, per framework position, for [`renormalise`].
    pre_notes: Arc<Vec<Vec<String>>>,
    /// Whether each indicator cell was imputed (per framework position; empty for aggregates and for
    /// indicators that no imputation ran on: read it with `get`, a missing flag is `false`).
    pub imputed: Arc<Vec<Vec<bool>>>,
    /// Outlier treatment per indicator code (only those treated or with a rule).
    pub treatments: BTreeMap<String, Treatment>,
    /// Weight of each node within its parent as used (sums to one among siblings); 0 for the root and
    /// context.
    pub weights: Vec<f64>,
    /// Each node's final share in the index: the product along its path to the root of the weights as
    /// used, where children without any value in the run carry no weight (so the shares of the
    /// indicators that have data sum to one).
    pub effective_weights: Vec<f64>,
    /// Notes a reader should know (zero-variance indicators, excluded cells ...).
    pub notes: Vec<String>,
    /// In a snapshot, the year each indicator value came from (per framework position, per row; each
    /// value is the latest available). Empty outside snapshots, where every value comes from its
    /// row's year: use [`Results::value_year`].
    pub value_years: Arc<Vec<Vec<Option<i32>>>>,
}

impl Results {
    /// Position of the index (the root aggregate).
    #[must_use]
    pub fn index_node(&self) -> usize {
        self.framework.root()
    }
    /// Distinct years in the run, ascending.
    #[must_use]
    pub fn years(&self) -> Vec<Option<i32>> {
        crate::model::distinct_years(&self.rows)
    }
    /// Ranking of node `node` in the latest year of the run, best first (rows without a score are left
    /// out).
    #[must_use]
    pub fn ranking(&self, node: usize) -> Vec<RankRow> {
        let year = self.years().last().copied().flatten();
        self.ranking_in(node, year)
    }
    /// Ranking of node `node` in `year`, best first, ties by unit code.
    #[must_use]
    pub fn ranking_in(&self, node: usize, year: Option<i32>) -> Vec<RankRow> {
        let mut out: Vec<RankRow> = (0..self.rows.len())
            .filter(|&r| self.rows[r].year == year)
            .filter_map(|r| {
                let score = self.scores.get(node)?.get(r)?;
                let rank = self.rank(node, r)?;
                Some(RankRow {
                    row: r,
                    unit_code: self.unit_codes[r].clone(),
                    year,
                    score,
                    rank,
                })
            })
            .collect();
        out.sort_by(|a, b| a.rank.cmp(&b.rank).then_with(|| a.unit_code.cmp(&b.unit_code)));
        out
    }
    /// Ranks of node `node` within each year, one per row (1 = best, ties take the minimum, `None`
    /// without a score); empty for context nodes and positions outside the framework.
    #[must_use]
    pub fn ranks(&self, node: usize) -> &[Option<u32>] {
        let Some(cell) = self.ranks.get(node) else {
            return &[];
        };
        if self.framework.nodes()[node].role == NodeRole::Context {
            return &[];
        }
        cell.get_or_init(|| {
            let by_year = self.by_year.get_or_init(|| partitions(&self.rows, PanelScope::PerYear));
            rank_within(&self.scores[node], by_year)
        })
    }
    /// Rank of node `node` in row `row` within its year (1 = best).
    #[must_use]
    pub fn rank(&self, node: usize, row: usize) -> Option<u32> {
        self.ranks(node).get(row).copied().flatten()
    }
    /// Score of node `node` in row `row`.
    #[must_use]
    pub fn score(&self, node: usize, row: usize) -> Option<f64> {
        self.scores.get(node).and_then(|c| c.get(row))
    }
    /// The year the value of indicator `k` in row `row` came from.
    #[must_use]
    pub fn value_year(&self, k: usize, row: usize) -> Option<i32> {
        match self.value_years.get(k).filter(|v| !v.is_empty()) {
            Some(v) => v.get(row).copied().flatten(),
            None => self
                .treated
                .get(k)
                .and_then(|t| t.get(row))
                .and(self.rows.get(row)?.year),
        }
    }
    /// Number of imputed cells.
    #[must_use]
    pub fn imputed_count(&self) -> usize {
        self.imputed.iter().map(|c| c.iter().filter(|&&b| b).count()).sum()
    }
    /// Rows of a unit code.
    #[must_use]
    pub fn rows_of(&self, unit_code: &str) -> Vec<usize> {
        (0..self.rows.len())
            .filter(|&r| self.unit_codes[r] == unit_code)
            .collect()
    }
}

/// Row partitions for normalisation: one (pooled) or one per year.
fn partitions(rows: &[Obs], scope: PanelScope) -> Vec<Vec<usize>> {
    match scope {
        PanelScope::Pooled => vec![(0..rows.len()).collect()],
        PanelScope::PerYear => {
            // the few distinct years, ascending, then each row into its year's bucket: the bucket
            // found from the year's offset where the years span a short range, else by search
            let years = crate::model::distinct_years(rows);
            let first = years.iter().flatten().next().copied().unwrap_or(0);
            let span = years
                .last()
                .copied()
                .flatten()
                .map_or(0, |y| i64::from(y) - i64::from(first));
            // (slot 0: no year; slot 1 + y - first: year y)
            let slot =
                |y: Option<i32>| y.map_or(0, |y| usize::try_from(i64::from(y) - i64::from(first)).unwrap_or(0) + 1);
            let mut at: Vec<usize> = Vec::new();
            if span < 4096 {
                at = vec![0; usize::try_from(span).unwrap_or(0) + 2];
                for (b, &y) in years.iter().enumerate() {
                    at[slot(y)] = b;
                }
            }
            let bucket = |y: Option<i32>| -> usize {
                if at.is_empty() {
                    years.binary_search(&y).unwrap_or(0)
                } else {
                    at[slot(y)]
                }
            };
            let mut counts = vec![0usize; years.len()];
            for o in rows {
                counts[bucket(o.year)] += 1;
            }
            let mut parts: Vec<Vec<usize>> = counts.iter().map(|&c| Vec::with_capacity(c)).collect();
            for (r, o) in rows.iter().enumerate() {
                parts[bucket(o.year)].push(r);
            }
            parts
        }
    }
}

/// Ranks of `col` within each partition (1 = best, ties take the minimum).
fn rank_within(col: &Scores, parts: &[Vec<usize>]) -> Vec<Option<u32>> {
    let part = |p: &Vec<usize>| rank_desc(&p.iter().map(|&i| col.get(i)).collect::<Vec<_>>());
    // partitions (years) are ranked side by side when there are several large ones
    let ranked: Vec<Vec<Option<u32>>> = if parts.len() > 1 && col.len() >= 4096 {
        parts.par_iter().map(part).collect()
    } else {
        parts.iter().map(part).collect()
    };
    let mut r = vec![None; col.len()];
    for (p, rk) in parts.iter().zip(ranked) {
        for (&i, v) in p.iter().zip(rk) {
            r[i] = v;
        }
    }
    r
}

fn gather(col: &[Option<f64>], idx: &[usize]) -> Vec<Option<f64>> {
    idx.iter().map(|&r| col[r]).collect()
}

fn scatter(dst: &mut [Option<f64>], idx: &[usize], src: Vec<Option<f64>>) {
    for (&r, v) in idx.iter().zip(src) {
        dst[r] = v;
    }
}

/// Runs the pipeline on a validated dataset.
///
/// # Errors
/// [`Error::Settings`] for settings that do not fit the framework; [`Error::Degenerate`] when no row is
/// left; any error of the methods used (e.g. a zero in a geometric mean under the `Error` policy).
pub fn run(ds: &Dataset, settings: &Settings) -> Result<Results> {
    settings.check(ds.framework())?;
    let fw = if settings.weights.is_empty() {
        ds.framework().clone()
    } else {
        ds.framework().with_weights(&settings.weights)?
    };
    let n_nodes = fw.nodes().len();
    let indicators: Vec<usize> = fw.indicators().collect();
    // 1. units and years: a source view (dataset row per run row and indicator)
    let unit_ok: Vec<bool> = ds.units().iter().map(|u| settings.units.contains(u)).collect();
    let all_years = ds.years();
    let view = match &settings.years {
        YearSelection::Snapshot { up_to } => snapshot_view(ds, &fw, &unit_ok, *up_to),
        sel => {
            let wanted: Option<BTreeSet<Option<i32>>> = match sel {
                YearSelection::Latest => Some(all_years.last().copied().into_iter().collect()),
                YearSelection::Only(ys) => Some(ys.iter().map(|&y| Some(y)).collect()),
                _ => None,
            };
            let rows: Vec<usize> = (0..ds.obs().len())
                .filter(|&r| unit_ok[ds.obs()[r].unit])
                .filter(|&r| wanted.as_ref().is_none_or(|w| w.contains(&ds.obs()[r].year)))
                .collect();
            View {
                obs: rows.iter().map(|&r| ds.obs()[r]).collect(),
                rows,
                cell_row: None,
            }
        }
    };
    // 2. screening
    // (present, possible) indicator values per unit; only counted when screening is on
    let mut counts: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
    if settings.min_unit_data_share > 0.0 {
        let present: Vec<usize> = (0..view.obs.len())
            .into_par_iter()
            .with_min_len(1024)
            .map(|i| indicators.iter().filter(|&&k| view.value(ds, i, k).is_some()).count())
            .collect();
        for (o, p) in view.obs.iter().zip(present) {
            let e = counts.entry(o.unit).or_insert((0, 0));
            e.0 += p;
            e.1 += indicators.len();
        }
    }
    let units_in: Vec<usize> = counts.keys().copied().collect();
    let count_list: Vec<(usize, usize)> = units_in.iter().map(|u| counts[u]).collect();
    let dropped_pos: BTreeSet<usize> = if settings.min_unit_data_share > 0.0 {
        screen::screen(&count_list, settings.min_unit_data_share)
            .into_iter()
            .map(|i| units_in[i])
            .collect()
    } else {
        BTreeSet::new()
    };
    let dropped_units: Vec<(String, f64)> = dropped_pos
        .iter()
        .map(|&u| {
            let (p, t) = counts[&u];
            (
                ds.units()[u].code.clone(),
                if t == 0 { 0.0 } else { p as f64 / t as f64 },
            )
        })
        .collect();
    let keep: Vec<usize> = (0..view.obs.len())
        .filter(|&i| !dropped_pos.contains(&view.obs[i].unit))
        .collect();
    if keep.is_empty() {
        return Err(Error::Degenerate(
            "no observation is left after selecting units and years and screening; relax the selection or the minimum data share"
                .into(),
        ));
    }
    let rows: Vec<Obs> = keep.iter().map(|&i| view.obs[i]).collect();
    let unit_codes: Vec<String> = rows.par_iter().map(|o| ds.units()[o.unit].code.clone()).collect();
    let unit_of: Vec<usize> = rows.iter().map(|o| o.unit).collect();
    let year_of: Vec<Option<i32>> = rows.iter().map(|o| o.year).collect();
    let parts = partitions(&rows, settings.panel);
    let n = rows.len();

    let mut treated: Vec<SharedColumn> = vec![Arc::default(); n_nodes];
    let mut scores: Vec<Arc<Scores>> = vec![Arc::default(); n_nodes];
    let mut imputed = vec![Vec::new(); n_nodes];
    let mut value_years = vec![Vec::new(); n_nodes];
    let mut treatments = BTreeMap::new();
    let mut notes = Vec::new();
    // 3. indicators: denominate, impute, treat, normalise — independent, so in parallel; the results
    // are collected in framework order, so the output does not depend on the thread count
    let ctx = IndicatorContext {
        ds,
        fw: &fw,
        settings,
        view: &view,
        keep: &keep,
        unit_of: &unit_of,
        year_of: &year_of,
        unit_codes: &unit_codes,
        parts: &parts,
        n,
        identity: view.cell_row.is_none()
            && n == ds.obs().len()
            && keep.iter().enumerate().all(|(i, &j)| view.rows[j] == i),
    };
    let outs: Vec<IndicatorOut> = indicators
        .par_iter()
        .map(|&k| ctx.process(k))
        .collect::<Result<Vec<_>>>()?;
    let mut pre_notes = vec![Vec::new(); n_nodes];
    for o in outs {
        let k = o.k;
        notes.extend(o.pre_notes.iter().cloned());
        notes.extend(o.norm_note);
        pre_notes[k] = o.pre_notes;
        if let Some(t) = o.treatment {
            treatments.insert(fw.nodes()[k].code.clone(), t);
        }
        treated[k] = o.treated;
        imputed[k] = o.imputed;
        scores[k] = Arc::new(o.scores);
        value_years[k] = o.value_years;
    }
    finish(
        fw,
        settings,
        Stage {
            rows,
            unit_codes: Arc::new(unit_codes),
            dropped_units,
            treated,
            scores,
            imputed: Arc::new(imputed),
            treatments,
            notes,
            pre_notes: Arc::new(pre_notes),
            value_years: Arc::new(value_years),
        },
    )
}

/// Which dataset row each run row takes each node's value from.
struct View {
    obs: Vec<Obs>,
    /// The dataset row of each run row (when every node's value comes from the row itself).
    rows: Vec<usize>,
    /// In a snapshot: per framework position, per run row, the dataset row holding the value.
    cell_row: Option<Vec<Vec<Option<usize>>>>,
}

impl View {
    fn src_row(&self, k: usize, i: usize) -> Option<usize> {
        match &self.cell_row {
            Some(c) => c[k][i],
            None => Some(self.rows[i]),
        }
    }
    fn value(&self, ds: &Dataset, i: usize, k: usize) -> Option<f64> {
        self.src_row(k, i).and_then(|r| ds.column(k).value(r))
    }
}

/// One row per selected unit; each measured node's latest value at or before `up_to`.
fn snapshot_view(ds: &Dataset, fw: &Framework, unit_ok: &[bool], up_to: Option<i32>) -> View {
    let mut by_unit: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (r, o) in ds.obs().iter().enumerate() {
        if unit_ok[o.unit] && (up_to.is_none() || o.year.is_none() || o.year <= up_to) {
            by_unit.entry(o.unit).or_default().push(r);
        }
    }
    let units: Vec<usize> = by_unit.keys().copied().collect();
    let obs: Vec<Obs> = units.iter().map(|&u| Obs { unit: u, year: up_to }).collect();
    let cell_row = (0..fw.nodes().len())
        .map(|k| {
            if fw.nodes()[k].role == NodeRole::Aggregate {
                return vec![None; units.len()];
            }
            let col = ds.column(k);
            // rows are sorted by year within a unit: the last present one is the latest
            units
                .iter()
                .map(|u| by_unit[u].iter().rev().copied().find(|&r| col.value(r).is_some()))
                .collect()
        })
        .collect();
    View {
        obs,
        rows: Vec::new(),
        cell_row: Some(cell_row),
    }
}

#[cfg(test)]
mod tests;

/// What every indicator's processing shares.
struct IndicatorContext<'a> {
    ds: &'a Dataset,
    fw: &'a Framework,
    settings: &'a Settings,
    view: &'a View,
    keep: &'a [usize],
    unit_of: &'a [usize],
    year_of: &'a [Option<i32>],
    unit_codes: &'a [String],
    parts: &'a [Vec<usize>],
    n: usize,
    /// Whether run row `i` is dataset row `i` for every row (all units and years, nothing screened
    /// out): then an indicator that no step before normalisation changes shares the dataset's column.
    identity: bool,
}

/// One indicator after denomination, imputation, outlier treatment and normalisation.
struct IndicatorOut {
    k: usize,
    treated: SharedColumn,
    scores: Scores,
    imputed: Vec<bool>,
    value_years: Vec<Option<i32>>,
    treatment: Option<Treatment>,
    /// Notes of the stages before normalisation.
    pre_notes: Vec<String>,
    /// The normalisation's note, if any.
    norm_note: Option<String>,
}

impl IndicatorContext<'_> {
    fn process(&self, k: usize) -> Result<IndicatorOut> {
        let (ds, fw, settings, view, keep, n) = (self.ds, self.fw, self.settings, self.view, self.keep, self.n);
        let unit_of = self.unit_of;
        let mut notes = Vec::new();
        let mut treatment = None;
        let node = &fw.nodes()[k];
        let over = settings.indicators.get(&node.code);
        let denominator = node
            .denominator
            .as_deref()
            .and_then(|d| fw.position(d))
            .filter(|_| settings.denomination == Denomination::AsFramework);
        let imputation = over.and_then(|o| o.imputation.as_ref()).unwrap_or(&settings.imputation);
        let rule = over.and_then(|o| o.outliers.as_ref()).unwrap_or(&settings.outliers);
        if self.identity && denominator.is_none() && *imputation == Imputation::None && *rule == OutlierRule::None {
            // the dataset's values as they are: shared, not copied
            let values = ds.column(k).shared_values();
            // (the values are counted only when a minimum share asks for it)
            if settings.min_indicator_share <= 0.0
                || (values.iter().flatten().count() as f64) >= settings.min_indicator_share * n as f64
            {
                let (z, norm_note) = normalise_indicator(fw, settings, self.unit_codes, self.parts, k, values)?;
                return Ok(IndicatorOut {
                    k,
                    treated: Arc::clone(values),
                    scores: z,
                    imputed: Vec::new(),
                    value_years: Vec::new(),
                    treatment: None,
                    pre_notes: Vec::new(),
                    norm_note,
                });
            }
        }
        let mut x: Vec<Option<f64>> = if view.cell_row.is_none() {
            let col = ds.column(k);
            keep.iter().map(|&i| col.value(view.rows[i])).collect()
        } else {
            keep.iter().map(|&i| view.value(ds, i, k)).collect()
        };
        let present = x.iter().flatten().count();
        if settings.min_indicator_share > 0.0 && (present as f64) < settings.min_indicator_share * n as f64 {
            if present > 0 {
                notes.push(format!(
                    "indicator '{}' left out: present for {present} of {n} rows, below the minimum share {}",
                    node.code, settings.min_indicator_share
                ));
            }
            x = vec![None; n];
        }
        let value_years = if view.cell_row.is_some() {
            keep.iter()
                .map(|&i| {
                    view.src_row(k, i)
                        .filter(|&r| ds.column(k).value(r).is_some())
                        .and_then(|r| ds.obs()[r].year)
                })
                .collect()
        } else {
            Vec::new()
        };
        if let Some(d) = denominator {
            // the denominator of the same dataset row as the value
            let den: Vec<Option<f64>> = keep
                .iter()
                .map(|&i| view.src_row(k, i).and_then(|r| ds.column(d).value(r)))
                .collect();
            x = denominate::denominate(&x, &den, node.per.unwrap_or(1.0));
        }
        let (mut t, imputed_flags) = if *imputation == Imputation::None {
            (x, Vec::new())
        } else {
            let group_ids = match imputation {
                Imputation::GroupMean { group } | Imputation::GroupMedian { group } => {
                    let labels = ds.group_labels(group);
                    if labels.is_empty() {
                        return Err(Error::Settings(format!(
                            "imputation by group: no unit has grouping '{group}'"
                        )));
                    }
                    Some(
                        unit_of
                            .iter()
                            .map(|&u| {
                                ds.units()[u]
                                    .group(group)
                                    .and_then(|g| labels.iter().position(|l| l == g))
                                    .map(|p| p as u32)
                            })
                            .collect::<Vec<_>>(),
                    )
                }
                _ => None,
            };
            let imp = imputation.apply(
                &x,
                &ImputeContext {
                    unit: unit_of,
                    year: self.year_of,
                    group: group_ids.as_deref(),
                },
            )?;
            (imp.values, imp.imputed)
        };
        if *rule != OutlierRule::None {
            for p in self.parts {
                let (tv, tr) = rule.apply(&gather(&t, p))?;
                scatter(&mut t, p, tv);
                if tr.method != "none" {
                    treatment = Some(tr);
                }
            }
        }
        let treated = Arc::new(Scores::from(t));
        let (z, norm_note) = normalise_indicator(fw, settings, self.unit_codes, self.parts, k, &treated)?;
        Ok(IndicatorOut {
            k,
            treated,
            scores: z,
            imputed: imputed_flags,
            value_years,
            treatment,
            pre_notes: notes,
            norm_note,
        })
    }
}

/// Step 3d for indicator `k`: normalises its treated values `shared` within each partition `parts`
/// (min-max over one partition as a view of them), with the note a reader needs when nothing is left.
fn normalise_indicator(
    fw: &Framework,
    settings: &Settings,
    unit_codes: &[String],
    parts: &[Vec<usize>],
    k: usize,
    shared: &Arc<Scores>,
) -> Result<(Scores, Option<String>)> {
    let t = shared.as_ref();
    let node = &fw.nodes()[k];
    let over = settings.indicators.get(&node.code);
    let normaliser = over.and_then(|o| o.normaliser.as_ref()).unwrap_or(&settings.normaliser);
    let reference = |p: &[usize]| match normaliser {
        crate::normalise::Normaliser::DistanceToReference { unit, .. } => {
            p.iter().position(|&r| unit_codes[r] == *unit)
        }
        _ => None,
    };
    let ctx = |reference_row| NormContext {
        direction: node.direction,
        goalposts: node.goalposts,
        target: node.target,
        reference_row,
    };
    let z = if parts.len() == 1 {
        normaliser.apply_shared(shared, &ctx(reference(&parts[0])))?
    } else {
        let mut z = vec![None; t.n_cells()];
        for p in parts {
            let part: Vec<Option<f64>> = p.iter().map(|&i| t.cell(i)).collect();
            let zp = normaliser.apply(&part, &ctx(reference(p)))?;
            scatter(&mut z, p, zp);
        }
        Scores::from(z)
    };
    let note = (t.cells(0..t.n_cells()).any(|v| v.is_some()) && !z.any_present()).then(|| {
        format!(
            "indicator '{}' has no normalised value (zero variance or no data in every normalisation group); it drops out of aggregation",
            node.code
        )
    });
    Ok((z, note))
}

/// Re-runs only the aggregation of `base` — weights, weighting, aggregators, minimum shares — on its
/// normalised indicators, as a weight slider needs: several times faster than [`run`] on large tables,
/// with the same result as `run(ds, settings)`.
///
/// `ds` must be the dataset `base` was computed from; `settings` may differ from `base.settings` only
/// in `weights`, `weighting`, `aggregator`, `min_share` and `levels`.
///
/// # Errors
/// [`Error::Settings`] if `settings` changes anything of the indicator stage (units, years,
/// denomination, screening, imputation, outliers, normalisation, panel, per-indicator overrides: call
/// [`run`] for those), or does not fit the framework; the aggregation errors of [`run`].
///
/// # Example
/// ```
/// # fn main() -> Result<(), govgap::Error> {
/// let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/heilongjiang");
/// let ds = govgap::io::read_native_dir(&dir)?;
/// let settings = govgap::io::read_settings(dir.join("settings.toml"))?;
/// let base = govgap::pipeline::run(&ds, &settings)?;
/// let mut heavier = settings.clone();
/// heavier.weights.insert("D1_INF".into(), 3.0);
/// let fast = govgap::pipeline::reaggregate(&ds, &base, &heavier)?;
/// let full = govgap::pipeline::run(&ds, &heavier)?;
/// assert_eq!(fast.scores, full.scores);
/// # Ok(())
/// # }
/// ```
pub fn reaggregate(ds: &Dataset, base: &Results, settings: &Settings) -> Result<Results> {
    settings.check(ds.framework())?;
    if !only_aggregation_differs(settings, &base.settings) {
        return Err(Error::Settings(
            "reaggregate only changes weights, weighting, aggregation and minimum shares; these settings change \
             the indicators too (units, years, denomination, screening, imputation, outliers or normalisation): \
             run the full pipeline"
                .into(),
        ));
    }
    let (fw, scores) = rerun_start(ds, base, settings)?;
    let notes = base.notes[..base.indicator_notes.min(base.notes.len())].to_vec();
    finish(fw, settings, rerun_stage(base, scores, notes))
}

/// A column of values shared between results (see [`Results::treated`]).
type SharedColumn = Arc<Scores>;

/// The start of a re-run of `base`: checks that `base` comes from `ds`'s framework, and returns the
/// framework with `settings`' weights and `base`'s measured columns (aggregates empty, for [`finish`]).
fn rerun_start(ds: &Dataset, base: &Results, settings: &Settings) -> Result<(Framework, Vec<Arc<Scores>>)> {
    if ds.framework().nodes().len() != base.framework.nodes().len() {
        return Err(Error::Settings(
            "the results were computed from another framework than this dataset's; run the full pipeline".into(),
        ));
    }
    let fw = if settings.weights.is_empty() {
        ds.framework().clone()
    } else {
        ds.framework().with_weights(&settings.weights)?
    };
    let scores = (0..fw.nodes().len())
        .map(|k| {
            if fw.nodes()[k].role == NodeRole::Aggregate {
                Arc::default()
            } else {
                Arc::clone(&base.scores[k])
            }
        })
        .collect();
    Ok((fw, scores))
}

/// What a re-run hands to [`finish`]: `base`'s rows and treated values (shared), new normalised
/// columns and notes.
fn rerun_stage(base: &Results, scores: Vec<Arc<Scores>>, notes: Vec<String>) -> Stage {
    Stage {
        rows: base.rows.clone(),
        unit_codes: Arc::clone(&base.unit_codes),
        dropped_units: base.dropped_units.clone(),
        treated: base.treated.clone(),
        scores,
        imputed: Arc::clone(&base.imputed),
        treatments: base.treatments.clone(),
        notes,
        pre_notes: Arc::clone(&base.pre_notes),
        value_years: Arc::clone(&base.value_years),
    }
}

/// Whether `a` and `b` differ at most in the aggregation stage (weights, weighting, aggregators,
/// minimum shares, per-level settings).
fn only_aggregation_differs(a: &Settings, b: &Settings) -> bool {
    let mut probe = a.clone();
    probe.weights.clone_from(&b.weights);
    probe.weighting = b.weighting;
    probe.aggregator = b.aggregator.clone();
    probe.min_share = b.min_share;
    probe.levels.clone_from(&b.levels);
    probe == *b
}

/// The settings of the stages before normalisation (units, years, denomination, screening,
/// imputation, outliers, panel), with everything from normalisation on reset to its default.
fn before_normalisation(s: &Settings) -> Settings {
    let d = Settings::default();
    Settings {
        normaliser: d.normaliser,
        weighting: d.weighting,
        aggregator: d.aggregator,
        min_share: d.min_share,
        weights: BTreeMap::new(),
        levels: BTreeMap::new(),
        indicators: s
            .indicators
            .iter()
            .map(|(code, o)| {
                let o = crate::settings::IndicatorSettings {
                    normaliser: None,
                    ..o.clone()
                };
                (code.clone(), o)
            })
            .filter(|(_, o)| *o != crate::settings::IndicatorSettings::default())
            .collect(),
        ..s.clone()
    }
}

/// Re-runs normalisation and aggregation of `base` on its treated indicator values, as switching the
/// normaliser needs: the indicator values are not read, denominated, imputed or treated again (and not
/// copied: the new results share them with `base`). Same result as `run(ds, settings)`.
///
/// `ds` must be the dataset `base` was computed from; `settings` may differ from `base.settings` in
/// the normaliser (also per indicator) and in everything [`reaggregate`] allows.
///
/// # Errors
/// [`Error::Settings`] if `settings` changes a stage before normalisation (units, years,
/// denomination, screening, imputation, outliers, panel: call [`run`] for those) or does not fit the
/// framework; the normalisation and aggregation errors of [`run`].
///
/// # Example
/// ```
/// # fn main() -> Result<(), govgap::Error> {
/// use govgap::normalise::Normaliser;
/// let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/heilongjiang");
/// let ds = govgap::io::read_native_dir(&dir)?;
/// let settings = govgap::io::read_settings(dir.join("settings.toml"))?;
/// let base = govgap::pipeline::run(&ds, &settings)?;
/// let mut ranked = settings.clone();
/// ranked.normaliser = Normaliser::Rank;
/// let fast = govgap::pipeline::renormalise(&ds, &base, &ranked)?;
/// assert_eq!(fast.scores, govgap::pipeline::run(&ds, &ranked)?.scores);
/// # Ok(())
/// # }
/// ```
pub fn renormalise(ds: &Dataset, base: &Results, settings: &Settings) -> Result<Results> {
    settings.check(ds.framework())?;
    if before_normalisation(settings) != before_normalisation(&base.settings) {
        return Err(Error::Settings(
            "renormalise only changes normalisation and aggregation; these settings change the stages before them \
             too (units, years, denomination, screening, imputation, outliers or panel): run the full pipeline"
                .into(),
        ));
    }
    let (fw, mut scores) = rerun_start(ds, base, settings)?;
    let parts = partitions(&base.rows, settings.panel);
    let indicators: Vec<usize> = fw.indicators().collect();
    let outs: Vec<(usize, Scores, Option<String>)> = indicators
        .par_iter()
        .map(|&k| {
            normalise_indicator(&fw, settings, &base.unit_codes, &parts, k, &base.treated[k])
                .map(|(z, note)| (k, z, note))
        })
        .collect::<Result<_>>()?;
    let mut notes = Vec::new();
    for (k, z, note) in outs {
        notes.extend(base.pre_notes[k].iter().cloned());
        notes.extend(note);
        scores[k] = Arc::new(z);
    }
    finish(fw, settings, rerun_stage(base, scores, notes))
}

/// Results for `settings`, re-running only the stages that differ from `base`'s: aggregation only
/// ([`reaggregate`]), normalisation and aggregation ([`renormalise`]), or everything ([`run`]). The
/// result equals `run(ds, settings)` in every case; `ds` must be the dataset `base` was computed from.
///
/// # Errors
/// Those of [`run`].
pub fn rerun(ds: &Dataset, base: &Results, settings: &Settings) -> Result<Results> {
    let same_framework = ds.framework().nodes().len() == base.framework.nodes().len();
    if same_framework && only_aggregation_differs(settings, &base.settings) {
        reaggregate(ds, base, settings)
    } else if same_framework && before_normalisation(settings) == before_normalisation(&base.settings) {
        renormalise(ds, base, settings)
    } else {
        run(ds, settings)
    }
}

/// What the indicator stage of a run produced: everything [`finish`] needs besides the framework and
/// the settings.
#[derive(Debug, Clone)]
struct Stage {
    rows: Vec<Obs>,
    unit_codes: Arc<Vec<String>>,
    dropped_units: Vec<(String, f64)>,
    treated: Vec<SharedColumn>,
    scores: Vec<Arc<Scores>>,
    imputed: Arc<Vec<Vec<bool>>>,
    treatments: BTreeMap<String, Treatment>,
    notes: Vec<String>,
    pre_notes: Arc<Vec<Vec<String>>>,
    value_years: Arc<Vec<Vec<Option<i32>>>>,
}

/// Aggregate `a` of a run from its children's columns in `scores`: the children's weights, the
/// aggregated column and the number of non-positive cells the aggregator excluded.
fn aggregate_node(
    fw: &Framework,
    settings: &Settings,
    rows: &[Obs],
    scores: &[Arc<Scores>],
    a: usize,
) -> Result<(Vec<f64>, Scores, usize)> {
    let n = rows.len();
    let children = fw.children(a);
    let level = fw.level(a);
    let ls = settings.levels.get(&level);
    let aggregator = ls.and_then(|l| l.aggregator.as_ref()).unwrap_or(&settings.aggregator);
    let weighting = ls.and_then(|l| l.weighting).unwrap_or(settings.weighting);
    let min_share = ls.and_then(|l| l.min_share).unwrap_or(settings.min_share);
    let manual: Vec<f64> = children.iter().map(|&c| fw.nodes()[c].weight).collect();
    let cols: Vec<&Scores> = children.iter().map(|&c| scores[c].as_ref()).collect();
    let w = weighting.weights_cells(&cols, &manual)?;
    let row_wise = matches!(
        aggregator,
        crate::aggregate::Aggregator::Arithmetic
            | crate::aggregate::Aggregator::Geometric { .. }
            | crate::aggregate::Aggregator::Harmonic { .. }
            | crate::aggregate::Aggregator::Generalised { .. }
    );
    if row_wise {
        let (out, excluded) = aggregator.apply_scores(&cols, &w, min_share)?;
        return Ok((w, out, excluded));
    }
    let mut out = vec![None; n];
    let mut excluded = 0;
    for p in &partitions(rows, PanelScope::PerYear) {
        let sub: Vec<Vec<Option<f64>>> = cols.iter().map(|c| p.iter().map(|&i| c.get(i)).collect()).collect();
        let sub_refs: Vec<&[Option<f64>]> = sub.iter().map(Vec::as_slice).collect();
        let agg = aggregator.apply(&sub_refs, &w, min_share)?;
        excluded += agg.excluded;
        scatter(&mut out, p, agg.scores);
    }
    Ok((w, Scores::from(out), excluded))
}

/// Steps 4-6 of a run: aggregation level by level, ranks, effective weights.
fn finish(fw: Framework, settings: &Settings, stage: Stage) -> Result<Results> {
    let Stage {
        rows,
        unit_codes,
        dropped_units,
        treated,
        mut scores,
        imputed,
        treatments,
        mut notes,
        pre_notes,
        value_years,
    } = stage;
    let n_nodes = fw.nodes().len();
    let indicator_notes = notes.len();
    // 4. aggregate level by level; the aggregates of one level depend only on lower levels, so they
    // are computed side by side, and their notes and weights are then taken in framework order
    let mut weights = vec![0.0; n_nodes];
    let mut active_weights = vec![0.0; n_nodes];
    let order = fw.aggregation_order();
    for level in order.chunk_by(|&a, &b| fw.level(a) == fw.level(b)) {
        // (the first error in framework order is reported, whatever the thread count)
        let computed: Vec<Result<(Vec<f64>, Scores, usize)>> = level
            .par_iter()
            .map(|&a| aggregate_node(&fw, settings, &rows, &scores, a))
            .collect();
        let computed = computed.into_iter().collect::<Result<Vec<_>>>()?;
        for (&a, (w, out, excluded)) in level.iter().zip(computed) {
            let children = fw.children(a);
            if excluded > 0 {
                notes.push(format!(
                    "aggregate '{}': {excluded} non-positive cell(s) excluded",
                    fw.nodes()[a].code
                ));
            }
            // weights as used: children without any value in the run carry none of the parent's weight
            let active: f64 = children
                .iter()
                .zip(&w)
                .filter(|&(&c, _)| scores[c].any_present())
                .map(|(_, &x)| x)
                .sum();
            for (&c, &wc) in children.iter().zip(&w) {
                weights[c] = wc;
                active_weights[c] = if active > 0.0 && scores[c].any_present() {
                    wc / active
                } else {
                    0.0
                };
            }
            scores[a] = Arc::new(out);
        }
    }
    // 5. ranks within each year
    // (so are the rows of each year they are ranked within)
    let by_year = OnceLock::new();
    // ranks are computed on first use (Results::ranks), for aggregates as for indicators: many
    // callers need the ranks of one node or none (inequality, what-if weights)
    let ranks: Vec<OnceLock<Vec<Option<u32>>>> = (0..n_nodes).map(|_| OnceLock::new()).collect();
    // 6. effective weights
    let mut effective_weights: Vec<f64> = (0..n_nodes)
        .map(|k| {
            if fw.nodes()[k].role == NodeRole::Context {
                return 0.0;
            }
            fw.ancestors(k)
                .iter()
                .fold((k, 1.0), |(cur, acc), &p| (p, acc * active_weights[cur]))
                .1
        })
        .collect();
    effective_weights[fw.root()] = 1.0;
    Ok(Results {
        settings: settings.clone(),
        framework: fw,
        rows,
        unit_codes,
        dropped_units,
        treated,
        scores,
        ranks,
        by_year,
        indicator_notes,
        pre_notes,
        imputed,
        treatments,
        weights,
        effective_weights,
        notes,
        value_years,
    })
}
