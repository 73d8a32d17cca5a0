//! `ficpress clean`: print, diff, check or rewrite cleaned stories.

use std::io::Write;

use anyhow::bail;
use rayon::prelude::*;

use ficpress::decode::{self, Decoded};

use crate::cli::args::CleanArgs;
use crate::cli::inputs::{self, Source};
use crate::cli::report::Terminal;
use crate::cli::write::write_atomically;
use crate::cli::{ExitCode, read_options};

/// A story before and after cleaning.
struct Cleaned {
    original: Vec<u8>,
    decoded: Decoded,
    text: String,
}

impl Cleaned {
    fn changed(&self) -> bool {
        self.original != self.text.as_bytes()
    }
}

pub fn run(args: &CleanArgs, terminal: &Terminal) -> anyhow::Result<ExitCode> {
    let read = read_options(&args.input)?;
    let inputs = inputs::expand(&args.input.inputs);
    let bar = terminal.progress(inputs.sources.len());
    let results: Vec<anyhow::Result<Cleaned>> = inputs
        .sources
        .par_iter()
        .map(|source| {
            let result = clean_one(source, &read, args);
            bar.inc(1);
            result
        })
        .collect();
    bar.finish_and_clear();

    let mut stdout = std::io::stdout().lock();
    let mut failures: Vec<(String, anyhow::Error)> = Vec::new();
    let mut done = 0;
    let mut would_change = 0;
    for (source, result) in inputs.sources.iter().zip(results) {
        let cleaned = match result {
            Ok(cleaned) => cleaned,
            Err(error) => {
                failures.push((source.display(), error));
                continue;
            }
        };
        done += 1;
        if cleaned.changed() {
            would_change += 1;
        }
        if args.check {
            if cleaned.changed() {
                writeln!(stdout, "would clean {}", source.display())?;
            }
        } else if args.diff {
            write_diff(&mut stdout, &source.display(), &cleaned)?;
        } else if !args.write {
            stdout.write_all(cleaned.text.as_bytes())?;
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
    terminal.summary("cleaned", done, inputs.skipped, failed);
    Ok(if failed > 0 {
        ExitCode::Error
    } else if args.check && would_change > 0 {
        ExitCode::Findings
    } else {
        ExitCode::Success
    })
}

fn clean_one(
    source: &Source,
    read: &ficpress::ReadOptions,
    args: &CleanArgs,
) -> anyhow::Result<Cleaned> {
    if args.write && matches!(source, Source::Stdin) {
        bail!("cannot rewrite standard input in place; leave out --write");
    }
    let original = source.read()?;
    let document = ficpress::read_story(&original, read)?;
    let text = ficpress::clean::clean(&document);
    let cleaned = Cleaned {
        original,
        decoded: document.decoded,
        text,
    };
    if args.write
        && cleaned.changed()
        && let Source::File { path, .. } = source
    {
        let bytes = if args.utf8 {
            cleaned.text.as_bytes().to_vec()
        } else {
            if !cleaned.decoded.lossless {
                return Err(ficpress::Error::Lossy {
                    encoding: cleaned.decoded.encoding.name(),
                }
                .into());
            }
            decode::encode(&cleaned.text, cleaned.decoded.encoding)?
        };
        if bytes != cleaned.original {
            write_atomically(path, &bytes)?;
        }
    }
    Ok(cleaned)
}

/// A unified diff of the decoded text against the cleaned text.
fn write_diff(out: &mut impl Write, path: &str, cleaned: &Cleaned) -> std::io::Result<()> {
    if cleaned.decoded.text == cleaned.text {
        if cleaned.changed() {
            writeln!(out, "{path}: only the encoding or line endings change")?;
        }
        return Ok(());
    }
    let diff = similar::TextDiff::from_lines(&cleaned.decoded.text, &cleaned.text);
    write!(
        out,
        "{}",
        diff.unified_diff()
            .context_radius(2)
            .header(path, &format!("{path} (cleaned)"))
    )
}
