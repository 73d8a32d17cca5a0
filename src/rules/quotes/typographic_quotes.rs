use super::straight::{self, Decision};
use crate::declare_rule;
use crate::rules::{Diagnostic, Fix, Paragraph, Rule, RuleMeta};

declare_rule! {
    /// Straight quotes and apostrophes, when typographic quotes are chosen.
    ///
    /// Only with the `typographic_quotes` style option (on for EPUB output,
    /// off by default): `"` becomes `“` or `”`, `'` becomes `‘` or `’`.
    ///
    /// ## Why
    /// Printed books use curly quotes; straight ones look like a typewriter's
    /// next to a book's typeface, and a reader's eye uses the direction of a
    /// quote to find where speech starts.
    ///
    /// ## Example
    /// `"He said 'no' to me. Don't."` → `“He said ‘no’ to me. Don’t.”`
    ///
    /// `rock 'n' roll in the '90s, 'em, goin', the girls' room, 5'10"` →
    /// `rock ’n’ roll in the ’90s, ’em, goin’, the girls’ room, 5'10"`
    ///
    /// ## How quotes are read
    /// Apostrophes are classified first: a `'` between letters (`don't`,
    /// `o'clock`), before a known elision (`'em`, `'tis`, `'cause`, `'n'`) or
    /// a decade (`'90s`) is `’`; a `'` after a letter (`goin'`, `girls'`) is
    /// `’` too, whether apostrophe or closing quote. Digits before a quote
    /// mean a measurement (`5'10"`, `12" ruler`) and Markdown escapes (`\"`)
    /// are markup: both are left alone. A quote's neighbours show its
    /// direction (after a space, a dash or the start and before a word:
    /// opening; after text and before a space, punctuation or the end:
    /// closing), and double quotes are paired by position, open, close,
    /// open..., which also settles quotes glued on both sides (`said,"Hi`).
    ///
    /// ## Fix safety
    /// Safe for every apostrophe, and for a double quote when the quotes
    /// around it pair up: its neighbours' direction agrees with the
    /// alternation, or the alternation settles a glued one. An odd count
    /// does not stop the rule: in fan fiction it is mostly a speech going
    /// on into the next paragraph (the last quote opens) or ending one
    /// begun earlier (the first quote closes, followed by nothing or a
    /// lower-case speech tag), and one missing quote in a wall of text
    /// should not leave its other fifty quotes straight. Only the quotes
    /// next to where the pairing breaks (a missing or stray quote, nested
    /// straight double quotes, `"Hello, "she said`) are unsafe, with the
    /// direction their neighbours show; a glued one there is reported with
    /// no fix. A `'` before a word is `‘` safely only when a closing quote
    /// follows and no single quotation is already open (`'andsome` inside
    /// one is an elision we do not know); a capitalised elision or one that
    /// is also a word (`'Tis`, `'round`) is `’` safely only when no closing
    /// quote follows. Fixing twice changes nothing: what is left is either
    /// curly or a quote this rule cannot be sure of.
    pub TypographicQuotes, META = ("Q001", "typographic-quotes", Typography)
}

impl Rule for TypographicQuotes {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, paragraph: &Paragraph<'_>, out: &mut Vec<Diagnostic>) {
        if !paragraph.options.typographic_quotes {
            return;
        }
        let text = paragraph.text;
        // One SIMD search (a `contains` of two chars reads the paragraph a
        // char at a time, and most paragraphs hold a quote anyway).
        if memchr::memchr2(b'"', b'\'', text.as_bytes()).is_none() {
            return;
        }
        let mut decisions = straight::doubles(text);
        decisions.extend(straight::singles(text));
        decisions.sort_by_key(|d| d.range.start);
        out.extend(decisions.into_iter().map(|d| diagnostic(text, d)));
    }
}

fn diagnostic(text: &str, decision: Decision) -> Diagnostic {
    let quote = text.get(decision.range.clone()).unwrap_or("");
    let Decision {
        range,
        glyph,
        sure,
        why,
    } = decision;
    let (message, fix) = match glyph {
        Some(glyph) => (
            // Built by hand: a paragraph of dialogue has dozens of these,
            // and `format!` cost twice what the decision did.
            [
                "straight quote `",
                quote,
                "` → `",
                glyph.encode_utf8(&mut [0; 4]),
                "` (",
                why,
                ")",
            ]
            .concat(),
            Some(if sure {
                Fix::safe(range.clone(), glyph.to_string())
            } else {
                Fix::unsafe_(range.clone(), glyph.to_string())
            }),
        ),
        None => (format!("straight quote `{quote}`: {why}"), None),
    };
    Diagnostic {
        code: TypographicQuotes::META.code,
        message,
        range,
        fix,
    }
}

#[cfg(test)]
mod tests {
    use super::TypographicQuotes;
    use crate::rules::testing::{diagnostics, diagnostics_with, fixed_with};
    use crate::rules::{Applicability, RuleOptions, Vocabulary};

    fn options() -> RuleOptions {
        RuleOptions {
            typographic_quotes: true,
            ..RuleOptions::default()
        }
    }

    /// The text after safe fixes, checked to be a fixed point.
    fn curled(text: &str) -> String {
        let once = fixed_with(&TypographicQuotes, text, &options(), Applicability::Safe);
        let twice = fixed_with(&TypographicQuotes, &once, &options(), Applicability::Safe);
        assert_eq!(once, twice, "fixing is not idempotent");
        once
    }

