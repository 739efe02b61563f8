//! Reports: every chart of a run and its gap analysis, a profile page per unit, a province overview
//! and an `index.html` linking them, all built in memory.
//!
//! [`build_report`] takes a validated [`Dataset`], the pipeline's [`Results`] and the
//! [`GapAnalysis`] of that run and returns a [`Report`]: a list of files (relative path and bytes) —
//! one PNG or SVG per chart under `charts/`, `overview.html`, `profiles/<code>.html` and
//! `index.html`. The pages are self-contained HTML (inline style, no script) that link the chart
//! files beside them by relative paths, so the folder can be moved or zipped as a whole. Nothing is
//! written here: write the files with [`crate::io::write_bytes_atomic`].
//!
//! | file | what it holds |
//! | --- | --- |
//! | `index.html` | links to the overview, every profile and every chart |
//! | `overview.html` | map, ranking, gap measures and decompositions, benchmarks, coverage, method and sources |
//! | `profiles/<code>.html` | score and rank, dimension profile, strengths, weaknesses, obstacle factors, the unit's data, method and sources |
//! | `charts/*.png` or `*.svg` | one file per chart; `charts/radar/<code>.*` per unit |
//!
//! Every page and every chart carries the method (settings summary) and the sources behind its
//! numbers, resolved from [`Dataset::sources`]. Every title and label follows [`ReportOptions::lang`].
//!
//! ```no_run
//! # fn main() -> govgap::Result<()> {
//! use govgap::{analysis, io, pipeline, report, Settings};
//! let ds = io::read_native_dir("data/heilongjiang")?;
//! let res = pipeline::run(&ds, &Settings::default())?;
//! let gaps = analysis::analyse(&ds, &res, &analysis::GapOptions::default())?;
//! let rep = report::build_report(&ds, &res, &gaps, &report::ReportOptions::default(), &mut |_, _, _| {})?;
//! assert!(rep.files.iter().any(|(path, _)| path == "index.html"));
//! # Ok(()) }
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use crate::analysis::GapAnalysis;
use crate::benchmark::{self, Comparison};
use crate::chart::{self, ChartOptions, Rendered, Target};
use crate::io::Region;
use crate::model::{Cell, NodeRole};
use crate::pipeline::Results;
use crate::uncertainty::UaResults;
use crate::{Dataset, Error, Lang, Result};

mod html;
mod inputs;
mod text;

/// The file format of the charts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ChartFormat {
    /// PNG bitmaps (200 dpi recorded).
    #[default]
    Png,
    /// SVG documents (text kept as text).
    Svg,
}

impl ChartFormat {
    /// The file extension: `png` or `svg`.
    #[must_use]
    pub fn extension(self) -> &'static str {
        match self {
            Self::Png => "png",
            Self::Svg => "svg",
        }
    }

    fn target(self) -> Target {
        match self {
            Self::Png => Target::Png,
            Self::Svg => Target::Svg,
        }
    }
}

/// What a report shows and how.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    /// Language of every title, label and name.
    pub lang: Lang,
    /// PNG or SVG charts.
    pub format: ChartFormat,
    /// Unit boundaries for the map (matched by unit code); empty leaves the map out.
    pub regions: Vec<Region>,
    /// A Monte Carlo uncertainty analysis of the same run, if one was made: it adds rank intervals
    /// to the ranking, the profiles and a chart. `None` says "not run" on the pages.
    pub uncertainty: Option<UaResults>,
    /// Units whose values are drawn as benchmark trends over the editions (e.g. the four countries).
    pub trend_units: Vec<String>,
    /// Indicators drawn as benchmark trends, one chart each (e.g. `egdi`, `egdi_osi`); indicators the
    /// dataset lacks are skipped.
    pub trend_indicators: Vec<String>,
    /// Canvas width of every chart in pixels.
    pub width_px: u32,
    /// Canvas height of every chart in pixels.
    pub height_px: u32,
}

impl Default for ReportOptions {
    fn default() -> Self {
        Self {
            lang: Lang::default(),
            format: ChartFormat::default(),
            regions: Vec::new(),
            uncertainty: None,
            trend_units: ["DNK", "KOR", "USA", "CHN"].map(String::from).to_vec(),
            trend_indicators: ["egdi", "egdi_osi"].map(String::from).to_vec(),
            width_px: chart::theme::DEFAULT_WIDTH_PX,
            height_px: chart::theme::DEFAULT_HEIGHT_PX,
        }
    }
}

