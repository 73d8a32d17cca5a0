//! Author's notes: finding where the author talks to the reader, and where
//! the note ends and the story begins.
//!
//! Per chapter, in one pass over its blocks:
//!
//! 1. Inline notes (`... door. (A/N: short, I know) Then ...`) are cut out of
//!    story paragraphs and placed right after them ([`inline`]).
//! 2. A paragraph that starts with a note label ([`label`]) is a note,
//!    anywhere in the chapter.
//! 3. At the edges of the chapter (the paragraphs before the story starts
//!    and after it ends) a paragraph with a strong cue ([`cues::strong`]:
//!    "Disclaimer", "I don't own", "Please review!", "Thanks for reading!")
//!    is a note too.
//! 4. A note runs on over the following paragraphs while they read as the
//!    author still talking ([`cues::author_talk`]) and no scene break or
//!    dialogue intervenes (seed `000_*`: the A/N's second paragraph).
//!
//! Consecutive note paragraphs form one [`Block::AuthorNote`]. Story text is
//! never taken for a note on its words alone: the middle of a chapter needs
//! a label, and dialogue is never a note.

pub mod cues;
pub mod inline;
pub mod label;

use super::line;
use super::markers::{self, Marker};
use crate::model::Block;

/// Why a paragraph was taken for a note, for `--explain`; `None` for a
/// paragraph that is a note only because it continues one.
pub fn why(text: &str) -> Option<String> {
    if let Some(label) = label::find(text) {
        return Some(format!("label `{label}`"));
    }
    if line::starts_with_dialogue(text) {
        return None;
    }
    cues::strong(text).map(|cue| format!("cue `{cue}`"))
}

/// Find the author's notes among one chapter's blocks.
pub fn detect(blocks: Vec<Block>) -> Vec<Block> {
    let blocks = split_inline(blocks);
    let is_note = mark(&blocks);
    group(blocks, &is_note)
}

/// Which of a document's top-level blocks (as the splitter made them) are
/// author's-note paragraphs, for rules that must leave notes alone.
pub fn note_flags(blocks: &[Block]) -> Vec<bool> {
    mark(blocks)
}

/// Step 1: inline notes out of story paragraphs.
fn split_inline(blocks: Vec<Block>) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    for block in blocks {
        let Block::Paragraph { text } = &block else {
            out.push(block);
            continue;
        };
        let Some(split) = inline::split(text) else {
            out.push(block);
            continue;
        };
        // A note that opens the paragraph comes first, as it was read.
        let note_first = label::find(text).is_some();
        let notes = Block::AuthorNote {
            blocks: split.notes.into_iter().map(Block::paragraph).collect(),
        };
        let story = (!split.story.is_empty()).then(|| Block::paragraph(split.story));
        if note_first {
            out.push(notes);
            out.extend(story);
        } else {
            out.extend(story);
            out.push(notes);
        }
    }
    out
}

/// Steps 2–4: which top-level blocks are note paragraphs.
fn mark(blocks: &[Block]) -> Vec<bool> {
    let mut is_note = vec![false; blocks.len()];
    // A paragraph of hundreds of words is a story whose line breaks were
    // lost (a scraped wall of text), even if a note is glued into it: taking
    // it for a note would drop the story with `--notes remove`.
    let text_of = |i: usize| match &blocks[i] {
        Block::Paragraph { text } => Some(text.as_str()),
        _ => None,
    };
    let paragraph = |i: usize| text_of(i).filter(|text| !too_long(text));
    let labelled = |text: &str| label::find(text).is_some();
    let cued = |text: &str| !line::starts_with_dialogue(text) && cues::strong(text).is_some();
    let talk = |text: &str| !line::starts_with_dialogue(text) && cues::author_talk(text);

    // The leading edge: notes until the story starts.
    let mut in_note = false;
    for i in 0..blocks.len() {
        match (&blocks[i], paragraph(i)) {
            (Block::AuthorNote { .. }, _) => in_note = true,
            (_, Some(text)) if labelled(text) || cued(text) || (in_note && talk(text)) => {
                is_note[i] = true;
                in_note = true;
            }
            _ => break,
        }
    }

    // The trailing edge, read backwards; "The End" may sit before the notes.
    let mut found = false;
    for i in (0..blocks.len()).rev() {
        let Some(text) = paragraph(i) else {
            if matches!(blocks[i], Block::AuthorNote { .. }) {
                found = true;
                continue;
            }
            break;
        };
        if matches!(markers::classify(text), Some((Marker::End, _))) {
            continue;
        }
        if labelled(text) || cued(text) || (found && talk(text) && preceded_by_story(blocks, i)) {
            is_note[i] = true;
            found = true;
        } else {
            break;
        }
    }

    // Labelled notes anywhere, running on while the author keeps talking.
    let mut running = false;
    for (i, note) in is_note.iter_mut().enumerate() {
        // Most paragraphs are neither labelled nor in a running note: the
        // cheap tests come before counting their words.
        match text_of(i) {
            Some(text) if labelled(text) && !too_long(text) => {
                *note = true;
                running = true;
            }
            Some(text) if running && !too_long(text) && talk(text) => *note = true,
            _ => running = *note,
        }
    }
    // A talking paragraph with two or more author-talk words is certain
    // enough to keep even where the note runs straight into the story.
    let certain = |text: &str| labelled(text) || cued(text) || cues::talk_strength(text) >= 2;
    trim_runs_into_story(blocks, &mut is_note, certain);
    ao3_sections(blocks, &mut is_note);
    is_note
}

