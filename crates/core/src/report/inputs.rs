//! Chart inputs built from a run: one small function per chart, then [`plan`] lists the charts to
//! draw.

use std::collections::{BTreeMap, BTreeSet};

use super::text::{T, group_label};
use super::{ChartJob, Ctx, html};
use crate::benchmark::{Comparison, latest_value};
use crate::chart::labels::Label;
use crate::chart::{
    self, Choropleth, ClassMethod, Coverage, CoverageCell, Datum, Decomposition, DecompositionBar,
    DecompositionMeasure, Densities, DensitySeries, Heatmap, Lorenz, LorenzSeries, Radar, RadarSeries, RankInterval,
    RankIntervals, RankedBars, RankedUnit, Region, SourceGrade, TrendNote, TrendSeries, Trends,
};
use crate::model::{NodeRole, Quality};
use crate::uncertainty::UaResults;

/// The charts of a report, by role, as relative paths.
#[derive(Debug, Clone, Default)]
pub(crate) struct Charts {
    pub ranking: Option<String>,
    pub map: Option<String>,
    pub heatmap: Option<String>,
    pub lorenz: Option<String>,
    pub theil: Option<String>,
    pub dagum: Option<String>,
    pub coverage: Option<String>,
    pub rank_intervals: Option<String>,
    pub densities: Option<String>,
    /// (indicator code, path).
    pub trends: Vec<(String, String)>,
    /// Unit code → radar against the province average.
    pub radar: BTreeMap<String, String>,
    /// Unit code → radar on goalposts against benchmarks.
    pub radar_goalposts: BTreeMap<String, String>,
}

/// What to draw and where the pages find it.
pub(crate) struct Plan {
    pub jobs: Vec<ChartJob>,
    pub charts: Charts,
    /// Charts left out and why (shown on the overview).
    pub skipped: Vec<String>,
}

fn grade_of(quality: Quality) -> SourceGrade {
    if quality == Quality::Secondary {
        SourceGrade::Secondary
    } else {
        SourceGrade::Primary
    }
}

/// Whether node `node`'s value in row `row` rests on a secondary-source value.
fn grade(ctx: &Ctx<'_>, node: usize, row: usize) -> SourceGrade {
    let fw = &ctx.res.framework;
    let leaves = if fw.nodes()[node].role == crate::model::NodeRole::Aggregate {
        fw.leaves_under(node)
    } else {
        vec![node]
    };
    let secondary = leaves
        .into_iter()
        .filter(|&k| ctx.res.effective_weights.get(k).copied().unwrap_or(0.0) > 0.0 || k == node)
        .filter_map(|k| ctx.used_cell(k, row))
        .any(|(c, _)| c.quality == Quality::Secondary);
    if secondary {
        SourceGrade::Secondary
    } else {
        SourceGrade::Primary
    }
}

fn datum(ctx: &Ctx<'_>, node: usize, row: usize) -> Datum {
    match ctx.res.score(node, row) {
        Some(v) => Datum {
            value: Some(v),
            grade: grade(ctx, node, row),
        },
        None => Datum::MISSING,
    }
}

/// Units sorted by index rank (units without a score last), then code.
fn by_rank<'c>(ctx: &'c Ctx<'_>) -> Vec<&'c super::UnitRow> {
    let mut v: Vec<&super::UnitRow> = ctx.units.iter().collect();
    v.sort_by(|a, b| {
        a.rank
            .unwrap_or(u32::MAX)
            .cmp(&b.rank.unwrap_or(u32::MAX))
            .then_with(|| a.code.cmp(&b.code))
    });
    v
}

/// Ranked bars of the index, stacked by each dimension's contribution (effective weight × score);
/// dimensions without data in the run (effective weight 0) are left out.
pub(crate) fn ranked_bars(ctx: &Ctx<'_>) -> RankedBars {
    let ew = &ctx.res.effective_weights;
    let dims: Vec<usize> = ctx
        .dims
        .iter()
        .copied()
        .filter(|&d| ew.get(d).copied().unwrap_or(0.0) > 0.0)
        .collect();
    RankedBars {
        dimensions: dims.iter().map(|&d| ctx.node_name(d).to_string()).collect(),
        units: ctx
            .units
            .iter()
            .map(|u| RankedUnit {
                label: ctx.unit_name(u.pos).to_string(),
                score: datum(ctx, ctx.root, u.row),
                contributions: dims
                    .iter()
                    .map(|&d| ctx.res.score(d, u.row).map(|s| ew[d] * s))
                    .collect(),
            })
            .collect(),
    }
}