/// One chart of a [`Report`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartFile {
    /// Relative path of the file (e.g. `charts/ranking.png`).
    pub path: String,
    /// Canvas width in pixels.
    pub width_px: u32,
    /// Canvas height in pixels.
    pub height_px: u32,
}

/// A built report: every file in memory.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Relative path (with `/` separators) and content of every file, charts first, then the pages,
    /// `index.html` last.
    pub files: Vec<(String, Vec<u8>)>,
    /// The charts among the files, with their canvas sizes.
    pub charts: Vec<ChartFile>,
    /// The profile pages (`profiles/<code>.html`), one per unit, sorted by unit code.
    pub profiles: Vec<String>,
}

impl Report {
    /// Total size of the files in bytes.
    #[must_use]
    pub fn total_bytes(&self) -> usize {
        self.files.iter().map(|(_, b)| b.len()).sum()
    }
}

/// One unit of the report: a row of the run's latest cross-section.
#[derive(Debug, Clone)]
pub(crate) struct UnitRow {
    /// Unit code.
    pub code: String,
    /// Position in [`Dataset::units`].
    pub pos: usize,
    /// Row in [`Results::rows`].
    pub row: usize,
    /// Index score.
    pub score: Option<f64>,
    /// Rank of the index.
    pub rank: Option<u32>,
}

/// Everything the chart inputs and pages share.
pub(crate) struct Ctx<'a> {
    pub ds: &'a Dataset,
    pub res: &'a Results,
    pub gaps: &'a GapAnalysis,
    pub opts: &'a ReportOptions,
    pub lang: Lang,
    /// Position of the index.
    pub root: usize,
    /// The aggregates directly under the index (dimensions), framework order.
    pub dims: Vec<usize>,
    /// Units of the latest cross-section, sorted by code.
    pub units: Vec<UnitRow>,
    /// Comparisons of each unit with every benchmark unit, keyed by unit code.
    pub comparisons: BTreeMap<String, Vec<Comparison>>,
    /// Positions of the sources behind the index scores.
    pub index_sources: BTreeSet<u32>,
}

impl Ctx<'_> {
    /// The name of unit position `pos` in the report's language.
    pub fn unit_name(&self, pos: usize) -> &str {
        self.ds.units().get(pos).map_or("", |u| u.name(self.lang))
    }

    /// The name of the unit with `code`, or the code itself.
    pub fn unit_name_of(&self, code: &str) -> String {
        self.ds
            .unit_position(code)
            .map_or_else(|| code.to_string(), |p| self.unit_name(p).to_string())
    }

    /// The name of framework node `k` in the report's language.
    pub fn node_name(&self, k: usize) -> &str {
        self.res.framework.nodes().get(k).map_or("", |n| n.name(self.lang))
    }

    /// The name of the node with `code` in the report's language, or the code itself.
    pub fn node_name_of(&self, code: &str) -> String {
        self.res
            .framework
            .position(code)
            .map_or_else(|| code.to_string(), |k| self.node_name(k).to_string())
    }

    /// The dataset cell behind the run's value of indicator `k` in row `row` (none when the value was
    /// imputed or is missing), with its year.
    pub fn used_cell(&self, k: usize, row: usize) -> Option<(Cell, Option<i32>)> {
        let res = self.res;
        res.treated.get(k)?.get(row)?;
        if res.imputed.get(k).and_then(|c| c.get(row)).copied().unwrap_or(false) {
            return None;
        }
        let obs = res.rows.get(row)?;
        let year = res
            .value_years
            .get(k)
            .and_then(|c| c.get(row))
            .copied()
            .flatten()
            .or(obs.year);
        let col = self.ds.column(k);
        self.ds
            .obs()
            .iter()
            .enumerate()
            .find_map(|(r, o)| (o.unit == obs.unit && o.year == year).then(|| col.get(r)).flatten())
            .map(|c| (c, year))
            .or_else(|| benchmark::latest_value(self.ds, obs.unit, k, obs.year))
    }

    /// The indicators the index rests on: positive weight in the index and a value in the run.
    pub fn index_indicators(&self) -> Vec<usize> {
        let res = self.res;
        res.framework
            .indicators()
            .filter(|&k| res.effective_weights.get(k).copied().unwrap_or(0.0) > 0.0)
            .filter(|&k| res.treated.get(k).is_some_and(|c| c.any_present()))
            .collect()
    }

    /// Source ids of source positions, sorted and distinct.
    pub fn source_ids(&self, sources: &BTreeSet<u32>) -> Vec<String> {
        let ids: BTreeSet<String> = sources
            .iter()
            .filter_map(|&s| self.ds.sources().get(s as usize))
            .map(|s| s.id.clone())
            .collect();
        ids.into_iter().collect()
    }

    /// The footer of a chart: the method in one line, then the source ids.
    pub fn chart_footer(&self, sources: &[String]) -> String {
        let lang = self.lang;
        let mut ids = sources.join(", ");
        if ids.is_empty() {
            ids = "–".into();
        }
        let colon = if lang == Lang::Zh { "：" } else { ": " };
        format!(
            "{}{colon}{}\n{}{colon}{ids}",
            text::T::Method.text(lang),
            html::method_line(self),
            text::T::SourcesShort.text(lang)
        )
    }

    /// Chart options in the report's language and size with a footer.
    pub fn chart_options(&self, sources: &[String]) -> ChartOptions {
        ChartOptions::new(self.lang)
            .size_px(self.opts.width_px, self.opts.height_px)
            .footer(self.chart_footer(sources))
    }

    /// Chart options for values not on the index's scale: the footer gives `method` instead of the
    /// run's settings, then the source ids.
    pub fn chart_options_with(&self, method: text::T, sources: &[String]) -> ChartOptions {
        let lang = self.lang;
        let colon = if lang == Lang::Zh { "：" } else { ": " };
        let ids = if sources.is_empty() {
            "–".to_string()
        } else {
            sources.join(", ")
        };
        ChartOptions::new(lang)
            .size_px(self.opts.width_px, self.opts.height_px)
            .footer(format!(
                "{}{colon}{}\n{}{colon}{ids}",
                text::T::Method.text(lang),
                method.text(lang),
                text::T::SourcesShort.text(lang)
            ))
    }
}

