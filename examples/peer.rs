//! The govgap side of the side-by-side benchmark kit in `../shared/bench/`: the same tasks as
//! `peer_py.py`, writing the same files and columns, so that `compare.py` can check them cell by cell.
//!
//! ```text
//! cargo run --release --example peer -- build S|M|L --data bench-data --out bench-out/govgap
//! cargo run --release --example peer -- selftest --out /tmp/x   # synthetic smoke test (CI)
//! ```
//!
//! `build`: min-max [0, 100] pooled over years, arithmetic two-level mean with weights re-normalised
//! over present indicators; the geometric variant on [1, 100]; the entropy variant (entropy weights on
//! the [0, 100] data over all indicators jointly, dimension weight = sum of its indicators' weights);
//! ranks within each year (1 = highest, ties take the minimum).

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use govgap::aggregate::{Aggregator, NonPositivePolicy};
use govgap::model::NodeRole;
use govgap::normalise::Normaliser;
use govgap::pipeline::{self, Results};
use govgap::weight;
use govgap::{Dataset, Settings};
use rayon::prelude::*;

struct Args {
    task: String,
    size: String,
    data: PathBuf,
    out: PathBuf,
    reps: usize,
}

fn parse_args() -> Result<Args> {
    let mut it = std::env::args().skip(1);
    let task = it
        .next()
        .context("usage: peer build|ineq|ua|selftest [S|M|L] [--data DIR] [--out DIR]")?;
    let mut size = String::new();
    let mut data = PathBuf::from("bench-data");
    let mut out = PathBuf::from("bench-out/govgap");
    let mut reps = 1000;
    while let Some(a) = it.next() {
        match a.as_str() {
            "--data" => data = PathBuf::from(it.next().context("--data needs a folder")?),
            "--out" => out = PathBuf::from(it.next().context("--out needs a folder")?),
            "--reps" => {
                reps = it
                    .next()
                    .context("--reps needs a number")?
                    .parse()
                    .context("--reps needs a number")?;
            }
            s if size.is_empty() && !s.starts_with("--") => size = s.to_string(),
            other => bail!("unexpected argument '{other}'"),
        }
    }
    Ok(Args {
        task,
        size,
        data,
        out,
        reps,
    })
}

/// The run's rows year by year (the peer's order: year-major, then unit code). A run's rows are in
/// (unit code, year) order, so bucketing them by year keeps the unit order within each year.
fn year_blocks(res: &Results) -> Vec<Vec<usize>> {
    let years = res.years(); // (distinct, ascending: a few)
    let mut blocks = vec![Vec::new(); years.len()];
    for (r, o) in res.rows.iter().enumerate() {
        if let Ok(b) = years.binary_search(&o.year) {
            blocks[b].push(r);
        }
    }
    blocks
}

/// Writes an output file plainly, as the numpy peer's `to_csv` does (govgap's own writers also sync
/// the file to disk and rename it into place, which a benchmark output does not need).
fn write_out(path: impl AsRef<Path>, text: &str) -> Result<()> {
    let path = path.as_ref();
    std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))
}

/// The dense columns of `nodes`, then of `last`.
fn node_columns<'r>(res: &'r Results, nodes: &[usize], last: usize) -> Vec<&'r [f64]> {
    nodes.iter().chain([&last]).map(|&k| res.scores[k].raw()).collect()
}

/// Writes a cell of a dense column (NaN: missing) in its shortest round-trip form (zmij), nothing for
/// missing.
fn fmt_value(out: &mut String, v: f64) {
    if !v.is_nan() {
        out.push_str(zmij::Buffer::new().format(v));
    }
}

/// Writes a rank as an integer (the numpy peer's float ranks read back equal), nothing for missing.
fn fmt_rank(out: &mut String, rank: Option<u32>) {
    if let Some(r) = rank {
        out.push_str(itoa::Buffer::new().format(r));
    }
}

