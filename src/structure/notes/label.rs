//! Note labels: the words authors put in front of a note, in all their real
//! spellings (case-insensitive) and decorations: `A/N:`, `AN:`, `A.N.`,
//! `**A/N:**`, `(A/N: ...)`, `[AN]`, `~A/N~`, `Author's Note(s)`, `Authors
//! Note`, `Author Note`, `Authoress's Note`, `Important Note`, `Translator's
//! Note`, `Beta's note`.
//!
//! `AN` alone is also the article "an", so it counts only in capitals and
//! followed by a colon, bracket or dash (`AN:`, `[AN]`), never "An hour later".

use std::sync::LazyLock;

use regex::Regex;

static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[\s*_~\-=\[\(\{<|#>+.•]*(?:(?i:a\s*/\s*n|a\.\s*n\b\.?|t\s*/\s*n|author(?:ess)?(?:'|’)?s?(?:'|’)?s?\s+notes?|important\s+notes?|translator(?:'|’)?s?(?:'|’)?\s+notes?|beta(?:'|’)?s?(?:'|’)?\s+notes?)(?:[\s*_~\-–—=:;\]\)\}>|.!,]|$)|AN[\s*_~]*[:\]\)\-–—~])",
    )
    .expect("valid note label pattern")
});

/// The label a paragraph starts with, as written (`**A/N:**`), if any.
pub fn find(text: &str) -> Option<&str> {
    if !may_start_with_label(text) {
        return None;
    }
    LABEL.find(text).map(|found| found.as_str().trim())
}

/// Whether a label can start after the leading decoration, from the two
/// characters there. Every spelling begins with `a`, `t`, `i` or `b`, in
/// either case (none of them has a non-ASCII case variant), and goes on
/// with a character from a short list: `a/n`, `a.n`, `author`, `AN` (`N`
/// in capitals only), `t/n`, `translator`, `important`, `beta`, or the
/// whitespace `\s*` allows in `a / n` and `t / n`. Nearly every paragraph
/// is answered here, without running the pattern.
fn may_start_with_label(text: &str) -> bool {
    let lead = text.char_indices().find(|&(_, c)| {
        !(c.is_whitespace()
            || matches!(
                c,
                '*' | '_'
                    | '~'
                    | '-'
                    | '='
                    | '['
                    | '('
                    | '{'
                    | '<'
                    | '|'
                    | '#'
                    | '>'
                    | '+'
                    | '.'
                    | '•'
            ))
    });
    let Some((at, first)) = lead else {
        return false;
    };
    // The second character's first byte: a byte at most a space or one
    // that is not ASCII may be whitespace, so it goes on to the pattern (as
    // does a text that ends here). The letters named have no non-ASCII
    // case variants either.
    let Some(&second) = text.as_bytes().get(at + first.len_utf8()) else {
        return true;
    };
    let may_be_space = second <= b' ' || !second.is_ascii();
    match first {
        'a' | 'A' => may_be_space || matches!(second, b'/' | b'.' | b'u' | b'U' | b'N'),
        't' | 'T' => may_be_space || matches!(second, b'/' | b'r' | b'R'),
        'i' | 'I' => may_be_space || matches!(second, b'm' | b'M'),
        'b' | 'B' => may_be_space || matches!(second, b'e' | b'E'),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::{LABEL, find};

    #[test]
    fn labels_in_real_spellings() {
        for text in [
            "A/N: thanks for reading",
            "A/N - short one today",
            "AN: I'm back!",
            "A.N. This is AU.",
            "A.N: sorry",
            "a/n: lol",
            "Author's Note: hi",
            "Author's Notes: hi",
            "Authors Note hi",
            "Author Note: hi",
            "AUTHOR'S NOTE",
            "Authoress's Note: hi",
            "Important Note: please read",
            "Translator's Note: the pun",
            "Beta's note: sorry",
            "**A/N:** bold",
            "(A/N: in brackets)",
            "[AN] square",
            "[A/N: square]",
            "~A/N~ tilde",
            "*A/N* star",
            "A/N*",
            "Author’s note: curly",
        ] {
            assert!(find(text).is_some(), "{text}");
        }
    }

    #[test]
    fn story_words_are_not_labels() {
        for text in [
            "An hour later, Ann arrived.",
            "AN hour later",
            "Annotations covered the page.",
            "Authorities arrived at noon.",
            "A note was pinned to the door.",
            "\"A/N?\" she asked.",
            "Anna's note said: back at six.",
            "The author's notes were in the margin.",
        ] {
            assert_eq!(find(text), None, "{text}");
        }
    }

    /// The quick test before the pattern never changes its answer.
    #[test]
    fn prefilter_keeps_every_label() {
        for text in [
            "A / N: spaced",
            "a\u{a0}/\u{2009}n: odd spaces",
            "t\t/ n: tabbed",
            "A.\u{a0}N. hi",
            "AN~: hi",
            "An: hi",
            "aN: hi",
            "IMPORTANT NOTE",
            "BETA NOTE: hi",
            "TRANSLATOR NOTE hi",
            "~ a/n",
            "• A/N",
            "A",
            "I",
            "Important",
            "It was late.",
            "At noon, the bell.",
            "Tuesday",
            "Best not.",
            "Anna said",
            "Ä/N: umlaut",
            "Aǹ: hi",
        ] {
            let unfiltered = LABEL.find(text).map(|found| found.as_str().trim());
            assert_eq!(find(text), unfiltered, "{text:?}");
        }
    }
}
