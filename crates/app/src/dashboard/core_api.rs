//! The one place where the dashboard calls govgap core.
//!
//! Panels never call core directly: they call these functions, which turn core's types into what a
//! panel draws and core's errors into messages. Where core does not (yet) provide a function, the
//! function here returns [`CoreError::Unavailable`] naming the missing core API, and the panel says
//! "not available yet" instead of computing anything itself.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use govgap::pipeline::Results;
use govgap::{Dataset, Problem, Settings};

use super::jobs::JobCtl;

/// Why a core call gave no result.
#[derive(Debug, Clone, PartialEq)]
pub enum CoreError {
    /// Core has no such function yet (the name of the missing API).
    Unavailable(&'static str),
    /// Core refused or failed, with its message.
    Failed(String),
    /// The user cancelled the computation.
    Cancelled,
}

impl fmt::Display for CoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unavailable(what) => write!(f, "not available yet: govgap core has no `{what}`"),
            Self::Failed(msg) => f.write_str(msg),
            Self::Cancelled => f.write_str("cancelled"),
        }
    }
}

impl From<govgap::Error> for CoreError {
    fn from(e: govgap::Error) -> Self {
        match e {
            govgap::Error::Cancelled => Self::Cancelled,
            e => Self::Failed(e.to_string()),
        }
    }
}

/// A file that could not be loaded: what, why, and every validation problem.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadError {
    /// The file or folder.
    pub path: PathBuf,
    /// What went wrong, in a sentence.
    pub message: String,
    /// Validation problems, when the file parsed but did not validate.
    pub problems: Vec<Problem>,
}

impl LoadError {
    fn from_core(path: &Path, e: govgap::Error) -> Self {
        match e {
            govgap::Error::Invalid(problems) => Self {
                path: path.to_path_buf(),
                message: format!(
                    "the dataset is not valid ({} error(s)); every problem is listed below",
                    problems.errors().count()
                ),
                problems: problems.0,
            },
            other => Self {
                path: path.to_path_buf(),
                message: other.to_string(),
                problems: Vec::new(),
            },
        }
    }
}

/// The shipped Heilongjiang dataset folder (see [`crate::shipped`]).
#[must_use]
pub fn shipped_dataset_dir() -> PathBuf {
    crate::shipped::dataset_dir()
}

/// The shipped LOSI item catalogue (see [`crate::shipped`]).
#[must_use]
pub fn shipped_losi_items() -> PathBuf {
    crate::shipped::losi_items()
}

/// Reads and validates a native dataset folder.
///
/// # Errors
/// Every validation problem, or the I/O error naming the file.
pub fn read_native_dir(dir: &Path) -> Result<Dataset, LoadError> {
    if !dir.is_dir() {
        return Err(LoadError {
            path: dir.to_path_buf(),
            message: "this is not a folder: a native dataset is a folder with framework.toml, units.csv, values.csv and sources.csv".into(),
            problems: Vec::new(),
        });
    }
    govgap::io::read_native_dir(dir).map_err(|e| LoadError::from_core(dir, e))
}

/// Reads a COINr iData/iMeta pair (CSV or XLSX).
///
/// # Errors
/// Every validation problem, or the I/O error naming the file.
pub fn read_coinr(data: &Path, meta: &Path) -> Result<Dataset, LoadError> {
    govgap::io::read_coinr(data, meta).map_err(|e| LoadError::from_core(data, e))
}

/// One region of the map: a unit code and its polygons (outer rings, lon/lat).
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    /// Unit code.
    pub code: String,
    /// Outer rings of its polygons, `[lon, lat]`.
    pub rings: Vec<Vec<[f64; 2]>>,
}

/// Boundaries of a dataset's units.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Geometry {
    /// Regions, sorted by code.
    pub regions: Vec<Region>,
}

