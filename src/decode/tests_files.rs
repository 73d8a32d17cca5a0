//! Tests of [`decode`] on real files: the shared corpus of encodings found in
//! the wild, and the fixtures the CLI snapshot tests use.

use super::{DecodeChange, DecodeOptions, Decoded, SourceEncoding, decode, encode};

fn detect(bytes: &[u8]) -> Decoded {
    decode(bytes, &DecodeOptions::default()).unwrap()
}

/// Every corpus file decodes, without C1 controls or U+FFFD left in the
/// text, and the Western European ones are read as Windows-1252. Skipped
/// when the corpus (outside this repository) is absent.
#[test]
fn real_files_from_the_corpus() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/encodings");
    let Ok(entries) = std::fs::read_dir(dir) else {
        println!("skipping: no corpus at {dir}");
        return;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        let decoded = decode(&bytes, &DecodeOptions::default())
            .unwrap_or_else(|error| panic!("{name}: {error}"));
        assert!(
            !decoded
                .text
                .contains(|c: char| ('\u{80}'..='\u{9F}').contains(&c)),
            "{name}: C1 control"
        );
        assert!(!decoded.text.contains('\u{FFFD}'), "{name}: U+FFFD");
        let western = ["1252", "8859-1", "latin1"]
            .iter()
            .any(|hint| name.contains(hint));
        if western && !bytes.is_ascii() {
            assert_eq!(
                decoded.encoding,
                SourceEncoding::Legacy(encoding_rs::WINDOWS_1252),
                "{name}"
            );
        }
    }
}

/// The fixtures the CLI snapshot tests use decode as their names promise, and
/// those without line-ending or mojibake damage encode back byte for byte.
#[test]
fn fixtures_decode_as_named() {
    use encoding_rs::WINDOWS_1252;
    macro_rules! fixture {
        ($name:literal) => {
            include_bytes!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/fixtures/encodings/",
                $name
            ))
            .as_slice()
        };
    }
    let round_trips = [
        (
            fixture!("cp1252.txt"),
            SourceEncoding::Legacy(WINDOWS_1252),
            "caf\u{e9} at the crossroads\u{2026} I",
        ),
        (
            fixture!("utf16le-bom.txt"),
            SourceEncoding::Utf16Le { bom: true },
            "ago \u{2014} maybe",
        ),
        (
            fixture!("utf16be-bom.txt"),
            SourceEncoding::Utf16Be { bom: true },
            "\u{201c}That\u{2019}s the third",
        ),
        (
            fixture!("utf8-bom.txt"),
            SourceEncoding::Utf8 { bom: true },
            "\u{201c}Then you\u{2019}d better",
        ),
    ];
    for (bytes, encoding, excerpt) in round_trips {
        let decoded = detect(bytes);
        assert_eq!(decoded.encoding, encoding);
        assert!(decoded.text.contains(excerpt), "{excerpt}");
        assert_eq!(encode(&decoded.text, encoding).unwrap(), bytes);
    }

    let decoded = detect(fixture!("mojibake.txt"));
    assert!(decoded.text.contains("Ren\u{e9}e pushed"));
    assert!(
        decoded
            .text
            .contains("\u{201c}They\u{2019}re burnt,\u{201d} she said")
    );
    assert!(matches!(
        decoded.changes[..],
        [DecodeChange::Mojibake { line: 3, .. }]
    ));

    let decoded = detect(fixture!("crlf.txt"));
    assert!(!decoded.text.contains('\r'));
    assert!(matches!(
        decoded.changes[..],
        [DecodeChange::LineEndings { line: 1, .. }]
    ));
}
