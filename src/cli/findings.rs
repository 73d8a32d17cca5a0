//! Formatting findings for `check --format`: one small reporter per format,
//! all reading the same [`Finding`]s.

use std::io::Write;

use ficpress::check::{Finding, LineIndex, Severity};
use ficpress::rules::Applicability;
use serde_json::json;

use crate::cli::args::CheckFormat;
use crate::cli::report::{Terminal, paint};

/// One checked file's findings, with its text for showing source lines.
pub struct FileFindings {
    pub path: String,
    pub text: String,
    pub findings: Vec<Finding>,
}

/// Write findings as the format asks. SARIF is one document for the whole
/// run, so every format takes all files at once.
pub fn write(
    out: &mut impl Write,
    format: CheckFormat,
    files: &[FileFindings],
    terminal: &Terminal,
) -> std::io::Result<()> {
    match format {
        CheckFormat::Full => files
            .iter()
            .try_for_each(|file| full(out, file, terminal.color_stdout)),
        CheckFormat::Concise => files
            .iter()
            .try_for_each(|file| concise(out, file, terminal.color_stdout)),
        CheckFormat::Json => files.iter().try_for_each(|file| json_lines(out, file)),
        CheckFormat::Github => files.iter().try_for_each(|file| github(out, file)),
        CheckFormat::Sarif => sarif(out, files),
    }
}

fn fix_note(fix: Option<Applicability>) -> &'static str {
    match fix {
        Some(Applicability::Safe) => "fixable with `ficpress check --fix`",
        Some(Applicability::Unsafe) => "fixable with `--fix --unsafe-fixes` (review the change)",
        None => "not fixed automatically",
    }
}

fn severity_style(severity: Severity) -> &'static str {
    match severity {
        Severity::Warning => "1;33",
        Severity::Note => "1;36",
    }
}

/// rustc-style: header, location, the source line and a caret.
fn full(out: &mut impl Write, file: &FileFindings, color: bool) -> std::io::Result<()> {
    let index = LineIndex::new(&file.text);
    for finding in &file.findings {
        let header = format!("{}[{}]", finding.severity.as_str(), finding.code);
        writeln!(
            out,
            "{}: {}",
            paint(color, severity_style(finding.severity), &header),
            paint(color, "1", &finding.message)
        )?;
        let number = finding.line.to_string();
        let gutter = " ".repeat(number.len());
        writeln!(
            out,
            "{gutter}{} {}:{}:{}",
            paint(color, "1;34", "-->"),
            file.path,
            finding.line,
            finding.column
        )?;
        let source = index.line(&file.text, finding.line);
        if !source.is_empty() || finding.range.is_empty() {
            writeln!(out, "{gutter} {}", paint(color, "1;34", "|"))?;
            writeln!(
                out,
                "{} {} {}",
                paint(color, "1;34", &number),
                paint(color, "1;34", "|"),
                source.replace('\t', " ")
            )?;
            let width = if finding.end_line == finding.line {
                finding.end_column.saturating_sub(finding.column).max(1)
            } else {
                1
            };
            let caret = format!("{}{}", " ".repeat(finding.column - 1), "^".repeat(width));
            writeln!(
                out,
                "{gutter} {} {}",
                paint(color, "1;34", "|"),
                paint(color, severity_style(finding.severity), &caret)
            )?;
        }
        writeln!(
            out,
            "{gutter} {} {}",
            paint(color, "1;34", "="),
            fix_note(finding.fix)
        )?;
        writeln!(out)?;
    }
    Ok(())
}

fn concise(out: &mut impl Write, file: &FileFindings, color: bool) -> std::io::Result<()> {
    for finding in &file.findings {
        writeln!(
            out,
            "{}:{}:{}: {} {}",
            paint(color, "1", &file.path),
            finding.line,
            finding.column,
            paint(color, severity_style(finding.severity), finding.code),
            finding.message
        )?;
    }
    Ok(())
}

fn json_lines(out: &mut impl Write, file: &FileFindings) -> std::io::Result<()> {
    for finding in &file.findings {
        let record = json!({
            "path": file.path,
            "line": finding.line,
            "column": finding.column,
            "end_line": finding.end_line,
            "end_column": finding.end_column,
            "code": finding.code,
            "severity": finding.severity,
            "message": finding.message,
            "fix": finding.fix,
        });
        writeln!(out, "{record}")?;
    }
    Ok(())
}

/// GitHub Actions workflow commands; `%`, CR and LF must be escaped.
fn github(out: &mut impl Write, file: &FileFindings) -> std::io::Result<()> {
    let escape = |text: &str| {
        text.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let property = |text: &str| escape(text).replace(':', "%3A").replace(',', "%2C");
    for finding in &file.findings {
        let level = match finding.severity {
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        writeln!(
            out,
            "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            property(&file.path),
            finding.line,
            finding.column,
            finding.end_line,
            finding.end_column,
            property(finding.code),
            escape(&finding.message)
        )?;
    }
    Ok(())
}

/// One SARIF 2.1.0 log with every rule and every result.
fn sarif(out: &mut impl Write, files: &[FileFindings]) -> std::io::Result<()> {
    let rules: Vec<serde_json::Value> = ficpress::rules::all()
        .into_iter()
        .map(|rule| {
            let meta = rule.meta();
            json!({
                "id": meta.code,
                "name": meta.name,
                "shortDescription": {"text": meta.summary()},
                "fullDescription": {"text": meta.doc.trim()},
            })
        })
        .collect();
    let results: Vec<serde_json::Value> = files
        .iter()
        .flat_map(|file| {
            file.findings.iter().map(move |finding| {
                json!({
                    "ruleId": finding.code,
                    "level": match finding.severity { Severity::Warning => "warning", Severity::Note => "note" },
                    "message": {"text": finding.message},
                    "locations": [{"physicalLocation": {
                        "artifactLocation": {"uri": file.path.replace('\\', "/")},
                        "region": {
                            "startLine": finding.line,
                            "startColumn": finding.column,
                            "endLine": finding.end_line,
                            "endColumn": finding.end_column.max(finding.column),
                        }
                    }}],
                })
            })
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "ficpress",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}
