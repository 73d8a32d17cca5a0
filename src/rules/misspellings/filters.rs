//! The misspelling table's two filters: bit arrays that say "not in the
//! table" to nearly every word of prose in a few instructions, before any
//! look-up.
//!
//! `build.rs` compiles this file too (with `words/keys.rs`, the only code
//! it uses) and makes the built-in table's filters once, at build time:
//! hashing 64,000 entries was two thirds of the start-up of a run on a
//! small story. Program and build script hash with the same code, so they
//! cannot disagree.

use super::keys::{ascii_lowercase_u64, key};

/// Bits in each filter: 2^20 (128 KB) leaves the built-in table's 64,000
/// entries setting one bit in sixteen.
pub(crate) const FILTER_BITS: u32 = 20;

/// Bytes in each filter.
pub(crate) const FILTER_BYTES: usize = 1 << (FILTER_BITS - 3);

/// The filters of a set of misspellings, eight bits to a byte: bit `b` is
/// bit `b % 8` of byte `b / 8` (bytes, not words, so that a filter made at
/// build time can be included as it is, with no alignment to keep).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Filters {
    /// One bit per [`filter_bit`] of every misspelling of four bytes or
    /// more.
    pub filter: Vec<u8>,
    /// One bit per [`key_bit`] of every misspelling: a coarser filter asked
    /// first, from a word's [`key`] with no look at its bytes.
    pub key_filter: Vec<u8>,
}

impl Filters {
    /// Filters of no misspelling.
    pub fn new() -> Filters {
        Filters {
            filter: vec![0; FILTER_BYTES],
            key_filter: vec![0; FILTER_BYTES],
        }
    }

    /// Set the bits of `misspelling` (lower case).
    pub fn add(&mut self, misspelling: &str) {
        if misspelling.len() >= 4 {
            set_bit(&mut self.filter, filter_bit(misspelling.as_bytes()));
        }
        set_bit(
            &mut self.key_filter,
            key_bit(key(misspelling), misspelling.len()),
        );
    }
}

fn set_bit(filter: &mut [u8], bit: usize) {
    filter[bit / 8] |= 1 << (bit % 8);
}

/// Whether bit `bit` of `filter` is set.
#[inline]
pub(crate) fn has_bit(filter: &[u8], bit: usize) -> bool {
    filter
        .get(bit / 8)
        .is_some_and(|bits| bits & (1 << (bit % 8)) != 0)
}

/// The key-filter bit of a word of `len` bytes whose [`key`] (its first
/// eight bytes, folded) is `key`.
#[inline]
pub(crate) fn key_bit(key: u64, len: usize) -> usize {
    let hash = (key ^ (len as u64).rotate_right(8)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (hash >> (64 - FILTER_BITS)) as usize
}

/// The filter bit of `word` (four bytes or more), ignoring ASCII case: a
/// multiplicative hash of its length and its first and last eight (or
/// four) bytes, lower-cased, so that `Comming` finds the bit of `comming`
/// without being copied.
#[inline]
pub(crate) fn filter_bit(word: &[u8]) -> usize {
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
