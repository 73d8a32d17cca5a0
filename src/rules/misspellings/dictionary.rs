//! The misspelling table, kept as data behind a small trait.
//!
//! The rule only asks "what is the one correction of this lower-case
//! word?"; where the answers come from is this file's business. The built-in
//! table is `src/rules/data/misspellings.tsv`: one `misspelling<TAB>correction`
//! per line, lower case, sorted, with a `#` header that says how it was made
//! from crate-ci's typos dictionary and which filters every entry passed.

use std::sync::LazyLock;

use crate::rules::words::text::{ascii_lowercase_u64, key};

/// A source of unambiguous corrections.
pub trait Corrections {
    /// The single correction of `word_lowercase`, if it is a known
    /// misspelling.
    fn correction(&self, word_lowercase: &str) -> Option<&str>;

    /// The byte length of the shortest misspelling: shorter words need no
    /// look-up (and no lower-casing).
    fn shortest(&self) -> usize {
        0
    }

    /// Whether `word`, in any ASCII case, may be a known misspelling:
    /// `false` only when it certainly is not. Asked of every word of
    /// prose before it is folded for [`Corrections::correction`], so it
    /// should cost a few instructions.
    fn may_correct(&self, _word: &str) -> bool {
        true
    }

    /// [`Corrections::may_correct`] for a word whose [`key`] is known:
    /// the word's bytes need not be read again to rule it out.
    fn may_correct_keyed(&self, word: &str, _key: u64) -> bool {
        self.may_correct(word)
    }
}

/// Corrections read from tab-separated text.
#[derive(Debug, Default)]
pub struct TsvDictionary<'a> {
    entries: rustc_hash::FxHashMap<&'a str, &'a str>,
    /// The byte lengths of the shortest and longest misspelling: no other
    /// length needs hashing.
    shortest: usize,
    longest: usize,
    /// One bit per [`filter_bit`] of every misspelling: nearly every word
    /// of prose finds its bit clear and needs no hashing of the map.
    filter: Vec<u64>,
    /// One bit per [`key_bit`] of every misspelling: a coarser filter
    /// asked first, from a word's [`key`] with no look at its bytes.
    key_filter: Vec<u64>,
}

