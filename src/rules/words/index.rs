//! The words of a paragraph that word rules start from, found while the
//! paragraph is cut into words.
//!
//! Most word rules start from one or two trigger words (`your`, `to`,
//! `loose`), and two look every word up in a table of their own (A001's
//! bare contractions, the eggcorns' first words). Scanning every word
//! costs each such rule a pass over the paragraph; instead
//! [`Words::new`] hashes each word's key once, against one filter of the
//! words any rule starts from, and keeps the few words under a set bit
//! here. Each rule then looks through those.

use std::sync::LazyLock;

use super::keys::KeyFilter;
use super::text::{Words, key};

/// The words rules start from by name (the rules with a table of their own
/// add theirs in [`STARTS`]). Only a matter of speed for [`WordIndex::each`]:
/// a word left out is still found, by a pass over every word.
#[rustfmt::skip]
const TRIGGERS: &[&str] = &[
    "to", "of", "your", "its", "it's", "then", "were", "know", "wont", "alot", "loose", "looses",
    "loosing", "boarder", "boarders",
    // The pronoun `i` (C001), its contractions and stutters.
    "i", "i'm", "i'll", "i've", "i'd", "i-i", "i-i-i", "i-i-i-i", "i-i-i-i-",
];

/// The keys of every word a rule starts from: the [`TRIGGERS`], A001's
/// bare forms and the eggcorns' first words. A rule that walks
/// [`WordIndex::hits`] instead of every word must have its words here.
pub(crate) static STARTS: LazyLock<KeyFilter> = LazyLock::new(|| {
    let mut filter = KeyFilter::default();
    let triggers = TRIGGERS.iter().map(|&word| key(word));
    let bare = crate::rules::apostrophes::start_keys();
    for key in triggers.chain(bare).chain(super::eggcorns::first_keys()) {
        filter.add(key);
    }
    filter
});

/// The paragraph's words whose key's bit is set in [`STARTS`]: every word
/// a rule starts from, and the odd word that shares one's bit (the two
/// hundred or so start words set about one bit in twenty). Made by
/// [`Words::new`] as it cuts the words.
#[derive(Debug, Clone, Default)]
pub struct WordIndex {
    /// Key and position, in text order.
    hits: Vec<(u64, usize)>,
}

impl WordIndex {
    /// Room for `hits` hits without growing: in prose one word in five or
    /// so may be a start word, and a word and its gap take some six bytes.
    pub(super) fn with_capacity(hits: usize) -> WordIndex {
        WordIndex {
            hits: Vec::with_capacity(hits),
        }
    }

    /// Keep word `i`, whose key is `key`, if it may be a start word
    /// (`starts` is [`STARTS`], looked up once per paragraph).
    #[inline]
    pub(super) fn note(&mut self, starts: &KeyFilter, key: u64, i: usize) {
        if starts.has(key) {
            self.hits.push((key, i));
        }
    }

    /// Key and position of every word that may be a start word, in text
    /// order: a rule with a table of words it starts from (listed in
    /// [`STARTS`]) walks these instead of every word.
    #[inline]
    pub fn hits(&self) -> &[(u64, usize)] {
        &self.hits
    }

    /// The positions of the words that are `target` (as [`Words::is`]), in
    /// text order: what [`Words::each`] finds, without a pass over every
    /// word when `target` is one of the [`TRIGGERS`].
    #[inline]
    pub fn each<'s, 'a>(&'s self, words: &'s Words<'a>, target: &'s str) -> Each<'s, 'a> {
        let wanted = key(target);
        // Every word with `target`'s key shares its bit: if the bit is set,
        // the hits hold them all; if not, every word is looked at.
        let listed = STARTS.has(wanted);
        Each {
            hits: if listed { &self.hits[..] } else { &[] }.iter(),
            scan: 0..if listed { 0 } else { words.len() },
            words,
            wanted,
            target,
            // A key holds a whole short word; a word that fills its last
            // byte may go on past it, so its tail is compared.
            long: wanted >> 56 != 0,
        }
    }

