//! `govgap ua` and `govgap sa`.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Result;
use clap::Args;
use govgap::aggregate::{Aggregator, NonPositivePolicy};
use govgap::normalise::Normaliser;
use govgap::uncertainty::{IndicatorDropping, InputDistribution, SobolSpec, UaSpec};
use govgap::{Dataset, Settings};
use indicatif::{ProgressBar, ProgressStyle};

use super::DataArgs;

/// Arguments of `govgap ua`.
#[derive(Debug, Args)]
pub struct UaArgs {
    #[command(flatten)]
    data: DataArgs,
    /// Replications.
    #[arg(long, default_value_t = 1000)]
    reps: usize,
    /// Seed (same seed, same numbers, whatever the thread count).
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Weight noise: each weight is multiplied by U(1 - f, 1 + f).
    #[arg(long, default_value_t = 0.25)]
    weight_noise: f64,
    /// Also sample the normalisation (min-max or z-score).
    #[arg(long)]
    vary_normalisation: bool,
    /// Also sample the aggregation (arithmetic or geometric).
    #[arg(long)]
    vary_aggregation: bool,
    /// Also leave out one indicator at random in each replication.
    #[arg(long)]
    drop_indicator: bool,
    /// Grouping for the between-group share of Theil's T.
    #[arg(long, default_value = "group")]
    by: String,
    /// The year to summarise (default: the latest; the index is still built on every year the
    /// settings select, so a panel is normalised as in the base run). Not with --design, which
    /// replays the latest year.
    #[arg(long, conflicts_with = "design")]
    year: Option<i32>,
    /// Replay a design file (the side-by-side kit's format) instead of drawing.
    #[arg(long)]
    design: Option<PathBuf>,
    /// A settings file for the base run (default: the dataset's own `settings.toml`).
    #[arg(long)]
    settings: Option<PathBuf>,
    /// Output folder.
    #[arg(long)]
    out: PathBuf,
}

/// Arguments of `govgap sa`.
#[derive(Debug, Args)]
pub struct SaArgs {
    #[command(flatten)]
    data: DataArgs,
    /// Base samples N of the Saltelli design (N·(d+2) pipeline runs).
    #[arg(long, default_value_t = 512)]
    samples: usize,
    /// Seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Weight noise per dimension: multiplier U(1 - f, 1 + f).
    #[arg(long, default_value_t = 0.25)]
    weight_noise: f64,
    /// A settings file for the base run (default: the dataset's own `settings.toml`).
    #[arg(long)]
    settings: Option<PathBuf>,
    /// Output folder.
    #[arg(long)]
    out: PathBuf,
}

fn base_settings(data: &DataArgs, file: Option<&PathBuf>) -> Result<Settings> {
    data.settings(file.map(PathBuf::as_path))
}

fn bar(len: usize, what: &str) -> ProgressBar {
    let pb = ProgressBar::new(len as u64);
    if let Ok(style) = ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} ({eta})") {
        pb.set_style(style.progress_chars("=> "));
    }
    pb.set_message(what.to_string());
    pb
}

fn opt(v: Option<f64>) -> String {
    v.map_or_else(String::new, |v| v.to_string())
}

