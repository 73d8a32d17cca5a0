use crate::declare_rule;
use crate::rules::words::text::{Words, key, suggestion};
use crate::rules::{Applicability, Diagnostic, Paragraph, Rule, RuleMeta};

declare_rule! {
    /// The pronoun `i` written in lower case: `i think`, `i'm`, `i-i`.
    ///
    /// ## Why
    /// The first-person pronoun is always capitalised in English. A lone
    /// `i` is almost never anything else in prose; the exceptions are
    /// marks, not words: `i.e.`, list markers `i)`, `(i)`, `i.` at a line's
    /// start, code (`i++`, `x[i]`) and URLs (`/i/`).
    ///
    /// ## Example
    /// `i think i'm lost` → `I think I'm lost`; `i-i can't` → `I-I can't`.
    ///
    /// ## Fix safety
    /// The marks above are skipped by looking at the characters around the
    /// `i`, and so is dialect `i'` (in). The fix is safe in a paragraph that
    /// also writes the pronoun `I`: its writer slipped. Where a paragraph
    /// never does, the lower case may be meant (Joyce's hangman writes
    /// `Honoured sir i beg`; Italian has an article `i`), so the fix is
    /// unsafe.
    pub LowercaseI, META = ("C001", "lowercase-i", Words)
}

/// Contractions of the pronoun.
const CONTRACTIONS: &[&str] = &["i'm", "i'll", "i've", "i'd", "i’m", "i’ll", "i’ve", "i’d"];

/// The keys of every form of the pronoun (upper case and `’` fold into
/// them): `i`, the contractions, and the stutters `i-i`, `i-i-i` and
/// longer (whose keys stop at eight bytes, `i-i-i-i-`).
const PRONOUN_KEYS: &[u64] = &[
    key("i"),
    key("i'm"),
    key("i'll"),
    key("i've"),
    key("i'd"),
    key("i-i"),
    key("i-i-i"),
    key("i-i-i-i"),
    key("i-i-i-i-"),
];

impl Rule for LowercaseI {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, paragraph: &Paragraph<'_>, out: &mut Vec<Diagnostic>) {
        let words = paragraph.words();
        // A writer who also writes `I` slipped; one who never does (Joyce's
        // hangman, an Italian `i`) may mean it. Asked once, when needed.
        let mut applicability = None;
        let has_code = memchr::memchr(b'`', paragraph.text.as_bytes()).is_some();
        let mut in_code = false;
        // Backticks are counted up to here.
        let mut counted = 0;
        for i in paragraph.word_index().with_keys(words, PRONOUN_KEYS) {
            let Some(word) = words.get(i) else { continue };
            let text = word.text();
            // Inside a `code span`, `i` is a variable. Words hold no
            // backtick, so the ones before the word are all in gaps.
            if has_code {
                let start = word.range().start;
                let before = paragraph.text.get(counted..start).unwrap_or("");
                in_code ^= before.matches('`').count() % 2 == 1;
                counted = start;
            }
            // `I`, `I'm` share the keys: only lower case is looked at.
            if !text.starts_with('i') || in_code {
                continue;
            }
            let stutter = text.len() > 1 && text.split('-').all(|part| part == "i");
            if !(text == "i" || stutter || CONTRACTIONS.contains(&text)) {
                continue;
            }
            if is_mark(words, i) {
                continue;
            }
            let fixed = if stutter {
                text.to_uppercase()
            } else {
                format!("I{}", text.get(1..).unwrap_or(""))
            };
            let applicability = *applicability.get_or_insert_with(|| {
                if writes_capital_i(words) {
                    Applicability::Safe
                } else {
                    Applicability::Unsafe
                }
            });
            out.push(suggestion(
                Self::META.code,
                word.range(),
                fixed.clone(),
                format!("`{text}` → `{fixed}` (the pronoun is capitalised)"),
                Some(applicability),
            ));
        }
    }
}

/// Whether the paragraph writes the pronoun `I` (or `I'm`, `I’ll`...):
/// up to five characters, counted as characters so that `I’ll`, whose
/// `’` is three bytes, counts as `I'll` does.
fn writes_capital_i(words: &Words<'_>) -> bool {
    words.iter().map(|w| w.text()).any(|text| {
        text == "I"
            || (text.starts_with("I'") || text.starts_with("I’")) && text.chars().count() <= 5
    })
}

