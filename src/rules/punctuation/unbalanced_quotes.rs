use crate::declare_rule;
use crate::rules::{Diagnostic, Paragraph, Rule, RuleMeta};

declare_rule! {
    /// Unbalanced quotes and brackets: a quotation or bracket in the
    /// paragraph that opens and never closes, or closes without opening.
    ///
    /// ## Why
    /// A missing quotation mark makes the reader lose track of who speaks;
    /// a missing bracket swallows the rest of the paragraph into an aside.
    /// Both also stop quote spacing (S006) and typographic quotes from
    /// pairing the marks correctly.
    ///
    /// ## The rule for quotes that continue
    /// In English, a speech running over several paragraphs has an opening
    /// mark at the start of each paragraph and a closing mark only at the
    /// end of the last one. So a paragraph may end inside a quotation: an
    /// odd number of straight `"` is accepted when the last one looks like
    /// an opener (a space or the start of the paragraph before it, a word
    /// after it), and an unclosed `“` is accepted at the end. What is
    /// reported: an odd count whose last `"` looks like a closer or stands
    /// alone; a `”` with no `“` open; a `“` while another is open. Rules see
    /// one paragraph at a time, so a quotation left open where the next
    /// paragraph does not continue it cannot be told from a continued one
    /// and is not reported.
    ///
    /// Brackets `( )` and `[ ]` must match within the paragraph; emoticons
    /// (`:)`, `;-(`, `=)`) and list markers (`a)`, `2)`) are not brackets.
    ///
    /// ## Example
    /// `Hello," she said.` (an opening quote is missing) and
    /// `(I know it's short.` (the aside never closes).
    ///
    /// ## Fix safety
    /// Report only: where the missing mark belongs is for the writer to say.
    pub UnbalancedQuotes, META = ("P007", "unbalanced-quotes", Typography)
}

impl Rule for UnbalancedQuotes {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, paragraph: &Paragraph<'_>, out: &mut Vec<Diagnostic>) {
        let text = paragraph.text;
        let problems = [straight(text), curly(text), brackets(text)];
        for (at, message) in problems.into_iter().flatten() {
            let end = at + text[at..].chars().next().map_or(0, char::len_utf8);
            out.push(Diagnostic {
                code: Self::META.code,
                message: message.to_string(),
                range: at..end,
                fix: None,
            });
        }
    }
}

type Problem = Option<(usize, &'static str)>;

/// An odd number of straight quotes that does not end in an opener.
fn straight(text: &str) -> Problem {
    let mut count = 0;
    let mut last = 0;
    for (at, _) in text.match_indices('"') {
        if text[..at].ends_with('=') {
            return None; // `<span class="x">`: markup.
        }
        count += 1;
        last = at;
    }
    if count % 2 == 0 {
        return None;
    }
    let continues = text[..last]
        .chars()
        .next_back()
        .is_none_or(char::is_whitespace)
        && text[last + 1..]
            .chars()
            .next()
            .is_some_and(|c| !c.is_whitespace());
    (!continues).then_some((last, "unbalanced straight double quotes"))
}

/// Curly quotes must alternate “ ” “ ”, and may end with an open “. A
/// quoted letter repeats “ at the start of each of its lines (Dracula's
/// `“Your friend,\n“/Dracula./”`), as a continued quotation does at the
/// start of each paragraph.
fn curly(text: &str) -> Problem {
    let mut open = false;
    let mut line_start = true;
    for (at, c) in text.char_indices() {
        match c {
            '“' if open && !line_start => {
                return Some((at, "opening quote inside an open quotation"));
            }
            '”' if !open => return Some((at, "closing quote without an opening one")),
            '“' => open = true,
            '”' => open = false,
            _ => {}
        }
        line_start = c == '\n' || (line_start && c.is_whitespace());
    }
    None
}

/// Brackets must match; emoticons and list markers are not brackets.
fn brackets(text: &str) -> Problem {
    let mut stack: Vec<(usize, char)> = Vec::new();
    let mut previous = [' '; 2];
    let mut token_len = 0;
    for (at, c) in text.char_indices() {
        // `:)`, `;-(`, `=)`, `:'(`
        let emoticon = matches!(previous[1], ':' | ';' | '=')
            || (matches!(previous[1], '-' | '\'') && matches!(previous[0], ':' | ';'));
        match c {
            '(' | '[' if !emoticon => stack.push((at, c)),
            ')' | ']' if !emoticon => {
                let opener = if c == ')' { '(' } else { '[' };
                match stack.pop() {
                    Some((_, open)) if open == opener => {}
                    Some((open_at, _)) => {
                        return Some((open_at, "bracket closed by the wrong kind"));
                    }
                    // `a)`, `2)`, `iv)`: a list marker, not a bracket.
                    None if c == ')' && (1..=3).contains(&token_len) => {}
                    None => return Some((at, "closing bracket without an opening one")),
                }
            }
            _ => {}
        }
        if c == '\\' {
            continue; // `:\)`: Markdown escapes are transparent.
        }
        token_len = if c.is_alphanumeric() {
            token_len + 1
        } else if c.is_whitespace() {
            0
        } else {
            99
        };
        previous = [previous[1], c];
    }
    stack.first().map(|&(at, _)| (at, "bracket never closed"))
}

#[cfg(test)]
mod tests {
    use super::UnbalancedQuotes;
    use crate::rules::testing::{assert_no_diagnostics, assert_reported_not_fixed, diagnostics};

    #[test]
    fn reports_missing_marks() {
        for text in [
            "Hello,\" she said.",
            "\"Hello,\" she said. Bye.\"",
            "“Hello,” she said.” Bye.",
            "“Hello, she said. “Come here.”",
            "(I know it's short.",
            "It ended) there.",
            "[a (b] c)",
        ] {
            assert_reported_not_fixed(&UnbalancedQuotes, text);
        }
    }

    #[test]
    fn quotes_may_continue_into_the_next_paragraph() {
        for text in [
            "\"I went home. Then I slept.",
            "\"Listen,\" he said. \"I went home.",
            "He said, \"I went\nhome and slept.",
            "“Listen,” he said. “I went home.",
            "“I went home.",
            "    “Your friend,\n    “/Dracula./”",
        ] {
            assert_no_diagnostics(&UnbalancedQuotes, text);
        }
    }

    #[test]
    fn balanced_text_emoticons_and_lists_pass() {
        for text in [
            "\"Hi,\" she said (quietly) [sic].",
            "Thanks for reading :) and ;-) and =( and :'( and :\\)",
            "Choose a) tea or b) coffee, 2) sugar.",
            "<span class=\"x\">text",
        ] {
            assert_no_diagnostics(&UnbalancedQuotes, text);
        }
    }

    #[test]
    fn one_report_per_kind() {
        assert_eq!(diagnostics(&UnbalancedQuotes, "(((( ))))))))").len(), 1);
    }
}