/// Monte Carlo uncertainty analysis.
pub fn run_ua(a: &UaArgs) -> Result<ExitCode> {
    let ds = a.data.load()?;
    let base = base_settings(&a.data, a.settings.as_ref())?;
    std::fs::create_dir_all(&a.out)?;
    let t0 = Instant::now();
    if let Some(design) = &a.design {
        return replay(&ds, design, a, t0);
    }
    let spec = UaSpec {
        reps: a.reps,
        seed: a.seed,
        weight_noise: a.weight_noise,
        normalisers: if a.vary_normalisation {
            vec![
                Normaliser::MinMax { low: 0.0, high: 100.0 },
                Normaliser::ZScore { mean: 0.0, sd: 1.0 },
            ]
        } else {
            Vec::new()
        },
        aggregators: if a.vary_aggregation {
            vec![
                Aggregator::Arithmetic,
                Aggregator::Geometric {
                    non_positive: NonPositivePolicy::Shift,
                },
            ]
        } else {
            Vec::new()
        },
        imputations: Vec::new(),
        dropping: if a.drop_indicator {
            IndicatorDropping::DropOneAtRandom
        } else {
            IndicatorDropping::Keep
        },
        group: Some(a.by.clone()),
        year: a.year,
    };
    let pb = bar(a.reps, "replications");
    let res = govgap::uncertainty::run_ua(&ds, &base, &spec, &|done, _| {
        pb.set_position(done as u64);
        true
    })?;
    pb.finish_and_clear();
    let mut s = String::from(
        "node,unit,nominal_rank,rank_mean,rank_median,rank_q05,rank_q95,nominal_score,score_mean,score_q05,score_q95,reps_with_score\n",
    );
    for node in &res.nodes {
        for u in &node.units {
            let _ = writeln!(
                s,
                "{},{},{},{},{},{},{},{},{},{},{},{}",
                node.node_code,
                u.unit_code,
                u.nominal_rank.map_or_else(String::new, |r| r.to_string()),
                opt(u.rank.map(|r| r.mean)),
                opt(u.rank.map(|r| r.median)),
                opt(u.rank.map(|r| r.q05)),
                opt(u.rank.map(|r| r.q95)),
                opt(u.nominal_score),
                opt(u.score.map(|r| r.mean)),
                opt(u.score.map(|r| r.q05)),
                opt(u.score.map(|r| r.q95)),
                u.reps_with_score
            );
        }
    }
    govgap::io::write_text_atomic(a.out.join("ua_ranks.csv"), &s)?;
    let mut g = String::from("measure,nominal,mean,q05,q95\n");
    for (name, spread) in [
        ("gini", &res.gini),
        ("theil_t", &res.theil),
        ("theil_between_share", &res.theil_between_share),
    ] {
        if let Some(x) = spread {
            let _ = writeln!(g, "{name},{},{},{},{}", opt(x.nominal), x.mean, x.q05, x.q95);
        }
    }
    govgap::io::write_text_atomic(a.out.join("ua_gaps.csv"), &g)?;
    govgap::io::write_text_atomic(
        a.out.join("ua_spec.toml"),
        &toml::to_string_pretty(&spec).unwrap_or_default(),
    )?;
    if let Some(node) = res.nodes.iter().find(|n| n.node_code == res.index_code) {
        println!(
            "rank of the index{} over {} replications (nominal, median, 5-95 %):",
            res.year.map_or_else(String::new, |y| format!(" in {y}")),
            res.reps
        );
        let mut units: Vec<_> = node.units.iter().collect();
        units.sort_by_key(|u| u.nominal_rank.unwrap_or(u32::MAX));
        for u in units {
            if let Some(r) = u.rank {
                let name = ds
                    .unit_position(&u.unit_code)
                    .map_or("", |p| ds.units()[p].name_en.as_str());
                println!(
                    "  {:<8} {:<16} {:>3}  {:>5.1}  [{:.1}, {:.1}]",
                    u.unit_code,
                    name,
                    u.nominal_rank.map_or_else(|| "-".into(), |r| r.to_string()),
                    r.median,
                    r.q05,
                    r.q95
                );
            }
        }
    }
    if let Some(x) = &res.theil_between_share {
        println!(
            "between-group share of Theil T ('{}'): 5-95 % [{:.3}, {:.3}]",
            a.by, x.q05, x.q95
        );
    }
    // what the analysis held in memory: a score (f64) and a rank (u32) per replication, aggregate
    // and unit (`run_ua`'s bound; per-thread scratch comes on top)
    let units = res.nodes.first().map_or(0, |n| n.units.len());
    let held = 12 * res.reps * res.nodes.len() * units;
    println!(
        "{} replications in {:.2?} (per-replication results held: {:.1} MB); wrote {}",
        res.reps,
        t0.elapsed(),
        held as f64 / 1e6,
        a.out.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn replay(ds: &Dataset, design: &PathBuf, a: &UaArgs, t0: Instant) -> Result<ExitCode> {
    let govgap::uncertainty::DatasetReplay {
        input,
        rows,
        indicator_codes,
        dimension_codes,
    } = govgap::uncertainty::DatasetReplay::latest_year(ds)?;
    let design = govgap::io::read_ua_design(design, &indicator_codes, &dimension_codes)?;
    let pb = bar(design.reps(), "replications");
    let sum = govgap::uncertainty::replay_design(&input, &design, &|done, _| {
        pb.set_position(done as u64);
        true
    })?;
    pb.finish_and_clear();
    let mut s = String::from("uCode,nominal,mean,median,q05,q95\n");
    for (i, &r) in rows.iter().enumerate() {
        let _ = writeln!(
            s,
            "{},{},{},{},{},{}",
            ds.units()[ds.obs()[r].unit].code,
            sum.nominal[i],
            sum.mean[i],
            sum.median[i],
            sum.q05[i],
            sum.q95[i]
        );
    }
    govgap::io::write_text_atomic(a.out.join("ua_replay.csv"), &s)?;
    println!(
        "{} replications replayed in {:.2?}; wrote {}",
        sum.reps,
        t0.elapsed(),
        a.out.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Variance-based sensitivity of the index ranking to the weights of each dimension and the choice
/// of normalisation: Sobol first-order and total indices of the mean absolute rank shift.
pub fn run_sa(a: &SaArgs) -> Result<ExitCode> {
    let ds = a.data.load()?;
    let base = base_settings(&a.data, a.settings.as_ref())?;
    let nominal = govgap::pipeline::run(&ds, &base)?;
    let root = nominal.index_node();
    let fw = &nominal.framework;
    let dims: Vec<usize> = fw
        .children(root)
        .iter()
        .copied()
        .filter(|&d| nominal.scores[d].any_present())
        .collect();
    let nominal_ranks: Vec<Option<u32>> = nominal.ranks(root).to_vec();
    let f = a.weight_noise;
    let mut inputs: Vec<InputDistribution> = dims
        .iter()
        .map(|_| InputDistribution::Uniform {
            low: 1.0 - f,
            high: 1.0 + f,
        })
        .collect();
    inputs.push(InputDistribution::Choice(vec![0.0, 1.0]));
    let names: Vec<String> = dims
        .iter()
        .map(|&d| format!("weight of {}", fw.nodes()[d].code))
        .chain(std::iter::once("normalisation (min-max / z-score)".to_string()))
        .collect();
    let model = |xs: &[f64]| -> f64 {
        let mut s = base.clone();
        for (i, &d) in dims.iter().enumerate() {
            s.weights
                .insert(fw.nodes()[d].code.clone(), fw.nodes()[d].weight * xs[i]);
        }
        if xs[dims.len()] >= 0.5 {
            s.normaliser = Normaliser::ZScore { mean: 0.0, sd: 1.0 };
        }
        match govgap::pipeline::run(&ds, &s) {
            Ok(r) => {
                let (sum, n) = r
                    .ranks(root)
                    .iter()
                    .zip(&nominal_ranks)
                    .fold((0.0, 0usize), |(sum, n), (a, b)| match (a, b) {
                        (Some(a), Some(b)) => (sum + (f64::from(*a) - f64::from(*b)).abs(), n + 1),
                        _ => (sum, n),
                    });
                if n == 0 { 0.0 } else { sum / n as f64 }
            }
            Err(_) => 0.0,
        }
    };
    let t0 = Instant::now();
    let spec = SobolSpec {
        base_samples: a.samples,
        seed: a.seed,
        ..SobolSpec::default()
    };
    let res = govgap::uncertainty::sobol_indices(model, &inputs, &spec)?;
    let loo = govgap::uncertainty::leave_one_out(&ds, &base, &|_, _| true)?;
    std::fs::create_dir_all(&a.out)?;
    let mut s = String::from("input,first_order,first_low,first_high,total,total_low,total_high\n");
    println!(
        "Sobol indices of the mean absolute rank shift ({} evaluations, {:.2?}):",
        res.evaluations,
        t0.elapsed()
    );
    for (i, name) in names.iter().enumerate() {
        let (s1, st) = (&res.first_order[i], &res.total[i]);
        let _ = writeln!(
            s,
            "{name},{},{},{},{},{},{}",
            s1.estimate, s1.low, s1.high, st.estimate, st.low, st.high
        );
        println!(
            "  {name:<40} S1 {:6.3} [{:6.3}, {:6.3}]  ST {:6.3} [{:6.3}, {:6.3}]",
            s1.estimate, s1.low, s1.high, st.estimate, st.low, st.high
        );
    }
    govgap::io::write_text_atomic(a.out.join("sobol.csv"), &s)?;
    let mut l = String::from("indicator,outcome\n");
    for ind in &loo.indicators {
        let _ = writeln!(l, "{},{:?}", ind.indicator_code, ind.outcome);
    }
    govgap::io::write_text_atomic(a.out.join("leave_one_out.csv"), &l)?;
    println!("wrote {}", a.out.display());
    Ok(ExitCode::SUCCESS)
}
