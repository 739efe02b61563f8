//! `govgap coverage`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;
use govgap::model::UnitKind;

use super::DataArgs;

/// Arguments of `govgap coverage`.
#[derive(Debug, Args)]
pub struct CoverageArgs {
    #[command(flatten)]
    data: DataArgs,
    /// Also write the full matrix (unit, year, dimension, counts, missing) as CSV here.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Show every year, not only the latest value in any year.
    #[arg(long)]
    by_year: bool,
}

/// Prints the coverage matrix (units × dimensions) and what is missing for each prefecture.
pub fn run(a: &CoverageArgs) -> Result<ExitCode> {
    let ds = a.data.load()?;
    let rows = govgap::coverage::coverage(&ds);
    let dims: Vec<String> = {
        let mut seen = Vec::new();
        for r in &rows {
            if !seen.contains(&r.dimension) {
                seen.push(r.dimension.clone());
            }
        }
        seen
    };
    println!(
        "coverage of {} (cells: official/secondary/derived present of indicators; any year)",
        a.data.label()
    );
    print!("{:<10} {:<18}", "unit", "name");
    for d in &dims {
        print!(" {d:>14}");
    }
    println!();
    let by_unit: BTreeMap<&str, Vec<&govgap::coverage::CoverageRow>> = rows.iter().fold(BTreeMap::new(), |mut m, r| {
        m.entry(r.unit.as_str()).or_default().push(r);
        m
    });
    for unit in ds.units() {
        let Some(urows) = by_unit.get(unit.code.as_str()) else {
            continue;
        };
        let years: Vec<Option<i32>> = if a.by_year {
            let mut ys: Vec<Option<i32>> = urows.iter().map(|r| r.year).collect();
            ys.dedup();
            ys
        } else {
            vec![None]
        };
        for y in years {
            let label = match y {
                None => unit.code.clone(),
                Some(y) => format!("{} {y}", unit.code),
            };
            print!("{:<10} {:<18}", label, truncate(&unit.name_en, 18));
            for d in &dims {
                match urows.iter().find(|r| r.year == y && &r.dimension == d) {
                    Some(r) => {
                        let c = r.counts;
                        let total = c.present() + c.missing;
                        print!(
                            " {:>14}",
                            format!(
                                "{}/{}/{} of {}",
                                c.official,
                                c.secondary,
                                c.derived + c.unflagged,
                                total
                            )
                        );
                    }
                    None => print!(" {:>14}", "-"),
                }
            }
            println!();
        }
    }
    println!("\nwhat is missing for each prefecture to be fully measured (any year):");
    for unit in ds.units().iter().filter(|u| u.kind == UnitKind::Prefecture) {
        let missing: Vec<&str> = by_unit
            .get(unit.code.as_str())
            .map(|rs| {
                rs.iter()
                    .filter(|r| r.year.is_none() && r.dimension != "context")
                    .flat_map(|r| r.missing.iter().map(String::as_str))
                    .collect()
            })
            .unwrap_or_default();
        println!(
            "  {} {}: {} missing{}{}",
            unit.code,
            unit.name_en,
            missing.len(),
            if missing.is_empty() { "" } else { ": " },
            missing.join(", ")
        );
    }
    if let Some(out) = &a.out {
        let mut s =
            String::from("unit,year,dimension,official,secondary,derived,unflagged,missing,missing_indicators\n");
        for r in &rows {
            let c = r.counts;
            writeln!(
                s,
                "{},{},{},{},{},{},{},{},{}",
                r.unit,
                r.year.map_or_else(|| "any".to_string(), |y| y.to_string()),
                r.dimension,
                c.official,
                c.secondary,
                c.derived,
                c.unflagged,
                c.missing,
                r.missing.join(" ")
            )?;
        }
        govgap::io::write_text_atomic(out, &s)?;
        println!("wrote {}", out.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn truncate(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}
