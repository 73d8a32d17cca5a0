use std::sync::LazyLock;

use regex::Regex;

use super::ellipsis;
use crate::declare_rule;
use crate::rules::{Diagnostic, Fix, Paragraph, Rule, RuleMeta};

declare_rule! {
    /// Double period: exactly two dots after a word, a trailing-off typed
    /// one dot short.
    ///
    /// ## Why
    /// Two dots are neither a full stop nor an ellipsis; `Sakura..` is the
    /// most common ellipsis typo in fan fiction, and edited English never
    /// uses it.
    ///
    /// ## Example
    /// `And even after all these times Sakura..` → `And even after all these times Sakura...`
    ///
    /// The ellipsis follows the `ellipsis` style option: `...` when it is
    /// `keep` or `ascii`, `…` when it is `typographic`.
    ///
    /// Not reported: three or more dots (P002 handles four and more), two
    /// dots not after a word (`../path`, `1..5`), and two dots after an
    /// initial (`J.K..`).
    ///
    /// ## Fix safety
    /// Safe after an ordinary word: two dots are never correct prose, and a
    /// trailing-off is what the writer meant. Unsafe after an abbreviation
    /// (`etc..`, `Mr..`), where the writer more likely doubled the
    /// abbreviation's full stop: the offered fix there is a single `.`.
    /// Unsafe too when the dots are followed by other punctuation or a
    /// digit (`last time..:Speak`, a story's own Parseltongue markers).
    pub DoublePeriod, META = ("P001", "double-period", Typography)
}

/// A word, then two dots.
static WORD_TWO_DOTS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\p{L}+)\.\.").expect("valid double period pattern"));

/// Abbreviations whose own full stop may have been doubled.
const ABBREVIATIONS: &[&str] = &[
    "etc", "mr", "mrs", "ms", "dr", "st", "jr", "sr", "vs", "inc", "ltd", "co", "prof", "approx",
];

impl Rule for DoublePeriod {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, paragraph: &Paragraph<'_>, out: &mut Vec<Diagnostic>) {
        let text = paragraph.text;
        if !has_two_dots_after_letter(text) {
            return;
        }
        for captures in WORD_TWO_DOTS.captures_iter(text) {
            let (Some(found), Some(word)) = (captures.get(0), captures.get(1)) else {
                continue;
            };
            let dots = word.end()..found.end();
            if text[dots.end..].starts_with('.') {
                continue;
            }
            let initial = word.as_str().chars().count() == 1 && text[..word.start()].ends_with('.');
            if initial {
                continue;
            }
            let abbreviation = ABBREVIATIONS.contains(&word.as_str().to_lowercase().as_str());
            let fix = if abbreviation {
                Fix::unsafe_(dots.clone(), ".")
            } else if !ends_trailing_off(&text[dots.end..]) {
                Fix::unsafe_(dots.clone(), ellipsis(paragraph.options.ellipsis))
            } else {
                Fix::safe(dots.clone(), ellipsis(paragraph.options.ellipsis))
            };
            out.push(Diagnostic {
                code: Self::META.code,
                message: "two dots: an ellipsis has three".to_string(),
                range: dots,
                fix: Some(fix),
            });
        }
    }
}

/// Whether `text` has exactly two dots right after a letter (an ASCII
/// letter or any non-ASCII character), the only place the pattern can
/// report anything. Most paragraphs have none, and a search from dot to dot
/// says so for a fraction of what the pattern costs.
fn has_two_dots_after_letter(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'.', bytes).any(|at| {
        at > 0
            && (bytes[at - 1].is_ascii_alphabetic() || !bytes[at - 1].is_ascii())
            && bytes.get(at + 1) == Some(&b'.')
            && bytes.get(at + 2) != Some(&b'.')
    })
}

/// Whether what follows the dots lets them be a trailing-off: the end, a
/// space, a word, a quote, a bracket, `?` or `!`, emphasis or a dash. Not
/// `..:Speak` or `..,`, where the dots belong to some other convention.
fn ends_trailing_off(rest: &str) -> bool {
    rest.chars().next().is_none_or(|c| {
        c.is_whitespace()
            || c.is_alphabetic()
            || matches!(
                c,
                '"' | '\'' | '”' | '’' | '?' | '!' | '*' | '_' | ')' | ']' | '-' | '—' | '–'
            )
    })
}

#[cfg(test)]
mod tests {
    use super::DoublePeriod;
    use crate::rules::Applicability;
    use crate::rules::engine::{RuleOptions, Style};
    use crate::rules::testing::{
        assert_fixes, assert_no_diagnostics, assert_reported_not_fixed, fixed_with,
    };

    #[test]
    fn two_dots_become_an_ellipsis() {
        assert_fixes(
            &DoublePeriod,
            "Sakura.. \"Your still annoying..\" Hinata..Everyone.",
            "Sakura... \"Your still annoying...\" Hinata...Everyone.",
        );
        let typographic = RuleOptions {
            ellipsis: Style::Typographic,
            ..RuleOptions::default()
        };
        assert_eq!(
            fixed_with(&DoublePeriod, "But..", &typographic, Applicability::Safe),
            "But…"
        );
    }

    #[test]
    fn leaves_real_ellipses_paths_and_initials() {
        for text in [
            "And so...",
            "Wait....",
            "../path",
            "1..5",
            "J.K.. Rowling",
            "Done.",
        ] {
            assert_no_diagnostics(&DoublePeriod, text);
        }
    }

    #[test]
    fn abbreviations_are_not_fixed_safely() {
        assert_reported_not_fixed(&DoublePeriod, "Apples, pears etc.. were sold.");
        assert_reported_not_fixed(&DoublePeriod, "he said softly..:I am sorry:.");
    }
}
