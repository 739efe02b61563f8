//! Speed of the index pipeline and the gap measures on **synthetic** data (seeded, generated here and
//! written to a temporary folder in the benchmark kit's `data_*.csv` / `meta_*.csv` layout):
//!
//! - `pipeline/M_337x40`: one full build (min-max, arithmetic) of 337 units x 40 indicators;
//! - `pipeline/L_2850x60_weight_change`: the dashboard's what-if recompute: a full build of 2,850
//!   units x 60 indicators in 6 dimensions (the L table's last year) after one dimension weight moved
//!   (the budget is one frame, 16 ms), and the same change through `reaggregate`, as the
//!   dashboard does it;
//! - `pipeline/L_2850x60_geometric`: the same table aggregated geometrically on [1, 100];
//! - `gap/ineq_summary_2850`: every inequality measure and the Theil/Dagum decompositions of 2,850
//!   scores in 8 groups;
//! - `io/read_coinr_28500x60_plain` and `..._quoted`: reading and validating an iData of 28,500 units
//!   x 60 indicators with six decimals (about 19 MB), once as a plain file (the parallel fast path)
//!   and once with the unit names in quotes (which sends it through polars' reader).
//!
//! Criterion reports the times; nothing asserts them. Run with `cargo bench -p govgap --bench pipeline`.

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use govgap::aggregate::{Aggregator, NonPositivePolicy};
use govgap::normalise::Normaliser;
use govgap::{Dataset, Settings, pipeline};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// A uniform draw in `[0, 1)`.
fn uniform(rng: &mut ChaCha8Rng) -> f64 {
    (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64
}

/// A standard normal draw (Box-Muller).
fn normal(rng: &mut ChaCha8Rng) -> f64 {
    let (u, v) = (1.0 - uniform(rng), uniform(rng));
    (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
}

/// Writes a synthetic table of `n` units x `k` indicators in `d` dimensions (latent maturity plus
/// dimension and indicator noise, heterogeneous scales, every fifth indicator "lower is better",
/// about 2 % of cells missing, 8 regions) and reads it back as a dataset. Values are written in full
/// (shortest round-trip form) or with `decimals` places.
fn synthetic(dir: &Path, n: usize, k: usize, d: usize, seed: u64, decimals: Option<usize>) -> Option<Dataset> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let dim_of: Vec<usize> = (0..k).map(|c| c * d / k).collect();
    let latent: Vec<f64> = (0..n).map(|_| normal(&mut rng)).collect();
    let dim_effect: Vec<f64> = (0..n * d).map(|_| 0.5 * normal(&mut rng)).collect();
    let scale: Vec<f64> = (0..k).map(|_| 10f64.powf(3.0 * uniform(&mut rng))).collect();
    let loading: Vec<f64> = (0..k).map(|_| 0.4 + 0.6 * uniform(&mut rng)).collect();
    let mut data = String::from("uCode,uName,region");
    for c in 0..k {
        let _ = write!(data, ",x{:02}", c + 1);
    }
    data.push('\n');
    for i in 0..n {
        let _ = write!(data, "U{i:04},Synthetic unit {i},R{}", i % 8);
        for c in 0..k {
            let dir_sign = if c % 5 == 4 { -1.0 } else { 1.0 };
            let f = dir_sign * (latent[i] * loading[c] + dim_effect[i * d + dim_of[c]]) + 0.6 * normal(&mut rng);
            let first_of_dim = c == 0 || dim_of[c - 1] != dim_of[c];
            if !first_of_dim && uniform(&mut rng) < 0.02 {
                data.push(',');
            } else {
                let x = scale[c] * (2.0 + 0.4 * f).exp();
                let _ = match decimals {
                    Some(p) => write!(data, ",{x:.p$}"),
                    None => write!(data, ",{x}"),
                };
            }
        }
        data.push('\n');
    }
    let mut meta = String::from("iCode,dim,direction,weight\n");
    for (c, dim) in dim_of.iter().enumerate() {
        let _ = writeln!(meta, "x{:02},D{},{},1", c + 1, dim + 1, if c % 5 == 4 { -1 } else { 1 });
    }
    let (data_file, meta_file) = (
        dir.join(format!("data_{n}x{k}.csv")),
        dir.join(format!("meta_{n}x{k}.csv")),
    );
    govgap::io::write_text_atomic(&data_file, &data).ok()?;
    govgap::io::write_text_atomic(&meta_file, &meta).ok()?;
    govgap::io::read_coinr(&data_file, &meta_file).ok()
}

fn scratch() -> PathBuf {
    std::env::temp_dir().join(format!("govgap-bench-pipeline-{}", std::process::id()))
}

fn bench_pipeline(c: &mut Criterion) {
    let dir = scratch();
    if std::fs::create_dir_all(&dir).is_err() {
        eprintln!("cannot create {}; benchmark skipped", dir.display());
        return;
    }
    let mut ineq_input = None;
    let mut group = c.benchmark_group("pipeline");
    group.sample_size(20);
    if let Some(m) = synthetic(&dir, 337, 40, 5, 20_240_601, None) {
        group.bench_function("M_337x40", |b| {
            b.iter(|| black_box(pipeline::run(black_box(&m), &Settings::default())));
        });
    } else {
        eprintln!("synthetic table M is not valid; benchmark skipped");
    }
    if let Some(l) = synthetic(&dir, 2850, 60, 6, 20_240_602, None) {
        // alternate between two weight settings so that nothing can be cached between iterations
        let mut flip = false;
        group.bench_function("L_2850x60_weight_change", |b| {
            b.iter(|| {
                flip = !flip;
                let mut s = Settings::default();
                s.weights.insert("D2".into(), if flip { 2.5 } else { 0.5 });
                black_box(pipeline::run(&l, &s))
            });
        });
        // the same change through `reaggregate`, which reuses the normalised indicators
        if let Ok(base) = pipeline::run(&l, &Settings::default()) {
            let mut flip = false;
            group.bench_function("L_2850x60_weight_change_reaggregate", |b| {
                b.iter(|| {
                    flip = !flip;
                    let mut s = Settings::default();
                    s.weights.insert("D2".into(), if flip { 2.5 } else { 0.5 });
                    black_box(pipeline::reaggregate(&l, &base, &s))
                });
            });
        }
        let geo = Settings {
            normaliser: Normaliser::MinMax { low: 1.0, high: 100.0 },
            aggregator: Aggregator::Geometric {
                non_positive: NonPositivePolicy::Error,
            },
            ..Settings::default()
        };
        group.bench_function("L_2850x60_geometric", |b| {
            b.iter(|| black_box(pipeline::run(&l, &geo)));
        });
        // the dashboard's normaliser switch: `renormalise` reuses the treated indicator values
        if let Ok(base) = pipeline::run(&l, &Settings::default()) {
            group.bench_function("L_2850x60_normaliser_change_renormalise", |b| {
                b.iter(|| black_box(pipeline::renormalise(&l, &base, &geo)));
            });
        }
        if let Ok(res) = pipeline::run(&l, &Settings::default()) {
            let root = res.index_node();
            let scores: Vec<f64> = res.scores[root].present().collect();
            let groups: Vec<usize> = (0..scores.len()).map(|i| i % 8).collect();
            ineq_input = Some((scores, groups));
        }
    } else {
        eprintln!("synthetic table L is not valid; benchmark skipped");
    }
    group.finish();
    if let Some((scores, groups)) = ineq_input {
        c.bench_function("gap/ineq_summary_2850", |b| {
            b.iter(|| black_box(govgap::gap::ineq_summary(black_box(&scores), &groups, 8)));
        });
    }
    bench_reader(c, &dir);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The iData reader on a large synthetic table, plain and with quoted names.
fn bench_reader(c: &mut Criterion, dir: &Path) {
    if synthetic(dir, 28_500, 60, 6, 20_240_603, Some(6)).is_none() {
        eprintln!("synthetic reader table is not valid; benchmark skipped");
        return;
    }
    let (plain, meta) = (dir.join("data_28500x60.csv"), dir.join("meta_28500x60.csv"));
    let Ok(text) = std::fs::read_to_string(&plain) else {
        return;
    };
    let mut quoted_text = String::with_capacity(text.len() + 60_000);
    for (i, line) in text.lines().enumerate() {
        let mut f = line.splitn(3, ',');
        match (i, f.next(), f.next(), f.next()) {
            (1.., Some(code), Some(name), Some(rest)) => {
                let _ = writeln!(quoted_text, "{code},\"{name}\",{rest}");
            }
            _ => {
                let _ = writeln!(quoted_text, "{line}");
            }
        }
    }
    let quoted = dir.join("data_28500x60_quoted.csv");
    if govgap::io::write_text_atomic(&quoted, &quoted_text).is_err() {
        return;
    }
    let mut group = c.benchmark_group("io");
    group.sample_size(20);
    group.bench_function("read_coinr_28500x60_plain", |b| {
        b.iter(|| black_box(govgap::io::read_coinr(&plain, &meta)));
    });
    group.bench_function("read_coinr_28500x60_quoted", |b| {
        b.iter(|| black_box(govgap::io::read_coinr(&quoted, &meta)));
    });
    group.finish();
}

criterion_group!(benches, bench_pipeline);
criterion_main!(benches);