/// The index on the unit boundaries, quantile classes; units without a score (or boundaries without
/// a unit in the run) hatched. `None` without boundaries that match a unit.
pub(crate) fn choropleth(ctx: &Ctx<'_>) -> Option<Choropleth> {
    let by_code: BTreeMap<&str, &super::UnitRow> = ctx.units.iter().map(|u| (u.code.as_str(), u)).collect();
    if !ctx.opts.regions.iter().any(|r| by_code.contains_key(r.code.as_str())) {
        return None;
    }
    let regions = ctx
        .opts
        .regions
        .iter()
        .map(|r| Region {
            label: ctx.unit_name_of(&r.code),
            polygons: r.polygons.clone(),
            value: by_code
                .get(r.code.as_str())
                .map_or(Datum::MISSING, |u| datum(ctx, ctx.root, u.row)),
        })
        .collect();
    Some(Choropleth {
        regions,
        method: ClassMethod::Quantile,
        classes: 5,
        value_label: format!("{} {}", ctx.node_name(ctx.root), T::Score.text(ctx.lang)),
    })
}

/// Units (by rank) × every dimension (those without data hatched), 0–100.
pub(crate) fn heatmap(ctx: &Ctx<'_>) -> Heatmap {
    let units = by_rank(ctx);
    Heatmap {
        rows: units.iter().map(|u| ctx.unit_name(u.pos).to_string()).collect(),
        columns: ctx.dims.iter().map(|&d| ctx.node_name(d).to_string()).collect(),
        cells: units
            .iter()
            .map(|u| ctx.dims.iter().map(|&d| datum(ctx, d, u.row)).collect())
            .collect(),
        value_label: T::Score.text(ctx.lang).to_string(),
        range: Some((0.0, 100.0)),
    }
}

/// The Lorenz curve of the index with the gap analysis' Gini.
pub(crate) fn lorenz(ctx: &Ctx<'_>) -> Option<Lorenz> {
    let values: Vec<f64> = ctx.units.iter().filter_map(|u| u.score).collect();
    if values.len() < 2 {
        return None;
    }
    let code = &ctx.res.framework.nodes()[ctx.root].code;
    let gini = ctx
        .gaps
        .inequality
        .iter()
        .find(|m| &m.node == code)
        .and_then(|m| m.gini);
    Some(Lorenz {
        series: vec![LorenzSeries {
            label: ctx.node_name(ctx.root).to_string(),
            values,
            weights: None,
            gini,
        }],
    })
}

/// Theil T or Dagum decomposition by group: one bar for the index and each dimension that has one.
pub(crate) fn decomposition(ctx: &Ctx<'_>, measure: DecompositionMeasure) -> Option<Decomposition> {
    let bars: Vec<DecompositionBar> = match measure {
        DecompositionMeasure::Theil => ctx
            .gaps
            .theil
            .iter()
            .map(|(node, d)| DecompositionBar {
                label: ctx.node_name_of(node),
                within: Some(d.within.max(0.0)),
                between: Some(d.between.max(0.0)),
                transvariation: None,
            })
            .collect(),
        DecompositionMeasure::Dagum => ctx
            .gaps
            .dagum
            .iter()
            .map(|(node, d)| DecompositionBar {
                label: ctx.node_name_of(node),
                within: Some(d.within.max(0.0)),
                between: Some(d.net_between.max(0.0)),
                transvariation: Some(d.transvariation.max(0.0)),
            })
            .collect(),
    };
    (!bars.is_empty()).then(|| Decomposition {
        measure,
        bars,
        bar_label: Some(T::Node.text(ctx.lang).to_string()),
    })
}