/// Reads the boundaries shipped in a dataset folder (`*.geojson`), if any.
///
/// # Errors
/// [`CoreError::Unavailable`] while core has no GeoJSON reader; a parse error naming the file.
pub fn read_geometry(dir: &Path) -> Result<Option<Geometry>, CoreError> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(None);
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("geojson")))
        .collect();
    files.sort();
    let Some(file) = files.first() else { return Ok(None) };
    // FORMAT.md: the code property is `code` by default; the census-derived files use `city_code`
    let regions = govgap::io::read_geojson(file, "code").or_else(|_| govgap::io::read_geojson(file, "city_code"))?;
    let mut regions: Vec<Region> = regions
        .into_iter()
        .map(|r| Region {
            code: r.code,
            rings: r.polygons.into_iter().filter_map(|p| p.into_iter().next()).collect(),
        })
        .collect();
    regions.sort_by(|a, b| a.code.cmp(&b.code));
    Ok(Some(Geometry { regions }))
}

/// Runs the index pipeline.
///
/// # Errors
/// Core's message (unknown codes, degenerate data, a method's domain error).
pub fn run_pipeline(ds: &Dataset, settings: &Settings) -> Result<Results, CoreError> {
    Ok(govgap::pipeline::run(ds, settings)?)
}

/// Re-runs only the stages of `base` that `settings` change (`govgap::pipeline::rerun`): a weight
/// slider re-aggregates, a normaliser switch re-normalises, anything else runs the whole pipeline.
///
/// # Errors
/// Core's message, as [`run_pipeline`].
pub fn rerun_pipeline(ds: &Dataset, base: &Results, settings: &Settings) -> Result<Results, CoreError> {
    Ok(govgap::pipeline::rerun(ds, base, settings)?)
}

/// A named scalar inequality measure.
#[derive(Debug, Clone, PartialEq)]
pub struct GapValue {
    /// Which measure.
    pub measure: GapMeasure,
    /// Its value, or why there is none.
    pub value: Result<f64, CoreError>,
}

/// The headline inequality measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GapMeasure {
    /// Gini coefficient.
    Gini,
    /// Theil T.
    TheilT,
    /// Theil L (mean log deviation).
    TheilL,
    /// Coefficient of variation.
    Cv,
    /// Standard deviation.
    Sd,
    /// Range (max - min).
    Range,
    /// Max / min ratio.
    MaxMinRatio,
    /// Atkinson, epsilon = 1.
    Atkinson1,
}

impl GapMeasure {
    /// The headline measures, in display order.
    pub const ALL: [GapMeasure; 8] = [
        GapMeasure::Gini,
        GapMeasure::TheilT,
        GapMeasure::TheilL,
        GapMeasure::Cv,
        GapMeasure::Sd,
        GapMeasure::Range,
        GapMeasure::MaxMinRatio,
        GapMeasure::Atkinson1,
    ];
}

/// Computes a measure of `values` (one per unit).
fn gap_measure(m: GapMeasure, v: &[f64]) -> Result<f64, CoreError> {
    use govgap::gap;
    let pop = gap::Ddof::Population;
    Ok(match m {
        GapMeasure::Gini => gap::gini(v, None)?.value,
        GapMeasure::TheilT => gap::theil_t(v, None)?.value,
        GapMeasure::TheilL => gap::theil_l(v, None)?.value,
        GapMeasure::Cv => gap::coefficient_of_variation(v, None, pop)?.value,
        GapMeasure::Sd => gap::standard_deviation(v, None, pop)?.value,
        GapMeasure::Range => gap::range(v)?.range,
        GapMeasure::MaxMinRatio => gap::max_min_ratio(v)?,
        GapMeasure::Atkinson1 => gap::atkinson(v, None, 1.0)?.value,
    })
}

/// Every headline measure of `values`.
#[must_use]
pub fn gap_measures(values: &[f64]) -> Vec<GapValue> {
    GapMeasure::ALL
        .iter()
        .map(|&m| GapValue {
            measure: m,
            value: gap_measure(m, values),
        })
        .collect()
}

/// The Lorenz curve of `values`: (population share, value share) points from the origin.
///
/// # Errors
/// Unavailable, or core's message for degenerate input.
pub fn lorenz(values: &[f64]) -> Result<Vec<[f64; 2]>, CoreError> {
    Ok(govgap::gap::lorenz_curve(values, None)?
        .into_iter()
        .map(|p| [p.population_share, p.value_share])
        .collect())
}

/// One group of a decomposition.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupShare {
    /// Group label.
    pub label: String,
    /// Number of units.
    pub n: usize,
    /// Mean value in the group.
    pub mean: f64,
    /// The group's own inequality.
    pub inequality: f64,
    /// Its contribution to within-group inequality.
    pub within_contribution: f64,
}

