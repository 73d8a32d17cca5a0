use crate::declare_rule;
use crate::rules::words::evidence::Evidence;
use crate::rules::words::text::{Words, is_lowercase, key, suggestion};
use crate::rules::{Applicability, Diagnostic, Paragraph, Rule, RuleMeta};

declare_rule! {
    /// `Its` where `It's` (it is) is meant, and `it's own` for `its own`.
    ///
    /// ## Why
    /// The possessive `its` has no apostrophe, the contraction does; writers
    /// swap them both ways. `Its` starting a sentence before `not`, `a`,
    /// `been`... cannot be the possessive, which needs a noun after it.
    ///
    /// ## Example
    /// `Its Sasuke... He's gone!` → `It's Sasuke...`;
    /// `Its time for our mission!` → `It's time for...`;
    /// `each to it's own` → `each to its own`.
    ///
    /// ## Fix safety
    /// Safe: a sentence-initial `Its` before `not`, `a`, `the`, `been`,
    /// `okay`, `over`, `just`, `so`, `too`, `gonna`, `all`, a pronoun
    /// (`me`, `you`...) or a name learned from the story; `Its time` only
    /// before `to`, `for` or the sentence's end (`Its time had come` is the
    /// possessive); `Its going` only before `to` or `on`; `Its only`,
    /// `Its just`, `Its like`, `Its really` only before an article or a
    /// pronoun (`Its only me`), otherwise unsafe (`Its only door was
    /// locked` is the possessive). Mid-sentence `its`
    /// is fixed only before `a`, `an`, `been`, `gonna`, `alright`, and only
    /// in a paragraph that writes at least as many pronoun contractions
    /// with their apostrophe as without
    /// (Joyce's Molly Bloom writes `its a` on purpose). `its a cappella`,
    /// `a la carte`, `a priori`, `a posteriori`, `a fortiori` are left alone. `it's own` → `its
    /// own` is always safe. Other sentence-initial `Its` + a capitalised
    /// word gets an unsafe fix.
    pub ItsIts, META = ("W002", "its-its", Words)
}

/// After a sentence-initial `Its`, these cannot follow a possessive.
/// The two spellings this rule looks at.
const ITS: u64 = key("its");
const IT_S: u64 = key("it's");
const AFTER_START: &[&str] = &[
    "not", "a", "an", "the", "been", "okay", "ok", "alright", "over", "just", "so", "too", "gonna",
    "all", "me", "you", "him", "her", "us", "them", "no",
];
/// Adverbs after `Its` that also modify a possessed noun phrase (`Its only
/// door was locked`, `Its like had never been seen`): `It's` is sure only
/// when an article or a pronoun follows them (`Its only me`).
const ADVERBS: &[&str] = &["only", "just", "like", "really"];
/// After `Its ADVERB`, these begin no possessed noun phrase.
#[rustfmt::skip]
const AFTER_ADVERB: &[&str] = &[
    "a", "an", "the", "me", "you", "him", "her", "us", "them", "that", "this", "not", "so", "too",
];
/// Borrowed phrases beginning with `a`: `its a cappella choir`.
const BORROWED: &[&str] = &[
    "cappella",
    "capella",
    "la",
    "priori",
    "posteriori",
    "fortiori",
];
/// After a mid-sentence `its`, these cannot follow a possessive.
const AFTER_MID: &[&str] = &["a", "an", "been", "gonna", "alright"];

impl Rule for ItsIts {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, paragraph: &Paragraph<'_>, out: &mut Vec<Diagnostic>) {
        let words = paragraph.words();
        let mut evidence = None;
        for i in paragraph.word_index().with_keys(words, &[ITS, IT_S]) {
            let candidate = matches!(words.key(i), ITS | IT_S);
            if !candidate {
                continue;
            }
            let Some(word) = words.get(i) else { continue };
            let text = word.text();
            if !words.joined(i) || paragraph.vocabulary.is_protected(text) {
                continue;
            }
            let next = words.text(i + 1);
            if words.is(i, "it's") && words.is(i + 1, "own") && is_lowercase(next) {
                let fixed = format!("{}ts", &text[..1]);
                out.push(suggestion(
                    Self::META.code,
                    word.range(),
                    fixed.clone(),
                    format!("`{text} own` → `{fixed} own` (possessive)"),
                    Some(Applicability::Safe),
                ));
                continue;
            }
            if !words.is(i, "its") || borrowed_a(words, i + 1) {
                continue;
            }
            let applicability = if text == "Its" && words.starts_sentence(i) {
                after_start(words, i, paragraph)
            } else if text == "its" && words.is_any(i + 1, AFTER_MID) && is_lowercase(next) {
                let evidence = evidence.get_or_insert_with(|| Evidence::of(words)).pronoun;
                Some(if evidence {
                    Applicability::Safe
                } else {
                    Applicability::Unsafe
                })
            } else {
                None
            };
            let Some(applicability) = applicability else {
                continue;
            };
            let fixed = words.with_apostrophe(&format!("{}t's", &text[..1]));
            out.push(suggestion(
                Self::META.code,
                word.range(),
                fixed.clone(),
                format!("`{text} {next}` → `{fixed} {next}` (it is)"),
                Some(applicability),
            ));
        }
    }
}