    /// The positions of the words with any of `keys` (distinct [`key`]s),
    /// in text order; as quick as [`WordIndex::each`] when they are keys of
    /// [`TRIGGERS`].
    pub fn with_keys<'s>(
        &'s self,
        words: &'s Words<'_>,
        keys: &'s [u64],
    ) -> impl Iterator<Item = usize> + 's {
        let listed = keys.iter().all(|&k| STARTS.has(k));
        let hits = if listed { &self.hits[..] } else { &[] };
        let scanned = if listed { 0 } else { words.len() };
        hits.iter()
            .filter(|(key, _)| keys.contains(key))
            .map(|&(_, i)| i)
            .chain((0..scanned).filter(move |&i| keys.contains(&words.key(i))))
    }
}

/// The positions of the words that are one target, from
/// [`WordIndex::each`]: the hits with its key, or (for a word that is no
/// trigger) every word with it.
#[derive(Debug, Clone)]
pub struct Each<'s, 'a> {
    hits: std::slice::Iter<'s, (u64, usize)>,
    scan: std::ops::Range<usize>,
    words: &'s Words<'a>,
    wanted: u64,
    target: &'s str,
    long: bool,
}

impl Iterator for Each<'_, '_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        loop {
            let i = match self.hits.next() {
                Some(&(key, i)) if key == self.wanted => i,
                Some(_) => continue,
                None => {
                    let i = self.scan.next()?;
                    if self.words.key(i) != self.wanted {
                        continue;
                    }
                    i
                }
            };
            if !self.long || self.words.is(i, self.target) {
                return Some(i);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{STARTS, TRIGGERS};
    use crate::rules::words::text::{Words, key};

    #[test]
    fn finds_what_words_each_finds() {
        let text = "To be or not to be, TO BE: don’t don't boarders boarderss the end to its";
        let words = Words::new(text);
        let index = words.index();
        for target in ["to", "be", "don't", "boarders", "boarderss", "the", "x"] {
            let indexed: Vec<usize> = index.each(&words, target).collect();
            let scanned: Vec<usize> = words.each(target).collect();
            assert_eq!(indexed, scanned, "{target}");
        }
        let both: Vec<usize> = index.with_keys(&words, &[key("its"), key("to")]).collect();
        assert_eq!(both, [0, 4, 6, 14, 15]);
        // A word that is no trigger is found by looking at every word.
        let be: Vec<usize> = index.with_keys(&words, &[key("be"), key("to")]).collect();
        assert_eq!(be, [0, 1, 4, 5, 6, 7, 14]);
    }

    #[test]
    fn every_trigger_is_kept() {
        // `i-i-i-i-` is a key, not a word: the longer stutters have it.
        let triggers: Vec<&str> = TRIGGERS
            .iter()
            .map(|&t| if t == "i-i-i-i-" { "i-i-i-i-i" } else { t })
            .collect();
        let text = triggers.join(" ");
        let words = Words::new(&text);
        let index = words.index();
        assert_eq!(words.len(), triggers.len());
        for (i, trigger) in triggers.iter().enumerate() {
            assert!(STARTS.has(words.key(i)), "{trigger}");
            assert!(index.each(&words, trigger).any(|at| at == i), "{trigger}");
        }
    }

    #[test]
    fn every_start_word_of_a_table_is_a_hit() {
        // The rules that walk the hits: A001 (`dont`, `Thats`, `lets`) and
        // the eggcorns (`for`, `Baited`, `shoe-in`), in any case.
        let text = "dont Thats lets SHOULDNT for Baited shoe-in sneaked wrecking peaks";
        let words = Words::new(text);
        let hits: Vec<usize> = words.index().hits().iter().map(|&(_, i)| i).collect();
        assert_eq!(hits, (0..words.len()).collect::<Vec<_>>());
        for key in crate::rules::apostrophes::start_keys()
            .chain(crate::rules::words::eggcorns::first_keys())
        {
            assert!(STARTS.has(key), "{:?}", key.to_le_bytes());
        }
    }
}
