//! A paragraph as a sequence of words, and the questions word rules ask
//! about a word's surroundings: is it the first word of a sentence, is it
//! inside dialogue, does punctuation follow it.
//!
//! Shared by the confused-word, apostrophe and capitalisation rules. Every
//! question looks only at the word and the gaps next to it, so a rule that
//! asks a fixed number of them per word stays linear on any paragraph.

use std::cell::OnceCell;
use std::ops::Range;

use crate::rules::{Applicability, Diagnostic, Edit, Fix};

use super::index::{STARTS, WordIndex};
pub(crate) use super::keys::ascii_lowercase_u64;
use super::keys::{KEY_LEN, curly_key};
pub use super::keys::{KeyMap, key};

/// A word: a run of letters and digits, with apostrophes and hyphens kept
/// when a letter follows them (`don't`, `so-called`, `I-I`), never when
/// they lead or trail (`'em`, `goin'` are `em`, `goin`).
///
/// Stored as offsets into its paragraph, not as a slice of it: prose has a
/// word every five or six bytes, so a word's size decides the memory of
/// cutting a paragraph (24 bytes, half of a slice and a range) and much of
/// the time. Rules read it as a [`WordView`].
#[derive(Debug, Clone, Copy)]
pub struct Word {
    /// The first bytes of the folded form, see [`key`]: comparing it
    /// answers "is this `your`?" in one instruction for short targets.
    key: u64,
    /// Byte offsets into the paragraph (see [`Words::new`] for paragraphs
    /// past `u32::MAX`).
    start: u32,
    end: u32,
    /// What the word is made of: [`LOWER`], [`UPPER`], [`DIGIT`],
    /// [`OTHER`] and [`CURLY`] bits, collected while it is cut out, so
    /// that rules need not scan it again.
    shape: u8,
    /// Inside double quotes, counted from the paragraph's start.
    in_dialogue: bool,
}

impl Word {
    #[inline]
    fn range(&self) -> Range<usize> {
        // Lossless: `usize` is at least 32 bits wherever ficpress builds.
        self.start as usize..self.end as usize
    }

    #[inline]
    fn len(&self) -> usize {
        (self.end - self.start) as usize
    }
}

/// A word as rules read it: the [`Word`] with the paragraph it is cut
/// from, made on the fly by [`Words::get`] and [`Words::iter`].
#[derive(Debug, Clone, Copy)]
pub struct WordView<'a> {
    paragraph: &'a str,
    word: Word,
}

impl<'a> WordView<'a> {
    /// The word's text.
    #[inline]
    pub fn text(&self) -> &'a str {
        self.paragraph.get(self.word.range()).unwrap_or("")
    }

    /// The word's length in bytes, known without reading its text.
    #[inline]
    pub fn len(&self) -> usize {
        self.word.len()
    }

    /// Where the word is in its paragraph, in bytes.
    #[inline]
    pub fn range(&self) -> Range<usize> {
        self.word.range()
    }

    /// Whether the word is inside double quotes, counted from the
    /// paragraph's start.
    #[inline]
    pub fn in_dialogue(&self) -> bool {
        self.word.in_dialogue
    }

    /// The word's [`key`], as [`Words::key`] gives it.
    #[inline]
    pub fn key(&self) -> u64 {
        self.word.key
    }

    /// Whether the word is ASCII letters only (`Comming`, not `don't`,
    /// `x2` or `café`).
    #[inline]
    pub fn is_ascii_letters(&self) -> bool {
        self.word.shape & !(LOWER | UPPER) == 0
    }
}

/// [`Word::shape`] bits: an ASCII lower-case letter, upper-case letter or
/// digit; anything else (`'`, `-`, a non-ASCII letter); a `’` inside.
/// (Those of ASCII letters and digits are also their [`BYTE_CLASS`].)
const LOWER: u8 = 1;
const UPPER: u8 = 2;
const DIGIT: u8 = 4;
const OTHER: u8 = 8;
const CURLY: u8 = 16;

/// What a byte is to the word scanner: for an ASCII letter or digit its
/// [`Word::shape`] bit; [`NOTABLE`] for `"` and every byte of a non-ASCII
/// character, which need a closer look; 0 for the rest (spaces and ASCII
/// punctuation), which only end a word. One load per byte sorts the bulk
/// of any text.
static BYTE_CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        table[byte] = if b.is_ascii_lowercase() {
            LOWER
        } else if b.is_ascii_uppercase() {
            UPPER
        } else if b.is_ascii_digit() {
            DIGIT
        } else if b == b'"' || !b.is_ascii() {
            NOTABLE
        } else {
            0
        };
        byte += 1;
    }
    table
};

/// [`BYTE_CLASS`] of a byte that is neither a word's letter nor a plain
/// gap byte.
const NOTABLE: u8 = 128;

/// The [`BYTE_CLASS`] bits of ASCII letters and digits.
const ALNUM: u8 = LOWER | UPPER | DIGIT;

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

