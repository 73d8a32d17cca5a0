//! The misspelling table, kept as data behind a small trait.
//!
//! The rule only asks "what is the one correction of this lower-case
//! word?"; where the answers come from is this file's business. The built-in
//! table is `src/rules/data/misspellings.tsv`: one `misspelling<TAB>correction`
//! per line, lower case, sorted, with a `#` header that says how it was made
//! from crate-ci's typos dictionary and which filters every entry passed.

use std::sync::LazyLock;

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
}

/// Bits in [`TsvDictionary`]'s filter: 2^20 (128 KB) leaves the built-in
/// table's 64,000 entries setting one bit in sixteen.
const FILTER_BITS: u32 = 20;

/// The filter bit of `word` (four bytes or more): a multiplicative hash of
/// its length and its first and last eight (or four) bytes.
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
        // Sized once up front: the built-in table has 64,000 lines, and
        // growing the map step by step would hash every entry again.
        let lines = memchr::memchr_iter(b'\n', data.as_bytes()).count() + 1;
        let mut entries =
            rustc_hash::FxHashMap::with_capacity_and_hasher(lines, Default::default());
        for line in data.lines() {
            if line.starts_with('#') {
                continue;
            }
            let Some((wrong, right)) = line.split_once('\t') else {
                continue;
            };
            let (wrong, right) = (trim(wrong), trim(right));
            if !wrong.is_empty() && !right.is_empty() {
                entries.insert(wrong, right);
            }
        }
        let lengths = || entries.keys().map(|key| key.len());
        let shortest = lengths().min().unwrap_or(0);
        let longest = lengths().max().unwrap_or(0);
        let mut filter = vec![0u64; (1 << FILTER_BITS) / 64];
        for key in entries.keys().filter(|key| key.len() >= 4) {
            let bit = filter_bit(key.as_bytes());
            filter[bit / 64] |= 1 << (bit % 64);
        }
        TsvDictionary {
            entries,
            shortest,
            longest,
            filter,
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

    fn correction(&self, word_lowercase: &str) -> Option<&str> {
        if word_lowercase.len() < self.shortest {
            return None;
        }
        // Keys shorter than four bytes are not in the filter (the built-in
        // table has none).
        if word_lowercase.len() >= 4 {
            let bit = filter_bit(word_lowercase.as_bytes());
            if self
                .filter
                .get(bit / 64)
                .is_none_or(|bits| bits & (1 << (bit % 64)) == 0)
            {
                return None;
            }
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
