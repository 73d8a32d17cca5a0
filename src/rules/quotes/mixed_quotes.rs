use super::marks;
use super::straight::{self, Decision};
use crate::declare_rule;
use crate::rules::{Diagnostic, Fix, Paragraph, Rule, RuleMeta};

declare_rule! {
    /// Straight and curly quotes mixed in one paragraph.
    ///
    /// A paragraph with both `"` and `“ ”` (or both `'` and `‘ ’`) is
    /// unified toward what it mostly uses. Only when typographic quotes are
    /// not chosen: with them, `Q001` turns every straight quote curly.
    ///
    /// ## Why
    /// Mixed quotes come from pasting between a phone and a computer, or
    /// from editing a draft in two programs; in a book they look like
    /// misprints. A rule sees one paragraph, so the paragraph's own
    /// majority decides; a tie goes to straight quotes, which need no
    /// direction guessed.
    ///
    /// ## Example
    /// `“Hello," she said. “Come in.”` → `“Hello,” she said. “Come in.”`
    ///
    /// `"Hello," she said. "Come in.”` → `"Hello," she said. "Come in."`
    ///
    /// ## Fix safety
    /// Toward straight quotes: safe when the paragraph's double quotes pair
    /// up (an even count), unsafe otherwise; single quotes and apostrophes
    /// become `'` safely, as a `'` is right for both. Toward curly quotes:
    /// each straight quote is read as `Q001` reads it (neighbours,
    /// apostrophes first, pairing by position with the curly quotes as
    /// anchors) and is safe when `Q001` would be sure and, for double
    /// quotes, the paragraph's count is even. Measurements (`5'10"`) and
    /// Markdown escapes (`\"`) are left alone.
    pub MixedQuotes, META = ("Q003", "mixed-quotes", Typography)
}

impl Rule for MixedQuotes {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, paragraph: &Paragraph<'_>, out: &mut Vec<Diagnostic>) {
        if paragraph.options.typographic_quotes {
            return;
        }
        let text = paragraph.text;
        let (mut curly_doubles, mut curly_singles) = (0, 0);
        for (_, quote) in marks::curly(text) {
            match quote {
                '“' | '”' => curly_doubles += 1,
                '‘' | '’' => curly_singles += 1,
                _ => {}
            }
        }
        if curly_doubles > 0 && text.contains('"') {
            let straight = straight::doubles(text);
            let even = (straight.len() + curly_doubles).is_multiple_of(2);
            if curly_doubles > straight.len() {
                out.extend(straight.into_iter().map(|d| toward_curly(text, d, even)));
            } else if !straight.is_empty() {
                out.extend(toward_straight(text, &['“', '”'], '"', even));
            }
        }
        if curly_singles > 0 && text.contains('\'') {
            let straight = straight::singles(text);
            if curly_singles > straight.len() {
                out.extend(straight.into_iter().map(|d| toward_curly(text, d, true)));
            } else if !straight.is_empty() {
                out.extend(toward_straight(text, &['‘', '’'], '\'', true));
            }
        }
    }
}

fn toward_curly(text: &str, decision: Decision, pairs_up: bool) -> Diagnostic {
    let quote = text.get(decision.range.clone()).unwrap_or("");
    let Decision {
        range, glyph, sure, ..
    } = decision;
    let fix = glyph.map(|glyph| {
        if sure && pairs_up {
            Fix::safe(range.clone(), glyph.to_string())
        } else {
            Fix::unsafe_(range.clone(), glyph.to_string())
        }
    });
    Diagnostic {
        code: MixedQuotes::META.code,
        message: match glyph {
            Some(glyph) => format!("straight `{quote}` among curly quotes → `{glyph}`"),
            None => format!("straight `{quote}` among curly quotes, direction unclear"),
        },
        range,
        fix,
    }
}

fn toward_straight<'a>(
    text: &'a str,
    curly: &'a [char],
    straight: char,
    safe: bool,
) -> impl Iterator<Item = Diagnostic> + 'a {
    marks::curly(text)
        .filter(move |(_, c)| curly.contains(c))
        .map(move |(at, c)| {
            let range = at..at + c.len_utf8();
            let replacement = straight.to_string();
            Diagnostic {
                code: MixedQuotes::META.code,
                message: format!("curly `{c}` among straight quotes → `{straight}`"),
                range: range.clone(),
                fix: Some(if safe {
                    Fix::safe(range, replacement)
                } else {
                    Fix::unsafe_(range, replacement)
                }),
            }
        })
}

#[cfg(test)]
mod tests {
    use super::MixedQuotes;
    use crate::rules::testing::{
        assert_fixes, assert_no_diagnostics, diagnostics_with, fixed_with,
    };
    use crate::rules::{Applicability, RuleOptions, Vocabulary};

    #[test]
    fn unifies_toward_curly_quotes() {
        assert_fixes(
            &MixedQuotes,
            "“Hello,\" she said. “Come in.”",
            "“Hello,” she said. “Come in.”",
        );
        assert_fixes(
            &MixedQuotes,
            "“I don't know,” she said. ‘Idiot,’ she thought.",
            "“I don’t know,” she said. ‘Idiot,’ she thought.",
        );
    }

    #[test]
    fn unifies_toward_straight_quotes() {
        assert_fixes(
            &MixedQuotes,
            "\"Hello,\" she said. \"Come in.”",
            "\"Hello,\" she said. \"Come in.\"",
        );
        assert_fixes(
            &MixedQuotes,
            "\"I don't know what's wrong.\" It’s fine.",
            "\"I don't know what's wrong.\" It's fine.",
        );
        // A tie goes to straight quotes.
        assert_fixes(&MixedQuotes, "“Hello,\" she said.", "\"Hello,\" she said.");
    }

    #[test]
    fn odd_counts_are_only_unsafe() {
        let text = "\"Hello,\" she said. “Come in.";
        assert_fixes(&MixedQuotes, text, text);
        let fixed = fixed_with(
            &MixedQuotes,
            text,
            &RuleOptions::default(),
            Applicability::Unsafe,
        );
        assert_eq!(fixed, "\"Hello,\" she said. \"Come in.");
        let text = "“Hello,\" she said. “Come in.”  “And";
        assert_fixes(&MixedQuotes, text, text);
    }

    #[test]
    fn measurements_and_escapes_stay() {
        assert_fixes(
            &MixedQuotes,
            "“He is 5'10\" tall,” she said. \\\"Hi\\\"",
            "“He is 5'10\" tall,” she said. \\\"Hi\\\"",
        );
    }

    #[test]
    fn one_style_passes() {
        for text in [
            "\"Hello,\" she said. 'Idiot,' she thought. Don't.",
            "“Hello,” she said. ‘Idiot,’ she thought. Don’t.",
            // Curly double quotes with straight apostrophes are one style
            // per kind of quote, as in edited books.
            "“I don't know,” she said.",
        ] {
            assert_no_diagnostics(&MixedQuotes, text);
        }
    }

    #[test]
    fn leaves_the_work_to_q001_when_typographic_quotes_are_chosen() {
        let options = RuleOptions {
            typographic_quotes: true,
            ..RuleOptions::default()
        };
        let found = diagnostics_with(
            &MixedQuotes,
            "“Hello,\" she said.",
            &options,
            &Vocabulary::default(),
        );
        assert!(found.is_empty());
    }
}