/// A between/within decomposition (Theil T).
#[derive(Debug, Clone, PartialEq)]
pub struct Decomposition {
    /// Total inequality.
    pub total: f64,
    /// Between-group part.
    pub between: f64,
    /// Within-group part.
    pub within: f64,
    /// Groups, sorted by label.
    pub groups: Vec<GroupShare>,
}

/// Decomposes Theil T of `values` by the group `labels` (one per value).
///
/// # Errors
/// Unavailable, or core's message.
pub fn decompose(values: &[f64], labels: &[String]) -> Result<Decomposition, CoreError> {
    let d = govgap::gap::theil_decomposition(values, labels, None, govgap::gap::TheilIndex::T)?;
    Ok(Decomposition {
        total: d.total,
        between: d.between,
        within: d.within,
        groups: d
            .groups
            .into_iter()
            .map(|g| GroupShare {
                label: g.label,
                n: g.n,
                mean: g.mean,
                inequality: g.theil,
                within_contribution: g.within_contribution,
            })
            .collect(),
    })
}

/// Spatial autocorrelation of one score over the map.
#[derive(Debug, Clone, PartialEq)]
pub struct SpatialSummary {
    /// Global Moran's I.
    pub morans_i: f64,
    /// Its permutation p-value.
    pub p_value: Option<f64>,
    /// Number of units with boundaries that entered.
    pub n: usize,
    /// Local Moran quadrant per unit code, and whether it is significant.
    pub clusters: Vec<(String, govgap::spatial::Quadrant, bool)>,
}

/// Permutations of the spatial tests.
const PERMUTATIONS: usize = 499;
/// Seed of the spatial permutation tests (fixed: the same data gives the same p-values).
const SPATIAL_SEED: u64 = 20_240_601;

/// Global Moran's I and local Moran clusters of `values` (by unit code), on queen contiguity of the
/// units that have boundaries.
///
/// # Errors
/// Core's message (too few units, all values equal, an island).
pub fn spatial(geo: &Geometry, values: &[(String, f64)]) -> Result<SpatialSummary, CoreError> {
    let mut codes = Vec::new();
    let mut y = Vec::new();
    let mut polygons: Vec<Vec<Vec<Vec<[f64; 2]>>>> = Vec::new();
    for (code, v) in values {
        if let Some(r) = geo.regions.iter().find(|r| &r.code == code) {
            codes.push(code.clone());
            y.push(*v);
            polygons.push(r.rings.iter().map(|ring| vec![ring.clone()]).collect());
        }
    }
    let w = govgap::spatial::SpatialWeights::from_neighbours(govgap::spatial::queen_contiguity(&polygons, 1e-6))?;
    let m = govgap::spatial::moran(&y, &w, PERMUTATIONS, SPATIAL_SEED)?;
    let l = govgap::spatial::local_moran(&y, &w, PERMUTATIONS, SPATIAL_SEED, 0.05)?;
    Ok(SpatialSummary {
        morans_i: m.i,
        p_value: m.permutation.map(|p| p.p_value),
        n: y.len(),
        clusters: l
            .units
            .iter()
            .map(|u| (codes[u.unit].clone(), u.quadrant, u.significant))
            .collect(),
    })
}

/// Sigma and beta convergence over the years of a run.
#[derive(Debug, Clone, PartialEq)]
pub struct ConvergenceSummary {
    /// Dispersion (coefficient of variation) per year.
    pub sigma: Vec<(i32, f64)>,
    /// Beta coefficient of growth on the initial level (negative = catching up).
    pub beta: Option<f64>,
}

