use std::ops::Range;

use crate::declare_rule;
use crate::rules::words::text::{is_alphabetic, is_alphanumeric};
use crate::rules::{Diagnostic, Fix, Paragraph, Rule, RuleMeta};

use super::address::{Addresses, is_suffix};

declare_rule! {
    /// Missing space after a sentence: `.`, `?` or `!` glued to the
    /// capitalised word that starts the next sentence.
    ///
    /// ## Why
    /// `vacant?Do` and `huge.Bigger` run two sentences together; readers
    /// stumble, and line breaking treats them as one long word.
    ///
    /// ## Example
    /// `It was vacant?Do you know? It was huge.Bigger than that!Sakura ran.`
    /// → `It was vacant? Do you know? It was huge. Bigger than that! Sakura ran.`
    ///
    /// Not reported: decimals and times (`3.14`, `9:45`), initials and
    /// abbreviations in capitals (`J.K.`, `U.S.`, `Ph.D`), a lower-case word
    /// after the dot (`e.g.`, `i.e.`), words with inner capitals (`.NET`,
    /// `Console.WriteLine`), web and e-mail addresses and file names
    /// (`fanfiction.Net`, `www.Example.com`, `notes.Txt`), ellipses
    /// (`so...Then` and `Sakura..Everyone` are styles, or P001's business),
    /// fan fiction's character tags (`fem!Harry`, `Dark!Harry`), and a
    /// closing quote after the mark (`lips."She` is S006's: only
    /// pairing the quotes says on which side of the quote the space goes).
    ///
    /// ## Fix safety
    /// Safe: a lower-case letter, one mark, then a capitalised word cannot
    /// be one word; abbreviations such as `Mr.Smith` or `etc.Then` need
    /// the space just the same. Unsafe for `!` after a capitalised word
    /// (`Stop!Sakura`), which may be a character tag the list above does
    /// not know.
    pub MissingSpaceAfterSentence, META = ("S004", "missing-space-after-sentence", Typography)
}

impl Rule for MissingSpaceAfterSentence {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, paragraph: &Paragraph<'_>, out: &mut Vec<Diagnostic>) {
        let text = paragraph.text;
        let bytes = text.as_bytes();
        let mut addresses = Addresses::default();
        let mut from = 0;
        while let Some(found) = memchr::memchr3(b'.', b'?', b'!', &bytes[from..]) {
            let run = from + found..from + found + sentence_end_len(&bytes[from + found..]);
            from = run.end;
            // Only a capital starts the next sentence, and nearly every mark
            // is followed by a space or a quote: one byte says so.
            if bytes
                .get(run.end)
                .is_none_or(|b| b.is_ascii() && !b.is_ascii_uppercase())
            {
                continue;
            }
            let Some(certain) = glued_sentence_end(text, run.clone()) else {
                continue;
            };
            if addresses.at(text, run.start) {
                continue;
            }
            let at = run.end;
            let fix = if certain {
                Fix::safe(at..at, " ")
            } else {
                Fix::unsafe_(at..at, " ")
            };
            out.push(Diagnostic {
                code: Self::META.code,
                message: "missing space after the end of a sentence".to_string(),
                range: at..at,
                fix: Some(fix),
            });
        }
    }
}

/// How many bytes of `.?!` start `bytes`.
fn sentence_end_len(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .take_while(|b| matches!(b, b'.' | b'?' | b'!'))
        .count()
}

/// Fan fiction's character tags: `fem!Harry`, `Dark!Harry`, `evil!Sakura`
/// name a version of a character, glued by design.
const TAG_PREFIXES: &[&str] = &[
    "abused",
    "adult",
    "alive",
    "alpha",
    "angel",
    "au",
    "bad",
    "badass",
    "bamf",
    "beta",
    "child",
    "creature",
    "dark",
    "dead",
    "demon",
    "evil",
    "female",
    "fem",
    "genius",
    "girl",
    "good",
    "gray",
    "grey",
    "human",
    "kid",
    "light",
    "male",
    "manipulative",
    "neglected",
    "neko",
    "omega",
    "powerful",
    "smart",
    "teen",
    "vampire",
    "veela",
    "werewolf",
    "wrong",
];

