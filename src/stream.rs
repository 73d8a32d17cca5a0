//! Stories too large to hold: read, fixed, detected and rendered a piece at
//! a time (a window of pieces in parallel, while the window before is
//! written and the next read), so memory is bounded by the windows in
//! flight, not by the file.
//!
//! [`Pieces`] cuts the raw bytes at line starts, preferring a chapter
//! heading after a blank line, then any blank line, then any line break
//! (a piece is never cut inside a line, so a story that is one enormous line
//! is one piece). The first piece decides what the whole story shares: its
//! encoding, its paragraph layout and its header; later pieces are decoded
//! with that encoding, split with that layout and continue the last chapter
//! until their own first heading.
//!
//! A story of at most [`PIECE_BYTES`] × 2 is one piece and goes through
//! exactly the same path as [`crate::read_story`]. Larger ones differ only
//! where context crosses a cut: names the fix rules learn are learned per
//! piece, and a blank-line scene break that falls exactly on a cut is lost.

use std::io::{Read, Write};

use crate::decode::{self, DecodeOptions, SourceEncoding};
use crate::error::Result;
use crate::model::{Block, Chapter, Story};
use crate::render::{Format, RenderOptions, StoryWriter};
use crate::split::Layout;
use crate::structure::{self, NotesMode};
use crate::{ReadOptions, apply_fixes};

/// The size a piece is cut at (the next good line start after it).
pub const PIECE_BYTES: usize = 4 << 20;

/// The most pieces read and fixed at once: with more workers than this, a
/// big file's memory would grow with the core count for little more speed
/// (a batch of files keeps the other workers busy).
const MAX_WINDOW: usize = 4;

/// How much is read from the input at a time.
const READ_BYTES: usize = 1 << 20;

/// What streaming a story did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Streamed {
    /// How many pieces the story was read in (1: it was read whole).
    pub pieces: usize,
    /// Fixes applied over all pieces.
    pub fixes_applied: usize,
}

/// Convert the story read from `input` to `format` (text, Markdown or
/// JSON) into `out`, a piece at a time.
///
/// # Errors
///
/// Reading `input` or writing `out` failing, or the input not being text;
/// [`crate::Error::Unsupported`] for EPUB, which needs the whole story.
pub fn convert(
    input: impl Read,
    options: &ReadOptions,
    notes: NotesMode,
    format: Format,
    render: &RenderOptions,
    out: &mut dyn Write,
) -> Result<Streamed> {
    convert_sized(input, options, notes, format, render, out, PIECE_BYTES)
}

fn convert_sized(
    input: impl Read,
    options: &ReadOptions,
    notes: NotesMode,
    format: Format,
    render: &RenderOptions,
    out: &mut dyn Write,
    size: usize,
) -> Result<Streamed> {
    let Started {
        mut pieces,
        document,
        later,
        mut streamed,
    } = start(input, options, size, false)?;
    let mut story = document.story;
    structure::arrange_notes(&mut story, notes);
    let Some(mut writer) = crate::render::story_writer(&story, format, render, out)? else {
        return Err(crate::Error::Unsupported(
            "EPUB is made from the whole story; it cannot be streamed",
        ));
    };
    write_chapters(&mut *writer, story.chapters, false)?;
    later.read_rest(
        &mut pieces,
        &mut streamed,
        |blocks| {
            let mut piece = Story {
                chapters: structure::detect_continued(blocks),
                ..Story::default()
            };
            structure::arrange_notes(&mut piece, notes);
            piece.chapters
        },
        |chapters| write_chapters(&mut *writer, chapters, true),
    )?;
    writer.finish()?;
    Ok(streamed)
}

/// Read the whole story from `input` a piece at a time, for a format made
/// from the whole story (EPUB): a large file is decoded, fixed and split on
/// every core, as [`convert`] does, with the same differences at the cuts.
/// A story of one piece is exactly what [`crate::read_story`] reads. Notes
/// are left where they are.
///
/// # Errors
///
/// Reading `input` failing, or the input not being text.
pub fn read(input: impl Read, options: &ReadOptions) -> Result<(Story, Streamed)> {
    read_sized(input, options, PIECE_BYTES)
}

