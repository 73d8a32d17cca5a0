//! Words no rule corrects: names learned from the story, the fandom
//! vocabulary (honorifics, jutsu, chakra, Hokage...) and dialect spellings
//! (`goin'`, `gonna`, `ya`, `'em`).
//!
//! Generic spell checkers "correct" Sasuke, Tsunade and `-kun`; ficpress
//! learns a story's names from the story itself: a capitalised word that
//! appears at least twice where a sentence does not start is a name.

use rustc_hash::FxHashSet;
use std::sync::LazyLock;

use crate::rules::words::keys::{ONES, TOPS, ascii_in_range};
use crate::rules::words::text::{char_at, is_alphanumeric};

mod changes;
pub use changes::Sightings;

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
        let blocks = crate::split::split(text).block_starts();
        Vocabulary::of(&Sightings::of(text, &blocks))
    }

    /// The names `sightings` make: those seen often enough.
    pub fn of(sightings: &Sightings<'_>) -> Vocabulary {
        Vocabulary {
            names: sightings.names().map(str::to_string).collect(),
            accepted: FxHashSet::default(),
        }
    }

    /// Learn or forget `name` (after [`Sightings::update`] said it changed).
    pub fn set_name(&mut self, name: &str, learned: bool) {
        if learned {
            self.names.insert(name.to_string());
        } else {
            self.names.remove(name);
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

/// Call `sighted` with each name `text` shows: a capitalised token where a
/// sentence does not start. `after_sentence_end` says whether the token
/// before `text` ended a sentence (true at a story's start).
///
/// `block_starts` (sorted, offsets into `text`) are where the splitter
/// starts a block: a token there starts a sentence too. Most blocks are set
/// apart by a blank line, which already starts one (an empty token ends a
/// sentence), but a paragraph may also start after a single line break:
/// `Rating: T` then `Summay: A story.` on the next line. Cleaning writes
/// such paragraphs with a blank line between them, so without this a name
/// seen only there would be learned from the text but not from the cleaned
/// text, and cleaning twice would change more the second time.
///
/// Tokens are the pieces of `text.split(char::is_whitespace)`. Only a token
/// with an ASCII capital or a non-ASCII byte can hold a name, and in prose
/// nine tokens in ten have neither, so rather than cut every token this
/// jumps from one such byte to the next ([`name_candidate`]) and cuts out
/// only the token around it.
pub(crate) fn sightings<'t>(
    text: &'t str,
    after_sentence_end: bool,
    block_starts: &[usize],
    mut sighted: impl FnMut(&'t str),
) {
    // Tokens come in text order, so the block starts are walked once.
    let mut next_block = 0;
    let bytes = text.as_bytes();
    // A token starts here: 0, or just after a whitespace character.
    let mut cursor = 0;
    while let Some(found) = name_candidate(bytes, cursor) {
        // Between `cursor` and `found` every byte is ASCII, so the token
        // holding `found` starts after the last ASCII space before it.
        let start = bytes[cursor..found]
            .iter()
            .rposition(|&b| MAY_BE_SPACE[usize::from(b)])
            .map_or(cursor, |at| cursor + at + 1);
        if let Some((c, width)) = char_at(text, found)
            && c.is_whitespace()
        {
            // A non-ASCII space ends a token with no candidate.
            cursor = found + width;
            continue;
        }
        // Most tokens run on in ASCII letters to an ASCII space: those
        // bytes are stepped over here, and the search goes on only from a
        // byte that may start some other whitespace. A skipped byte is
        // ASCII above the space, never whitespace, so the search from
        // where this stops (a char boundary, after ASCII bytes) finds the
        // same space it would from `found`.
        let mut at = found;
        while bytes.get(at).is_some_and(|&b| b > b' ' && b.is_ascii()) {
            at += 1;
        }
        let (end, next) = match bytes.get(at) {
            Some(&b) if b.is_ascii() && MAY_BE_SPACE[usize::from(b)] => (at, Some(at + 1)),
            _ => match next_space(text, at) {
                Some((at, width)) => (at, Some(at + width)),
                None => (text.len(), None),
            },
        };
        let first = bytes[start];
        if !first.is_ascii_lowercase() && !first.is_ascii_digit() {
            // Every block starts at a line's start (a span starts at its
            // first line's), so only a token there is looked up.
            let at_block = (start == 0 || bytes[start - 1] == b'\n') && {
                while block_starts.get(next_block).is_some_and(|&at| at < start) {
                    next_block += 1;
                }
                block_starts.get(next_block) == Some(&start)
            };
            let sentence_start = at_block
                || if start == 0 {
                    after_sentence_end
                } else {
                    ends_sentence_before(text, start)
                };
            let token = &text[start..end];
            if !sentence_start
                && may_be_name(token)
                && let Some(name) = name_in(token)
            {
                sighted(name);
            }
        }
        match next {
            Some(next) => cursor = next,
            None => break,
        }
    }
}

/// Whether the token before the one starting at `start` (just after a
/// whitespace character, `start > 0`) ends a sentence, as
/// [`ends_sentence`] says of it: an empty token (the text starts with the
/// space, or two spaces meet) ends one.
fn ends_sentence_before(text: &str, start: usize) -> bool {
    let bytes = text.as_bytes();
    // The whitespace character before `start` is nearly always an ASCII
    // space, one byte; only another is decoded to find where it starts.
    let space_start = if bytes[start - 1].is_ascii() {
        start - 1
    } else {
        text[..start]
            .char_indices()
            .next_back()
            .map_or(0, |(at, _)| at)
    };
    // [`ends_sentence`] looks only at the end of what it is given.
    let before = &text[..space_start];
    // Whether the token before is empty: `before` ends in whitespace. An
    // ASCII last byte is a whole character, whitespace exactly when the
    // table holds it (its ASCII entries are `char::is_whitespace`'s).
    let empty = match before.as_bytes().last() {
        None => true,
        Some(&b) if b.is_ascii() => MAY_BE_SPACE[usize::from(b)],
        Some(_) => before.chars().next_back().is_some_and(char::is_whitespace),
    };
    empty || ends_sentence(before)
}

/// The first byte from `at` on that is an ASCII capital or not ASCII
/// (its own top bit set): every token that may hold a name has one. Every
/// flagged byte is exact.
#[inline]
fn name_candidate(bytes: &[u8], at: usize) -> Option<usize> {
    first_flagged(
        bytes,
        at,
        |x| ascii_in_range(x, b'A', b'Z') | x,
        |b| b.is_ascii_uppercase() || !b.is_ascii(),
    )
}

/// The first byte from `at` on that `wanted` accepts, eight bytes at a
/// time: `flags` sets the top bit of (at least) the lowest wanted byte of
/// eight read little-endian, and of no unwanted byte below it; the last
/// few bytes are asked one by one.
#[inline(always)]
fn first_flagged(
    bytes: &[u8],
    mut at: usize,
    flags: impl Fn(u64) -> u64,
    wanted: impl Fn(u8) -> bool,
) -> Option<usize> {
    while let Some(eight) = bytes.get(at..).and_then(<[u8]>::first_chunk) {
        let flagged = flags(u64::from_le_bytes(*eight)) & TOPS;
        if flagged != 0 {
            return Some(at + (flagged.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    let rest = bytes.get(at..)?;
    rest.iter().position(|&b| wanted(b)).map(|found| at + found)
}

/// The tokens [`sightings`] sees, one by one: the plain reading of its
/// rule, kept to test the quick one against.
#[cfg(test)]
fn sightings_token_by_token<'t>(
    text: &'t str,
    after_sentence_end: bool,
    block_starts: &[usize],
    mut sighted: impl FnMut(&'t str),
) {
    let mut previous: Option<&str> = None;
    for token in text.split(char::is_whitespace) {
        let first = token.bytes().next().unwrap_or_default();
        if !token.is_empty() && !first.is_ascii_lowercase() && !first.is_ascii_digit() {
            // Where the token starts in `text` (it is a slice of it).
            let at = token.as_ptr() as usize - text.as_ptr() as usize;
            let sentence_start =
                previous.map_or(after_sentence_end, ends_sentence) || block_starts.contains(&at);
            if !sentence_start
                && may_be_name(token)
                && let Some(name) = name_in(token)
            {
                sighted(name);
            }
        }
        previous = Some(token);
    }
}

/// Where the first whitespace character at or after byte `at` (a char
/// boundary) of `text` is, and its length. Eight bytes at a time are
/// searched for a byte that may start one ([`space_candidate`]); only a
/// character whose first byte [`MAY_BE_SPACE`] is decoded.
#[inline]
fn next_space(text: &str, mut at: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    loop {
        at = space_candidate(bytes, at)?;
        let byte = bytes[at];
        if !MAY_BE_SPACE[usize::from(byte)] {
            at += 1;
            continue;
        }
        if byte.is_ascii() {
            return Some((at, 1));
        }
        // A table byte is ASCII or starts a character: `at` is a char
        // boundary.
        let (c, width) = char_at(text, at)?;
        if c.is_whitespace() {
            return Some((at, width));
        }
        at += width;
    }
}

/// The first byte from `at` on that is at or below the space or not ASCII:
/// every whitespace character starts with one. In `x - 0x21` a byte below
/// `0x21` sets its top bit, and only such a byte borrows from the byte
/// above it, so the lowest flagged byte is exact (those above it need not
/// be, and are not used).
#[inline]
fn space_candidate(bytes: &[u8], at: usize) -> Option<usize> {
    first_flagged(
        bytes,
        at,
        |x| (x.wrapping_sub(ONES * 0x21) & !x) | x,
        |b| b <= b' ' || !b.is_ascii(),
    )
}

/// The bytes that may start a character `char::is_whitespace` accepts:
/// the ASCII spaces and the first bytes of the others (U+0085 and U+00A0
/// start with 0xC2, U+1680 with 0xE1, U+2000 to U+205F with 0xE2, U+3000
/// with 0xE3).
static MAY_BE_SPACE: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = matches!(byte, 0x09..=0x0D | 0x20 | 0xC2 | 0xE1 | 0xE2 | 0xE3);
        byte += 1;
    }
    table
};

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
/// a word that opens a quote does not count. An ASCII token, nearly every
/// one, is read byte by byte ([`ascii_name_in`]).
fn name_in(token: &str) -> Option<&str> {
    if token.is_ascii() {
        ascii_name_in(token)
    } else {
        chars_name_in(token)
    }
}

/// [`name_in`] read character by character: right for any token.
fn chars_name_in(token: &str) -> Option<&str> {
    let word = token.trim_matches(|c: char| !is_alphanumeric(c) && c != '\'' && c != '-');
    let word = word.split(['\'', '’']).next().unwrap_or(word);
    let word = word.split('-').next().unwrap_or(word);
    let opens_quote = token.starts_with(['"', '“', '\'', '‘']);
    let capitalised = word.chars().next().is_some_and(char::is_uppercase)
        && word.chars().skip(1).any(char::is_lowercase);
    (!opens_quote && capitalised).then_some(word)
}

/// [`name_in`] for an ASCII token, where a character is a byte and its
/// Unicode classes are the ASCII ones.
fn ascii_name_in(token: &str) -> Option<&str> {
    let bytes = token.as_bytes();
    if matches!(bytes.first(), Some(b'"' | b'\'')) {
        return None;
    }
    let kept = |b: &u8| b.is_ascii_alphanumeric() || *b == b'\'' || *b == b'-';
    let start = bytes.iter().position(kept)?;
    // The word runs to the first `'` or `-` after its start (which may be
    // one: `-Ino` spells no name).
    let end = bytes[start..]
        .iter()
        .position(|&b| b == b'\'' || b == b'-')
        .map_or_else(
            || bytes.iter().rposition(kept).map_or(start, |last| last + 1),
            |cut| start + cut,
        );
    let word = &bytes[start..end];
    let capitalised = word.first().is_some_and(u8::is_ascii_uppercase)
        && word[1..].iter().any(u8::is_ascii_lowercase);
    // ASCII: every byte is a char boundary.
    capitalised.then(|| &token[start..end])
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

    /// The quick scan sees exactly the names the token-by-token reading
    /// does, wherever the text starts and whatever its spaces.
    #[test]
    fn sightings_match_the_token_by_token_reading() {
        let pieces = [
            "Sakura",
            "sakura",
            "SAKURA",
            "Sasuke-kun's",
            " ",
            "  ",
            "\n",
            "\t",
            "\u{A0}",
            "\u{3000}",
            "\u{2009}",
            ". ",
            "! ",
            "? ",
            "\" ",
            ": ",
            "” ",
            "… ",
            "“Naruto",
            "'Hinata",
            "(Kiba)",
            "Émile",
            "éclair",
            "Z",
            "A.",
            "x",
            "9Lives",
            "-Ino",
            "’Tis",
            "\u{85}",
            // Not whitespace though at or below the space; vertical tab is.
            "\u{1}",
            "\u{1F}",
            "\u{B}",
            "Sakura.\u{B}",
        ];
        for text in ["a  Sakura", "a \u{A0}Sakura", "a\n\nSakura-kun"] {
            let (mut quick, mut plain) = (Vec::new(), Vec::new());
            super::sightings(text, false, &[], |name| quick.push(name));
            super::sightings_token_by_token(text, false, &[], |name| plain.push(name));
            assert_eq!(quick, plain, "{text:?}");
        }
        for text in crate::rules::testing::random_texts(&pieces, 4000, 12, 7) {
            // As if the splitter started a block on every line (and, in
            // the last case, at the start too).
            let lines: Vec<usize> = text.match_indices('\n').map(|(at, _)| at + 1).collect();
            let with_start: Vec<usize> = std::iter::once(0).chain(lines.clone()).collect();
            for after in [true, false] {
                for blocks in [&[][..], &lines, &with_start] {
                    let (mut quick, mut plain) = (Vec::new(), Vec::new());
                    super::sightings(&text, after, blocks, |name| quick.push(name));
                    super::sightings_token_by_token(&text, after, blocks, |name| plain.push(name));
                    assert_eq!(
                        quick, plain,
                        "{text:?} after a sentence end: {after}, blocks at {blocks:?}"
                    );
                }
            }
        }
    }

    /// The byte-by-byte reading of an ASCII token finds the name the
    /// character-by-character one does.
    #[test]
    fn ascii_tokens_spell_the_same_names() {
        let pieces = [
            "S", "s", "akura", "AKURA", "'", "-", "\"", "(", ")", ".", "9", "x", "kun", "!",
        ];
        for token in crate::rules::testing::random_texts(&pieces, 20_000, 7, 11) {
            assert_eq!(
                super::ascii_name_in(&token),
                super::chars_name_in(&token),
                "{token:?}"
            );
        }
    }

    #[test]
    fn finds_every_whitespace_character() {
        for text in [
            "",
            " ",
            "a  b\tc\n\nd\r\n",
            "x\u{0B}y\u{0C}z",
            "non\u{A0}breaking\u{2009}thin\u{3000}wide\u{85}next",
            "“Sakura’s” — café\u{200B}zero-width ",
        ] {
            let expected: Vec<(usize, usize)> = text
                .char_indices()
                .filter(|(_, c)| c.is_whitespace())
                .map(|(at, c)| (at, c.len_utf8()))
                .collect();
            let mut found = Vec::new();
            let mut at = 0;
            while let Some((space, width)) = super::next_space(text, at) {
                found.push((space, width));
                at = space + width;
            }
            assert_eq!(found, expected, "{text:?}");
        }
    }

    /// Every whitespace character starts with a byte of the table.
    #[test]
    fn space_table_covers_every_space() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            if c.is_whitespace() {
                let mut buffer = [0u8; 4];
                let first = c.encode_utf8(&mut buffer).as_bytes()[0];
                assert!(super::MAY_BE_SPACE[usize::from(first)], "{c:?}");
            }
        }
    }
}
