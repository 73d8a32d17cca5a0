//! Fix rules: typo, spacing, punctuation and quote rules with stable codes.
//!
//! A rule is one file: its documentation (what it catches, why, an example,
//! why its fix is safe or unsafe), its check, and its tests. Rules only
//! *report*: each returns [`Diagnostic`]s with an optional [`Fix`] (edits
//! plus an [`Applicability`]); the [`engine`] applies non-overlapping safe
//! edits and re-runs the rules until nothing changes, so cleaning is
//! idempotent.
//!
//! Codes are stable forever and grouped by category letter: `S` spacing,
//! `P` punctuation, `Q` quotes, `C` capitalisation, `W` confused words, `A`
//! apostrophes, `M` misspellings. The `E` codes of decoding live in
//! [`crate::decode`].
//!
//! Rules see one paragraph at a time, as it is in the decoded text (hard
//! wraps and runs of spaces included), through a [`Paragraph`] that also
//! says whether it is an author's note and which words are protected
//! (names learned from the story, the fandom vocabulary, dialect).

pub mod engine;
#[cfg(test)]
pub mod testing;
pub mod vocabulary;

pub mod apostrophes;
pub mod capitalization;
pub mod misspellings;
pub mod punctuation;
pub mod quotes;
pub mod spacing;
pub mod words;

use std::ops::Range;

use serde::Serialize;

pub use engine::{RuleOptions, Style};
pub use vocabulary::Vocabulary;

/// Whether a fix may be applied without asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Applicability {
    /// Right essentially every time: applied by `clean` and `convert`.
    Safe,
    /// Usually right, but a human should look: only with `--unsafe-fixes`.
    Unsafe,
}

/// One replacement of a byte range of the paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    /// Byte range in the paragraph text (the engine makes it absolute).
    pub range: Range<usize>,
    /// What goes there instead.
    pub replacement: String,
}

/// A set of edits applied together, and how safe they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub edits: Vec<Edit>,
    pub applicability: Applicability,
}

impl Fix {
    /// A safe fix replacing `range` with `replacement`.
    pub fn safe(range: Range<usize>, replacement: impl Into<String>) -> Fix {
        Fix {
            edits: vec![Edit {
                range,
                replacement: replacement.into(),
            }],
            applicability: Applicability::Safe,
        }
    }

    /// An unsafe fix replacing `range` with `replacement`.
    pub fn unsafe_(range: Range<usize>, replacement: impl Into<String>) -> Fix {
        Fix {
            applicability: Applicability::Unsafe,
            ..Fix::safe(range, replacement)
        }
    }
}

/// A problem a rule found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The rule's code, e.g. `S003`.
    pub code: &'static str,
    /// What is wrong, in one line, naming the text (`` `your still` → `you're still` ``).
    pub message: String,
    /// Byte range of the problem in the paragraph (absolute once the engine returns it).
    pub range: Range<usize>,
    /// How to fix it, when a fix is known.
    pub fix: Option<Fix>,
}

/// What a rule looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Typography: runs on every paragraph, author's notes included.
    Typography,
    /// Words: never runs inside author's notes, marker lines or headings,
    /// where the author's own voice and markers are not ours to correct.
    Words,
}

/// A rule's identity and documentation.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable code: category letter and number, `W001`.
    pub code: &'static str,
    /// Kebab-case name, `your-youre`.
    pub name: &'static str,
    /// Markdown documentation: what it does, why, example, fix safety.
    pub doc: &'static str,
    pub scope: Scope,
}

