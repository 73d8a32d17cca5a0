use std::sync::LazyLock;

use memchr::memmem::Finder;

use super::runs;
use crate::declare_rule;
use crate::rules::{Diagnostic, Fix, Paragraph, Rule, RuleMeta};

declare_rule! {
    /// Doubled comma: two or more commas in a row after a word or number.
    ///
    /// ## Why
    /// `Well,, maybe` is a slip of the finger; no English sentence needs
    /// two commas in a row.
    ///
    /// ## Example
    /// `Well,, maybe.` → `Well, maybe.`
    ///
    /// Also after a word's closing quote, bracket or emphasis:
    /// `"Yes",, he said`, `(maybe),, then`.
    ///
    /// Not reported: commas after anything else, such as a space, the start
    /// of a line, a bracket or a dash (`,,Hallo''` and `(,,Hallo'')` are
    /// how some writers type a German low opening quote).
    ///
    /// ## Fix safety
    /// Safe: after a word, repeated commas can only mean one comma.
    pub DoubledComma, META = ("P006", "doubled-comma", Typography)
}

/// Two commas: the shortest doubled comma.
static TWO_COMMAS: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(",,"));

impl Rule for DoubledComma {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, paragraph: &Paragraph<'_>, out: &mut Vec<Diagnostic>) {
        let text = paragraph.text;
        for run in runs(text, &TWO_COMMAS) {
            let after_word = text[..run.start]
                .trim_end_matches(['"', '\'', '”', '’', ')', ']', '*', '_'])
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
            if !after_word {
                continue;
            }
            out.push(Diagnostic {
                code: Self::META.code,
                message: format!("{} commas in a row", run.len()),
                range: run.clone(),
                fix: Some(Fix::safe(run.clone(), ",")),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DoubledComma;
    use crate::rules::testing::{assert_fixes, assert_no_diagnostics};

    #[test]
    fn one_comma_is_enough() {
        assert_fixes(&DoubledComma, "Well,, maybe,,, not.", "Well, maybe, not.");
    }

    #[test]
    fn leaves_single_commas_and_low_quotes() {
        assert_no_diagnostics(&DoubledComma, "Well, maybe.");
        assert_no_diagnostics(&DoubledComma, "Er sagte ,,Hallo'' und ging.");
        assert_no_diagnostics(&DoubledComma, ",,Hallo''");
    }

    /// The doc says "after a word", but anything but a space let the commas
    /// through, a low quote after a bracket or a dash too.
    #[test]
    fn after_a_word_or_its_closing_mark_only() {
        assert_fixes(
            &DoubledComma,
            "\"Yes\",, he said (maybe),, and *so*,, then 1,,000.",
            "\"Yes\", he said (maybe), and *so*, then 1,000.",
        );
        assert_no_diagnostics(&DoubledComma, "Er sagte (,,Hallo'') und ging.");
        assert_no_diagnostics(&DoubledComma, "Er ging —,,Hallo''");
        assert_no_diagnostics(&DoubledComma, "Sie sagte:,,Hallo''");
    }
}