    fn curled_unsafe(text: &str) -> String {
        fixed_with(&TypographicQuotes, text, &options(), Applicability::Unsafe)
    }

    #[test]
    fn off_by_default() {
        assert!(diagnostics(&TypographicQuotes, "\"Don't,\" she said.").is_empty());
    }

    #[test]
    fn dialogue_and_apostrophes() {
        assert_eq!(
            curled("\"I wont cry for you,\" she said. \"I've given them all.\""),
            "“I wont cry for you,” she said. “I’ve given them all.”"
        );
        assert_eq!(curled("\"He said 'no' to me.\""), "“He said ‘no’ to me.”");
        // British style: single quotes outside, double inside.
        assert_eq!(curled("'He said \"no\" to me.'"), "‘He said “no” to me.’");
    }

    #[test]
    fn thoughts_in_single_quotes() {
        assert_eq!(
            curled("'It isn't,' her inner self reasoned."),
            "‘It isn’t,’ her inner self reasoned."
        );
        assert_eq!(
            curled("'You can't loose what you never had' the sharp voice in her mind told her."),
            "‘You can’t loose what you never had’ the sharp voice in her mind told her."
        );
    }

    #[test]
    fn elisions_possessives_and_dialect() {
        assert_eq!(
            curled("Get 'em, it's rock 'n' roll from the '90s, 'tis true, at five o'clock."),
            "Get ’em, it’s rock ’n’ roll from the ’90s, ’tis true, at five o’clock."
        );
        assert_eq!(
            curled("\"I'm goin' to the girls' room, nothin' more,\" she said."),
            "“I’m goin’ to the girls’ room, nothin’ more,” she said."
        );
        assert_eq!(
            curled("\"'Cause I said so. 'Twas ever thus.\""),
            "“’Cause I said so. ’Twas ever thus.”"
        );
        assert_eq!(curled("Back in the 1990's."), "Back in the 1990’s.");
    }

    #[test]
    fn an_elision_that_may_open_a_quotation_is_a_guess() {
        let text = "'Round and round,' she sang.";
        assert_eq!(curled(text), "'Round and round,’ she sang.");
        assert_eq!(curled_unsafe(text), "’Round and round,’ she sang.");
        assert_eq!(
            curled("She ran 'round the house."),
            "She ran ’round the house."
        );
    }

    #[test]
    fn quotes_after_dashes_and_around_emphasis() {
        assert_eq!(
            curled("\"Wait—\" He stopped. Then—\"Go!\""),
            "“Wait—” He stopped. Then—“Go!”"
        );
        assert_eq!(curled("*\"Run!\"* she thought."), "*“Run!”* she thought.");
        assert_eq!(
            curled("*'Focus,'* she told herself. *'You can do this.'*"),
            "*‘Focus,’* she told herself. *‘You can do this.’*"
        );
        assert_eq!(curled("He wrote \"A\" and 'b'."), "He wrote “A” and ‘b’.");
    }

    #[test]
    fn speech_continued_in_the_next_paragraph() {
        assert_eq!(
            curled("\"Then we went home,\" he said. \"And the night was long."),
            "“Then we went home,” he said. “And the night was long."
        );
        assert_eq!(curled("\"And so it ended."), "“And so it ended.");
    }

    #[test]
    fn glued_quotes_are_paired_by_position() {
        assert_eq!(
            curled("\"Yes.\"He left. She said,\"No.\""),
            "“Yes.”He left. She said,“No.”"
        );
    }

    #[test]
    fn measurements_are_left_alone() {
        assert_eq!(
            curled("He was 5'10\" and 6' wide."),
            "He was 5'10\" and 6' wide."
        );
        assert_eq!(curled("A 12\" ruler."), "A 12\" ruler.");
        assert_eq!(curled("\"I'm 25,\" she said."), "“I’m 25,” she said.");
        assert_eq!(curled("\"I'm 25\""), "“I’m 25”");
    }

    #[test]
    fn unpaired_double_quotes_are_only_unsafe() {
        // The misplaced space makes the first two quotes guesses; the
        // closing quote at the end pairs with its neighbour and is sure.
        let text = "\"Hello, \"she said. \"Bye.\"";
        assert_eq!(curled(text), "\"Hello, \"she said. \"Bye.”");
        let found = diagnostics_with(&TypographicQuotes, text, &options(), &Vocabulary::default());
        assert_eq!(found.len(), 4);
        let nested = "\"He said \"no\" to me.\"";
        assert_eq!(curled(nested), nested);
        assert_eq!(curled_unsafe(nested), "“He said “no” to me.”");
    }

    #[test]
    fn pathological_paragraphs_stay_linear() {
        let quotes = "\"'".repeat(200_000);
        let found = diagnostics_with(
            &TypographicQuotes,
            &quotes,
            &options(),
            &Vocabulary::default(),
        );
        assert_eq!(found.len(), 400_000);
        let words = "a'b ".repeat(100_000);
        let found = diagnostics_with(
            &TypographicQuotes,
            &words,
            &options(),
            &Vocabulary::default(),
        );
        assert_eq!(found.len(), 100_000);
    }
}
