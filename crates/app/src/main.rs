//! `govgap`: with no arguments, the desktop dashboard; with a subcommand, headless work.

use std::process::ExitCode;

use clap::Parser;

/// mimalloc reuses freed memory instead of handing large blocks back to the OS (glibc's default
/// for blocks above its mmap threshold), which roughly halves the kernel time of large runs.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
