mod curly;
mod straight;

use std::ops::Range;

use crate::declare_rule;
use crate::rules::{Diagnostic, Fix, Paragraph, Rule, RuleMeta};

declare_rule! {
    /// Quote spacing: a space inside a quotation's marks, or a quotation
    /// mark glued to the word outside it.
    ///
    /// ## Why
    /// `" Hello"`, `noon. "` and `"Yes."He` put the space on the wrong side
    /// of the mark; readers then see a quote that seems to open where it
    /// closes, and typographic quotes (Q rules, EPUB) curl the wrong way.
    ///
    /// ## How the direction is decided
    /// Straight double quotes do not say whether they open or close, so the
    /// rule pairs them within the paragraph: the 1st, 3rd, 5th... open and
    /// the 2nd, 4th, 6th... close. It only does so when the paragraph holds
    /// an even number of them; an odd count (a quotation that continues into
    /// the next paragraph, or a missing mark) is left alone and reported by
    /// P007. Curly quotes say their direction themselves (“ opens, ” closes);
    /// a curly quote facing the wrong way is the Q rules' business. A line
    /// break inside a hard-wrapped paragraph counts as the space it becomes
    /// when the lines are joined.
    ///
    /// ## Example
    /// - `she didn't want him to go." Sasuke! Don't go!" Sakura cried.` →
    ///   `she didn't want him to go. "Sasuke! Don't go!" Sakura cried.`
    /// - `Sasuke looked down and spoke," Sakura, stay."` →
    ///   `Sasuke looked down and spoke, "Sakura, stay."`
    /// - `" Hello," she said.` → `"Hello," she said.`
    /// - `"See you at noon. "` → `"See you at noon."`
    /// - `"Yes."He left.` → `"Yes." He left.`
    /// - `She said,“Hello. ”` → `She said, “Hello.”`
    ///
    /// Not reported: paragraphs with an odd number of straight quotes,
    /// quotes in markup (`class="x"`) or escaped for Markdown (`\"`),
    /// nested quotes set apart on purpose (`“ ‘Yes`), and a quote glued to
    /// letters on both sides as in `“if”s`.
    ///
    /// ## Fix safety
    /// Safe where the pairing is trustworthy and the mark sits next to
    /// sentence punctuation: `spoke," Sakura` (an opener after a comma and
    /// before a capital), `noon. "` (a closer at the end), `"Yes."He`.
    /// Unsafe for every straight quote of a paragraph whose pairing is in
    /// doubt, since one stray or missing mark shifts every pair after it:
    /// a mark that looks like an opener (` "Word`) on a closing position; a
    /// mark that looks like a closer (`word," `) on an opening position
    /// without clear closers on both sides of it (`floor."Thank you," She
    /// said`); or a paragraph whose first mark looks like a closer within
    /// its first words (`you," She said`: a speech carried over). Unsafe
    /// also, whatever the pairing, for an opener moved across its space
    /// unless it follows `. , ! ? ; :` and precedes a capital (`6" tall`
    /// may be inches), for a space added after a closer that follows a
    /// letter or a dash (`"Hi"he`, `nameplat-”WAIT`), for a space removed
    /// after a dash (`bo- "`, a broken-off speech), and next to Markdown
    /// emphasis (`“ *Oh*`).
    pub QuoteSpacing, META = ("S006", "quote-spacing", Typography)
}

impl Rule for QuoteSpacing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, paragraph: &Paragraph<'_>, out: &mut Vec<Diagnostic>) {
        straight::check(paragraph.text, out);
        curly::check(paragraph.text, out);
    }
}

/// A respacing of one quotation mark.
struct Respace {
    range: Range<usize>,
    replacement: &'static str,
    message: &'static str,
    /// Whether the fix may be applied without asking.
    certain: bool,
}

impl Respace {
    /// The diagnostic, with a safe fix when the respacing is certain.
    fn into_diagnostic(self) -> Diagnostic {
        let fix = if self.certain {
            Fix::safe(self.range.clone(), self.replacement)
        } else {
            Fix::unsafe_(self.range.clone(), self.replacement)
        };
        Diagnostic {
            code: QuoteSpacing::META.code,
            message: self.message.to_string(),
            range: self.range,
            fix: Some(fix),
        }
    }

    /// The diagnostic with an unsafe fix, whatever the mark's own context.
    fn unsure(self) -> Diagnostic {
        Respace {
            certain: false,
            ..self
        }
        .into_diagnostic()
    }
}

/// Marks an opening quote may follow without a space: brackets, dashes,
/// emphasis markers and other quotes.
const GLUE_BEFORE_OPENER: &[char] = &[
    '(', '[', '{', '*', '_', '-', '—', '–', '/', '~', '\'', '‘', '"', '“', '<', '>', '|',
];