fn read_sized(input: impl Read, options: &ReadOptions, size: usize) -> Result<(Story, Streamed)> {
    let Started {
        mut pieces,
        document,
        later,
        mut streamed,
    } = start(input, options, size, false)?;
    let mut story = document.story;
    later.read_rest(
        &mut pieces,
        &mut streamed,
        structure::detect_continued,
        |chapters| {
            for (i, chapter) in chapters.into_iter().enumerate() {
                // As `write_chapters`: an untitled first chapter goes on
                // with the chapter already open.
                match story.chapters.last_mut() {
                    Some(open) if i == 0 && chapter.title.is_none() => {
                        open.blocks.extend(chapter.blocks);
                    }
                    _ => story.chapters.push(chapter),
                }
            }
            Ok(())
        },
    )?;
    Ok((story, streamed))
}

/// Clean the story read from `input` (as [`crate::clean::clean`] does) into
/// `out`, a piece at a time.
///
/// # Errors
///
/// Reading `input` or writing `out` failing, or the input not being text.
pub fn clean(input: impl Read, options: &ReadOptions, out: &mut dyn Write) -> Result<Streamed> {
    clean_sized(input, options, out, PIECE_BYTES)
}

fn clean_sized(
    input: impl Read,
    options: &ReadOptions,
    out: &mut dyn Write,
    size: usize,
) -> Result<Streamed> {
    let Started {
        mut pieces,
        document,
        later,
        mut streamed,
    } = start(input, options, size, true)?;
    let render = RenderOptions {
        verbatim: true,
        ..RenderOptions::default()
    };
    let mut writer = crate::render::text::writer(&Story::default(), &render, out)?;
    write_chapters(&mut *writer, document.story.chapters, true)?;
    later.read_rest(
        &mut pieces,
        &mut streamed,
        |blocks| blocks,
        |blocks| writer.blocks(&blocks),
    )?;
    writer.finish()?;
    Ok(streamed)
}

/// A story whose first piece is read: the pieces after it, the first
/// piece's document, how later pieces are read, and the count so far.
struct Started<'a, R> {
    pieces: Pieces<R>,
    document: crate::Document,
    later: Later<'a>,
    streamed: Streamed,
}

/// Read the first piece of `input` as a whole story (as a draft, for
/// `clean`): it decides what the later pieces share.
fn start<R: Read>(
    input: R,
    options: &ReadOptions,
    size: usize,
    draft: bool,
) -> Result<Started<'_, R>> {
    let mut pieces = Pieces::with_size(input, options.decode.encoding, size);
    let first = pieces.next_piece()?.unwrap_or_default();
    let document = if draft {
        crate::read_draft(&first, options)?
    } else {
        crate::read_story(&first, options)?
    };
    let later = Later::of(&document.decoded.encoding, document.layout, options, draft);
    let streamed = Streamed {
        pieces: 1,
        fixes_applied: document.fixes_applied,
    };
    Ok(Started {
        pieces,
        document,
        later,
        streamed,
    })
}

/// Write chapters; with `continued`, an untitled first chapter goes on with
/// the chapter already open.
fn write_chapters(
    writer: &mut dyn StoryWriter,
    chapters: Vec<Chapter>,
    continued: bool,
) -> Result<()> {
    for (i, chapter) in chapters.into_iter().enumerate() {
        if !(continued && i == 0 && chapter.title.is_none()) {
            writer.chapter(chapter.title.as_deref())?;
        }
        writer.blocks(&chapter.blocks)?;
    }
    Ok(())
}

/// How pieces after the first are read: in the first piece's encoding and
/// layout, with the same fixes.
struct Later<'a> {
    decode: DecodeOptions,
    layout: Layout,
    options: &'a ReadOptions,
    /// Read as a draft (`clean`): Markdown headings kept as typed.
    draft: bool,
}

