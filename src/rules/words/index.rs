//! The words of a paragraph that word rules start from, found in one pass.
//!
//! Most word rules start from one or two trigger words (`your`, `to`,
//! `loose`). Finding them by scanning every word costs each rule a pass
//! over the paragraph; instead one pass, made once per paragraph and only
//! when a rule asks (see [`Paragraph::each`]), keeps the few words that may
//! be any rule's trigger, and each rule then looks through those.
//!
//! [`Paragraph::each`]: crate::rules::Paragraph::each

use super::keys::key_hash;
use super::text::{Words, key};

/// The words rules start from. Only a matter of speed: a word left out is
/// still found, by a pass over every word.
#[rustfmt::skip]
const TRIGGERS: &[&str] = &[
    "to", "of", "your", "its", "it's", "then", "were", "know", "wont", "alot", "loose", "looses",
    "loosing", "boarder", "boarders",
    // The pronoun `i` (C001), its contractions and stutters.
    "i", "i'm", "i'll", "i've", "i'd", "i-i", "i-i-i", "i-i-i-i", "i-i-i-i-",
];

/// A 1024-bit filter of the triggers' keys: a word whose key's bit is
/// clear is no trigger, found in a few instructions.
const FILTER: [u64; 16] = filter_of(TRIGGERS);

const fn filter_of(words: &[&str]) -> [u64; 16] {
    let mut filter = [0; 16];
    let mut at = 0;
    while at < words.len() {
        let (slot, bit) = filter_bit(key(words[at]));
        filter[slot] |= bit;
        at += 1;
    }
    filter
}

/// Which bit of [`FILTER`] `key` sets (the word of it and the bit in that
/// word): ten bits of the hash [`KeyMap`](super::keys::KeyMap) uses.
#[inline]
const fn filter_bit(key: u64) -> (usize, u64) {
    let hash = key_hash(key, 10);
    (hash >> 6, 1 << (hash & 63))
}

#[inline]
fn in_filter(key: u64) -> bool {
    let (slot, bit) = filter_bit(key);
    FILTER[slot] & bit != 0
}

/// The paragraph's words whose key is in [`FILTER`]: every trigger, and
/// the odd word that shares a trigger's bit.
#[derive(Debug, Clone, Default)]
pub struct WordIndex {
    /// Key and position, in text order.
    hits: Vec<(u64, usize)>,
}

impl WordIndex {
    /// Find the words of `words` that may be triggers.
    pub fn new(words: &Words<'_>) -> WordIndex {
        let mut hits = Vec::new();
        for i in 0..words.len() {
            let key = words.key(i);
            if in_filter(key) {
                hits.push((key, i));
            }
        }
        WordIndex { hits }
    }

    /// The positions of the words that are `target` (as [`Words::is`]), in
    /// text order: what [`Words::each`] finds, without a pass over every
    /// word when `target` is one of the [`TRIGGERS`].
    #[inline]
    pub fn each<'s, 'a>(&'s self, words: &'s Words<'a>, target: &'s str) -> Each<'s, 'a> {
        let wanted = key(target);
        // Every word with `target`'s key shares its bit: if the bit is set,
        // the hits hold them all; if not, every word is looked at.
        let listed = in_filter(wanted);
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
        let listed = keys.iter().all(|&k| in_filter(k));
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
    use super::{TRIGGERS, WordIndex, in_filter};
    use crate::rules::words::text::{Words, key};

    #[test]
    fn finds_what_words_each_finds() {
        let text = "To be or not to be, TO BE: don’t don't boarders boarderss the end to its";
        let words = Words::new(text);
        let index = WordIndex::new(&words);
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
        let index = WordIndex::new(&words);
        assert_eq!(words.len(), triggers.len());
        for (i, trigger) in triggers.iter().enumerate() {
            assert!(in_filter(words.key(i)), "{trigger}");
            assert!(index.each(&words, trigger).any(|at| at == i), "{trigger}");
        }
    }
}
