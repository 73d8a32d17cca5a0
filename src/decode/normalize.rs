//! Normalising decoded text: LF line endings and no control characters.
//!
//! Every later stage (splitting, structure detection, rules) can then assume
//! that a line ends with `\n` and that the only control characters are `\n`
//! and `\t`. Stray NULs, form feeds, C1 controls (U+0080–U+009F, what
//! Windows-1252 punctuation becomes when a file is read as true Latin-1) and
//! byte-order marks in mid-text are invisible in an editor but break
//! matching, so they are dropped; none of them carries story content.
//!
//! It runs twice, around mojibake repair (see `mod.rs`): first for everything
//! but the C1 controls, which mojibake repair needs as stand-ins for
//! undefined Windows-1252 bytes, then once more for the C1 controls left over
//! (and any U+FEFF the repair produced from `ï»¿`). Dropping stray NULs before
//! repair lets a sequence they split be repaired in the same run, so decoding
//! decoded text again changes nothing. (The exception is contrived: a C1
//! control that no repair used, sitting between two halves of a sequence.)
//!
//! Dropping characters here does not make decoding lossy: `lossless` is about
//! whether the *bytes* decoded, which decides whether `clean --write` may
//! write the file back in its own encoding.

use std::borrow::Cow;

use super::Found;

/// Text after normalisation, with what was changed.
#[derive(Debug)]
pub(super) struct Normalized<'a> {
    /// The normalised text; borrowed when nothing needed changing.
    pub(super) text: Cow<'a, str>,
    /// CRLF and lone CR line endings turned into LF.
    pub(super) line_endings: Option<Found>,
    /// Control characters and mid-text byte-order marks dropped.
    pub(super) controls: Option<Found>,
}

/// Whether [`normalize`] drops C1 controls (U+0080–U+009F) too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum C1Controls {
    /// Keep them for mojibake repair, which reads them as bytes.
    Keep,
    /// Drop them with the other control characters.
    Drop,
    /// Drop them, in text where nothing else is left to do: text that
    /// went through [`C1Controls::Keep`] and that mojibake repair left as it
    /// was. Only C1 controls are then looked for, with a fast `memchr`.
    DropOnly,
}

/// Normalise line endings and drop control characters, in one pass.
///
/// A fast scan finds the first byte that may need work; text without one is
/// returned borrowed, not copied. From there the scan is byte-wise over UTF-8
/// (every byte it acts on starts a character, so slicing there is safe) and
/// unchanged stretches are copied in one piece.
pub(super) fn normalize(text: &str, c1: C1Controls) -> Normalized<'_> {
    let bytes = text.as_bytes();
    let drop_c1 = c1 != C1Controls::Keep;
    let only_c1 = c1 == C1Controls::DropOnly;
    let next_candidate = |from: &[u8]| {
        if only_c1 {
            next_c1_control(from)
        } else {
            first_candidate(from, drop_c1, true)
        }
    };
    let Some(first) = next_candidate(bytes) else {
        return Normalized {
            text: Cow::Borrowed(text),
            line_endings: None,
            controls: None,
        };
    };
    // CRLF text has a candidate on every line. When carriage returns are
    // the only candidates, the SIMD memchr finds them far faster, and a
    // loop that knows it has only line endings to turn copies each line
    // with little else to do.
    if bytes[first] == b'\r' && first_candidate(&bytes[first..], drop_c1, false).is_none() {
        return line_endings_only(text, first);
    }
    let mut out: Option<String> = None;
    let (mut line_endings, mut controls) = (None, None);
    let (mut copied, mut i) = (0, first);
    while i < bytes.len() {
        // Jump to the next byte that may need work.
        let Some(next) = next_candidate(&bytes[i..]) else {
            break;
        };
        i += next;
        let byte = bytes[i];
        let (width, replacement) = match byte {
            // Of a CRLF only the CR goes: the LF is copied with the next
            // stretch, one copy per line rather than two.
            b'\r' => {
                count(&mut line_endings, text, i);
                (
                    1,
                    if bytes.get(i + 1) == Some(&b'\n') {
                        ""
                    } else {
                        "\n"
                    },
                )
            }
            0x00..=0x1F | 0x7F => (1, ""),
            // U+0080–U+009F, the C1 controls: in story text they are
            // Windows-1252 punctuation that went through a Latin-1 decoder,
            // so they become that punctuation (`\u{93}` → `“`), never nothing.
            0xC2 if drop_c1 && matches!(bytes.get(i + 1), Some(0x80..=0x9F)) => {
                (2, WINDOWS_1252_C1[usize::from(bytes[i + 1] - 0x80)])
            }
            // U+FEFF, a byte-order mark away from the start.
            0xEF if bytes.get(i + 1..i + 3) == Some(&[0xBB, 0xBF]) => (3, ""),
            _ => {
                i += 1;
                continue;
            }
        };
        if byte != b'\r' {
            count(&mut controls, text, i);
        }
        let out = out.get_or_insert_with(|| String::with_capacity(bytes.len()));
        out.push_str(&text[copied..i]);
        out.push_str(replacement);
        i += width;
        copied = i;
    }
    let text = match out {
        Some(mut out) => {
            out.push_str(&text[copied..]);
            Cow::Owned(out)
        }
        None => Cow::Borrowed(text),
    };
    Normalized {
        text,
        line_endings,
        controls,
    }
}

