//! Words no rule corrects: names learned from the story, the fandom
//! vocabulary (honorifics, jutsu, chakra, Hokage...) and dialect spellings
//! (`goin'`, `gonna`, `ya`, `'em`).
//!
//! Generic spell checkers "correct" Sasuke, Tsunade and `-kun`; ficpress
//! learns a story's names from the story itself: a capitalised word that
//! appears at least twice where a sentence does not start is a name.

use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::LazyLock;

fn word_list(data: &'static str) -> FxHashSet<&'static str> {
    data.lines()
        .map(|line| line.split('#').next().unwrap_or("").trim())
        .filter(|word| !word.is_empty())
        .collect()
}

static FANDOM: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| word_list(include_str!("data/fandom.txt")));
static DIALECT: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| word_list(include_str!("data/dialect.txt")));

/// Protected words for one story.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Vocabulary {
    /// Names learned from the story, as written (`Sakura`).
    names: FxHashSet<String>,
    /// Words the user accepts (`words = [...]` in ficpress.toml), lower case.
    accepted: FxHashSet<String>,
}

/// A name must be seen this many times mid-sentence before it is trusted.
const NAME_SIGHTINGS: usize = 2;

impl Vocabulary {
    /// Learn the names of a story from its text.
    pub fn learn(text: &str) -> Vocabulary {
        let mut counts: FxHashMap<&str, usize> = FxHashMap::default();
        let mut sentence_start = true;
        for token in whitespace_separated(text) {
            if !sentence_start
                && may_be_name(token)
                && let Some(name) = name_in(token)
            {
                *counts.entry(name).or_insert(0) += 1;
            }
            sentence_start = ends_sentence(token);
        }
        Vocabulary {
            names: counts
                .into_iter()
                .filter(|(_, count)| *count >= NAME_SIGHTINGS)
                .map(|(word, _)| word.to_string())
                .collect(),
            accepted: FxHashSet::default(),
        }
    }

    /// The learned names one of `self` and `other` has and the other lacks.
    pub fn names_not_shared<'v>(&'v self, other: &'v Vocabulary) -> impl Iterator<Item = &'v str> {
        self.names
            .symmetric_difference(&other.names)
            .map(String::as_str)
    }

    /// Also accept these words (names, terms) as written.
    pub fn accept(&mut self, words: impl IntoIterator<Item = String>) {
        self.accepted
            .extend(words.into_iter().map(|w| w.to_lowercase()));
    }

    /// Whether `word` is a name learned from the story.
    pub fn is_name(&self, word: &str) -> bool {
        self.names.contains(word)
    }

    /// Whether no rule may correct `word`: a learned or accepted name, a
    /// fandom term (with or without its honorific hyphen) or dialect.
    pub fn is_protected(&self, word: &str) -> bool {
        let lower: std::borrow::Cow<'_, str> = if word
            .bytes()
            .any(|b| b.is_ascii_uppercase() || !b.is_ascii())
        {
            word.to_lowercase().into()
        } else {
            word.into()
        };
        let bare = lower.trim_matches(|c: char| c == '\'' || c == '’');
        self.names.contains(word)
            || self.accepted.contains(lower.as_ref())
            || FANDOM.contains(bare)
            || DIALECT.contains(lower.as_ref())
            || DIALECT.contains(bare)
            || lower.split('-').any(|part| FANDOM.contains(part))
    }
}

/// The pieces of `text` between whitespace characters, empty ones included:
/// `text.split(char::is_whitespace)`, with ASCII bytes tested as they are
/// and only other characters decoded.
fn whitespace_separated(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let (mut start, mut at) = (0, 0);
    let mut done = false;
    std::iter::from_fn(move || {
        while let Some(&byte) = bytes.get(at) {
            let width = if byte.is_ascii() {
                // Exactly the ASCII characters `char::is_whitespace` accepts
                // (all at or below the space: one comparison for the rest).
                if byte > b' ' || !matches!(byte, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ') {
                    at += 1;
                    continue;
                }
                1
            } else {
                let c = text[at..].chars().next()?;
                if !c.is_whitespace() {
                    at += c.len_utf8();
                    continue;
                }
                c.len_utf8()
            };
            let token = &text[start..at];
            at += width;
            start = at;
            return Some(token);
        }
        if done {
            return None;
        }
        done = true;
        Some(&text[start..])
    })
}

/// Whether the token after `token` starts a sentence: `token` is empty or
/// ends with `.`, `!`, `?`, `"`, `”`, `:` or `…`. An ASCII last byte is
/// answered without decoding.
fn ends_sentence(token: &str) -> bool {
    match token.as_bytes().last() {
        None => true,
        Some(&byte) if byte.is_ascii() => matches!(byte, b'.' | b'!' | b'?' | b'"' | b':'),
        Some(_) => token.ends_with(['”', '…']),
    }
}

/// Whether `token` may hold a name, answered from its ASCII bytes: the
/// first letter, digit, `'` or `-` must be a capital. Lower-case words,
/// the bulk of any story, stop at their first byte.
fn may_be_name(token: &str) -> bool {
    for &byte in token.as_bytes() {
        if !byte.is_ascii() {
            return true;
        }
        if byte.is_ascii_alphanumeric() || byte == b'\'' || byte == b'-' {
            return byte.is_ascii_uppercase();
        }
    }
    false
}

/// The name `token` (a word not starting a sentence) spells, if it is
/// capitalised: `Sakura's` and `Sasuke-kun` count as `Sakura` and `Sasuke`;
/// a word that opens a quote does not count.
fn name_in(token: &str) -> Option<&str> {
    let word = token.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-');
    let word = word.split(['\'', '’']).next().unwrap_or(word);
    let word = word.split('-').next().unwrap_or(word);
    let opens_quote = token.starts_with(['"', '“', '\'', '‘']);
    let capitalised = word.chars().next().is_some_and(char::is_uppercase)
        && word.chars().skip(1).any(char::is_lowercase);
    (!opens_quote && capitalised).then_some(word)
}

#[cfg(test)]
mod tests {
    use super::Vocabulary;

    #[test]
    fn learns_names_seen_mid_sentence() {
        let vocabulary = Vocabulary::learn(
            "Then Sakura ran. She saw Sasuke-kun and Sakura smiled. Sasuke nodded to Naruto.",
        );
        assert!(vocabulary.is_name("Sakura"));
        assert!(!vocabulary.is_name("Then"));
        assert!(!vocabulary.is_name("Naruto"), "seen once");
    }

    #[test]
    fn protects_fandom_terms_honorifics_and_dialect() {
        let vocabulary = Vocabulary::default();
        for word in [
            "jutsu",
            "Chakra",
            "Hokage",
            "Sasuke-kun",
            "goin'",
            "gonna",
            "'em",
            "Tsunade-sama",
        ] {
            assert!(vocabulary.is_protected(word), "{word}");
        }
        assert!(!vocabulary.is_protected("comming"));
    }

    #[test]
    fn splits_on_whitespace_like_str_split() {
        for text in [
            "",
            " ",
            "a  b\tc\n\nd\r\n",
            "x\u{0B}y\u{0C}z",
            "non\u{A0}breaking\u{2009}thin\u{3000}wide\u{85}next",
            "“Sakura’s” — café\u{200B}zero-width ",
        ] {
            let expected: Vec<&str> = text.split(char::is_whitespace).collect();
            let found: Vec<&str> = super::whitespace_separated(text).collect();
            assert_eq!(found, expected, "{text:?}");
        }
    }
}