/// Whether a space is missing after `run`, a run of `.?!` in `text` that
/// sits between a word and a capitalised word, and if so whether the fix
/// is certain.
fn glued_sentence_end(text: &str, run: Range<usize>) -> Option<bool> {
    let marks = &text[run.clone()];
    let rest = &text[run.end..];
    if marks.matches('.').count() > 1 || !starts_sentence(rest) {
        return None;
    }
    let before = text[..run.start].chars().next_back();
    let word_before = if marks.contains('.') {
        // `huge.Bigger`, `Mr.Smith`; not `U.S.Army` or `3.Then`.
        before.is_some_and(char::is_lowercase)
    } else {
        before.is_some_and(is_alphanumeric)
    };
    if !word_before || (marks == "." && is_suffix(rest)) {
        return None;
    }
    let word_start = text[..run.start]
        .char_indices()
        .rev()
        .find(|&(_, c)| !is_alphabetic(c))
        .map_or(0, |(at, c)| at + c.len_utf8());
    let word = &text[word_start..run.start];
    if marks == "!" && TAG_PREFIXES.contains(&word.to_lowercase().as_str()) {
        return None;
    }
    // `Stop!Sakura` may be an unknown `Word!Name` tag too.
    Some(marks != "!" || word.chars().next().is_some_and(char::is_lowercase))
}

/// Whether `rest` starts with a capitalised word: a capital, then a
/// lower-case letter (`Do`, `Sakura`, not `NET` or `WriteLine`), or `I`
/// alone.
fn starts_sentence(rest: &str) -> bool {
    let mut letters = rest.chars().take_while(|&c| is_alphabetic(c));
    let Some(first) = letters.next() else {
        return false;
    };
    first.is_uppercase()
        && match letters.next() {
            None => first == 'I',
            Some(second) => second.is_lowercase() && letters.all(char::is_lowercase),
        }
}

#[cfg(test)]
mod tests {
    use super::MissingSpaceAfterSentence;
    use crate::rules::testing::{assert_fixes, assert_no_diagnostics, assert_reported_not_fixed};

    #[test]
    fn separates_glued_sentences() {
        assert_fixes(
            &MissingSpaceAfterSentence,
            "It was vacant?Do you know? It was huge.Bigger than that!Sakura ran.",
            "It was vacant? Do you know? It was huge. Bigger than that! Sakura ran.",
        );
        assert_fixes(&MissingSpaceAfterSentence, "Why?!Sakura", "Why?! Sakura");
        assert_fixes(&MissingSpaceAfterSentence, "Wait.I know.", "Wait. I know.");
        assert_fixes(
            &MissingSpaceAfterSentence,
            "Ask Mr.Smith.",
            "Ask Mr. Smith.",
        );
    }

    #[test]
    fn an_unknown_capitalised_tag_is_not_fixed_safely() {
        assert_reported_not_fixed(&MissingSpaceAfterSentence, "A Sassy!Sakura story.");
    }

    #[test]
    fn leaves_numbers_initials_abbreviations_and_addresses() {
        for text in [
            "It costs 3.14 at 9:45 for 1,000 people.",
            "J.K. Rowling and the U.S.Army",
            "Use it, e.g.a fork, i.e.the best one.",
            "Written in .NET with Console.WriteLine today.",
            "Read it on fanfiction.Net or www.Example.com now.",
            "Mail me@Example.Org or see site.com/Page.Html",
            "Save notes.Txt please.",
            "So...Then he left. Hinata..Everyone",
            "She licked her lips.\"She",
            "A Ph.D student",
            "Chapter 3.Then",
            "A fem!Harry story, a Dark!Harry trope, an evil!Sakura.",
        ] {
            assert_no_diagnostics(&MissingSpaceAfterSentence, text);
        }
    }
}
