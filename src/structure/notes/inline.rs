//! Inline notes: `(A/N: yes I know it's short)` in the middle of a story
//! paragraph. The note is cut out of the paragraph and becomes an author's
//! note block placed right after it, so `--notes remove` drops the aside
//! and keeps every word of the story around it.

use std::sync::LazyLock;

use regex::Regex;

/// A bracketed note: an opening bracket, a label, text without brackets, the
/// closing bracket. Nested brackets end the match early, which only ever
/// leaves a note in the story, never story in a note.
static INLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:\(|\[)\s*(?:\*\*|\*)?(?:(?i:a\s*/\s*n|a\.\s*n\.?|t\s*/\s*n|author(?:'|’)?s?\s+notes?)(?:\*\*|\*)?[\s:\-–—]|AN(?:\*\*|\*)?\s*[:\-–—])[^()\[\]]{0,600}?(?:\)|\])",
    )
    .expect("valid inline note pattern")
});

/// [`INLINE`] with the note's length unbounded. A class repeated 600 times
/// costs some 25 M instructions to compile, a loop over it next to nothing,
/// and the two find the same notes wherever no note is longer than the bound
/// (see [`find`]).
static UNBOUNDED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:\(|\[)\s*(?:\*\*|\*)?(?:(?i:a\s*/\s*n|a\.\s*n\.?|t\s*/\s*n|author(?:'|’)?s?\s+notes?)(?:\*\*|\*)?[\s:\-–—]|AN(?:\*\*|\*)?\s*[:\-–—])[^()\[\]]*?(?:\)|\])",
    )
    .expect("valid unbounded inline note pattern")
});

/// The longest note [`INLINE`] takes, in characters between its label and
/// its closing bracket.
const MAX_NOTE_CHARS: usize = 600;

/// The inline notes of a paragraph, as byte ranges: those [`INLINE`] finds.
///
/// Past the opening bracket neither pattern's label holds a bracket, so a
/// note found at some start ends at the first bracket after it for both
/// patterns, and [`INLINE`] finds it there too unless more than
/// [`MAX_NOTE_CHARS`] characters come before that bracket. While every note
/// [`UNBOUNDED`] finds is shorter than that, the two patterns agree note by
/// note; otherwise [`INLINE`] itself decides.
fn find(text: &str) -> Vec<std::ops::Range<usize>> {
    let found: Vec<_> = UNBOUNDED.find_iter(text).map(|m| m.range()).collect();
    let short = |range: &std::ops::Range<usize>| {
        range.len() <= MAX_NOTE_CHARS || text[range.clone()].chars().count() <= MAX_NOTE_CHARS
    };
    if found.iter().all(short) {
        return found;
    }
    INLINE.find_iter(text).map(|m| m.range()).collect()
}

/// A paragraph with its inline notes taken out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// The story text with each note removed and spacing repaired.
    pub story: String,
    /// The notes, brackets included, in order.
    pub notes: Vec<String>,
}

/// Where a paragraph's inline notes are, as byte ranges.
pub fn ranges(text: &str) -> Vec<std::ops::Range<usize>> {
    if !may_have_note(text) {
        return Vec::new();
    }
    find(text)
}

/// A cheap necessary condition for an inline note: an opening bracket
/// followed (after spaces and stars) by the first letter of a label, `a` or
/// `t` in either case. Story paragraphs nearly all fail it, so the pattern
/// seldom runs.
fn may_have_note(text: &str) -> bool {
    memchr::memchr2_iter(b'(', b'[', text.as_bytes()).any(|at| {
        text[at + 1..]
            .chars()
            .find(|&c| !c.is_whitespace() && c != '*')
            .is_some_and(|c| matches!(c, 'a' | 'A' | 't' | 'T'))
    })
}

/// Cut inline notes out of a paragraph; `None` when it has none.
pub fn split(text: &str) -> Option<Split> {
    if !may_have_note(text) {
        return None;
    }
    let mut story = String::with_capacity(text.len());
    let mut notes = Vec::new();
    let mut from = 0;
    for found in find(text) {
        story.push_str(&text[from..found.start]);
        notes.push(text[found.clone()].to_string());
        from = found.end;
    }
    if notes.is_empty() {
        return None;
    }
    story.push_str(&text[from..]);
    // Removing "word (A/N: x) word" leaves two spaces, or a space before
    // punctuation; close those gaps.
    let mut tidy = story.split_whitespace().collect::<Vec<_>>().join(" ");
    for punctuation in [" .", " ,", " !", " ?", " ;", " :"] {
        tidy = tidy.replace(punctuation, &punctuation[1..]);
    }
    Some(Split { story: tidy, notes })
}

#[cfg(test)]
mod tests {
    use super::{Split, split};

    #[test]
    fn cuts_notes_out_of_story_text() {
        assert_eq!(
            split("She slammed the door. (A/N: yes I know it's short) Then she cried."),
            Some(Split {
                story: "She slammed the door. Then she cried.".into(),
                notes: vec!["(A/N: yes I know it's short)".into()],
            })
        );
        assert_eq!(
            split("He ate ramen [AN: again lol], as always."),
            Some(Split {
                story: "He ate ramen, as always.".into(),
                notes: vec!["[AN: again lol]".into()],
            })
        );
    }

    #[test]
    fn ordinary_brackets_stay() {
        for text in [
            "She (an old friend) waved.",
            "The map [annotated] was old.",
            "(Anna nodded.)",
            "(ANNA WAS HERE) read the wall.",
            "He said (and meant it) that he would stay.",
        ] {
            assert_eq!(split(text), None, "{text}");
        }
    }
}
