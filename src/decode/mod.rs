//! Decoding: bytes in any encoding to clean, normalised UTF-8 text.
//!
//! Stories arrive as whatever the author's editor saved: UTF-8 (with or
//! without a byte-order mark), UTF-16 from Windows Notepad, Windows-1252 from
//! old word processors, or UTF-8 that some tool already mangled into mojibake.
//! Decoding runs in a fixed order, one file per stage:
//!
//! 1. `binary.rs` refuses images, archives, books and other non-text.
//! 2. `read.rs` turns bytes into text: a forced encoding, else a byte-order
//!    mark, else the UTF-16 NUL pattern, else UTF-8 (possibly damaged), else a
//!    legacy encoding guessed by `sniff.rs`.
//! 3. `normalize.rs` turns CRLF and CR into LF and drops control characters,
//!    except C1 controls: they may be bytes of mojibake.
//! 4. `mojibake.rs` repairs UTF-8 that had been read as Windows-1252.
//! 5. `normalize.rs` drops the C1 controls that are left.
//!
//! Every stage records what it changed as a [`DecodeChange`], so `check` can
//! report it; [`encode`] writes cleaned text back in the original encoding.
//! All stages run in linear time and never panic, whatever the input.

mod binary;
mod change;
mod encode;
mod mojibake;
mod normalize;
mod read;
mod sniff;

pub use encode::encode;

use std::borrow::Cow;

use crate::error::{Error, Result};
use normalize::C1Controls;

/// Choices the user can make about decoding.
#[derive(Debug, Clone, Copy, Default)]
pub struct DecodeOptions {
    /// Decode with this encoding instead of detecting one (`--encoding`).
    pub encoding: Option<&'static encoding_rs::Encoding>,
}

/// Look up an encoding by its WHATWG label (`--encoding LABEL`).
pub fn encoding_for_label(label: &str) -> Result<&'static encoding_rs::Encoding> {
    encoding_rs::Encoding::for_label_no_replacement(label.trim().as_bytes())
        .ok_or_else(|| Error::UnknownEncoding(label.to_string()))
}

/// The encoding a file was read in, as needed to write it back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceEncoding {
    /// UTF-8, with or without a byte-order mark.
    Utf8 { bom: bool },
    /// UTF-16 little-endian (`bom` false when detected from the NUL pattern).
    Utf16Le { bom: bool },
    /// UTF-16 big-endian.
    Utf16Be { bom: bool },
    /// A legacy single- or multi-byte encoding (Windows-1252, Shift_JIS, ...).
    Legacy(&'static encoding_rs::Encoding),
}

impl SourceEncoding {
    /// The encoding's canonical name, as users see it in messages
    /// ("UTF-8", "UTF-16LE", "windows-1252", "Shift_JIS").
    pub fn name(self) -> &'static str {
        match self {
            SourceEncoding::Utf8 { .. } => "UTF-8",
            SourceEncoding::Utf16Le { .. } => "UTF-16LE",
            SourceEncoding::Utf16Be { .. } => "UTF-16BE",
            SourceEncoding::Legacy(encoding) => encoding.name(),
        }
    }
}

/// One thing decoding changed or found, for `check` and `--verbose`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeChange {
    /// The file was not UTF-8; it was read as this encoding.
    LegacyEncoding {
        encoding: &'static str,
        forced: bool,
    },
    /// A byte-order mark was removed.
    ByteOrderMark,
    /// CRLF or lone CR line endings were turned into LF.
    LineEndings { line: usize, count: usize },
    /// NUL and other control characters were dropped.
    ControlCharacters { line: usize, count: usize },
    /// Bytes that are invalid in the encoding became U+FFFD.
    InvalidBytes { line: usize, count: usize },
    /// UTF-8 that had been read as Windows-1252 was repaired (`â€™` → `’`).
    Mojibake { line: usize, count: usize },
}

