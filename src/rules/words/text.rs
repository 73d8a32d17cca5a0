//! A paragraph as a sequence of words, and the questions word rules ask
//! about a word's surroundings: is it the first word of a sentence, is it
//! inside dialogue, does punctuation follow it.
//!
//! Shared by the confused-word, apostrophe and capitalisation rules. Every
//! question looks only at the word and the gaps next to it, so a rule that
//! asks a fixed number of them per word stays linear on any paragraph.

use std::ops::Range;

use crate::rules::{Applicability, Diagnostic, Edit, Fix};

/// A word: a run of letters and digits, with apostrophes and hyphens kept
/// when a letter follows them (`don't`, `so-called`, `I-I`), never when
/// they lead or trail (`'em`, `goin'` are `em`, `goin`).
#[derive(Debug, Clone)]
pub struct Word<'a> {
    pub text: &'a str,
    pub range: Range<usize>,
    /// The first bytes of the folded form, see [`key`]: comparing it
    /// answers "is this `your`?" in one instruction for short targets.
    key: u64,
    /// Where the folded form is in [`Words::folded`] when it is not the
    /// lower-cased text itself: only for words with a `’` inside.
    folded: Option<Range<usize>>,
    /// Inside double quotes, counted from the paragraph's start.
    pub in_dialogue: bool,
}

/// The words of one paragraph, with the text around them.
#[derive(Debug, Clone)]
pub struct Words<'a> {
    text: &'a str,
    words: Vec<Word<'a>>,
    /// The paragraph with ASCII letters in lower case (made in one
    /// vectorised pass), then [`KEY_LEN`] NUL bytes so that a word's key
    /// is one load: most words' folded form is a slice of it.
    lower: String,
    /// The folded forms of the words with a `’` inside (`don’t` as
    /// `don't`), one after another.
    folded: String,
    /// The paragraph writes curly quotes or apostrophes.
    curly: bool,
}

/// How many leading bytes of a folded word its [`key`] holds.
const KEY_LEN: usize = 8;

/// A word's key: the first [`KEY_LEN`] bytes of its folded form (ASCII
/// lower case, `’` as `'`), little-endian, zero-padded. Words hold no NUL,
/// so two words shorter than [`KEY_LEN`] bytes are the same word exactly
/// when their keys are equal; longer ones must also compare their tails.
/// `const`, so that a rule can name the words it looks for:
/// `const LOOSE: u64 = key("loose");`.
pub const fn key(word: &str) -> u64 {
    let bytes = word.as_bytes();
    let mut key = 0u64;
    let mut at = 0;
    while at < bytes.len() && at < KEY_LEN {
        key |= (bytes[at].to_ascii_lowercase() as u64) << (8 * at);
        at += 1;
    }
    key
}

/// The key of the folded word at `range` of `lower` (which has
/// [`KEY_LEN`] bytes of padding past the paragraph's end).
#[inline]
fn key_at(lower: &[u8], range: &Range<usize>) -> u64 {
    let eight: [u8; KEY_LEN] = lower
        .get(range.start..range.start + KEY_LEN)
        .and_then(|bytes| bytes.try_into().ok())
        .unwrap_or_default();
    let word = u64::from_le_bytes(eight);
    match range.len() {
        len if len >= KEY_LEN => word,
        len => word & ((1u64 << (8 * len)) - 1),
    }
}

/// Values looked up by word [`key`], for rules that start from a set of
/// words: a 1024-bit filter says "none of these" to nearly every word of
/// prose in a few instructions, before any hashing (the eggcorns' hundred
/// first words set one bit in ten).
#[derive(Debug, Default)]
pub struct KeyMap<V> {
    filter: [u64; 16],
    map: rustc_hash::FxHashMap<u64, V>,
}

impl<V> KeyMap<V> {
    /// The value under `key`, made with `V::default()` if there is none.
    pub fn entry(&mut self, key: u64) -> &mut V
    where
        V: Default,
    {
        let (slot, bit) = filter_bit(key);
        self.filter[slot] |= bit;
        self.map.entry(key).or_default()
    }

    /// The value under `key`, if any.
    #[inline]
    pub fn get(&self, key: u64) -> Option<&V> {
        let (slot, bit) = filter_bit(key);
        if self.filter[slot] & bit == 0 {
            return None;
        }
        self.map.get(&key)
    }
}

/// Which bit of a [`KeyMap`]'s filter `key` sets: the top byte of a
/// multiplicative hash.
#[inline]
fn filter_bit(key: u64) -> (usize, u64) {
    let hash = key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 54;
    ((hash >> 6) as usize, 1 << (hash & 63))
}

fn joins_word(c: char) -> bool {
    matches!(c, '\'' | '’' | '-')
}

