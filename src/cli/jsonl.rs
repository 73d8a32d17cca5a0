//! `clean --jsonl` and `convert --jsonl`: JSON Lines records in, one record
//! out per line, for dataset pipelines (the work is [`ficpress::jsonl`]).

use std::fs::File;
use std::io::{BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, anyhow, bail};
use ficpress::RenderOptions;
use ficpress::jsonl::{self, Compression, Options, Output, RecordError, Summary, TextFormat};

use crate::cli::args::{CleanArgs, ConvertArgs, FormatArg};
use crate::cli::inputs::describe_io;
use crate::cli::report::Terminal;
use crate::cli::{ExitCode, Settings};

/// Record errors shown one by one on standard error; past this many, the
/// error records in the output tell the rest and the summary counts them.
const ERRORS_SHOWN: u64 = 10;

/// `ficpress clean --jsonl`.
pub fn run_clean(args: &CleanArgs, terminal: &Terminal) -> anyhow::Result<ExitCode> {
    let settings = Settings::new(&args.input)?;
    let options = |path: Option<&Path>| Options {
        read: settings.read_options(path, !args.no_fix, false),
        output: Output::Clean,
    };
    run(
        &args.input.inputs,
        args.output.as_deref(),
        "cleaned",
        terminal,
        options,
    )
}

/// `ficpress convert --jsonl --to json|md|txt`.
pub fn run_convert(args: &ConvertArgs, terminal: &Terminal) -> anyhow::Result<ExitCode> {
    let notes = args.notes.into();
    let render = RenderOptions {
        wrap: args.wrap.map(usize::from),
        language: args.lang.clone(),
        ..RenderOptions::default()
    };
    let output = match args.to {
        Some(FormatArg::Json) => Output::Story { notes },
        Some(FormatArg::Md) => Output::Rendered {
            format: TextFormat::Markdown,
            render,
            notes,
        },
        Some(FormatArg::Txt) => Output::Rendered {
            format: TextFormat::Text,
            render,
            notes,
        },
        Some(FormatArg::Epub) | None => bail!(
            "--jsonl writes JSON Lines, and an EPUB cannot go inside a JSON record; use --to json, md or txt"
        ),
    };
    let settings = Settings::new(&args.input)?;
    let options = |path: Option<&Path>| Options {
        read: settings.read_options(path, !args.no_fix, false),
        output: output.clone(),
    };
    run(
        &args.input.inputs,
        args.output.as_deref(),
        "converted",
        terminal,
        options,
    )
}

/// Stream every input, in order, to one JSON Lines output.
fn run(
    inputs: &[PathBuf],
    output: Option<&Path>,
    verb: &str,
    terminal: &Terminal,
    options: impl Fn(Option<&Path>) -> Options,
) -> anyhow::Result<ExitCode> {
    let mut sink = Sink::new(output, inputs)?;
    let (mut total, mut failed_inputs, mut shown) = (Summary::default(), 0, 0);
    for input in inputs {
        let path = (input.as_os_str() != "-").then_some(input.as_path());
        let name = path.map_or("<stdin>".to_string(), |path| path.display().to_string());
        let reader = match open(path) {
            Ok(reader) => reader,
            Err(error) => {
                terminal.error(&name, &error);
                failed_inputs += 1;
                continue;
            }
        };
        let show = |error: &RecordError| {
            shown += 1;
            if shown <= ERRORS_SHOWN {
                terminal.error(
                    &format!("{name}:{}", error.line),
                    &anyhow!("{}", error.kind),
                );
            }
        };
        let summary = jsonl::process(reader, sink.writer(), &options(path), show)
            .context("cannot write the output")?;
        total.records += summary.records;
        total.failed += summary.failed;
        total.blank += summary.blank;
    }
    sink.finish()?;
    if total.failed > ERRORS_SHOWN {
        terminal.error(
            "",
            &anyhow!(
                "{} more records failed; their error records are in the output",
                total.failed - ERRORS_SHOWN
            ),
        );
    }
    let done = usize::try_from(total.records - total.failed).unwrap_or(usize::MAX);
    let failed = usize::try_from(total.failed).unwrap_or(usize::MAX) + failed_inputs;
    let blank = usize::try_from(total.blank).unwrap_or(usize::MAX);
    terminal.summary(verb, done, blank, failed);
    Ok(if failed > 0 {
        ExitCode::Error
    } else {
        ExitCode::Success
    })
}

/// An input as JSON Lines text: standard input (`None`) or a file, either
/// possibly gzip- or zstd-compressed.
fn open(path: Option<&Path>) -> anyhow::Result<Box<dyn BufRead + Send>> {
    let Some(path) = path else {
        let (_, reader) =
            jsonl::decompress(std::io::stdin()).context("cannot read standard input")?;
        return Ok(reader);
    };
    if path.is_dir() {
        bail!("is a directory; --jsonl reads JSON Lines files (.jsonl, .jsonl.gz, .jsonl.zst)");
    }
    let file = File::open(path).map_err(|error| anyhow!(describe_io(&error)))?;
    let (found, reader) = jsonl::decompress(file).map_err(|error| anyhow!(describe_io(&error)))?;
    let promised = Compression::from_extension(path);
    if promised != Compression::None && found != promised {
        bail!(
            "the name says {} but the content is {}; is the file damaged or misnamed?",
            promised.name(),
            found.name()
        );
    }
    Ok(reader)
}

/// Where the records go: standard output, or a file written through a
/// temporary file renamed into place at the end, so an interrupted run never
/// leaves half an output.
enum Sink {
    Stdout(BufWriter<std::io::Stdout>),
    File {
        writer: BufWriter<tempfile::NamedTempFile>,
        path: PathBuf,
    },
}

impl Sink {
    fn new(output: Option<&Path>, inputs: &[PathBuf]) -> anyhow::Result<Sink> {
        let Some(path) = output.filter(|path| path.as_os_str() != "-") else {
            return Ok(Sink::Stdout(BufWriter::with_capacity(
                1 << 20,
                std::io::stdout(),
            )));
        };
        if path.is_dir() || path.to_string_lossy().ends_with(std::path::MAIN_SEPARATOR) {
            bail!(
                "-o {} is a folder; with --jsonl, -o names the one output file",
                path.display()
            );
        }
        if let Ok(output) = path.canonicalize()
            && inputs
                .iter()
                .any(|input| input.canonicalize().is_ok_and(|input| input == output))
        {
            bail!(
                "-o {} would overwrite an input; choose another file",
                path.display()
            );
        }
        let folder = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        let temp = tempfile::Builder::new()
            .prefix(".ficpress-")
            .tempfile_in(folder)
            .with_context(|| format!("cannot create a file in {}", folder.display()))?;
        Ok(Sink::File {
            writer: BufWriter::with_capacity(1 << 20, temp),
            path: path.to_path_buf(),
        })
    }

    fn writer(&mut self) -> &mut dyn Write {
        match self {
            Sink::Stdout(writer) => writer,
            Sink::File { writer, .. } => writer,
        }
    }

    fn finish(self) -> anyhow::Result<()> {
        match self {
            Sink::Stdout(mut writer) => writer.flush().context("cannot write the output"),
            Sink::File { writer, path } => {
                let temp = writer
                    .into_inner()
                    .map_err(|error| error.into_error())
                    .context("cannot write the output")?;
                temp.as_file()
                    .sync_all()
                    .context("cannot flush the output to disk")?;
                temp.persist(&path)
                    .map_err(|error| error.error)
                    .with_context(|| format!("cannot write {}", path.display()))?;
                Ok(())
            }
        }
    }
}
