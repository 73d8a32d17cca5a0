//! Writing cleaned text back in the encoding it was read in.
//!
//! `clean --write` edits files in place, and a Windows-1252 file that comes
//! back as UTF-8 can break the author's old editor, so by default we keep the
//! file's encoding and byte-order mark. Line endings are the caller's
//! business: decoding made them LF, and restoring CRLF is a text edit.

use super::SourceEncoding;
use crate::error::{Error, Result};

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Encode text for writing back in the encoding it was read in.
///
/// # Errors
///
/// [`Error::Unencodable`] when a legacy encoding cannot hold some character
/// of the text (say `日本` in Windows-1252); nothing is silently replaced.
pub fn encode(text: &str, encoding: SourceEncoding) -> Result<Vec<u8>> {
    match encoding {
        SourceEncoding::Utf8 { bom } => {
            let mut bytes = Vec::with_capacity(text.len() + UTF8_BOM.len());
            if bom {
                bytes.extend_from_slice(UTF8_BOM);
            }
            bytes.extend_from_slice(text.as_bytes());
            Ok(bytes)
        }
        SourceEncoding::Utf16Le { bom } => Ok(utf16(text, bom, u16::to_le_bytes)),
        SourceEncoding::Utf16Be { bom } => Ok(utf16(text, bom, u16::to_be_bytes)),
        SourceEncoding::Legacy(legacy) => {
            // encoding_rs writes unmappable characters as HTML numeric
            // references and says so with `had_errors`; encodings it cannot
            // encode into at all (UTF-16, replacement) come out as UTF-8,
            // which `output_encoding` reveals.
            let (bytes, used, had_errors) = legacy.encode(text);
            if had_errors || used != legacy {
                return Err(Error::Unencodable {
                    encoding: encoding.name(),
                });
            }
            Ok(bytes.into_owned())
        }
    }
}

/// Encode UTF-16 by hand: encoding_rs only decodes it (the WHATWG Encoding
/// Standard never writes UTF-16).
fn utf16(text: &str, bom: bool, unit_bytes: fn(u16) -> [u8; 2]) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(2 * (text.len() + 1));
    if bom {
        bytes.extend_from_slice(&unit_bytes(0xFEFF));
    }
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit_bytes(unit));
    }
    bytes
}

#[cfg(test)]
mod tests {
    use super::encode;
    use crate::Error;
    use crate::decode::{DecodeOptions, SourceEncoding, decode};

    const TEXT: &str = "“Wait…” she said — café, naïve.\n";

    /// Encode, then decode again: the text and the detected encoding survive.
    fn round_trip(encoding: SourceEncoding) -> Vec<u8> {
        let bytes = encode(TEXT, encoding).unwrap();
        let decoded = decode(&bytes, &DecodeOptions::default()).unwrap();
        assert_eq!(decoded.text, TEXT);
        assert_eq!(decoded.encoding, encoding);
        assert!(decoded.lossless);
        bytes
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert!(
            round_trip(SourceEncoding::Utf8 { bom: true }).starts_with(b"\xEF\xBB\xBF\xE2\x80\x9C")
        );
        assert_eq!(
            round_trip(SourceEncoding::Utf8 { bom: false }),
            TEXT.as_bytes()
        );
    }

    #[test]
    fn utf16_with_and_without_bom() {
        assert!(round_trip(SourceEncoding::Utf16Le { bom: true }).starts_with(b"\xFF\xFE\x1C\x20"));
        assert!(round_trip(SourceEncoding::Utf16Be { bom: true }).starts_with(b"\xFE\xFF\x20\x1C"));
        round_trip(SourceEncoding::Utf16Le { bom: false });
        round_trip(SourceEncoding::Utf16Be { bom: false });
    }

    #[test]
    fn utf16_encodes_astral_characters_as_surrogate_pairs() {
        let bytes = encode("😀", SourceEncoding::Utf16Le { bom: false }).unwrap();
        assert_eq!(bytes, b"\x3D\xD8\x00\xDE");
    }

    #[test]
    fn windows_1252() {
        let bytes = round_trip(SourceEncoding::Legacy(encoding_rs::WINDOWS_1252));
        assert!(bytes.starts_with(b"\x93Wait\x85\x94"));
    }

    #[test]
    fn unmappable_characters_are_an_error() {
        let result = encode("日本", SourceEncoding::Legacy(encoding_rs::WINDOWS_1252));
        assert!(matches!(
            result,
            Err(Error::Unencodable {
                encoding: "windows-1252"
            })
        ));
    }

    #[test]
    fn encodings_without_an_encoder_are_an_error() {
        let result = encode("x", SourceEncoding::Legacy(encoding_rs::REPLACEMENT));
        assert!(matches!(result, Err(Error::Unencodable { .. })));
    }
}