/// Whether `text` contains `text` or `notes`, ignoring ASCII case (as
/// AO3's section labels read). Both words hold a `t`, `text` at its start
/// and `notes` two letters in, and a byte folds to `t` only if it is `t`
/// or `T`: so the words are compared only around each `t` or `T`, which
/// the SIMD search finds, rather than at every byte.
fn names_a_section(text: &str) -> bool {
    let bytes = text.as_bytes();
    let folded_at = |from: usize, word: &str| {
        bytes
            .get(from..from + word.len())
            .is_some_and(|here| here.eq_ignore_ascii_case(word.as_bytes()))
    };
    memchr::memchr2_iter(b't', b'T', bytes).any(|at| {
        folded_at(at, "text")
            || at
                .checked_sub(2)
                .is_some_and(|from| folded_at(from, "notes"))
    })
}

/// AO3's "Download" copy-paste frames the chapter: everything before a
/// `Chapter Text` line is the summary and notes, everything after `Chapter
/// End Notes` is notes.
fn ao3_sections(blocks: &[Block], is_note: &mut [bool]) {
    // The first `Chapter Text` line and the first end-notes line, found in
    // one pass.
    let (mut text_at, mut end_at) = (None, None);
    for (i, block) in blocks.iter().enumerate() {
        if text_at.is_some() && end_at.is_some() {
            break;
        }
        let name = match block {
            // Section labels are short lines; only those are worth folding.
            Block::Paragraph { text } if text.len() <= 64 && names_a_section(text) => {
                line::core(text).to_lowercase()
            }
            _ => continue,
        };
        if text_at.is_none() && name == "chapter text" {
            text_at = Some(i);
        }
        if end_at.is_none() && (name == "chapter end notes" || name == "end notes") {
            end_at = Some(i);
        }
    }
    if let Some(text_at) = text_at {
        for (block, note) in blocks[..=text_at].iter().zip(is_note.iter_mut()) {
            *note |= matches!(block, Block::Paragraph { text } if !too_long(text));
        }
    }
    if let Some(end_at) = end_at {
        for (block, note) in blocks[end_at..].iter().zip(is_note[end_at..].iter_mut()) {
            *note |= matches!(block, Block::Paragraph { text } if !too_long(text));
        }
    }
}

/// A note that runs straight into story text, with no scene break between,
/// has no visible end; keep only its labelled or cued paragraphs then, and
/// give the talking paragraphs after them back to the story.
fn trim_runs_into_story(blocks: &[Block], is_note: &mut [bool], certain: impl Fn(&str) -> bool) {
    let mut i = 0;
    while i < blocks.len() {
        if !is_note[i] {
            i += 1;
            continue;
        }
        let start = i;
        while i < blocks.len() && is_note[i] {
            i += 1;
        }
        if !matches!(blocks.get(i), Some(Block::Paragraph { .. })) {
            continue;
        }
        for j in (start..i).rev() {
            match &blocks[j] {
                Block::Paragraph { text } if !certain(text) => is_note[j] = false,
                _ => break,
            }
        }
    }
}

