use crate::declare_rule;
use crate::rules::{Diagnostic, Fix, Paragraph, Rule, RuleMeta};

declare_rule! {
    /// Trailing whitespace: spaces or tabs at the end of a line.
    ///
    /// ## Why
    /// They are invisible, differ between editors, and in Markdown two
    /// trailing spaces are a hard line break.
    ///
    /// ## Example
    /// `She ran.␠␠` → `She ran.`
    ///
    /// ## Fix safety
    /// Safe: whitespace at the end of a line carries no meaning in prose.
    pub TrailingWhitespace, META = ("S001", "trailing-whitespace", Typography)
}

impl Rule for TrailingWhitespace {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, paragraph: &Paragraph<'_>, out: &mut Vec<Diagnostic>) {
        // A paragraph's text runs to the end of its last line, so this sees
        // trailing whitespace on every line of it. Most paragraphs have
        // none, which a look at the byte before each line break tells.
        let text = paragraph.text.as_bytes();
        let blank = |at: usize| at > 0 && matches!(text[at - 1], b' ' | b'\t');
        if !blank(text.len()) && !memchr::memchr_iter(b'\n', text).any(blank) {
            return;
        }
        let mut start = 0;
        for line in paragraph.text.split('\n') {
            let content = line.trim_end_matches([' ', '\t']);
            if content.len() < line.len() {
                let range = start + content.len()..start + line.len();
                out.push(Diagnostic {
                    code: Self::META.code,
                    message: "trailing whitespace".to_string(),
                    range: range.clone(),
                    fix: Some(Fix::safe(range, "")),
                });
            }
            start += line.len() + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::TrailingWhitespace;
    use crate::rules::testing::{assert_fixes, assert_no_diagnostics};

    #[test]
    fn removes_spaces_before_a_wrapped_line_break() {
        assert_fixes(
            &TrailingWhitespace,
            "It was cold.  \nShe ran.",
            "It was cold.\nShe ran.",
        );
    }

    #[test]
    fn clean_lines_pass() {
        assert_no_diagnostics(&TrailingWhitespace, "It was cold.\nShe ran.");
    }
}
