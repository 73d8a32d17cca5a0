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
    let paragraph = Paragraph {
        text,
        in_note: false,
        vocabulary,
        options,
    };
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
