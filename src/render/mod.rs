//! Renderers: one file per output format, each a consumer of the [`Story`].
//!
//! Renderers only read the model; every decision about structure was made by
//! an earlier stage. [`render`] picks the renderer for a [`Format`].

pub mod epub;
pub mod json;
pub mod markdown;
pub mod text;
mod xml;

use std::io::Write;

use crate::error::Result;
use crate::model::{Block, Story};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// EPUB 3 ebook.
    Epub,
    /// CommonMark with YAML front matter.
    Markdown,
    /// Plain UTF-8 text.
    Text,
    /// The story model as JSON (the documented contract).
    Json,
}

impl Format {
    /// The file extension for this format, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Epub => "epub",
            Format::Markdown => "md",
            Format::Text => "txt",
            Format::Json => "json",
        }
    }

    /// Whether the output is text that can go to a terminal or pipe.
    pub fn is_text(self) -> bool {
        !matches!(self, Format::Epub)
    }
}

/// How EPUB output sets flashbacks apart (`--flashback`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FlashbackStyle {
    /// In italics, the usual book convention.
    #[default]
    Italic,
    /// Upright, set apart only by a rule in the margin.
    Plain,
    /// Italic, with the start and end marker lines shown as small labels.
    Marked,
}

/// The start and end lines text and Markdown output print around a
/// flashback: the author's markers without decoration, or a standard label
/// where a marker was implied.
pub fn flashback_lines<'a>(
    start: &'a Option<String>,
    end: &'a Option<String>,
) -> (&'a str, &'a str) {
    (
        start.as_deref().unwrap_or("Flashback"),
        end.as_deref().unwrap_or("End of flashback"),
    )
}

/// Choices that affect rendering.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    /// Wrap plain-text paragraphs at this many columns (`--wrap N`).
    pub wrap: Option<usize>,
    /// Write the author's own markers instead of book typography: divider
    /// glyphs as typed, notes as written, no title header. `clean` uses this
    /// so a writer's draft keeps its own voice.
    pub verbatim: bool,
    /// The book's language tag for EPUB metadata (`en`).
    pub language: String,
    /// The EPUB's `dcterms:modified` time, in seconds since the Unix epoch.
    /// The CLI passes the input file's modification time (or
    /// `SOURCE_DATE_EPOCH`), so the same input gives the same book.
    pub modified: i64,
    /// How EPUB output sets flashbacks apart.
    pub flashback: FlashbackStyle,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            wrap: None,
            verbatim: false,
            language: "en".to_string(),
            modified: 0,
            flashback: FlashbackStyle::Italic,
        }
    }
}

/// Write `story` in `format` to `out`.
pub fn render(
    story: &Story,
    format: Format,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> Result<()> {
    match format {
        Format::Epub => epub::write(story, options, out),
        Format::Markdown => markdown::write(story, options, out),
        Format::Text => text::write(story, options, out),
        Format::Json => json::write(story, out),
    }
}

/// Writes a story a piece at a time: the metadata first (when the writer is
/// made), then chapters as they are found. Text, Markdown and JSON output
/// are written this way, so a story too large to hold in memory is rendered
/// exactly as a small one.
pub trait StoryWriter {
    /// Start a chapter (`None`: untitled).
    fn chapter(&mut self, title: Option<&str>) -> Result<()>;
    /// Add blocks to the open chapter (opening an untitled one if needed).
    fn blocks(&mut self, blocks: &[Block]) -> Result<()>;
    /// Close everything that is open.
    fn finish(&mut self) -> Result<()>;
}

/// A [`StoryWriter`] for `format` with `story`'s metadata written; `None`
/// for EPUB, which is an archive made from the whole story.
pub fn story_writer<'a>(
    story: &Story,
    format: Format,
    options: &'a RenderOptions,
    out: &'a mut dyn Write,
) -> Result<Option<Box<dyn StoryWriter + 'a>>> {
    Ok(Some(match format {
        Format::Epub => return Ok(None),
        Format::Markdown => markdown::writer(story, options, out)?,
        Format::Text => text::writer(story, options, out)?,
        Format::Json => json::writer(story, out)?,
    }))
}

/// Every chapter of `story` through `writer`, then finish.
fn write_chapters(mut writer: Box<dyn StoryWriter + '_>, story: &Story) -> Result<()> {
    for chapter in &story.chapters {
        writer.chapter(chapter.title.as_deref())?;
        writer.blocks(&chapter.blocks)?;
    }
    writer.finish()
}