/// The key of the word at `range` of `text`, which has the
/// [`Word::shape`] `shape`. Most words are no longer than a key and
/// have no `’`: their key is one load of eight bytes of `text`, the bytes
/// past the word masked off, lower-cased eight at a time only if the
/// word has a capital. Only a word near the paragraph's end is copied,
/// and only one with a `’` is sliced out as a `str`.
#[inline]
fn word_key(text: &str, range: Range<usize>, shape: u8) -> u64 {
    if shape & CURLY != 0 {
        return text.get(range).map_or(0, curly_key);
    }
    let rest = text.as_bytes().get(range.start..).unwrap_or_default();
    let eight = match rest.first_chunk() {
        Some(eight) => u64::from_le_bytes(*eight),
        None => {
            // Bytes past the word are masked off below.
            let mut eight = [0u8; KEY_LEN];
            for (to, from) in eight.iter_mut().zip(rest) {
                *to = *from;
            }
            u64::from_le_bytes(eight)
        }
    };
    // Words are never empty: the shift is below 64.
    let masked = match range.len() {
        len @ 1..KEY_LEN => eight & (u64::MAX >> (8 * (KEY_LEN - len))),
        _ => eight,
    };
    if shape & UPPER == 0 {
        masked
    } else {
        ascii_lowercase_u64(masked)
    }
}

