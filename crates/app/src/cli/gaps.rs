//! `govgap gaps`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;
use govgap::analysis::{GapOptions, analyse};
use govgap::model::UnitKind;

use super::DataArgs;

/// Arguments of `govgap gaps`.
#[derive(Debug, Args)]
pub struct GapsArgs {
    #[command(flatten)]
    data: DataArgs,
    /// Grouping variable for the Theil and Dagum decompositions.
    #[arg(long, default_value = "group")]
    by: String,
    /// Context variable used as population weights.
    #[arg(long, default_value = "pop_total")]
    population: String,
    /// Boundaries (GeoJSON with a `code` property) for the spatial statistics; default: the dataset
    /// folder's `prefectures.geojson`.
    #[arg(long)]
    geo: Option<PathBuf>,
    /// A settings file for the index run (default: the dataset's own `settings.toml`).
    #[arg(long)]
    settings: Option<PathBuf>,
    /// Permutations for the spatial inference.
    #[arg(long, default_value_t = 999)]
    permutations: usize,
    /// Seed of the permutations.
    #[arg(long, default_value_t = 20_240_601)]
    seed: u64,
    /// Output folder.
    #[arg(long)]
    out: PathBuf,
}

fn opt(v: Option<f64>) -> String {
    v.map_or_else(String::new, |v| v.to_string())
}

fn write(out: &Path, name: &str, text: &str) -> Result<()> {
    govgap::io::write_text_atomic(out.join(name), text)?;
    Ok(())
}