/// A chart to render: its path, size, and the drawing call.
pub(crate) struct ChartJob {
    pub path: String,
    pub width_px: u32,
    pub height_px: u32,
    pub draw: Box<dyn FnOnce(Target) -> Result<Rendered> + Send>,
}

impl ChartJob {
    /// A job that draws `input` with `f`.
    pub fn new<I: Send + 'static>(
        path: String,
        opts: ChartOptions,
        input: I,
        f: fn(&I, &ChartOptions, Target) -> Result<Rendered>,
    ) -> Self {
        Self {
            path,
            width_px: opts.width_px,
            height_px: opts.height_px,
            draw: Box::new(move |target| f(&input, &opts, target)),
        }
    }
}

fn build_ctx<'a>(ds: &'a Dataset, res: &'a Results, gaps: &'a GapAnalysis, opts: &'a ReportOptions) -> Result<Ctx<'a>> {
    let fw = &res.framework;
    let root = fw.root();
    let dims: Vec<usize> = fw
        .children(root)
        .iter()
        .copied()
        .filter(|&c| fw.nodes()[c].role == NodeRole::Aggregate)
        .collect();
    let year = res.years().last().copied().flatten();
    let mut units: Vec<UnitRow> = (0..res.rows.len())
        .filter(|&r| res.rows[r].year == year)
        .map(|r| UnitRow {
            code: res.unit_codes[r].clone(),
            pos: res.rows[r].unit,
            row: r,
            score: res.score(root, r),
            rank: res.rank(root, r),
        })
        .collect();
    units.sort_by(|a, b| a.code.cmp(&b.code));
    if units.is_empty() {
        return Err(Error::Degenerate("the run has no unit to report on".into()));
    }
    let mut comparisons = BTreeMap::new();
    for u in &units {
        let mut list = Vec::new();
        for b in ds.units().iter().filter(|b| b.benchmark && b.code != u.code) {
            list.push(benchmark::compare(ds, &u.code, &b.code, gaps.year)?);
        }
        comparisons.insert(u.code.clone(), list);
    }
    let mut ctx = Ctx {
        ds,
        res,
        gaps,
        opts,
        lang: opts.lang,
        root,
        dims,
        units,
        comparisons,
        index_sources: BTreeSet::new(),
    };
    let mut sources = BTreeSet::new();
    for k in ctx.index_indicators() {
        for u in &ctx.units {
            if let Some((c, _)) = ctx.used_cell(k, u.row) {
                sources.insert(c.source);
            }
        }
    }
    ctx.index_sources = sources;
    Ok(ctx)
}