/// [`normalize`] of text whose only bytes that need work are carriage
/// returns, the first at `first`: each CRLF loses its CR, and a lone CR
/// becomes LF.
fn line_endings_only(text: &str, first: usize) -> Normalized<'_> {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(bytes.len());
    let mut copied = 0;
    let mut count = 0;
    for at in memchr::memchr_iter(b'\r', &bytes[first..]).map(|at| first + at) {
        // Of a CRLF only the CR goes: the LF is copied with the next
        // stretch, one copy per line rather than two.
        out.push_str(&text[copied..at]);
        if bytes.get(at + 1) != Some(&b'\n') {
            out.push('\n');
        }
        copied = at + 1;
        count += 1;
    }
    out.push_str(&text[copied..]);
    Normalized {
        text: Cow::Owned(out),
        line_endings: Some(Found {
            line: line_of(text, first),
            count,
        }),
        controls: None,
    }
}

/// What each C1 control stands for in Windows-1252; the five bytes that
/// Windows-1252 leaves undefined are dropped.
const WINDOWS_1252_C1: [&str; 32] = [
    "€", "", "‚", "ƒ", "„", "…", "†", "‡", "ˆ", "‰", "Š", "‹", "Œ", "", "Ž", "", //
    "", "‘", "’", "“", "”", "•", "–", "—", "˜", "™", "š", "›", "œ", "", "ž", "Ÿ",
];

/// The index of the first byte that may need work: CR, a control character,
/// or the first byte of U+FEFF (EF) or, when they are dropped, of a C1
/// control (C2).
///
/// Clean text is the common case, so this scans in fixed-size chunks with a
/// branch-free test per byte, which the compiler vectorises; only the chunk
/// that contains a candidate is searched byte by byte. With `cr` false,
/// carriage returns are not candidates.
fn first_candidate(bytes: &[u8], drop_c1: bool, cr: bool) -> Option<usize> {
    // One copy of the scan per setting, so that each tests only what it needs.
    match (drop_c1, cr) {
        (false, false) => first_candidate_as::<false, false>(bytes),
        (false, true) => first_candidate_as::<false, true>(bytes),
        (true, false) => first_candidate_as::<true, false>(bytes),
        (true, true) => first_candidate_as::<true, true>(bytes),
    }
}

/// [`first_candidate`] for one setting of its flags.
fn first_candidate_as<const DROP_C1: bool, const CR: bool>(bytes: &[u8]) -> Option<usize> {
    const CHUNK: usize = 64;
    let may_need_work = |b: u8| {
        // `&` and `|`, not `&&`: no short-circuit branches, so it vectorises.
        ((b < 0x20) & (b != b'\n') & (b != b'\t') & (CR | (b != b'\r')))
            | (b == 0x7F)
            | (b == 0xEF)
            | (DROP_C1 & (b == 0xC2))
    };
    // Whole chunks of a known size, so the test is unrolled and vectorised.
    crate::scan::first_byte::<CHUNK>(bytes, may_need_work)
}

/// The index of the first C1 control (`C2 80` to `C2 9F`) in `bytes`.
fn next_c1_control(bytes: &[u8]) -> Option<usize> {
    memchr::memchr_iter(0xC2, bytes).find(|&i| matches!(bytes.get(i + 1), Some(0x80..=0x9F)))
}

