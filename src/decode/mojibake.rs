//! Repairing mojibake: UTF-8 that was once read as Windows-1252.
//!
//! When a program reads UTF-8 as Windows-1252 and saves the result as UTF-8,
//! each multi-byte character turns into two to four Latin-1 lookalikes: `’`
//! (E2 80 99) becomes `â€™`, `é` (C3 A9) becomes `Ã©`. Archives and
//! copy-pastes from old sites are full of it. The damage is reversible: map
//! each lookalike back to its Windows-1252 byte and decode the bytes as UTF-8.
//!
//! A candidate sequence is a lead character (`Â`–`ô`, bytes C2–F4) followed by
//! the number of continuation characters (bytes 80–BF) its lead byte calls
//! for, whose bytes form valid UTF-8. The five bytes Windows-1252 leaves
//! undefined (81 8D 8F 90 9D) survive as C1 controls, so every C1 control
//! counts as its own byte (which also covers text read as true Latin-1); and
//! since tools often turned 9D into U+FFFD, `â€�` is read as `”` (E2 80 9D),
//! the only place where the lost byte can be told.
//!
//! # When it runs
//!
//! Real text contains such sequences by accident (`Ã©` in a name, `é…”` at
//! the end of a French line), so a document is repaired only when it shows
//! mojibake: at least one *strong* sequence — three bytes led by `â` (E2:
//! punctuation, currency, symbols — `â€™`, `â‚¬`, `â„¢`) or any four-byte one
//! (emoji) — or at least two other sequences. A single stray `Ã©` in otherwise
//! clean text is left alone, as is `Ã` before anything that is not a
//! continuation byte (`SÃO PAULO`, `Ã ` with a plain space).
//!
//! Double mojibake (`Ã¢â‚¬â„¢`, mangled twice) takes one pass per mangling, so
//! repair repeats while it finds something, at most [`MAX_PASSES`] times (text
//! that would need more is left as it is, so decoding stays idempotent). It
//! never touches line breaks, so line numbers stay valid. Linear time: each
//! candidate looks at most three characters ahead.

use std::borrow::Cow;

use super::Found;
use super::normalize::line_of;

/// Repair passes at most; three manglings deep is already rare.
const MAX_PASSES: usize = 3;

/// Text after mojibake repair.
#[derive(Debug)]
pub(super) struct Repaired<'a> {
    /// The repaired text; borrowed when nothing was repaired.
    pub(super) text: Cow<'a, str>,
    /// Where the first repair was and how many sequences were repaired.
    pub(super) found: Option<Found>,
}

/// Repair mojibake in `text` if it shows any (see the module documentation).
pub(super) fn repair(text: &str) -> Repaired<'_> {
    let mut current = Cow::Borrowed(text);
    // Every lead character is encoded C3 xx; no C3 byte, nothing to repair.
    // (`contains` on bytes is a fast memchr, quicker than the scan below.)
    if !text.as_bytes().contains(&0xC3) {
        return Repaired {
            text: current,
            found: None,
        };
    }
    let mut found: Option<Found> = None;
    let mut settled = false;
    for _ in 0..=MAX_PASSES {
        let Some((repaired, first, count)) = repair_once(&current) else {
            settled = true;
            break;
        };
        let line = line_of(&repaired, first);
        found = Some(match found {
            Some(earlier) => Found {
                line: earlier.line.min(line),
                count: earlier.count + count,
            },
            None => Found { line, count },
        });
        current = Cow::Owned(repaired);
    }
    if !settled {
        // Deeper than any real mangling: more likely text that only looks
        // like it. Leave it as it is, so decoding the result again changes
        // nothing (a half-repaired text would be repaired further).
        return Repaired {
            text: Cow::Borrowed(text),
            found: None,
        };
    }
    Repaired {
        text: current,
        found,
    }
}

