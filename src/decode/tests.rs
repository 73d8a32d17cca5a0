//! End-to-end tests of [`decode`]: each requirement of the decoding stage,
//! from bytes to normalised text and reported changes.

use super::{DecodeChange, DecodeOptions, Decoded, SourceEncoding, decode, encoding_for_label};
use crate::Error;

fn detect(bytes: &[u8]) -> Decoded {
    decode(bytes, &DecodeOptions::default()).unwrap()
}

fn forced(bytes: &[u8], label: &str) -> Decoded {
    let encoding = Some(encoding_for_label(label).unwrap());
    decode(bytes, &DecodeOptions { encoding }).unwrap()
}

fn binary_kind(bytes: &[u8]) -> &'static str {
    match decode(bytes, &DecodeOptions::default()) {
        Err(Error::Binary { kind }) => kind,
        other => panic!("expected a binary error, got {other:?}"),
    }
}

fn utf16le(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

fn utf16be(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_be_bytes).collect()
}

#[test]
fn plain_utf8_is_unchanged() {
    let decoded = detect("“Hi,” said Zoë.\n".as_bytes());
    assert_eq!(decoded.text, "“Hi,” said Zoë.\n");
    assert_eq!(decoded.encoding, SourceEncoding::Utf8 { bom: false });
    assert!(decoded.lossless && decoded.changes.is_empty());
}

#[test]
fn empty_and_whitespace_only_input() {
    let decoded = detect(b"");
    assert_eq!((decoded.text.as_str(), decoded.lossless), ("", true));
    assert_eq!(detect(b" \r\n\t\n").text, " \n\t\n");
}

#[test]
fn byte_order_marks_are_stripped() {
    let cases: [(Vec<u8>, SourceEncoding); 3] = [
        (
            [b"\xEF\xBB\xBF".to_vec(), "Hé".as_bytes().to_vec()].concat(),
            SourceEncoding::Utf8 { bom: true },
        ),
        (
            [b"\xFF\xFE".to_vec(), utf16le("Hé")].concat(),
            SourceEncoding::Utf16Le { bom: true },
        ),
        (
            [b"\xFE\xFF".to_vec(), utf16be("Hé")].concat(),
            SourceEncoding::Utf16Be { bom: true },
        ),
    ];
    for (bytes, encoding) in cases {
        let decoded = detect(&bytes);
        assert_eq!(decoded.text, "Hé");
        assert_eq!(decoded.encoding, encoding);
        assert!(decoded.changes.contains(&DecodeChange::ByteOrderMark));
    }
}

#[test]
fn utf16_without_bom_is_detected() {
    let text = "She said “no.”\r\nHe left.";
    let decoded = detect(&utf16le(text));
    assert_eq!(
        (decoded.text.as_str(), decoded.encoding),
        (
            "She said “no.”\nHe left.",
            SourceEncoding::Utf16Le { bom: false }
        )
    );
    let decoded = detect(&utf16be(text));
    assert_eq!(decoded.encoding, SourceEncoding::Utf16Be { bom: false });
    assert_eq!(
        decoded.changes[0],
        DecodeChange::LegacyEncoding {
            encoding: "UTF-16BE",
            forced: false
        }
    );
}

#[test]
fn windows_1252_punctuation_is_not_c1() {
    let decoded = detect(b"\x93Don\x92t,\x94 she said\x85 caf\xE9.");
    assert_eq!(decoded.text, "“Don’t,” she said… café.");
    assert_eq!(
        decoded.encoding,
        SourceEncoding::Legacy(encoding_rs::WINDOWS_1252)
    );
    assert!(decoded.lossless);
    assert_eq!(
        decoded.changes,
        [DecodeChange::LegacyEncoding {
            encoding: "windows-1252",
            forced: false
        }]
    );
}

#[test]
fn forced_encoding_wins() {
    let decoded = forced(b"\x93Hi\x94", "iso-8859-1");
    assert_eq!(decoded.text, "“Hi”");
    assert_eq!(
        decoded.changes,
        [DecodeChange::LegacyEncoding {
            encoding: "windows-1252",
            forced: true
        }]
    );
    // A UTF-8 BOM does not stop a forced legacy decode...
    assert_eq!(forced(b"\xEF\xBB\xBFx", "windows-1252").text, "ï»¿x");
    // ...and is stripped when UTF-8 is forced.
    let decoded = forced(b"\xEF\xBB\xBFx", "utf-8");
    assert_eq!(
        (decoded.text.as_str(), decoded.encoding),
        ("x", SourceEncoding::Utf8 { bom: true })
    );
    // Valid UTF-8 forced to Windows-1252 is read as Windows-1252 (then repaired).
    assert_eq!(
        forced("It’s".as_bytes(), "windows-1252").encoding,
        SourceEncoding::Legacy(encoding_rs::WINDOWS_1252)
    );
}

