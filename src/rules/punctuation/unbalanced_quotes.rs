use crate::declare_rule;
use crate::rules::quotes::marks;
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
    let bytes = text.as_bytes();
    let mut count = 0;
    let mut last = 0;
    for at in memchr::memchr_iter(b'"', bytes) {
        if at > 0 && bytes[at - 1] == b'=' {
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
    for (at, quote) in marks::curly(text) {
        match quote {
            '“' if open && !starts_line(text, at) => {
                return Some((at, "opening quote inside an open quotation"));
            }
            '”' if !open => return Some((at, "closing quote without an opening one")),
            '“' => open = true,
            '”' => open = false,
            _ => {}
        }
    }
    None
}

/// Whether only whitespace stands between the start of its line and `at`.
fn starts_line(text: &str, at: usize) -> bool {
    for c in text[..at].chars().rev() {
        if c == '\n' {
            return true;
        }
        if !c.is_whitespace() {
            return false;
        }
    }
    true
}

/// Brackets must match; emoticons and list markers are not brackets.
fn brackets(text: &str) -> Problem {
    let bytes = text.as_bytes();
    // Most paragraphs have no bracket at all: two SIMD searches say so.
    if memchr::memchr3(b'(', b')', b'[', bytes).is_none() && memchr::memchr(b']', bytes).is_none() {
        return None;
    }
    let mut stack: Vec<(usize, u8)> = Vec::new();
    for (at, &c) in bytes.iter().enumerate() {
        if !matches!(c, b'(' | b')' | b'[' | b']') || after_emoticon_eyes(text, at) {
            continue;
        }
        match c {
            b'(' | b'[' => stack.push((at, c)),
            _ => {
                let opener = if c == b')' { b'(' } else { b'[' };
                match stack.pop() {
                    Some((_, open)) if open == opener => {}
                    Some((open_at, _)) => {
                        return Some((open_at, "bracket closed by the wrong kind"));
                    }
                    // `a)`, `2)`, `iv)`: a list marker, not a bracket.
                    None if c == b')' && after_list_label(text, at) => {}
                    None => return Some((at, "closing bracket without an opening one")),
                }
            }
        }
    }
    stack.first().map(|&(at, _)| (at, "bracket never closed"))
}

/// The characters before `at`, nearest first, with Markdown escapes
/// skipped: `:\)` is an emoticon too.
fn unescaped_before(text: &str, at: usize) -> impl Iterator<Item = char> + '_ {
    text[..at].chars().rev().filter(|&c| c != '\\')
}

/// Whether the bracket at `at` is the mouth of an emoticon: `:)`, `;-(`,
/// `=)`, `:'(`.
fn after_emoticon_eyes(text: &str, at: usize) -> bool {
    let mut before = unescaped_before(text, at);
    let last = before.next().unwrap_or(' ');
    let second = before.next().unwrap_or(' ');
    matches!(last, ':' | ';' | '=') || (matches!(last, '-' | '\'') && matches!(second, ':' | ';'))
}

/// Whether one to three letters or digits, alone since the last space or
/// the paragraph's start, come before `at`: the label of `a)`, `2)`, `iv)`.
fn after_list_label(text: &str, at: usize) -> bool {
    let mut label = 0;
    for c in unescaped_before(text, at) {
        if c.is_alphanumeric() {
            label += 1;
            if label > 3 {
                return false;
            }
        } else if c.is_whitespace() {
            break;
        } else {
            return false;
        }
    }
    (1..=3).contains(&label)
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
