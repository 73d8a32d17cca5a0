use crate::declare_rule;
use crate::rules::words::text::{is_lowercase, key, suggestion, with_case_of};
use crate::rules::{Applicability, Diagnostic, Paragraph, Rule, RuleMeta};

declare_rule! {
    /// `loose` (not tight) where `lose` (misplace, fail to keep) is meant.
    ///
    /// ## Why
    /// The extra `o` changes the word. `loose` is also a real verb, "set
    /// free" (`loose the hounds`, `cast loose the cables`, `let him loose
    /// his wings`), so only what one can lose and nobody sets free is fixed.
    ///
    /// ## Example
    /// `I'm going to loose my mind` → `lose my mind`;
    /// `don't loose track of time` → `lose track of time`.
    ///
    /// ## Fix safety
    /// Safe: `loose`/`looses`/`loosing` + a possessive or `the` + `nerve`,
    /// `mind`, `temper`, `patience`, `balance`, `control`, `hope`, `way`,
    /// `cool`, `focus`, `footing`, `virginity`; and `loose track/sight/
    /// count of`; but after a verb that `loose` follows as "free" (`Her hair
    /// came loose the way it always did`, `She let loose her temper`:
    /// `came`, `broke`, `let`, `cut`, `set`, `hung`...) the fix is unsafe,
    /// and after `a`/`an`/`the` (`a loose count of the days`) there is none.
    /// Nothing else is reported.
    pub LooseLose, META = ("W004", "loose-lose", Words)
}

/// The misspellings this rule looks at.
const LOOSE: u64 = key("loose");
const LOOSES: u64 = key("looses");
const LOOSING: u64 = key("loosing");
const DETERMINERS: &[&str] = &["her", "his", "my", "your", "their", "our", "the", "its"];
#[rustfmt::skip]
const LOST_THINGS: &[&str] = &[
    "nerve", "mind", "temper", "patience", "balance", "control", "hope", "way", "cool", "focus",
    "footing", "virginity",
];
const LOST_TRACK: &[&str] = &["track", "sight", "count"];
/// Verbs `loose` follows as "free" (`came loose the way`, `let loose her
/// temper`): the fix after them is unsafe.
#[rustfmt::skip]
const SET_FREE: &[&str] = &[
    "came", "come", "comes", "coming", "broke", "break", "breaks", "breaking", "broken",
    "worked", "work", "works", "working", "let", "lets", "letting", "cut", "cuts", "cutting",
    "shook", "shake", "shakes", "shaking", "set", "sets", "setting", "hang", "hangs", "hanging",
    "hung", "tore", "tear", "tears", "tearing", "turn", "turned", "turns", "cast", "shaken",
    "pulled", "sprang", "sprung", "knocked",
];

impl Rule for LooseLose {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, paragraph: &Paragraph<'_>, out: &mut Vec<Diagnostic>) {
        let words = paragraph.words();
        for i in paragraph
            .word_index()
            .with_keys(words, &[LOOSE, LOOSES, LOOSING])
        {
            let fixed = match words.key(i) {
                LOOSE => "lose",
                LOOSES => "loses",
                LOOSING => "losing",
                _ => continue,
            };
            let Some(word) = words.get(i) else { continue };
            if !words.joined(i) || paragraph.vocabulary.is_protected(word.text()) {
                continue;
            }
            let lowercase = |k: usize| is_lowercase(words.text(k));
            let owned = words.is_any(i + 1, DETERMINERS)
                && words.joined(i + 1)
                && words.is_any(i + 2, LOST_THINGS)
                && lowercase(i + 1)
                && lowercase(i + 2);
            let track = words.is_any(i + 1, LOST_TRACK)
                && words.joined(i + 1)
                && words.is(i + 2, "of")
                && lowercase(i + 1);
            if !(owned || track) {
                continue;
            }
            // `a loose count of the days`: an adjective.
            if words.follows_any(i, &["a", "an", "the"]) {
                continue;
            }
            let applicability = if words.follows_any(i, SET_FREE) {
                Applicability::Unsafe
            } else {
                Applicability::Safe
            };
            let fixed = with_case_of(word.text(), fixed);
            let object = words.text(i + 1);
            out.push(suggestion(
                Self::META.code,
                word.range(),
                fixed.clone(),
                format!("`{} {object}` → `{fixed} {object}`", word.text()),
                Some(applicability),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::LooseLose;
    use crate::rules::testing::{assert_fixes, assert_no_diagnostics, assert_reported_not_fixed};

    #[test]
    fn fixes_what_one_loses() {
        for (text, expected) in [
            ("I'm going to loose my mind.", "I'm going to lose my mind."),
            ("Don't loose your temper!", "Don't lose your temper!"),
            (
                "She was loosing her patience.",
                "She was losing her patience.",
            ),
            ("He looses the way.", "He loses the way."),
            ("Loose track of time.", "Lose track of time."),
        ] {
            assert_fixes(&LooseLose, text, expected);
        }
    }

    #[test]
    fn setting_free_and_slack_pass() {
        for text in [
            "Loose the hounds!",
            "They were casting loose the cables.",
            "Let him loose his wings.",
            "A loose thread.",
            "Her hair hung loose, her mind elsewhere.",
            "The horse broke loose. The way was clear.",
            "We kept a loose count of the days.",
        ] {
            assert_no_diagnostics(&LooseLose, text);
        }
    }

    #[test]
    fn after_verbs_of_setting_free_it_is_unsafe() {
        for text in [
            "Her hair came loose the way it always did.",
            "The horse broke loose the way it did last spring.",
            "She let loose her temper on the clerk.",
        ] {
            assert_reported_not_fixed(&LooseLose, text);
        }
        assert_fixes(
            &LooseLose,
            "They'll loose the way in the dark.",
            "They'll lose the way in the dark.",
        );
    }
}
