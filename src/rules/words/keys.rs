//! Word keys: a word's first eight folded bytes as one `u64`, so that "is
//! this `your`?" is one comparison, and [`KeyMap`], a filter-fronted map
//! from keys for rules that start from a set of words.

/// How many leading bytes of a folded word its [`key`] holds.
pub(crate) const KEY_LEN: usize = 8;

/// A word's key: the first [`KEY_LEN`] bytes of its folded form (ASCII
/// lower case, `’` as `'`), little-endian, zero-padded. Words hold no NUL,
/// so two words shorter than [`KEY_LEN`] bytes are the same word exactly
/// when their keys are equal; longer ones must also compare their tails.
/// `const`, so that a rule can name the words it looks for:
/// `const LOOSE: u64 = key("loose");`.
pub const fn key(word: &str) -> u64 {
    let bytes = word.as_bytes();
    let mut key = 0u64;
    let mut at = 0;
    while at < bytes.len() && at < KEY_LEN {
        key |= (bytes[at].to_ascii_lowercase() as u64) << (8 * at);
        at += 1;
    }
    key
}

/// The key of a word with a `’` inside, which folds to `'` (one byte for
/// three): the rare case, byte by byte.
pub(super) fn curly_key(word: &str) -> u64 {
    let mut key = 0u64;
    let mut bytes = word.chars().flat_map(|c| {
        let c = if c == '’' { '\'' } else { c };
        let mut buffer = [0u8; 4];
        let len = c.encode_utf8(&mut buffer).len();
        buffer.into_iter().take(len)
    });
    for at in 0..KEY_LEN {
        let Some(byte) = bytes.next() else { break };
        key |= u64::from(byte.to_ascii_lowercase()) << (8 * at);
    }
    key
}

/// Every byte's lowest bit, and every byte's top bit, of a `u64`.
pub(crate) const ONES: u64 = u64::from_ne_bytes([1; 8]);
pub(crate) const TOPS: u64 = ONES * 0x80;

/// The top bit of each byte of `word` that is ASCII and in `low..=high`
/// (both ASCII), eight bytes at a time: of a byte's low seven bits, adding
/// `0x80 - low` sets its top bit from `low` up and adding `0x80 - high - 1`
/// from past `high` up, the sums never carry into the next byte, and a
/// byte with its own top bit set is not ASCII.
#[inline]
pub(crate) const fn ascii_in_range(word: u64, low: u8, high: u8) -> u64 {
    let seven = word & !TOPS;
    let from_low = seven + ONES * (0x80 - low as u64);
    let past_high = seven + ONES * (0x80 - high as u64 - 1);
    (from_low ^ past_high) & !word & TOPS
}

/// The eight bytes of `word` with ASCII capitals in lower case and every
/// other byte kept (a capital's top bit, shifted down, is its `0x20`).
#[inline]
pub(crate) const fn ascii_lowercase_u64(word: u64) -> u64 {
    word | (ascii_in_range(word, b'A', b'Z') >> 2)
}

/// Values looked up by word [`key`], for rules that start from a set of
/// words: a 4096-bit filter says "none of these" to nearly every word of
/// prose in a few instructions (the eggcorns' hundred first words set one
/// bit in forty), and the few keys under a set bit are then compared one
/// by one, with no hashing beyond the filter's.
#[derive(Debug)]
pub struct KeyMap<V> {
    filter: KeyFilter,
    /// The entries under each filter bit.
    buckets: Vec<Vec<(u64, V)>>,
}

impl<V> Default for KeyMap<V> {
    fn default() -> Self {
        KeyMap {
            filter: KeyFilter::default(),
            buckets: Vec::new(),
        }
    }
}

impl<V> KeyMap<V> {
    /// The value under `key`, made with `V::default()` if there is none.
    pub fn entry(&mut self, key: u64) -> &mut V
    where
        V: Default,
    {
        let bit = self.filter.add(key);
        if self.buckets.is_empty() {
            self.buckets.resize_with(FILTER_BITS, Vec::new);
        }
        let bucket = &mut self.buckets[bit];
        let at = match bucket.iter().position(|(k, _)| *k == key) {
            Some(at) => at,
            None => {
                bucket.push((key, V::default()));
                bucket.len() - 1
            }
        };
        &mut bucket[at].1
    }

    /// The value under `key`, if any.
    #[inline]
    pub fn get(&self, key: u64) -> Option<&V> {
        let bit = filter_bit(key);
        if !self.filter.has_bit(bit) {
            return None;
        }
        let bucket = self.buckets.get(bit)?;
        bucket.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }
}

/// A 4096-bit filter of word keys: a key whose bit is clear was never
/// added, found in a few instructions; a set bit may be another key's.
/// [`KeyMap`] is fronted by one, and the word index
/// ([`super::index::STARTS`]) is one.
#[derive(Debug, Clone)]
pub(crate) struct KeyFilter([u64; FILTER_BITS / 64]);

/// The bits of a [`KeyFilter`].
const FILTER_BITS: usize = 4096;

impl Default for KeyFilter {
    fn default() -> Self {
        KeyFilter([0; FILTER_BITS / 64])
    }
}

impl KeyFilter {
    /// Set `key`'s bit, and say which it is.
    pub(crate) fn add(&mut self, key: u64) -> usize {
        let bit = filter_bit(key);
        self.0[bit / 64] |= 1 << (bit % 64);
        bit
    }

    /// Whether `key`'s bit is set: always for a key added.
    #[inline]
    pub(crate) fn has(&self, key: u64) -> bool {
        self.has_bit(filter_bit(key))
    }

    #[inline]
    fn has_bit(&self, bit: usize) -> bool {
        self.0[bit / 64] & (1 << (bit % 64)) != 0
    }
}

/// Which bit of a [`KeyFilter`] `key` sets: the top bits of a
/// multiplicative hash of it.
#[inline]
fn filter_bit(key: u64) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - FILTER_BITS.ilog2())) as usize
}
