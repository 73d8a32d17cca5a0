//! `ficpress convert`: stories in, one book per story out (or, with
//! `--book`, one book per folder of chapter files; with `--explain`, the
//! detection report instead of a book).

use std::collections::HashSet;
use std::fmt::Write as _;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, anyhow, bail};
use ficpress::{Format, ReadOptions, RenderOptions, Story};

use crate::cli::args::ConvertArgs;
use crate::cli::batch;
use crate::cli::inputs::{self, InputFailure, Source};
use crate::cli::report::Terminal;
use crate::cli::write::{Pending, write_atomically, write_atomically_with};
use crate::cli::{ExitCode, Settings, finish_single};

/// Where converted books go.
enum Destination {
    Stdout,
    Folder(PathBuf),
    File(PathBuf),
}

/// What becomes one book: a story file, or (with `--book`) a folder's
/// chapter files in natural order.
struct Unit {
    name: String,
    /// The output's name inside the output folder, before the extension.
    relative: PathBuf,
    parts: Vec<Source>,
    /// The book folder, whose `metadata.json` is read if present.
    folder: Option<PathBuf>,
}

/// One book to make and where it goes (`None`: standard output).
struct Job {
    unit: Unit,
    output: Option<PathBuf>,
}

pub fn run(args: &ConvertArgs, terminal: &Terminal) -> anyhow::Result<ExitCode> {
    if args.jsonl {
        return crate::cli::jsonl::run_convert(args, terminal);
    }
    // `--explain` writes no book; the format only matters for naming.
    let format = args.to.map_or(Format::Json, Format::from);
    let settings = Settings::new(&args.input)?;
    let (units, mut skipped) = if args.book {
        book_units(&args.input.inputs)
    } else {
        let inputs = inputs::expand(&args.input.inputs);
        let units = inputs
            .items
            .into_iter()
            .map(|item| item.map(Unit::single))
            .collect();
        (units, inputs.skipped)
    };
    let destination = if args.explain {
        Destination::Stdout
    } else {
        destination(args, units.len(), format)?
    };
    let units = without_earlier_outputs(units, &destination, &args.input.inputs, &mut skipped);
    let jobs = plan(units, &destination, format);
    let streams = format.is_text() && !args.book && !args.explain;
    if streams
        && let [Ok(job)] = jobs.as_slice()
        && job.output.is_none()
    {
        // One story to standard output: rendered straight there, a piece at
        // a time, however large it is.
        let stdout = &mut std::io::stdout().lock();
        let result = stream_job(job, &settings, args, format, stdout, None);
        return finish_single("converted", &job.unit.name, result, skipped, terminal);
    }
    let mut stdout = std::io::stdout().lock();
    let (mut converted, mut failed) = (0, 0);
    batch::run(
        jobs,
        terminal,
        |job| job.unit.name.clone(),
        |job, pending| {
            if streams && job.output.is_some() {
                let sink = &mut std::io::sink();
                return stream_job(job, &settings, args, format, sink, Some(pending));
            }
            let story = read_unit(
                &job.unit,
                &settings,
                !args.no_fix && !args.explain,
                format == Format::Epub,
            )?;
            if args.explain {
                return Ok(explanation(&job.unit.name, &story).into_bytes());
            }
            write_book(job, story, format, args, pending)
        },
        |outcome| {
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
            Ok(())
        },
    )?;
    stdout.flush()?;
    let verb = if args.explain {
        "explained"
    } else {
        "converted"
    };
    terminal.summary(verb, converted, skipped, failed);
    Ok(if failed > 0 {
        ExitCode::Error
    } else {
        ExitCode::Success
    })
}

impl Unit {
    fn single(source: Source) -> Unit {
        let relative = match &source {
            Source::Stdin => PathBuf::from("stdin"),
            Source::File { relative, .. } => relative.with_extension(""),
        };
        Unit {
            name: source.display(),
            relative,
            parts: vec![source],
            folder: None,
        }
    }
}