/// A space, a tab or a line break inside the paragraph: a hard-wrapped
/// paragraph's lines are joined with a space when it is rendered or
/// cleaned, so `say,\n"` must read as `say, "` does, or fixing the joined
/// text again would change it (`clean` would not be idempotent).
fn is_blank(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n')
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’')
}

/// Sentence punctuation a mark may sit against.
fn is_sentence_mark(c: char) -> bool {
    matches!(c, '.' | ',' | '!' | '?' | ';' | ':' | '…' | '-' | '—' | '–')
}

/// The respacing an opening mark of `width` bytes at `at` needs: no space
/// after it, a space before it unless it follows a bracket or dash.
fn opener(text: &str, at: usize, width: usize) -> Option<Respace> {
    let end = at + width;
    let gap_end = end + text[end..].bytes().take_while(|&b| is_blank(b)).count();
    let next = text[gap_end..].chars().next()?;
    if next.is_whitespace() || is_quote(next) {
        return None;
    }
    let before = text[..at].chars().next_back();
    let remove_after = gap_end > end;
    let insert_before =
        before.is_some_and(|c| !c.is_whitespace() && !GLUE_BEFORE_OPENER.contains(&c));
    let emphasis = matches!(next, '*' | '_');
    let (range, replacement, message, certain) = match (insert_before, remove_after) {
        (false, false) => return None,
        (false, true) => (end..gap_end, "", "space after an opening quote", !emphasis),
        (true, false) => (
            at..at,
            " ",
            "missing space before an opening quote",
            before.is_some_and(|c| is_sentence_mark(c) || c.is_alphabetic()),
        ),
        // `go." Sasuke`: the opener stuck to the sentence before it.
        (true, true) => (
            at..gap_end,
            if width == 1 { " \"" } else { " “" },
            "opening quote on the wrong side of the space",
            before.is_some_and(|c| matches!(c, '.' | ',' | '!' | '?' | ';' | ':'))
                && next.is_uppercase(),
        ),
    };
    Some(Respace {
        range,
        replacement,
        message,
        certain,
    })
}

/// The respacing a closing mark of `width` bytes at `at` needs: no space
/// before it, a space after it when a word follows.
fn closer(text: &str, at: usize, width: usize) -> Option<Respace> {
    let end = at + width;
    let gap_start = at
        - text[..at]
            .bytes()
            .rev()
            .take_while(|&b| is_blank(b))
            .count();
    let before = text[..gap_start].chars().next_back()?;
    if before.is_whitespace() || is_quote(before) {
        return None;
    }
    let after = text[end..].chars().next();
    let remove_before = gap_start < at;
    let insert_after = after.is_some_and(char::is_alphanumeric);
    if insert_after && !remove_before && is_plural_of_quoted_word(before, &text[end..]) {
        return None;
    }
    // `bo- "`: a spaced dash breaking off the speech may keep its space.
    let emphasis_or_dash = matches!(before, '*' | '_' | '-' | '–' | '—');
    let (range, replacement, message, certain) = match (remove_before, insert_after) {
        (false, false) => return None,
        (true, false) => (
            gap_start..at,
            "",
            "space before a closing quote",
            !emphasis_or_dash,
        ),
        // Not after a dash: `nameplat-”WAIT` may be a cut-off speech
        // followed by a new one whose opener is missing.
        (false, true) => (
            end..end,
            " ",
            "missing space after a closing quote",
            is_sentence_mark(before) && !matches!(before, '-' | '—' | '–'),
        ),
        // `you. "Sakura` on a closing position: in doubt already.
        (true, true) => (
            gap_start..end,
            if width == 1 { "\" " } else { "” " },
            "closing quote on the wrong side of the space",
            false,
        ),
    };
    Some(Respace {
        range,
        replacement,
        message,
        certain,
    })
}

/// Whether `rest`, just after a mark, lets the mark close a quotation: the
/// end, a space, or punctuation that follows a quotation (`”,`, `”.`),
/// but not an ellipsis or a word that the mark would open (`”…rest`).
fn closes_here(rest: &str) -> bool {
    let mut chars = rest.chars();
    match chars.next() {
        None => true,
        Some('.') => !matches!(chars.next(), Some(c) if c == '.' || c.is_alphanumeric()),
        Some(c) => {
            c.is_whitespace() || matches!(c, ',' | ';' | ':' | '!' | '?' | ')' | ']' | '*' | '_')
        }
    }
}

/// `“if”s`: a quoted word made plural, glued on purpose.
fn is_plural_of_quoted_word(before: char, after: &str) -> bool {
    before.is_alphanumeric()
        && after.starts_with('s')
        && !after[1..].chars().next().is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests;