/// Characters that make an `i` touching them part of a path, an address or
/// an expression: `/i/`, `x=i`, `#i`.
const CODE_NEIGHBOURS: &str = "/\\=_@#&?[{<+:$%";

/// Whether the `i` at `i` is not the pronoun: `i.e.`, initials (`g. p.
/// i.`), list markers (`i)`, `(i)`, a line-initial `i.`), code, a URL, a
/// stretched or cut-off word (`Spi--i--ies`, `make i-`) or the dialect
/// `i'` (in).
fn is_mark(words: &Words<'_>, i: usize) -> bool {
    let before = words.gap_before(i);
    let after = words.gap_after(i);
    let next = after.chars().next();
    let prev = before.chars().next_back();
    let line_start = i == 0 || before.contains('\n');
    let last = i + 1 == words.len();
    // `i.e.`: a full stop with the next word right after it.
    let abbreviation = after == "." && !last;
    // `g. p. i.`: a run of initials.
    let initials = next == Some('.')
        && i.checked_sub(1)
            .is_some_and(|p| words.text(p).chars().count() == 1)
        && before.starts_with('.');
    let list = matches!(next, Some(')' | ']')) || (line_start && matches!(next, Some('.' | ':')));
    let operator = after.trim_start().chars().next();
    let code = matches!(next, Some('(' | '/' | '_' | '@' | '\\' | '{'))
        || matches!(operator, Some('+' | '=' | '[' | '<' | '>'))
        || prev.is_some_and(|c| CODE_NEIGHBOURS.contains(c))
        // `example.i`; an ellipsis (`well...i`) is prose.
        || (before == "." && i > 0);
    // `i'` is dialect for `in` (`i' that way`); `'i` after a letter elides.
    let dialect = matches!(next, Some('\'' | '’'))
        || (matches!(prev, Some('\'' | '’'))
            && before
                .chars()
                .rev()
                .nth(1)
                .is_some_and(|c| !c.is_whitespace() && c != '"'));
    // `Spi--i--ies`, or a word cut off (`make i-`, `Handle i-?`): `it`.
    let broken = words.cut_off(i);
    abbreviation || initials || list || code || dialect || broken
}

#[cfg(test)]
mod tests {
    use super::LowercaseI;
    use crate::rules::testing::{assert_fixes, assert_no_diagnostics, assert_reported_not_fixed};

    #[test]
    fn capitalises_the_pronoun() {
        for (text, expected) in [
            ("I think i'm lost", "I think I'm lost"),
            ("I know, so did i.", "I know, so did I."),
            ("\"i-i can't,\" I said", "\"I-I can't,\" I said"),
            (
                "and i’ll go (i think), I’m sure",
                "and I’ll go (I think), I’m sure",
            ),
            ("'i know,' I said", "'I know,' I said"),
            ("*i* did it, I swear", "*I* did it, I swear"),
            ("well...i don't know, I mean", "well...I don't know, I mean"),
            // `I’ll` and `I’ve` show the writer's capital as `I'll` does.
            ("I’ll go, i think.", "I’ll go, I think."),
            ("I’ve said i would.", "I’ve said I would."),
        ] {
            assert_fixes(&LowercaseI, text, expected);
        }
    }

    #[test]
    fn without_a_capital_i_it_is_unsafe() {
        assert_reported_not_fixed(&LowercaseI, "Honoured sir i beg to offer my services");
        assert_reported_not_fixed(&LowercaseI, "che ci dia i quattrini!");
    }

    #[test]
    fn marks_pass() {
        for text in [
            "Fruit, i.e. apples.",
            "Options: i) red, ii) blue.",
            "Options (i) red (ii) blue.",
            "i. First item\nii. Second item",
            "for (i = 0; i++; x[i])",
            "Use `for i in 0..n` here.",
            "See http://example.com/i/page.",
            "The file example.i is here.",
            "Is there any country where they talk i' that way? I wonder.",
            "Old Bailey Spi--i--ies! I say.",
            "They were going to make i- I mean, win.",
            "Handle i-? I can't.",
            "He says you have g. p. i. He's up. I know.",
            "I am. Is it? It is.",
        ] {
            assert_no_diagnostics(&LowercaseI, text);
        }
    }
}
