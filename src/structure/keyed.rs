//! Patterns behind keyword prefilters, compiled only when first needed.
//!
//! The cue and marker tables hold dozens of case-insensitive patterns; most
//! paragraphs match none, and compiling them all costs tens of milliseconds
//! at start-up. Each pattern here comes with keywords, one of which every
//! match must contain (`"flash"` for `flash\s*-?\s*backs?`). One
//! Aho-Corasick pass over the text tells which patterns can match at all;
//! only those are compiled (once) and run, as their ASCII twins for an
//! ASCII text (see [`super::twin`]).
//!
//! A pattern anchored at the ends of the text can also say which words the
//! text must start or end with (`time` for `^time\s*-?\s*skip...$`): a
//! short line that merely mentions the keyword somewhere is passed over
//! without compiling the pattern.
//!
//! A keyword may be a phrase: a space in it stands for a run of whitespace
//! (`\s+` in the pattern), so `"own nothing"` keys `own\s+nothing`. Phrases
//! are looked for in the text with each whitespace run read as one space.
//! A second list of keywords ([`Keys::also`]) narrows a pattern further:
//! every match holds one word of each list.
//!
//! Keywords are ASCII, or characters that have no case (`©`), and are
//! matched ignoring ASCII case, which is then exact. Under Unicode case
//! folding two non-ASCII characters also match ASCII letters, the Kelvin
//! sign `K` (k) and the long s `ſ` (s); a text holding either skips the
//! prefilter, so the answer is always the pattern's own.

use std::borrow::Cow;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder};

use super::twin::Twin;

/// Whether ignoring ASCII case matches `word` exactly as `(?i)` would: its
/// non-ASCII characters have no upper or lower case.
fn caseless_beyond_ascii(word: &str) -> bool {
    word.chars()
        .all(|c| c.is_ascii() || (!c.is_lowercase() && !c.is_uppercase()))
}

/// Whether `text` holds the Kelvin sign or the long s, which `(?i)` matches
/// as `k` and `s` (see the module's documentation).
pub(super) fn folds_to_ascii(text: &str) -> bool {
    // In UTF-8 the Kelvin sign is E2 84 AA and the long s C5 BF. A lead
    // byte is never inside another character, so the bytes after each E2
    // and C5 tell whether it starts one of the two, without decoding the
    // rest of the text.
    let bytes = text.as_bytes();
    !text.is_ascii()
        && memchr::memchr2_iter(0xE2, 0xC5, bytes)
            .any(|at| matches!(bytes[at..], [0xE2, 0x84, 0xAA, ..] | [0xC5, 0xBF, ..]))
}

/// Whether every run of whitespace in `text` is a single ASCII space, as
/// `\s+` (Unicode `White_Space`, which `char::is_whitespace` also follows)
/// sees it. Nearly every paragraph is, and its phrases are found as written.
fn spaced_singly(text: &str) -> bool {
    let bytes = text.as_bytes();
    let ascii_runs = bytes
        .iter()
        .zip(bytes.iter().skip(1).chain([&b'x']))
        .any(|(&b, &next)| matches!(b, b'\t'..=b'\r') || (b == b' ' && next == b' '));
    !ascii_runs && (text.is_ascii() || !text.chars().any(|c| !c.is_ascii() && c.is_whitespace()))
}

/// What every match of a pattern needs.
#[derive(Clone, Copy, Default)]
pub struct Keys<'a> {
    /// Words one of which every match contains (none: the pattern is tried
    /// on every text).
    pub words: &'a [&'a str],
    /// Words one of which every match contains besides one of `words`
    /// (none: `words` alone decide).
    pub also: &'a [&'a str],
    /// For a pattern anchored at both ends of the text: the words one of
    /// which the text starts with, unless it ends with one of `ends` (both
    /// empty: the text's ends are not looked at).
    pub starts: &'a [&'a str],
    /// See `starts`.
    pub ends: &'a [&'a str],
}

impl<'a> Keys<'a> {
    /// Keys of `words` alone, for a static table.
    pub const fn any(words: &'a [&'a str]) -> Self {
        Keys {
            words,
            also: &[],
            starts: &[],
            ends: &[],
        }
    }

    /// Keys of one of `words` and one of `also` together.
    pub const fn both(words: &'a [&'a str], also: &'a [&'a str]) -> Self {
        Keys {
            also,
            ..Keys::any(words)
        }
    }
}