/// Convergence of node `node`'s score over the years of `res` in which at least two units have one:
/// σ (core's `dynamics::sigma_convergence`) and absolute β between the first and the last of those
/// years over the units scored in both (`dynamics::beta_convergence`).
///
/// # Errors
/// Core's message (e.g. a zero score: both need strictly positive values, which min-max
/// normalisation does not give its lowest unit).
pub fn convergence(res: &Results, node: usize) -> Result<ConvergenceSummary, CoreError> {
    let mut years = Vec::new();
    let mut panel: Vec<Vec<f64>> = Vec::new();
    let mut by_year: Vec<BTreeMap<String, f64>> = Vec::new();
    for y in res.years().into_iter().flatten() {
        let rows = res.ranking_in(node, Some(y));
        if rows.len() >= 2 {
            years.push(y);
            panel.push(rows.iter().map(|r| r.score).collect());
            by_year.push(rows.into_iter().map(|r| (r.unit_code, r.score)).collect());
        }
    }
    let sigma = govgap::dynamics::sigma_convergence(&years, &panel)?;
    let beta = match (years.first(), years.last(), by_year.first(), by_year.last()) {
        (Some(&y0), Some(&y1), Some(first), Some(last)) if y1 > y0 => {
            let both: Vec<(f64, f64)> = first
                .iter()
                .filter_map(|(c, &v0)| last.get(c).map(|&v1| (v0, v1)))
                .collect();
            let initial: Vec<f64> = both.iter().map(|p| p.0).collect();
            let fin: Vec<f64> = both.iter().map(|p| p.1).collect();
            govgap::dynamics::beta_convergence(&initial, &fin, f64::from(y1 - y0))
                .ok()
                .map(|b| b.beta)
        }
        _ => None,
    };
    Ok(ConvergenceSummary {
        sigma: sigma.years.iter().map(|s| (s.year, s.cv)).collect(),
        beta,
    })
}

/// A unit's rank under uncertainty.
#[derive(Debug, Clone, PartialEq)]
pub struct RankInterval {
    /// Unit code.
    pub unit_code: String,
    /// Rank in the nominal run.
    pub nominal: Option<u32>,
    /// Median rank.
    pub median: f64,
    /// 5th percentile.
    pub low: f64,
    /// 95th percentile.
    pub high: f64,
}

/// Monte Carlo uncertainty analysis of the index ranks: `samples` runs with `seed`, reporting
/// progress to and checking cancellation on `ctl`.
///
/// # Errors
/// Unavailable, [`govgap::Error::Cancelled`] as a message, or core's message.
pub fn uncertainty(
    ds: &Dataset,
    settings: &Settings,
    year: Option<i32>,
    samples: usize,
    seed: u64,
    ctl: &JobCtl,
) -> Result<Vec<RankInterval>, CoreError> {
    use govgap::uncertainty::{UaSpec, run_ua};
    // the run as shown (every year it selects, so that a panel is normalised as in the views, and
    // the nominal ranks are the ones the ranking shows), summarised in the year shown
    let spec = UaSpec {
        reps: samples,
        seed,
        year,
        ..UaSpec::default()
    };
    let progress = |done: usize, total: usize| {
        ctl.progress(done, total);
        !ctl.is_cancelled()
    };
    let ua = run_ua(ds, settings, &spec, &progress)?;
    let node = ua
        .node(&ua.index_code)
        .ok_or_else(|| CoreError::Failed("the analysis returned no index".into()))?;
    Ok(node
        .units
        .iter()
        .filter_map(|u| {
            let r = u.rank?;
            Some(RankInterval {
                unit_code: u.unit_code.clone(),
                nominal: u.nominal_rank,
                median: r.median,
                low: r.q05,
                high: r.q95,
            })
        })
        .collect())
}

/// Charts the dashboard can export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    /// Ranking bar chart of the index.
    Ranking,
    /// Choropleth map.
    Map,
    /// Stacked dimension bars.
    Dimensions,
    /// Lorenz curve.
    Lorenz,
    /// Rank intervals.
    RankIntervals,
}

/// What an exported chart is drawn from.
#[derive(Debug, Clone, Copy)]
pub struct ExportInput<'a> {
    /// The dataset (unit names).
    pub ds: &'a Dataset,
    /// The current results.
    pub res: &'a Results,
    /// The year shown.
    pub year: Option<i32>,
    /// The node shown (map, Lorenz).
    pub node: usize,
    /// Label language.
    pub lang: govgap::Lang,
    /// Boundaries, for the map.
    pub geometry: Option<&'a Geometry>,
    /// Rank intervals, for the uncertainty chart.
    pub intervals: Option<&'a [RankInterval]>,
}

