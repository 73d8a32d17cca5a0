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

#[cfg(test)]
mod corpus_tests {
    use std::collections::BTreeMap;
    use std::path::Path;

    use crate::rules::engine::{RuleOptions, check};
    use crate::rules::{Applicability, Vocabulary};

    /// Do no harm: the professionally edited Gutenberg novels get no safe
    /// fix from a punctuation rule. Prints the unsafe and report-only findings
    /// per MB, rule by rule.
    #[test]
    fn gutenberg_novels_get_no_safe_fixes() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/gutenberg");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            eprintln!("skipped: no Gutenberg corpus at {}", dir.display());
            return;
        };
        let mut paths: Vec<_> = entries.flatten().map(|entry| entry.path()).collect();
        paths.sort();
        let options = RuleOptions {
            select: vec!["P".into()],
            ..RuleOptions::default()
        };
        let mut bytes = 0;
        let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        let mut safe = Vec::new();
        for path in paths {
            let Ok(raw) = std::fs::read_to_string(&path) else {
                continue;
            };
            let text = raw.replace("\r\n", "\n");
            bytes += text.len();
            for diagnostic in check(&text, &options, &Vocabulary::learn(&text)) {
                let entry = counts.entry(diagnostic.code).or_default();
                match diagnostic.fix.map(|fix| fix.applicability) {
                    Some(Applicability::Safe) => safe.push(format!(
                        "{} {}: {} in {:?}",
                        path.display(),
                        diagnostic.code,
                        diagnostic.message,
                        context(&text, &diagnostic.range)
                    )),
                    Some(Applicability::Unsafe) => entry.0 += 1,
                    None => entry.1 += 1,
                }
            }
        }
        let megabytes = bytes as f64 / 1_000_000.0;
        for (code, (unsafe_fixes, reports)) in &counts {
            eprintln!(
                "{code}: {:.2} unsafe fixes/MB, {:.2} reports/MB over {megabytes:.1} MB",
                *unsafe_fixes as f64 / megabytes,
                *reports as f64 / megabytes
            );
        }
        assert!(
            safe.is_empty(),
            "{} safe fixes:\n{}",
            safe.len(),
            safe.join("\n")
        );
    }

    /// Up to 30 bytes of text either side of `range`, on char boundaries.
    fn context<'a>(text: &'a str, range: &std::ops::Range<usize>) -> &'a str {
        let mut start = range.start.saturating_sub(30);
        let mut end = (range.end + 30).min(text.len());
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        while !text.is_char_boundary(end) {
            end += 1;
        }
        &text[start..end]
    }
}

#[cfg(test)]
mod robustness_tests {
    use super::RULES;
    use crate::rules::Vocabulary;
    use crate::rules::engine::{RuleOptions, Style};
    use crate::rules::testing::diagnostics_with;

    /// Short strings over an alphabet of the characters the rules look at:
    /// no rule panics, and every edit stays on char boundaries.
    #[test]
    fn no_input_panics_or_splits_a_char() {
        let alphabet = [
            "\"", "“", "”", ".", ",", "?", "!", "a", "S", "1", " ", "\n", "é", ":", "'", "(", "-",
            "\\",
        ];
        let options = RuleOptions {
            ellipsis: Style::Typographic,
            dash: Style::Typographic,
            ..RuleOptions::default()
        };
        let vocabulary = Vocabulary::default();
        let mut texts = vec![String::new()];
        for _ in 0..3 {
            texts = texts
                .iter()
                .flat_map(|text| alphabet.iter().map(move |c| format!("{text}{c}")))
                .collect();
            for text in &texts {
                for rule in RULES {
                    for diagnostic in diagnostics_with(*rule, text, &options, &vocabulary) {
                        for edit in diagnostic.fix.iter().flat_map(|fix| &fix.edits) {
                            assert!(
                                text.get(edit.range.clone()).is_some(),
                                "{} on {text:?}: {:?}",
                                rule.meta().code,
                                edit.range
                            );
                        }
                    }
                }
            }
        }
    }

    /// Pathological paragraphs (a megabyte of one mark) take linear time:
    /// a quadratic rule would not finish.
    #[test]
    fn pathological_paragraphs_are_linear() {
        let options = RuleOptions::default();
        let vocabulary = Vocabulary::default();
        for unit in [
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
        ] {
            let text = unit.repeat(1_000_000 / unit.len());
            let started = std::time::Instant::now();
            for rule in RULES {
                diagnostics_with(*rule, &text, &options, &vocabulary);
            }
            let elapsed = started.elapsed();
            assert!(elapsed.as_secs() < 20, "{unit:?} took {elapsed:?}");
        }
    }
}
