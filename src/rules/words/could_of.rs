use crate::declare_rule;
use crate::rules::words::text::{Words, is_lowercase, suggestion, with_case_of};
use crate::rules::{Applicability, Diagnostic, Paragraph, Rule, RuleMeta};

declare_rule! {
    /// `could of`, `would of`, `must of`... where `have` is meant.
    ///
    /// ## Why
    /// Spoken `could've` sounds like `could of`. But a modal may be followed
    /// by a real `of` phrase: `it must of necessity be`, `it would of course
    /// follow`, `it could of itself`, `all I could of the ways`.
    ///
    /// ## Example
    /// `what could of happened` → `what could have happened`;
    /// `Sakura must of went with him` → `must have went` (only `of` changes).
    ///
    /// ## Fix safety
    /// Safe when a past participle or past tense follows `of`: one of a
    /// closed list (`been`, `done`, `went`, `known`...) or a lower-case word
    /// ending in `-ed` that is not a noun or adjective (`hundred`, `sacred`).
    /// Unsafe before any other word, except the `of` phrases above
    /// (`course`, `necessity`, `itself`, articles, pronouns), which are left
    /// alone. Also unsafe in a partitive, `what` or `all` a few words before
    /// the modal (`carried what they could of dried fish`). `might` and
    /// `must` after an article, a possessive or an adjective such as `full`
    /// or `sweet` are the nouns (`the might of armed men`, `the sweet must
    /// of crushed grapes`) and are left alone.
    pub CouldOf, META = ("W003", "could-of", Words)
}

#[rustfmt::skip]
const MODALS: &[&str] = &[
    "could", "would", "should", "must", "might", "couldn't", "wouldn't", "shouldn't", "mustn't",
];
/// Past participles and past tenses that follow `could have`.
#[rustfmt::skip]
const PARTICIPLES: &[&str] = &[
    "been", "had", "done", "gone", "went", "known", "knew", "seen", "saw", "said", "made", "got",
    "gotten", "come", "came", "taken", "took", "given", "gave", "thought", "heard", "told", "left",
    "felt", "found", "kept", "let", "put", "run", "ran", "brought", "bought", "caught", "taught",
    "fought", "become", "became", "begun", "began", "broken", "broke", "chosen", "chose", "eaten",
    "ate", "fallen", "fell", "forgotten", "forgot", "grown", "hit", "hurt", "lost", "meant", "met",
    "paid", "read", "ridden", "rode", "sent", "shot", "slept", "spent", "stood", "stolen", "stole",
    "swum", "thrown", "threw", "understood", "woken", "won", "worn", "written", "wrote", "sworn",
    "sat", "held", "led", "died", "tried", "lied", "cried", "dreamt", "fled", "sung", "sang",
    "spoken", "spoke", "drunk", "drank", "driven", "drove", "flown", "flew", "hidden", "hid",
    "bitten", "bit", "beaten", "shown",
];
/// Words ending in `-ed` that are not verbs.
const NOT_VERBS: &[&str] = &[
    "hundred", "hundreds", "kindred", "sacred", "wicked", "naked", "beloved", "bed", "red", "shed",
    "sled", "creed", "steed", "weed", "reed", "seed", "speed", "need", "deed", "greed", "breed",
    "bred", "fed", "wed", "sped", "aged", "learned", "blessed", "cursed", "rugged", "ragged",
    "jagged", "crooked", "dogged", "wretched", "supposed",
];

impl Rule for CouldOf {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, paragraph: &Paragraph<'_>, out: &mut Vec<Diagnostic>) {
        let words = paragraph.words();
        for i in paragraph.each("of") {
            if i == 0 || !words.is_any(i - 1, MODALS) || !words.joined(i - 1) {
                continue;
            }
            let Some(of) = words.get(i) else { continue };
            if noun_modal(words, i - 1) {
                // `the might of armed men`, `the sweet must of grapes`.
                continue;
            }
            let next = words.text(i + 1);
            if !words.joined(i) || !is_lowercase(next) {
                continue;
            }
            let lower = next.to_lowercase();
            let verb = PARTICIPLES.contains(&lower.as_str())
                || (lower.chars().count() > 4
                    && lower.ends_with("ed")
                    && !NOT_VERBS.contains(&lower.as_str()));
            let applicability = if verb && !partitive(words, i - 1) {
                Applicability::Safe
            } else if verb {
                Applicability::Unsafe
            } else if lower.ends_with("ing") || words.is_any(i + 1, OF_PHRASES) {
                continue;
            } else {
                Applicability::Unsafe
            };
            let modal = words.text(i - 1);
            let fixed = with_case_of(of.text(), "have");
            out.push(suggestion(
                Self::META.code,
                of.range(),
                fixed.clone(),
                format!("`{modal} {} {next}` → `{modal} {fixed} {next}`", of.text()),
                Some(applicability),
            ));
        }
    }
}