/// The three builds of the peer: arithmetic, geometric, entropy-weighted.
struct Builds {
    arith: Results,
    geo: Results,
    ent: Results,
    /// Entropy weights and entropies per indicator.
    we: Vec<f64>,
    e: Vec<f64>,
}

/// Rows of the build output formatted as one piece of text.
const CHUNK: usize = 256;

/// Prints the time since `t0` when `GOVGAP_TIMING` is set (for profiling the example).
fn lap(t0: std::time::Instant, what: &str) {
    if std::env::var_os("GOVGAP_TIMING").is_some() {
        eprintln!("{:>8.1} ms  {what}", t0.elapsed().as_secs_f64() * 1e3);
    }
}

fn builds(ds: &Dataset) -> Result<Builds> {
    let t0 = std::time::Instant::now();
    let fw = ds.framework();
    let dims: Vec<usize> = fw.children(fw.root()).to_vec();
    let indicators: Vec<usize> = fw.indicators().collect();
    let geo_settings = Settings {
        normaliser: Normaliser::MinMax { low: 1.0, high: 100.0 },
        aggregator: Aggregator::Geometric {
            non_positive: NonPositivePolicy::Error,
        },
        ..Settings::default()
    };
    // the geometric build needs only the dataset, the entropy build the arithmetic one: the two
    // chains run side by side from the start, each filling the other's sequential steps
    let (geo, chain) = rayon::join(
        || {
            let r = pipeline::run(ds, &geo_settings);
            lap(t0, "geo (in parallel)");
            // ranked here, where the two chains' unequal lengths leave a thread free
            if let Ok(r) = &r {
                let _ = r.ranks(fw.root());
            }
            r
        },
        || -> Result<(Results, Results, Vec<f64>, Vec<f64>)> {
            // arithmetic on [0, 100]
            let arith = pipeline::run(ds, &Settings::default())?;
            lap(t0, "arithmetic build (in parallel)");
            // entropy weights over all indicators jointly, on the [0, 100] data
            let cols: Vec<&govgap::model::Scores> = indicators.iter().map(|&k| arith.scores[k].as_ref()).collect();
            let (_, entropy) = rayon::join(|| arith.ranks(fw.root()), || weight::entropy::entropy_weights(&cols));
            let (we, e) = entropy?;
            lap(t0, "entropy weights (in parallel)");
            let mut weights = std::collections::BTreeMap::new();
            for (&k, &w) in indicators.iter().zip(&we) {
                weights.insert(fw.nodes()[k].code.clone(), w);
            }
            for &d in &dims {
                let wd: f64 = indicators
                    .iter()
                    .zip(&we)
                    .filter(|&(&k, _)| fw.parent(k) == Some(d))
                    .map(|(_, &w)| w)
                    .sum();
                weights.insert(fw.nodes()[d].code.clone(), wd);
            }
            // only the weights change: re-aggregate the arithmetic build's normalised indicators
            let ent = pipeline::reaggregate(
                ds,
                &arith,
                &Settings {
                    weights,
                    ..Settings::default()
                },
            )?;
            let _ = ent.ranks(fw.root());
            lap(t0, "entropy reaggregate (in parallel)");
            Ok((arith, ent, we, e))
        },
    );
    let geo = geo?;
    let (arith, ent, we, e) = chain?;
    lap(t0, "builds");
    Ok(Builds { arith, geo, ent, we, e })
}

