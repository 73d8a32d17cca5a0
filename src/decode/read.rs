//! Turning bytes into text: choosing the encoding and decoding with it.
//!
//! Without `--encoding` the evidence is weighed strongest first: a byte-order
//! mark is a declaration, the UTF-16 NUL pattern is nearly one, valid UTF-8 is
//! overwhelming evidence for UTF-8, and only then do we guess (see
//! [`super::sniff`]). With `--encoding` the user's choice wins over all of it.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

use super::normalize::line_of;
use super::sniff::{self, Endian};
use super::{DecodeChange, SourceEncoding, binary};
use crate::error::{Error, Result};

/// Text as decoded, before mojibake repair and normalisation.
#[derive(Debug)]
pub(super) struct RawText<'a> {
    /// The decoded text, borrowed from the input when it was valid UTF-8.
    pub(super) text: Cow<'a, str>,
    /// The encoding the text was read in.
    pub(super) encoding: SourceEncoding,
    /// False when some bytes could not be decoded and became U+FFFD.
    pub(super) lossless: bool,
    /// Encoding findings: legacy encoding, byte-order mark, invalid bytes.
    pub(super) changes: Vec<DecodeChange>,
}

/// Read bytes in the encoding the user forced.
///
/// A byte-order mark is stripped only when it belongs to the forced encoding
/// (so forcing UTF-8 on a file with a UTF-8 BOM drops the BOM); a mark of
/// another encoding is decoded like any other bytes, because the user's
/// choice wins.
pub(super) fn read_forced<'a>(bytes: &'a [u8], encoding: &'static Encoding) -> Result<RawText<'a>> {
    let bom_len = match Encoding::for_bom(bytes) {
        Some((bom_encoding, len)) if bom_encoding == encoding => len,
        _ => 0,
    };
    let body = &bytes[bom_len..];
    let utf16 = encoding == UTF_16LE || encoding == UTF_16BE;
    if !utf16 && sniff::utf16_pattern(body).is_none() && binary::looks_binary(body) {
        return Err(Error::Binary {
            kind: binary::GENERIC_KIND,
        });
    }
    let source = source_encoding(encoding, bom_len > 0);
    let changes = not_utf8(source, true).into_iter().collect();
    Ok(decoded(body, encoding, source, changes))
}

/// Read bytes in the encoding they declare or show.
pub(super) fn read_detected(bytes: &[u8]) -> Result<RawText<'_>> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let source = source_encoding(encoding, true);
        let mut changes: Vec<_> = not_utf8(source, false).into_iter().collect();
        changes.push(DecodeChange::ByteOrderMark);
        return Ok(decoded(&bytes[bom_len..], encoding, source, changes));
    }

    if let Some(endian) = sniff::utf16_pattern(bytes) {
        let prefix = &bytes[..bytes.len().min(binary::PREFIX)];
        let units = prefix.chunks_exact(2).map(|pair| match endian {
            Endian::Little => u16::from_le_bytes([pair[0], pair[1]]),
            Endian::Big => u16::from_be_bytes([pair[0], pair[1]]),
        });
        if binary::mostly_controls(units) {
            return Err(Error::Binary {
                kind: binary::GENERIC_KIND,
            });
        }
        let encoding = match endian {
            Endian::Little => UTF_16LE,
            Endian::Big => UTF_16BE,
        };
        let source = source_encoding(encoding, false);
        let changes = not_utf8(source, false).into_iter().collect();
        return Ok(decoded(bytes, encoding, source, changes));
    }

    if binary::looks_binary(bytes) {
        return Err(Error::Binary {
            kind: binary::GENERIC_KIND,
        });
    }
    let utf8 = SourceEncoding::Utf8 { bom: false };
    if let Ok(text) = std::str::from_utf8(bytes) {
        let text = Cow::Borrowed(text);
        return Ok(RawText {
            text,
            encoding: utf8,
            lossless: true,
            changes: Vec::new(),
        });
    }
    if sniff::is_damaged_utf8(bytes) {
        return Ok(decoded(bytes, UTF_8, utf8, Vec::new()));
    }
    let encoding = sniff::guess_legacy(bytes);
    let source = source_encoding(encoding, false);
    let changes = not_utf8(source, false).into_iter().collect();
    Ok(decoded(bytes, encoding, source, changes))
}

/// The change that records reading a file as something other than UTF-8.
fn not_utf8(source: SourceEncoding, forced: bool) -> Option<DecodeChange> {
    let encoding = source.name();
    let utf8 = matches!(source, SourceEncoding::Utf8 { .. });
    (!utf8).then_some(DecodeChange::LegacyEncoding { encoding, forced })
}

