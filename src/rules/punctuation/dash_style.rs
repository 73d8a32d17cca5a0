use crate::declare_rule;
use crate::rules::engine::Style;
use crate::rules::{Diagnostic, Fix, Paragraph, Rule, RuleMeta};

declare_rule! {
    /// Dash style: a double hyphen `--` or an em dash `—`, as the `dash`
    /// option says.
    ///
    /// ## Why
    /// `--` is how a typewriter, and many Gutenberg transcriptions, write a
    /// dash; a typeset book uses `—`. A book should use one.
    ///
    /// Only runs when the `dash` option is `ascii` or `typographic`; with
    /// `keep` (the default) the author's choice stays.
    ///
    /// ## Example
    /// With `dash = "typographic"`: `I--I can't -- not now.` →
    /// `I—I can't — not now.` (spaces around the dash are kept).
    ///
    /// Not converted: longer runs of hyphens (`---`, divider lines), HTML
    /// comment marks (`<!--`, `-->`) and arrows.
    ///
    /// ## Fix safety
    /// Safe: the writer asked for this style, and the two forms mean the
    /// same.
    pub DashStyle, META = ("P005", "dash-style", Typography)
}

impl Rule for DashStyle {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, paragraph: &Paragraph<'_>, out: &mut Vec<Diagnostic>) {
        let text = paragraph.text;
        let (from, to) = match paragraph.options.dash {
            Style::Keep => return,
            Style::Ascii => ("—", "--"),
            Style::Typographic => ("--", "—"),
        };
        for (at, _) in text.match_indices(from) {
            let end = at + from.len();
            let before = text[..at].chars().next_back();
            let after = text[end..].chars().next();
            let arrow_or_rule =
                |c: Option<char>| c.is_some_and(|c| matches!(c, '-' | '—' | '<' | '>' | '!'));
            if arrow_or_rule(before) || arrow_or_rule(after) {
                continue;
            }
            out.push(Diagnostic {
                code: Self::META.code,
                message: format!("`{from}` → `{to}` (dash style)"),
                range: at..end,
                fix: Some(Fix::safe(at..end, to)),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DashStyle;
    use crate::rules::Applicability;
    use crate::rules::engine::{RuleOptions, Style};
    use crate::rules::testing::{assert_no_diagnostics, fixed_with};

    fn fixed(text: &str, style: Style) -> String {
        let options = RuleOptions {
            dash: style,
            ..RuleOptions::default()
        };
        fixed_with(&DashStyle, text, &options, Applicability::Safe)
    }

    #[test]
    fn converts_to_the_chosen_style() {
        assert_eq!(
            fixed("I--I can't -- not now.", Style::Typographic),
            "I—I can't — not now."
        );
        assert_eq!(
            fixed("I—I can't — not now.", Style::Ascii),
            "I--I can't -- not now."
        );
    }

    #[test]
    fn leaves_rules_comments_arrows_and_the_default() {
        for text in ["---", "<!-- note -->", "a --> b", "a <-- b", "a ---- b"] {
            assert_eq!(fixed(text, Style::Typographic), text);
        }
        assert_eq!(fixed("a —— b", Style::Ascii), "a —— b");
        assert_no_diagnostics(&DashStyle, "I--I — no");
    }
}
