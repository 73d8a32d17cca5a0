//! `ficpress clean`: print, diff, check or rewrite cleaned stories.

use std::io::Write;

use anyhow::bail;
use ficpress::decode::{self, Decoded};

use crate::cli::args::CleanArgs;
use crate::cli::batch;
use crate::cli::inputs::{self, Source};
use crate::cli::report::Terminal;
use crate::cli::write::{Pending, write_atomically};
use crate::cli::{ExitCode, Settings, finish_single};

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
    if args.jsonl {
        return crate::cli::jsonl::run_clean(args, terminal);
    }
    let settings = Settings::new(&args.input)?;
    let inputs = inputs::expand(&args.input.inputs);
    let skipped = inputs.skipped;
    let mut stdout = std::io::stdout().lock();
    let prints = !args.write && !args.diff && !args.check;
    if prints && let [Ok(source)] = inputs.items.as_slice() {
        // One story printed: cleaned straight to standard output, a piece
        // at a time, however large it is.
        let options = settings.read_options(source.path(), !args.no_fix, false);
        let result = source
            .open()
            .and_then(|input| Ok(ficpress::stream::clean(input, &options, &mut stdout)?));
        stdout.flush()?;
        return finish_single("cleaned", &source.display(), result, skipped, terminal);
    }
    let (mut done, mut failed, mut would_change) = (0, 0, 0);
    batch::run(
        inputs.items,
        terminal,
        Source::display,
        |source, pending| clean_one(source, &settings, args, pending),
        |outcome| {
            let cleaned = match outcome.result {
                Ok(cleaned) => cleaned,
                Err(error) => {
                    failed += 1;
                    terminal.error(&outcome.name, &error);
                    return Ok(());
                }
            };
            done += 1;
            if cleaned.changed() {
                would_change += 1;
            }
            if args.check {
                if cleaned.changed() {
                    writeln!(stdout, "would clean {}", outcome.name)?;
                }
            } else if args.diff {
                write_diff(&mut stdout, &outcome.name, &cleaned)?;
            } else if !args.write {
                stdout.write_all(cleaned.text.as_bytes())?;
            }
            Ok(())
        },
    )?;
    stdout.flush()?;
    terminal.summary("cleaned", done, skipped, failed);
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
    settings: &Settings,
    args: &CleanArgs,
    pending: &Pending,
) -> anyhow::Result<Cleaned> {
    if args.write && matches!(source, Source::Stdin) {
        bail!("cannot rewrite standard input in place; leave out --write");
    }
    let original = source.read()?;
    let path = source.path();
    let read = settings.read_options(path, !args.no_fix, false);
    let document = ficpress::read_draft(&original, &read)?;
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
            write_atomically(path, &bytes, Some(pending))?;
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