fn build(ds: &Dataset, size: &str, out_dir: &Path) -> Result<()> {
    let t0 = std::time::Instant::now();
    let Builds { arith, geo, ent, we, e } = builds(ds)?;
    let fw = ds.framework();
    let dims: Vec<usize> = fw.children(fw.root()).to_vec();
    let indicators: Vec<usize> = fw.indicators().collect();

    let has_year = arith.rows.iter().any(|o| o.year.is_some());
    let root = fw.root();
    let mut s = String::from("uCode,region");
    if has_year {
        s.push_str(",year");
    }
    for &d in &dims {
        let _ = write!(s, ",{}_arith", fw.nodes()[d].code);
    }
    s.push_str(",index_arith,rank_arith");
    for &d in &dims {
        let _ = write!(s, ",{}_geo", fw.nodes()[d].code);
    }
    s.push_str(",index_geo,rank_geo,index_entropy,rank_entropy\n");
    // (the three index rankings were computed in `builds`, where a thread was free)
    std::fs::create_dir_all(out_dir)?;
    let path = out_dir.join(format!("build_{size}.csv"));
    let file = std::fs::File::create(&path);
    let mut file = file.with_context(|| format!("writing {}", path.display()))?;
    // rows are formatted in parallel chunks and written in order; each unit's region is looked up
    // once, and the columns of a row are taken as plain slices once
    let region: Vec<&str> = ds.units().iter().map(|u| u.group("region").unwrap_or("")).collect();
    let (arith_cols, geo_cols) = (node_columns(&arith, &dims, root), node_columns(&geo, &dims, root));
    let ent_index = ent.scores[root].raw();
    let ranks = [arith.ranks(root), geo.ranks(root), ent.ranks(root)];
    let line = |s: &mut String, r: usize| {
        let row = arith.rows[r];
        s.push_str(&ds.units()[row.unit].code);
        s.push(',');
        s.push_str(region[row.unit]);
        if let Some(y) = row.year {
            s.push(',');
            s.push_str(itoa::Buffer::new().format(y));
        }
        for (cols, rank) in [(&arith_cols, ranks[0]), (&geo_cols, ranks[1])] {
            for col in cols {
                s.push(',');
                fmt_value(s, col[r]);
            }
            s.push(',');
            fmt_rank(s, rank[r]);
        }
        s.push(',');
        fmt_value(s, ent_index[r]);
        s.push(',');
        fmt_rank(s, ranks[2][r]);
        s.push('\n');
    };
    // rows are formatted in parallel, a window of small chunks at a time into buffers reserved once
    // and reused (so that the 8.9 MB of text at L needs few fresh pages), each window written while
    // the next is formatted
    let order = year_blocks(&arith).concat();
    let chunks: Vec<&[usize]> = order.chunks(CHUNK).collect();
    let window = 4 * rayon::current_num_threads();
    let format = |bufs: &mut Vec<String>, rows: &[&[usize]]| {
        bufs.resize_with(rows.len(), String::new);
        bufs.par_iter_mut().zip(rows).for_each(|(slot, rows)| {
            // filled as a local value: the buffers' lengths, side by side in `bufs`, would otherwise
            // share cache lines between the threads on every push
            let mut c = std::mem::take(slot);
            c.clear();
            c.reserve(CHUNK * s.len() * 2); // (a row is about as long as the header)
            for &r in *rows {
                line(&mut c, r);
            }
            *slot = c;
        });
    };
    let mut write = |bufs: &[String]| -> Result<()> {
        for c in bufs {
            file.write_all(c.as_bytes())
                .with_context(|| format!("writing {}", path.display()))?;
        }
        Ok(())
    };
    write(std::slice::from_ref(&s))?;
    let mut ready = Vec::new();
    let mut next = Vec::new();
    let mut windows = chunks.chunks(window);
    if let Some(w) = windows.next() {
        format(&mut ready, w);
    }
    for w in windows {
        let (written, ()) = rayon::join(|| write(&ready), || format(&mut next, w));
        written?;
        std::mem::swap(&mut ready, &mut next);
    }
    write(&ready)?;
    lap(t0, "build: csv text");
    lap(t0, "build: csv written");
    let mut w = String::from("iCode,entropy,weight\n");
    for ((&k, e), w_) in indicators.iter().zip(&e).zip(&we) {
        debug_assert_eq!(fw.nodes()[k].role, NodeRole::Indicator);
        let _ = writeln!(w, "{},{e},{w_}", fw.nodes()[k].code);
    }
    write_out(out_dir.join(format!("entropy_weights_{size}.csv")), &w)?;
    // the process ends after this task (see `main`): the results are not taken apart column by column
    std::mem::forget((arith, geo, ent));
    Ok(())
}

