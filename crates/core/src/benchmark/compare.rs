use std::collections::BTreeSet;

use crate::model::{Cell, NodeRole, Quality};
use crate::{Dataset, Error, Result};

/// One indicator compared between a unit and a benchmark.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorGap {
    /// Indicator code.
    pub indicator: String,
    /// The unit's latest value (at or before the chosen year) and its year.
    pub unit_value: Option<(f64, Option<i32>)>,
    /// The benchmark's latest value and its year.
    pub bench_value: Option<(f64, Option<i32>)>,
    /// The unit's value on the indicator's goalposts, 0..=100 (direction applied).
    pub unit_score: Option<f64>,
    /// The benchmark's value on the goalposts, 0..=100.
    pub bench_score: Option<f64>,
    /// `bench_score - unit_score` (positive: the unit is behind), when both exist.
    pub gap: Option<f64>,
    /// Quality flags of the two values.
    pub quality: (Option<Quality>, Option<Quality>),
    /// Source ids of the two values.
    pub sources: (Option<String>, Option<String>),
}

/// A dimension compared on the indicators both units have.
#[derive(Debug, Clone, PartialEq)]
pub struct DimensionGap {
    /// Dimension (aggregate) code.
    pub dimension: String,
    /// Weighted mean goalpost score of the unit over the shared indicators.
    pub unit_score: Option<f64>,
    /// The same for the benchmark.
    pub bench_score: Option<f64>,
    /// `bench_score - unit_score`.
    pub gap: Option<f64>,
    /// Indicators the comparison rests on (both have a value and the indicator has goalposts).
    pub shared: Vec<String>,
    /// Of those, how many rest on at least one `secondary` value.
    pub n_secondary: usize,
}

/// A unit against a benchmark.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// Unit code.
    pub unit: String,
    /// Benchmark code.
    pub benchmark: String,
    /// Per indicator (framework order), every indicator either has a value for.
    pub indicators: Vec<IndicatorGap>,
    /// Per aggregate directly above indicators (framework order).
    pub dimensions: Vec<DimensionGap>,
    /// Distinct source ids behind the compared values, sorted.
    pub sources: Vec<String>,
}

/// The latest value of node `k` for unit `u` at or before `year` (`None` = any year).
///
/// # Example
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/heilongjiang");
/// let ds = govgap::io::read_native_dir(&dir)?;
/// let harbin = ds.unit_position("230100").ok_or("no Harbin")?;
/// let k = ds.framework().position("inf17_network").ok_or("no such indicator")?;
/// let latest = govgap::benchmark::latest_value(&ds, harbin, k, Some(2020));
/// assert_eq!(latest.map(|(_, year)| year), Some(Some(2017)));
/// # Ok(())
/// # }
/// ```
#[must_use]
pub fn latest_value(ds: &Dataset, u: usize, k: usize, year: Option<i32>) -> Option<(Cell, Option<i32>)> {
    let col = ds.column(k);
    ds.obs()
        .iter()
        .enumerate()
        .filter(|(_, o)| o.unit == u && (year.is_none() || o.year.is_none() || o.year <= year))
        .filter_map(|(r, o)| col.get(r).map(|c| (c, o.year)))
        .max_by_key(|(_, y)| *y)
}

fn goalpost_score(ds: &Dataset, k: usize, v: f64) -> Option<f64> {
    let node = &ds.framework().nodes()[k];
    let g = node.goalposts?;
    let s = match node.direction {
        crate::model::Direction::Positive => (v - g.low) / (g.high - g.low),
        crate::model::Direction::Negative => (g.high - v) / (g.high - g.low),
    };
    Some(100.0 * s.clamp(0.0, 1.0))
}

