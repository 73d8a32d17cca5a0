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
mod scan;
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
        self.vocabulary_split(text, &split::split(text))
    }

    /// [`FixOptions::vocabulary`] of `text`, whose split is `split`.
    pub fn vocabulary_split(&self, text: &str, split: &split::Split) -> rules::Vocabulary {
        let blocks = split.block_starts();
        self.protected(&rules::vocabulary::Sightings::of(text, &blocks))
    }

    /// The names `sightings` make, plus the accepted words.
    fn protected(&self, sightings: &rules::vocabulary::Sightings<'_>) -> rules::Vocabulary {
        let mut vocabulary = rules::Vocabulary::of(sightings);
        vocabulary.accept(self.accepted_words.iter().cloned());
        vocabulary
    }

    /// Fix `text` with the names learned from it, until fixing it again
    /// would change nothing. Returns the fixed text and the vocabulary it
    /// was fixed with (learned from the fixed text itself).
    ///
    /// Names are learned before fixing, but a fix can change what the text
    /// says about a name: S004 cuts `to Mizuki.Haruno came` into two
    /// sentences, and only then is `Mizuki` seen twice mid-sentence, which
    /// makes the S007 fix of `Mizuki sensei` safe. So the names are learned
    /// again from the fixed text, and while they differ the text is fixed
    /// again; otherwise a second `clean` would change a cleaned file.
    ///
    /// Neither step reads the whole text again. A name's sightings depend
    /// only on a token and the one before it, so the counts are updated
    /// from the text around the paragraphs that changed
    /// ([`rules::vocabulary::Sightings::update`]). And only paragraphs that
    /// contain a name that came or went are fixed again: rules ask the
    /// vocabulary only about words of the paragraph, so every other
    /// paragraph is already as fixed as it can be.
    pub fn fix(&self, text: &str) -> (rules::engine::Fixed, rules::Vocabulary) {
        let (fixed, vocabulary, _) = self.fix_split(text, split::split(text));
        (fixed, vocabulary)
    }

    /// [`FixOptions::fix`] of `text`, whose split is `split`; also returns
    /// the split of the fixed text, made from `split` by re-splitting only
    /// the paragraphs that changed.
    ///
    /// Fixed text that decoding would change if it were read again (see
    /// [`decode::settled`]) is read that way now and fixed again, so that
    /// reading the output changes nothing: `clean` stays idempotent. Text
    /// no fix changed is as decoding left it.
    pub(crate) fn fix_split(
        &self,
        text: &str,
        split: split::Split,
    ) -> (rules::engine::Fixed, rules::Vocabulary, split::Split) {
        let (mut fixed, mut vocabulary, mut split) = self.fix_once(text, split);
        // How many fixes the last round applied: text no fix changed is as
        // decoding left it.
        let mut last_applied = fixed.applied;
        for _ in 0..MAX_SETTLING_ROUNDS {
            if last_applied == 0 {
                break;
            }
            let Some(settled) = decode::settled(&fixed.text) else {
                break;
            };
            let layout = split.layout;
            let (again, again_vocabulary, again_split) =
                self.fix_once(&settled, split::split_as(&settled, layout));
            last_applied = again.applied;
            fixed = rules::engine::Fixed {
                text: again.text,
                applied: fixed.applied + again.applied,
            };
            (vocabulary, split) = (again_vocabulary, again_split);
        }
        (fixed, vocabulary, split)
    }

    /// [`FixOptions::fix_split`] without the look at how decoding would read
    /// the fixed text.
    fn fix_once(
        &self,
        text: &str,
        split: split::Split,
    ) -> (rules::engine::Fixed, rules::Vocabulary, split::Split) {
        let mut blocks_before = split.block_starts();
        let mut sightings = rules::vocabulary::Sightings::of(text, &blocks_before);
        let mut vocabulary = self.protected(&sightings);
        let (mut fixed, mut changed, mut split) = rules::engine::fix_where(
            text,
            split,
            &self.rules,
            &vocabulary,
            self.applicability(),
            |_| true,
        );
        // The text the last round fixed: what `changed` points into.
        let mut before = std::borrow::Cow::Borrowed(text);
        for _ in 1..MAX_LEARNING_ROUNDS {
            // Only the text around the changed paragraphs is read again.
            let blocks_after = split.block_starts();
            let flipped = sightings.update(
                (&before, &blocks_before),
                (&fixed.text, &blocks_after),
                &changed,
            );
            blocks_before = blocks_after;
            if flipped.is_empty() {
                break;
            }
            for (name, learned) in &flipped {
                vocabulary.set_name(name, *learned);
            }
            // Too many names for an automaton (never seen): fix everything.
            let names = aho_corasick::AhoCorasick::new(flipped.iter().map(|(name, _)| name)).ok();
            let (again, again_changed, again_split) = rules::engine::fix_where(
                &fixed.text,
                split,
                &self.rules,
                &vocabulary,
                self.applicability(),
                |paragraph| names.as_ref().is_none_or(|names| names.is_match(paragraph)),
            );
            let applied = fixed.applied + again.applied;
            before = std::borrow::Cow::Owned(std::mem::replace(&mut fixed.text, again.text));
            fixed.applied = applied;
            changed = again_changed;
            split = again_split;
        }
        (fixed, vocabulary, split)
    }

    fn applicability(&self) -> rules::Applicability {
        if self.unsafe_fixes {
            rules::Applicability::Unsafe
        } else {
            rules::Applicability::Safe
        }
    }
}

/// The most times [`FixOptions::fix_split`] reads its fixed text as
/// decoding would and fixes it again; one is nearly always enough.
const MAX_SETTLING_ROUNDS: usize = 3;

/// The most times [`FixOptions::fix`] learns names and fixes: each round
/// can only reveal names the previous one's fixes made visible, so real
/// text settles in one or two.
const MAX_LEARNING_ROUNDS: usize = 4;

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
    let split = split::split(&decoded.text);
    let (text, fixes_applied, split) = apply_fixes(&decoded.text, split, options);
    let story = structure::detect(split.blocks, options.fallback_title.as_deref());
    Ok(Document {
        decoded,
        text,
        fixes_applied,
        layout: split.layout,
        story,
    })
}

/// The fix stage: the decoded text with the chosen rules' fixes applied,
/// how many, and its split, made from `split` (the decoded text's): the
/// fix rules read paragraphs through the same split the story is made of.
pub(crate) fn apply_fixes(
    text: &str,
    split: split::Split,
    options: &ReadOptions,
) -> (String, usize, split::Split) {
    match &options.fix {
        None => (text.to_string(), 0, split),
        Some(fix) => {
            let (fixed, _, split) = fix.fix_split(text, split);
            (fixed.text, fixed.applied, split)
        }
    }
}

/// Decode and split without detecting structure: a writer's draft as
/// written, notes and markers where they are (what `clean` works on).
pub fn read_draft(bytes: &[u8], options: &ReadOptions) -> Result<Document> {
    let decoded = decode::decode(bytes, &options.decode)?;
    let split = split::split(&decoded.text);
    let (text, fixes_applied, split) = apply_fixes(&decoded.text, split, options);
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