/// `ineq`: per year, for the three index variants and each arithmetic dimension: Gini, Theil T and its
/// between/within-region parts, CV with n and n-1.
fn ineq(ds: &Dataset, size: &str, out_dir: &Path) -> Result<()> {
    let t0 = std::time::Instant::now();
    let b = builds(ds)?;
    lap(t0, "ineq: builds");
    let fw = ds.framework();
    let root = fw.root();
    let dims: Vec<usize> = fw.children(root).to_vec();
    let regions = ds.group_labels("region");
    let mut series: Vec<(String, &Results, usize)> = vec![
        ("index_arith".into(), &b.arith, root),
        ("index_geo".into(), &b.geo, root),
        ("index_entropy".into(), &b.ent, root),
    ];
    for &d in &dims {
        series.push((format!("{}_arith", fw.nodes()[d].code), &b.arith, d));
    }
    let blocks = year_blocks(&b.arith);
    lap(t0, "ineq: order");
    // region of each unit, looked up once
    let region_of: Vec<usize> = ds
        .units()
        .iter()
        .map(|u| {
            u.group("region")
                .and_then(|g| regions.iter().position(|x| x == g))
                .unwrap_or(0)
        })
        .collect();
    // every (year, series) pair is independent: compute them in parallel, print them in order
    let lines: Vec<String> = blocks
        .par_iter()
        .flat_map_iter(|rows| series.iter().map(move |s| (rows.as_slice(), s)))
        .map(|(rows, (name, res, node))| -> Result<String> {
            let year = b.arith.rows[rows[0]].year;
            let groups: Vec<usize> = rows.iter().map(|&r| region_of[b.arith.rows[r].unit]).collect();
            let v: Vec<f64> = rows
                .iter()
                .map(|&r| res.scores[*node].get(r))
                .collect::<Option<Vec<f64>>>()
                .context("a score is missing")?;
            let m = govgap::gap::ineq_summary(&v, &groups, regions.len().max(1))?;
            Ok(format!(
                "{},{name},{},{},{},{},{},{},{},{},{}\n",
                year.unwrap_or(0),
                m.n,
                m.mean,
                m.gini,
                m.theil,
                m.theil_between,
                m.theil_within,
                m.cv_pop,
                m.cv_sample,
                m.n_zero
            ))
        })
        .collect::<Result<_>>()?;
    lap(t0, "ineq: lines");
    let mut s = String::from("year,series,n,mean,gini,theil,theil_between,theil_within,cv_pop,cv_sample,n_zero\n");
    for l in &lines {
        s.push_str(l);
    }
    std::fs::create_dir_all(out_dir)?;
    write_out(out_dir.join(format!("ineq_{size}.csv")), &s)?;
    Ok(())
}

/// `ua --reps R`: replay the design file `ua_design_<size>_R<R>.csv` on the last year: per unit the
/// nominal rank and the mean, median, 5 % and 95 % quantiles of its rank.
fn ua(ds: &Dataset, size: &str, reps: usize, data: &Path, out_dir: &Path) -> Result<()> {
    let govgap::uncertainty::DatasetReplay {
        input,
        rows,
        indicator_codes,
        dimension_codes,
    } = govgap::uncertainty::DatasetReplay::latest_year(ds)?;
    let design = govgap::io::read_ua_design(
        data.join(format!("ua_design_{size}_R{reps}.csv")),
        &indicator_codes,
        &dimension_codes,
    )?;
    let sum = govgap::uncertainty::replay_design(&input, &design, &|_, _| true)?;
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
    std::fs::create_dir_all(out_dir)?;
    write_out(out_dir.join(format!("ua_{size}_R{reps}.csv")), &s)?;
    Ok(())
}

