use crate::declare_rule;
use crate::rules::words::evidence::Evidence;
use crate::rules::words::text::{is_lowercase, suggestion, with_case_of};
use crate::rules::{Applicability, Diagnostic, Paragraph, Rule, RuleMeta};

declare_rule! {
    /// `wont` where `won't` (will not) is meant.
    ///
    /// ## Why
    /// `wont` is a real word, "habit" or "accustomed": `as was his wont`,
    /// `she was wont to sing`. Dictionary fixers that turn every `wont` into
    /// `won't` damage exactly the careful prose they should leave alone.
    ///
    /// ## Example
    /// `I wont let you go` → `I won't let you go`;
    /// `as was her wont` stays.
    ///
    /// ## Fix safety
    /// Never after a possessive, an article or a form of `be` (`his wont`,
    /// `the wont`, `was wont`), never before `to`. After a subject pronoun
    /// (`I`, `you`, `he`, `they`...) or before a verb (`be`, `go`, `let`,
    /// `stop`...; after `this` or `that` only the verb counts: `this wont of
    /// his` is the noun), the fix is safe when the paragraph writes at least
    /// as many `n't` contractions with their apostrophe as without; otherwise
    /// unsafe, because a
    /// writer who never writes apostrophes (Joyce's `they wont look`) does
    /// it on purpose.
    pub WontWont, META = ("W007", "wont-wont", Words)
}

/// Subjects before `wont`. Not `this` or `that`, which may be determiners
/// (`this wont of his`): after them only a verb (`that wont work`) tells.
const SUBJECTS: &[&str] = &[
    "i", "you", "he", "she", "it", "we", "they", "who", "there", "which", "people",
];
const VERBS: &[&str] = &[
    "be", "go", "do", "let", "stop", "have", "get", "tell", "say", "come", "happen", "work",
    "hurt", "leave", "listen", "give", "take", "make", "even", "ever", "last", "help", "talk",
    "forget", "know", "see", "lose", "die", "fall", "need", "mind", "matter", "believe", "care",
    "find", "kill", "win", "allow", "accept", "answer", "wake", "open", "move", "fit", "look",
];
/// After these, `wont` is the noun or adjective.
const OWNERS: &[&str] = &[
    "his", "her", "their", "my", "your", "its", "our", "the", "a", "was", "were", "is", "are",
    "be", "been", "as", "old", "ancient", "usual", "own",
];

impl Rule for WontWont {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, paragraph: &Paragraph<'_>, out: &mut Vec<Diagnostic>) {
        let words = paragraph.words();
        let mut evidence = None;
        for i in paragraph.each("wont") {
            let Some(word) = words.get(i) else { continue };
            if paragraph.vocabulary.is_protected(word.text()) {
                continue;
            }
            let before = i.checked_sub(1).filter(|&p| words.joined(p));
            let owned = before.is_some_and(|p| words.is_any(p, OWNERS));
            let verb_after =
                words.joined(i) && words.is_any(i + 1, VERBS) && is_lowercase(words.text(i + 1));
            if owned || (words.joined(i) && words.is(i + 1, "to")) {
                continue;
            }
            let subject = before.is_some_and(|p| words.is_any(p, SUBJECTS));
            if !(subject || verb_after) {
                continue;
            }
            let evidence = evidence.get_or_insert_with(|| Evidence::of(words)).nt;
            let applicability = if evidence {
                Applicability::Safe
            } else {
                Applicability::Unsafe
            };
            let fixed = words.with_apostrophe(&with_case_of(word.text(), "won't"));
            out.push(suggestion(
                Self::META.code,
                word.range(),
                fixed.clone(),
                format!("`{}` → `{fixed}` (will not)", word.text()),
                Some(applicability),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::WontWont;
    use crate::rules::testing::{assert_fixes, assert_no_diagnostics, assert_reported_not_fixed};

    #[test]
    fn fixes_will_not_where_the_writer_uses_apostrophes() {
        for (text, expected) in [
            ("I wont let you go. Don't.", "I won't let you go. Don't."),
            ("They wont. I can't.", "They won't. I can't."),
            (
                "Sasuke wont stop, didn’t he?",
                "Sasuke won’t stop, didn’t he?",
            ),
            ("I WONT, I can't.", "I WON'T, I can't."),
            ("That wont work, can't.", "That won't work, can't."),
        ] {
            assert_fixes(&WontWont, text, expected);
        }
    }

    #[test]
    fn without_evidence_it_is_unsafe() {
        assert_reported_not_fixed(&WontWont, "other the men wont look at you");
        assert_reported_not_fixed(&WontWont, "I wont go.");
    }

    #[test]
    fn the_habit_passes() {
        for text in [
            "She knitted, as was her wont when anxious. Don't.",
            "He was wont to do so. I can't.",
            "Oft were they wont to come. Can't.",
            "As his wont was, he lied. Don't.",
            "It was the ancient wont. Mercy on us.",
            "Mothers are wont that they worry.",
            "She despised this wont of his. Don't.",
            "That wont of hers grated. Don't.",
        ] {
            assert_no_diagnostics(&WontWont, text);
        }
    }
}
