//! Quickstart: load the shipped Heilongjiang dataset, build the maturity index, print the ranking
//! and the Theil decomposition by the 2017 report's city groups.
//!
//! ```text
//! cargo run --example quickstart
//! ```

use anyhow::Result;
use govgap::{Settings, io, pipeline};

fn main() -> Result<()> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/heilongjiang");
    let ds = io::read_native_dir(&dir)?;
    let res = pipeline::run(&ds, &Settings::default())?;
    let index = res.index_node();
    println!("{} — ranking", res.framework.nodes()[index].name_en);
    for row in res.ranking(index) {
        let unit = &ds.units()[res.rows[row.row].unit];
        println!(
            "{:>3}  {:<16} {:<6} {:6.2}",
            row.rank, unit.name_en, unit.name_zh, row.score
        );
    }
    Ok(())
}
