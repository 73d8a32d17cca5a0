//! `ficpress check`: report problems without changing anything.

use std::io::Write;

use ficpress::check::Diagnostic;

use crate::cli::args::{CheckArgs, CheckFormat};
use crate::cli::batch;
use crate::cli::inputs::{self, Source};
use crate::cli::report::{Terminal, paint};
use crate::cli::{ExitCode, read_options};

pub fn run(args: &CheckArgs, terminal: &Terminal) -> anyhow::Result<ExitCode> {
    let read = read_options(&args.input)?;
    let inputs = inputs::expand(&args.input.inputs);
    let skipped = inputs.skipped;
    let outcomes = batch::run(inputs.items, terminal, Source::display, |source| {
        check_one(source, &read)
    });

    let mut stdout = std::io::stdout().lock();
    let (mut checked, mut failed, mut findings) = (0, 0, 0);
    for outcome in outcomes {
        match outcome.result {
            Ok(diagnostics) => {
                checked += 1;
                findings += diagnostics.len();
                for diagnostic in &diagnostics {
                    write_diagnostic(
                        &mut stdout,
                        &outcome.name,
                        diagnostic,
                        args.format,
                        terminal,
                    )?;
                }
            }
            Err(error) => {
                failed += 1;
                terminal.error(&outcome.name, &error);
            }
        }
    }
    stdout.flush()?;
    terminal.summary("checked", checked, skipped, failed);
    if !terminal.quiet && findings > 0 {
        eprintln!(
            "found {findings} problem{}",
            if findings == 1 { "" } else { "s" }
        );
    }
    Ok(if failed > 0 {
        ExitCode::Error
    } else if findings > 0 {
        ExitCode::Findings
    } else {
        ExitCode::Success
    })
}

fn check_one(source: &Source, read: &ficpress::ReadOptions) -> anyhow::Result<Vec<Diagnostic>> {
    let bytes = source.read()?;
    let decoded = ficpress::decode::decode(&bytes, &read.decode)?;
    Ok(ficpress::check::check(&decoded))
}

fn write_diagnostic(
    out: &mut impl Write,
    path: &str,
    diagnostic: &Diagnostic,
    format: CheckFormat,
    terminal: &Terminal,
) -> std::io::Result<()> {
    match format {
        CheckFormat::Text => {
            let color = terminal.color_stdout;
            writeln!(
                out,
                "{}:{}:{}: {} {}",
                paint(color, "1", path),
                diagnostic.line,
                diagnostic.column,
                paint(color, "1;31", diagnostic.code),
                diagnostic.message
            )
        }
        CheckFormat::Json => {
            let record = serde_json::json!({
                "path": path,
                "line": diagnostic.line,
                "column": diagnostic.column,
                "code": diagnostic.code,
                "message": diagnostic.message,
            });
            writeln!(out, "{record}")
        }
    }
}
