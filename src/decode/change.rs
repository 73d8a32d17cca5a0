//! How decoding changes are shown to users: a stable code and a message.
//!
//! Codes never change meaning once published, so scripts and ignore lists
//! can rely on them; `E` is the encoding category of `check`.

use super::DecodeChange;

impl DecodeChange {
    /// The stable code `check` reports this change under.
    pub fn code(&self) -> &'static str {
        match self {
            DecodeChange::LegacyEncoding { .. } => "E001",
            DecodeChange::ByteOrderMark => "E002",
            DecodeChange::LineEndings { .. } => "E003",
            DecodeChange::ControlCharacters { .. } => "E004",
            DecodeChange::InvalidBytes { .. } => "E005",
            DecodeChange::Mojibake { .. } => "E006",
        }
    }

    /// One line saying what was found and done, without the location.
    pub fn message(&self) -> String {
        match *self {
            DecodeChange::LegacyEncoding {
                encoding,
                forced: false,
            } => {
                format!("file is {encoding}, not UTF-8")
            }
            DecodeChange::LegacyEncoding {
                encoding,
                forced: true,
            } => {
                format!("file read as {encoding} (--encoding), not UTF-8")
            }
            DecodeChange::ByteOrderMark => "byte-order mark removed".to_string(),
            DecodeChange::LineEndings { count, .. } => {
                format!("{} normalised to LF", counted(count, "CRLF line ending"))
            }
            DecodeChange::ControlCharacters { count, .. } => {
                format!(
                    "{} dropped, or replaced by the punctuation they stand for",
                    counted(count, "control character")
                )
            }
            DecodeChange::InvalidBytes { count, .. } => {
                format!(
                    "{} replaced with `\u{FFFD}`",
                    counted(count, "invalid byte sequence")
                )
            }
            DecodeChange::Mojibake { count, .. } => format!(
                "{} repaired (UTF-8 read as Windows-1252, e.g. `â€™` → `’`)",
                counted(count, "mojibake sequence")
            ),
        }
    }
}

/// "1 thing", "3 things".
fn counted(count: usize, noun: &str) -> String {
    let plural = if count == 1 { "" } else { "s" };
    format!("{count} {noun}{plural}")
}

#[cfg(test)]
mod tests {
    use crate::decode::DecodeChange;

    fn all() -> [DecodeChange; 6] {
        [
            DecodeChange::LegacyEncoding {
                encoding: "windows-1252",
                forced: false,
            },
            DecodeChange::ByteOrderMark,
            DecodeChange::LineEndings { line: 1, count: 3 },
            DecodeChange::ControlCharacters { line: 1, count: 2 },
            DecodeChange::InvalidBytes { line: 1, count: 1 },
            DecodeChange::Mojibake { line: 1, count: 4 },
        ]
    }

    #[test]
    fn codes_are_stable_and_sorted() {
        let codes: Vec<_> = all().iter().map(DecodeChange::code).collect();
        assert_eq!(codes, ["E001", "E002", "E003", "E004", "E005", "E006"]);
    }

    #[test]
    fn messages() {
        let messages: Vec<_> = all().iter().map(DecodeChange::message).collect();
        assert_eq!(
            messages,
            [
                "file is windows-1252, not UTF-8",
                "byte-order mark removed",
                "3 CRLF line endings normalised to LF",
                "2 control characters dropped, or replaced by the punctuation they stand for",
                "1 invalid byte sequence replaced with `\u{FFFD}`",
                "4 mojibake sequences repaired (UTF-8 read as Windows-1252, e.g. `â€™` → `’`)",
            ]
        );
        let forced = DecodeChange::LegacyEncoding {
            encoding: "Shift_JIS",
            forced: true,
        };
        assert_eq!(
            forced.message(),
            "file read as Shift_JIS (--encoding), not UTF-8"
        );
    }
}
