//! Rules `P`: punctuation (ellipses, dashes, doubled commas, unbalanced quotes).
//!
//! Each rule is one file; list it in `RULES`.
//!
//! The ellipsis rules share one choice, the `ellipsis` option: P001, P002
//! and P003 write the ellipsis they repair in the chosen style, and P004
//! converts the rest, so their fixes agree.

mod dash_style;
mod double_period;
mod doubled_comma;
mod ellipsis_style;
mod long_ellipsis;
mod spaced_ellipsis;
mod unbalanced_quotes;

use std::ops::Range;

use memchr::memmem::Finder;

use super::Rule;
use super::engine::Style;

pub use dash_style::DashStyle;
pub use double_period::DoublePeriod;
pub use doubled_comma::DoubledComma;
pub use ellipsis_style::EllipsisStyle;
pub use long_ellipsis::LongEllipsis;
pub use spaced_ellipsis::SpacedEllipsis;
pub use unbalanced_quotes::UnbalancedQuotes;

/// Every rule of this category.
pub static RULES: &[&dyn Rule] = &[
    &DoublePeriod,
    &LongEllipsis,
    &SpacedEllipsis,
    &EllipsisStyle,
    &DashStyle,
    &DoubledComma,
    &UnbalancedQuotes,
];

/// The ellipsis a repair writes: three dots unless the typographic
/// character was chosen.
fn ellipsis(style: Style) -> &'static str {
    match style {
        Style::Keep | Style::Ascii => "...",
        Style::Typographic => "…",
    }
}

/// The maximal runs of a repeated mark in `text` that start with `needle`
/// (the shortest run worth reporting: `....`, `,,`), as byte ranges. A SIMD
/// search jumps from one run to the next, so text without one costs next
/// to nothing.
fn runs<'a>(text: &'a str, needle: &'a Finder<'static>) -> impl Iterator<Item = Range<usize>> + 'a {
    let bytes = text.as_bytes();
    let mark = needle.needle()[0];
    let mut from = 0;
    std::iter::from_fn(move || {
        // The first match after the previous run starts a run: a mark
        // before it would have matched first.
        let start = from + needle.find(&bytes[from..])?;
        let len = bytes[start..].iter().take_while(|&&b| b == mark).count();
        from = start + len;
        Some(start..from)
    })
}

#[cfg(test)]
mod corpus_tests {
    use crate::rules::testing::assert_no_safe_fixes_on_gutenberg;

    /// Do no harm: the professionally edited Gutenberg novels get no safe
    /// fix from these rules (S001's whitespace-only fixes are allowed; see
    /// tests/it/rules.rs).
    #[test]
    fn gutenberg_novels_get_no_safe_fixes() {
        assert_no_safe_fixes_on_gutenberg(&[
            "P001", "P002", "P003", "P004", "P005", "P006", "P007",
        ]);
    }
}

#[cfg(test)]
mod robustness_tests {
    use super::RULES;
    use crate::rules::engine::{RuleOptions, Style};
    use crate::rules::testing::{
        assert_no_panic_on_pathological_paragraphs, assert_robust_on_short_inputs,
    };

    /// Short strings over an alphabet of the characters the rules look at:
    /// no rule panics, and every edit stays on char boundaries.
    #[test]
    fn no_input_panics_or_splits_a_char() {
        let options = RuleOptions {
            ellipsis: Style::Typographic,
            dash: Style::Typographic,
            ..RuleOptions::default()
        };
        assert_robust_on_short_inputs(
            RULES,
            &[
                "\"", "“", "”", ".", ",", "?", "!", "a", "S", "1", " ", "\n", "é", ":", "'", "(",
                "-", "\\",
            ],
            &options,
        );
    }

    /// Pathological paragraphs (a megabyte of one mark) do not panic.
    #[test]
    fn pathological_paragraphs_do_not_panic() {
        assert_no_panic_on_pathological_paragraphs(
            RULES,
            &[
                "\"",
                "“ ",
                "” ",
                "a.B",
                "a,b",
                "  a",
                "a",
                ".",
                "Sasuke kun ",
                "\" x ",
            ],
        );
    }
}
