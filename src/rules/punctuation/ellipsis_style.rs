use std::ops::Range;

use crate::declare_rule;
use crate::rules::engine::Style;
use crate::rules::{Diagnostic, Fix, Paragraph, Rule, RuleMeta};

declare_rule! {
    /// Ellipsis style: three dots `...` or the ellipsis character `…`, as
    /// the `ellipsis` option says.
    ///
    /// ## Why
    /// Both are correct; a book should use one. EPUB readers set `…` as one
    /// glyph that never breaks across lines, while `...` suits plain text.
    ///
    /// Only runs when the `ellipsis` option is `ascii` or `typographic`;
    /// with `keep` (the default) the author's choice stays.
    ///
    /// ## Example
    /// With `ellipsis = "typographic"`: `Well... no.` → `Well… no.`
    /// With `ellipsis = "ascii"`: `Well… no.` → `Well... no.`
    ///
    /// Only a lone ellipsis is converted: runs of two dots (P001) and of
    /// four or more (P002) have rules of their own, and an ellipsis beside
    /// another dot or ellipsis (`Wait….`, `.…`, `...…`) is reported without
    /// a fix.
    ///
    /// ## Fix safety
    /// Safe: the writer asked for this style, and the two forms mean the
    /// same. An ellipsis beside other dots gets no fix: `Wait….` may be an
    /// ellipsis and a full stop or a slip for one ellipsis, and converting
    /// the `…` alone would leave a run of four or more dots for P002 to
    /// report or shorten again.
    pub EllipsisStyle, META = ("P004", "ellipsis-style", Typography)
}

impl Rule for EllipsisStyle {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, paragraph: &Paragraph<'_>, out: &mut Vec<Diagnostic>) {
        let text = paragraph.text;
        let (from, to) = match paragraph.options.ellipsis {
            Style::Keep => return,
            Style::Ascii => ("…", "..."),
            Style::Typographic => ("...", "…"),
        };
        // Where the last run looked at ends: the matches inside it are done.
        let mut seen_to = 0;
        for (at, _) in text.match_indices(from) {
            let end = at + from.len();
            if at < seen_to {
                continue;
            }
            let run = dot_run(text, at..end);
            seen_to = run.end;
            if run == (at..end) {
                out.push(Diagnostic {
                    code: Self::META.code,
                    message: format!("`{from}` → `{to}` (ellipsis style)"),
                    range: at..end,
                    fix: Some(Fix::safe(at..end, to)),
                });
            } else if text[run.clone()].contains('…') {
                out.push(Diagnostic {
                    code: Self::META.code,
                    message: format!(
                        "`{}` is not a lone ellipsis: convert it to `{to}` style by hand",
                        &text[run.clone()]
                    ),
                    range: run,
                    fix: None,
                });
            }
            // Else only dots: `....` is P002's.
        }
    }
}

/// The run of dots and ellipsis characters around `ellipsis`.
fn dot_run(text: &str, ellipsis: Range<usize>) -> Range<usize> {
    let is_dot = |c: &char| matches!(c, '.' | '…');
    let before: usize = text[..ellipsis.start]
        .chars()
        .rev()
        .take_while(is_dot)
        .map(char::len_utf8)
        .sum();
    let after: usize = text[ellipsis.end..]
        .chars()
        .take_while(is_dot)
        .map(char::len_utf8)
        .sum();
    ellipsis.start - before..ellipsis.end + after
}

#[cfg(test)]
mod tests {
    use super::EllipsisStyle;
    use crate::rules::engine::{RuleOptions, Style};
    use crate::rules::punctuation::{DoublePeriod, LongEllipsis};
    use crate::rules::testing::{assert_no_diagnostics, diagnostics_with, fixed_with};
    use crate::rules::{Applicability, Rule, Vocabulary};

    fn fixed(text: &str, style: Style) -> String {
        let options = RuleOptions {
            ellipsis: style,
            ..RuleOptions::default()
        };
        fixed_with(&EllipsisStyle, text, &options, Applicability::Safe)
    }

    #[test]
    fn converts_to_the_chosen_style() {
        assert_eq!(fixed("Well... no...", Style::Typographic), "Well… no…");
        assert_eq!(fixed("Well… no…", Style::Ascii), "Well... no...");
    }

    #[test]
    fn leaves_other_runs_and_the_default() {
        assert_eq!(
            fixed("Wait.... Oh.. no", Style::Typographic),
            "Wait.... Oh.. no"
        );
        assert_no_diagnostics(&EllipsisStyle, "Well... no… yes");
    }

    /// With the ascii style `Wait….` became `Wait....`, four dots that P002
    /// then reported, and `Uhhh….. Not` five dots that P002 then cut to
    /// three: one rule's fix made new work for another.
    #[test]
    fn reports_an_ellipsis_beside_other_dots_without_a_fix() {
        for (text, style) in [
            ("Black is mad…. Absolutely mad.", Style::Ascii),
            ("Uhhh….. Not good.", Style::Ascii),
            ("Wait.… Now", Style::Ascii),
            ("Wait…… Now", Style::Ascii),
            ("Wait...… Now", Style::Typographic),
            ("Wait…... Now", Style::Typographic),
        ] {
            let options = RuleOptions {
                ellipsis: style,
                ..RuleOptions::default()
            };
            let found = diagnostics_with(&EllipsisStyle, text, &options, &Vocabulary::learn(text));
            assert_eq!(found.len(), 1, "{text}");
            assert!(found[0].fix.is_none(), "{text}");
            assert_eq!(fixed(text, style), text);
        }
    }

    /// P004's fixes never make a run that P001 or P002 then reports.
    #[test]
    fn converting_makes_no_run_for_other_ellipsis_rules() {
        for (text, style) in [
            ("Wait…. Uhhh….. Not.… Well… no", Style::Ascii),
            ("Wait...… Uhhh…... Not.... Well... no", Style::Typographic),
        ] {
            let options = RuleOptions {
                ellipsis: style,
                ..RuleOptions::default()
            };
            let after = fixed(text, style);
            for rule in [&DoublePeriod as &dyn Rule, &LongEllipsis] {
                let count = |text: &str, options: &RuleOptions| {
                    diagnostics_with(rule, text, options, &Vocabulary::learn(text)).len()
                };
                assert_eq!(count(&after, &options), count(text, &options), "{after}");
            }
        }
    }
}
