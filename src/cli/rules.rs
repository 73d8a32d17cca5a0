//! `ficpress rules`: the rule list, and one rule's documentation.

use std::io::Write;

use anyhow::anyhow;

use crate::cli::ExitCode;
use crate::cli::args::RulesArgs;

pub fn run(args: &RulesArgs) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    match &args.code {
        Some(code) => {
            let rule = ficpress::rules::by_code(code).ok_or_else(|| {
                anyhow!("no rule has the code `{code}`; `ficpress rules` lists them")
            })?;
            let meta = rule.meta();
            writeln!(out, "{} {}\n", meta.code, meta.name)?;
            for line in meta.doc.lines() {
                writeln!(out, "{}", line.strip_prefix(' ').unwrap_or(line))?;
            }
        }
        None => {
            for rule in ficpress::rules::all() {
                let meta = rule.meta();
                writeln!(out, "{}  {:<30} {}", meta.code, meta.name, meta.summary())?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::Success)
}