/// A tiny synthetic table (not real data) to smoke-test the example in CI without the bench kit.
fn selftest(out: &Path) -> Result<()> {
    std::fs::create_dir_all(out)?;
    let mut data = String::from("uCode,uName,region,x01,x02,x03,x04\n");
    for i in 0..8u32 {
        let f = f64::from(i);
        let _ = writeln!(
            data,
            "U{i:02},Unit {i},R{},{},{},{},{}",
            i % 2,
            1.0 + f,
            10.0 - f * 0.5,
            3.0 + (f * 1.7) % 4.0,
            2.0 + f * f
        );
    }
    let meta = "iCode,dim,direction,weight\nx01,D1,1,1\nx02,D1,-1,1\nx03,D2,1,1\nx04,D2,1,1\n";
    write_out(out.join("data_T.csv"), &data)?;
    write_out(out.join("meta_T.csv"), meta)?;
    let ds = govgap::io::read_coinr(out.join("data_T.csv"), out.join("meta_T.csv"))?;
    build(&ds, "T", out)?;
    ineq(&ds, "T", out)?;
    let written = std::fs::read_to_string(out.join("build_T.csv"))?;
    let n = written.lines().count();
    if n != 9 {
        bail!("selftest: expected 9 lines in build_T.csv, found {n}");
    }
    println!(
        "peer selftest ok: {} ({} rows)",
        out.join("build_T.csv").display(),
        n - 1
    );
    Ok(())
}

/// mimalloc rather than the system allocator: it asks the kernel for transparent huge pages, which
/// this machine gives only on request, so the peer's fresh memory comes in 2 MB pages (see
/// ARCHITECTURE.md, "Allocator"; the library and the `govgap` binary keep the system allocator).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> Result<()> {
    let a = parse_args()?;
    // the whole task runs on the thread pool, so that its parallel steps start from a worker thread
    // (from the main thread each would first have to hand itself over to the pool)
    let pool = rayon::ThreadPoolBuilder::new().build()?;
    pool.install(|| run(&a))?;
    // the results and the dataset (some 50 MB in a few hundred columns) go back to the system with
    // the process, in one piece, rather than column by column (see `build`)
    std::process::exit(0)
}

fn run(a: &Args) -> Result<()> {
    match a.task.as_str() {
        "build" => {
            let t0 = std::time::Instant::now();
            // an earlier run's output is removed first, beside the reading (removing a file of some
            // megabytes keeps the kernel busy for milliseconds), so that a failed run also leaves
            // no stale file for compare.py
            let stale = a.out.join(format!("build_{}.csv", a.size));
            let removed = std::thread::spawn(move || match std::fs::remove_file(&stale) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    Err(e).with_context(|| format!("removing {}", stale.display()))
                }
                _ => Ok(()),
            });
            let ds = govgap::io::read_coinr(
                a.data.join(format!("data_{}.csv", a.size)),
                a.data.join(format!("meta_{}.csv", a.size)),
            )?;
            lap(t0, "read and validate");
            removed
                .join()
                .map_err(|_| anyhow::anyhow!("removing the earlier output failed"))??;
            build(&ds, &a.size, &a.out)?;
            lap(t0, "total");
            std::mem::forget(ds); // (see `main`)
            Ok(())
        }
        "ineq" => {
            let t0 = std::time::Instant::now();
            let ds = govgap::io::read_coinr(
                a.data.join(format!("data_{}.csv", a.size)),
                a.data.join(format!("meta_{}.csv", a.size)),
            )?;
            lap(t0, "read and validate");
            ineq(&ds, &a.size, &a.out)?;
            lap(t0, "total");
            Ok(())
        }
        "ua" => {
            let ds = govgap::io::read_coinr(
                a.data.join(format!("data_{}.csv", a.size)),
                a.data.join(format!("meta_{}.csv", a.size)),
            )?;
            ua(&ds, &a.size, a.reps, &a.data, &a.out)
        }
        "selftest" => selftest(&a.out),
        other => bail!("unknown task '{other}': use build or selftest"),
    }
}