/// Draws a chart with core's `chart` module and writes it atomically: SVG if `path` ends in `.svg`,
/// PNG otherwise.
///
/// # Errors
/// Core's chart or I/O error; [`CoreError::Failed`] if the chart has no data.
pub fn export_chart(kind: ChartKind, input: &ExportInput<'_>, path: &Path) -> Result<(), CoreError> {
    use govgap::chart::{self, ChartOptions, Datum, SourceGrade, Target};
    let ExportInput {
        ds,
        res,
        year,
        node,
        lang,
        geometry,
        intervals,
    } = *input;
    let target = if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("svg")) {
        Target::Svg
    } else {
        Target::Png
    };
    let opts = ChartOptions::new(lang);
    let name = |code: &str| {
        ds.unit_position(code)
            .map_or_else(|| code.to_string(), |u| ds.units()[u].name(lang).to_string())
    };
    let datum = |v: Option<f64>| Datum {
        value: v,
        grade: SourceGrade::Primary,
    };
    let root = res.index_node();
    let rendered = match kind {
        ChartKind::Ranking | ChartKind::Dimensions => {
            let dims = res.framework.children(root).to_vec();
            let units = res
                .ranking_in(root, year)
                .into_iter()
                .map(|r| chart::RankedUnit {
                    label: name(&r.unit_code),
                    score: datum(Some(r.score)),
                    contributions: dims
                        .iter()
                        .map(|&d| res.score(d, r.row).map(|v| v * res.weights[d]))
                        .collect(),
                })
                .collect();
            let data = chart::RankedBars {
                dimensions: dims
                    .iter()
                    .map(|&d| res.framework.nodes()[d].name(lang).to_string())
                    .collect(),
                units,
            };
            chart::ranked_bars(&data, &opts, target)?
        }
        ChartKind::Map => {
            let geo = geometry.ok_or_else(|| CoreError::Failed("this dataset has no boundaries to map".into()))?;
            let scores: BTreeMap<String, f64> = res
                .ranking_in(node, year)
                .into_iter()
                .map(|r| (r.unit_code, r.score))
                .collect();
            let regions = geo
                .regions
                .iter()
                .map(|g| chart::Region {
                    label: name(&g.code),
                    polygons: g.rings.iter().map(|r| vec![r.clone()]).collect(),
                    value: datum(scores.get(&g.code).copied()),
                })
                .collect();
            let data = chart::Choropleth {
                regions,
                method: chart::ClassMethod::Quantile,
                classes: 5,
                value_label: res.framework.nodes()[node].name(lang).to_string(),
            };
            chart::choropleth(&data, &opts, target)?
        }
        ChartKind::Lorenz => {
            let values: Vec<f64> = res.ranking_in(node, year).into_iter().map(|r| r.score).collect();
            let gini = govgap::gap::gini(&values, None).ok().map(|g| g.value);
            let label = year.map_or_else(|| res.framework.nodes()[node].name(lang).to_string(), |y| y.to_string());
            let data = chart::Lorenz {
                series: vec![chart::LorenzSeries {
                    label,
                    values,
                    weights: None,
                    gini,
                }],
            };
            chart::lorenz(&data, &opts, target)?
        }
        ChartKind::RankIntervals => {
            let iv = intervals.ok_or_else(|| CoreError::Failed("run the uncertainty analysis first".into()))?;
            let data = chart::RankIntervals {
                units: iv
                    .iter()
                    .map(|r| chart::RankInterval {
                        label: name(&r.unit_code),
                        nominal: r.nominal.map(f64::from),
                        median: Some(r.median),
                        interval_5_95: Some((r.low, r.high)),
                    })
                    .collect(),
            };
            chart::rank_intervals(&data, &opts, target)?
        }
    };
    Ok(govgap::io::write_bytes_atomic(path, rendered.as_bytes())?)
}

// ----- LOSI ---------------------------------------------------------------------------------------

/// One item of the LOSI questionnaire.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LosiItem {
    /// Stable item code.
    pub code: String,
    /// Criterion code.
    pub criterion: String,
    /// Criterion name in English.
    pub criterion_en: String,
    /// Criterion name in Chinese.
    pub criterion_zh: String,
    /// Short name in English.
    pub name_en: String,
    /// Short name in Chinese.
    pub name_zh: String,
    /// What to look for.
    pub description: String,
}

