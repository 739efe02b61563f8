//! Quickstart: load the shipped Heilongjiang dataset with its own settings (the 13 prefectures, each
//! indicator's latest value), build the maturity index, print the ranking.
//!
//! ```text
//! cargo run --example quickstart
//! ```

use anyhow::Result;
use govgap::{io, pipeline};

fn main() -> Result<()> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/heilongjiang");
    let ds = io::read_native_dir(&dir)?;
    let settings = io::read_settings(dir.join("settings.toml"))?;
    let res = pipeline::run(&ds, &settings)?;
    let index = res.index_node();
    println!("{} — ranking", res.framework.nodes()[index].name_en);
    for row in res.ranking(index) {
        let unit = &ds.units()[res.rows[row.row].unit];
        println!(
            "{:>3}  {:<16} {:<6} {:6.2}",
            row.rank, unit.name_en, unit.name_zh, row.score
        );
    }
    // what the index rests on: indicators too sparse to rank thirteen units are left out and noted
    let left_out = res.notes.iter().filter(|n| n.contains("left out")).count();
    println!("{left_out} sparse indicators left out of the index (see `Results::notes`)");
    Ok(())
}
