//! Patterns behind keyword prefilters, compiled only when first needed.
//!
//! The cue and marker tables hold dozens of case-insensitive patterns; most
//! paragraphs match none, and compiling them all costs tens of milliseconds
//! at start-up. Each pattern here comes with keywords, one of which every
//! match must contain (`"flash"` for `flash\s*-?\s*backs?`). One
//! Aho-Corasick pass over the text tells which patterns can match at all;
//! only those are compiled (once) and run.
//!
//! Keywords are ASCII and matched ignoring ASCII case. Under Unicode case
//! folding two non-ASCII characters also match ASCII letters, the Kelvin
//! sign `K` (k) and the long s `ſ` (s); a text holding either skips the
//! prefilter, so the answer is always the pattern's own.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder};
use regex::Regex;

/// A table of patterns, each with the keywords one of which a match needs
/// (an empty list: the pattern is tried on every text).
pub struct KeyedPatterns {
    patterns: Vec<String>,
    compiled: Vec<OnceLock<Regex>>,
    keywords: AhoCorasick,
    /// `owners[k]`: the patterns that keyword `k` makes candidates, as bits.
    owners: Vec<u64>,
    /// Patterns without keywords, as bits.
    always: u64,
}

impl KeyedPatterns {
    /// A table from `(pattern, keywords)` pairs, in the order they are tried.
    pub fn new<'a>(table: impl IntoIterator<Item = (String, &'a [&'a str])>) -> Self {
        let mut patterns = Vec::new();
        let mut words: Vec<&str> = Vec::new();
        let mut owners = Vec::new();
        let mut always = 0;
        for (i, (pattern, keywords)) in table.into_iter().enumerate() {
            assert!(i < 64, "a keyed table holds at most 64 patterns");
            patterns.push(pattern);
            if keywords.is_empty() {
                always |= 1 << i;
            }
            for &word in keywords {
                debug_assert!(word.is_ascii(), "keywords are ASCII");
                words.push(word);
                owners.push(1 << i);
            }
        }
        let keywords = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .build(&words)
            .expect("keywords build an automaton");
        KeyedPatterns {
            compiled: patterns.iter().map(|_| OnceLock::new()).collect(),
            patterns,
            keywords,
            owners,
            always,
        }
    }

    /// The patterns that may match `text`, as bits (bit `i`: pattern `i`).
    pub fn candidates(&self, text: &str) -> u64 {
        if text.contains(['\u{212A}', '\u{17F}']) {
            return u64::MAX;
        }
        self.keywords
            .find_overlapping_iter(text)
            .fold(self.always, |bits, found| {
                bits | self.owners[found.pattern().as_usize()]
            })
    }

    /// The first of the `candidates` patterns that matches `text`.
    pub fn first_match(&self, text: &str, candidates: u64) -> Option<usize> {
        (0..self.patterns.len())
            .filter(|&i| candidates & (1 << i) != 0)
            .find(|&i| self.regex(i).is_match(text))
    }

    /// Pattern `i`, compiled on first use.
    fn regex(&self, i: usize) -> &Regex {
        self.compiled[i]
            .get_or_init(|| Regex::new(&self.patterns[i]).expect("keyed patterns are valid"))
    }
}

#[cfg(test)]
mod tests {
    use super::KeyedPatterns;

    fn table() -> KeyedPatterns {
        KeyedPatterns::new([
            ("(?i)^flash\\s*backs?$".to_string(), &["flash"][..]),
            ("(?i)\\bsoon\\b".to_string(), &["soon"][..]),
            ("(?i)^x+$".to_string(), &[][..]),
        ])
    }

    #[test]
    fn only_candidates_run_and_the_first_match_wins() {
        let table = table();
        assert_eq!(table.candidates("FLASH back"), 0b101);
        assert_eq!(
            table.first_match("FLASH back", table.candidates("FLASH back")),
            Some(0)
        );
        assert_eq!(
            table.first_match("see you soon", table.candidates("see you soon")),
            Some(1)
        );
        assert_eq!(table.first_match("xxx", table.candidates("xxx")), Some(2));
        assert_eq!(
            table.first_match("nothing here", table.candidates("nothing here")),
            None
        );
    }

    #[test]
    fn non_ascii_case_variants_skip_the_prefilter() {
        // `ſ` is an `s` to a case-insensitive pattern.
        let table = table();
        let text = "flaſh back";
        assert_eq!(table.candidates(text), u64::MAX);
        assert_eq!(table.first_match(text, table.candidates(text)), Some(0));
    }
}
