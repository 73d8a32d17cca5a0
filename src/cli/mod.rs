//! The command-line front end: argument parsing, batches, terminal output and
//! exit codes. Everything about stories themselves lives in the library.

pub mod args;
mod batch;
mod check;
mod clean;
mod convert;
mod inputs;
mod report;
mod write;

use args::{Cli, Command, InputArgs};
use report::Terminal;

/// The process exit codes, documented in `--help` and the README.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitCode {
    /// Everything worked and there is nothing to report.
    Success = 0,
    /// `check` found problems, or `clean --check` would change a file.
    Findings = 1,
    /// An input could not be processed, or the command line was wrong.
    Error = 2,
}

/// Run a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let terminal = Terminal::new(cli.quiet, cli.color);
    match &cli.command {
        Command::Convert(args) => convert::run(args, &terminal),
        Command::Clean(args) => clean::run(args, &terminal),
        Command::Check(args) => check::run(args, &terminal),
    }
}

/// Print an error that stops the whole command (not tied to one input).
pub fn report_fatal(cli_color: args::ColorChoice, error: &anyhow::Error) {
    Terminal::new(false, cli_color).error("", error);
}

/// Reading options shared by all commands; an unknown `--encoding` label is
/// a usage error for the whole run.
fn read_options(input: &InputArgs) -> anyhow::Result<ficpress::ReadOptions> {
    let encoding = input
        .encoding
        .as_deref()
        .map(ficpress::decode::encoding_for_label)
        .transpose()?;
    Ok(ficpress::ReadOptions {
        decode: ficpress::DecodeOptions { encoding },
        fallback_title: None,
    })
}
