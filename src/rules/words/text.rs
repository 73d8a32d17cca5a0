//! A paragraph as a sequence of words, and the questions word rules ask
//! about a word's surroundings: is it the first word of a sentence, is it
//! inside dialogue, does punctuation follow it.
//!
//! Shared by the confused-word, apostrophe and capitalisation rules. Every
//! question looks only at the word and the gaps next to it, so a rule that
//! asks a fixed number of them per word stays linear on any paragraph.

mod cut;

use std::cell::OnceCell;
use std::ops::Range;

use crate::rules::{Applicability, Diagnostic, Edit, Fix};

use cut::{CURLY, UPPER};
pub use cut::{Word, WordView};
pub(crate) use cut::{char_at, is_alphabetic, is_alphanumeric};

use super::index::WordIndex;
use super::keys::KEY_LEN;
pub use super::keys::{KeyMap, key};

/// The words of one paragraph, with the text around them.
#[derive(Debug, Clone)]
pub struct Words<'a> {
    text: &'a str,
    words: Vec<Word>,
    /// The paragraph with ASCII letters in lower case and each word with a
    /// `’` inside folded in place (`don’t` as `don't`, padded with spaces
    /// to its length), made at the first [`Words::folded`] that needs it:
    /// most words are their own folded form, and most paragraphs never
    /// ask for another.
    lower: OnceCell<String>,
    /// The paragraph writes curly quotes or apostrophes.
    curly: bool,
    /// The words rules start from, noted as the words are cut.
    index: WordIndex,
}

impl<'a> Words<'a> {
    /// The words rules start from (see [`WordIndex`]).
    #[inline]
    pub fn index(&self) -> &WordIndex {
        &self.index
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = WordView<'a>> + '_ {
        self.words.iter().map(|&word| self.view(word))
    }

    #[inline]
    pub fn get(&self, i: usize) -> Option<WordView<'a>> {
        self.words.get(i).map(|&word| self.view(word))
    }

    #[inline]
    fn view(&self, word: Word) -> WordView<'a> {
        WordView {
            paragraph: self.text,
            word,
        }
    }

    /// Word `i`'s text, or "" past the end.
    #[inline]
    pub fn text(&self, i: usize) -> &'a str {
        self.words.get(i).map_or("", |&w| self.word_text(w))
    }

    #[inline]
    fn word_text(&self, word: Word) -> &'a str {
        self.view(word).text()
    }

    /// Word `i` folded for comparison (ASCII letters in lower case, `’` as
    /// `'`), or "" past the end.
    #[inline]
    pub fn folded(&self, i: usize) -> &str {
        self.words.get(i).map_or("", |w| self.folded_word(w))
    }

    fn folded_word(&self, word: &Word) -> &str {
        if word.shape & (UPPER | CURLY) == 0 {
            return self.word_text(*word);
        }
        // `’` is three bytes, `'` one.
        let curlies = if word.shape & CURLY == 0 {
            0
        } else {
            self.word_text(*word).matches('’').count()
        };
        let range = word.range();
        let end = range.end - 2 * curlies;
        self.lower().get(range.start..end).unwrap_or("")
    }

    /// [`Words::lower`], made on first use.
    fn lower(&self) -> &str {
        self.lower.get_or_init(|| {
            let mut lower = self.text.to_ascii_lowercase();
            for word in self.words.iter().filter(|w| w.shape & CURLY != 0) {
                let range = word.range();
                let mut folded = lower[range.clone()].replace('’', "'");
                let padding = range.len() - folded.len();
                folded.extend(std::iter::repeat_n(' ', padding));
                lower.replace_range(range, &folded);
            }
            lower
        })
    }

    /// What word `w` is compared by, ignoring ASCII case: its text, or its
    /// folded form if it has a `’` inside.
    #[inline]
    fn comparable(&self, word: &Word) -> &str {
        if word.shape & CURLY == 0 {
            self.word_text(*word)
        } else {
            self.folded_word(word)
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
            .is_some_and(|w| self.comparable(w).eq_ignore_ascii_case(target))
    }

    /// Whether word `i` is `target`, whose [`key`] is `target_key`: by key
    /// alone when `target` is shorter than a key, as a table whose keys
    /// are made once can ask.
    #[inline]
    pub fn is_keyed(&self, i: usize, target_key: u64, target: &str) -> bool {
        debug_assert_eq!(target_key, key(target));
        self.key(i) == target_key && (target.len() < KEY_LEN || self.is(i, target))
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
                w.key == wanted && (!long || self.comparable(w).eq_ignore_ascii_case(target))
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
        let folded = self.comparable(word);
        targets.iter().any(|t| folded.eq_ignore_ascii_case(t))
    }

    /// The text between word `i - 1` (or the paragraph's start) and word `i`.
    pub fn gap_before(&self, i: usize) -> &'a str {
        let end = self
            .words
            .get(i)
            .map_or(self.text.len(), |w| w.range().start);
        let start = match i.checked_sub(1).and_then(|p| self.words.get(p)) {
            Some(previous) => previous.range().end,
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
    #[inline]
    pub fn joined(&self, i: usize) -> bool {
        let (Some(word), Some(next)) = (self.words.get(i), self.words.get(i + 1)) else {
            return false;
        };
        self.text
            .get(word.range().end..next.range().start)
            .is_some_and(is_space)
    }

    /// Whether word `i` comes right after one of `targets`, in the same
    /// phrase (`loose` in `came loose`, `might` in `the might`).
    pub fn follows_any(&self, i: usize, targets: &[&str]) -> bool {
        i.checked_sub(1)
            .is_some_and(|p| self.joined(p) && self.is_any(p, targets))
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
    /// the paragraph's end, a space when another word follows, and the
    /// next word's first letter when only marks stand between them
    /// (`hard_core`, `late*really`): no sentence ends there.
    pub fn next_char(&self, i: usize) -> Option<char> {
        let after_marks = self.gap_after(i).trim_start_matches(['*', '_']);
        after_marks
            .chars()
            .next()
            .or_else(|| self.text(i + 1).chars().next())
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

    /// Whether word `i` ends its clause: [`Words::ends_sentence`], or `,`,
    /// `;` or `:` follow it.
    pub fn ends_clause(&self, i: usize) -> bool {
        self.ends_sentence(i) || matches!(self.next_char(i), Some(',' | ';' | ':'))
    }
}

fn is_emphasis(c: char) -> bool {
    c.is_whitespace() || c == '*' || c == '_'
}

/// Only spaces and at most a line break: the words belong to one phrase.
pub fn is_space(gap: &str) -> bool {
    // By bytes: the spaces it accepts are ASCII, and every byte of any
    // other character is not.
    !gap.is_empty() && gap.bytes().all(|b| matches!(b, b' ' | b'\n' | b'\t'))
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

    /// Every word's key is `key` of its folded form, near the paragraph's
    /// end too, and `folded` gives that form.
    #[test]
    fn keys_and_folded_forms_agree() {
        let text = "Hello, WORLD’s x2 Don’t-stop O’Neill’s naïve É t’ ab’c QUITE-LONG-WORD’S";
        let words = Words::new(text);
        for i in 0..words.len() {
            let folded = words.text(i).to_ascii_lowercase().replace('’', "'");
            assert_eq!(words.folded(i), folded);
            assert_eq!(words.key(i), key(&folded), "{folded}");
            assert!(words.is(i, &folded));
        }
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
