//! `ficpress convert`: stories in, one book per story out.

use std::collections::HashSet;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use ficpress::{Format, ReadOptions, RenderOptions};

use crate::cli::args::ConvertArgs;
use crate::cli::batch;
use crate::cli::inputs::{self, InputFailure, Item, Source};
use crate::cli::report::Terminal;
use crate::cli::write::write_atomically;
use crate::cli::{ExitCode, read_options};

/// Where converted books go.
enum Destination {
    Stdout,
    Folder(PathBuf),
    File(PathBuf),
}

/// One story to convert and where its book goes (`None`: standard output).
struct Job {
    source: Source,
    output: Option<PathBuf>,
}

pub fn run(args: &ConvertArgs, terminal: &Terminal) -> anyhow::Result<ExitCode> {
    let format = Format::from(args.to);
    let read = read_options(&args.input)?;
    let inputs = inputs::expand(&args.input.inputs);
    let destination = destination(args, &inputs, format)?;
    let skipped = inputs.skipped;
    let jobs = plan(inputs.items, &destination, format);
    let outcomes = batch::run(
        jobs,
        terminal,
        |job| job.source.display(),
        |job| convert_one(job, format, &read, args),
    );

    let mut stdout = std::io::stdout().lock();
    let (mut converted, mut failed) = (0, 0);
    for outcome in outcomes {
        match outcome.result {
            Ok(bytes) => {
                converted += 1;
                stdout.write_all(&bytes)?;
            }
            Err(error) => {
                failed += 1;
                terminal.error(&outcome.name, &error);
            }
        }
    }
    stdout.flush()?;
    terminal.summary("converted", converted, skipped, failed);
    Ok(if failed > 0 {
        ExitCode::Error
    } else {
        ExitCode::Success
    })
}

fn destination(
    args: &ConvertArgs,
    inputs: &inputs::Inputs,
    format: Format,
) -> anyhow::Result<Destination> {
    let Some(output) = &args.output else {
        return Ok(Destination::Folder(PathBuf::from("output")));
    };
    if output.as_os_str() == "-" {
        if !format.is_text() && std::io::stdout().is_terminal() {
            bail!(
                "refusing to write an EPUB to the terminal; redirect standard output or use -o FILE"
            );
        }
        return Ok(Destination::Stdout);
    }
    let many = inputs.had_folder || inputs.items.len() > 1;
    let looks_like_folder = output.is_dir()
        || output
            .as_os_str()
            .to_string_lossy()
            .ends_with(std::path::MAIN_SEPARATOR);
    let names_a_book = output
        .extension()
        .is_some_and(|ext| ext == format.extension());
    if many && names_a_book && !output.is_dir() {
        bail!(
            "-o {} names one file, but there are several inputs; give a folder instead",
            output.display()
        );
    }
    Ok(if many || looks_like_folder {
        Destination::Folder(output.clone())
    } else {
        Destination::File(output.clone())
    })
}

/// Decide every output path up front, so two stories never write one file
/// and no book ever replaces one of the inputs.
fn plan(
    items: Vec<Item>,
    destination: &Destination,
    format: Format,
) -> Vec<Result<Job, InputFailure>> {
    let input_paths: HashSet<PathBuf> = items
        .iter()
        .filter_map(|item| match item {
            Ok(Source::File { path, .. }) => path.canonicalize().ok(),
            _ => None,
        })
        .collect();
    let mut taken = HashSet::new();
    let mut plan_one = |source: Source| {
        let output = match destination {
            Destination::Stdout => None,
            Destination::File(path) => Some(path.clone()),
            Destination::Folder(folder) => {
                let relative = match &source {
                    Source::Stdin => PathBuf::from("stdin"),
                    Source::File { relative, .. } => relative.clone(),
                };
                Some(unique_name(
                    folder,
                    &relative,
                    format.extension(),
                    &mut taken,
                ))
            }
        };
        match &output {
            Some(path)
                if path
                    .canonicalize()
                    .is_ok_and(|path| input_paths.contains(&path)) =>
            {
                Err(InputFailure {
                    path: source.display(),
                    error: anyhow::anyhow!(
                        "the output {} would overwrite an input; choose another output folder",
                        path.display()
                    ),
                })
            }
            _ => Ok(Job { source, output }),
        }
    };
    items
        .into_iter()
        .map(|item| item.and_then(&mut plan_one))
        .collect()
}

/// `folder/relative` with the format's extension, made unique within this run
/// (`story.txt` and `story.md` become `story.epub` and `story-2.epub`).
/// `relative` comes from walking an input folder, so it has only normal
/// components and cannot leave `folder`.
fn unique_name(
    folder: &Path,
    relative: &Path,
    extension: &str,
    taken: &mut HashSet<PathBuf>,
) -> PathBuf {
    let stem = relative.with_extension("");
    let mut candidate = folder.join(stem.with_extension(extension));
    let mut n = 2;
    while !taken.insert(candidate.clone()) {
        let name = format!(
            "{}-{n}",
            stem.file_name().unwrap_or_default().to_string_lossy()
        );
        candidate = folder.join(stem.with_file_name(name).with_extension(extension));
        n += 1;
    }
    candidate
}

fn convert_one(
    job: &Job,
    format: Format,
    read: &ReadOptions,
    args: &ConvertArgs,
) -> anyhow::Result<Vec<u8>> {
    let bytes = job.source.read()?;
    let read = ReadOptions {
        fallback_title: job.source.fallback_title(),
        ..read.clone()
    };
    let document = ficpress::read_story(&bytes, &read)?;
    let options = RenderOptions {
        wrap: args.wrap.map(usize::from),
        language: args.lang.clone(),
        modified: modified_time(&job.source),
        ..RenderOptions::default()
    };
    let mut book = Vec::new();
    ficpress::render(&document.story, format, &options, &mut book)?;
    if let Some(path) = &job.output {
        if let Some(parent) = path
            .parent()
            .filter(|parent| !parent.as_os_str().is_empty())
        {
            std::fs::create_dir_all(parent).map_err(|error| {
                anyhow::anyhow!(
                    "cannot create {}: {}",
                    parent.display(),
                    inputs::describe_io(&error)
                )
            })?;
        }
        write_atomically(path, &book)
            .with_context(|| format!("cannot write {}", path.display()))?;
        return Ok(Vec::new());
    }
    Ok(book)
}

/// The book's modification time: `SOURCE_DATE_EPOCH` when set (reproducible
/// builds), else the input file's own modification time, so converting an
/// unchanged story again gives a byte-identical book.
fn modified_time(source: &Source) -> i64 {
    if let Some(epoch) = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse().ok())
    {
        return epoch;
    }
    match source {
        Source::Stdin => 0,
        Source::File { path, .. } => std::fs::metadata(path)
            .and_then(|metadata| metadata.modified())
            .ok()
            .and_then(|time| time.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |duration| i64::try_from(duration.as_secs()).unwrap_or(0)),
    }
}
