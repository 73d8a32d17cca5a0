use std::sync::LazyLock;

use memchr::memmem::Finder;

use super::{ellipsis, runs};
use crate::declare_rule;
use crate::rules::{Diagnostic, Fix, Paragraph, Rule, RuleMeta};

declare_rule! {
    /// Long ellipsis: four or more dots in a row.
    ///
    /// ## Why
    /// An ellipsis has three dots; `so.......` is a typing habit that
    /// stretches lines and looks different everywhere it appears.
    ///
    /// ## Example
    /// `There they were.......There they were.` → `There they were...There they were.`
    ///
    /// The ellipsis follows the `ellipsis` style option: `...` when it is
    /// `keep` or `ascii`, `…` when it is `typographic`.
    ///
    /// ## Fix safety
    /// Unsafe for four dots: a full stop followed by an ellipsis
    /// (`I entered my bedroom....`) is correct edited English, used by Bram
    /// Stoker and Herman Melville in the Gutenberg corpus. Safe for five or
    /// more dots glued to a word and followed by more text on the line
    /// (`were.....There`); unsafe when the run ends a line or paragraph or
    /// starts one, where Joyce's *Ulysses* uses long runs as a deliberate
    /// trailing-off (`when they were both.....`) and as leaders.
    pub LongEllipsis, META = ("P002", "long-ellipsis", Typography)
}

/// Four dots: the shortest run too long for an ellipsis.
static FOUR_DOTS: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("...."));

impl Rule for LongEllipsis {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, paragraph: &Paragraph<'_>, out: &mut Vec<Diagnostic>) {
        let text = paragraph.text;
        for run in runs(text, &FOUR_DOTS) {
            let after_word = text[..run.start]
                .chars()
                .next_back()
                .is_some_and(char::is_alphabetic);
            let line_goes_on = text[run.end..].chars().next().is_some_and(|c| c != '\n');
            let replacement = ellipsis(paragraph.options.ellipsis);
            let fix = if run.len() >= 5 && after_word && line_goes_on {
                Fix::safe(run.clone(), replacement)
            } else {
                Fix::unsafe_(run.clone(), replacement)
            };
            out.push(Diagnostic {
                code: Self::META.code,
                message: format!("{} dots: an ellipsis has three", run.len()),
                range: run.clone(),
                fix: Some(fix),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::LongEllipsis;
    use crate::rules::testing::{assert_fixes, assert_no_diagnostics, assert_reported_not_fixed};

    #[test]
    fn long_runs_inside_a_line_become_an_ellipsis() {
        assert_fixes(
            &LongEllipsis,
            "There they were.......There they were. \"Uh.....\" he said.",
            "There they were...There they were. \"Uh...\" he said.",
        );
    }

    #[test]
    fn four_dots_and_runs_at_line_ends_are_not_fixed_safely() {
        assert_reported_not_fixed(&LongEllipsis, "I entered my bedroom....");
        assert_reported_not_fixed(&LongEllipsis, "It was huge.... This came.");
        assert_reported_not_fixed(&LongEllipsis, "when they were\nboth.....");
        assert_reported_not_fixed(&LongEllipsis, "......The bright light");
    }

    #[test]
    fn three_dots_pass() {
        assert_no_diagnostics(&LongEllipsis, "And so... it ends. Or… not.");
    }
}