impl<'a> Later<'a> {
    fn of(
        encoding: &SourceEncoding,
        layout: Layout,
        options: &'a ReadOptions,
        draft: bool,
    ) -> Later<'a> {
        let forced = match encoding {
            SourceEncoding::Legacy(encoding) => Some(*encoding),
            // UTF-16 is never cut (see `Pieces::new`), so only UTF-8 is left.
            _ => Some(encoding_rs::UTF_8),
        };
        Later {
            decode: DecodeOptions {
                encoding: options.decode.encoding.or(forced),
            },
            layout,
            options,
            draft,
        }
    }

    /// Read every remaining piece, turn each one's blocks into what
    /// `write` takes with `prepare`, hand them to `write` in order, and
    /// count them in `streamed`.
    ///
    /// Once the first piece has chosen the encoding and layout, pieces are
    /// independent: a window of them (one per worker, at most
    /// [`MAX_WINDOW`]) is decoded, fixed, split and prepared in parallel,
    /// while this thread writes what the window before made and reads the
    /// window after. So one big file uses every core the whole time, while
    /// memory holds three windows: one read, one worked on, one written.
    fn read_rest<T: Send>(
        &self,
        pieces: &mut Pieces<impl Read>,
        streamed: &mut Streamed,
        prepare: impl Fn(Vec<Block>) -> T + Sync,
        mut write: impl FnMut(T) -> Result<()>,
    ) -> Result<()> {
        use rayon::prelude::*;
        let workers = rayon::current_num_threads().clamp(1, MAX_WINDOW);
        let mut window = Window::read(pieces, workers);
        // What the window before made, to write.
        let mut made: Vec<Result<(T, usize)>> = Vec::new();
        loop {
            let mut making = Vec::new();
            let mut next = None;
            let mut written = Ok(());
            let read = std::mem::take(&mut window.pieces);
            // `in_place_scope`: the writer need not be `Send`, since this
            // thread keeps it.
            rayon::in_place_scope(|scope| {
                let (making, prepare) = (&mut making, &prepare);
                scope.spawn(move |_| {
                    *making = read
                        .into_par_iter()
                        .map(|bytes| {
                            let (blocks, fixes) = self.read_piece(&bytes)?;
                            Ok((prepare(blocks), fixes))
                        })
                        .collect();
                });
                written = write_made(std::mem::take(&mut made), streamed, &mut write);
                if written.is_ok() && window.goes_on() {
                    next = Some(Window::read(pieces, workers));
                }
            });
            written?;
            made = making;
            let Some(after) = next else {
                write_made(made, streamed, &mut write)?;
                // A read error ends the story, after the pieces read before it.
                return window.failed.map_or(Ok(()), |error| Err(error.into()));
            };
            window = after;
        }
    }

    /// One later piece's blocks, and how many fixes it took.
    fn read_piece(&self, bytes: &[u8]) -> Result<(Vec<Block>, usize)> {
        let decoded = decode::decode(bytes, &self.decode)?;
        let split = crate::split::split_as(&decoded.text, self.layout);
        let (text, fixes, split) = apply_fixes(&decoded.text, split, self.options);
        drop(decoded);
        let blocks = if self.draft {
            crate::draft_blocks(&text, split)
        } else {
            split.blocks
        };
        Ok((blocks, fixes))
    }
}

/// Pieces read together, to be worked on at once.
struct Window {
    pieces: Vec<Vec<u8>>,
    /// Reading failed after these pieces.
    failed: Option<std::io::Error>,
    /// The input ended.
    ended: bool,
}

impl Window {
    /// Up to `size` pieces from `pieces`.
    fn read(pieces: &mut Pieces<impl Read>, size: usize) -> Window {
        let mut window = Window {
            pieces: Vec::with_capacity(size),
            failed: None,
            ended: false,
        };
        while window.pieces.len() < size {
            match pieces.next_piece() {
                Ok(Some(bytes)) => window.pieces.push(bytes),
                Ok(None) => {
                    window.ended = true;
                    break;
                }
                Err(error) => {
                    window.failed = Some(error);
                    break;
                }
            }
        }
        window
    }

    /// Whether there may be more pieces after this window.
    fn goes_on(&self) -> bool {
        !self.ended && self.failed.is_none()
    }
}

