//! The `onair` command line: try the skill offline, replay fixtures, manage schedules.

use std::process::ExitCode;

use clap::Parser;
use onair::cli::{Cli, error_line, is_broken_pipe, run};

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    // Logs go to stderr, errors only unless -v: stdout is for answers people read or pipe; RUST_LOG overrides.
    let filter = cli.log_filter();
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| filter.into()),
        )
        .init();
    match run(cli).await {
        Ok(code) => code,
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {}", error_line(&error));
            ExitCode::from(2)
        }
    }
}