/// One repair pass: the new text, the byte offset of the first repaired
/// character in it, and the number of repairs; `None` if the text does not
/// show mojibake.
fn repair_once(text: &str) -> Option<(String, usize, usize)> {
    let (mut strong, mut other) = (0usize, 0usize);
    for sequence in Sequences::new(text) {
        if sequence.strong {
            strong += 1;
        } else {
            other += 1;
        }
    }
    if strong == 0 && other < 2 {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let (mut copied, mut first, mut count) = (0, None, 0);
    for sequence in Sequences::new(text) {
        out.push_str(&text[copied..sequence.start]);
        first.get_or_insert(out.len());
        // A byte-order mark (`ï»¿`) or a C1 control (`Â\u{81}`) is dropped
        // here rather than by the normalisation after repair, so the
        // characters on either side meet before the next pass: `â‚ï»¿¬`
        // becomes `€`, and decoding the decoded text again changes nothing.
        if !is_dropped(sequence.repaired) {
            out.push(sequence.repaired);
        }
        copied = sequence.end;
        count += 1;
    }
    out.push_str(&text[copied..]);
    Some((out, first.unwrap_or(0), count))
}

/// Whether normalisation drops `c` from decoded text (see `normalize.rs`).
fn is_dropped(c: char) -> bool {
    c == '\u{FEFF}' || ('\u{80}'..='\u{9F}').contains(&c)
}

/// A repairable sequence found in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Sequence {
    /// Byte range of the lookalike characters in the text.
    start: usize,
    end: usize,
    /// The character the bytes really encode.
    repaired: char,
    /// Whether this sequence alone shows the text is mojibake.
    strong: bool,
}

/// Iterator over the repairable sequences of a text, left to right.
struct Sequences<'a> {
    text: &'a str,
    position: usize,
}

impl<'a> Sequences<'a> {
    fn new(text: &'a str) -> Self {
        Sequences { text, position: 0 }
    }
}

impl Iterator for Sequences<'_> {
    type Item = Sequence;

    fn next(&mut self) -> Option<Sequence> {
        let bytes = self.text.as_bytes();
        loop {
            // Every lead character, U+00C2–U+00F4, is encoded as C3 82–C3 B4,
            // and C3 never occurs inside another character. (SIMD memchr:
            // the bytes between are most of the text.)
            let start = self.position + memchr::memchr(0xC3, bytes.get(self.position..)?)?;
            match sequence_at(self.text, start) {
                Some(sequence) => {
                    self.position = sequence.end;
                    return Some(sequence);
                }
                None => self.position = start + 1,
            }
        }
    }
}

/// The repairable sequence starting at byte `start` of `text`, if any.
fn sequence_at(text: &str, start: usize) -> Option<Sequence> {
    let mut chars = text.get(start..)?.chars();
    let lead = chars.next()?;
    let lead_byte = match lead {
        '\u{C2}'..='\u{F4}' => lead as u8,
        _ => return None,
    };
    let len = match lead_byte {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    };
    let mut bytes = [lead_byte, 0, 0, 0];
    let mut end = start + lead.len_utf8();
    for k in 1..len {
        let c = chars.next()?;
        let byte = if c == char::REPLACEMENT_CHARACTER && k == 2 && bytes[..2] == [0xE2, 0x80] {
            0x9D
        } else {
            windows_1252_byte(c)?
        };
        if !(0x80..=0xBF).contains(&byte) {
            return None;
        }
        bytes[k] = byte;
        end += c.len_utf8();
    }
    let repaired = std::str::from_utf8(&bytes[..len]).ok()?.chars().next()?;
    let strong = len == 4 || lead_byte == 0xE2;
    Some(Sequence {
        start,
        end,
        repaired,
        strong,
    })
}