impl<'a> From<&'a [&'a str]> for Keys<'a> {
    fn from(words: &'a [&'a str]) -> Self {
        Keys {
            words,
            ..Keys::default()
        }
    }
}

/// A table of patterns, each with the keywords one of which a match needs
/// (an empty list: the pattern is tried on every text).
///
/// A pattern may be given as parts, the alternatives `A`, `B` of `A|B`,
/// each with its own keys: a text holds a match of the pattern exactly when
/// it holds one of a part, and a costly part whose keys a text lacks is
/// neither compiled nor run. Candidates are counted in parts; for a table of
/// one-part patterns, part `i` is pattern `i`.
pub struct KeyedPatterns {
    /// Each part, compiled on first use (as its ASCII twin for an ASCII
    /// text, the bulk of them).
    parts: Vec<Twin>,
    /// `pattern_of[p]`: the pattern part `p` belongs to.
    pattern_of: Vec<usize>,
    keywords: AhoCorasick,
    /// Whether some keyword is a phrase (holds a space).
    phrases: bool,
    /// `owners[k]`: the parts that keyword `k` makes candidates, as bits:
    /// first as one of their `words`, then as one of their `also` words.
    owners: Vec<(u64, u64)>,
    /// Parts without `words`, then parts without `also` words, as bits.
    always: (u64, u64),
    /// `edges[p]`: part `p`'s `starts` and `ends` (see [`Keys`]).
    edges: Vec<(Vec<String>, Vec<String>)>,
    /// All parts' `starts` words and all their `ends` words, lowercased,
    /// with the first bytes of the former and the last bytes of the latter
    /// as bit sets; `None` when some part has no edge words (so any text
    /// fits its edges) or has one that is empty or not ASCII.
    any_edge: Option<AnyEdge>,
}

impl KeyedPatterns {
    /// A table from `(pattern, keys)` pairs, in the order they are tried.
    pub fn new<'a, K: Into<Keys<'a>>>(table: impl IntoIterator<Item = (String, K)>) -> Self {
        Self::in_parts(table.into_iter().map(|part| vec![part]))
    }

    /// A table of patterns given as their parts, each `(part, keys)`.
    pub fn in_parts<'a, K: Into<Keys<'a>>>(
        table: impl IntoIterator<Item = Vec<(String, K)>>,
    ) -> Self {
        let mut parts = Vec::new();
        let mut pattern_of = Vec::new();
        let mut words: Vec<&str> = Vec::new();
        let mut owners = Vec::new();
        let mut always = (0, 0);
        let mut edges = Vec::new();
        let table = table
            .into_iter()
            .enumerate()
            .flat_map(|(pattern, parts)| parts.into_iter().map(move |part| (pattern, part)));
        for (i, (pattern, (part, keys))) in table.enumerate() {
            let keys: Keys = keys.into();
            assert!(i < 64, "a keyed table holds at most 64 parts");
            parts.push(Twin::new(part));
            pattern_of.push(pattern);
            if keys.words.is_empty() {
                always.0 |= 1 << i;
            }
            if keys.also.is_empty() {
                always.1 |= 1 << i;
            }
            for &word in keys.words {
                debug_assert!(caseless_beyond_ascii(word), "keyword {word:?} has case");
                words.push(word);
                owners.push((1 << i, 0));
            }
            for &word in keys.also {
                debug_assert!(caseless_beyond_ascii(word), "keyword {word:?} has case");
                words.push(word);
                owners.push((0, 1 << i));
            }
            let owned = |list: &[&str]| list.iter().map(|w| w.to_string()).collect::<Vec<_>>();
            debug_assert!(keys.starts.iter().chain(keys.ends).all(|w| w.is_ascii()));
            edges.push((owned(keys.starts), owned(keys.ends)));
        }
        let any_edge = AnyEdge::new(&edges);
        // A contiguous NFA, not the DFA the builder would pick: building the
        // DFA was a third of a small story's start-up, and searching with
        // either costs the same here (one keyword search per paragraph).
        let keywords = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
            .build(&words)
            .expect("keywords build an automaton");
        KeyedPatterns {
            parts,
            pattern_of,
            phrases: words.iter().any(|word| word.contains(' ')),
            keywords,
            owners,
            always,
            edges,
            any_edge,
        }
    }

