use crate::declare_rule;
use crate::rules::words::text::{is_lowercase, suggestion};
use crate::rules::{Applicability, Diagnostic, Paragraph, Rule, RuleMeta};

declare_rule! {
    /// `Were` where `We're` (we are) is meant: `"Were late!"`.
    ///
    /// ## Why
    /// A dropped apostrophe that makes another word. `Were` starting a
    /// sentence is usually right: a question (`Were you there?`) or an
    /// inverted condition (`Were it not for you, ...`). Only a line of
    /// dialogue that is not a question, where `Were` is followed by a word
    /// that cannot continue a question or a condition, is `We're`.
    ///
    /// ## Example
    /// `"Sakura! Were late! Its time for our mission!"` → `We're late!`
    ///
    /// ## Fix safety
    /// Safe: a sentence-initial `Were` inside dialogue, followed by `late`,
    /// `gonna`, `going to`, `doomed`, `screwed`, `leaving`, `done`, `home`,
    /// `back`, `lost`, `trapped`, `finally` or `almost`, in a sentence that
    /// ends (within 200 bytes) with `.`, `!` or `…`, never `?`. The same
    /// outside dialogue is an unsafe fix, as is a `Were` in dialogue followed
    /// by `not`, `so`, `all`, `never`, `just`, `still`, `ready`, `fine`,
    /// `sorry`, `here`, `okay`, `always` or a `going` not followed by `to`
    /// (`"Were going home."`).
    pub WereWere, META = ("W010", "were-were", Words)
}

const CERTAIN: &[&str] = &[
    "late", "gonna", "doomed", "screwed", "leaving", "done", "home", "back", "lost", "trapped",
    "finally", "almost",
];
const LIKELY: &[&str] = &[
    "not", "so", "all", "never", "just", "still", "ready", "fine", "sorry", "here", "okay",
    "always", "going",
];
/// How far to look for the end of the sentence; farther is not certain.
const SENTENCE_REACH: usize = 200;

impl Rule for WereWere {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, paragraph: &Paragraph<'_>, out: &mut Vec<Diagnostic>) {
        let words = paragraph.words();
        for i in paragraph.each("were") {
            let Some(word) = words.get(i) else { continue };
            if word.text() != "Were" || !words.joined(i) || !words.starts_sentence(i) {
                continue;
            }
            let next = words.text(i + 1);
            if !is_lowercase(next) || question(paragraph.text, word.range().end) {
                continue;
            }
            let going_to = words.is(i + 1, "going") && words.joined(i + 1) && words.is(i + 2, "to");
            let applicability = if words.is_any(i + 1, CERTAIN) || going_to {
                if word.in_dialogue() {
                    Applicability::Safe
                } else {
                    Applicability::Unsafe
                }
            } else if words.is_any(i + 1, LIKELY) && word.in_dialogue() {
                Applicability::Unsafe
            } else {
                continue;
            };
            let fixed = words.with_apostrophe("We're");
            out.push(suggestion(
                Self::META.code,
                word.range(),
                fixed.clone(),
                format!("`Were {next}` → `{fixed} {next}` (we are)"),
                Some(applicability),
            ));
        }
    }
}

/// Whether the sentence from `from` ends with `?` (or does not end within
/// reach, which is as uncertain).
fn question(text: &str, from: usize) -> bool {
    let rest = text.get(from..).unwrap_or("");
    let reach = rest
        .char_indices()
        .take_while(|(at, _)| *at < SENTENCE_REACH);
    for (_, c) in reach {
        match c {
            '?' => return true,
            '.' | '!' | '…' => return false,
            _ => {}
        }
    }
    rest.len() > SENTENCE_REACH
}

#[cfg(test)]
mod tests {
    use super::WereWere;
    use crate::rules::testing::{assert_fixes, assert_no_diagnostics, assert_reported_not_fixed};

    #[test]
    fn fixes_the_seed() {
        assert_fixes(
            &WereWere,
            "He knocked.\" Sakura! Were late! Its time for our mission!\" He waited.",
            "He knocked.\" Sakura! We're late! Its time for our mission!\" He waited.",
        );
    }

    #[test]
    fn fixes_statements_in_dialogue() {
        assert_fixes(
            &WereWere,
            "“Were going to be late.”",
            "“We’re going to be late.”",
        );
        assert_fixes(
            &WereWere,
            "\"Were done,\" he said.",
            "\"We're done,\" he said.",
        );
    }

    #[test]
    fn unsure_cases_are_unsafe() {
        assert_reported_not_fixed(&WereWere, "\"Were not going anywhere.\"");
        assert_reported_not_fixed(&WereWere, "\"Were going home.\"");
        assert_reported_not_fixed(&WereWere, "Were late arrivals punished, none came.");
    }

    #[test]
    fn questions_and_conditions_pass() {
        for text in [
            "\"Were you there?\"",
            "\"Were late arrivals allowed?\" she asked.",
            "\"Were it not for you, I'd be dead.\"",
            "\"Were not the stars enough?\"",
            "They were late.",
            "\"Were Sasuke here, he'd know.\"",
        ] {
            assert_no_diagnostics(&WereWere, text);
        }
    }
}