/// Runs the index, then every gap measure, and writes them as CSV tables.
pub fn run(a: &GapsArgs) -> Result<ExitCode> {
    let ds = a.data.load()?;
    let settings = a.data.settings(a.settings.as_deref())?;
    let res = govgap::pipeline::run(&ds, &settings)?;
    let regions = a.data.regions(a.geo.as_deref())?;
    let opts = GapOptions {
        grouping: Some(a.by.clone()),
        population: Some(a.population.clone()),
        regions,
        permutations: a.permutations,
        seed: a.seed,
        ..GapOptions::default()
    };
    let g = analyse(&ds, &res, &opts)?;
    std::fs::create_dir_all(&a.out)?;
    let mut s = String::from(
        "node,n,mean,min,max,range,max_min_ratio,sd,cv_pop,cv_sample,gini,theil_t,theil_l,ge2,atkinson_0.5,gini_pop_weighted,theil_t_pop_weighted\n",
    );
    for m in &g.inequality {
        let _ = writeln!(
            s,
            "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}",
            m.node,
            m.n,
            m.mean,
            m.min,
            m.max,
            m.range,
            opt(m.max_min_ratio),
            m.sd,
            opt(m.cv_pop),
            opt(m.cv_sample),
            opt(m.gini),
            opt(m.theil_t),
            opt(m.theil_l),
            opt(m.ge2),
            opt(m.atkinson_05),
            opt(m.gini_pop),
            opt(m.theil_t_pop)
        );
    }
    write(&a.out, "inequality.csv", &s)?;
    let mut t = String::from("node,group,n,mean,theil,within_contribution,between_contribution,total,between,within\n");
    for (node, d) in &g.theil {
        for grp in &d.groups {
            let _ = writeln!(
                t,
                "{node},{},{},{},{},{},{},{},{},{}",
                grp.label,
                grp.n,
                grp.mean,
                grp.theil,
                grp.within_contribution,
                grp.between_contribution,
                d.total,
                d.between,
                d.within
            );
        }
    }
    write(&a.out, "theil_by_group.csv", &t)?;
    let mut dg = String::from("node,part,j,h,gini,value\n");
    for (node, d) in &g.dagum {
        let _ = writeln!(dg, "{node},total,,,{},{}", d.gini, d.gini);
        let _ = writeln!(dg, "{node},within,,,,{}", d.within);
        let _ = writeln!(dg, "{node},net_between,,,,{}", d.net_between);
        let _ = writeln!(dg, "{node},transvariation,,,,{}", d.transvariation);
        for grp in &d.groups {
            let _ = writeln!(
                dg,
                "{node},group,{},,{},{}",
                grp.label, grp.gini, grp.within_contribution
            );
        }
        for p in &d.pairs {
            let _ = writeln!(dg, "{node},pair,{},{},{},{}", p.j, p.h, p.gini, p.relative_affluence);
        }
    }
    write(&a.out, "dagum.csv", &dg)?;
    let mut l = String::from("population_share,value_share\n");
    for p in &g.lorenz {
        let _ = writeln!(l, "{},{}", p.population_share, p.value_share);
    }
    write(&a.out, "lorenz_index.csv", &l)?;
    if let Some(sp) = &g.spatial {
        let mut m =
            String::from("statistic,value,expected,z_norm,p_norm,p_permutation,permutations,min_attainable_p\n");
        let perm = sp.moran.permutation.as_ref();
        let _ = writeln!(
            m,
            "moran_i,{},{},{},{},{},{},{}",
            sp.moran.i,
            sp.moran.expected,
            sp.moran.z_normal,
            sp.moran.p_normal,
            opt(perm.map(|p| p.p_value)),
            a.permutations,
            1.0 / (a.permutations as f64 + 1.0)
        );
        write(&a.out, "moran.csv", &m)?;
        let mut lisa = String::from("unit,neighbours,local_i,quadrant,p_permutation,significant\n");
        for (i, u) in sp.local.units.iter().enumerate() {
            let nb: Vec<&str> = sp.neighbours[i].iter().map(|&j| sp.units[j].as_str()).collect();
            let _ = writeln!(
                lisa,
                "{},{},{},{:?},{},{}",
                sp.units[i],
                nb.join(" "),
                u.i,
                u.quadrant,
                opt(u.test.as_ref().map(|t| t.p_value)),
                u.significant
            );
        }
        write(&a.out, "lisa.csv", &lisa)?;
    }
    let mut o = String::from("unit,rank,indicator,obstacle_pct\n");
    let mut sw = String::from("unit,kind,indicator,rank_among_units\n");
    let mut lg = String::from("unit,node,gap_to_leader\n");
    for d in &g.diagnoses {
        for (i, (code, pct)) in d.obstacles.iter().enumerate() {
            let _ = writeln!(o, "{},{},{code},{pct}", d.unit, i + 1);
        }
        for (code, r) in &d.strengths {
            let _ = writeln!(sw, "{},strength,{code},{r}", d.unit);
        }
        for (code, r) in &d.weaknesses {
            let _ = writeln!(sw, "{},weakness,{code},{r}", d.unit);
        }
        for (code, gap) in &d.gap_to_leader {
            let _ = writeln!(lg, "{},{code},{gap}", d.unit);
        }
    }
    write(&a.out, "obstacles.csv", &o)?;
    write(&a.out, "strengths_weaknesses.csv", &sw)?;
    write(&a.out, "gap_to_leader.csv", &lg)?;
    // benchmarks: every prefecture against every benchmark unit, per dimension on shared goalposts
    let mut b = String::from("unit,benchmark,dimension,unit_score,benchmark_score,gap,shared_indicators,secondary\n");
    let mut bi = String::from(
        "unit,benchmark,indicator,unit_value,unit_year,benchmark_value,benchmark_year,gap,unit_source,benchmark_source\n",
    );
    for u in ds.units().iter().filter(|u| u.kind == UnitKind::Prefecture) {
        for bm in ds.units().iter().filter(|u| u.benchmark) {
            let c = govgap::benchmark::compare(&ds, &u.code, &bm.code, None)?;
            for d in &c.dimensions {
                let _ = writeln!(
                    b,
                    "{},{},{},{},{},{},{},{}",
                    u.code,
                    bm.code,
                    d.dimension,
                    opt(d.unit_score),
                    opt(d.bench_score),
                    opt(d.gap),
                    d.shared.join(" "),
                    d.n_secondary
                );
            }
            for ig in c
                .indicators
                .iter()
                .filter(|ig| ig.unit_value.is_some() && ig.bench_value.is_some())
            {
                let (uv, uy) = ig.unit_value.unwrap_or((f64::NAN, None));
                let (bv, by) = ig.bench_value.unwrap_or((f64::NAN, None));
                let _ = writeln!(
                    bi,
                    "{},{},{},{uv},{},{bv},{},{},{},{}",
                    u.code,
                    bm.code,
                    ig.indicator,
                    uy.map_or_else(String::new, |y| y.to_string()),
                    by.map_or_else(String::new, |y| y.to_string()),
                    opt(ig.gap),
                    ig.sources.0.clone().unwrap_or_default(),
                    ig.sources.1.clone().unwrap_or_default()
                );
            }
        }
    }
    write(&a.out, "benchmark_dimensions.csv", &b)?;
    write(&a.out, "benchmark_indicators.csv", &bi)?;
    write(&a.out, "notes.txt", &g.notes.join("\n"))?;
    let idx = g
        .inequality
        .iter()
        .find(|m| m.node == res.framework.nodes()[res.index_node()].code);
    if let Some(m) = idx {
        println!(
            "index across {} units: mean {:.2}, range {:.2}, CV {:.3}, Gini {:.4}, Theil T {:.4}",
            m.n,
            m.mean,
            m.range,
            m.cv_sample.unwrap_or(f64::NAN),
            m.gini.unwrap_or(f64::NAN),
            m.theil_t.unwrap_or(f64::NAN)
        );
    }
    if let Some((_, d)) = g
        .theil
        .iter()
        .find(|(n, _)| *n == res.framework.nodes()[res.index_node()].code)
    {
        println!(
            "Theil T by '{}': between {:.4} ({:.1} %), within {:.4}",
            a.by,
            d.between,
            d.between_share.unwrap_or(0.0) * 100.0,
            d.within
        );
    }
    if let Some(sp) = &g.spatial {
        println!(
            "Moran's I {:.4} (E[I] {:.4}), permutation p {}",
            sp.moran.i,
            sp.moran.expected,
            opt(sp.moran.permutation.as_ref().map(|p| p.p_value))
        );
    }
    for n in &g.notes {
        println!("note: {n}");
    }
    println!("wrote {}", a.out.display());
    Ok(ExitCode::SUCCESS)
}
