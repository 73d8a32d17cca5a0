use crate::declare_rule;
use crate::rules::words::text::{Words, is_lowercase, suggestion, with_case_of};
use crate::rules::{Applicability, Diagnostic, Paragraph, Rule, RuleMeta};

declare_rule! {
    /// `then` (at that time, next) where `than` (comparison) is meant:
    /// `more then a friend`.
    ///
    /// ## Why
    /// A comparative wants `than`. But `then` after a comparative is often
    /// right: `He was younger then.`, `Things were better then, and...`,
    /// `I'd better then go`; and `-er` words are not all comparatives
    /// (`never`, `after`, `together`, `other`, `later`).
    ///
    /// ## Example
    /// `He is more then a friend` → `more than a friend`;
    /// `stronger then him` → `stronger than him`.
    ///
    /// ## Fix safety
    /// Only comparatives from a closed list count (`more`, `less`, `rather`,
    /// `better`, `bigger`... but no time words like `later`, `sooner`,
    /// `earlier`, `longer`). Safe when `then` is followed by a word that can
    /// only begin the thing compared: an article, a determiner, an object
    /// pronoun, `ever`, `usual`, `before`, `anything`, `expected`, a number.
    /// Unsafe before a subject pronoun (`he was stronger then he looked` is
    /// likely, `he was happier then I think` is possible), and after
    /// `rather` before any other lower-case word: `flee rather then fight`
    /// wants `than`, but `rather` is also an adverb (`he was rather then
    /// inclined to agree`, `I'd rather then live`, where `than` would be
    /// wrong). Unsafe too after `rather` before a compared word (`I'd rather
    /// then the two of you went`), and where a condition (`if`, `when`,
    /// `once`, `unless`) comes earlier in the sentence, unless the next word
    /// cannot begin a clause (`me`, `ever`, `usual`...): `If his magic is
    /// stronger then the ward will break` is right. Nothing is reported
    /// before punctuation.
    pub ThenThan, META = ("W005", "then-than", Words)
}

#[rustfmt::skip]
const COMPARATIVES: &[&str] = &[
    "more", "less", "fewer", "rather", "better", "worse", "bigger", "smaller", "faster", "slower",
    "stronger", "weaker", "older", "younger", "taller", "shorter", "higher", "lower", "harder",
    "easier", "greater", "larger", "smarter", "prettier", "happier", "sadder", "closer", "colder",
    "hotter", "warmer", "cooler", "darker", "brighter", "louder", "quieter", "deeper", "heavier",
    "lighter", "richer", "poorer", "wiser", "braver", "safer", "nicer", "funnier", "cuter",
    "scarier", "cleaner", "dirtier", "thicker", "thinner", "wider", "softer", "tougher", "cheaper",
    "kinder", "crazier", "stranger", "weirder", "healthier", "hungrier", "angrier", "busier",
    "lazier", "luckier", "quicker", "sharper", "smoother", "sweeter", "tighter", "uglier",
    "worthier", "greener", "stupider", "dumber", "calmer", "bolder", "prouder", "fatter",
    "slimmer",
];
/// After `COMPARATIVE then`, these can only start what is compared.
#[rustfmt::skip]
const COMPARED: &[&str] = &[
    "a", "an", "the", "me", "him", "her", "us", "them", "my", "his", "your", "our", "their",
    "this", "that", "these", "those", "ever", "usual", "before", "anything", "anyone", "anybody",
    "anywhere", "everything", "everyone", "everybody", "any", "most", "expected", "normal", "mine",
    "yours", "ours", "theirs", "one", "two", "three", "four", "five", "ten", "twenty", "fifty",
    "hundred", "half", "last", "average", "necessary", "needed", "planned",
];
/// Words of `COMPARED` that cannot begin a clause: `If he's older then
/// me` compares even in a condition.
#[rustfmt::skip]
const NOT_CLAUSE_START: &[&str] = &[
    "me", "him", "us", "them", "ever", "usual", "before", "expected", "normal", "necessary",
    "needed", "planned", "average",
];
const CONDITIONS: &[&str] = &["if", "when", "whenever", "once", "unless"];
const SUBJECTS: &[&str] = &["i", "you", "he", "she", "we", "they", "it"];

