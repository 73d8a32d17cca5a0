//! Helpers for rule tests: run one rule on a paragraph, look at its
//! diagnostics and at the text its fixes produce.

use super::engine::RuleOptions;
use super::{Applicability, Diagnostic, Edit, Paragraph, Rule, Vocabulary};

/// Diagnostics of `rule` on `text` (one paragraph, default options).
pub fn diagnostics(rule: &dyn Rule, text: &str) -> Vec<Diagnostic> {
    diagnostics_with(
        rule,
        text,
        &RuleOptions::default(),
        &Vocabulary::learn(text),
    )
}

/// Diagnostics with chosen options and vocabulary.
pub fn diagnostics_with(
    rule: &dyn Rule,
    text: &str,
    options: &RuleOptions,
    vocabulary: &Vocabulary,
) -> Vec<Diagnostic> {
    let paragraph = Paragraph::new(text, false, vocabulary, options);
    let mut out = Vec::new();
    rule.check(&paragraph, &mut out);
    out
}

/// `text` with every fix of `rule` up to `allowed` applied, repeatedly
/// until it settles (as the engine does).
pub fn fixed_with(
    rule: &dyn Rule,
    text: &str,
    options: &RuleOptions,
    allowed: Applicability,
) -> String {
    let mut current = text.to_string();
    for _ in 0..10 {
        let vocabulary = Vocabulary::learn(&current);
        let mut edits: Vec<Edit> = Vec::new();
        for fix in diagnostics_with(rule, &current, options, &vocabulary)
            .into_iter()
            .filter_map(|d| d.fix)
        {
            let clash = fix.edits.iter().any(|e| {
                edits.iter().any(|t| {
                    e.range.start < t.range.end && t.range.start < e.range.end
                        || e.range.start == t.range.start
                })
            });
            if fix.applicability <= allowed && !clash {
                edits.extend(fix.edits);
            }
        }
        if edits.is_empty() {
            break;
        }
        edits.sort_by_key(|e| e.range.start);
        let mut out = String::new();
        let mut from = 0;
        for edit in edits {
            out.push_str(&current[from..edit.range.start]);
            out.push_str(&edit.replacement);
            from = edit.range.end;
        }
        out.push_str(&current[from..]);
        current = out;
    }
    current
}

/// Assert that the safe fixes of `rule` turn `text` into `expected`, and
/// that fixing again changes nothing.
pub fn assert_fixes(rule: &dyn Rule, text: &str, expected: &str) {
    let options = RuleOptions::default();
    let fixed = fixed_with(rule, text, &options, Applicability::Safe);
    assert_eq!(fixed, expected, "fixing {text:?}");
    assert_eq!(
        fixed_with(rule, &fixed, &options, Applicability::Safe),
        fixed,
        "fixing is not idempotent"
    );
}

/// Assert that `rule` reports nothing on `text`.
pub fn assert_no_diagnostics(rule: &dyn Rule, text: &str) {
    let found = diagnostics(rule, text);
    assert!(
        found.is_empty(),
        "{} fired on {text:?}: {found:?}",
        rule.meta().code
    );
}

/// Assert that `rule` reports `text` but offers no safe fix.
pub fn assert_reported_not_fixed(rule: &dyn Rule, text: &str) {
    let found = diagnostics(rule, text);
    assert!(
        !found.is_empty(),
        "{} did not fire on {text:?}",
        rule.meta().code
    );
    assert!(
        found.iter().all(|d| d
            .fix
            .as_ref()
            .is_none_or(|f| f.applicability != Applicability::Safe)),
        "{} offered a safe fix on {text:?}: {found:?}",
        rule.meta().code
    );
}

/// The proof that rules do no harm: over the professionally edited
/// Gutenberg novels they must offer no safe fix at all.
mod gutenberg {
    use std::collections::BTreeMap;
    use std::path::Path;

    use crate::rules::engine::{RuleOptions, check};
    use crate::rules::{Applicability, Vocabulary};

    const GUTENBERG: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/gutenberg");