/// The character starting at byte `at` (a char boundary) of `text`, and
/// its length; ASCII is answered without decoding.
pub(crate) fn char_at(text: &str, at: usize) -> Option<(char, usize)> {
    let byte = *text.as_bytes().get(at)?;
    if byte.is_ascii() {
        return Some((char::from(byte), 1));
    }
    let c = text.get(at..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

/// The end of the run of ASCII letters and digits at byte `at` of
/// `bytes`, and the [`Word::shape`] bits of its bytes. The bulk of any
/// text, so a function of its own: inlined, its loop competed with the
/// scanner's for registers and kept its counters in memory.
#[inline(never)]
fn ascii_run(bytes: &[u8], mut at: usize) -> (usize, u8) {
    let mut shape = 0;
    while let Some(&byte) = bytes.get(at) {
        let class = BYTE_CLASS[usize::from(byte)];
        if class & ALNUM == 0 {
            break;
        }
        shape |= class;
        at += 1;
    }
    (at, shape)
}

/// Whether a letter or digit starts at byte `at` of `text`.
#[inline]
fn alphanumeric_at(text: &str, at: usize) -> bool {
    char_at(text, at).is_some_and(|(c, _)| is_alphanumeric(c))
}

/// `c.is_alphanumeric()`, answered at once for General Punctuation
/// (U+2000 to U+206F: curly quotes, dashes, `…`), the bulk of the
/// non-ASCII characters of stories, which the Unicode tables answer
/// slowly (some 350 instructions each). (A test checks that the block
/// holds no letter or digit.)
#[inline]
pub(crate) fn is_alphanumeric(c: char) -> bool {
    !('\u{2000}'..='\u{206F}').contains(&c) && c.is_alphanumeric()
}

/// `c.is_alphabetic()`, answered at once for General Punctuation, as
/// [`is_alphanumeric`].
#[inline]
pub(crate) fn is_alphabetic(c: char) -> bool {
    !('\u{2000}'..='\u{206F}').contains(&c) && c.is_alphabetic()
}

impl<'a> Words<'a> {
    /// Cut `text` into words. One pass: a gap (spaces and punctuation,
    /// where only quotes matter) then a word (ASCII letters and digits a
    /// table load each; anything else is decoded), until the end.
    ///
    /// Words keep `u32` offsets, so on a paragraph of 4 GiB or more the
    /// words stop at the last one that ends by byte `u32::MAX`; the text
    /// past it is left as it is (its words would need some 35 GB anyway).
    pub fn new(text: &'a str) -> Words<'a> {
        Words::cut(text, u32::MAX)
    }

    /// [`Words::new`], with the words stopping at the last one that ends
    /// by byte `limit`.
    fn cut(text: &'a str, limit: u32) -> Words<'a> {
        let bytes = text.as_bytes();
        // Prose has a word every five or six bytes: one allocation each.
        let cut_len = bytes.len().min(limit as usize);
        let mut words = Vec::with_capacity(cut_len / 5 + 1);
        let starts = &*STARTS;
        let mut index = WordIndex::with_capacity(cut_len / 16 + 1);
        let mut in_dialogue = false;
        let mut curly = false;
        let mut at = 0;
        'words: loop {
            // The gap: skip to the next letter or digit.
            let start = loop {
                let Some(&byte) = bytes.get(at) else {
                    break 'words;
                };
                let class = BYTE_CLASS[usize::from(byte)];
                if class == 0 {
                    at += 1;
                    continue;
                }
                if class & ALNUM != 0 {
                    break at;
                }
                if byte == b'"' {
                    in_dialogue = !in_dialogue;
                    at += 1;
                    continue;
                }
                let Some((c, width)) = char_at(text, at) else {
                    break 'words;
                };
                if is_alphanumeric(c) {
                    break at;
                }
                match c {
                    '“' => in_dialogue = true,
                    '”' => in_dialogue = false,
                    _ => {}
                }
                curly |= matches!(c, '’' | '“' | '”');
                at += width;
            };
            // The word: runs of ASCII letters and digits, joined by other
            // letters and by `'`, `’` or `-` before a letter or digit.
            let mut shape = 0;
            loop {
                let (end, run_shape) = ascii_run(bytes, at);
                shape |= run_shape;
                at = end;
                let Some(&byte) = bytes.get(at) else {
                    break;
                };
                if byte.is_ascii() {
                    if (byte == b'\'' || byte == b'-') && alphanumeric_at(text, at + 1) {
                        shape |= OTHER;
                        at += 1;
                        continue;
                    }
                    break;
                }
                let Some((c, width)) = char_at(text, at) else {
                    break;
                };
                if is_alphanumeric(c) {
                    shape |= OTHER;
                } else if c == '’' && alphanumeric_at(text, at + width) {
                    shape |= OTHER | CURLY;
                    curly = true;
                } else {
                    break;
                }
                at += width;
            }
            // Both offsets fit in a `u32` once the end is within `limit`.
            if at > limit as usize {
                break;
            }
            let key = word_key(text, start..at, shape);
            index.note(starts, key, words.len());
            words.push(Word {
                key,
                start: start as u32,
                end: at as u32,
                shape,
                in_dialogue,
            });
        }
        Words {
            text,
            words,
            lower: OnceCell::new(),
            curly,
            index,
        }
    }

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
    use super::{KeyMap, Word, Words, ascii_lowercase_u64, key, same_word, with_case_of};

    #[test]
    fn words_keep_inner_apostrophes_and_hyphens() {
        let words = Words::new("'em don't goin' so-called I-I -- end");
        let texts: Vec<&str> = words.iter().map(|w| w.text()).collect();
        assert_eq!(texts, ["em", "don't", "goin", "so-called", "I-I", "end"]);
    }

    #[test]
    fn a_word_takes_24_bytes() {
        assert!(size_of::<Word>() <= 24, "{}", size_of::<Word>());
    }

    /// The cut-off that keeps offsets within `u32` on a paragraph of 4 GiB
    /// or more, tried with small limits: the words stop at the last one
    /// that ends by the limit, each as [`Words::new`] cuts it.
    #[test]
    fn words_stop_at_the_offset_limit() {
        let text = "One “two naïve” three";
        let all = Words::new(text);
        let texts =
            |limit| -> Vec<&str> { Words::cut(text, limit).iter().map(|w| w.text()).collect() };
        assert_eq!(texts(u32::MAX), ["One", "two", "naïve", "three"]);
        assert_eq!(texts(26), ["One", "two", "naïve", "three"]);
        assert_eq!(texts(25), ["One", "two", "naïve"]);
        // A limit inside `naïve`'s two-byte `ï`.
        assert_eq!(texts(14), ["One", "two"]);
        assert_eq!(texts(2), [] as [&str; 0]);
        let cut = Words::cut(text, 19);
        for i in 0..all.len() {
            let (a, b) = (all.get(i).unwrap(), cut.get(i));
            if i < 3 {
                let b = b.unwrap();
                assert_eq!(
                    (a.range(), a.key(), a.in_dialogue()),
                    (b.range(), b.key(), b.in_dialogue())
                );
            } else {
                assert!(b.is_none());
            }
        }
        // The text past the last word is still the paragraph's.
        assert_eq!(cut.gap_after(2), "” three");
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
        let inside: Vec<bool> = words.iter().map(|w| w.in_dialogue()).collect();
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

    /// The eight-at-a-time lower-casing is `to_ascii_lowercase` on every
    /// byte, in every position and next to every other byte.
    #[test]
    fn lowercasing_eight_bytes_at_once_is_bytewise() {
        for byte in 0..=255u8 {
            for other in [
                0u8, b'@', b'A', b'Z', b'[', b'a', 0x7F, 0x80, 0xC1, 0xDA, 0xFF,
            ] {
                let mut eight = [other; 8];
                eight[usize::from(byte % 8)] = byte;
                let expected = eight.map(|b| b.to_ascii_lowercase());
                let folded = ascii_lowercase_u64(u64::from_le_bytes(eight));
                assert_eq!(folded.to_le_bytes(), expected, "{eight:?}");
            }
        }
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
    fn general_punctuation_holds_no_letter_or_digit() {
        let block = (0x2000..=0x206F).filter_map(char::from_u32);
        assert!(block.clone().all(|c| !c.is_alphanumeric()));
        assert!(block.clone().all(|c| !super::is_alphanumeric(c)));
        assert!(block.clone().all(|c| !super::is_alphabetic(c)));
        assert!(super::is_alphanumeric('é') && !super::is_alphanumeric('’'));
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
