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

/// Whether the first character after the leading decoration can start a
/// label: every spelling begins with `a`, `t`, `i` or `b`, in either case
/// (none of them has a non-ASCII case variant). Nearly every paragraph is
/// answered here, without running the pattern.
fn may_start_with_label(text: &str) -> bool {
    let mut chars = text.chars().skip_while(|&c| {
        c.is_whitespace()
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
            )
    });
    chars
        .next()
        .is_some_and(|c| matches!(c, 'a' | 'A' | 't' | 'T' | 'i' | 'I' | 'b' | 'B'))
}

#[cfg(test)]
mod tests {
    use super::find;

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
}
