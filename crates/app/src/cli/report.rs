//! `govgap report`: every chart, a profile page per prefecture, a province overview and an
//! `index.html`, built by the core's [`govgap::report::build_report`] and written here.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use govgap::Lang;
use govgap::analysis::{GapOptions, analyse};
use govgap::report::{ChartFormat, Report, ReportOptions, build_report};
use govgap::uncertainty::{UaSpec, run_ua};
use indicatif::{ProgressBar, ProgressStyle};

use super::DataArgs;

/// Language of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// 简体中文.
    Zh,
    /// English.
    En,
}

/// Chart file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// PNG bitmaps (200 dpi).
    Png,
    /// SVG documents.
    Svg,
}

/// Arguments of `govgap report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    data: DataArgs,
    /// Output folder.
    #[arg(long)]
    out: PathBuf,
    /// Language of every title, label and name.
    #[arg(long, value_enum, default_value_t = LangArg::En)]
    lang: LangArg,
    /// Chart format.
    #[arg(long, value_enum, default_value_t = FormatArg::Png)]
    format: FormatArg,
    /// A settings file for the index run (default: the dataset's own `settings.toml`).
    #[arg(long)]
    settings: Option<PathBuf>,
    /// Boundaries (GeoJSON with a `code` property) for the map and the spatial statistics; default:
    /// the dataset folder's `prefectures.geojson`.
    #[arg(long)]
    geo: Option<PathBuf>,
    /// Grouping variable for the Theil and Dagum decompositions.
    #[arg(long, default_value = "group")]
    by: String,
    /// Context variable used as population weights.
    #[arg(long, default_value = "pop_total")]
    population: String,
    /// Replications of the Monte Carlo uncertainty analysis behind the rank intervals (weights
    /// perturbed by up to ±25 %); 0 leaves it out and the pages say "not run".
    #[arg(long, default_value_t = 500)]
    ua_reps: usize,
    /// Seed of the uncertainty analysis and of the spatial permutations.
    #[arg(long, default_value_t = 20_240_601)]
    seed: u64,
}

fn bar(len: u64) -> ProgressBar {
    let pb = ProgressBar::new(len);
    if let Ok(style) = ProgressStyle::with_template("{msg:>12} [{bar:40}] {pos}/{len} {wide_msg}") {
        pb.set_style(style.progress_chars("=> "));
    }
    pb
}

/// Loads the data, runs the index, the gap analysis and (unless `--ua-reps 0`) a small seeded
/// uncertainty analysis, and builds the report in memory.
///
/// # Errors
/// Invalid data or settings, an unreadable boundary file, or any error of the core.
pub fn build(a: &ReportArgs) -> Result<Report> {
    let ds = a.data.load()?;
    let settings = a.data.settings(a.settings.as_deref())?;
    let res = govgap::pipeline::run(&ds, &settings)?;
    let regions = a.data.regions(a.geo.as_deref())?;
    let gap_opts = GapOptions {
        grouping: Some(a.by.clone()),
        population: Some(a.population.clone()),
        regions: regions.clone(),
        seed: a.seed,
        ..GapOptions::default()
    };
    let gaps = analyse(&ds, &res, &gap_opts)?;
    let uncertainty = if a.ua_reps == 0 {
        None
    } else {
        let spec = UaSpec {
            reps: a.ua_reps,
            seed: a.seed,
            weight_noise: 0.25,
            group: ds.grouping_names().contains(&a.by).then(|| a.by.clone()),
            ..UaSpec::default()
        };
        let pb = bar(a.ua_reps as u64);
        pb.set_message("uncertainty");
        let ua = run_ua(&ds, &settings, &spec, &|done, _| {
            pb.set_position(done as u64);
            true
        });
        pb.finish_and_clear();
        Some(ua?)
    };
    let opts = ReportOptions {
        lang: match a.lang {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        },
        format: match a.format {
            FormatArg::Png => ChartFormat::Png,
            FormatArg::Svg => ChartFormat::Svg,
        },
        regions,
        uncertainty,
        ..ReportOptions::default()
    };
    let pb = bar(0);
    pb.set_message("report");
    let report = build_report(&ds, &res, &gaps, &opts, &mut |done, total, what| {
        pb.set_length(total as u64);
        pb.set_position(done as u64);
        pb.set_message(what.to_string());
    });
    pb.finish_and_clear();
    Ok(report?)
}

/// Writes every file of `report` under `out` (each atomically), creating folders as needed.
///
/// # Errors
/// The first file that cannot be written.
pub fn write(report: &Report, out: &Path) -> Result<()> {
    for (path, bytes) in &report.files {
        let target = path.split('/').fold(out.to_path_buf(), |p, part| p.join(part));
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        govgap::io::write_bytes_atomic(&target, bytes)?;
    }
    Ok(())
}

/// Builds the report and writes every chart, every profile and an index.html.
pub fn run(a: &ReportArgs) -> Result<ExitCode> {
    let t0 = Instant::now();
    let report = build(a)?;
    write(&report, &a.out)?;
    println!(
        "wrote {} files ({} charts, {} profiles, {:.1} MB) to {} in {:.2} s",
        report.files.len(),
        report.charts.len(),
        report.profiles.len(),
        report.total_bytes() as f64 / 1e6,
        a.out.display(),
        t0.elapsed().as_secs_f64()
    );
    println!("open {}", a.out.join("index.html").display());
    Ok(ExitCode::SUCCESS)
}