/// `--book`: each argument is a folder of chapter files.
fn book_units(arguments: &[PathBuf]) -> (Vec<Result<Unit, InputFailure>>, usize) {
    let mut skipped = 0;
    let units = arguments
        .iter()
        .map(|folder| {
            let name = folder.display().to_string();
            if !folder.is_dir() {
                return Err(InputFailure {
                    path: name,
                    error: anyhow!(
                        "--book takes folders of chapter files, and this is not a folder"
                    ),
                });
            }
            let expanded = inputs::expand(std::slice::from_ref(folder));
            skipped += expanded.skipped;
            let mut parts = Vec::new();
            for item in expanded.items {
                match item {
                    Ok(source) => parts.push(source),
                    Err(failure) => {
                        return Err(InputFailure {
                            path: name,
                            error: failure
                                .error
                                .context(format!("cannot read chapter {}", failure.path)),
                        });
                    }
                }
            }
            if parts.is_empty() {
                return Err(InputFailure {
                    path: name,
                    error: anyhow!("the folder has no story files (.txt, .text, .md, .markdown)"),
                });
            }
            parts.sort_by(|a, b| ficpress::book::natural_cmp(&a.display(), &b.display()));
            let relative = folder
                .canonicalize()
                .ok()
                .and_then(|path| path.file_name().map(PathBuf::from))
                .unwrap_or_else(|| PathBuf::from("book"));
            Ok(Unit {
                name,
                relative,
                parts,
                folder: Some(folder.clone()),
            })
        })
        .collect();
    (units, skipped)
}

