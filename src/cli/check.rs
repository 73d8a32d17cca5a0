//! `ficpress check`: report problems; with `--fix`, apply the safe fixes in
//! place (minimal edits, encoding kept); with `--diff`, show them.

use std::io::Write;

use ficpress::check::Finding;
use ficpress::decode::{DecodeChange, Decoded};
use ficpress::rules;

use crate::cli::args::CheckArgs;
use crate::cli::findings::{self, FileFindings};
use crate::cli::inputs::{self, Source};
use crate::cli::report::Terminal;
use crate::cli::write::{Pending, write_atomically};
use crate::cli::{ExitCode, Settings, batch};

/// What checking one file found and did.
struct Checked {
    report: FileFindings,
    /// Fixes applied (with `--fix`) or proposed (with `--diff`).
    fixed: usize,
    /// With `--diff`: the unified diff of the fixes.
    diff: String,
}

pub fn run(args: &CheckArgs, terminal: &Terminal) -> anyhow::Result<ExitCode> {
    let settings = Settings::new(&args.input)?;
    let expanded = inputs::expand(&args.input.inputs);
    let skipped = expanded.skipped;
    let mut stdout = std::io::stdout().lock();
    let (mut checked, mut failed, mut remaining, mut fixed) = (0, 0, 0, 0);
    let mut reports = Vec::new();
    batch::run(
        expanded.items,
        terminal,
        Source::display,
        |source, pending| check_one(source, &settings, args, pending),
        |outcome| {
            match outcome.result {
                Ok(result) => {
                    checked += 1;
                    fixed += result.fixed;
                    remaining += result.report.findings.len();
                    if args.diff {
                        stdout.write_all(result.diff.as_bytes())?;
                    }
                    reports.push(result.report);
                }
                Err(error) => {
                    failed += 1;
                    terminal.error(&outcome.name, &error);
                }
            }
            Ok(())
        },
    )?;
    if !args.diff {
        findings::write(&mut stdout, args.format, &reports, terminal)?;
    }
    stdout.flush()?;
    terminal.summary("checked", checked, skipped, failed);
    if !terminal.quiet {
        if args.fix {
            eprintln!("fixed {fixed}, {remaining} left");
        } else if args.diff {
            eprintln!("{fixed} fixable");
        } else if remaining > 0 {
            eprintln!(
                "found {remaining} problem{}",
                if remaining == 1 { "" } else { "s" }
            );
        }
    }
    let findings_left = if args.diff { fixed > 0 } else { remaining > 0 };
    Ok(if failed > 0 {
        ExitCode::Error
    } else if findings_left {
        ExitCode::Findings
    } else {
        ExitCode::Success
    })
}

fn check_one(
    source: &Source,
    settings: &Settings,
    args: &CheckArgs,
    pending: &Pending,
) -> anyhow::Result<Checked> {
    let bytes = source.read()?;
    let path = source.path();
    let read = settings.read_options(path, true, false);
    let fix = read.fix.clone().unwrap_or_default();
    let decoded = ficpress::decode::decode(&bytes, &read.decode)?;
    // `--fix` reports what is left after fixing, so the text as it was is
    // checked only when that is what is reported.
    let findings = if args.fix && !args.diff {
        Vec::new()
    } else {
        let split = ficpress::split::split(&decoded.text);
        let vocabulary = fix.vocabulary_split(&decoded.text, &split);
        ficpress::check::check_split(&decoded, &split, &fix.rules, &vocabulary)
    };
    let mut checked = Checked {
        report: FileFindings {
            path: source.display(),
            text: decoded.text.clone(),
            findings,
        },
        fixed: 0,
        diff: String::new(),
    };
    if !args.fix && !args.diff {
        return Ok(checked);
    }
    let (result, vocabulary) = fix.fix(&decoded.text);
    checked.fixed = result.applied;
    if args.diff {
        if result.applied > 0 {
            let diff = similar::TextDiff::from_lines(&decoded.text, &result.text);
            let name = source.display();
            checked.diff = diff
                .unified_diff()
                .context_radius(2)
                .header(&name, &format!("{name} (fixed)"))
                .to_string();
        }
        return Ok(checked);
    }
    if let Some(path) = path {
        let normalised = decoded
            .changes
            .iter()
            .any(|c| !matches!(c, DecodeChange::LegacyEncoding { .. }));
        if result.applied > 0 || normalised {
            if !decoded.lossless {
                // `check` has no --utf8; `clean --write --utf8` is the way.
                anyhow::bail!(
                    "the file is not valid {} (some bytes could not be decoded), so --fix leaves it alone; \
                     `ficpress clean --write --utf8` saves the repaired text as UTF-8",
                    decoded.encoding.name()
                );
            }
            let encoded = ficpress::decode::encode(&result.text, decoded.encoding)?;
            if encoded != bytes {
                write_atomically(path, &encoded, Some(pending))?;
            }
        }
    }
    checked.report.findings = remaining(&decoded, result.text.clone(), &fix, &vocabulary);
    checked.report.text = result.text;
    Ok(checked)
}

/// What is left after fixing: the rules on the fixed text, and the one
/// decoding finding a rewrite keeps (the legacy encoding itself).
fn remaining(
    decoded: &Decoded,
    text: String,
    fix: &ficpress::FixOptions,
    vocabulary: &rules::Vocabulary,
) -> Vec<Finding> {
    let after = Decoded {
        text,
        changes: decoded
            .changes
            .iter()
            .filter(|change| matches!(change, DecodeChange::LegacyEncoding { .. }))
            .cloned()
            .collect(),
        ..decoded.clone()
    };
    ficpress::check::check(&after, &fix.rules, vocabulary)
}