/// The character starting at byte `at` (a char boundary) of `text`, and
/// its length; ASCII is answered without decoding.
pub(crate) fn char_at(text: &str, at: usize) -> Option<(char, usize)> {
    let byte = *text.as_bytes().get(at)?;
    if byte.is_ascii() {
        return Some((char::from(byte), 1));
    }
    let c = text[at..].chars().next()?;
    Some((c, c.len_utf8()))
}

impl<'a> Words<'a> {
    pub fn new(text: &'a str) -> Words<'a> {
        let bytes = text.as_bytes();
        // Prose has a word every five or six bytes: one allocation each.
        let mut words = Vec::with_capacity(bytes.len() / 5 + 1);
        let mut lower = String::with_capacity(text.len() + KEY_LEN);
        lower.push_str(text);
        lower.make_ascii_lowercase();
        lower.push_str("\0\0\0\0\0\0\0\0");
        let mut folded = String::new();
        let mut push = |range: Range<usize>, inner_curly: bool, in_dialogue: bool| {
            let (key, folded_range) = if inner_curly {
                let begin = folded.len();
                folded.push_str(&lower[range.clone()].replace('’', "'"));
                (key(&folded[begin..]), Some(begin..folded.len()))
            } else {
                (key_at(lower.as_bytes(), &range), None)
            };
            words.push(Word {
                text: &text[range.clone()],
                range,
                key,
                folded: folded_range,
                in_dialogue,
            });
        };
        let mut start: Option<usize> = None;
        // The word being read has a `’` inside (`don’t`).
        let mut inner_curly = false;
        let mut in_dialogue = false;
        let mut curly = false;
        let mut at = 0;
        while let Some(&byte) = bytes.get(at) {
            // Runs of ASCII letters and digits, the bulk of any text, first.
            if byte.is_ascii_alphanumeric() {
                start.get_or_insert(at);
                at += 1;
                while bytes.get(at).is_some_and(u8::is_ascii_alphanumeric) {
                    at += 1;
                }
                continue;
            }
            // Spaces, the other bulk, end a word and are nothing else.
            if byte == b' ' {
                if let Some(from) = start.take() {
                    push(from..at, inner_curly, in_dialogue);
                    inner_curly = false;
                }
                at += 1;
                continue;
            }
            let Some((c, width)) = char_at(text, at) else {
                break;
            };
            let next = at + width;
            if c.is_alphanumeric() {
                start.get_or_insert(at);
                at = next;
                continue;
            }
            let next_is_letter = || char_at(text, next).is_some_and(|(n, _)| n.is_alphanumeric());
            if start.is_some() && joins_word(c) && next_is_letter() {
                curly |= c == '’';
                inner_curly |= c == '’';
                at = next;
                continue;
            }
            if let Some(from) = start.take() {
                push(from..at, inner_curly, in_dialogue);
                inner_curly = false;
            }
            match c {
                '"' => in_dialogue = !in_dialogue,
                '“' => in_dialogue = true,
                '”' => in_dialogue = false,
                _ => {}
            }
            curly |= matches!(c, '’' | '“' | '”');
            at = next;
        }
        if let Some(from) = start {
            push(from..text.len(), inner_curly, in_dialogue);
        }
        Words {
            text,
            words,
            lower,
            folded,
            curly,
        }
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Word<'a>> {
        self.words.iter()
    }

    #[inline]
    pub fn get(&self, i: usize) -> Option<&Word<'a>> {
        self.words.get(i)
    }