/// Renders the jobs on all cores, calling `progress` on this thread after each; results in job order.
fn render_all(
    jobs: Vec<ChartJob>,
    target: Target,
    total: usize,
    progress: &mut dyn FnMut(usize, usize, &str),
) -> Result<Vec<(ChartFile, Vec<u8>)>> {
    let n = jobs.len();
    let meta: Vec<ChartFile> = jobs
        .iter()
        .map(|j| ChartFile {
            path: j.path.clone(),
            width_px: j.width_px,
            height_px: j.height_px,
        })
        .collect();
    let queue: Mutex<Vec<Option<ChartJob>>> = Mutex::new(jobs.into_iter().map(Some).collect());
    let next = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(n.max(1));
    let mut out: Vec<Option<Result<Vec<u8>>>> = (0..n).map(|_| None).collect();
    let (tx, rx) = mpsc::channel::<(usize, Result<Vec<u8>>)>();
    std::thread::scope(|s| {
        for _ in 0..threads {
            let tx = tx.clone();
            let (queue, next) = (&queue, &next);
            s.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= n {
                        break;
                    }
                    let job = queue.lock().ok().and_then(|mut q| q.get_mut(i).and_then(Option::take));
                    let result = match job {
                        Some(job) => (job.draw)(target).map(|r| r.as_bytes().to_vec()),
                        None => Err(Error::Chart("a chart job was lost".into())),
                    };
                    if tx.send((i, result)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        for (done, (i, result)) in rx.iter().enumerate() {
            progress(done + 1, total, &meta[i].path);
            out[i] = Some(result);
        }
    });
    meta.into_iter()
        .zip(out)
        .map(|(m, r)| match r {
            Some(Ok(bytes)) => Ok((m, bytes)),
            Some(Err(Error::Chart(msg))) => Err(Error::Chart(format!("{}: {msg}", m.path))),
            Some(Err(e)) => Err(e),
            None => Err(Error::Chart(format!("{}: the chart was not drawn", m.path))),
        })
        .collect()
}

/// Builds the whole report in memory: every chart, a profile page per unit of the run's latest
/// cross-section, the overview and `index.html`.
///
/// `progress(done, total, what)` is called after each file is made (on the calling thread).
///
/// # Errors
/// [`Error::Degenerate`] when the run has no unit; [`Error::Settings`] for a chart size out of range;
/// any chart's error (prefixed with the chart's path) or benchmark comparison's error.
pub fn build_report(
    ds: &Dataset,
    res: &Results,
    gaps: &GapAnalysis,
    opts: &ReportOptions,
    progress: &mut dyn FnMut(usize, usize, &str),
) -> Result<Report> {
    let ctx = build_ctx(ds, res, gaps, opts)?;
    let ext = opts.format.extension();
    let plan = inputs::plan(&ctx, ext);
    let pages = ctx.units.len() + 2;
    let total = plan.jobs.len() + pages;
    let rendered = render_all(plan.jobs, opts.format.target(), total, progress)?;
    let mut done = rendered.len();
    let mut report = Report::default();
    for (meta, bytes) in rendered {
        report.files.push((meta.path.clone(), bytes));
        report.charts.push(meta);
    }
    for u in &ctx.units {
        let path = format!("profiles/{}.html", html::file_stem(&u.code));
        let page = html::profile(&ctx, u, &plan.charts);
        report.files.push((path.clone(), page.into_bytes()));
        done += 1;
        progress(done, total, &path);
        report.profiles.push(path);
    }
    let overview = html::overview(&ctx, &plan.charts, &plan.skipped);
    report.files.push(("overview.html".into(), overview.into_bytes()));
    done += 1;
    progress(done, total, "overview.html");
    let index = html::index(&ctx, &report.profiles, &report.charts);
    report.files.push(("index.html".into(), index.into_bytes()));
    progress(total, total, "index.html");
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_have_their_extensions() {
        assert_eq!(ChartFormat::Png.extension(), "png");
        assert_eq!(ChartFormat::Svg.extension(), "svg");
        assert_eq!(ChartFormat::Svg.target(), Target::Svg);
    }
}
