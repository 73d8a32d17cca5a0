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
    /// Only runs of exactly three dots are converted: two (P001) and four
    /// or more (P002) are errors or styles with their own rules.
    ///
    /// ## Fix safety
    /// Safe: the writer asked for this style, and the two forms mean the
    /// same.
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
        for (at, _) in text.match_indices(from) {
            let end = at + from.len();
            // `....` is not three dots; `...` inside it is left to P002.
            if from == "..." && (text[..at].ends_with('.') || text[end..].starts_with('.')) {
                continue;
            }
            out.push(Diagnostic {
                code: Self::META.code,
                message: format!("`{from}` → `{to}` (ellipsis style)"),
                range: at..end,
                fix: Some(Fix::safe(at..end, to)),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::EllipsisStyle;
    use crate::rules::Applicability;
    use crate::rules::engine::{RuleOptions, Style};
    use crate::rules::testing::{assert_no_diagnostics, fixed_with};

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
}