/// The values of indicator `code` for the trend units over every edition any of them has; an
/// edition a unit lacks is listed as missing (a gap in its line). `None` if nobody has a value.
pub(crate) fn trends(ctx: &Ctx<'_>, code: &str) -> Option<(Trends, BTreeSet<u32>)> {
    let ds = ctx.ds;
    let k = ds.framework().position(code)?;
    let units: Vec<usize> = ctx
        .opts
        .trend_units
        .iter()
        .filter_map(|c| ds.unit_position(c))
        .collect();
    let col = ds.column(k);
    let mut by_unit: BTreeMap<usize, BTreeMap<i32, crate::model::Cell>> = BTreeMap::new();
    for (r, o) in ds.obs().iter().enumerate() {
        if let (true, Some(y), Some(c)) = (units.contains(&o.unit), o.year, col.get(r)) {
            by_unit.entry(o.unit).or_default().insert(y, c);
        }
    }
    let years: BTreeSet<i32> = by_unit.values().flat_map(|m| m.keys().copied()).collect();
    if years.is_empty() {
        return None;
    }
    let mut sources = BTreeSet::new();
    let series = units
        .iter()
        .map(|&u| TrendSeries {
            label: ctx.unit_name(u).to_string(),
            points: years
                .iter()
                .map(|&y| {
                    let c = by_unit.get(&u).and_then(|m| m.get(&y));
                    if let Some(c) = c {
                        sources.insert(c.source);
                    }
                    (
                        y,
                        c.map_or(Datum::MISSING, |c| Datum {
                            value: Some(c.value),
                            grade: grade_of(c.quality),
                        }),
                    )
                })
                .collect(),
        })
        .collect();
    let node = &ds.framework().nodes()[k];
    let unit = node.unit.replace("0-1", "0–1");
    let value_label = match (unit.is_empty(), ctx.lang) {
        (true, _) => node.name(ctx.lang).to_string(),
        (false, crate::Lang::Zh) => format!("{}（{unit}）", node.name(ctx.lang)),
        (false, crate::Lang::En) => format!("{} ({unit})", node.name(ctx.lang)),
    };
    Some((
        Trends {
            series,
            value_label,
            note: TrendNote::Custom(T::TrendNote.text(ctx.lang).to_string()),
        },
        sources,
    ))
}

fn coverage_cell(q: Option<Quality>) -> CoverageCell {
    match q {
        Some(Quality::Official) => CoverageCell::Official,
        Some(Quality::Secondary) => CoverageCell::Secondary,
        Some(Quality::Derived) => CoverageCell::Derived,
        Some(Quality::Unflagged) => CoverageCell::Unflagged,
        None => CoverageCell::Missing,
    }
}

/// The units of the coverage chart: the run's units (by code), then the benchmark units.
fn coverage_units(ctx: &Ctx<'_>) -> Vec<usize> {
    let mut units: Vec<usize> = ctx.units.iter().map(|u| u.pos).collect();
    let benchmarks: Vec<usize> = ctx
        .ds
        .units()
        .iter()
        .enumerate()
        .filter(|(p, u)| u.benchmark && !units.contains(p))
        .map(|(p, _)| p)
        .collect();
    units.extend(benchmarks);
    units
}

/// Units × indicators: the quality of each unit's latest value of each indicator (missing hatched),
/// indicators grouped under their dimensions, a rule before the benchmark units.
pub(crate) fn coverage(ctx: &Ctx<'_>) -> (Coverage, BTreeSet<u32>) {
    let ds = ctx.ds;
    let fw = ds.framework();
    let units = coverage_units(ctx);
    // indicators dimension by dimension, then any that hang under no dimension
    let mut inds: Vec<usize> = Vec::new();
    let mut column_groups = Vec::new();
    for &d in &ctx.dims {
        let under: Vec<usize> = fw
            .leaves_under(d)
            .into_iter()
            .filter(|&k| fw.nodes()[k].role == NodeRole::Indicator)
            .collect();
        if !under.is_empty() {
            column_groups.push((ctx.node_name(d).to_string(), under.len()));
            inds.extend(under);
        }
    }
    let rest: Vec<usize> = fw.indicators().filter(|k| !inds.contains(k)).collect();
    if !rest.is_empty() {
        column_groups.push((String::new(), rest.len()));
        inds.extend(rest);
    }
    let mut sources = BTreeSet::new();
    let cells = units
        .iter()
        .map(|&u| {
            inds.iter()
                .map(|&k| {
                    let c = latest_value(ds, u, k, None).map(|(c, _)| c);
                    if let Some(c) = c {
                        sources.insert(c.source);
                    }
                    coverage_cell(c.map(|c| c.quality))
                })
                .collect()
        })
        .collect();
    let cov = Coverage {
        rows: units.iter().map(|&u| ctx.unit_name(u).to_string()).collect(),
        columns: inds.iter().map(|&k| fw.nodes()[k].code.clone()).collect(),
        cells,
        column_label: None,
        column_groups,
        // the benchmark units follow the run's units
        row_breaks: (ctx.units.len() < units.len())
            .then_some(ctx.units.len())
            .into_iter()
            .collect(),
    };
    (cov, sources)
}

