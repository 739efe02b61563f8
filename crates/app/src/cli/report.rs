//! `govgap report` (in progress).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;

use super::DataArgs;

/// Arguments of `govgap report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    data: DataArgs,
    /// Output folder.
    #[arg(long)]
    out: PathBuf,
}

/// Writes every chart, every profile and an index.html.
pub fn run(a: &ReportArgs) -> Result<ExitCode> {
    let _ = a.data.load()?;
    anyhow::bail!("govgap report is not finished yet; {} was not written", a.out.display())
}
