//! Rules `M`: misspellings from a data file of unambiguous corrections.
//!
//! Each rule is one file; list it in `RULES`. The table itself lives in
//! `src/rules/data/misspellings.tsv`, behind the [`Corrections`] trait of
//! [`dictionary`].

pub mod dictionary;
mod filters;
mod misspelling;

use super::Rule;
// For `filters`, which `build.rs` also compiles, with `keys` beside it.
use crate::rules::words::keys;

pub use dictionary::{Corrections, TsvDictionary};
pub use misspelling::Misspelling;

/// Every rule of this category.
pub static RULES: &[&dyn Rule] = &[&Misspelling];

#[cfg(test)]
mod corpus_tests {
    use std::path::{Path, PathBuf};

    use crate::rules::engine::{RuleOptions, fix};
    use crate::rules::{Applicability, Vocabulary};

    fn options() -> RuleOptions {
        RuleOptions {
            select: vec!["M".into()],
            ..RuleOptions::default()
        }
    }

    fn files(dir: &Path) -> Vec<PathBuf> {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return Vec::new();
        };
        let mut paths: Vec<PathBuf> = entries.flatten().map(|entry| entry.path()).collect();
        paths.sort();
        paths
    }

    /// Do no harm: the professionally edited Gutenberg novels get no safe
    /// fix. Prints the unsafe and report-only findings per MB.
    #[test]
    fn gutenberg_novels_get_no_safe_fixes() {
        crate::rules::testing::assert_no_safe_fixes_on_gutenberg(&["M001"]);
    }

    /// The seeds' own misspellings are fixed through the whole engine, and
    /// fixing again changes nothing.
    #[test]
    fn seed_misspellings_are_fixed() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let seeds: Vec<String> = files(&dir)
            .into_iter()
            .filter(|path| {
                path.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("00"))
            })
            .filter_map(|path| std::fs::read_to_string(path).ok())
            .collect();
        if seeds.is_empty() {
            eprintln!("skipped: no seed fixtures in {}", dir.display());
            return;
        }
        let text = seeds.join("\n\n");
        let vocabulary = Vocabulary::learn(&text);
        let fixed = fix(&text, &options(), &vocabulary, Applicability::Safe).text;
        for (wrong, right) in [
            ("comming", "coming"),
            ("disbeleif", "disbelief"),
            ("confustion", "confusion"),
        ] {
            assert!(text.contains(wrong), "the seeds no longer contain {wrong}");
            assert!(
                !fixed.contains(wrong) && fixed.contains(right),
                "{wrong} not fixed"
            );
        }
        for kept in ["Sasuke", "Sakura", "Naruto", "Orochimaru"] {
            assert_eq!(
                text.matches(kept).count(),
                fixed.matches(kept).count(),
                "{kept}"
            );
        }
        let again = fix(
            &fixed,
            &options(),
            &Vocabulary::learn(&fixed),
            Applicability::Safe,
        );
        assert_eq!(again.applied, 0, "fixing is not idempotent");
    }
}
