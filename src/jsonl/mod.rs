//! Corpus mode: clean or convert the `text` of every record of a JSON Lines
//! stream, as one stage of a dataset pipeline.
//!
//! Each input line is one record, `{"id": ..., "text": "...", ...}`. Each
//! gives exactly one output line, in input order:
//!
//! * a good record comes out with `text` replaced (by the cleaned text, or
//!   the story rendered as Markdown or plain text) and, for
//!   [`Output::Story`], a `story` field holding the detected structure in
//!   the JSON contract of [`crate::render::json`]. Every other field is
//!   copied byte for byte, so field order, number spellings (`1.0`, integers
//!   past 2^53) and escapes survive. (Re-serialising through
//!   `serde_json::Value` would sort the fields and could round numbers.)
//! * a malformed record (not UTF-8, not JSON, not an object, no string
//!   `text`, a text that is not a story) comes out as an error record,
//!   `{"line": N, "id": ..., "error": "..."}`: see [`RecordError`].
//! * a blank line comes out as a blank line.
//!
//! So input and output always have the same number of lines, and the
//! output's line N answers the input's line N. (If the input itself cannot
//! be read to its end, a truncated `.gz` say, an error record for the line
//! where reading stopped is the last line of the output.)
//!
//! [`process`] streams: it reads records in batches bounded by count and
//! bytes, processes each batch on all cores while reading the next, and
//! writes the results in order, so memory does not grow with the input.
//! [`decompress`] reads gzip and zstd input.
//!
//! ```
//! use ficpress::jsonl::{self, Options, Output};
//!
//! let input = "{\"id\":1,\"text\":\"Hello  there.\\r\\n\",\"lang\":\"en\"}\n[]\n";
//! let mut output = Vec::new();
//! let options = Options { read: Default::default(), output: Output::Clean };
//! let summary = jsonl::process(input.as_bytes(), &mut output, &options, |_| {})?;
//! assert_eq!(
//!     String::from_utf8(output)?,
//!     "{\"id\":1,\"text\":\"Hello there.\\n\",\"lang\":\"en\"}\n\
//!      {\"line\":2,\"error\":\"the record is an array, not a JSON object\"}\n"
//! );
//! assert_eq!((summary.records, summary.failed), (2, 1));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod compression;
mod fields;
mod record;

use std::io::{self, BufRead, Write};

use rayon::prelude::*;

pub use compression::{Compression, decompress};
pub use record::{Processed, RecordError, RecordErrorKind, process as process_line};

use crate::render::{Format, RenderOptions};
use crate::{NotesMode, ReadOptions};

/// How to process every record.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// How to read each `text` (the fixes to apply).
    pub read: ReadOptions,
    /// What each record's `text` becomes.
    pub output: Output,
}

/// What each record's `text` becomes.
#[derive(Debug, Clone, Default)]
pub enum Output {
    /// The cleaned draft, as `ficpress clean` prints it.
    #[default]
    Clean,
    /// The cleaned draft, plus a `story` field with the detected structure
    /// (`convert --to json`). A `story` field already in the record is
    /// replaced.
    Story { notes: NotesMode },
    /// The story rendered as Markdown or plain text (`convert --to md|txt`).
    Rendered {
        format: TextFormat,
        render: RenderOptions,
        notes: NotesMode,
    },
}

/// The formats that fit in a JSON string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextFormat {
    Markdown,
    Text,
}

impl From<TextFormat> for Format {
    fn from(format: TextFormat) -> Format {
        match format {
            TextFormat::Markdown => Format::Markdown,
            TextFormat::Text => Format::Text,
        }
    }
}

/// What a run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Records read (blank lines are not records).
    pub records: u64,
    /// Records that became error records.
    pub failed: u64,
    /// Blank lines, echoed as blank lines.
    pub blank: u64,
}

/// A batch closes at this many records...
const BATCH_RECORDS: usize = 4096;
/// ... or once it holds this many bytes, whichever comes first. Two input
/// batches and one output batch are alive at a time, so a run holds about
/// three times this (plus the working memory of the records being
/// processed), whatever the input's size; a single record longer than this
/// is still read whole. Large enough that the cores rarely wait for the
/// reader, small enough that a pipeline stage stays lean.
const BATCH_BYTES: usize = 8 * 1024 * 1024;

/// A batch of input lines and the number of the first.
struct Batch {
    first_line: u64,
    lines: Vec<Vec<u8>>,
}

/// Process every line of `input` and write one output line per input line
/// to `output`, in order; `on_error` sees each error record as it is
/// written. Only writing can fail the run: when reading fails (a truncated
/// or corrupt compressed file), the lines before are written and an error
/// record for the line where reading stopped ends the output.
pub fn process(
    mut input: impl BufRead + Send,
    mut output: impl Write,
    options: &Options,
    mut on_error: impl FnMut(&RecordError),
) -> io::Result<Summary> {
    let mut summary = Summary::default();
    let (mut batch, mut read_error) = read_batch(&mut input, 1);
    loop {
        let next_line = batch.first_line + batch.lines.len() as u64;
        let last = read_error.is_some() || batch.lines.is_empty();
        // Process this batch on every core while this thread reads the next.
        let (processed, next) = rayon::join(
            || process_batch(&batch, options),
            || (!last).then(|| read_batch(&mut input, next_line)),
        );
        let unreadable = read_error.map(|error| {
            Processed::Failed(RecordError {
                line: next_line,
                id: None,
                kind: RecordErrorKind::Unreadable(error),
            })
        });
        for outcome in processed.into_iter().chain(unreadable) {
            match outcome {
                Processed::Record(record) => {
                    summary.records += 1;
                    output.write_all(record.as_bytes())?;
                }
                Processed::Blank => summary.blank += 1,
                Processed::Failed(error) => {
                    summary.records += 1;
                    summary.failed += 1;
                    on_error(&error);
                    output.write_all(error.to_json().as_bytes())?;
                }
            }
            output.write_all(b"\n")?;
        }
        match next {
            Some((next_batch, error)) => (batch, read_error) = (next_batch, error),
            None => return Ok(summary),
        }
    }
}

fn process_batch(batch: &Batch, options: &Options) -> Vec<Processed> {
    batch
        .lines
        .par_iter()
        .enumerate()
        .map(|(index, line)| record::process(line, batch.first_line + index as u64, options))
        .collect()
}

/// Read up to a batch of lines; a read error ends the batch early and is
/// returned beside the complete lines before it (a partial line is lost).
fn read_batch(input: &mut impl BufRead, first_line: u64) -> (Batch, Option<io::Error>) {
    let mut batch = Batch {
        first_line,
        lines: Vec::new(),
    };
    let mut bytes = 0;
    while batch.lines.len() < BATCH_RECORDS && bytes < BATCH_BYTES {
        let mut line = Vec::new();
        match input.read_until(b'\n', &mut line) {
            Ok(0) => break,
            Ok(n) => {
                bytes += n;
                batch.lines.push(line);
            }
            Err(error) => return (batch, Some(error)),
        }
    }
    (batch, None)
}
