use crate::declare_rule;
use crate::rules::words::text::{Words, is_lowercase, suggestion, with_case_of};
use crate::rules::{Applicability, Diagnostic, Paragraph, Rule, RuleMeta};

declare_rule! {
    /// `to` where `too` (excessively, also) is meant: `It's to late!`.
    ///
    /// ## Why
    /// A dropped `o`. But `to` before an adjective or quantity is often
    /// right: `it didn't amount to much.`, `it appealed to many.`, `from
    /// soft to hard.`, `set the game to hard.`, `I'd like you to.`
    ///
    /// ## Example
    /// `pushing himself to hard.` → `too hard.`; `It's way to much!` → `way
    /// too much!`; `"Me to!"` → `"Me too!"`.
    ///
    /// ## Fix safety
    /// Safe only before `.`, `!`, `?` or `…`, and only where `to` cannot be
    /// the preposition: `to` + a degree adjective (`much`, `many`, `late`,
    /// `hard`, `soon`...) after a form of `be`, `way`, `far` or `just`
    /// (`it's to late.`), but unsafe when the word is a verb too (`close`,
    /// `fast`, `short`, `slow`: `The plan was to close.`); `to hard`/`to
    /// much` after a reflexive pronoun (`pushing himself to hard.`) or after
    /// `try`/`work`/`push`; `Me to!`
    /// as a sentence or after a comma. `to much`/`to late` before
    /// punctuation elsewhere gets an unsafe fix, except after verbs that take
    /// `to` (`amount`, `come`, `belong`...); `to many.` is left alone.
    pub ToToo, META = ("W006", "to-too", Words)
}

/// Adjectives and quantities of degree: `too` + these.
#[rustfmt::skip]
const DEGREES: &[&str] = &[
    "much", "many", "late", "early", "soon", "long", "far", "fast", "slow", "hard", "easy", "big",
    "small", "loud", "old", "young", "close", "tired", "busy", "scared", "cold", "hot", "heavy",
    "dangerous", "weak", "short", "tall", "expensive", "risky", "quiet", "bright", "dark", "deep",
    "high", "low", "little", "good", "bad", "slowly", "quickly", "seriously",
];
/// Degree words that are verbs too: `to close` may be an infinitive.
const ALSO_VERBS: &[&str] = &["close", "fast", "short", "slow"];
/// After these, `to` + a degree word cannot be a preposition.
const BEFORE_DEGREE: &[&str] = &[
    "is", "was", "are", "were", "am", "be", "been", "being", "it's", "that's", "thats", "he's",
    "she's", "you're", "we're", "they're", "i'm", "way", "far", "just", "getting", "gets", "got",
];
#[rustfmt::skip]
const REFLEXIVES: &[&str] = &[
    "myself", "yourself", "himself", "herself", "itself", "ourselves", "yourselves", "themselves",
];
const EFFORT: &[&str] = &[
    "try", "tries", "tried", "trying", "work", "works", "worked", "working", "push", "pushes",
    "pushed", "pushing",
];
/// Verbs that take `to`: `amount to much`, `appeal to many`.
#[rustfmt::skip]
const TO_VERBS: &[&str] = &[
    "amount", "amounts", "amounted", "amounting", "come", "comes", "came", "coming", "known",
    "dear", "appeal", "appeals", "appealed", "open", "belong", "belongs", "belonged", "apply",
    "applies", "applied", "happen", "happens", "happened", "add", "adds", "added", "lead", "leads",
    "led", "matter", "matters", "mattered", "familiar", "visible", "common", "given", "give",
    "gave", "sold", "shown", "happy", "available", "accessible", "due", "up", "from", "until",
    "till", "early", "changed", "moved", "set",
];