#[test]
fn forced_decode_with_errors_is_lossy() {
    let decoded = forced(b"ok\n\xFF", "utf-8");
    assert!(!decoded.lossless);
    assert_eq!(
        decoded.changes,
        [DecodeChange::InvalidBytes { line: 2, count: 1 }]
    );
    let decoded = forced(b"\x82\xA0\xFF\xFF", "shift_jis");
    assert!(!decoded.lossless);
}

#[test]
fn unknown_label_is_an_error() {
    assert!(
        matches!(encoding_for_label("klingon"), Err(Error::UnknownEncoding(label)) if label == "klingon")
    );
    assert_eq!(
        encoding_for_label(" Latin1 ").unwrap(),
        encoding_rs::WINDOWS_1252
    );
}

#[test]
fn binary_files_are_refused() {
    assert_eq!(binary_kind(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), "a PNG image");
    assert_eq!(binary_kind(b"PK\x03\x04\x14\0\0\0\x08\0"), "a ZIP archive");
    assert_eq!(binary_kind(b"%PDF-1.4\n"), "a PDF document");
    let mut epub = b"PK\x03\x04\x0A\0\0\0\0\0".to_vec();
    epub.resize(30, 0);
    epub.extend_from_slice(b"mimetypeapplication/epub+zip");
    assert_eq!(binary_kind(&epub), "an EPUB book");
    let generic: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    assert_eq!(binary_kind(&generic), "a binary file");
    assert_eq!(
        binary_kind(&utf16le("\0\u{1}\u{2}\u{3}\u{4}\u{5}ab")),
        "a binary file"
    );
}

#[test]
fn stray_nuls_are_dropped_and_reported() {
    let decoded = detect(b"First line.\nSec\0ond\0 line.\n");
    assert_eq!(decoded.text, "First line.\nSecond line.\n");
    assert_eq!(
        decoded.changes,
        [DecodeChange::ControlCharacters { line: 2, count: 2 }]
    );
    assert!(decoded.lossless);
}

#[test]
fn line_endings_are_normalised_with_counts() {
    let decoded = detect(b"one\ntwo\r\nthree\rfour\r\n");
    assert_eq!(decoded.text, "one\ntwo\nthree\nfour\n");
    assert_eq!(
        decoded.changes,
        [DecodeChange::LineEndings { line: 2, count: 3 }]
    );
}

#[test]
fn mojibake_is_repaired() {
    let decoded = detect("Title\r\n\r\nâ€œItâ€™s fine,â€\u{FFFD} said RenÃ©e.".as_bytes());
    assert_eq!(decoded.text, "Title\n\n“It’s fine,” said Renée.");
    assert_eq!(
        decoded.changes,
        [
            DecodeChange::Mojibake { line: 3, count: 4 },
            DecodeChange::LineEndings { line: 1, count: 2 }
        ]
    );
}

#[test]
fn mojibake_with_c1_stand_in_is_repaired_before_controls_are_dropped() {
    assert_eq!(detect("â€œHi.â€\u{9D}".as_bytes()).text, "“Hi.”");
}

#[test]
fn lone_a_tilde_is_not_mojibake() {
    for text in ["SÃO PAULO", "Ã ", "ÃO", "Meet JoÃ©l."] {
        let decoded = detect(text.as_bytes());
        assert_eq!(decoded.text, text);
        assert!(decoded.changes.is_empty());
    }
}

#[test]
fn invalid_bytes_in_utf8_stay_utf8() {
    let mut bytes = "“Café,” she said — “déjà vu.”\n".repeat(3).into_bytes();
    bytes.extend_from_slice(b"A bad byte: \xFF, and \x93 here.\n");
    bytes.extend_from_slice("More “quotes” after.\n".as_bytes());
    let decoded = detect(&bytes);
    assert_eq!(decoded.encoding, SourceEncoding::Utf8 { bom: false });
    assert!(!decoded.lossless);
    assert!(
        decoded
            .text
            .contains("A bad byte: \u{FFFD}, and \u{FFFD} here.\nMore “quotes”")
    );
    assert_eq!(
        decoded.changes,
        [DecodeChange::InvalidBytes { line: 4, count: 2 }]
    );
}

#[test]
fn arbitrary_bytes_never_panic() {
    // A cheap deterministic generator; every outcome but a panic is fine.
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    for length in 0..600 {
        let bytes: Vec<u8> = (0..length)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                [0x00, 0x0D, 0x0A, 0xC3, 0xE2, 0x80, 0x9D, 0xFF, 0xFE, b'a'][(state % 10) as usize]
            })
            .collect();
        let _ = decode(&bytes, &DecodeOptions::default());
        let _ = decode(
            &bytes,
            &DecodeOptions {
                encoding: Some(encoding_rs::UTF_16BE),
            },
        );
    }
}