/// The dimension scores of one unit against the province average (mean of the units' scores);
/// dimensions without data are marked, not drawn as zero. `None` with fewer than three dimensions.
pub(crate) fn radar(ctx: &Ctx<'_>, unit: &super::UnitRow) -> Option<Radar> {
    if ctx.dims.len() < 3 {
        return None;
    }
    let average: Vec<Datum> = ctx
        .dims
        .iter()
        .map(|&d| {
            let v: Vec<f64> = ctx.units.iter().filter_map(|u| ctx.res.score(d, u.row)).collect();
            if v.is_empty() {
                Datum::MISSING
            } else {
                Datum::primary(v.iter().sum::<f64>() / v.len() as f64)
            }
        })
        .collect();
    Some(Radar {
        axes: ctx.dims.iter().map(|&d| ctx.node_name(d).to_string()).collect(),
        scale_max: 100.0,
        series: vec![
            RadarSeries {
                label: ctx.unit_name(unit.pos).to_string(),
                values: ctx.dims.iter().map(|&d| datum(ctx, d, unit.row)).collect(),
            },
            RadarSeries {
                label: T::ProvinceAverage.text(ctx.lang).to_string(),
                values: average,
            },
        ],
    })
}

/// The unit's and the benchmarks' dimension scores on goalposts ([`crate::benchmark::compare`]):
/// per dimension the unit's score from the comparison with the most shared indicators. `None` when
/// no benchmark shares a scored dimension with the unit.
pub(crate) fn radar_goalposts(
    ctx: &Ctx<'_>,
    unit: &super::UnitRow,
    comps: &[Comparison],
) -> Option<(Radar, BTreeSet<String>)> {
    let dims: Vec<&str> = ctx
        .dims
        .iter()
        .map(|&d| ctx.res.framework.nodes()[d].code.as_str())
        .collect();
    if dims.len() < 3 {
        return None;
    }
    let shared = |c: &Comparison, dim: &str| {
        c.dimensions
            .iter()
            .find(|g| g.dimension == dim && g.gap.is_some())
            .cloned()
    };
    let side_grade = |c: &Comparison, codes: &[String], bench: bool| {
        let secondary = c.indicators.iter().filter(|i| codes.contains(&i.indicator)).any(|i| {
            let q = if bench { i.quality.1 } else { i.quality.0 };
            q == Some(Quality::Secondary)
        });
        if secondary {
            SourceGrade::Secondary
        } else {
            SourceGrade::Primary
        }
    };
    let with_data: Vec<&Comparison> = comps
        .iter()
        .filter(|c| dims.iter().any(|d| shared(c, d).is_some()))
        .collect();
    if with_data.is_empty() {
        return None;
    }
    let mut sources: BTreeSet<String> = BTreeSet::new();
    let unit_values = dims
        .iter()
        .map(|d| {
            let best = with_data
                .iter()
                .filter_map(|c| shared(c, d).map(|g| (*c, g)))
                .max_by(|a, b| {
                    a.1.shared
                        .len()
                        .cmp(&b.1.shared.len())
                        .then_with(|| b.0.benchmark.cmp(&a.0.benchmark))
                });
            best.map_or(Datum::MISSING, |(c, g)| Datum {
                value: g.unit_score,
                grade: side_grade(c, &g.shared, false),
            })
        })
        .collect();
    let mut series = vec![RadarSeries {
        label: ctx.unit_name(unit.pos).to_string(),
        values: unit_values,
    }];
    for c in &with_data {
        for g in c.dimensions.iter().filter(|g| g.gap.is_some()) {
            for i in c.indicators.iter().filter(|i| g.shared.contains(&i.indicator)) {
                sources.extend(i.sources.0.iter().chain(i.sources.1.iter()).cloned());
            }
        }
        series.push(RadarSeries {
            label: ctx.unit_name_of(&c.benchmark),
            values: dims
                .iter()
                .map(|d| {
                    shared(c, d).map_or(Datum::MISSING, |g| Datum {
                        value: g.bench_score,
                        grade: side_grade(c, &g.shared, true),
                    })
                })
                .collect(),
        });
    }
    Some((
        Radar {
            axes: ctx.dims.iter().map(|&d| ctx.node_name(d).to_string()).collect(),
            scale_max: 100.0,
            series,
        },
        sources,
    ))
}

