//! Rules `Q`: quotation marks (typographic quotes, reversed and mixed quotes).
//!
//! Each rule is one file; list it in `RULES`. The rules share how a quote's
//! direction is read from its neighbours ([`flank`]) and how the straight
//! quotes of a paragraph are classified and paired ([`straight`], with
//! [`doubles`] and [`singles`]). Rules find the curly quotes of a
//! paragraph through [`marks`], by byte search.

mod doubles;
mod flank;
pub(crate) mod marks;
mod mixed_quotes;
mod reversed_quotes;
mod singles;
mod straight;
mod typographic_quotes;

use super::Rule;

pub use mixed_quotes::MixedQuotes;
pub use reversed_quotes::ReversedQuotes;
pub use typographic_quotes::TypographicQuotes;

/// Every rule of this category.
pub static RULES: &[&dyn Rule] = &[&TypographicQuotes, &ReversedQuotes, &MixedQuotes];

#[cfg(test)]
mod tests {

    use crate::rules::engine::{RuleOptions, fix};
    use crate::rules::{Applicability, Vocabulary};

    const CODES: [&str; 3] = ["Q001", "Q002", "Q003"];

    /// Do no harm: the professionally edited Gutenberg novels get no safe
    /// fix from a quote rule with default options (typographic quotes off).
    /// Prints the unsafe and report-only findings per MB, rule by rule.
    #[test]
    fn gutenberg_novels_get_no_safe_fixes() {
        crate::rules::testing::assert_no_safe_fixes_on_gutenberg(&CODES);
    }

    /// Seed 003 with typographic quotes (as for EPUB): every straight quote
    /// becomes curly, except in the one paragraph that nests straight double
    /// quotes inside straight double quotes, where no direction is certain;
    /// and every paragraph whose double quotes paired up opens as many as
    /// it closes.
    #[test]
    fn seed_003_gets_typographic_quotes() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/003_0c47a4606ad59351.txt"
        );
        let text = std::fs::read_to_string(path).expect("seed 003 is in the repository");
        let options = RuleOptions {
            typographic_quotes: true,
            select: vec!["Q".into()],
            ..RuleOptions::default()
        };
        let fixed = fix(
            &text,
            &options,
            &Vocabulary::learn(&text),
            Applicability::Safe,
        )
        .text;
        let left_alone = ["\"You also said \"yet\"\" She reminded him."];
        let before: Vec<&str> = text.split("\n\n").collect();
        let after: Vec<&str> = fixed.split("\n\n").collect();
        assert_eq!(before.len(), after.len());
        for (original, paragraph) in before.iter().zip(&after) {
            if left_alone.contains(paragraph) {
                continue;
            }
            assert!(
                !paragraph.contains(['"', '\'']),
                "straight quote left in {paragraph:?}"
            );
            if original.matches('"').count().is_multiple_of(2) {
                assert_eq!(
                    paragraph.matches('“').count(),
                    paragraph.matches('”').count(),
                    "unbalanced in {paragraph:?}"
                );
            }
        }
        for expected in [
            "‘It isn’t,’ her inner self reasoned.",
            "“Sasuke-Kun?” Sakura started.",
            "‘You can’t loose what you never had’ the sharp voice",
            "Anything to avoid looking at the boy’s face.",
        ] {
            assert!(
                fixed.contains(expected),
                "{expected:?} not in the fixed seed"
            );
        }
        let again = fix(
            &fixed,
            &options,
            &Vocabulary::learn(&fixed),
            Applicability::Safe,
        );
        assert_eq!(again.applied, 0, "fixing is not idempotent");
    }

    /// No input makes a quote rule panic or split a character, whatever
    /// the options.
    #[test]
    fn odd_inputs_do_not_panic() {
        let pieces = [
            "\"", "'", "“", "”", "‘", "’", "„", "‚", "\\", "*", "_", " ", "\n", "a", "é", "5", "—",
            ".", ",", "(", "\u{FFFD}", "em", "n", "90s",
        ];
        for typographic_quotes in [false, true] {
            let options = RuleOptions {
                typographic_quotes,
                select: vec!["Q".into()],
                ..RuleOptions::default()
            };
            for text in crate::rules::testing::random_texts(
                &pieces,
                300,
                40,
                0x9E37_79B9 + u64::from(typographic_quotes),
            ) {
                for allowed in [Applicability::Safe, Applicability::Unsafe] {
                    let once = fix(&text, &options, &Vocabulary::default(), allowed);
                    let again = fix(&once.text, &options, &Vocabulary::default(), allowed);
                    assert_eq!(
                        again.applied, 0,
                        "not idempotent on {text:?}: {:?}",
                        once.text
                    );
                }
            }
        }
    }
}