impl Rule for ToToo {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, paragraph: &Paragraph<'_>, out: &mut Vec<Diagnostic>) {
        let words = paragraph.words();
        for i in paragraph.each("to") {
            let Some(to) = words.get(i) else { continue };
            let Some(applicability) = judge(words, i) else {
                continue;
            };
            let fixed = with_case_of(to.text(), "too");
            let before = words.text(i.saturating_sub(1));
            out.push(suggestion(
                Self::META.code,
                to.range(),
                fixed.clone(),
                format!("`{before} {}` → `{before} {fixed}`", to.text()),
                Some(applicability),
            ));
        }
    }
}

fn judge(words: &Words<'_>, i: usize) -> Option<Applicability> {
    let previous = i.checked_sub(1)?;
    if !words.joined(i) {
        return me_to(words, i);
    }
    let degree = i + 1;
    // The cheap questions first: most `to`s end no sentence.
    if !words.joined(previous)
        || !words.ends_sentence(degree)
        || !words.is_any(degree, DEGREES)
        || !is_lowercase(words.text(degree))
    {
        return None;
    }
    if words.is_any(degree, ALSO_VERBS) {
        // `Our only option is to close.`: an infinitive as likely as `too`.
        return words
            .is_any(previous, BEFORE_DEGREE)
            .then_some(Applicability::Unsafe);
    }
    let effort = words.is_any(previous, REFLEXIVES) || words.is_any(previous, EFFORT);
    if words.is_any(previous, BEFORE_DEGREE) || (effort && words.is_any(degree, &["hard", "much"]))
    {
        return Some(Applicability::Safe);
    }
    let likely = words.is_any(degree, &["much", "late"]) && !words.is_any(previous, TO_VERBS);
    likely.then_some(Applicability::Unsafe)
}

/// `Me to!`: a sentence of its own, or after a comma (`Yeah, me to.`).
fn me_to(words: &Words<'_>, i: usize) -> Option<Applicability> {
    let me = i.checked_sub(1)?;
    let alone = words.starts_sentence(me) || words.gap_before(me).trim_end().ends_with(',');
    let ends = matches!(words.next_char(i), Some('.' | '!'));
    (words.is(me, "me") && words.joined(me) && alone && ends).then_some(Applicability::Safe)
}

#[cfg(test)]
mod tests {
    use super::ToToo;
    use crate::rules::testing::{assert_fixes, assert_no_diagnostics, assert_reported_not_fixed};

    #[test]
    fn fixes_the_seed() {
        assert_fixes(
            &ToToo,
            "from pushing himself to hard. Sakura had realized",
            "from pushing himself too hard. Sakura had realized",
        );
    }

    #[test]
    fn fixes_closed_contexts() {
        for (text, expected) in [
            ("It's to late!", "It's too late!"),
            ("That was way to much.", "That was way too much."),
            ("\"Me to!\"", "\"Me too!\""),
            ("Yeah, me to.", "Yeah, me too."),
            ("You're trying to hard.", "You're trying too hard."),
            ("It was to late*!*", "It was too late*!*"),
        ] {
            assert_fixes(&ToToo, text, expected);
        }
    }

    #[test]
    fn likely_but_unsure_is_unsafe() {
        assert_reported_not_fixed(&ToToo, "She ate to much.");
    }

    #[test]
    fn infinitives_of_degree_verbs_are_unsafe() {
        for text in [
            "Our only option is to close.",
            "The plan was to close.",
            "There's only one way to close.",
            "Who gets to close?",
            "She stayed late just to close.",
            "The custom was to fast.",
            "The smart move was to short.",
        ] {
            assert_reported_not_fixed(&ToToo, text);
        }
    }

    #[test]
    fn prepositions_pass() {
        for text in [
            "Will that treasure amount\nto much?",
            "The cloaks appear to many.",
            "It changed from soft to hard.",
            "Set the game to hard.",
            "That was why he asked me to.",
            "I'd like you to.",
            "It's up to me to.",
            "I went to school.",
            "To much surprise, he won.",
            "He went to Late.",
            // Marks glued between words end no sentence.
            "It is to hard_core today.",
            "He turned to hard*core music.",
        ] {
            assert_no_diagnostics(&ToToo, text);
        }
    }
}