/// Nominal rank, median and 5–95 % interval of every unit from an uncertainty analysis.
pub(crate) fn rank_intervals(ctx: &Ctx<'_>, ua: &UaResults) -> Option<RankIntervals> {
    let node = ua.node(&ua.index_code)?;
    let units: Vec<RankInterval> = ctx
        .units
        .iter()
        .filter_map(|u| node.units.iter().find(|x| x.unit_code == u.code).map(|x| (u, x)))
        .map(|(u, x)| RankInterval {
            label: ctx.unit_name(u.pos).to_string(),
            nominal: x.nominal_rank.map(f64::from),
            median: x.rank.map(|s| s.median),
            interval_5_95: x.rank.map(|s| (s.q05, s.q95)),
        })
        .collect();
    (!units.is_empty()).then_some(RankIntervals { units })
}

/// Kernel densities of the index, one curve per year; `None` with fewer than two years.
pub(crate) fn densities(ctx: &Ctx<'_>) -> Option<Densities> {
    let res = ctx.res;
    let years: Vec<i32> = res.years().into_iter().flatten().collect();
    if years.len() < 2 {
        return None;
    }
    let panel: Vec<Vec<f64>> = years
        .iter()
        .map(|&y| {
            (0..res.rows.len())
                .filter(|&r| res.rows[r].year == Some(y))
                .filter_map(|r| res.score(ctx.root, r))
                .collect()
        })
        .collect();
    let kde = crate::dynamics::kernel_density_by_year(&years, &panel, 200).ok()?;
    Some(Densities {
        series: kde
            .curves
            .iter()
            .map(|c| DensitySeries {
                label: c.year.to_string(),
                points: kde.grid.iter().copied().zip(c.density.iter().copied()).collect(),
            })
            .collect(),
        value_label: None,
    })
}