/// What Windows-1252 bytes 0x80–0x9F decode to; the five undefined bytes
/// stand for themselves as C1 controls, as encoding_rs decodes them.
const WINDOWS_1252_80_TO_9F: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// The Windows-1252 byte (0x80 and up) that decodes to `c`, treating every
/// C1 control as its own byte (undefined bytes, or text read as Latin-1).
fn windows_1252_byte(c: char) -> Option<u8> {
    if ('\u{80}'..='\u{FF}').contains(&c) {
        return Some(c as u8);
    }
    let index = WINDOWS_1252_80_TO_9F
        .iter()
        .position(|&special| special == c)?;
    Some(0x80 + index as u8)
}

#[cfg(test)]
mod tests {
    use super::{repair, windows_1252_byte};
    use crate::decode::Found;

    fn repaired(text: &str) -> String {
        repair(text).text.into_owned()
    }

    #[test]
    fn table_matches_encoding_rs() {
        for byte in 0x80..=0xFFu8 {
            let bytes = [byte];
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
            let c = text.chars().next().unwrap();
            assert_eq!(
                windows_1252_byte(c),
                Some(byte),
                "byte {byte:#x} decodes to {c:?}"
            );
        }
    }

    #[test]
    fn a_byte_order_mark_inside_a_sequence_is_dropped_before_the_next_pass() {
        // `â‚` + `ï»¿` + `¬`: the mark's removal makes `â‚¬`, repaired too.
        assert_eq!(repaired("Â€Ââ‚ï»¿¬"), "Â€");
        assert_eq!(repaired("Â\u{81}Ââ‚ï»¿¬ ok"), "Â€ ok");
    }

    #[test]
    fn repairs_smart_punctuation() {
        assert_eq!(repaired("It\u{e2}\u{20ac}\u{2122}s fine."), "It’s fine.");
        assert_eq!(
            repaired("â€œHello,â€\u{FFFD} she said â€” then â€¦"),
            "“Hello,” she said — then …"
        );
        assert_eq!(repaired("â€œHi.â€\u{9D}"), "“Hi.”");
    }

    #[test]
    fn repairs_accents_when_two_or_more() {
        assert_eq!(
            repaired("cafÃ© and crÃ¨me, seÃ±or"),
            "café and crème, señor"
        );
        assert_eq!(
            repaired("Ã© and a non-breaking\u{C2}\u{A0}space Â "),
            "é and a non-breaking\u{A0}space Â "
        );
    }

    #[test]
    fn reports_count_and_first_line() {
        let result = repair("clean\r\nline\nIâ€™m here. Youâ€™re there.");
        assert_eq!(result.found, Some(Found { line: 3, count: 2 }));
    }

    #[test]
    fn repairs_double_mojibake_and_emoji() {
        assert_eq!(
            repaired("Don\u{C3}\u{A2}\u{E2}\u{201A}\u{AC}\u{E2}\u{201E}\u{A2}t"),
            "Don’t"
        );
        assert_eq!(
            repaired("so happy \u{F0}\u{178}\u{2DC}\u{20AC}"),
            "so happy 😀"
        );
    }

    #[test]
    fn leaves_lone_a_tilde_alone() {
        for text in ["SÃO PAULO", "Ã ", "ÃO", "NÃO, não.", "Ã", "Ã€"] {
            let result = repair(text);
            assert_eq!(result.text, text);
            assert_eq!(result.found, None);
        }
    }

    #[test]
    fn a_single_weak_sequence_is_not_enough() {
        let text = "Meet JoÃ©l, who writes in plain UTF-8 — “really”.";
        assert_eq!(repaired(text), text);
    }

    #[test]
    fn invalid_utf8_bytes_are_not_repaired() {
        // ED A0 80 would be a surrogate, which UTF-8 cannot encode.
        assert_eq!(repaired("í\u{A0}€ â€™"), "í\u{A0}€ ’");
        // E0 80 80 is an overlong encoding.
        assert_eq!(repaired("à€€ â€™"), "à€€ ’");
    }

    #[test]
    fn truncated_sequences_at_the_end_are_safe() {
        for text in ["â", "â€", "ð\u{178}\u{2DC}", "Ã"] {
            assert_eq!(repaired(text), text);
        }
    }
}