/// Hand what a window made to `write`, in order, counting it in
/// `streamed`; the first error ends it.
fn write_made<T>(
    made: Vec<Result<(T, usize)>>,
    streamed: &mut Streamed,
    write: &mut impl FnMut(T) -> Result<()>,
) -> Result<()> {
    for piece in made {
        let (prepared, fixes) = piece?;
        write(prepared)?;
        streamed.pieces += 1;
        streamed.fixes_applied += fixes;
    }
    Ok(())
}

/// The raw bytes of a story, cut into pieces at good line starts.
pub struct Pieces<R> {
    input: R,
    buffer: Vec<u8>,
    done_reading: bool,
    /// Cut after this many bytes (`usize::MAX`: never cut).
    size: usize,
    /// Nothing has been returned yet.
    first: bool,
}

impl<R: Read> Pieces<R> {
    /// Pieces of `input` of about [`PIECE_BYTES`]. `forced` is the encoding
    /// the caller will decode with, if chosen: UTF-16 text is never cut,
    /// since its line breaks are two bytes.
    pub fn new(input: R, forced: Option<&'static encoding_rs::Encoding>) -> Pieces<R> {
        Pieces::with_size(input, forced, PIECE_BYTES)
    }

    /// Pieces of about `size` bytes (tests use small ones).
    pub fn with_size(
        input: R,
        forced: Option<&'static encoding_rs::Encoding>,
        size: usize,
    ) -> Pieces<R> {
        let utf16 =
            forced.is_some_and(|e| e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE);
        Pieces {
            input,
            buffer: Vec::new(),
            done_reading: false,
            size: if utf16 { usize::MAX } else { size.max(1) },
            first: true,
        }
    }

    /// The next piece, or `None` at the end of the input.
    ///
    /// # Errors
    ///
    /// Reading the input failing.
    pub fn next_piece(&mut self) -> std::io::Result<Option<Vec<u8>>> {
        self.fill(self.size.saturating_mul(2))?;
        if self.first {
            self.first = false;
            if looks_like_utf16(&self.buffer) {
                self.size = usize::MAX;
                self.fill(usize::MAX)?;
            }
        }
        let window = self.size.saturating_mul(2);
        if self.buffer.is_empty() {
            return Ok(None);
        }
        if self.done_reading && self.buffer.len() <= window {
            return Ok(Some(std::mem::take(&mut self.buffer)));
        }
        // Look for a cut; a line longer than the window makes the piece grow
        // until the line ends.
        let mut searched = self.size;
        loop {
            if let Some(cut) = cut_point(&self.buffer, self.size, searched) {
                let rest = self.buffer.split_off(cut);
                return Ok(Some(std::mem::replace(&mut self.buffer, rest)));
            }
            if self.done_reading {
                return Ok(Some(std::mem::take(&mut self.buffer)));
            }
            searched = self.buffer.len().max(self.size);
            let wanted = self.buffer.len() + READ_BYTES;
            self.fill(wanted)?;
        }
    }

    /// Read until the buffer holds `wanted` bytes or the input ends.
    fn fill(&mut self, wanted: usize) -> std::io::Result<()> {
        while !self.done_reading && self.buffer.len() < wanted {
            let start = self.buffer.len();
            let want = READ_BYTES.min(wanted - start);
            // Read into the buffer's spare room as it grows, rather than
            // zeroing a whole read's worth first (a small story would pay
            // for a megabyte of zeros).
            let read = match (&mut self.input)
                .take(want as u64)
                .read_to_end(&mut self.buffer)
            {
                Ok(read) => read,
                Err(error) => {
                    self.buffer.truncate(start);
                    return Err(error);
                }
            };
            self.done_reading = read < want;
        }
        Ok(())
    }
}

/// A byte-order mark for UTF-16, or the NUL bytes of UTF-16 text without one.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    head.starts_with(&[0xFF, 0xFE])
        || head.starts_with(&[0xFE, 0xFF])
        || head.iter().filter(|&&b| b == 0).count() * 4 > head.len()
}