    /// The word's text, or "" past the end.
    #[inline]
    pub fn text(&self, i: usize) -> &'a str {
        self.words.get(i).map_or("", |w| w.text)
    }

    /// Word `i` folded for comparison (ASCII letters in lower case, `’` as
    /// `'`), or "" past the end.
    #[inline]
    pub fn folded(&self, i: usize) -> &str {
        self.words.get(i).map_or("", |w| self.folded_word(w))
    }

    #[inline]
    fn folded_word<'w>(&'w self, word: &'w Word<'a>) -> &'w str {
        match &word.folded {
            Some(range) => &self.folded[range.clone()],
            None => &self.lower[word.range.clone()],
        }
    }

    /// Word `i`'s [`key`], or 0 (no word's key) past the end.
    #[inline]
    pub fn key(&self, i: usize) -> u64 {
        self.words.get(i).map_or(0, |w| w.key)
    }

    /// Whether word `i` is `target`, ignoring case and apostrophe style.
    /// Targets are written with `'`, as every rule's word lists are.
    #[inline]
    pub fn is(&self, i: usize, target: &str) -> bool {
        debug_assert!(!target.contains('’'), "write {target:?} with '");
        // Not by key: a target's key costs a loop unless the compiler
        // folds it, and word lists are searched with run-time targets.
        self.words
            .get(i)
            .is_some_and(|w| self.folded_word(w).eq_ignore_ascii_case(target))
    }

    /// The indexes of the words that are `target` (as [`Words::is`]), so
    /// that a rule that starts from one word visits only those.
    // Inline: without it every call of the filter would cross codegen
    // units, and the target's key would not be folded to a constant.
    #[inline]
    pub fn each<'s>(&'s self, target: &'s str) -> impl Iterator<Item = usize> + 's {
        let wanted = key(target);
        let long = target.len() >= KEY_LEN;
        self.words
            .iter()
            .enumerate()
            .filter(move |(_, w)| {
                w.key == wanted && (!long || self.folded_word(w).eq_ignore_ascii_case(target))
            })
            .map(|(i, _)| i)
    }

    /// Whether word `i` is one of `targets`.
    pub fn is_any(&self, i: usize, targets: &[&str]) -> bool {
        // The word is looked up once; a target of another length is then
        // ruled out by one comparison.
        let Some(word) = self.words.get(i) else {
            return false;
        };
        let folded = self.folded_word(word);
        targets.iter().any(|t| folded.eq_ignore_ascii_case(t))
    }

    /// The text between word `i - 1` (or the paragraph's start) and word `i`.
    pub fn gap_before(&self, i: usize) -> &'a str {
        let end = self.words.get(i).map_or(self.text.len(), |w| w.range.start);
        let start = match i.checked_sub(1).and_then(|p| self.words.get(p)) {
            Some(previous) => previous.range.end,
            None => 0,
        };
        self.text.get(start..end).unwrap_or("")
    }

    /// The text between word `i` and word `i + 1` (or the paragraph's end).
    pub fn gap_after(&self, i: usize) -> &'a str {
        self.gap_before(i + 1)
    }

    /// Whether words `i` and `i + 1` are next to each other with only
    /// spaces (or a hard wrap) between them: one phrase.
    pub fn joined(&self, i: usize) -> bool {
        i + 1 < self.words.len() && is_space(self.gap_after(i))
    }

    /// Whether the words from `i` on spell `phrase`, joined by spaces.
    pub fn phrase(&self, i: usize, phrase: &[&str]) -> bool {
        phrase
            .iter()
            .enumerate()
            .all(|(k, word)| self.is(i + k, word) && (k + 1 == phrase.len() || self.joined(i + k)))
    }

    /// Whether word `i` begins a sentence: the paragraph's first word, a
    /// word after `.`, `!`, `?` or `…` (closing quotes allowed between), or
    /// the first word inside an opening quote (`said, "your`).
    pub fn starts_sentence(&self, i: usize) -> bool {
        let gap = self.gap_before(i);
        let first = i == 0;
        let rest = gap.trim_end_matches(is_emphasis);
        let unquoted = rest.trim_end_matches(['"', '“', '‘', '\'', '(', '[']);
        if unquoted.len() < rest.len() && rest.len() == gap.len() {
            // A quote touching the word opens it when space, punctuation or
            // nothing comes before; `word"your` is a closing quote.
            return first || !unquoted.is_empty();
        }
        let core = gap.trim_end_matches(|c: char| {
            is_emphasis(c) || matches!(c, '"' | '”' | '’' | '\'' | ')' | ']' | '“' | '‘')
        });
        (core.is_empty() && first) || core.ends_with(['.', '!', '?', '…'])
    }

    /// The first character after word `i`, past emphasis marks; `None` at
    /// the paragraph's end, a space when another word follows.
    pub fn next_char(&self, i: usize) -> Option<char> {
        self.gap_after(i)
            .trim_start_matches(['*', '_'])
            .chars()
            .next()
    }

    /// `replacement` (written with `'`) in the paragraph's apostrophe style:
    /// `’` if it writes curly apostrophes or quotes.
    pub fn with_apostrophe(&self, replacement: &str) -> String {
        if self.curly {
            replacement.replace('\'', "’")
        } else {
            replacement.to_string()
        }
    }

    /// Whether word `i` is cut off by a dash (`make i-`, `Im-...pure`):
    /// an interrupted word, not the word it looks like.
    pub fn cut_off(&self, i: usize) -> bool {
        self.gap_after(i).starts_with(['-', '–', '—'])
    }

    /// Whether word `i` ends its sentence (`.`, `!`, `?`, `…` or the
    /// paragraph's end follow it).
    pub fn ends_sentence(&self, i: usize) -> bool {
        match self.next_char(i) {
            None => true,
            Some(c) => matches!(c, '.' | '!' | '?' | '…'),
        }
    }
}

fn is_emphasis(c: char) -> bool {
    c.is_whitespace() || c == '*' || c == '_'
}

/// Only spaces and at most a line break: the words belong to one phrase.
pub fn is_space(gap: &str) -> bool {
    !gap.is_empty() && gap.chars().all(|c| c == ' ' || c == '\n' || c == '\t')
}