/// Notes are short; story text that lost its paragraph breaks is not.
const MAX_NOTE_WORDS: usize = 250;

/// Whether `text` has more than [`MAX_NOTE_WORDS`] words.
///
/// A word is a run of characters between whitespace and [`SEPARATORS`],
/// the punctuation the spacing and dash rules put spaces around or take
/// them from. Those rules fix notes too, and `a,b` made `a, b` must not
/// turn a note into story when the text is read again (found by fuzzing: a
/// labelled note of 250-odd comma-glued words lost its label on the second
/// `clean`, and C001 then fixed its `i`s).
fn too_long(text: &str) -> bool {
    // Each word takes a byte and each gap another, so a short text cannot
    // have that many words; most paragraphs are answered without counting.
    if text.len() <= 2 * MAX_NOTE_WORDS {
        return false;
    }
    // Every word but the first follows a separator, and every separator
    // is an ASCII space or control byte, an ASCII separator or starts with
    // a non-ASCII byte: a text with too few of those bytes is short,
    // whatever its length. Counting them is a pass the compiler
    // vectorises.
    let separators = text
        .bytes()
        .filter(|&b| (b <= b' ') | (b >= 0x80) | ASCII_SEPARATORS.contains(&b))
        .count();
    if separators < MAX_NOTE_WORDS {
        return false;
    }
    text.split(|c: char| c.is_whitespace() || SEPARATORS.contains(&c))
        .filter(|word| !word.is_empty())
        .nth(MAX_NOTE_WORDS)
        .is_some()
}

/// Punctuation that parts two of [`too_long`]'s words.
const SEPARATORS: [char; 17] = [
    ',', '.', ';', ':', '!', '?', '"', '(', ')', '[', ']', '-', '“', '”', '…', '–', '—',
];

/// The ASCII members of [`SEPARATORS`].
const ASCII_SEPARATORS: &[u8] = b",.;:!?\"()[]-";

/// A talking paragraph at the end joins the notes below it only when story
/// text (not another talking paragraph) comes before it, so a first-person
/// narrator's closing lines are not swallowed one by one.
fn preceded_by_story(blocks: &[Block], i: usize) -> bool {
    match i.checked_sub(1).map(|j| &blocks[j]) {
        Some(Block::Paragraph { text }) => {
            !cues::author_talk(text) || line::starts_with_dialogue(text)
        }
        _ => true,
    }
}