/// Where to cut `bytes`: a line start at or after `from`, searching lines
/// that start after `searched` first (earlier ones were already rejected).
/// Best a chapter heading after a blank line, then any line after a blank
/// line, then any line start.
fn cut_point(bytes: &[u8], from: usize, searched: usize) -> Option<usize> {
    // Nothing new to see unless a line ended since the last search (this
    // keeps one enormous line, read a megabyte at a time, linear).
    let searched = searched.min(bytes.len());
    if searched > from && !bytes[searched..].contains(&b'\n') {
        return None;
    }
    let mut after_blank = None;
    let mut any_line = None;
    let mut start = from.min(bytes.len());
    // Back up to the start of the line `start` falls in, to see it whole.
    while start > 0 && bytes[start - 1] != b'\n' {
        start -= 1;
    }
    let mut previous_blank = start >= 2 && is_blank(line_before(bytes, start));
    let mut at = start;
    while at < bytes.len() {
        let end = bytes[at..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |p| at + p);
        if end == bytes.len() {
            // The last line may be incomplete: never cut in front of it
            // unless it is known to be whole.
            break;
        }
        let line = &bytes[at..end];
        let blank = is_blank(line);
        if at >= from && at > 0 {
            if previous_blank && !blank {
                if is_heading(line) {
                    return Some(at);
                }
                after_blank.get_or_insert(at);
            }
            any_line.get_or_insert(at);
        }
        previous_blank = blank;
        at = end + 1;
    }
    after_blank.or(any_line)
}

/// The line that ends just before `start` (which follows a `\n`).
fn line_before(bytes: &[u8], start: usize) -> &[u8] {
    let end = start - 1;
    let begin = bytes[..end]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    &bytes[begin..end]
}

fn is_blank(line: &[u8]) -> bool {
    line.iter().all(|b| b.is_ascii_whitespace())
}

/// A chapter heading line, as [`structure::chapters`] sees one.
fn is_heading(line: &[u8]) -> bool {
    if line.len() > 120 {
        return false;
    }
    let text = String::from_utf8_lossy(line);
    let block = crate::model::Block::Paragraph {
        text: text.trim().to_string(),
    };
    structure::chapters::heading(&block).is_some()
}

#[cfg(test)]
mod tests {
    use super::Pieces;
    use crate::render::{Format, RenderOptions};
    use crate::{NotesMode, ReadOptions};

    fn pieces(text: &str, size: usize) -> Vec<String> {
        let mut pieces = Pieces::with_size(text.as_bytes(), None, size);
        let mut out = Vec::new();
        while let Some(piece) = pieces.next_piece().unwrap() {
            out.push(String::from_utf8(piece).unwrap());
        }
        assert_eq!(out.concat(), text, "pieces lose nothing");
        out
    }

    #[test]
    fn cuts_at_chapter_headings_then_blank_lines_then_lines() {
        let text = "One two.\n\nThree four.\n\nChapter 2\n\nFive.\n";
        assert_eq!(pieces(text, 20)[0], "One two.\n\nThree four.\n\n");
        let text = "Aaaa.\nBbbb.\n\nCccc.\nDddd.\nEeee.\nFfff.\n";
        assert_eq!(pieces(text, 10)[0], "Aaaa.\nBbbb.\n\n");
        let text = "Aaaa.\nBbbb.\nCccc.\nDddd.\nEeee.\nFfff.\nGggg.\n";
        assert_eq!(pieces(text, 8)[0], "Aaaa.\nBbbb.\n");
    }

    #[test]
    fn one_enormous_line_is_one_piece() {
        let text = "word ".repeat(1000);
        assert_eq!(pieces(&text, 16).len(), 1);
        let text = format!("{}\nend\n", "word ".repeat(1000));
        assert_eq!(pieces(&text, 16).len(), 2);
    }

    #[test]
    fn utf16_is_never_cut() {
        let text: Vec<u8> = "Line one.\n\nLine two.\n\n"
            .repeat(50)
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let mut pieces = Pieces::with_size(&text[..], None, 16);
        assert_eq!(pieces.next_piece().unwrap().unwrap().len(), text.len());
        assert!(pieces.next_piece().unwrap().is_none());
    }

