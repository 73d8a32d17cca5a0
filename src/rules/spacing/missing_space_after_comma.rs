use crate::declare_rule;
use crate::rules::{Diagnostic, Fix, Paragraph, Rule, RuleMeta};

use super::address::Addresses;

declare_rule! {
    /// Missing space after a comma: a comma glued between two letters.
    ///
    /// ## Why
    /// `time,idiot` and `Haruno,Sakura` read as one word; English always
    /// puts a space after a comma that separates words.
    ///
    /// ## Example
    /// `Not this time,idiot. Haruno,Sakura's door.` →
    /// `Not this time, idiot. Haruno, Sakura's door.`
    ///
    /// Not reported: numbers (`1,000`, `3,5`), commas next to anything but
    /// letters (`,"` and `,'` are quote spacing, S006), web addresses and
    /// paths, and letters of scripts that do not space after commas
    /// (Chinese, Japanese, Korean).
    ///
    /// ## Fix safety
    /// Safe: between two words a comma always separates them. Unsafe after
    /// a single letter (`S,eptically`), more likely a slip inside one word.
    pub MissingSpaceAfterComma, META = ("S005", "missing-space-after-comma", Typography)
}

impl Rule for MissingSpaceAfterComma {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, paragraph: &Paragraph<'_>, out: &mut Vec<Diagnostic>) {
        let text = paragraph.text;
        let bytes = text.as_bytes();
        let mut addresses = Addresses::default();
        for comma in memchr::memchr_iter(b',', bytes) {
            let at = comma + 1;
            // Nearly every comma is followed by a space: one byte says so.
            if bytes
                .get(at)
                .is_none_or(|b| b.is_ascii() && !b.is_ascii_alphabetic())
            {
                continue;
            }
            let mut before = text[..comma].chars().rev();
            let glued = text[at..].chars().next().is_some_and(spaced_letter)
                && before.next().is_some_and(spaced_letter);
            if !glued || addresses.at(text, comma) {
                continue;
            }
            // `S,eptically`: a single letter is more likely a typo inside
            // one word than a word of its own.
            let single_letter = !before.next().is_some_and(char::is_alphabetic);
            let fix = if single_letter {
                Fix::unsafe_(at..at, " ")
            } else {
                Fix::safe(at..at, " ")
            };
            out.push(Diagnostic {
                code: Self::META.code,
                message: "missing space after `,`".to_string(),
                range: at..at,
                fix: Some(fix),
            });
        }
    }
}

/// A letter of a script that puts a space after commas: everything below
/// the CJK blocks (U+2E80 on).
fn spaced_letter(c: char) -> bool {
    c.is_alphabetic() && (c as u32) < 0x2E80
}

#[cfg(test)]
mod tests {
    use super::MissingSpaceAfterComma;
    use crate::rules::testing::{assert_fixes, assert_no_diagnostics, assert_reported_not_fixed};

    #[test]
    fn spaces_commas_between_letters() {
        assert_fixes(
            &MissingSpaceAfterComma,
            "Not this time,idiot. Haruno,Sakura's door.",
            "Not this time, idiot. Haruno, Sakura's door.",
        );
        assert_fixes(
            &MissingSpaceAfterComma,
            "Naruto,Ino,Hinata",
            "Naruto, Ino, Hinata",
        );
        assert_fixes(&MissingSpaceAfterComma, "café,olé", "café, olé");
    }

    #[test]
    fn a_single_letter_is_not_fixed_safely() {
        assert_reported_not_fixed(&MissingSpaceAfterComma, "S,eptically, he agreed.");
    }

    #[test]
    fn leaves_numbers_quotes_and_addresses() {
        for text in [
            "It cost 1,000 ryo, or 3,5 euros.",
            "She said,\"Hello.\"",
            "See https://example.com/a,b for it.",
            "東京,大阪",
            "Hello, world.",
            "A,",
        ] {
            assert_no_diagnostics(&MissingSpaceAfterComma, text);
        }
    }
}