/// Gather consecutive note paragraphs (and note blocks) into single notes.
fn group(blocks: Vec<Block>, is_note: &[bool]) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    let mut previous_was_note = false;
    for (block, &note) in blocks.into_iter().zip(is_note) {
        let parts = match block {
            Block::AuthorNote { blocks } => blocks,
            block if note => vec![block],
            block => {
                out.push(block);
                previous_was_note = false;
                continue;
            }
        };
        match out.last_mut() {
            Some(Block::AuthorNote { blocks }) if previous_was_note => blocks.extend(parts),
            _ => out.push(Block::AuthorNote { blocks: parts }),
        }
        previous_was_note = true;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{ASCII_SEPARATORS, MAX_NOTE_WORDS, SEPARATORS, detect, names_a_section, too_long};
    use crate::model::Block;

    /// The byte screen must let through every separator's first byte.
    #[test]
    fn ascii_separators_are_the_ascii_separators() {
        let ascii: Vec<u8> = SEPARATORS
            .iter()
            .filter(|c| c.is_ascii())
            .map(|&c| c as u8)
            .collect();
        assert_eq!(ascii, ASCII_SEPARATORS);
    }

    /// The spacing and dash fixes leave a text's length in words as it
    /// was, so a note they fix stays a note.
    #[test]
    fn spacing_fixes_keep_the_word_count() {
        for words in [MAX_NOTE_WORDS - 1, MAX_NOTE_WORDS, MAX_NOTE_WORDS + 1] {
            let glued = vec!["i"; words + 1].join(",");
            let spaced = glued.replace(',', ", ");
            assert_eq!(too_long(&glued), words + 1 > MAX_NOTE_WORDS, "{words}");
            assert_eq!(too_long(&glued), too_long(&spaced), "{words}");
            for (from, to) in [
                (",", "--"),
                (",", " -- "),
                (",", "—"),
                (",", "..."),
                (",", "…"),
            ] {
                let other = glued.replace(from, to);
                assert_eq!(too_long(&glued), too_long(&other), "{to:?} {words}");
            }
        }
    }

    /// The search around each `t` finds what comparing at every byte does.
    #[test]
    fn names_a_section_as_a_search_at_every_byte() {
        let everywhere = |text: &str| {
            ["text", "notes"].iter().any(|word| {
                text.as_bytes()
                    .windows(word.len())
                    .any(|w| w.eq_ignore_ascii_case(word.as_bytes()))
            })
        };
        let pieces = [
            "t", "T", "e", "x", "X", "no", "NO", "s", "S", "\u{212A}", "\u{17F}", " ", "é",
        ];
        for text in crate::rules::testing::random_texts(&pieces, 5000, 8, 3) {
            assert_eq!(names_a_section(&text), everywhere(&text), "{text:?}");
        }
        for text in [
            "Chapter Text",
            "END NOTES",
            "noteS",
            "tex",
            "note",
            "Tne notes",
            "",
        ] {
            assert_eq!(names_a_section(text), everywhere(text), "{text:?}");
        }
    }

    fn note(texts: &[&str]) -> Block {
        Block::AuthorNote {
            blocks: texts.iter().map(|t| Block::paragraph(*t)).collect(),
        }
    }

    fn paragraphs(texts: &[&str]) -> Vec<Block> {
        texts.iter().map(|t| Block::paragraph(*t)).collect()
    }

    #[test]
    fn multi_paragraph_note_at_the_start_ends_where_the_story_begins() {
        let mut blocks = paragraphs(&[
            "A/N: Redoing this story. Enjoy the redone version.",
            "I also realize I kinda messed up the characters in this story.",
        ]);
        blocks.push(Block::SceneBreak { glyph: None });
        blocks.extend(paragraphs(&["Sakura walked down the road, furious."]));
        let detected = detect(blocks);
        assert_eq!(
            detected[0],
            note(&[
                "A/N: Redoing this story. Enjoy the redone version.",
                "I also realize I kinda messed up the characters in this story."
            ])
        );
        assert_eq!(detected.len(), 3);
    }

    #[test]
    fn unlabelled_notes_at_the_end() {
        let detected = detect(paragraphs(&[
            "Naruto looked at Tsunade.",
            "\"She must really love him.\"",
            "Thanks for reading! Please give a review on what you think! Next chapter should come soon.",
        ]));
        assert_eq!(detected.len(), 3);
        assert!(matches!(detected[2], Block::AuthorNote { .. }));
    }

    #[test]
    fn story_that_talks_about_notes_and_reviews_is_story() {
        let input = paragraphs(&[
            "She was reviewing a stack of forms when the note arrived.",
            "\"Thanks for reading it to me,\" the boy whispered.",
            "\"Please review the file before the meeting,\" Fury said.",
        ]);
        assert_eq!(detect(input.clone()), input);
    }

    #[test]
    fn inline_note_moves_after_its_paragraph() {
        let detected = detect(paragraphs(&[
            "She slammed the door. (A/N: short, I know) Then she cried.",
        ]));
        assert_eq!(
            detected,
            vec![
                Block::paragraph("She slammed the door. Then she cried."),
                note(&["(A/N: short, I know)"])
            ]
        );
    }

    #[test]
    fn a_note_running_straight_into_story_keeps_only_its_labelled_part() {
        let detected = detect(paragraphs(&[
            "A/N: enjoy!",
            "I never told anyone this story, but I will tell you.",
            "The rain fell.",
        ]));
        assert_eq!(detected[0], note(&["A/N: enjoy!"]));
        assert_eq!(detected.len(), 3);
    }

    #[test]
    fn a_wall_of_text_is_never_a_note() {
        let wall = format!(
            "A.N. Please read and review! {}",
            "Aurora walked on and on. ".repeat(100)
        );
        let input = paragraphs(&["Story.", &wall]);
        assert_eq!(detect(input.clone()), input);
    }

    #[test]
    fn labelled_note_in_the_middle() {
        let detected = detect(paragraphs(&[
            "Story one.",
            "AN: I know, I know.",
            "Story two.",
        ]));
        assert_eq!(detected[1], note(&["AN: I know, I know."]));
        assert_eq!(detected.len(), 3);
    }
}
