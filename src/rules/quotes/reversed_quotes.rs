use super::flank::{self, Side};
use super::marks;
use super::singles;
use crate::declare_rule;
use crate::rules::{Diagnostic, Fix, Paragraph, Rule, RuleMeta};

declare_rule! {
    /// Curly quotes facing the wrong way.
    ///
    /// A closing quote where a quotation opens (`”Hello`), an opening quote
    /// where it closes (`Hello“`), an opening single quote used as an
    /// apostrophe (`don‘t`, `goin‘`) or before an elision (`‘em`, `‘90s`).
    ///
    /// ## Why
    /// Word processors and phone keyboards guess a quote's direction from
    /// the character typed before it, and guess wrong after a deleted space,
    /// a pasted word, or an apostrophe at the start of a word. A reversed
    /// quote makes the reader look for a quotation that is not there.
    ///
    /// ## Example
    /// `”Hello“ she said.` → `“Hello” she said.`
    ///
    /// `I don‘t know.` → `I don’t know.`
    ///
    /// ## Fix safety
    /// Safe where the neighbours leave no doubt: a `”` after a space or the
    /// start of the paragraph and before a word can only open; a `“` after
    /// a word or punctuation and before a space, punctuation or the end can
    /// only close; a `‘` right after a letter, or closing after punctuation,
    /// is an apostrophe or a closing quote. Quotes glued or free on both
    /// sides are left alone. Unsafe when the direction is read through
    /// another quote mark (`little--“’`): stacked marks are as often
    /// swapped as reversed. Unsafe for `‘` before an elision (`‘em`,
    /// `‘tis`, `‘90s`): a quotation may start with one whose own apostrophe
    /// was dropped (`‘Tis so,’ said the Duchess`), and edited books print it
    /// either way. Paragraphs with German or Czech low quotes (`„…“`, `‚…‘`),
    /// where `“` and `‘` close, are left alone.
    pub ReversedQuotes, META = ("Q002", "reversed-quotes", Typography)
}

impl Rule for ReversedQuotes {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, paragraph: &Paragraph<'_>, out: &mut Vec<Diagnostic>) {
        let text = paragraph.text;
        let quotes = || marks::curly(text);
        if !quotes().any(|(_, c)| matches!(c, '”' | '“' | '‘'))
            || quotes().any(|(_, c)| matches!(c, '„' | '‚'))
        {
            return;
        }
        for (at, quote) in quotes() {
            if let Some((glyph, safe)) = repair(text, at, quote) {
                let range = at..at + quote.len_utf8();
                let replacement = glyph.to_string();
                out.push(Diagnostic {
                    code: Self::META.code,
                    message: format!("reversed quote `{quote}` → `{glyph}`"),
                    range: range.clone(),
                    fix: Some(if safe {
                        Fix::safe(range, replacement)
                    } else {
                        Fix::unsafe_(range, replacement)
                    }),
                });
            }
        }
    }
}

/// The right quote for a reversed one, and whether that is certain.
fn repair(text: &str, at: usize, quote: char) -> Option<(char, bool)> {
    if !matches!(quote, '”' | '“' | '‘') {
        return None;
    }
    let (left, right) = flank::neighbours(text, at, quote);
    let side = flank::side(left, right);
    let (before, after) = flank::adjacent(text, at, quote);
    // Read through another quote mark (`--“’`), the direction is less sure:
    // stacked marks are as often swapped as reversed.
    let stacked = [before, after]
        .into_iter()
        .flatten()
        .any(|c| flank::is_double(c) || flank::is_single(c));
    match quote {
        '”' if side == Side::Open && right.is_some_and(char::is_alphanumeric) => {
            Some(('“', !stacked))
        }
        '“' if side == Side::Close && left.is_some_and(ends_words) => Some(('”', !stacked)),
        '‘' if before.is_some_and(char::is_alphabetic) => Some(('’', true)),
        '‘' if side == Side::Close && left.is_some_and(ends_words) => Some(('’', !stacked)),
        '‘' if side == Side::Open
            && singles::starts_with_elision(text.get(at + quote.len_utf8()..).unwrap_or("")) =>
        {
            Some(('’', false))
        }
        _ => None,
    }
}

/// What a quotation can end with: a word or sentence punctuation.
fn ends_words(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | ',' | '!' | '?' | ';' | ':' | '…' | '—' | '–' | '-')
}

#[cfg(test)]
mod tests {
    use super::ReversedQuotes;
    use crate::rules::Applicability;
    use crate::rules::RuleOptions;
    use crate::rules::testing::{assert_fixes, assert_no_diagnostics, fixed_with};

    #[test]
    fn reversed_double_quotes() {
        assert_fixes(&ReversedQuotes, "”Hello“ she said.", "“Hello” she said.");
        assert_fixes(&ReversedQuotes, "She said ”Go!”", "She said “Go!”");
        assert_fixes(&ReversedQuotes, "“Wait—“ he began.", "“Wait—” he began.");
        assert_fixes(&ReversedQuotes, "“Yes,“ she said.", "“Yes,” she said.");
    }

    #[test]
    fn reversed_apostrophes() {
        assert_fixes(&ReversedQuotes, "I don‘t know.", "I don’t know.");
        assert_fixes(
            &ReversedQuotes,
            "I’m goin‘ to the girls‘ room.",
            "I’m goin’ to the girls’ room.",
        );
        assert_fixes(&ReversedQuotes, "‘No.‘ she thought.", "‘No.’ she thought.");
    }

    #[test]
    fn elisions_are_repaired_only_as_unsafe() {
        let text = "Get ‘em in the ‘90s, rock ‘n’ roll.";
        assert_fixes(&ReversedQuotes, text, text);
        let options = RuleOptions::default();
        assert_eq!(
            fixed_with(&ReversedQuotes, text, &options, Applicability::Unsafe),
            "Get ’em in the ’90s, rock ’n’ roll."
        );
    }

    #[test]
    fn stacked_quotes_are_repaired_only_as_unsafe() {
        let text = "‘I’ll say “How doth the little--“’ and she stopped.";
        assert_fixes(&ReversedQuotes, text, text);
        let options = RuleOptions::default();
        assert_eq!(
            fixed_with(&ReversedQuotes, text, &options, Applicability::Unsafe),
            "‘I’ll say “How doth the little--”’ and she stopped."
        );
    }

    #[test]
    fn well_turned_quotes_pass() {
        for text in [
            "“Hello,” she said. “He said ‘no’ to me.”",
            "“And so it went on.",
            "The end of a letter quoted over paragraphs.”",
            "*“Run!”* she thought. “‘Tis true,” he said.",
            "‘’Tis so,’ said the Duchess: ‘and the moral of that is—“Oh, ’tis love”’",
            "He was 5’10” tall.",
            "A slurring of the ‘e,’ and of the ‘e’s’ here.",
            "A quote at a line's end: he said, “\nHello.”",
            "„Hallo“, sagte sie. ‚Ja‘, sagte er.",
            "Glued: said,”Hello” and free: a ” b.",
        ] {
            assert_no_diagnostics(&ReversedQuotes, text);
        }
    }
}
