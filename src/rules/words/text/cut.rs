//! Cutting a paragraph into words: one pass over its bytes that finds each
//! word, its key and shape and whether it is inside dialogue, and notes the
//! words rules start from.

use std::cell::OnceCell;
use std::ops::Range;

use super::super::index::{STARTS, WordIndex};
use super::super::keys::{KEY_LEN, ascii_lowercase_u64, curly_key};
use super::Words;

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
    pub(super) key: u64,
    /// Byte offsets into the paragraph (see [`Words::new`] for paragraphs
    /// past `u32::MAX`).
    pub(super) start: u32,
    pub(super) end: u32,
    /// What the word is made of: [`LOWER`], [`UPPER`], [`DIGIT`],
    /// [`OTHER`] and [`CURLY`] bits, collected while it is cut out, so
    /// that rules need not scan it again.
    pub(super) shape: u8,
    /// Inside double quotes, counted from the paragraph's start.
    pub(super) in_dialogue: bool,
}

impl Word {
    #[inline]
    pub(super) fn range(&self) -> Range<usize> {
        // Lossless: `usize` is at least 32 bits wherever ficpress builds.
        self.start as usize..self.end as usize
    }

    #[inline]
    pub(super) fn len(&self) -> usize {
        (self.end - self.start) as usize
    }
}

/// A word as rules read it: the [`Word`] with the paragraph it is cut
/// from, made on the fly by [`Words::get`] and [`Words::iter`].
#[derive(Debug, Clone, Copy)]
pub struct WordView<'a> {
    pub(super) paragraph: &'a str,
    pub(super) word: Word,
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
pub(super) const LOWER: u8 = 1;
pub(super) const UPPER: u8 = 2;
pub(super) const DIGIT: u8 = 4;
pub(super) const OTHER: u8 = 8;
pub(super) const CURLY: u8 = 16;

/// What a byte is to the word scanner: for an ASCII letter or digit its
/// [`Word::shape`] bit; [`QUOTE`] for `"`; [`JOINER`] for `'` and `-`,
/// which may join two runs into a word; [`NOTABLE`] for every byte of a
/// non-ASCII character, which needs a closer look; 0 for the rest (spaces
/// and ASCII punctuation), which only end a word. One load per byte sorts
/// the bulk of any text.
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
        } else if b == b'"' {
            QUOTE
        } else if b == b'\'' || b == b'-' {
            JOINER
        } else if !b.is_ascii() {
            NOTABLE
        } else {
            0
        };
        byte += 1;
    }
    table
};

/// [`BYTE_CLASS`] of a byte of a non-ASCII character.
const NOTABLE: u8 = 128;

/// [`BYTE_CLASS`] of `"`, which starts or ends dialogue.
const QUOTE: u8 = 64;

/// [`BYTE_CLASS`] of `'` and `-`, which join two runs into a word when a
/// letter or digit follows them, and are gap bytes otherwise.
const JOINER: u8 = 32;

/// The [`BYTE_CLASS`] bits of ASCII letters and digits.
const ALNUM: u8 = LOWER | UPPER | DIGIT;

/// The key of the word from byte `start` to `end` of `text`, which has
/// the [`Word::shape`] `shape`. Most words are no longer than a key and
/// have no `’`: their key is one load of eight bytes of `text`, the bytes
/// past the word masked off, lower-cased eight at a time only if the
/// word has a capital. Only a word near the paragraph's end is copied,
/// and only one with a `’` is sliced out as a `str`.
#[inline]
fn word_key(text: &str, start: usize, end: usize, shape: u8) -> u64 {
    if shape & CURLY != 0 {
        return text.get(start..end).map_or(0, curly_key);
    }
    let bytes = text.as_bytes();
    let eight = match bytes.get(start..).and_then(|rest| rest.first_chunk()) {
        Some(eight) => u64::from_le_bytes(*eight),
        None => {
            // Bytes past the word are masked off below.
            let mut eight = [0u8; KEY_LEN];
            for (to, from) in eight.iter_mut().zip(bytes.get(start..).unwrap_or_default()) {
                *to = *from;
            }
            u64::from_le_bytes(eight)
        }
    };
    let masked = eight & KEY_MASKS[(end - start).min(KEY_LEN)];
    if shape & UPPER == 0 {
        masked
    } else {
        ascii_lowercase_u64(masked)
    }
}

/// The mask of a word's first `n` bytes in its eight-byte load, at `n`
/// (one load where a shift by the length took a few more instructions).
static KEY_MASKS: [u64; KEY_LEN + 1] = {
    let mut masks = [u64::MAX; KEY_LEN + 1];
    let mut n = 0;
    while n < KEY_LEN {
        masks[n] = (1 << (8 * n)) - 1;
        n += 1;
    }
    masks
};

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
/// `bytes`, the [`Word::shape`] bits of its bytes, and the [`BYTE_CLASS`]
/// of the byte that ends it (0 at the end of `bytes`). The bulk of any
/// text: most runs end within eight bytes, which are tested with no check
/// for the end of `bytes`. Inlined into the scanner, whose loop keeps its
/// counters in registers now that the rare rest of a word ([`word_rest`])
/// is out of it: some 12 instructions a word less than a call.
#[inline(always)]
fn ascii_run(bytes: &[u8], mut at: usize) -> (usize, u8, u8) {
    let mut shape = 0;
    if let Some(eight) = bytes.get(at..).and_then(|rest| rest.first_chunk::<8>()) {
        for (i, &byte) in eight.iter().enumerate() {
            let class = BYTE_CLASS[usize::from(byte)];
            if class & ALNUM == 0 {
                return (at + i, shape, class);
            }
            shape |= class;
        }
        at += 8;
    }
    while let Some(&byte) = bytes.get(at) {
        let class = BYTE_CLASS[usize::from(byte)];
        if class & ALNUM == 0 {
            return (at, shape, class);
        }
        shape |= class;
        at += 1;
    }
    (at, shape, 0)
}