impl LosiItem {
    /// The name in `lang`, falling back to English.
    #[must_use]
    pub fn name(&self, lang: govgap::Lang) -> &str {
        match lang {
            govgap::Lang::Zh if !self.name_zh.is_empty() => &self.name_zh,
            _ => &self.name_en,
        }
    }
    /// The criterion's name in `lang`, falling back to English, then the code.
    #[must_use]
    pub fn criterion_name(&self, lang: govgap::Lang) -> &str {
        match lang {
            govgap::Lang::Zh if !self.criterion_zh.is_empty() => &self.criterion_zh,
            _ if !self.criterion_en.is_empty() => &self.criterion_en,
            _ => &self.criterion,
        }
    }
}

/// The questionnaire of one LOSI edition.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LosiCatalogue {
    /// Edition year (2024 ...).
    pub edition: i32,
    /// Items in questionnaire order.
    pub items: Vec<LosiItem>,
}

/// Reads the LOSI item catalogue (core's edition, [`govgap::losi::EDITION`]).
///
/// # Errors
/// The I/O or parse error naming the file.
pub fn read_losi_items(path: &Path) -> Result<LosiCatalogue, LoadError> {
    let items = govgap::io::read_losi_items(path).map_err(|e| LoadError::from_core(path, e))?;
    Ok(LosiCatalogue {
        edition: govgap::losi::EDITION,
        items: items
            .into_iter()
            .map(|i| LosiItem {
                code: i.item,
                criterion: i.criterion,
                criterion_en: i.criterion_en,
                criterion_zh: i.criterion_zh,
                name_en: i.name_en,
                name_zh: i.name_zh,
                description: i.look_for,
            })
            .collect(),
    })
}

/// A planner's finding for one item.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LosiEntry {
    /// Whether the portal meets the item.
    pub met: bool,
    /// Where the evidence is (a URL).
    pub evidence_url: String,
}

/// A LOSI assessment: per unit code, per item code, the finding.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LosiAssessment {
    /// Year of the assessment (0 = not set; the edition is used when saving).
    pub year: i32,
    /// Findings: unit code → item code → entry.
    pub units: BTreeMap<String, BTreeMap<String, LosiEntry>>,
}

/// Reads an assessment file (`unit,year,item,met,evidence_url,assessor,date`); with several years,
/// the latest is kept.
///
/// # Errors
/// The I/O or parse error naming the file.
pub fn read_assessment(path: &Path) -> Result<LosiAssessment, LoadError> {
    let rows = govgap::io::read_losi_assessment(path).map_err(|e| LoadError::from_core(path, e))?;
    let year = rows.iter().map(|r| r.year).max().unwrap_or(0);
    let mut a = LosiAssessment {
        year,
        units: BTreeMap::new(),
    };
    for r in rows.into_iter().filter(|r| r.year == year) {
        a.units.entry(r.unit).or_default().insert(
            r.item,
            LosiEntry {
                met: r.met,
                evidence_url: r.evidence_url,
            },
        );
    }
    Ok(a)
}

/// Writes an assessment atomically (core writes a temporary file, then renames it).
///
/// # Errors
/// The I/O error naming the file.
pub fn write_assessment(path: &Path, a: &LosiAssessment) -> Result<(), CoreError> {
    let year = if a.year == 0 { govgap::losi::EDITION } else { a.year };
    let rows: Vec<govgap::io::LosiAssessmentRow> = a
        .units
        .iter()
        .flat_map(|(unit, items)| {
            items.iter().map(move |(item, e)| govgap::io::LosiAssessmentRow {
                unit: unit.clone(),
                year,
                item: item.clone(),
                met: e.met,
                evidence_url: e.evidence_url.clone(),
                ..Default::default()
            })
        })
        .collect();
    Ok(govgap::io::write_losi_assessment(path, &rows)?)
}

/// A LOSI score by the UN rule (core's).
pub type LosiScore = govgap::losi::LosiScore;

/// Scores one unit's findings (items not yet assessed count as not met).
///
/// # Errors
/// Core's message (an unknown item, an empty questionnaire).
pub fn losi_score(cat: &LosiCatalogue, findings: &BTreeMap<String, LosiEntry>) -> Result<LosiScore, CoreError> {
    let items: Vec<(String, String)> = cat
        .items
        .iter()
        .map(|i| (i.criterion.clone(), i.code.clone()))
        .collect();
    let met: BTreeMap<String, bool> = findings.iter().map(|(k, e)| (k.clone(), e.met)).collect();
    Ok(govgap::losi::score(&items, &met)?)
}

