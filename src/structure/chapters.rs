//! Chapter headings: "Chapter 1", "Chapter One: The Letter", "Ch. 2 -
//! Homecoming", "CHAPTER III", "Prologue", "Epilogue", "Part One". Each
//! starts a new chapter titled with the heading; a file without headings is
//! one chapter.

use std::sync::LazyLock;

use super::line;
use super::twin::Twin;
use crate::model::{Block, Chapter};

const NUMBER: &str = r"(?:\d{1,4}|[ivxlcdm]{1,7}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?";

static HEADING: LazyLock<Twin> = LazyLock::new(|| {
    Twin::new(format!(
        r"(?i)^(?:(?:chapter|chap\.?|ch\.)\s*{NUMBER}\b(?:\s*[:.\-–—]\s*\S.*|\s+[^\s.,;!?].*)?|(?:prologue|epilogue|interlude|afterword|part\s+{NUMBER}\b)(?:\s*[:.\-–—]\s*\S.*)?)$"
    ))
});

/// A number followed by `:`, `.` or a dash: what follows is a title, even
/// one that ends like a sentence ("Chapter XI. Who Stole the Tarts?").
static NUMBERED_TITLE: LazyLock<Twin> = LazyLock::new(|| {
    Twin::new(format!(
        r"(?i)^(?:chapter|chap\.?|ch\.|part)\s*{NUMBER}\s*[:.\-–—]\s*\S"
    ))
});

/// Every heading opens with one of these letters (none has a non-ASCII
/// case variant), so most short lines are answered before the patterns.
const INITIALS: [char; 10] = ['c', 'C', 'p', 'P', 'e', 'E', 'i', 'I', 'a', 'A'];

/// Headings are short; a long line that starts "Chapter one of..." is prose.
const MAX_WORDS: usize = 14;

/// The chapter title a block announces, if it is a chapter heading.
pub fn heading(block: &Block) -> Option<String> {
    let (Block::Paragraph { text } | Block::Heading { text, .. }) = block else {
        return None;
    };
    if text.len() > 120 {
        return None;
    }
    // The core opens with the line's first character after decoration
    // unless a bead word (`xXx`) is dropped there: most lines are answered
    // without building the core.
    match line::lead(text) {
        Some(c) if line::may_open_bead(c) => {}
        // Then the core opens where the line's words do, with a word the
        // heading pattern opens with; few lines' first word is one.
        Some(c) if INITIALS.contains(&c) && opens_like_heading(text, c) => {}
        _ => return None,
    }
    // Dialogue is no heading either; asked only of the few lines left.
    if line::starts_with_dialogue(text) {
        return None;
    }
    let core = line::core(text);
    if !core.starts_with(INITIALS) {
        return None;
    }
    let words = core.split_whitespace().count();
    // "Chapter 3 of the book was missing." is a sentence about a chapter.
    let sentence =
        words > 3 && text.trim_end().ends_with(['.', '!', '?']) && !NUMBERED_TITLE.is_match(&core);
    let is_heading =
        words <= MAX_WORDS && !sentence && HEADING.is_match(&core) && !core.ends_with(',');
    is_heading.then_some(core)
}

/// Whether `text`, from its first character after decoration (`lead`),
/// opens with a word that [`HEADING`] can open with, ignoring ASCII case
/// (exact: the words hold no letter with a non-ASCII case variant).
fn opens_like_heading(text: &str, lead: char) -> bool {
    // Everything before `lead` is decoration, which `lead` is not.
    let Some(at) = text.find(lead) else {
        return false;
    };
    let rest = &text.as_bytes()[at..];
    [
        "ch",
        "prologue",
        "epilogue",
        "interlude",
        "afterword",
        "part",
    ]
    .iter()
    .any(|word| {
        rest.get(..word.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(word.as_bytes()))
    })
}

/// Split blocks at chapter headings. Blocks before the first heading form an
/// untitled first chapter (dropped when empty).
pub fn split(blocks: Vec<Block>) -> Vec<Chapter> {
    let mut chapters = vec![Chapter::default()];
    for block in blocks {
        if let Some(title) = heading(&block) {
            chapters.push(Chapter {
                title: Some(title),
                blocks: Vec::new(),
            });
            continue;
        }
        if let Some(current) = chapters.last_mut() {
            current.blocks.push(block);
        }
    }
    if chapters.len() > 1 && chapters[0].blocks.is_empty() {
        chapters.remove(0);
    }
    chapters
}

#[cfg(test)]
mod tests {
    use super::{heading, split};
    use crate::model::Block;

    #[test]
    fn ascii_twins_agree_with_their_patterns() {
        use crate::structure::twin::testing::{ASCII_LINES, assert_agrees};
        // The lines `heading` asks the patterns about: short, opening
        // with a heading's initial.
        let texts = || {
            ASCII_LINES
                .iter()
                .map(String::as_str)
                .filter(|text| text.len() <= 120 && text.starts_with(super::INITIALS))
        };
        let headings = assert_agrees(&super::HEADING, texts());
        let titled = assert_agrees(&super::NUMBERED_TITLE, texts());
        assert!(
            headings >= 5 && titled >= 3,
            "{headings} headings, {titled} titled"
        );
    }

    fn title(text: &str) -> Option<String> {
        heading(&Block::paragraph(text))
    }

    #[test]
    fn chapter_headings() {
        for (text, expected) in [
            ("Chapter 1", "Chapter 1"),
            ("Chapter One: The Letter", "Chapter One: The Letter"),
            ("Ch. 2 - Homecoming", "Ch. 2 - Homecoming"),
            ("CHAPTER III", "CHAPTER III"),
            ("Prologue", "Prologue"),
            ("Epilogue: Ten Years On", "Epilogue: Ten Years On"),
            ("Part One", "Part One"),
            ("**Chapter 12**", "Chapter 12"),
            ("~Chapter Twenty-One~", "Chapter Twenty-One"),
            ("Chapter 4 The Storm", "Chapter 4 The Storm"),
            (
                "CHAPTER XI. Who Stole the Tarts?",
                "CHAPTER XI. Who Stole the Tarts?",
            ),
        ] {
            assert_eq!(title(text).as_deref(), Some(expected), "{text}");
        }
    }

    #[test]
    fn prose_is_not_a_heading() {
        for text in [
            "Chapter and verse, she thought.",
            "Part of me wanted to stay.",
            "Part one of the plan, he said, was simple enough to explain to anybody in the room.",
            "\"Chapter one,\" she read aloud.",
            "Chapters came and went.",
            "Chapter 3 of the book was missing.",
            "Prologue to a disaster, that's what this was, and she knew it from the first moment.",
        ] {
            assert_eq!(title(text), None, "{text}");
        }
    }

    #[test]
    fn splits_at_headings() {
        let chapters = split(vec![
            Block::paragraph("Chapter 1"),
            Block::paragraph("One."),
            Block::paragraph("Chapter 2: Two"),
            Block::paragraph("Two."),
        ]);
        assert_eq!(chapters.len(), 2);
        assert_eq!(chapters[1].title.as_deref(), Some("Chapter 2: Two"));
        assert_eq!(chapters[1].blocks, vec![Block::paragraph("Two.")]);
    }
}
