//! The misspelling table, kept as data behind a small trait.
//!
//! The rule only asks "what is the one correction of this lower-case
//! word?"; where the answers come from is this file's business. The built-in
//! table is `src/rules/data/misspellings.tsv`: one `misspelling<TAB>correction`
//! per line, lower case, sorted, with a `#` header that says how it was made
//! from crate-ci's typos dictionary and which filters every entry passed.

use std::borrow::Cow;

use super::filters::{FILTER_BYTES, Filters, filter_bit, has_bit, key_bit};

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

    /// Whether a word of `len` bytes whose [`key`](crate::rules::words::text::key)
    /// is `key` may be a known misspelling, asked before
    /// [`Corrections::may_correct`]: the word's text need not even be
    /// read to rule it out.
    fn may_correct_key(&self, _key: u64, _len: usize) -> bool {
        true
    }
}

/// Corrections read from tab-separated text.
#[derive(Debug)]
pub struct TsvDictionary<'a> {
    entries: Entries<'a>,
    /// The byte lengths of the shortest and longest misspelling: no other
    /// length needs looking up.
    shortest: usize,
    longest: usize,
    /// Nearly every word of prose finds its bit clear in one of these and
    /// needs no look-up ([`Filters`]).
    filter: Cow<'a, [u8]>,
    key_filter: Cow<'a, [u8]>,
}

/// Where a [`TsvDictionary`] finds a misspelling's correction.
#[derive(Debug)]
enum Entries<'a> {
    /// Any table, hashed when read.
    Hashed(rustc_hash::FxHashMap<&'a str, &'a str>),
    /// `misspelling<TAB>correction` lines sorted by misspelling, searched
    /// as they are (the built-in table, checked by `build.rs`), and where
    /// each line starts (little-endian `u32`s, one per line, made by
    /// `build.rs`).
    Sorted { lines: &'a str, starts: &'a [u8] },
}

const BUILT_IN_DATA: &str = include_str!("../data/misspellings.tsv");

// BUILT_IN_START, BUILT_IN_END, BUILT_IN_LEN, BUILT_IN_SHORTEST and
// BUILT_IN_LONGEST, from build.rs.
include!(concat!(env!("OUT_DIR"), "/misspellings.rs"));

/// Where each line of the built-in table starts, from `build.rs`.
const BUILT_IN_STARTS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/misspellings.starts"));
const _: () = assert!(BUILT_IN_STARTS.len() == 4 * BUILT_IN_LEN);

/// The built-in table, ready at compile time: its filters were made by
/// `build.rs`, and its sorted lines need no reading before a search.
static BUILT_IN: TsvDictionary<'static> = TsvDictionary {
    entries: Entries::Sorted {
        lines: BUILT_IN_DATA
            .split_at(BUILT_IN_END)
            .0
            .split_at(BUILT_IN_START)
            .1,
        starts: BUILT_IN_STARTS,
    },
    shortest: BUILT_IN_SHORTEST,
    longest: BUILT_IN_LONGEST,
    filter: Cow::Borrowed(include_bytes!(concat!(
        env!("OUT_DIR"),
        "/misspellings.filter"
    ))),
    key_filter: Cow::Borrowed(include_bytes!(concat!(
        env!("OUT_DIR"),
        "/misspellings.key_filter"
    ))),
};

impl<'a> TsvDictionary<'a> {
    /// The table shipped with ficpress.
    pub fn built_in() -> &'static TsvDictionary<'static> {
        &BUILT_IN
    }