/// Words before `might` or `must` that make it the noun (`the might of
/// Rome`, `the sweet must of grapes`): a modal follows its subject, never
/// an article, a possessive, a preposition or one of these adjectives.
#[rustfmt::skip]
const BEFORE_NOUN: &[&str] = &[
    "the", "a", "an", "its", "his", "her", "their", "our", "my", "your", "thy", "whose", "such",
    "full", "sheer", "sweet", "great", "whole", "own", "brute", "raw", "vast", "utmost", "mighty",
    "military", "naval", "combined", "new", "fresh", "of", "with", "by",
];

/// Whether the modal at `m` is the noun `might` or `must`.
fn noun_modal(words: &Words<'_>, m: usize) -> bool {
    words.is_any(m, &["might", "must"]) && words.follows_any(m, BEFORE_NOUN)
}

/// Whether the modal at `m` ends a partitive `what they could`, `all she
/// could` (`carried what they could of dried fish`): `what` or `all` a
/// word or three before it, in the same clause. `what could of happened`
/// (`what` the subject) is not one.
fn partitive(words: &Words<'_>, m: usize) -> bool {
    (2..=4).any(|back| {
        m >= back
            && words.is_any(m - back, &["what", "all"])
            && (m - back..m).all(|k| words.joined(k))
    })
}

/// Words that start a real `of` phrase after a modal.
#[rustfmt::skip]
const OF_PHRASES: &[&str] = &[
    "course", "necessity", "needs", "need", "itself", "himself", "herself", "themselves", "myself",
    "yourself", "ourselves", "right", "a", "an", "the", "all", "his", "her", "their", "my", "your",
    "our", "its", "it", "them", "him", "me", "us", "you", "this", "that", "these", "those", "late",
    "old", "one", "which", "what", "whom", "some", "any", "many", "no",
];

#[cfg(test)]
mod tests {
    use super::CouldOf;
    use crate::rules::testing::{assert_fixes, assert_no_diagnostics, assert_reported_not_fixed};

    #[test]
    fn fixes_the_seeds() {
        assert_fixes(
            &CouldOf,
            "Naruto sat thinking what could of happened.",
            "Naruto sat thinking what could have happened.",
        );
        assert_fixes(
            &CouldOf,
            "Then yes, Sakura must of went with him.",
            "Then yes, Sakura must have went with him.",
        );
    }

    #[test]
    fn fixes_participles() {
        for (text, expected) in [
            ("You should of known.", "You should have known."),
            ("I wouldn't of done it.", "I wouldn't have done it."),
            ("It might of been him.", "It might have been him."),
            ("We could of killed him.", "We could have killed him."),
            ("He would of tried harder.", "He would have tried harder."),
        ] {
            assert_fixes(&CouldOf, text, expected);
        }
    }

    #[test]
    fn other_words_are_unsafe() {
        assert_reported_not_fixed(&CouldOf, "They might of slain him.");
        assert_reported_not_fixed(&CouldOf, "She must of misunderstood.");
    }

    #[test]
    fn partitives_are_unsafe() {
        assert_reported_not_fixed(&CouldOf, "They carried what they could of dried fish.");
        assert_reported_not_fixed(&CouldOf, "She told him all she could of lost Atlantis.");
    }

    #[test]
    fn modals_after_subjects_are_still_fixed() {
        for (text, expected) in [
            ("He might of known.", "He might have known."),
            ("The boy must of gone.", "The boy must have gone."),
            ("We all could of died.", "We all could have died."),
            ("That might of been him.", "That might have been him."),
        ] {
            assert_fixes(&CouldOf, text, expected);
        }
    }

    #[test]
    fn short_ed_words_are_counted_in_characters() {
        // Four characters either way; `’` is three bytes.
        assert_reported_not_fixed(&CouldOf, "They could of x'ed it out.");
        assert_reported_not_fixed(&CouldOf, "They could of x’ed it out.");
    }

    #[test]
    fn real_of_phrases_pass() {
        for text in [
            "Her talk would of necessity have been short.",
            "It would of course instantly stop.",
            "He could, of course, refuse.",
            "It must of needs be so.",
            "All I could of the ways of the country.",
            "More of the wolf than I should of a dog.",
            "The dear might of Him that walked.",
            "The best he could of his goods.",
            "It could of itself explain nothing.",
            "They would of late arrive early.",
            "They faced the might of armed men.",
            "She felt the full might of wounded pride.",
            "The vat held the sweet must of crushed grapes.",
            "They conquered by might of arms.",
        ] {
            assert_no_diagnostics(&CouldOf, text);
        }
    }
}
