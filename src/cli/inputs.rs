//! Turning the user's INPUT arguments into a list of stories to read.
//!
//! Files are taken as given; folders are walked recursively (sorted, hidden
//! entries skipped, symlinks followed with loop detection) for story files;
//! `-` is standard input. Problems with one input become a failure for that
//! input and never stop the batch.

use std::ffi::OsStr;
use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context, anyhow};

/// Extensions read when walking a folder.
const STORY_EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown"];

/// One story to process.
#[derive(Debug, Clone)]
pub enum Source {
    /// Standard input.
    Stdin,
    /// A file, with its path relative to the input argument it came from
    /// (used to name outputs inside the output folder).
    File { path: PathBuf, relative: PathBuf },
}

impl Source {
    /// How the source is named in messages.
    pub fn display(&self) -> String {
        match self {
            Source::Stdin => "<stdin>".to_string(),
            Source::File { path, .. } => path.display().to_string(),
        }
    }

    /// The file's path; `None` for standard input.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Source::Stdin => None,
            Source::File { path, .. } => Some(path),
        }
    }

    /// Read the whole source.
    pub fn read(&self) -> anyhow::Result<Vec<u8>> {
        match self {
            Source::Stdin => {
                let mut bytes = Vec::new();
                std::io::stdin()
                    .lock()
                    .read_to_end(&mut bytes)
                    .context("cannot read standard input")?;
                Ok(bytes)
            }
            Source::File { path, .. } => {
                std::fs::read(path).map_err(|error| anyhow!(describe_io(&error)))
            }
        }
    }

    /// The input as a reader, for stories read a piece at a time.
    pub fn open(&self) -> anyhow::Result<Box<dyn std::io::Read + Send>> {
        match self {
            Source::Stdin => Ok(Box::new(std::io::stdin())),
            Source::File { path, .. } => match std::fs::File::open(path) {
                Ok(file) if file.metadata().is_ok_and(|m| m.is_dir()) => {
                    Err(anyhow!("is a directory"))
                }
                Ok(file) => Ok(Box::new(file)),
                Err(error) => Err(anyhow!(describe_io(&error))),
            },
        }
    }

    /// A title to use when the text names none: the file name without extension.
    pub fn fallback_title(&self) -> Option<String> {
        match self {
            Source::Stdin => None,
            Source::File { path, .. } => path
                .file_stem()
                .map(|stem| stem.to_string_lossy().into_owned()),
        }
    }
}

/// An input that could not be turned into a story to read.
#[derive(Debug)]
pub struct InputFailure {
    pub path: String,
    pub error: anyhow::Error,
}

/// One expanded input: a story to read, or why it cannot be read.
pub type Item = Result<Source, InputFailure>;

/// What the INPUT arguments expand to, in the order given (folders sorted).
#[derive(Debug, Default)]
pub struct Inputs {
    pub items: Vec<Item>,
    /// Files inside folders that are not stories (images, HTML, ...).
    pub skipped: usize,
}

/// Expand INPUT arguments in order.
pub fn expand(arguments: &[PathBuf]) -> Inputs {
    let mut inputs = Inputs::default();
    for argument in arguments {
        if argument.as_os_str() == "-" {
            inputs.items.push(Ok(Source::Stdin));
            continue;
        }
        match std::fs::metadata(argument) {
            Err(error) => inputs.items.push(Err(InputFailure {
                path: argument.display().to_string(),
                error: anyhow!(describe_io(&error)),
            })),
            Ok(metadata) if metadata.is_dir() => walk(argument, &mut inputs),
            Ok(_) => inputs.items.push(Ok(Source::File {
                path: argument.clone(),
                relative: PathBuf::from(argument.file_name().unwrap_or(OsStr::new("story"))),
            })),
        }
    }
    inputs
}

fn walk(root: &Path, inputs: &mut Inputs) {
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.')
        });
    for entry in walker {
        match entry {
            Err(error) => {
                let path = error.path().unwrap_or(root).display().to_string();
                let message = if let Some(ancestor) = error.loop_ancestor() {
                    format!(
                        "symbolic link loop: it leads back to {}",
                        ancestor.display()
                    )
                } else if let Some(io) = error.io_error() {
                    describe_io(io)
                } else {
                    error.to_string()
                };
                inputs.items.push(Err(InputFailure {
                    path,
                    error: anyhow!(message),
                }));
            }
            Ok(entry) if entry.file_type().is_dir() => {}
            Ok(entry) => {
                let is_story = entry
                    .path()
                    .extension()
                    .and_then(OsStr::to_str)
                    .is_some_and(|ext| {
                        STORY_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str())
                    });
                if !is_story {
                    inputs.skipped += 1;
                    continue;
                }
                let relative = entry
                    .path()
                    .strip_prefix(root)
                    .unwrap_or(entry.path())
                    .to_path_buf();
                inputs.items.push(Ok(Source::File {
                    path: entry.into_path(),
                    relative,
                }));
            }
        }
    }
}

/// An I/O error as a short lower-case cause, without Rust's "(os error 2)".
pub fn describe_io(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::NotFound => "no such file or directory".to_string(),
        ErrorKind::PermissionDenied => "permission denied".to_string(),
        ErrorKind::IsADirectory => "is a directory".to_string(),
        ErrorKind::NotADirectory => "not a directory".to_string(),
        _ => {
            let text = error.to_string();
            let text = match text.find(" (os error") {
                Some(index) => &text[..index],
                None => &text,
            };
            // The OS says "Read-only file system"; our causes are lower case.
            let mut chars = text.chars();
            match chars.next() {
                Some(first) if !chars.as_str().starts_with(char::is_uppercase) => {
                    first.to_lowercase().chain(chars).collect()
                }
                _ => text.to_string(),
            }
        }
    }
}
