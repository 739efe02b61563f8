//! `govgap index`.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use govgap::Settings;
use govgap::aggregate::{Aggregator, NonPositivePolicy};
use govgap::normalise::Normaliser;
use govgap::pipeline::{Imputation, NodeSelection};
use govgap::settings::{PanelScope, YearSelection};
use govgap::weight::Weighting;

use super::DataArgs;

/// Normalisation choices on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum NormaliseArg {
    /// Min-max to [0, 100].
    MinMax,
    /// z-score (mean 0, sd 1).
    ZScore,
    /// Rank.
    Rank,
    /// Percentile rank [0, 100].
    PercentileRank,
    /// The framework's goalposts, [0, 100].
    Goalposts,
    /// Distance to the maximum, [0, 100].
    DistanceToMax,
    /// Fraction of the maximum, [0, 100].
    FractionOfMax,
    /// Vector normalisation.
    Vector,
}

/// Weighting choices on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum WeightArg {
    /// The framework's weights.
    Manual,
    /// Equal.
    Equal,
    /// Entropy.
    Entropy,
    /// CRITIC.
    Critic,
    /// First principal component.
    Pca,
}

/// Aggregation choices on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum AggregateArg {
    /// Weighted arithmetic mean.
    Arithmetic,
    /// Weighted geometric mean (zeros and negatives are an error).
    Geometric,
    /// Weighted harmonic mean (zeros and negatives are an error).
    Harmonic,
    /// TOPSIS closeness.
    Topsis,
    /// Copeland.
    Copeland,
}

/// Imputation choices on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ImputeArg {
    /// None.
    None,
    /// Mean within year.
    Mean,
    /// Median within year.
    Median,
    /// Latest earlier value of the unit.
    Latest,
    /// Linear interpolation along the unit's years.
    Linear,
}

/// Arguments of `govgap index`.
#[derive(Debug, Args)]
pub struct IndexArgs {
    #[command(flatten)]
    data: DataArgs,
    /// A settings file (TOML) describing every choice; the flags below override it.
    #[arg(long)]
    settings: Option<PathBuf>,
    /// Normalisation.
    #[arg(long, value_enum)]
    normalise: Option<NormaliseArg>,
    /// Weighting.
    #[arg(long, value_enum)]
    weights: Option<WeightArg>,
    /// Aggregation.
    #[arg(long, value_enum)]
    aggregate: Option<AggregateArg>,
    /// Imputation.
    #[arg(long, value_enum)]
    impute: Option<ImputeArg>,
    /// Only these years (comma-separated), or `latest`.
    #[arg(long)]
    years: Option<String>,
    /// Normalise each year separately instead of pooling all years.
    #[arg(long)]
    per_year: bool,
    /// Output folder.
    #[arg(long)]
    out: PathBuf,
}

/// Builds the settings from a file and flags.
///
/// # Errors
/// An unreadable or invalid settings file, or a malformed `--years`.
pub fn settings_from(
    file: Option<&PathBuf>,
    normalise: Option<NormaliseArg>,
    weights: Option<WeightArg>,
    aggregate: Option<AggregateArg>,
    impute: Option<ImputeArg>,
    years: Option<&str>,
    per_year: bool,
) -> Result<Settings> {
    let mut s = match file {
        Some(p) => {
            let text = std::fs::read_to_string(p).with_context(|| format!("reading settings {}", p.display()))?;
            Settings::from_toml(&text).with_context(|| format!("in {}", p.display()))?
        }
        None => Settings::default(),
    };
    if let Some(n) = normalise {
        s.normaliser = match n {
            NormaliseArg::MinMax => Normaliser::MinMax { low: 0.0, high: 100.0 },
            NormaliseArg::ZScore => Normaliser::ZScore { mean: 0.0, sd: 1.0 },
            NormaliseArg::Rank => Normaliser::Rank,
            NormaliseArg::PercentileRank => Normaliser::PercentileRank,
            NormaliseArg::Goalposts => Normaliser::Goalposts { scale: 100.0 },
            NormaliseArg::DistanceToMax => Normaliser::DistanceToMax { scale: 100.0 },
            NormaliseArg::FractionOfMax => Normaliser::FractionOfMax { scale: 100.0 },
            NormaliseArg::Vector => Normaliser::Vector,
        };
    }
    if let Some(w) = weights {
        s.weighting = match w {
            WeightArg::Manual => Weighting::Manual,
            WeightArg::Equal => Weighting::Equal,
            WeightArg::Entropy => Weighting::Entropy,
            WeightArg::Critic => Weighting::Critic,
            WeightArg::Pca => Weighting::Pca,
        };
    }
    if let Some(a) = aggregate {
        s.aggregator = match a {
            AggregateArg::Arithmetic => Aggregator::Arithmetic,
            AggregateArg::Geometric => Aggregator::Geometric {
                non_positive: NonPositivePolicy::Error,
            },
            AggregateArg::Harmonic => Aggregator::Harmonic {
                non_positive: NonPositivePolicy::Error,
            },
            AggregateArg::Topsis => Aggregator::Topsis,
            AggregateArg::Copeland => Aggregator::Copeland,
        };
    }
    if let Some(i) = impute {
        s.imputation = match i {
            ImputeArg::None => Imputation::None,
            ImputeArg::Mean => Imputation::Mean,
            ImputeArg::Median => Imputation::Median,
            ImputeArg::Latest => Imputation::Latest,
            ImputeArg::Linear => Imputation::Linear,
        };
    }
    if let Some(y) = years {
        s.years = if y.trim() == "latest" {
            YearSelection::Latest
        } else {
            let ys: Result<Vec<i32>, _> = y.split(',').map(|t| t.trim().parse::<i32>()).collect();
            YearSelection::Only(ys.with_context(|| format!("--years '{y}': give comma-separated years or 'latest'"))?)
        };
    }
    if per_year {
        s.panel = PanelScope::PerYear;
    }
    Ok(s)
}