/// The [`SourceEncoding`] for an encoding_rs encoding.
fn source_encoding(encoding: &'static Encoding, bom: bool) -> SourceEncoding {
    if encoding == UTF_8 {
        SourceEncoding::Utf8 { bom }
    } else if encoding == UTF_16LE {
        SourceEncoding::Utf16Le { bom }
    } else if encoding == UTF_16BE {
        SourceEncoding::Utf16Be { bom }
    } else {
        SourceEncoding::Legacy(encoding)
    }
}

/// Decode `body` (BOM already removed) and add an `InvalidBytes` change when
/// some bytes had to be replaced.
fn decoded<'a>(
    body: &'a [u8],
    encoding: &'static Encoding,
    source: SourceEncoding,
    mut changes: Vec<DecodeChange>,
) -> RawText<'a> {
    let (text, invalid) = if encoding == UTF_8 {
        decode_utf8(body)
    } else {
        decode_other(body, encoding)
    };
    if let Some((offset, count)) = invalid {
        changes.push(DecodeChange::InvalidBytes {
            line: line_of(&text, offset),
            count,
        });
    }
    RawText {
        text,
        encoding: source,
        lossless: invalid.is_none(),
        changes,
    }
}

/// Decode UTF-8, replacing each maximal invalid sequence with one U+FFFD
/// (the WHATWG and `String::from_utf8_lossy` convention). Returns the text
/// and, if anything was replaced, the byte offset in the text of the first
/// replacement and the number of replacements. Valid input is borrowed.
fn decode_utf8(body: &[u8]) -> (Cow<'_, str>, Option<(usize, usize)>) {
    if let Ok(text) = std::str::from_utf8(body) {
        return (Cow::Borrowed(text), None);
    }
    let mut text = String::with_capacity(body.len() + 16);
    let (mut first, mut count) = (None, 0);
    for chunk in body.utf8_chunks() {
        text.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            first.get_or_insert(text.len());
            count += 1;
            text.push(char::REPLACEMENT_CHARACTER);
        }
    }
    (Cow::Owned(text), first.map(|offset| (offset, count)))
}

/// Decode with encoding_rs. It reports only whether it replaced anything, so
/// the replacements are found by looking for U+FFFD in the output; a U+FFFD
/// that was already in the file (possible only in UTF-16 and GB18030) is
/// counted with them, which only happens in a file that is damaged anyway.
fn decode_other<'a>(
    body: &'a [u8],
    encoding: &'static Encoding,
) -> (Cow<'a, str>, Option<(usize, usize)>) {
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    if !had_errors {
        return (text, None);
    }
    let first = text.find(char::REPLACEMENT_CHARACTER).unwrap_or(0);
    let count = text.matches(char::REPLACEMENT_CHARACTER).count().max(1);
    (text, Some((first, count)))
}

#[cfg(test)]
mod tests {
    use super::{decode_utf8, read_detected, read_forced};
    use crate::decode::{DecodeChange, SourceEncoding};

    #[test]
    fn valid_utf8_is_borrowed() {
        let (text, invalid) = decode_utf8("déjà vu".as_bytes());
        assert!(matches!(text, std::borrow::Cow::Borrowed("déjà vu")));
        assert_eq!(invalid, None);
    }

    #[test]
    fn invalid_utf8_counts_each_sequence_once() {
        let (text, invalid) = decode_utf8(b"a\xFF\xFEb\nc\xE2\x80");
        assert_eq!(text, "a\u{FFFD}\u{FFFD}b\nc\u{FFFD}");
        assert_eq!(invalid, Some((1, 3)));
    }

    #[test]
    fn forced_utf8_strips_its_bom_only() {
        let raw = read_forced(b"\xEF\xBB\xBFHi", encoding_rs::UTF_8).unwrap();
        assert_eq!(raw.text, "Hi");
        assert_eq!(raw.encoding, SourceEncoding::Utf8 { bom: true });
        let raw = read_forced(b"\xEF\xBB\xBFHi", encoding_rs::WINDOWS_1252).unwrap();
        assert_eq!(raw.text, "ï»¿Hi");
    }

    #[test]
    fn legacy_with_undefined_bytes_is_lossy() {
        // 0xD2 is undefined in windows-1253 (Greek).
        let raw = read_forced(b"\xE1\xE2\n\xD2", encoding_rs::WINDOWS_1253).unwrap();
        assert!(!raw.lossless);
        assert!(
            raw.changes
                .contains(&DecodeChange::InvalidBytes { line: 2, count: 1 })
        );
    }

    #[test]
    fn empty_input_is_utf8() {
        let raw = read_detected(b"").unwrap();
        assert_eq!(raw.text, "");
        assert_eq!(raw.encoding, SourceEncoding::Utf8 { bom: false });
        assert!(raw.lossless && raw.changes.is_empty());
    }
}