    /// Whether some pattern may match `text` as far as the keywords tell
    /// (its ends are not looked at).
    pub fn mentions_any(&self, text: &str) -> bool {
        self.always.0 != 0
            || folds_to_ascii(text)
            || self.keywords.is_match(self.haystack(text).as_ref())
    }

    /// The parts that may match `text`, as bits (bit `p`: part `p`).
    pub fn candidates(&self, text: &str) -> u64 {
        if folds_to_ascii(text) {
            return u64::MAX;
        }
        let (words, also) = self
            .keywords
            .find_overlapping_iter(self.haystack(text).as_ref())
            .fold(self.always, |(words, also), found| {
                let owners = self.owners[found.pattern().as_usize()];
                (words | owners.0, also | owners.1)
            });
        let bits = words & also;
        (0..self.parts.len())
            .filter(|&i| bits & (1 << i) != 0 && self.edges_fit(i, text))
            .fold(0, |kept, i| kept | (1 << i))
    }

    /// The text to look for keywords in: `text` itself, unless a phrase
    /// keyword could miss it, where each run of whitespace is one space.
    fn haystack<'t>(&self, text: &'t str) -> Cow<'t, str> {
        if !self.phrases || spaced_singly(text) {
            return Cow::Borrowed(text);
        }
        let mut single = String::with_capacity(text.len());
        let mut in_run = false;
        for c in text.chars() {
            let space = c.is_whitespace();
            if !(space && in_run) {
                single.push(if space { ' ' } else { c });
            }
            in_run = space;
        }
        Cow::Owned(single)
    }

    /// Whether some part's `starts` and `ends` words fit `text`, as in
    /// [`KeyedPatterns::candidates`] but whatever words `text` holds.
    ///
    /// Cheaper than the keyword scan, so a caller that knows how the text
    /// the patterns will see relates to `text` can rule lines out first: a
    /// bit set of the edge words' outer bytes settles most lines from two
    /// bytes. False only when no part's edges fit.
    pub fn any_edges_fit(&self, text: &str) -> bool {
        self.any_edge.as_ref().is_none_or(|any| any.fits(text))
    }

    /// Whether `text` starts or ends the way part `i` needs.
    fn edges_fit(&self, i: usize, text: &str) -> bool {
        let (starts, ends) = &self.edges[i];
        let text = text.as_bytes();
        let starts_with = |word: &String| {
            text.get(..word.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(word.as_bytes()))
        };
        let ends_with = |word: &String| {
            text.len() >= word.len()
                && text[text.len() - word.len()..].eq_ignore_ascii_case(word.as_bytes())
        };
        (starts.is_empty() && ends.is_empty())
            || starts.iter().any(starts_with)
            || ends.iter().any(ends_with)
    }

    /// The first pattern with one of the `candidates` parts that matches
    /// `text`.
    pub fn first_match(&self, text: &str, candidates: u64) -> Option<usize> {
        (0..self.parts.len())
            .filter(|&i| candidates & (1 << i) != 0)
            .find(|&i| self.parts[i].is_match(text))
            .map(|i| self.pattern_of[i])
    }
}

/// Assert that each part of `patterns` and its ASCII twin agree on every
/// one of `texts` (all ASCII) that reaches the part; the number of
/// matches.
#[cfg(test)]
pub(crate) fn assert_parts_agree(patterns: &KeyedPatterns, texts: &[String]) -> usize {
    let mut reaching = vec![Vec::new(); patterns.parts.len()];
    for text in texts {
        let candidates = patterns.candidates(text);
        for (i, texts) in reaching.iter_mut().enumerate() {
            if candidates & (1 << i) != 0 {
                texts.push(text.as_str());
            }
        }
    }
    let parts = patterns.parts.iter().zip(reaching);
    parts
        .map(|(part, texts)| super::twin::testing::assert_agrees(part, texts))
        .sum()
}

/// The edge words of all parts together (see [`KeyedPatterns::any_edges_fit`]).
struct AnyEdge {
    starts: Vec<Vec<u8>>,
    ends: Vec<Vec<u8>>,
    /// Bit `b` set when some start word begins with byte `b`.
    firsts: u128,
    /// Bit `b` set when some end word ends with byte `b`.
    lasts: u128,
}

