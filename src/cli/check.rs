//! `ficpress check`: report problems without changing anything.

use std::io::Write;

use rayon::prelude::*;

use ficpress::check::Diagnostic;

use crate::cli::args::{CheckArgs, CheckFormat};
use crate::cli::inputs::{self, Source};
use crate::cli::report::{Terminal, paint};
use crate::cli::{ExitCode, read_options};

pub fn run(args: &CheckArgs, terminal: &Terminal) -> anyhow::Result<ExitCode> {
    let read = read_options(&args.input)?;
    let inputs = inputs::expand(&args.input.inputs);
    let bar = terminal.progress(inputs.sources.len());
    let results: Vec<anyhow::Result<Vec<Diagnostic>>> = inputs
        .sources
        .par_iter()
        .map(|source| {
            let result = check_one(source, &read);
            bar.inc(1);
            result
        })
        .collect();
    bar.finish_and_clear();

    let mut stdout = std::io::stdout().lock();
    let mut failures = Vec::new();
    let mut checked = 0;
    let mut findings = 0;
    for (source, result) in inputs.sources.iter().zip(results) {
        match result {
            Ok(diagnostics) => {
                checked += 1;
                findings += diagnostics.len();
                for diagnostic in &diagnostics {
                    write_diagnostic(
                        &mut stdout,
                        &source.display(),
                        diagnostic,
                        args.format,
                        terminal,
                    )?;
                }
            }
            Err(error) => failures.push((source.display(), error)),
        }
    }
    stdout.flush()?;
    for failure in &inputs.failures {
        terminal.error(&failure.path, &failure.error);
    }
    for (path, error) in &failures {
        terminal.error(path, error);
    }
    let failed = failures.len() + inputs.failures.len();
    terminal.summary("checked", checked, inputs.skipped, failed);
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
