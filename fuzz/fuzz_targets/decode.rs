//! Decode arbitrary bytes and check what `Decoded` promises.
//!
//! Every input either is refused as binary or decodes to normalised text:
//! LF line endings only, no control characters but tab and newline, no
//! byte-order mark or C1 control left. Decoding the decoded text again
//! changes nothing (the one documented exception, an unused C1 control
//! between two halves of a mojibake sequence, is skipped).
//!
//! An input whose first byte is below 8 is decoded with the forced encoding
//! that byte picks, the rest of the input being the text.

#![no_main]

use encoding_rs::Encoding;
use ficpress::decode::{self, DecodeOptions, SourceEncoding};
use libfuzzer_sys::fuzz_target;

/// The encodings `--encoding` is most often given.
const FORCED: [&Encoding; 8] = [
    encoding_rs::UTF_8,
    encoding_rs::WINDOWS_1252,
    encoding_rs::UTF_16LE,
    encoding_rs::UTF_16BE,
    encoding_rs::SHIFT_JIS,
    encoding_rs::GB18030,
    encoding_rs::KOI8_R,
    encoding_rs::ISO_8859_2,
];

fuzz_target!(|data: &[u8]| {
    let (forced, bytes) = match data.split_first() {
        Some((&selector, rest)) if usize::from(selector) < FORCED.len() => {
            (Some(FORCED[usize::from(selector)]), rest)
        }
        _ => (None, data),
    };
    let options = DecodeOptions { encoding: forced };
    let Ok(decoded) = decode::decode(bytes, &options) else {
        return;
    };
    check_normalised(&decoded.text);
    if forced.is_none() && !has_c1_control(bytes, decoded.encoding) {
        // Decoded text is UTF-8; reading it again must find nothing to do
        // (unless it now starts like a binary file, e.g. with `%PDF-`).
        if let Ok(again) = decode::decode(decoded.text.as_bytes(), &DecodeOptions::default()) {
            assert_eq!(again.text, decoded.text, "decoding is not idempotent");
            assert!(again.lossless);
        }
    }
});

fn check_normalised(text: &str) {
    for (at, c) in text.char_indices() {
        assert!(
            !c.is_control() || c == '\n' || c == '\t',
            "control character {c:?} at byte {at}"
        );
        assert!(c != '\u{FEFF}', "byte-order mark at byte {at}");
    }
}

/// Whether the raw decoded text holds a C1 control (the documented
/// exception to idempotence: mojibake repair reads them as bytes).
fn has_c1_control(bytes: &[u8], encoding: SourceEncoding) -> bool {
    let encoding = match encoding {
        SourceEncoding::Utf8 { .. } => encoding_rs::UTF_8,
        SourceEncoding::Utf16Le { .. } => encoding_rs::UTF_16LE,
        SourceEncoding::Utf16Be { .. } => encoding_rs::UTF_16BE,
        SourceEncoding::Legacy(encoding) => encoding,
    };
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    text.chars().any(|c| ('\u{80}'..='\u{9F}').contains(&c))
}
