//! The proof that word rules do no harm: over the professionally edited
//! Gutenberg novels they must offer no safe fix at all. Shared by the `W`,
//! `A` and `C` categories' tests.

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
    let mut counts: BTreeMap<&str, (usize, usize)> = codes.iter().map(|c| (*c, (0, 0))).collect();
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
                    let from = text.floor_char_boundary(diagnostic.range.start.saturating_sub(40));
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
