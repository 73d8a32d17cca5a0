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
#[derive(Debug, Clone, Default)]
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
        for token in text.split(|c: char| c.is_whitespace()) {
            let word = token.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-');
            let word = word.split(['\'', '’']).next().unwrap_or(word);
            let word = word.split('-').next().unwrap_or(word);
            let opens_quote = token.starts_with(['"', '“', '\'', '‘']);
            if !word.is_empty()
                && !sentence_start
                && !opens_quote
                && word.chars().next().is_some_and(char::is_uppercase)
                && word.chars().skip(1).any(char::is_lowercase)
            {
                *counts.entry(word).or_insert(0) += 1;
            }
            sentence_start =
                token.is_empty() || token.ends_with(['.', '!', '?', '"', '”', ':', '…']);
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
}
