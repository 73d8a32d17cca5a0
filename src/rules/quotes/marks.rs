//! Where the curly quotation marks of a paragraph are, found by byte
//! search rather than by decoding every character.
//!
//! Every curly quote (`“ ” ‘ ’ „ ‚`) is three bytes in UTF-8 that start
//! with 0xE2, 0x80; 0xE2 only ever starts a character, so a SIMD search for
//! it finds every candidate and a look at the next two bytes settles it.
//! Most paragraphs hold only a few such characters, or none, and the rules
//! that look at quotes work from these hits alone.

/// The curly quotes of `text` with their byte offsets, in order.
pub fn curly(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let bytes = text.as_bytes();
    memchr::memchr_iter(0xE2, bytes).filter_map(move |at| {
        let quote = match bytes.get(at + 1..at + 3)? {
            [0x80, 0x98] => '‘',
            [0x80, 0x99] => '’',
            [0x80, 0x9A] => '‚',
            [0x80, 0x9C] => '“',
            [0x80, 0x9D] => '”',
            [0x80, 0x9E] => '„',
            _ => return None,
        };
        Some((at, quote))
    })
}

#[cfg(test)]
mod tests {
    use super::curly;

    #[test]
    fn finds_every_curly_quote_and_nothing_else() {
        let text = "“a” ‘b’ „c‚ — … €";
        let expected: Vec<(usize, char)> = text
            .char_indices()
            .filter(|(_, c)| matches!(c, '“' | '”' | '‘' | '’' | '„' | '‚'))
            .collect();
        assert_eq!(curly(text).collect::<Vec<_>>(), expected);
        assert_eq!(curly("plain \"text\" and 'more'").count(), 0);
    }
}
