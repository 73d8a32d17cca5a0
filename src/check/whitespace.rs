//! Whitespace inside lines.
//!
//! * `S001` trailing whitespace: spaces or tabs at the end of a line are
//!   invisible, differ between editors and break Markdown (two trailing
//!   spaces are a hard line break). `clean` removes them; always safe.
//! * `S002` repeated spaces: a run of spaces or tabs between words (two
//!   spaces after a full stop, a tab pasted from a word processor). Books set
//!   one space; `clean` collapses the run; safe because inside a paragraph
//!   whitespace carries no meaning. Leading indentation is layout, not this.

use super::Diagnostic;

/// Report trailing and repeated whitespace, line by line.
pub fn check(text: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (index, line) in text.split('\n').enumerate() {
        let content = line.trim_end_matches([' ', '\t']);
        if content.is_empty() {
            continue;
        }
        // A centred divider (`*   *   *`) is spaced on purpose.
        let divider = crate::split::scene_break::is_scene_break(content);
        if content.len() < line.len() {
            out.push(Diagnostic {
                line: index + 1,
                column: content.chars().count() + 1,
                code: "S001",
                message: "trailing whitespace".to_string(),
            });
        }
        if divider {
            continue;
        }
        let indent = content.len() - content.trim_start_matches([' ', '\t']).len();
        let body = &content[indent..];
        let mut previous_space = false;
        for (offset, c) in body.char_indices() {
            let space = c == ' ' || c == '\t';
            if space && (previous_space || c == '\t') {
                let start = if previous_space { offset - 1 } else { offset };
                out.push(Diagnostic {
                    line: index + 1,
                    column: content[..indent + start].chars().count() + 1,
                    code: "S002",
                    message: "repeated spaces or a tab between words".to_string(),
                });
                break;
            }
            previous_space = space;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::check;

    fn codes(text: &str) -> Vec<(usize, usize, &'static str)> {
        check(text)
            .into_iter()
            .map(|d| (d.line, d.column, d.code))
            .collect()
    }

    #[test]
    fn finds_trailing_and_repeated_whitespace() {
        assert_eq!(
            codes("Hi.  \nOne.  Two.\n\tIndented is fine.\nTab\there"),
            [(1, 4, "S001"), (2, 5, "S002"), (4, 4, "S002")]
        );
    }

    #[test]
    fn clean_text_has_no_findings() {
        assert!(codes("Hello there.\n\n    Indented.\n\n      *    *    *\n").is_empty());
    }
}