fn destination(args: &ConvertArgs, units: usize, format: Format) -> anyhow::Result<Destination> {
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
    let had_folder = !args.book && args.input.inputs.iter().any(|input| input.is_dir());
    let many = had_folder || units > 1;
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

/// Stories found inside the output folder are books of an earlier run
/// (`convert stories/ -o stories/books/`, run twice): skip them rather than
/// convert books into more books.
fn without_earlier_outputs(
    units: Vec<Result<Unit, InputFailure>>,
    destination: &Destination,
    arguments: &[PathBuf],
    skipped: &mut usize,
) -> Vec<Result<Unit, InputFailure>> {
    let Destination::Folder(folder) = destination else {
        return units;
    };
    let Ok(folder) = folder.canonicalize() else {
        return units; // a new folder holds nothing yet
    };
    if arguments
        .iter()
        .any(|argument| argument.canonicalize().is_ok_and(|a| a == folder))
    {
        // Converting a folder into itself: what is there is the input
        // (books are written beside the stories; see `plan`).
        return units;
    }
    units
        .into_iter()
        .filter(|unit| {
            let earlier = unit.as_ref().is_ok_and(|unit| {
                unit.folder.is_none()
                    && unit.parts.iter().all(|source| {
                        // Found by walking a folder, not named by the user.
                        matches!(source, Source::File { path, .. } if !arguments.contains(path)
                            && path.canonicalize().is_ok_and(|path| path.starts_with(&folder)))
                    })
            });
            *skipped += usize::from(earlier);
            !earlier
        })
        .collect()
}

/// Decide every output path up front, so two stories never write one file
/// and no book ever replaces one of the inputs.
fn plan(
    units: Vec<Result<Unit, InputFailure>>,
    destination: &Destination,
    format: Format,
) -> Vec<Result<Job, InputFailure>> {
    let input_paths: HashSet<PathBuf> = units
        .iter()
        .flatten()
        .flat_map(|unit| &unit.parts)
        .filter_map(|source| match source {
            Source::File { path, .. } => path.canonicalize().ok(),
            Source::Stdin => None,
        })
        .collect();
    let mut taken = HashSet::new();
    let mut plan_one = |unit: Unit| {
        let output = match destination {
            Destination::Stdout => None,
            Destination::File(path) => Some(path.clone()),
            Destination::Folder(folder) => Some(unique_name(
                folder,
                &unit.relative,
                format.extension(),
                &mut taken,
            )),
        };
        match &output {
            Some(path)
                if path
                    .canonicalize()
                    .is_ok_and(|path| input_paths.contains(&path)) =>
            {
                Err(InputFailure {
                    path: unit.name,
                    error: anyhow!(
                        "the output {} would overwrite an input; choose another output folder",
                        path.display()
                    ),
                })
            }
            _ => Ok(Job { unit, output }),
        }
    };
    units
        .into_iter()
        .map(|unit| unit.and_then(&mut plan_one))
        .collect()
}

/// The longest file name common file systems accept, in bytes.
const MAX_NAME_BYTES: usize = 255;

/// `folder/stem.extension`, made unique within this run (`story.txt` and
/// `story.md` become `story.epub` and `story-2.epub`; names that differ only
/// in case count as the same, for case-insensitive file systems). Only the
/// plain names in `stem` are used, never `..` or a root, so the output
/// cannot leave `folder`; a name too long for the file system is shortened.
fn unique_name(
    folder: &Path,
    stem: &Path,
    extension: &str,
    taken: &mut HashSet<String>,
) -> PathBuf {
    let names: Vec<&std::ffi::OsStr> = stem
        .components()
        .filter_map(|component| match component {
            std::path::Component::Normal(name) => Some(name),
            _ => None,
        })
        .collect();
    let (base, parents) = match names.split_last() {
        Some((base, parents)) => (*base, parents),
        None => (std::ffi::OsStr::new("story"), &[][..]),
    };
    let parent: PathBuf = std::iter::once(folder.as_os_str())
        .chain(parents.iter().copied())
        .collect();
    let mut n = 1;
    loop {
        let suffix = match n {
            1 => format!(".{extension}"),
            _ => format!("-{n}.{extension}"),
        };
        let mut name = shortened(base, MAX_NAME_BYTES.saturating_sub(suffix.len()));
        name.push(&suffix);
        let candidate = parent.join(name);
        if taken.insert(candidate.to_string_lossy().to_lowercase()) {
            return candidate;
        }
        n += 1;
    }
}

/// `name` cut to at most `max` bytes, on a character boundary.
fn shortened(name: &std::ffi::OsStr, max: usize) -> std::ffi::OsString {
    if name.len() <= max {
        return name.to_owned();
    }
    let lossy = name.to_string_lossy();
    let mut end = max.min(lossy.len());
    while !lossy.is_char_boundary(end) {
        end -= 1;
    }
    lossy[..end].into()
}

/// Read a unit's files and build its story: one file as it is, a book's
/// files as consecutive chapters.
fn read_unit(unit: &Unit, settings: &Settings, fix: bool, epub: bool) -> anyhow::Result<Story> {
    let mut parts = Vec::with_capacity(unit.parts.len());
    for source in &unit.parts {
        let read_one = || -> anyhow::Result<Story> {
            let path = source.path();
            let options = ReadOptions {
                fallback_title: source.fallback_title(),
                ..settings.read_options(path, fix, epub)
            };
            if unit.folder.is_some() {
                let bytes = source.read()?;
                return Ok(ficpress::read_story(&bytes, &options)?.story);
            }
            // A story alone is read a piece at a time, so a large one is
            // read on every core (a chapter file of a book is one piece).
            match ficpress::stream::read(source.open()?, &options) {
                Ok((story, _)) => Ok(story),
                Err(ficpress::Error::Io(error)) => Err(anyhow!(inputs::describe_io(&error))),
                Err(error) => Err(error.into()),
            }
        };
        // In a book, say which chapter file failed; alone, the name is said already.
        let story = match unit.folder {
            Some(_) => read_one().with_context(|| format!("chapter {}", source.display()))?,
            None => read_one()?,
        };
        parts.push(story);
    }
    let Some(folder) = &unit.folder else {
        return Ok(parts.pop().unwrap_or_default());
    };
    for part in &mut parts {
        part.title = None; // a chapter file's name is not the book's title
    }
    let fallback = unit.relative.to_string_lossy().into_owned();
    let mut story = ficpress::book::assemble(parts, Some(&fallback));
    let metadata_path = folder.join("metadata.json");
    if metadata_path.is_file() {
        let text = std::fs::read(&metadata_path)
            .with_context(|| format!("cannot read {}", metadata_path.display()))?;
        let metadata: serde_json::Value = serde_json::from_slice(&text)
            .with_context(|| format!("{} is not valid JSON", metadata_path.display()))?;
        ficpress::book::apply_metadata(&mut story, &metadata);
    }
    Ok(story)
}

fn write_book(
    job: &Job,
    mut story: Story,
    format: Format,
    args: &ConvertArgs,
    pending: &Pending,
) -> anyhow::Result<Vec<u8>> {
    ficpress::structure::arrange_notes(&mut story, args.notes.into());
    let options = render_options(job, args);
    let mut book = Vec::new();
    ficpress::render(&story, format, &options, &mut book)?;
    let Some(path) = &job.output else {
        return Ok(book);
    };
    create_parent(path)?;
    write_atomically(path, &book, Some(pending))
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(Vec::new())
}

fn render_options(job: &Job, args: &ConvertArgs) -> RenderOptions {
    RenderOptions {
        wrap: args.wrap.map(usize::from),
        language: args.lang.clone(),
        modified: modified_time(&job.unit.parts),
        flashback: args.flashback.into(),
        ..RenderOptions::default()
    }
}

/// Make the folder an output goes in.
fn create_parent(path: &Path) -> anyhow::Result<()> {
    if let Some(parent) = path
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
    {
        std::fs::create_dir_all(parent).map_err(|error| {
            anyhow!(
                "cannot create {}: {}",
                parent.display(),
                inputs::describe_io(&error)
            )
        })?;
    }
    Ok(())
}

/// Convert a one-file unit a piece at a time (text, Markdown, JSON): into
/// its output file, written atomically as it is rendered, or into `stdout`
/// when it has none. Memory stays bounded by the largest piece. Only a
/// job with an output file needs the batch's `pending`.
fn stream_job(
    job: &Job,
    settings: &Settings,
    args: &ConvertArgs,
    format: Format,
    stdout: &mut dyn Write,
    pending: Option<&Pending>,
) -> anyhow::Result<Vec<u8>> {
    let [source] = job.unit.parts.as_slice() else {
        bail!("a book of several files is not converted in pieces");
    };
    let options = ReadOptions {
        fallback_title: source.fallback_title(),
        ..settings.read_options(source.path(), !args.no_fix, false)
    };
    let render = render_options(job, args);
    let input = source.open()?;
    let notes = args.notes.into();
    let Some(path) = &job.output else {
        ficpress::stream::convert(input, &options, notes, format, &render, stdout)?;
        return Ok(Vec::new());
    };
    create_parent(path)?;
    // The story's own problems (not text, say) are said as they are; only
    // a failing write is about the output file.
    let mut story_failed = false;
    let write = |file: &mut std::fs::File| {
        let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
        match ficpress::stream::convert(input, &options, notes, format, &render, &mut out) {
            Err(ficpress::Error::Io(error)) => return Err(anyhow!(inputs::describe_io(&error))),
            Err(error) => {
                story_failed = true;
                return Err(error.into());
            }
            Ok(_) => {}
        }
        out.flush()
            .map_err(|error| anyhow!(inputs::describe_io(&error)))
    };
    write_atomically_with(path, pending, write).map_err(|error| {
        if story_failed {
            error
        } else {
            error.context(format!("cannot write {}", path.display()))
        }
    })?;
    Ok(Vec::new())
}

/// The `--explain` report for one story.
fn explanation(name: &str, story: &Story) -> String {
    let mut out = format!("{name}\n");
    for item in ficpress::structure::explain::explain(story) {
        let place = if item.chapter == 0 {
            "header".to_string()
        } else {
            format!("ch{}", item.chapter)
        };
        let line = format!(
            "  {place:<6} {:<14} {:<44} {}",
            item.kind, item.cue, item.excerpt
        );
        let _ = writeln!(out, "{}", line.trim_end());
    }
    out
}

/// The book's modification time: `SOURCE_DATE_EPOCH` when set (reproducible
/// builds), else the newest input file's own modification time, so
/// converting unchanged stories again gives byte-identical books.
fn modified_time(parts: &[Source]) -> i64 {
    if let Some(epoch) = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse().ok())
    {
        return epoch;
    }
    parts
        .iter()
        .filter_map(|source| {
            let modified = std::fs::metadata(source.path()?)
                .and_then(|m| m.modified())
                .ok()?;
            let since_epoch = modified.duration_since(std::time::UNIX_EPOCH).ok()?;
            i64::try_from(since_epoch.as_secs()).ok()
        })
        .max()
        .unwrap_or(0)
}