/// A benchmark city's published LOSI figure.
#[derive(Debug, Clone, PartialEq)]
pub struct LosiBenchmark {
    /// Unit code.
    pub unit: String,
    /// Framework node position of the figure.
    pub node: usize,
    /// The value.
    pub value: f64,
}

/// The benchmark units' published LOSI figures of `edition` (framework nodes `losi<edition>_*`);
/// other editions are never compared (`govgap::losi::comparable`).
#[must_use]
pub fn losi_benchmarks(ds: &Dataset, edition: i32) -> Vec<LosiBenchmark> {
    if !govgap::losi::comparable(edition) {
        return Vec::new();
    }
    let prefix = format!("losi{edition}_");
    let fw = ds.framework();
    let nodes: Vec<usize> = fw
        .measured()
        .filter(|&k| fw.nodes()[k].code.starts_with(&prefix))
        .collect();
    let mut out = Vec::new();
    for (r, o) in ds.obs().iter().enumerate() {
        let u = &ds.units()[o.unit];
        if !u.benchmark {
            continue;
        }
        for &k in &nodes {
            if let Some(c) = ds.column(k).get(r) {
                out.push(LosiBenchmark {
                    unit: u.code.clone(),
                    node: k,
                    value: c.value,
                });
            }
        }
    }
    out
}

// ----- settings files -----------------------------------------------------------------------------

/// Writes settings as TOML (atomically).
///
/// # Errors
/// The I/O error naming the file.
pub fn write_settings(path: &Path, settings: &Settings) -> Result<(), CoreError> {
    let text = settings.to_toml()?;
    write_atomic(path, &text)
}

/// Reads settings from TOML.
///
/// # Errors
/// The I/O or TOML error naming the file.
pub fn read_settings(path: &Path) -> Result<Settings, LoadError> {
    govgap::io::read_settings(path).map_err(|e| LoadError::from_core(path, e))
}

fn write_atomic(path: &Path, text: &str) -> Result<(), CoreError> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, text).map_err(|e| CoreError::Failed(format!("{}: {e}", tmp.display())))?;
    std::fs::rename(&tmp, path).map_err(|e| CoreError::Failed(format!("{}: {e}", path.display())))
}

// ----- coverage -----------------------------------------------------------------------------------

/// Share of the index's indicators with a value, per unit code, in `year` (`None`: each unit's latest
/// year).
#[must_use]
pub fn coverage(ds: &Dataset, year: Option<i32>) -> BTreeMap<String, f64> {
    let indicators: Vec<usize> = ds.framework().indicators().collect();
    let mut out = BTreeMap::new();
    if indicators.is_empty() {
        return out;
    }
    for (r, o) in ds
        .obs()
        .iter()
        .enumerate()
        .filter(|(_, o)| year.is_none() || o.year == year)
    {
        let present = indicators.iter().filter(|&&k| ds.column(k).get(r).is_some()).count();
        // rows are sorted by (unit, year): the last row of a unit is its latest year
        out.insert(
            ds.units()[o.unit].code.clone(),
            present as f64 / indicators.len() as f64,
        );
    }
    out
}

/// Share of the indicators under each aggregate with a value, per unit code and aggregate position,
/// in `year` (`None`: each unit's latest year), for the coverage matrix.
#[must_use]
pub fn coverage_by_aggregate(ds: &Dataset, year: Option<i32>) -> BTreeMap<(String, usize), f64> {
    let fw = ds.framework();
    let mut out = BTreeMap::new();
    for a in fw.aggregates() {
        let leaves: Vec<usize> = fw
            .leaves_under(a)
            .into_iter()
            .filter(|&k| ds.column(k).len() == ds.obs().len())
            .collect();
        if leaves.is_empty() {
            continue;
        }
        for (r, o) in ds
            .obs()
            .iter()
            .enumerate()
            .filter(|(_, o)| year.is_none() || o.year == year)
        {
            let present = leaves.iter().filter(|&&k| ds.column(k).value(r).is_some()).count();
            out.insert(
                (ds.units()[o.unit].code.clone(), a),
                present as f64 / leaves.len() as f64,
            );
        }
    }
    out
}