impl Rule for ThenThan {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, paragraph: &Paragraph<'_>, out: &mut Vec<Diagnostic>) {
        let words = paragraph.words();
        for i in paragraph.each("then") {
            if i == 0 || !words.joined(i - 1) || !words.joined(i) {
                continue;
            }
            if !words.is_any(i - 1, COMPARATIVES)
                || !(is_lowercase(words.text(i - 1)) || words.starts_sentence(i - 1))
            {
                continue;
            }
            let next = words.text(i + 1);
            let number = next.chars().next().is_some_and(|c| c.is_ascii_digit());
            let lower = is_lowercase(next);
            let compared = number || (lower && words.is_any(i + 1, COMPARED));
            let consequent = || {
                words.is(i - 1, "rather")
                    || (!words.is_any(i + 1, NOT_CLAUSE_START) && conditional(words, i))
            };
            let applicability = if compared && !consequent() {
                Applicability::Safe
            } else if compared
                || words.is_any(i + 1, SUBJECTS)
                || (lower && words.is(i - 1, "rather"))
            {
                Applicability::Unsafe
            } else {
                continue;
            };
            let Some(then) = words.get(i) else { continue };
            let fixed = with_case_of(then.text(), "than");
            let comparative = words.text(i - 1);
            out.push(suggestion(
                Self::META.code,
                then.range(),
                fixed.clone(),
                format!("`{comparative} {}` → `{comparative} {fixed}`", then.text()),
                Some(applicability),
            ));
        }
    }
}

/// Whether the sentence of `then` at `i` has a condition before it (`If his
/// magic is stronger then the ward will break`): `then` may begin the
/// consequent.
fn conditional(words: &Words<'_>, i: usize) -> bool {
    for k in (0..i).rev() {
        if words.is_any(k, CONDITIONS) {
            return true;
        }
        if words.starts_sentence(k) {
            break;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::ThenThan;
    use crate::rules::testing::{assert_fixes, assert_no_diagnostics, assert_reported_not_fixed};

    #[test]
    fn fixes_comparisons() {
        for (text, expected) in [
            ("He is more then a friend.", "He is more than a friend."),
            ("She was stronger then him.", "She was stronger than him."),
            ("I'd rather die then live.", "I'd rather die then live."),
            (
                "It took less then 5 minutes.",
                "It took less than 5 minutes.",
            ),
            ("Better then ever!", "Better than ever!"),
        ] {
            assert_fixes(&ThenThan, text, expected);
        }
    }

    #[test]
    fn consequents_of_conditions_are_unsafe() {
        for text in [
            "If his magic is stronger then the ward will break.",
            "If you're older then the rules don't apply to you.",
            "Once he's bigger then his father can't lift him.",
        ] {
            assert_reported_not_fixed(&ThenThan, text);
        }
        // What cannot begin a clause is still compared.
        assert_fixes(
            &ThenThan,
            "If he's stronger then me, I'll lose.",
            "If he's stronger than me, I'll lose.",
        );
        assert_fixes(
            &ThenThan,
            "He said so. His magic is stronger then the ward.",
            "He said so. His magic is stronger than the ward.",
        );
    }

    #[test]
    fn subject_pronouns_are_unsafe() {
        assert_reported_not_fixed(&ThenThan, "We were closer then we are now.");
    }

    #[test]
    fn rather_then_a_verb_or_adverb_is_unsafe() {
        for text in [
            "I'd rather then live.",
            "He was rather then inclined to agree.",
            "She chose to flee rather then fight.",
            "I'd rather then the two of you went alone.",
        ] {
            assert_reported_not_fixed(&ThenThan, text);
        }
    }

    #[test]
    fn time_and_sequence_pass() {
        for text in [
            "He was younger then.",
            "Things were better then, and we knew it.",
            "I was happier then. Snug little room.",
            "Later then, we left.",
            "She never then spoke of it.",
            "Mrs. Gardiner then rallied her.",
            "Soon after then we met.",
            "Nothing more, then.",
            "He said no more then left.",
        ] {
            assert_no_diagnostics(&ThenThan, text);
        }
    }
}
