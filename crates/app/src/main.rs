//! `govgap`: with no arguments, the desktop dashboard; with a subcommand, headless work.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = govgap_app::cli::Cli::parse();
    match cli.command {
        None => match govgap_app::dashboard::run() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("govgap: {e:#}");
                ExitCode::FAILURE
            }
        },
        Some(cmd) => govgap_app::cli::run(cmd),
    }
}