/// `a` and `b` are the same word, ignoring case and `’` versus `'`.
pub fn same_word(a: &str, b: &str) -> bool {
    // The common case answers without decoding characters: the same bytes up
    // to ASCII case, or (with no `’` to normalise) certainly different.
    if a.eq_ignore_ascii_case(b) {
        return true;
    }
    // `’` is three bytes and `'` one, so only a byte-length difference that
    // is a multiple of two can hide a match; 0xE2 starts every `’`.
    let curly = |s: &str| s.as_bytes().contains(&0xE2);
    if a.len().abs_diff(b.len()) % 2 == 1 || (!curly(a) && !curly(b)) {
        return false;
    }
    let norm = |c: char| {
        if c == '’' {
            '\''
        } else {
            c.to_ascii_lowercase()
        }
    };
    a.chars().map(norm).eq(b.chars().map(norm))
}

/// Whether every letter of `word` is lower case.
pub fn is_lowercase(word: &str) -> bool {
    !word.chars().any(char::is_uppercase)
}

/// Whether `word` has more than one letter and all are upper case.
pub fn is_shouted(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() > 1 && !word.chars().any(char::is_lowercase)
}

/// `replacement` written in the case of `original`: `YOUR` → `YOU'RE`,
/// `Your` → `You're`, `your` → `you're`. A replacement that starts with
/// a capital (`I'm`) keeps it.
pub fn with_case_of(original: &str, replacement: &str) -> String {
    if is_shouted(original) {
        return replacement.to_uppercase();
    }
    if original.chars().next().is_some_and(char::is_uppercase) {
        let mut chars = replacement.chars();
        return match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => String::new(),
        };
    }
    replacement.to_string()
}

/// A diagnostic saying `message` whose fix writes `replacement` over
/// `range`; with `applicability` `None` it is reported with no fix.
pub fn suggestion(
    code: &'static str,
    range: Range<usize>,
    replacement: String,
    message: String,
    applicability: Option<Applicability>,
) -> Diagnostic {
    Diagnostic {
        code,
        message,
        range: range.clone(),
        fix: applicability.map(|applicability| Fix {
            edits: vec![Edit { range, replacement }],
            applicability,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::{KeyMap, Words, key, same_word, with_case_of};

    #[test]
    fn words_keep_inner_apostrophes_and_hyphens() {
        let words = Words::new("'em don't goin' so-called I-I -- end");
        let texts: Vec<&str> = words.iter().map(|w| w.text).collect();
        assert_eq!(texts, ["em", "don't", "goin", "so-called", "I-I", "end"]);
    }

    #[test]
    fn sentence_starts() {
        let words = Words::new("Your go. your \"your x\" your, \"your said,\"your *your*");
        let starts: Vec<bool> = (0..words.len()).map(|i| words.starts_sentence(i)).collect();
        assert_eq!(
            starts,
            [
                true, false, true, true, false, false, true, false, true, false
            ]
        );
    }

    #[test]
    fn dialogue_is_tracked() {
        let words = Words::new("He said “Were late” and \"we ran\" off.");
        let inside: Vec<bool> = words.iter().map(|w| w.in_dialogue).collect();
        assert_eq!(inside, [false, false, true, true, false, true, true, false]);
    }

    #[test]
    fn case_is_kept() {
        assert_eq!(with_case_of("YOUR", "you're"), "YOU'RE");
        assert_eq!(with_case_of("Your", "you're"), "You're");
        assert_eq!(with_case_of("your", "you're"), "you're");
        assert_eq!(with_case_of("im", "I'm"), "I'm");
        assert!(same_word("It’s", "it's"));
    }

    #[test]
    fn folded_forms() {
        let words = Words::new("Don’t go, said ÉLAN and élan");
        let folded: Vec<&str> = (0..words.len()).map(|i| words.folded(i)).collect();
        assert_eq!(folded, ["don't", "go", "said", "Élan", "and", "élan"]);
        assert!(words.is(0, "don't") && words.is(3, "Élan") && !words.is(3, "élan"));
    }

    #[test]
    fn keys_name_folded_words() {
        let words = Words::new("Don’t SHOULDNT shouldnts to To toe");
        assert_eq!(words.key(0), key("don't"));
        assert_eq!(words.key(1), key("shouldnt"));
        // A whole key long: the key is shared, `is` tells them apart.
        assert_eq!(words.key(2), key("shouldnt"));
        assert!(words.is(1, "shouldnt") && !words.is(2, "shouldnt"));
        assert_eq!(words.each("to").collect::<Vec<_>>(), [3, 4]);
        let mut map: KeyMap<Vec<usize>> = KeyMap::default();
        map.entry(key("toe")).push(7);
        assert_eq!(map.get(words.key(5)), Some(&vec![7]));
        assert_eq!(map.get(words.key(3)), None);
    }
}