impl AnyEdge {
    fn new(edges: &[(Vec<String>, Vec<String>)]) -> Option<AnyEdge> {
        let mut any = AnyEdge {
            starts: Vec::new(),
            ends: Vec::new(),
            firsts: 0,
            lasts: 0,
        };
        for (starts, ends) in edges {
            if starts.is_empty() && ends.is_empty() {
                return None;
            }
            any.starts
                .extend(starts.iter().map(|w| w.to_ascii_lowercase().into_bytes()));
            any.ends
                .extend(ends.iter().map(|w| w.to_ascii_lowercase().into_bytes()));
        }
        // An empty word fits every text (in `edges_fit` too), and a byte
        // beyond ASCII has no place in the sets: either way they cannot
        // rule a text out.
        let bit = |byte: Option<&u8>| match byte {
            Some(&b) if b.is_ascii() => Some(1u128 << b),
            _ => None,
        };
        for word in &any.starts {
            any.firsts |= bit(word.first())?;
        }
        for word in &any.ends {
            any.lasts |= bit(word.last())?;
        }
        for words in [&mut any.starts, &mut any.ends] {
            words.sort();
            words.dedup();
        }
        Some(any)
    }

    /// Whether some start word begins `text` or some end word ends it,
    /// ignoring ASCII case: most texts are settled by their outer bytes.
    fn fits(&self, text: &str) -> bool {
        let text = text.as_bytes();
        let (Some(first), Some(last)) = (text.first(), text.last()) else {
            return false;
        };
        let (first, last) = (first.to_ascii_lowercase(), last.to_ascii_lowercase());
        let in_set = |set: u128, b: u8| b.is_ascii() && set & (1 << b) != 0;
        let starts_with = |word: &Vec<u8>| {
            word[0] == first
                && text
                    .get(..word.len())
                    .is_some_and(|head| head.eq_ignore_ascii_case(word))
        };
        let ends_with = |word: &Vec<u8>| {
            word[word.len() - 1] == last
                && text.len() >= word.len()
                && text[text.len() - word.len()..].eq_ignore_ascii_case(word)
        };
        (in_set(self.firsts, first) && self.starts.iter().any(starts_with))
            || (in_set(self.lasts, last) && self.ends.iter().any(ends_with))
    }
}

#[cfg(test)]
mod tests {
    use super::{KeyedPatterns, Keys, folds_to_ascii};

    #[test]
    fn folds_to_ascii_finds_the_two_characters_by_their_bytes() {
        for text in [
            "",
            "plain",
            "\u{212A}",
            "\u{17F}",
            "é—€Ş",
            "a\u{212A}b",
            "—\u{17F}",
            "“x”",
            "\u{2129}\u{212B}",
            "\u{17E}\u{180}",
            "Ş\u{212A}",
        ] {
            let by_chars = text.contains(['\u{212A}', '\u{17F}']);
            assert_eq!(folds_to_ascii(text), by_chars, "{text:?}");
        }
    }

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
    fn anchored_patterns_need_their_edge_words() {
        let table = KeyedPatterns::new([(
            "(?i)^time\\s*skip$".to_string(),
            Keys {
                words: &["time"],
                starts: &["time"],
                ends: &[],
                ..Keys::default()
            },
        )]);
        assert_eq!(table.candidates("TIME skip"), 1);
        assert_eq!(table.candidates("a time skip"), 0);
        assert!(table.mentions_any("a time skip"));
        assert!(!table.mentions_any("a skip"));
    }

    #[test]
    fn phrases_span_any_run_of_whitespace_and_also_words_narrow() {
        let table = KeyedPatterns::new([
            (
                r"(?i)\bown\s+nothing\b".to_string(),
                Keys::any(&["own nothing"]),
            ),
            (
                r"(?i)\bi\s+do\b.*\bown\b".to_string(),
                Keys::both(&["own"], &["i do"]),
            ),
        ]);
        for text in ["I own nothing", "I own\u{a0}\t nothing", "I OWN  NOTHING"] {
            assert_eq!(table.candidates(text), 0b01, "{text:?}");
            assert_eq!(table.first_match(text, table.candidates(text)), Some(0));
        }
        assert_eq!(table.candidates("I do\u{2003}not own it"), 0b10);
        assert_eq!(table.candidates("I own it"), 0);
        assert_eq!(table.candidates("own nothingness"), 0b01);
        assert!(table.mentions_any("own\nnothing"));
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