/// Every chart of the report, with its path and footer, and the notes on what was left out.
pub(crate) fn plan(ctx: &Ctx<'_>, ext: &str) -> Plan {
    let lang = ctx.lang;
    let mut jobs = Vec::new();
    let mut charts = Charts::default();
    let mut skipped = Vec::new();
    let index_ids = ctx.source_ids(&ctx.index_sources);
    let opts = ctx.chart_options(&index_ids);
    let path = |name: &str| format!("charts/{name}.{ext}");

    let p = path("ranking");
    jobs.push(ChartJob::new(
        p.clone(),
        opts.clone(),
        ranked_bars(ctx),
        chart::ranked_bars,
    ));
    charts.ranking = Some(p);

    match choropleth(ctx) {
        Some(map) => {
            let p = path("map");
            jobs.push(ChartJob::new(p.clone(), opts.clone(), map, chart::choropleth));
            charts.map = Some(p);
        }
        None => skipped.push(format!("{}: {}", T::Map.text(lang), T::NoData.text(lang))),
    }

    let p = path("heatmap");
    jobs.push(ChartJob::new(p.clone(), opts.clone(), heatmap(ctx), chart::heatmap));
    charts.heatmap = Some(p);

    if let Some(l) = lorenz(ctx) {
        let p = path("lorenz");
        jobs.push(ChartJob::new(p.clone(), opts.clone(), l, chart::lorenz));
        charts.lorenz = Some(p);
    }

    for (measure, name) in [
        (DecompositionMeasure::Theil, "theil"),
        (DecompositionMeasure::Dagum, "dagum"),
    ] {
        match decomposition(ctx, measure) {
            Some(d) => {
                let p = path(name);
                let g = ctx.gaps.grouping.as_deref().unwrap_or_default();
                let groups: BTreeSet<String> = ctx
                    .units
                    .iter()
                    .filter_map(|u| ctx.ds.units()[u.pos].group(g).map(|l| group_label(l, lang)))
                    .collect();
                let label = if measure == DecompositionMeasure::Theil {
                    Label::TheilTitle
                } else {
                    Label::DagumTitle
                };
                let sep = if lang == crate::Lang::Zh { "：" } else { ": " };
                let title = format!(
                    "{}{sep}{}",
                    label.text(lang),
                    groups.into_iter().collect::<Vec<_>>().join(" / ")
                );
                jobs.push(ChartJob::new(
                    p.clone(),
                    opts.clone().title(title),
                    d,
                    chart::decomposition,
                ));
                if measure == DecompositionMeasure::Theil {
                    charts.theil = Some(p);
                } else {
                    charts.dagum = Some(p);
                }
            }
            None => skipped.push(format!("{}: {}", T::Decomposition.text(lang), T::NoData.text(lang))),
        }
    }

    for code in &ctx.opts.trend_indicators {
        if let Some((t, sources)) = trends(ctx, code) {
            let p = path(&format!("trends_{}", html::file_stem(code)));
            let ids = ctx.source_ids(&sources);
            let title = format!(
                "{} — {}",
                ctx.ds.framework().node(code).map_or(code.as_str(), |n| n.name(lang)),
                Label::TrendsTitle.text(lang)
            );
            jobs.push(ChartJob::new(
                p.clone(),
                ctx.chart_options_with(T::RawValues, &ids).title(title),
                t,
                chart::trends,
            ));
            charts.trends.push((code.clone(), p));
        }
    }

    let (cov, cov_sources) = coverage(ctx);
    // taller and wider than the others: a row per unit and an upright name per indicator
    let (w, h) = (ctx.opts.width_px, ctx.opts.height_px);
    let cov_opts = ctx
        .chart_options_with(T::RawValues, &ctx.source_ids(&cov_sources))
        .size_px(w.saturating_mul(3) / 2, h.saturating_mul(8) / 5);
    let p = path("coverage");
    jobs.push(ChartJob::new(p.clone(), cov_opts, cov, chart::coverage));
    charts.coverage = Some(p);

    match ctx.opts.uncertainty.as_ref().and_then(|ua| rank_intervals(ctx, ua)) {
        Some(ri) => {
            let p = path("rank_intervals");
            let ua_line = ctx.opts.uncertainty.as_ref().map_or_else(String::new, |ua| {
                format!("{} {} {}", ua.reps, T::UaFooter.text(lang), ua.seed)
            });
            let footer = format!("{ua_line}\n{}", ctx.chart_footer(&index_ids));
            jobs.push(ChartJob::new(
                p.clone(),
                opts.clone().footer(footer),
                ri,
                chart::rank_intervals,
            ));
            charts.rank_intervals = Some(p);
        }
        None => skipped.push(T::UncertaintyNotRun.text(lang).to_string()),
    }

    match densities(ctx) {
        Some(d) => {
            let p = path("densities");
            jobs.push(ChartJob::new(p.clone(), opts.clone(), d, chart::densities));
            charts.densities = Some(p);
        }
        None => skipped.push(T::DensitiesOneYear.text(lang).to_string()),
    }

    for u in &ctx.units {
        let stem = html::file_stem(&u.code);
        let name = ctx.unit_name(u.pos);
        let sep = if lang == crate::Lang::Zh { "：" } else { ": " };
        if let Some(r) = radar(ctx, u) {
            let p = path(&format!("radar/{stem}"));
            let title = format!("{name}{sep}{}", T::RadarProvinceTitle.text(lang));
            jobs.push(ChartJob::new(p.clone(), opts.clone().title(title), r, chart::radar));
            charts.radar.insert(u.code.clone(), p);
        }
        let comps = ctx.comparisons.get(&u.code).map_or(&[][..], Vec::as_slice);
        if let Some((r, ids)) = radar_goalposts(ctx, u, comps) {
            let p = path(&format!("radar_goalposts/{stem}"));
            let title = format!("{name}{sep}{}", T::RadarGoalpostsTitle.text(lang));
            let ids: Vec<String> = ids.into_iter().collect();
            jobs.push(ChartJob::new(
                p.clone(),
                ctx.chart_options_with(T::GoalpostsMethod, &ids).title(title),
                r,
                chart::radar,
            ));
            charts.radar_goalposts.insert(u.code.clone(), p);
        }
    }
    Plan { jobs, charts, skipped }
}