/// How sure we are that a sentence-initial `Its` at `i` means `It's`.
fn after_start(words: &Words<'_>, i: usize, paragraph: &Paragraph<'_>) -> Option<Applicability> {
    let next = words.text(i + 1);
    if !is_lowercase(next) {
        let name = paragraph.vocabulary.is_name(next);
        return Some(if name {
            Applicability::Safe
        } else {
            Applicability::Unsafe
        });
    }
    let then = |list: &[&str]| words.joined(i + 1) && words.is_any(i + 2, list);
    if words.is_any(i + 1, ADVERBS) {
        let sure = words.joined(i + 1) && words.is_any(i + 2, AFTER_ADVERB);
        return Some(if sure {
            Applicability::Safe
        } else {
            Applicability::Unsafe
        });
    }
    let certain = words.is_any(i + 1, AFTER_START)
        || (words.is(i + 1, "time") && (then(&["to", "for"]) || words.ends_sentence(i + 1)))
        || (words.is(i + 1, "going") && then(&["to", "on"]));
    certain.then_some(Applicability::Safe)
}

/// Whether `a` at `i` begins a borrowed phrase (`a cappella`, `a la carte`,
/// `a priori`), which may follow the possessive `its`.
fn borrowed_a(words: &Words<'_>, i: usize) -> bool {
    words.is(i, "a") && words.joined(i) && words.is_any(i + 1, BORROWED)
}

#[cfg(test)]
mod tests {
    use super::ItsIts;
    use crate::rules::testing::{assert_fixes, assert_no_diagnostics, assert_reported_not_fixed};

    #[test]
    fn fixes_the_seeds() {
        assert_fixes(
            &ItsIts,
            "Ask Sasuke. \" Its Sasuke... He's gone!\" Sasuke left.",
            "Ask Sasuke. \" It's Sasuke... He's gone!\" Sasuke left.",
        );
        assert_fixes(
            &ItsIts,
            "\"Sakura! Were late! Its time for our mission!\"",
            "\"Sakura! Were late! It's time for our mission!\"",
        );
    }

    #[test]
    fn fixes_closed_contexts() {
        for (text, expected) in [
            ("Its not fair.", "It's not fair."),
            ("“Its been ages.”", "“It’s been ages.”"),
            ("I know. Its okay.", "I know. It's okay."),
            ("To each it's own.", "To each its own."),
            ("It's own mother left.", "Its own mother left."),
            ("I'm sure its a trap.", "I'm sure it's a trap."),
            ("Its only me.", "It's only me."),
            ("Its just a game.", "It's just a game."),
        ] {
            assert_fixes(&ItsIts, text, expected);
        }
    }

    #[test]
    fn unsure_contexts_are_unsafe() {
        assert_reported_not_fixed(&ItsIts, "Its Majesty arrived.");
        for text in [
            "The house stood empty. Its only door was locked.",
            "Its like had never been seen.",
            "Its just weight pressed the scale.",
            "Its really remarkable song rang out.",
        ] {
            assert_reported_not_fixed(&ItsIts, text);
        }
        assert_reported_not_fixed(&ItsIts, "well its a lovely day for it");
    }

    #[test]
    fn possessives_pass() {
        for text in [
            "The clock stopped. Its time was wrong.",
            "Its going was sudden.",
            "The dog wagged its tail.",
            "It lost its way. Its owner wept.",
            "Took its time, it's true.",
            "It's a trap.",
            "It's owned by him.",
            "if its not raining",
            "I'm sure. It's in its a cappella choir.",
            "I'm sure. They liked its a la carte menu.",
            "I'm sure. We doubted its a priori premise.",
            "I'm sure. Weigh its a posteriori evidence.",
            "Its a fortiori force was clear.",
        ] {
            assert_no_diagnostics(&ItsIts, text);
        }
    }
}
