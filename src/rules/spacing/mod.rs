//! Rules `S`: spacing (trailing whitespace, spaces around punctuation and quotes).
//!
//! Each rule is one file; list it in `RULES`.
//!
//! The rules divide the work so their fixes never undo one another: S003
//! only removes spaces *before* `, . ; : ! ?`, S004 and S005 only insert
//! spaces after a mark glued to a letter (never next to a quote), and
//! quotation marks belong to S006 alone, which decides on which side of a
//! quote a space goes by pairing the quotes of the paragraph.

mod address;
mod honorific_spacing;
mod missing_space_after_comma;
mod missing_space_after_sentence;
mod quote_spacing;
mod repeated_spaces;
mod space_before_punctuation;
mod trailing_whitespace;

use super::Rule;

pub use honorific_spacing::HonorificSpacing;
pub use missing_space_after_comma::MissingSpaceAfterComma;
pub use missing_space_after_sentence::MissingSpaceAfterSentence;
pub use quote_spacing::QuoteSpacing;
pub use repeated_spaces::RepeatedSpaces;
pub use space_before_punctuation::SpaceBeforePunctuation;
pub use trailing_whitespace::TrailingWhitespace;

/// Every rule of this category.
pub static RULES: &[&dyn Rule] = &[
    &TrailingWhitespace,
    &RepeatedSpaces,
    &SpaceBeforePunctuation,
    &MissingSpaceAfterSentence,
    &MissingSpaceAfterComma,
    &QuoteSpacing,
    &HonorificSpacing,
];

#[cfg(test)]
mod tests {
    use crate::rules::engine::{RuleOptions, fix};
    use crate::rules::{Applicability, Vocabulary};

    /// Seed 004's second paragraph: every spacing and punctuation rule at
    /// once, fixed to a fixed point without fighting.
    #[test]
    fn seed_004_dialogue_is_respaced() {
        let text = "The wind blew slightly as they both stared at each other. Sasuke looked at \
            Sakura who has tears running down her cheek. Sakura was too sad to speak, but she \
            didn't want him to go.\" Sasuke! Please don't go! Don't leave me!\" Sakura cried as \
            she clutched her hands together still in sadness. Sasuke looked down and spoke,\" \
            Sakura, you can't make me stay. I still promised myself that I would kill Itachi \
            before I die. I want to make that promise come true. I'm not staying Sakura, no \
            matter what you say. And even after all these times Sakura..\" Sasuke paused at \
            Sakura looked up at him. \"Your still annoying..\" Sakura bolted up a little in \
            disbelief.";
        let options = RuleOptions {
            select: vec!["S".into(), "P".into()],
            ..RuleOptions::default()
        };
        let fixed = fix(
            text,
            &options,
            &Vocabulary::learn(text),
            Applicability::Safe,
        )
        .text;
        // The three repairs the issue names: `go." Sasuke!`, `spoke," Sakura`
        // and `Sakura..`; everything else stays as it was.
        let expected = "The wind blew slightly as they both stared at each other. Sasuke looked at \
            Sakura who has tears running down her cheek. Sakura was too sad to speak, but she \
            didn't want him to go. \"Sasuke! Please don't go! Don't leave me!\" Sakura cried as \
            she clutched her hands together still in sadness. Sasuke looked down and spoke, \
            \"Sakura, you can't make me stay. I still promised myself that I would kill Itachi \
            before I die. I want to make that promise come true. I'm not staying Sakura, no \
            matter what you say. And even after all these times Sakura...\" Sasuke paused at \
            Sakura looked up at him. \"Your still annoying...\" Sakura bolted up a little in \
            disbelief.";
        assert_eq!(fixed, expected);
        let again = fix(
            &fixed,
            &options,
            &Vocabulary::learn(&fixed),
            Applicability::Safe,
        );
        assert_eq!(again.applied, 0, "fixing is not idempotent: {fixed:?}");
    }
}

#[cfg(test)]
mod corpus_tests {
    use crate::rules::testing::assert_no_safe_fixes_on_gutenberg;

    /// Do no harm: the professionally edited Gutenberg novels get no safe
    /// fix from these rules (S001's whitespace-only fixes are allowed; see
    /// tests/it/rules.rs).
    #[test]
    fn gutenberg_novels_get_no_safe_fixes() {
        assert_no_safe_fixes_on_gutenberg(&["S002", "S003", "S004", "S005", "S006", "S007"]);
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
