use crate::declare_rule;
use crate::rules::words::text::{suggestion, with_case_of};
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
    /// Safe: `alot` has no other meaning. A story that uses `Alot` as a
    /// name (learned from the story or accepted in ficpress.toml) is left
    /// alone.
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
            let fixed = with_case_of(word.text(), "a lot");
            out.push(suggestion(
                Self::META.code,
                word.range(),
                fixed.clone(),
                format!("`{}` → `{fixed}`", word.text()),
                Some(Applicability::Safe),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Alot;
    use crate::rules::testing::{assert_fixes, assert_no_diagnostics};

    #[test]
    fn splits_alot() {
        assert_fixes(&Alot, "Thanks alot!", "Thanks a lot!");
        assert_fixes(&Alot, "Alot of people came.", "A lot of people came.");
        assert_fixes(&Alot, "ALOT", "A LOT");
    }

    #[test]
    fn other_words_pass() {
        assert_no_diagnostics(&Alot, "We allot a lot of time. Alotment, zealot.");
    }
}
