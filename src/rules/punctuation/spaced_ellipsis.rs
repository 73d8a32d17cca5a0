use std::sync::LazyLock;

use regex::Regex;

use super::ellipsis;
use crate::declare_rule;
use crate::rules::engine::Style;
use crate::rules::{Diagnostic, Fix, Paragraph, Rule, RuleMeta};

declare_rule! {
    /// Spaced ellipsis: `. . .` written with spaces between the dots, when
    /// an ellipsis style is chosen.
    ///
    /// ## Why
    /// `. . .` is a legitimate typesetting style (Oscar Wilde's and Robert
    /// Louis Stevenson's Gutenberg editions use it), but a line break can
    /// fall between its dots. A writer who picks an ellipsis style gets one
    /// kind of ellipsis throughout.
    ///
    /// Only runs when the `ellipsis` option is `ascii` or `typographic`;
    /// with `keep` (the default) the author's choice stays.
    ///
    /// ## Example
    /// With `ellipsis = "typographic"`: `"My romance . . ."` → `"My romance …"`
    ///
    /// Not reported: four or more spaced dots (a full stop plus an
    /// ellipsis, or the leaders of a table of contents).
    ///
    /// ## Fix safety
    /// Safe: the writer asked for this style.
    pub SpacedEllipsis, META = ("P003", "spaced-ellipsis", Typography)
}

/// Three dots separated by single spaces.
static SPACED_DOTS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\. \. \.").expect("valid spaced ellipsis pattern"));

impl Rule for SpacedEllipsis {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, paragraph: &Paragraph<'_>, out: &mut Vec<Diagnostic>) {
        let style = paragraph.options.ellipsis;
        if style == Style::Keep {
            return;
        }
        let text = paragraph.text;
        for run in SPACED_DOTS.find_iter(text) {
            let before = text[..run.start()].trim_end_matches(' ');
            let after = text[run.end()..].trim_start_matches(' ');
            if before.ends_with('.') || after.starts_with('.') {
                continue;
            }
            out.push(Diagnostic {
                code: Self::META.code,
                message: "spaced ellipsis `. . .`".to_string(),
                range: run.range(),
                fix: Some(Fix::safe(run.range(), ellipsis(style))),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::SpacedEllipsis;
    use crate::rules::Applicability;
    use crate::rules::engine::{RuleOptions, Style};
    use crate::rules::testing::{assert_no_diagnostics, diagnostics_with, fixed_with};

    fn with(style: Style) -> RuleOptions {
        RuleOptions {
            ellipsis: style,
            ..RuleOptions::default()
        }
    }

    #[test]
    fn follows_the_chosen_style() {
        let text = "\"My romance . . .\" And . . . Harry!";
        assert_eq!(
            fixed_with(
                &SpacedEllipsis,
                text,
                &with(Style::Typographic),
                Applicability::Safe
            ),
            "\"My romance …\" And … Harry!"
        );
        assert_eq!(
            fixed_with(
                &SpacedEllipsis,
                text,
                &with(Style::Ascii),
                Applicability::Safe
            ),
            "\"My romance ...\" And ... Harry!"
        );
    }

    #[test]
    fn keeps_the_authors_style_by_default_and_leaders_always() {
        assert_no_diagnostics(&SpacedEllipsis, "And . . . Harry!");
        let vocabulary = crate::rules::Vocabulary::default();
        for text in ["once . . . . Oh", "THE BLACK SPOT . . . . . . 24"] {
            let found = diagnostics_with(&SpacedEllipsis, text, &with(Style::Ascii), &vocabulary);
            assert!(found.is_empty(), "{text:?}: {found:?}");
        }
    }
}
