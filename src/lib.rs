//! ficpress turns messy fan-fiction text into clean books.
//!
//! The library is the product; the `ficpress` binary is thin glue around it.
//! Data flows one way through small stages, each owned by one module:
//!
//! ```text
//! bytes ──decode──▶ text ──fix──▶ text ──split──▶ blocks ──detect──▶ Story ──render──▶ EPUB / Markdown / text / JSON
//! ```
//!
//! * [`decode`] finds the encoding (byte-order mark, UTF-8, or a sniffed legacy
//!   encoding), normalises line endings, drops control characters and repairs
//!   mojibake, recording each change so `check` can report it.
//! * [`split`] chooses the document's paragraph convention (blank lines, one
//!   paragraph per line, hard-wrapped, indented) and turns lines into
//!   [`Block`]s, recognising scene-break glyphs and blank-line gaps.
//! * [`rules`] fix typos, spacing, punctuation and quotes in the text
//!   (optional; `clean` and `convert` apply the safe fixes).
//! * [`structure`] groups blocks into a [`Story`] with chapters and metadata.
//! * [`render`] writes a story in one output format.
//!
//! ```
//! use ficpress::{Format, ReadOptions, RenderOptions};
//!
//! let document = ficpress::read_story(b"Hello, *world*.\n\no-O-o\n\nBye.", &ReadOptions::default())?;
//! let mut markdown = Vec::new();
//! ficpress::render(&document.story, Format::Markdown, &RenderOptions::default(), &mut markdown)?;
//! assert!(String::from_utf8(markdown)?.contains("Hello, *world*.\n\n* * *\n\nBye."));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod book;
pub mod check;
pub mod clean;
pub mod decode;
mod error;
pub mod inline;
pub mod jsonl;
pub mod model;
pub mod render;
pub mod rules;
pub mod split;
pub mod stream;
pub mod structure;

pub use decode::{DecodeOptions, Decoded};
pub use error::{Error, Result};
pub use model::{Block, Chapter, Story};
pub use render::{Format, RenderOptions, render};
pub use split::Layout;
pub use structure::NotesMode;

/// How to read a story.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Decoding choices (a forced encoding).
    pub decode: DecodeOptions,
    /// The title to use when the text names none (the CLI passes the file name).
    pub fallback_title: Option<String>,
    /// Fix rules to apply to the text before splitting it (`None`: none).
    pub fix: Option<FixOptions>,
}

/// Which fixes to apply while reading, and how.
#[derive(Debug, Clone, Default)]
pub struct FixOptions {
    /// Rule selection and style options.
    pub rules: rules::RuleOptions,
    /// Also apply fixes marked unsafe (`--unsafe-fixes`).
    pub unsafe_fixes: bool,
    /// Extra words no rule may correct (names, terms from ficpress.toml).
    pub accepted_words: Vec<String>,
}

impl FixOptions {
    /// The protected vocabulary for a text: names learned from it plus the
    /// accepted words.
    pub fn vocabulary(&self, text: &str) -> rules::Vocabulary {
        let mut vocabulary = rules::Vocabulary::learn(text);
        vocabulary.accept(self.accepted_words.iter().cloned());
        vocabulary
    }

    fn applicability(&self) -> rules::Applicability {
        if self.unsafe_fixes {
            rules::Applicability::Unsafe
        } else {
            rules::Applicability::Safe
        }
    }
}

/// A story read from bytes, with what each stage learned on the way.
#[derive(Debug, Clone)]
pub struct Document {
    /// What decoding found and changed (`decoded.text` is the text before
    /// any fix rule ran).
    pub decoded: Decoded,
    /// The text the story was built from: the decoded text with fixes applied.
    pub text: String,
    /// How many fixes were applied.
    pub fixes_applied: usize,
    /// The paragraph convention the splitter chose.
    pub layout: Layout,
    /// The structured story.
    pub story: Story,
}

/// Run the reading half of the pipeline: decode, split, detect.
pub fn read_story(bytes: &[u8], options: &ReadOptions) -> Result<Document> {
    let decoded = decode::decode(bytes, &options.decode)?;
    let (text, fixes_applied) = apply_fixes(&decoded.text, options);
    let split = split::split(&text);
    let story = structure::detect(split.blocks, options.fallback_title.as_deref());
    Ok(Document {
        decoded,
        text,
        fixes_applied,
        layout: split.layout,
        story,
    })
}

/// The fix stage: the decoded text with the chosen rules' fixes applied.
pub(crate) fn apply_fixes(text: &str, options: &ReadOptions) -> (String, usize) {
    match &options.fix {
        None => (text.to_string(), 0),
        Some(fix) => {
            let vocabulary = fix.vocabulary(text);
            let fixed = rules::engine::fix(text, &fix.rules, &vocabulary, fix.applicability());
            (fixed.text, fixed.applied)
        }
    }
}

/// Decode and split without detecting structure: a writer's draft as
/// written, notes and markers where they are (what `clean` works on).
pub fn read_draft(bytes: &[u8], options: &ReadOptions) -> Result<Document> {
    let decoded = decode::decode(bytes, &options.decode)?;
    let (text, fixes_applied) = apply_fixes(&decoded.text, options);
    let split = split::split(&text);
    let layout = split.layout;
    let blocks = draft_blocks(&text, split);
    Ok(Document {
        decoded,
        text,
        fixes_applied,
        layout,
        story: structure::undetected(blocks),
    })
}

/// A draft's blocks: as split, but Markdown headings kept as typed
/// (`## Part two`), since the splitter's heading block holds only the words.
pub(crate) fn draft_blocks(text: &str, split: split::Split) -> Vec<Block> {
    split
        .blocks
        .into_iter()
        .zip(&split.spans)
        .map(|(block, span)| match block {
            Block::Heading { .. } => Block::paragraph(text[span.clone()].trim().to_string()),
            block => block,
        })
        .collect()
}