    /// Run the rules with these codes over every Gutenberg novel (when the
    /// corpus is present), assert that none offers a safe fix, and print the
    /// unsafe and report-only findings per MB for each code.
    pub fn assert_no_safe_fixes_on_gutenberg(codes: &[&str]) {
        let Ok(entries) = std::fs::read_dir(Path::new(GUTENBERG)) else {
            eprintln!("skipped: no Gutenberg corpus at {GUTENBERG}");
            return;
        };
        let options = RuleOptions {
            select: codes.iter().map(|code| code.to_string()).collect(),
            ..RuleOptions::default()
        };
        let mut bytes = 0usize;
        let mut counts: BTreeMap<&str, (usize, usize)> =
            codes.iter().map(|c| (*c, (0, 0))).collect();
        let mut safe = Vec::new();
        for entry in entries.flatten() {
            let Ok(raw) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            let text = raw.replace("\r\n", "\n");
            bytes += text.len();
            for diagnostic in check(&text, &options, &Vocabulary::learn(&text)) {
                let count = counts.entry(diagnostic.code).or_default();
                match diagnostic.fix.as_ref().map(|fix| fix.applicability) {
                    Some(Applicability::Safe) => {
                        let from =
                            text.floor_char_boundary(diagnostic.range.start.saturating_sub(40));
                        let to = text.ceil_char_boundary(diagnostic.range.end + 20);
                        let context = text.get(from..to).unwrap_or("");
                        safe.push(format!(
                            "{} {:?} in {:?}",
                            diagnostic.code, diagnostic.message, context
                        ));
                    }
                    Some(Applicability::Unsafe) => count.0 += 1,
                    None => count.1 += 1,
                }
            }
        }
        let megabytes = bytes as f64 / 1_000_000.0;
        for (code, (unsafe_fixes, reported)) in &counts {
            eprintln!(
                "{code}: {:.2} unsafe fixes/MB, {:.2} report-only/MB ({unsafe_fixes} and {reported} in {megabytes:.1} MB)",
                *unsafe_fixes as f64 / megabytes,
                *reported as f64 / megabytes,
            );
        }
        assert!(
            safe.is_empty(),
            "safe fixes on Gutenberg:\n{}",
            safe.join("\n")
        );
    }
}

pub use gutenberg::assert_no_safe_fixes_on_gutenberg;

/// Every string of up to three pieces from `alphabet`: no rule panics, and
/// every edit lies on character boundaries of the text it edits.
pub fn assert_robust_on_short_inputs(
    rules: &[&dyn Rule],
    alphabet: &[&str],
    options: &RuleOptions,
) {
    let vocabulary = Vocabulary::default();
    let mut texts = vec![String::new()];
    for _ in 0..3 {
        texts = texts
            .iter()
            .flat_map(|text| alphabet.iter().map(move |c| format!("{text}{c}")))
            .collect();
        for text in &texts {
            for rule in rules {
                for diagnostic in diagnostics_with(*rule, text, options, &vocabulary) {
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

/// Run `rules` over pathological paragraphs (a megabyte of one repeated
/// unit) and check no rule panics. Speed is not asserted here: it is
/// measured by benchmarks, and a quadratic rule shows as a hung test.
pub fn assert_no_panic_on_pathological_paragraphs(rules: &[&dyn Rule], units: &[&str]) {
    let options = RuleOptions::default();
    let vocabulary = Vocabulary::default();
    for unit in units {
        let text = unit.repeat(1_000_000 / unit.len().max(1));
        for rule in rules {
            diagnostics_with(*rule, &text, &options, &vocabulary);
        }
    }
}

/// `count` texts, each of fewer than `most` of `pieces` drawn at random
/// (from a fixed seed, so every run tries the same texts): input for tests
/// that hold a quick reading to a plain one, or a rule to idempotence.
pub fn random_texts<'p>(
    pieces: &'p [&'p str],
    count: usize,
    most: usize,
    seed: u64,
) -> impl Iterator<Item = String> + 'p {
    let mut seed = seed;
    // Every draw advances the seed: a length drawn without advancing it
    // once stuck at zero, and every text after it was empty.
    let mut next = move || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    (0..count).map(move |_| {
        let length = next() % most;
        (0..length).map(|_| pieces[next() % pieces.len()]).collect()
    })
}
