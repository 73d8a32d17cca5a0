//! Guessing an encoding when the bytes carry no byte-order mark.
//!
//! Three questions, each answered from evidence that is cheap to gather:
//! is this UTF-16 (the NUL pattern), is this UTF-8 that got a few bytes
//! damaged (valid multi-byte sequences versus invalid ones), and otherwise
//! which legacy encoding is it (chardetng on a bounded window).

use encoding_rs::Encoding;

use super::binary;

/// Byte order of UTF-16 text found by [`utf16_pattern`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Endian {
    Little,
    Big,
}

/// Detect UTF-16 without a byte-order mark from where the NULs are.
///
/// Text in Latin, Greek and Cyrillic scripts (and all markup, digits and
/// spaces) is made of code units below U+0100, so in UTF-16LE nearly every odd
/// byte is zero and in UTF-16BE nearly every even byte is. The rule, over the
/// first [`binary::PREFIX`] bytes: more than half of the units have a zero
/// byte on one side, and that side has at least four times as many zeros as
/// the other (a block of NULs, zero on both sides, counts for neither).
/// Text in CJK scripts has few zero bytes and is not detected; such files
/// almost always carry a BOM, and `--encoding utf-16le` covers the rest.
pub(super) fn utf16_pattern(bytes: &[u8]) -> Option<Endian> {
    let prefix = &bytes[..bytes.len().min(binary::PREFIX)];
    let units = prefix.len() / 2;
    let (mut even_zeros, mut odd_zeros) = (0usize, 0usize);
    for pair in prefix.chunks_exact(2) {
        even_zeros += usize::from(pair[0] == 0);
        odd_zeros += usize::from(pair[1] == 0);
    }
    if odd_zeros * 2 > units && odd_zeros >= even_zeros * 4 {
        Some(Endian::Little)
    } else if even_zeros * 2 > units && even_zeros >= odd_zeros * 4 {
        Some(Endian::Big)
    } else {
        None
    }
}

/// Whether bytes that are not valid UTF-8 are still best read as UTF-8,
/// with the invalid sequences replaced.
///
/// The rule: the bytes hold at least as many valid multi-byte UTF-8 sequences
/// as invalid ones, and at least one. Legacy text almost never contains a
/// valid multi-byte sequence by accident — in Windows-1252 that takes a
/// capital accented letter immediately followed by punctuation from
/// 0x80–0xBF, such as `É’` — while every non-ASCII byte in it is an invalid
/// sequence. So a file with many curly quotes and accents and a handful of
/// stray bytes is UTF-8 with damage (e.g. a pasted paragraph from another
/// program), not Windows-1252 to be decoded wholesale into mojibake. A file
/// whose only non-ASCII bytes are invalid is legacy. Linear in the input.
pub(super) fn is_damaged_utf8(bytes: &[u8]) -> bool {
    let (mut valid, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().bytes().filter(|&b| b >= 0xC0).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    valid > 0 && valid >= invalid
}

/// How many bytes chardetng sees.
///
/// chardetng scores about thirty candidate encodings per byte, so it costs far
/// more per byte than decoding; a bounded window keeps a 100 MB file cheap.
/// Its guess settles after a few hundred non-ASCII bytes, and one story
/// chapter of 64 KiB (about 10,000 words) holds that many even in English
/// text whose only non-ASCII characters are curly quotes. ASCII teaches it
/// nothing, so the window starts just before the first non-ASCII byte: a
/// long ASCII header (title, tags, author's notes) cannot use it up.
const SNIFF_WINDOW: usize = 64 * 1024;

/// ASCII kept before the first non-ASCII byte; chardetng looks at the two
/// bytes before a non-ASCII byte, a few more are harmless.
const SNIFF_CONTEXT: usize = 16;

/// Non-ASCII bytes chardetng needs before its choice between Western and
/// other Latin-script encodings means anything; see [`guess_legacy`].
const MIN_LATIN_EVIDENCE: usize = 16;

/// Latin-script encodings chardetng may pick instead of Windows-1252; they
/// share ASCII and differ only in a few accented letters.
const LATIN_RELATIVES: &[&Encoding] = &[
    encoding_rs::WINDOWS_1250,
    encoding_rs::ISO_8859_2,
    encoding_rs::WINDOWS_1254,
    encoding_rs::WINDOWS_1257,
    encoding_rs::ISO_8859_13,
    encoding_rs::WINDOWS_1258,
    encoding_rs::ISO_8859_4,
];

/// Guess the legacy encoding of bytes known not to be UTF-8.
///
/// chardetng decides, except in one case: when it picks a Latin-script
/// relative of Windows-1252 from fewer than [`MIN_LATIN_EVIDENCE`] non-ASCII
/// bytes. A handful of bytes cannot separate those encodings (chardetng reads
/// the `£` of "£825" as the Polish `Ł` of windows-1250), and in a story the few
/// non-ASCII bytes are nearly always Windows-1252 punctuation, `£` or `é`.
/// Guesses of other scripts (Cyrillic, Greek, CJK) are kept: their letters
/// are evidence even in small numbers.
pub(super) fn guess_legacy(bytes: &[u8]) -> &'static Encoding {
    let start = Encoding::ascii_valid_up_to(bytes).saturating_sub(SNIFF_CONTEXT);
    let end = bytes.len().min(start.saturating_add(SNIFF_WINDOW));
    let window = &bytes[start..end];
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(window, end == bytes.len());
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    let evidence = window.iter().filter(|b| !b.is_ascii()).count();
    if evidence < MIN_LATIN_EVIDENCE && LATIN_RELATIVES.contains(&guess) {
        return encoding_rs::WINDOWS_1252;
    }
    guess
}