    /// A failing read loses none of the pieces read before it.
    #[test]
    fn a_read_error_ends_the_story_after_the_pieces_before_it() {
        /// Gives `text`, then fails.
        struct Failing<'a>(&'a [u8]);
        impl std::io::Read for Failing<'_> {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                if self.0.is_empty() {
                    return Err(std::io::Error::other("the disk went away"));
                }
                let n = buf.len().min(self.0.len()).min(150);
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let text = "One line of the story.\n\n".repeat(100);
        let options = ReadOptions::default();
        let mut out = Vec::new();
        let error = super::clean_sized(Failing(text.as_bytes()), &options, &mut out, 200)
            .expect_err("the read error is reported");
        assert!(error.to_string().contains("the disk went away"), "{error}");
        let out = String::from_utf8(out).unwrap();
        assert!(out.len() > 200, "pieces read before the error are written");
        assert!(text.starts_with(&out), "in order, none lost: {out:?}");
    }

    #[test]
    fn a_write_error_ends_the_story_with_what_was_written_in_order() {
        /// Takes `room` bytes, then fails.
        struct Full {
            taken: Vec<u8>,
            room: usize,
        }
        impl std::io::Write for Full {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                if self.taken.len() >= self.room {
                    return Err(std::io::Error::other("no space left"));
                }
                self.taken.extend_from_slice(buf);
                Ok(buf.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let text: String = (0..300)
            .map(|n| format!("Line {n} of the story.\n\n"))
            .collect();
        let mut out = Full {
            taken: Vec::new(),
            room: 1000,
        };
        let error = super::clean_sized(text.as_bytes(), &ReadOptions::default(), &mut out, 200)
            .expect_err("the write error is reported");
        assert!(error.to_string().contains("no space left"), "{error}");
        let taken = String::from_utf8(out.taken).unwrap();
        assert!(taken.len() >= 1000, "{}", taken.len());
        assert!(text.starts_with(&taken), "in order: {taken:?}");
    }

    /// A story in many chapters renders the same whole and in pieces.
    #[test]
    fn pieces_render_as_the_whole_story() {
        let mut text = String::from("Title: Long Story\nAuthor: Someone\n\n");
        for n in 1..=30 {
            text.push_str(&format!(
                "Chapter {n}\n\nA/N: thanks for reading!\n\nShe walked  home. \"Hello,\" she said.\n\n~*~\n\nHe comming back tommorow.\n\n"
            ));
        }
        let options = ReadOptions {
            fix: Some(crate::FixOptions::default()),
            ..ReadOptions::default()
        };
        for format in [Format::Text, Format::Markdown, Format::Json] {
            let document = crate::read_story(text.as_bytes(), &options).unwrap();
            let mut whole = Vec::new();
            crate::render(
                &document.story,
                format,
                &RenderOptions::default(),
                &mut whole,
            )
            .unwrap();
            let mut streamed = Vec::new();
            let result = super::convert_sized(
                text.as_bytes(),
                &options,
                NotesMode::Keep,
                format,
                &RenderOptions::default(),
                &mut streamed,
                200,
            )
            .unwrap();
            assert!(result.pieces > 10, "{result:?}");
            assert_eq!(
                String::from_utf8(streamed).unwrap(),
                String::from_utf8(whole).unwrap(),
                "{format:?}"
            );
        }
        let document = crate::read_story(text.as_bytes(), &options).unwrap();
        let (story, result) = super::read_sized(text.as_bytes(), &options, 200).unwrap();
        assert!(result.pieces > 10, "{result:?}");
        assert_eq!(story, document.story);
        assert_eq!(result.fixes_applied, document.fixes_applied);
        let whole = crate::clean::clean(&crate::read_draft(text.as_bytes(), &options).unwrap());
        let mut streamed = Vec::new();
        let result = super::clean_sized(text.as_bytes(), &options, &mut streamed, 200).unwrap();
        assert!(result.pieces > 10, "{result:?}");
        assert_eq!(String::from_utf8(streamed).unwrap(), whole);
    }
}