/// Compares unit `unit` with benchmark `benchmark` (codes) on every indicator, using each one's
/// latest value at or before `year`.
///
/// ```text
/// score_k(v) = 100 * clamp((v - low_k) / (high_k - low_k), 0, 1)     (direction +1)
///            = 100 * clamp((high_k - v) / (high_k - low_k), 0, 1)    (direction -1)
/// gap_k      = score_k(benchmark) - score_k(unit)
/// gap_dim    = sum_k w_k gap_k / sum_k w_k   over indicators k of the dimension both have
/// ```
///
/// Only indicators with goalposts are scored: without a natural scale, a value of a Chinese
/// prefecture and of a foreign city cannot be put on one scale honestly. Such indicators still
/// appear with their raw values and `gap = None`.
///
/// # Errors
/// [`Error::Settings`] if a code is not a unit of the dataset.
pub fn compare(ds: &Dataset, unit: &str, benchmark: &str, year: Option<i32>) -> Result<Comparison> {
    let u = ds
        .unit_position(unit)
        .ok_or_else(|| Error::Settings(format!("unknown unit '{unit}'")))?;
    let b = ds
        .unit_position(benchmark)
        .ok_or_else(|| Error::Settings(format!("unknown benchmark '{benchmark}'")))?;
    let fw = ds.framework();
    let src = |c: &Cell| ds.sources().get(c.source as usize).map(|s| s.id.clone());
    let mut indicators = Vec::new();
    let mut sources = BTreeSet::new();
    for k in fw.indicators() {
        let uv = latest_value(ds, u, k, year);
        let bv = latest_value(ds, b, k, year);
        if uv.is_none() && bv.is_none() {
            continue;
        }
        let unit_score = uv.and_then(|(c, _)| goalpost_score(ds, k, c.value));
        let bench_score = bv.and_then(|(c, _)| goalpost_score(ds, k, c.value));
        for (c, _) in uv.iter().chain(bv.iter()) {
            if let Some(s) = src(c) {
                sources.insert(s);
            }
        }
        indicators.push(IndicatorGap {
            indicator: fw.nodes()[k].code.clone(),
            unit_value: uv.map(|(c, y)| (c.value, y)),
            bench_value: bv.map(|(c, y)| (c.value, y)),
            unit_score,
            bench_score,
            gap: match (unit_score, bench_score) {
                (Some(a), Some(b)) => Some(b - a),
                _ => None,
            },
            quality: (uv.map(|(c, _)| c.quality), bv.map(|(c, _)| c.quality)),
            sources: (
                uv.as_ref().and_then(|(c, _)| src(c)),
                bv.as_ref().and_then(|(c, _)| src(c)),
            ),
        });
    }
    let mut dimensions = Vec::new();
    for a in fw.aggregates() {
        let kids = fw.children(a);
        if kids.iter().all(|&c| fw.nodes()[c].role == NodeRole::Aggregate) {
            continue;
        }
        let mut shared = Vec::new();
        let (mut su, mut sb, mut sw, mut n_secondary) = (0.0, 0.0, 0.0, 0);
        for &c in kids {
            let code = &fw.nodes()[c].code;
            if let Some(g) = indicators.iter().find(|g| &g.indicator == code)
                && let (Some(us), Some(bs)) = (g.unit_score, g.bench_score)
            {
                let w = fw.nodes()[c].weight;
                su += w * us;
                sb += w * bs;
                sw += w;
                shared.push(code.clone());
                if g.quality.0 == Some(Quality::Secondary) || g.quality.1 == Some(Quality::Secondary) {
                    n_secondary += 1;
                }
            }
        }
        let (us, bs) = if sw > 0.0 {
            (Some(su / sw), Some(sb / sw))
        } else {
            (None, None)
        };
        dimensions.push(DimensionGap {
            dimension: fw.nodes()[a].code.clone(),
            unit_score: us,
            bench_score: bs,
            gap: us.zip(bs).map(|(a, b)| b - a),
            shared,
            n_secondary,
        });
    }
    Ok(Comparison {
        unit: unit.to_string(),
        benchmark: benchmark.to_string(),
        indicators,
        dimensions,
        sources: sources.into_iter().collect(),
    })
}