    /// Read `misspelling<TAB>correction` lines; blank lines, `#` comments and
    /// lines without a tab are skipped (a bad line must not take the
    /// program down).
    pub fn parse(data: &'a str) -> TsvDictionary<'a> {
        let bytes = data.as_bytes();
        // Sized once up front: growing the map step by step would hash
        // every entry again.
        let lines = memchr::memchr_iter(b'\n', bytes).count() + 1;
        let mut entries =
            rustc_hash::FxHashMap::with_capacity_and_hasher(lines, Default::default());
        let mut filters = Filters::new();
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
            filters.add(wrong);
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
        debug_assert_eq!(filters.filter.len(), FILTER_BYTES);
        TsvDictionary {
            entries: Entries::Hashed(entries),
            shortest: if longest == 0 { 0 } else { shortest },
            longest,
            filter: Cow::Owned(filters.filter),
            key_filter: Cow::Owned(filters.key_filter),
        }
    }

    /// How many misspellings the table knows.
    pub fn len(&self) -> usize {
        match &self.entries {
            Entries::Hashed(entries) => entries.len(),
            Entries::Sorted { starts, .. } => starts.len() / 4,
        }
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
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
    fn may_correct_key(&self, key: u64, len: usize) -> bool {
        has_bit(&self.key_filter, key_bit(key, len))
    }

    fn correction(&self, word_lowercase: &str) -> Option<&str> {
        if !self.may_correct(word_lowercase) {
            return None;
        }
        match &self.entries {
            Entries::Hashed(entries) => entries.get(word_lowercase).copied(),
            Entries::Sorted { lines, starts } => search_sorted(lines, starts, word_lowercase),
        }
    }
}

/// The correction of `word` in `lines`, `misspelling<TAB>correction` lines
/// sorted by misspelling, whose starts are `starts` (a little-endian `u32`
/// each): a binary search over the lines.
fn search_sorted<'a>(lines: &'a str, starts: &[u8], word: &str) -> Option<&'a str> {
    let start = |i: usize| -> Option<usize> {
        let bytes = starts.get(4 * i..4 * i + 4)?.try_into().ok()?;
        usize::try_from(u32::from_le_bytes(bytes)).ok()
    };
    let (mut low, mut high) = (0, starts.len() / 4);
    while low < high {
        let middle = low + (high - low) / 2;
        // A line ends where the next begins, less its `\n`.
        let from = start(middle)?;
        let to = start(middle + 1).map_or(lines.len(), |next| next - 1);
        let line = lines.get(from..to)?;
        // Lines are short: a plain loop beats `memchr`'s vector set-up.
        let tab = line.bytes().position(|b| b == b'\t')?;
        let (wrong, right) = (&line[..tab], &line[tab + 1..]);
        match wrong.cmp(word) {
            std::cmp::Ordering::Equal => return Some(right),
            std::cmp::Ordering::Less => low = middle + 1,
            std::cmp::Ordering::Greater => high = middle,
        }
    }
    None
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
            "didi",
            "hashi",
        ] {
            assert_eq!(dictionary.correction(word), None, "{word}");
        }
    }

    /// The built-in table, prepared by `build.rs`, answers exactly as the
    /// same text read and hashed at run time: the same filters and lengths,
    /// and the same correction (or none) for every entry and for words
    /// just beside an entry in the sort order.
    #[test]
    fn built_in_answers_as_the_table_read_at_run_time() {
        let built_in = TsvDictionary::built_in();
        let read = TsvDictionary::parse(DATA);
        assert_eq!(built_in.filter, read.filter);
        assert_eq!(built_in.key_filter, read.key_filter);
        assert_eq!(
            (built_in.len(), built_in.shortest(), built_in.longest()),
            (read.len(), read.shortest(), read.longest())
        );
        let mut asked = 0;
        for (wrong, right) in entries() {
            assert_eq!(built_in.correction(wrong), Some(right), "{wrong}");
            let mut shorter = wrong.to_string();
            shorter.pop();
            for near in [
                shorter,
                format!("{wrong}a"),
                format!("{wrong}z"),
                format!("a{wrong}"),
                wrong.replacen(|c: char| c.is_ascii_lowercase(), "z", 1),
            ] {
                assert_eq!(built_in.correction(&near), read.correction(&near), "{near}");
                asked += 1;
            }
        }
        for word in ["", "a", "aaaa", "zzzzzzzz", "abandonned\tx", "comming\n"] {
            assert_eq!(built_in.correction(word), read.correction(word), "{word:?}");
        }
        assert!(asked > 300_000);
    }

    /// The binary search over sorted lines, on tables small enough that
    /// every range shape (one line, two, the first and last) comes up.
    #[test]
    fn search_sorted_finds_each_line_and_nothing_else() {
        let words = ["bb", "bd", "c", "ca", "cab", "d", "dz", "e"];
        for count in 1..=words.len() {
            let table: Vec<String> = words[..count]
                .iter()
                .map(|w| format!("{w}\t{w}!"))
                .collect();
            let lines = table.join("\n");
            let mut starts = Vec::new();
            let mut at = 0u32;
            for line in &table {
                starts.extend(at.to_le_bytes());
                at += u32::try_from(line.len()).unwrap() + 1;
            }
            for word in &words[..count] {
                assert_eq!(
                    super::search_sorted(&lines, &starts, word),
                    Some(format!("{word}!").as_str())
                );
            }
            for missing in [
                "a",
                "b",
                "bc",
                "be",
                "cb",
                "da",
                "f",
                "zz",
                &words[count - 1][..1],
            ] {
                if !words[..count].contains(&missing) {
                    assert_eq!(
                        super::search_sorted(&lines, &starts, missing),
                        None,
                        "{missing} in {lines:?}"
                    );
                }
            }
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