/// Decoded text plus what decoding learned.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// Normalised text: LF line endings, no BOM, no control characters except
    /// tab and newline, mojibake repaired.
    pub text: String,
    /// The encoding the bytes were in.
    pub encoding: SourceEncoding,
    /// True when the bytes decoded without any replacement, so writing the
    /// text back in `encoding` loses nothing.
    pub lossless: bool,
    /// What was changed, in the order found; `line` fields are 1-based lines of the output text.
    pub changes: Vec<DecodeChange>,
}

/// Decode bytes into normalised text.
///
/// Changes are listed in pipeline order: encoding findings first, then
/// invalid bytes, mojibake, line endings and control characters. Line numbers
/// survive every stage because no stage adds or removes a line break: each
/// CRLF, CR or LF becomes exactly one LF.
///
/// # Errors
///
/// [`Error::Binary`] when the bytes are not text at all. Empty and
/// whitespace-only input decode to themselves.
pub fn decode(bytes: &[u8], options: &DecodeOptions) -> Result<Decoded> {
    if let Some(kind) = binary::magic_kind(bytes) {
        return Err(Error::Binary { kind });
    }
    let raw = match options.encoding {
        Some(encoding) => read::read_forced(bytes, encoding)?,
        None => read::read_detected(bytes)?,
    };
    let mut changes = raw.changes;

    let early = normalize::normalize(&raw.text, C1Controls::Keep);
    let repaired = mojibake::repair(&early.text);
    // Text that repair left alone has nothing but C1 controls left to drop.
    let c1 = match repaired.text {
        Cow::Borrowed(_) => C1Controls::DropOnly,
        Cow::Owned(_) => C1Controls::Drop,
    };
    let late = normalize::normalize(&repaired.text, c1);
    if let Some(found) = repaired.found {
        changes.push(DecodeChange::Mojibake {
            line: found.line,
            count: found.count,
        });
    }
    if let Some(found) = early.line_endings {
        changes.push(DecodeChange::LineEndings {
            line: found.line,
            count: found.count,
        });
    }
    if let Some(found) = Found::merge(early.controls, late.controls) {
        changes.push(DecodeChange::ControlCharacters {
            line: found.line,
            count: found.count,
        });
    }

    // The last stage that changed anything owns the text: take it rather
    // than copy it.
    let text = match late.text {
        Cow::Owned(text) => text,
        Cow::Borrowed(_) => match repaired.text {
            Cow::Owned(text) => text,
            Cow::Borrowed(_) => match early.text {
                Cow::Owned(text) => text,
                Cow::Borrowed(_) => raw.text.into_owned(),
            },
        },
    };
    Ok(Decoded {
        text,
        encoding: raw.encoding,
        lossless: raw.lossless,
        changes,
    })
}

/// What decoding makes of `text`, text it already decoded that has been
/// changed since, when that is not `text` itself: `None` when reading the
/// text again would leave it as it is.
///
/// Mojibake repair judges a whole text, and a change can complete a
/// sequence it stopped short of: in `â'œ`, left from bytes that were no
/// UTF-8, a quote rule's curling of the `'` makes `â’œ`, which the next
/// reading repairs to `⒜`. The fix stage asks this of the text it made so
/// that reading its output again changes nothing.
pub(crate) fn settled(text: &str) -> Option<String> {
    // The text has been through the first normalisation already; only
    // repair, and the dropping of C1 controls after it, can still change it.
    let repaired = mojibake::repair(text);
    let Cow::Owned(repaired) = repaired.text else {
        return None;
    };
    Some(
        normalize::normalize(&repaired, C1Controls::Drop)
            .text
            .into_owned(),
    )
}

/// Where something was first found and how often, before it becomes a
/// [`DecodeChange`]; stages share it so each reports the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Found {
    /// 1-based line of the first occurrence.
    line: usize,
    /// Number of occurrences.
    count: usize,
}

impl Found {
    /// Two reports of the same kind of change as one.
    fn merge(a: Option<Found>, b: Option<Found>) -> Option<Found> {
        match (a, b) {
            (Some(a), Some(b)) => Some(Found {
                line: a.line.min(b.line),
                count: a.count + b.count,
            }),
            (a, b) => a.or(b),
        }
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_files;