#[cfg(test)]
mod tests {
    use super::{Endian, guess_legacy, is_damaged_utf8, utf16_pattern};

    fn utf16(text: &str, endian: Endian) -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|unit| match endian {
                Endian::Little => unit.to_le_bytes(),
                Endian::Big => unit.to_be_bytes(),
            })
            .collect()
    }

    #[test]
    fn finds_utf16_from_nul_pattern() {
        let text = "“Hi,” she said. Привет.\n";
        assert_eq!(
            utf16_pattern(&utf16(text, Endian::Little)),
            Some(Endian::Little)
        );
        assert_eq!(utf16_pattern(&utf16(text, Endian::Big)), Some(Endian::Big));
    }

    #[test]
    fn plain_text_and_nul_blocks_are_not_utf16() {
        assert_eq!(utf16_pattern(b""), None);
        assert_eq!(utf16_pattern(b"Plain ASCII text."), None);
        assert_eq!(utf16_pattern(&[0; 64]), None);
        assert_eq!(utf16_pattern(b"Stray\0NUL\0here"), None);
    }

    #[test]
    fn damaged_utf8_versus_legacy() {
        let mut damaged = "Café “au lait” ".as_bytes().to_vec();
        damaged.push(0xFF);
        assert!(is_damaged_utf8(&damaged));
        assert!(is_damaged_utf8(b"caf\xC3\xA9 \x93"));
        assert!(!is_damaged_utf8(b"He said, \x93Hi.\x94 \x85"));
        assert!(!is_damaged_utf8(b"no multibyte \xFF"));
    }

    #[test]
    fn smart_quotes_are_windows_1252() {
        let bytes = b"Then he said, \x93The name's Bond.\x94 She sighed\x85 \x91ok\x92.";
        assert_eq!(guess_legacy(bytes), encoding_rs::WINDOWS_1252);
    }

    #[test]
    fn few_bytes_prefer_windows_1252_over_latin_relatives() {
        let bytes = b"if rangers draw i stand to lift \xA3825. not bad for a \xA32 bet.";
        assert_eq!(guess_legacy(bytes), encoding_rs::WINDOWS_1252);
    }

    #[test]
    fn other_scripts_keep_their_guess() {
        let bytes = b"\xC3\xEB\xE0\xE2\xE0 1. \xCF\xF0\xE8\xE2\xE5\xF2, \xEC\xE8\xF0!";
        assert_eq!(guess_legacy(bytes), encoding_rs::WINDOWS_1251);
    }

    #[test]
    fn window_starts_at_first_non_ascii_byte() {
        let mut bytes = "An ASCII header line.\n".repeat(5000).into_bytes();
        bytes.extend_from_slice(b"Die Schule geh\xF6rt zum Netzwerk f\xFCr Auslandsschulen.");
        assert_eq!(guess_legacy(&bytes), encoding_rs::WINDOWS_1252);
    }
}