impl RuleMeta {
    /// The first paragraph of the documentation, on one line.
    pub fn summary(&self) -> String {
        self.doc
            .lines()
            .map(str::trim)
            .skip_while(|line| line.is_empty())
            .take_while(|line| !line.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// A paragraph as a rule sees it.
#[derive(Debug, Clone)]
pub struct Paragraph<'a> {
    /// The paragraph's text as in the decoded document (may span lines).
    pub text: &'a str,
    /// Whether it is (part of) an author's note.
    pub in_note: bool,
    /// Protected words: names, fandom terms, dialect.
    pub vocabulary: &'a Vocabulary,
    /// Style choices (quote, ellipsis and dash style).
    pub options: &'a RuleOptions,
    /// The paragraph cut into words, made once for all the word rules.
    words: std::cell::OnceCell<words::text::Words<'a>>,
}

impl<'a> Paragraph<'a> {
    pub fn new(
        text: &'a str,
        in_note: bool,
        vocabulary: &'a Vocabulary,
        options: &'a RuleOptions,
    ) -> Paragraph<'a> {
        Paragraph {
            text,
            in_note,
            vocabulary,
            options,
            words: std::cell::OnceCell::new(),
        }
    }

    /// The paragraph's words (computed on first use, shared by every rule).
    pub fn words(&self) -> &words::text::Words<'a> {
        self.words
            .get_or_init(|| words::text::Words::new(self.text))
    }

    /// The words rules start from, found as the paragraph's words are cut
    /// (shared by every rule).
    pub fn word_index(&self) -> &words::index::WordIndex {
        self.words().index()
    }

    /// The indexes of the words that are `target`, in order, as
    /// [`Words::each`](words::text::Words::each) finds them but without a
    /// pass over every word: a rule that starts from one word visits only
    /// its hits.
    #[inline]
    pub fn each<'s>(&'s self, target: &'s str) -> words::index::Each<'s, 'a> {
        self.word_index().each(self.words(), target)
    }
}

/// A check over one paragraph.
pub trait Rule: Sync {
    /// The rule's code, name and documentation.
    fn meta(&self) -> &'static RuleMeta;
    /// Report problems in `paragraph` into `out`, with ranges relative to it.
    fn check(&self, paragraph: &Paragraph<'_>, out: &mut Vec<Diagnostic>);
}

/// Every rule, sorted by code. `ficpress rules` lists this.
pub fn all() -> Vec<&'static dyn Rule> {
    let mut rules: Vec<&'static dyn Rule> = [
        spacing::RULES,
        punctuation::RULES,
        quotes::RULES,
        capitalization::RULES,
        words::RULES,
        apostrophes::RULES,
        misspellings::RULES,
    ]
    .concat();
    rules.sort_by_key(|rule| rule.meta().code);
    rules
}

/// The rule with this code, if any.
pub fn by_code(code: &str) -> Option<&'static dyn Rule> {
    all()
        .into_iter()
        .find(|rule| rule.meta().code.eq_ignore_ascii_case(code))
}

/// Declare a rule's metadata from its doc comment, so `ficpress rules CODE`
/// prints exactly what the source says:
///
/// ```ignore
/// declare_rule! {
///     /// Trailing whitespace.
///     /// ...
///     pub TrailingWhitespace, META = ("S001", "trailing-whitespace", Typography)
/// }
/// ```
#[macro_export]
macro_rules! declare_rule {
    ($(#[doc = $doc:literal])* pub $name:ident, META = ($code:literal, $slug:literal, $scope:ident)) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, Default)]
        pub struct $name;

        impl $name {
            /// This rule's code, name and documentation.
            pub const META: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
                code: $code,
                name: $slug,
                doc: concat!($($doc, "\n"),*),
                scope: $crate::rules::Scope::$scope,
            };
        }
    };
}

#[cfg(test)]
mod tests {
    use super::all;

    #[test]
    fn codes_are_unique_sorted_and_documented() {
        let rules = all();
        for pair in rules.windows(2) {
            assert!(
                pair[0].meta().code < pair[1].meta().code,
                "{} / {}",
                pair[0].meta().code,
                pair[1].meta().code
            );
        }
        for rule in &rules {
            let meta = rule.meta();
            assert!(
                meta.code.len() == 4 && "SPQCWAM".contains(&meta.code[..1]),
                "{}",
                meta.code
            );
            assert!(
                meta.doc.len() > 80,
                "{} has too little documentation",
                meta.code
            );
            assert!(!meta.name.contains(' '), "{}", meta.name);
        }
    }
}