/// Count one more occurrence (at byte `at` of `text`), remembering the line
/// of the first. Only a first occurrence needs its line, so lines are
/// counted then, up to it, rather than all along the way.
fn count(found: &mut Option<Found>, text: &str, at: usize) {
    found
        .get_or_insert_with(|| Found {
            line: line_of(text, at),
            count: 0,
        })
        .count += 1;
}

/// The 1-based line that byte `offset` of `text` is on, counting CRLF, lone
/// CR and LF as one line break each — exactly as [`normalize`] will, so a line
/// number taken before normalisation is still right after it.
pub(super) fn line_of(text: &str, offset: usize) -> usize {
    let bytes = text.as_bytes();
    let before = &bytes[..offset.min(bytes.len())];
    let mut line = 1;
    for (i, &byte) in before.iter().enumerate() {
        let crlf = byte == b'\r' && bytes.get(i + 1) == Some(&b'\n');
        line += usize::from(byte == b'\n' || (byte == b'\r' && !crlf));
    }
    line
}

#[cfg(test)]
mod tests {
    use super::{C1Controls, line_of, normalize};
    use crate::decode::Found;

    #[test]
    fn clean_text_is_borrowed() {
        let result = normalize(
            "Line one.\n\tLine two — “quoted”, café.\n",
            C1Controls::Drop,
        );
        assert!(matches!(result.text, std::borrow::Cow::Borrowed(_)));
        assert_eq!((result.line_endings, result.controls), (None, None));
    }

    #[test]
    fn crlf_and_lone_cr_become_lf() {
        let result = normalize("one\ntwo\r\nthree\rfour\r\n", C1Controls::Drop);
        assert_eq!(result.text, "one\ntwo\nthree\nfour\n");
        assert_eq!(result.line_endings, Some(Found { line: 2, count: 3 }));
        assert_eq!(result.controls, None);
    }

    /// Text whose only candidates are carriage returns takes its own loop;
    /// a NUL at the end sends the same text through the general one.
    #[test]
    fn line_endings_alone_normalize_like_the_general_loop() {
        for text in [
            "a\r\nb\r\n",
            "\r",
            "\r\r\n\n\r",
            "é\r\n“x”\rlast",
            "no break first\n\ttab\r\nend\r",
        ] {
            for c1 in [C1Controls::Keep, C1Controls::Drop] {
                let alone = normalize(text, c1);
                let with_nul = format!("{text}\0");
                let general = normalize(&with_nul, c1);
                assert_eq!(alone.text, general.text, "{text:?}");
                assert_eq!(alone.line_endings, general.line_endings, "{text:?}");
                assert_eq!(alone.controls, None);
            }
        }
    }

    #[test]
    fn drops_controls_and_reports_first_line() {
        let result = normalize(
            "ok\r\nbad\0here\x0C\n\u{FEFF}x\u{0085}y\u{0093}\u{009D}\x7F",
            C1Controls::Drop,
        );
        assert_eq!(result.text, "ok\nbadhere\nx…y“");
        assert_eq!(result.controls, Some(Found { line: 2, count: 7 }));
        assert_eq!(result.line_endings, Some(Found { line: 1, count: 1 }));
    }

    #[test]
    fn keeps_c1_controls_when_asked() {
        let result = normalize("a\u{0093}b\0\u{FEFF}c\r\n", C1Controls::Keep);
        assert_eq!(result.text, "a\u{0093}bc\n");
        assert_eq!(result.controls, Some(Found { line: 1, count: 2 }));
    }

    #[test]
    fn keeps_characters_that_merely_share_lead_bytes() {
        let text = "NBSP\u{A0}« guillemets » \u{FEFE} \u{FF9F} \u{FF61} full-width";
        assert_eq!(normalize(text, C1Controls::Drop).text, text);
    }

    #[test]
    fn whitespace_only_and_empty() {
        assert_eq!(normalize("", C1Controls::Drop).text, "");
        assert_eq!(normalize("  \r\n\t ", C1Controls::Drop).text, "  \n\t ");
    }

    #[test]
    fn line_of_counts_breaks_like_normalize() {
        let text = "a\r\nb\rc\nd";
        assert_eq!(line_of(text, 0), 1);
        assert_eq!(line_of(text, 1), 1);
        assert_eq!(line_of(text, 2), 1);
        assert_eq!(line_of(text, 3), 2);
        assert_eq!(line_of(text, 5), 3);
        assert_eq!(line_of(text, 7), 4);
        assert_eq!(line_of(text, 999), 4);
    }
}