/// Runs the pipeline and writes the tables.
pub fn run(a: &IndexArgs) -> Result<ExitCode> {
    let ds = a.data.load()?;
    let own = a.data.settings_file();
    if a.settings.is_none()
        && let Some(f) = &own
    {
        println!("using the dataset's settings {}", f.display());
    }
    let settings = settings_from(
        a.settings.as_ref().or(own.as_ref()),
        a.normalise,
        a.weights,
        a.aggregate,
        a.impute,
        a.years.as_deref(),
        a.per_year,
    )?;
    let res = govgap::pipeline::run(&ds, &settings)?;
    std::fs::create_dir_all(&a.out).with_context(|| format!("creating {}", a.out.display()))?;
    govgap::io::write_csv(
        &mut res.scores_frame(NodeSelection::Aggregates)?,
        a.out.join("scores.csv"),
    )?;
    govgap::io::write_csv(
        &mut res.ranks_frame(NodeSelection::Aggregates)?,
        a.out.join("ranks.csv"),
    )?;
    govgap::io::write_csv(&mut res.scores_frame(NodeSelection::All)?, a.out.join("scores_all.csv"))?;
    govgap::io::write_csv(&mut res.weights_frame()?, a.out.join("weights.csv"))?;
    govgap::io::write_csv(&mut govgap::stats::coherence(&res).to_frame()?, a.out.join("stats.csv"))?;
    govgap::io::write_text_atomic(a.out.join("settings.toml"), &res.settings.to_toml()?)?;
    // What the index rests on.
    let fw = &res.framework;
    let years: Vec<String> = res
        .years()
        .iter()
        .map(|y| y.map_or_else(|| "-".to_string(), |y| y.to_string()))
        .collect();
    println!(
        "index '{}' for {} rows ({} units) over years [{}]",
        fw.nodes()[fw.root()].code,
        res.rows.len(),
        res.unit_codes.iter().collect::<std::collections::BTreeSet<_>>().len(),
        years.join(", ")
    );
    println!("indicators it rests on (values present / rows):");
    for k in fw.indicators() {
        let present = res.treated[k].iter().flatten().count();
        if present > 0 {
            println!(
                "  {:<28} {:>5} / {:<5} weight in index {:.4}",
                fw.nodes()[k].code,
                present,
                res.rows.len(),
                res.effective_weights[k]
            );
        }
    }
    let empty: Vec<&str> = fw
        .indicators()
        .filter(|&k| !res.treated[k].any_present())
        .map(|k| fw.nodes()[k].code.as_str())
        .collect();
    if !empty.is_empty() {
        println!("indicators with no data in this run (left out): {}", empty.join(", "));
    }
    for (u, share) in &res.dropped_units {
        println!("dropped by screening: {u} (data share {share:.2})");
    }
    for note in &res.notes {
        println!("note: {note}");
    }
    if res.imputed_count() > 0 {
        println!("imputed cells: {}", res.imputed_count());
    }
    let top = res.ranking(res.index_node());
    println!("ranking ({}):", years.last().map_or("-", String::as_str));
    for r in top.iter().take(20) {
        let name = ds
            .unit_position(&r.unit_code)
            .map_or("", |u| ds.units()[u].name_en.as_str());
        println!("  {:>3}  {:<8} {:<18} {:8.3}", r.rank, r.unit_code, name, r.score);
    }
    println!("wrote {}", a.out.display());
    Ok(ExitCode::SUCCESS)
}
