use crate::declare_rule;
use crate::rules::words::text::{is_shouted, suggestion, with_case_of};
use crate::rules::{Applicability, Diagnostic, Paragraph, Rule, RuleMeta};

declare_rule! {
    /// `alot` where `a lot` is meant.
    ///
    /// ## Why
    /// `a lot` is two words; `alot` is not an English word (the verb is
    /// `allot`).
    ///
    /// ## Example
    /// `Thanks alot!` → `Thanks a lot!`; `Alot of people` → `A lot of
    /// people`.
    ///
    /// ## Fix safety
    /// Safe: `alot` has no other meaning as a word. A story that uses
    /// `Alot` as a name (learned from the story or accepted in
    /// ficpress.toml) is left alone, and a capitalised `Alot` inside a
    /// sentence is an unsafe fix: there it is more likely a name the story
    /// mentions once (`They drove to Alot, a town in India.`) than a slip.
    pub Alot, META = ("W008", "alot", Words)
}

impl Rule for Alot {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, paragraph: &Paragraph<'_>, out: &mut Vec<Diagnostic>) {
        let words = paragraph.words();
        for i in paragraph.each("alot") {
            let Some(word) = words.get(i) else { continue };
            if paragraph.vocabulary.is_protected(word.text()) {
                continue;
            }
            let text = word.text();
            let named = text.starts_with('A') && !is_shouted(text) && !words.starts_sentence(i);
            let fixed = with_case_of(text, "a lot");
            out.push(suggestion(
                Self::META.code,
                word.range(),
                fixed.clone(),
                format!("`{text}` → `{fixed}`"),
                Some(if named {
                    Applicability::Unsafe
                } else {
                    Applicability::Safe
                }),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Alot;
    use crate::rules::testing::{assert_fixes, assert_no_diagnostics, assert_reported_not_fixed};

    #[test]
    fn splits_alot() {
        assert_fixes(&Alot, "Thanks alot!", "Thanks a lot!");
        assert_fixes(&Alot, "Alot of people came.", "A lot of people came.");
        assert_fixes(&Alot, "ALOT", "A LOT");
        assert_fixes(
            &Alot,
            "I like it. Alot, really.",
            "I like it. A lot, really.",
        );
        assert_fixes(&Alot, "\"Alot,\" she said.", "\"A lot,\" she said.");
    }

    /// Capitalised inside a sentence, `Alot` is more likely a place or a
    /// name than a slip: reported for review, not changed.
    #[test]
    fn a_capital_inside_a_sentence_may_be_a_name() {
        assert_reported_not_fixed(&Alot, "They drove to Alot, a small town in India.");
        assert_reported_not_fixed(&Alot, "We met the Alot family.");
    }

    #[test]
    fn other_words_pass() {
        assert_no_diagnostics(&Alot, "We allot a lot of time. Alotment, zealot.");
    }
}