/// The [`TsvDictionary::key_filter`] bit of a word of `len` bytes whose
/// [`key`] (its first eight bytes, folded) is `key`.
#[inline]
fn key_bit(key: u64, len: usize) -> usize {
    let hash = (key ^ (len as u64).rotate_right(8)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (hash >> (64 - FILTER_BITS)) as usize
}

/// Whether bit `bit` of `filter` is set.
#[inline]
fn has_bit(filter: &[u64], bit: usize) -> bool {
    filter
        .get(bit / 64)
        .is_some_and(|bits| bits & (1 << (bit % 64)) != 0)
}

/// Bits in [`TsvDictionary`]'s filter: 2^20 (128 KB) leaves the built-in
/// table's 64,000 entries setting one bit in sixteen.
const FILTER_BITS: u32 = 20;

/// The filter bit of `word` (four bytes or more), ignoring ASCII case: a
/// multiplicative hash of its length and its first and last eight (or
/// four) bytes, lower-cased, so that `Comming` finds the bit of `comming`
/// without being copied.
#[inline]
fn filter_bit(word: &[u8]) -> usize {
    // Fixed-width loads (a variable-width copy would call `memcpy`).
    let load8 = |at: usize| -> u64 {
        word.get(at..at + 8)
            .and_then(|bytes| bytes.try_into().ok())
            .map_or(0, u64::from_le_bytes)
    };
    let load4 = |at: usize| -> u64 {
        word.get(at..at + 4)
            .and_then(|bytes| bytes.try_into().ok())
            .map_or(0, |bytes| u64::from(u32::from_le_bytes(bytes)))
    };
    let last = word
        .len()
        .saturating_sub(if word.len() >= 8 { 8 } else { 4 });
    let (first, last) = if word.len() >= 8 {
        (load8(0), load8(last))
    } else {
        (load4(0), load4(last))
    };
    let (first, last) = (ascii_lowercase_u64(first), ascii_lowercase_u64(last));
    let ends = first ^ last.rotate_left(29);
    let hash = (ends ^ word.len() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (hash >> (64 - FILTER_BITS)) as usize
}

static BUILT_IN: LazyLock<TsvDictionary<'static>> =
    LazyLock::new(|| TsvDictionary::parse(include_str!("../data/misspellings.tsv")));

impl<'a> TsvDictionary<'a> {
    /// The table shipped with ficpress, parsed once.
    pub fn built_in() -> &'static TsvDictionary<'static> {
        &BUILT_IN
    }

    /// Read `misspelling<TAB>correction` lines; blank lines, `#` comments and
    /// lines without a tab are skipped (the data is ours, but a bad line must
    /// not take the program down).
    pub fn parse(data: &'a str) -> TsvDictionary<'a> {
        let bytes = data.as_bytes();
        // Sized once up front: the built-in table has 64,000 lines, and
        // growing the map step by step would hash every entry again.
        let lines = memchr::memchr_iter(b'\n', bytes).count() + 1;
        let mut entries =
            rustc_hash::FxHashMap::with_capacity_and_hasher(lines, Default::default());
        let mut filter = vec![0u64; (1 << FILTER_BITS) / 64];
        let mut key_filter = filter.clone();
        let (mut shortest, mut longest) = (usize::MAX, 0);
        let mut add = |line: &'a str, tab: Option<usize>| {
            let Some(tab) = tab.filter(|_| !line.starts_with('#')) else {
                return;
            };
            let (wrong, right) = (trim(&line[..tab]), trim(&line[tab + 1..]));
            if wrong.is_empty() || right.is_empty() {
                return;
            }
            entries.insert(wrong, right);
            shortest = shortest.min(wrong.len());
            longest = longest.max(wrong.len());
            if wrong.len() >= 4 {
                let bit = filter_bit(wrong.as_bytes());
                filter[bit / 64] |= 1 << (bit % 64);
            }
            let bit = key_bit(key(wrong), wrong.len());
            key_filter[bit / 64] |= 1 << (bit % 64);
        };
        // Lines and their first tab in one search of the data (a `\r`
        // before a line's `\n` is trimmed off its correction).
        let (mut start, mut tab) = (0, None);
        for at in memchr::memchr2_iter(b'\t', b'\n', bytes) {
            if bytes[at] == b'\t' {
                tab = tab.or(Some(at - start));
                continue;
            }
            add(&data[start..at], tab);
            (start, tab) = (at + 1, None);
        }
        add(&data[start..], tab);
        TsvDictionary {
            entries,
            shortest: if longest == 0 { 0 } else { shortest },
            longest,
            filter,
            key_filter,
        }
    }

    /// How many misspellings the table knows.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The byte length of the longest misspelling: longer words need no
    /// look-up (and no lower-casing).
    pub fn longest(&self) -> usize {
        self.longest
    }
}

impl Corrections for TsvDictionary<'_> {
    fn shortest(&self) -> usize {
        self.shortest
    }

    #[inline]
    fn may_correct(&self, word: &str) -> bool {
        if word.len() < self.shortest {
            return false;
        }
        // Keys shorter than four bytes are not in the filter (the built-in
        // table has none).
        if word.len() < 4 {
            return true;
        }
        has_bit(&self.filter, filter_bit(word.as_bytes()))
    }

    #[inline]
    fn may_correct_keyed(&self, word: &str, word_key: u64) -> bool {
        has_bit(&self.key_filter, key_bit(word_key, word.len())) && self.may_correct(word)
    }

    fn correction(&self, word_lowercase: &str) -> Option<&str> {
        if !self.may_correct(word_lowercase) {
            return None;
        }
        self.entries.get(word_lowercase).copied()
    }
}

/// `field` without surrounding whitespace; the table's own fields have
/// none, so the common case is one byte test at each end.
fn trim(field: &str) -> &str {
    let bytes = field.as_bytes();
    let clean = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphanumeric());
    if clean(bytes.first()) && clean(bytes.last()) {
        field
    } else {
        field.trim()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;
    use std::path::Path;

    use super::{Corrections, TsvDictionary};

    const DATA: &str = include_str!("../data/misspellings.tsv");

    fn entries() -> Vec<(&'static str, &'static str)> {
        DATA.lines()
            .filter(|line| !line.starts_with('#'))
            .map(|line| line.split_once('\t').expect("every data line has a tab"))
            .collect()
    }

    #[test]
    fn table_is_large_sorted_lower_case_and_unique() {
        let entries = entries();
        assert!(entries.len() >= 2_000, "only {} entries", entries.len());
        for pair in entries.windows(2) {
            assert!(pair[0].0 < pair[1].0, "not sorted or duplicated: {pair:?}");
        }
        let keys: HashSet<&str> = entries.iter().map(|(wrong, _)| *wrong).collect();
        for (wrong, right) in &entries {
            assert_ne!(wrong, right, "maps a word to itself");
            assert!(wrong.len() >= 4, "fragment {wrong}");
            assert!(
                wrong.bytes().all(|b| b.is_ascii_lowercase())
                    && right.bytes().all(|b| b.is_ascii_lowercase()),
                "{wrong} → {right}"
            );
            // A correction that is itself a key would make fixing chain and
            // could never settle in one step.
            assert!(!keys.contains(right), "{wrong} → {right} → ...");
        }
        assert_eq!(TsvDictionary::built_in().len(), entries.len());
    }

    #[test]
    fn knows_the_classics_and_none_of_the_traps() {
        let dictionary = TsvDictionary::built_in();
        for (wrong, right) in [
            ("comming", "coming"),
            ("disbeleif", "disbelief"),
            ("confustion", "confusion"),
            ("definately", "definitely"),
            ("recieve", "receive"),
            ("thier", "their"),
            ("untill", "until"),
            ("wierd", "weird"),
            ("realy", "really"),
            ("publically", "publicly"),
        ] {
            assert_eq!(dictionary.correction(wrong), Some(right), "{wrong}");
        }
        // Real words, variants, dialect, fandom terms and ambiguous slips.
        for word in [
            "wether",
            "calender",
            "alright",
            "layed",
            "wich",
            "colour",
            "realise",
            "shew",
            "connexion",
            "goin",
            "nothin",
            "chakra",
            "jutsu",
            "nott",
            "ofer",
        ] {
            assert_eq!(dictionary.correction(word), None, "{word}");
        }
    }

    #[test]
    fn parse_skips_comments_and_broken_lines() {
        let dictionary =
            TsvDictionary::parse("# header\nteh\tthe\nbroken line\n\nrecieve\treceive\n");
        assert_eq!(dictionary.len(), 2);
        assert_eq!(dictionary.correction("recieve"), Some("receive"));
        assert_eq!(dictionary.longest(), 7);
    }

    /// Correct professional prose proves a word is real or an accepted
    /// variant: no misspelling may occur in the Gutenberg novels.
    #[test]
    fn no_misspelling_occurs_in_the_gutenberg_novels() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/gutenberg");
        let Ok(files) = std::fs::read_dir(&dir) else {
            eprintln!("skipped: no Gutenberg corpus at {}", dir.display());
            return;
        };
        let mut words = HashSet::new();
        for file in files.flatten() {
            let text = std::fs::read_to_string(file.path()).unwrap_or_default();
            words.extend(
                text.to_lowercase()
                    .split(|c: char| !c.is_alphabetic())
                    .filter(|word| !word.is_empty())
                    .map(str::to_string),
            );
        }
        assert!(words.len() > 10_000, "corpus looks empty");
        let found: Vec<&str> = entries()
            .into_iter()
            .map(|(wrong, _)| wrong)
            .filter(|wrong| words.contains(*wrong))
            .collect();
        assert!(found.is_empty(), "real words in the table: {found:?}");
    }
}