/// The end and [`Word::shape`] of a word whose first run of ASCII letters
/// and digits, with the shape `shape`, ends at byte `at` of `text`: more
/// runs, joined by other letters and by `'`, `’` or `-` before a letter or
/// digit. Rare (`don't`, `so-called`, `naïve`), so kept out of the
/// scanner's loop.
#[inline(never)]
fn word_rest(text: &str, mut at: usize, mut shape: u8) -> (usize, u8) {
    let bytes = text.as_bytes();
    while let Some(&byte) = bytes.get(at) {
        let width = if byte.is_ascii() {
            if !matches!(byte, b'\'' | b'-') || !alphanumeric_at(text, at + 1) {
                break;
            }
            shape |= OTHER;
            1
        } else {
            let Some((c, width)) = char_at(text, at) else {
                break;
            };
            if is_alphanumeric(c) {
                shape |= OTHER;
            } else if c == '’' && alphanumeric_at(text, at + width) {
                shape |= OTHER | CURLY;
            } else {
                break;
            }
            width
        };
        let (end, run_shape, _) = ascii_run(bytes, at + width);
        shape |= run_shape;
        at = end;
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
                if class & !JOINER == 0 {
                    at += 1;
                    continue;
                }
                if class & ALNUM != 0 {
                    break at;
                }
                if class == QUOTE {
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
            // The word: a run of ASCII letters and digits, rarely going on
            // past it (see `word_rest`).
            let (mut end, mut shape, stop) = ascii_run(bytes, start);
            if stop & (JOINER | NOTABLE) != 0 {
                (end, shape) = word_rest(text, end, shape);
                curly |= shape & CURLY != 0;
            }
            at = end;
            // Both offsets fit in a `u32` once the end is within `limit`.
            if at > limit as usize {
                break;
            }
            let key = word_key(text, start, at, shape);
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
}

#[cfg(test)]
mod tests {
    use super::{Word, Words, ascii_lowercase_u64, curly_key};

    #[test]
    fn words_keep_inner_apostrophes_and_hyphens() {
        let words = Words::new("'em don't goin' so-called I-I -- end");
        let texts: Vec<&str> = words.iter().map(|w| w.text()).collect();
        assert_eq!(texts, ["em", "don't", "goin", "so-called", "I-I", "end"]);
    }

    /// Every prefix of a text with runs of all lengths, joiners and
    /// non-ASCII letters is cut as a plain walk over its characters cuts
    /// it, with the keys of [`curly_key`]: the scanner's eight-byte first
    /// runs, its words at the paragraph's end and its rare rests agree.
    #[test]
    fn words_match_a_walk_over_characters() {
        let text = "a Bb ccc dDdd eeeee ffffff Ggggggg hhhhhhhh iiiiiiiii x2 \
                    don't so-called I-I -- 'em goin' naïve café’s it’s ’tis \"quoted\" \
                    “curly” Überhaupt ABCDEFGHIJ end-";
        for end in (0..=text.len()).filter(|&end| text.is_char_boundary(end)) {
            let prefix = &text[..end];
            let chars: Vec<char> = prefix.chars().collect();
            let mut expected = Vec::new();
            let mut word = String::new();
            for (i, &c) in chars.iter().enumerate() {
                let next_alphanumeric = chars.get(i + 1).is_some_and(|c| c.is_alphanumeric());
                if c.is_alphanumeric()
                    || (!word.is_empty() && matches!(c, '\'' | '-' | '’') && next_alphanumeric)
                {
                    word.push(c);
                } else if !word.is_empty() {
                    expected.push(std::mem::take(&mut word));
                }
            }
            expected.extend((!word.is_empty()).then_some(word));
            let words = Words::new(prefix);
            let texts: Vec<&str> = words.iter().map(|w| w.text()).collect();
            assert_eq!(texts, expected, "{prefix:?}");
            for w in words.iter() {
                assert_eq!(w.key(), curly_key(w.text()), "{:?} in {prefix:?}", w.text());
            }
        }
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
    fn dialogue_is_tracked() {
        let words = Words::new("He said “Were late” and \"we ran\" off.");
        let inside: Vec<bool> = words.iter().map(|w| w.in_dialogue()).collect();
        assert_eq!(inside, [false, false, true, true, false, true, true, false]);
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

    #[test]
    fn general_punctuation_holds_no_letter_or_digit() {
        let block = (0x2000..=0x206F).filter_map(char::from_u32);
        assert!(block.clone().all(|c| !c.is_alphanumeric()));
        assert!(block.clone().all(|c| !super::is_alphanumeric(c)));
        assert!(block.clone().all(|c| !super::is_alphabetic(c)));
        assert!(super::is_alphanumeric('é') && !super::is_alphanumeric('’'));
    }
}
