//! `govgap check`.

use std::process::ExitCode;

use anyhow::Result;
use clap::Args;

use super::DataArgs;

/// Arguments of `govgap check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    data: DataArgs,
}

/// Validates and prints every problem; exit code 2 on errors.
pub fn run(a: &CheckArgs) -> Result<ExitCode> {
    match a.data.load() {
        Ok(ds) => {
            for w in ds.warnings() {
                println!("{w}");
            }
            let n_values: usize = ds
                .framework()
                .measured()
                .map(|k| ds.column(k).iter().flatten().count())
                .sum();
            println!(
                "ok: {} — {} units, {} framework nodes, {} observation rows, {} values, {} sources, {} warning(s)",
                a.data.label(),
                ds.units().len(),
                ds.framework().nodes().len(),
                ds.obs().len(),
                n_values,
                ds.sources().len(),
                ds.warnings().len()
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => match e.downcast_ref::<govgap::Error>() {
            Some(govgap::Error::Invalid(problems)) => {
                println!("{problems}");
                Ok(ExitCode::from(2))
            }
            _ => Err(e),
        },
    }
}
