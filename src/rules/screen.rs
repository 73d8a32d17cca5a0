//! Screens: the engine's cheap first look at a paragraph, which tells it
//! which rules cannot find anything there.
//!
//! Nearly every paragraph of real prose is clean (in a Gutenberg novel,
//! fewer than one in a hundred has anything to report), yet running every
//! rule on it costs a pass per rule and cutting it into words. So each
//! rule states, as its [`Rule::screen`], something every paragraph it
//! reports anything in contains: a byte pattern (`your` before a word, a
//! quotation mark, two spaces) or, where a pattern cannot say it cheaply,
//! a test in code. All the patterns of all the rules run as one
//! [`RegexSet`], one pass over the paragraph; the engine then runs only
//! the rules whose screen passed, and skips the paragraph when none did.
//!
//! A screen only saves time: it must pass on every paragraph its rule
//! would report in, and may pass on many more. Two checks hold every
//! screen to that: the rule test helpers ([`crate::rules::testing`])
//! assert that each rule's screen passes wherever the rule reported, and
//! in debug builds the engine runs each screened-out rule anyway and
//! panics if it finds something.

use std::sync::LazyLock;

use regex::bytes::{RegexSet, RegexSetBuilder};

use super::Rule;

/// What a paragraph must contain for a rule to find anything in it.
#[derive(Debug, Clone, Copy)]
pub enum Screen {
    /// No cheap test: the rule looks at every paragraph.
    Always,
    /// A pattern that matches somewhere in every paragraph the rule reports
    /// anything in. Regex syntax over bytes with Unicode off: `(?i)` folds
    /// ASCII only, `[^a-z]` and `.` match any byte (including each byte of
    /// a non-ASCII character), and a curly quote is written as its UTF-8
    /// bytes (`\xE2\x80\x9C`). Keep it simple (no long counted
    /// repetitions): every rule's pattern shares one automaton.
    Pattern(&'static str),
    /// One of these words, whole, in any ASCII case: `&["your"]` passes
    /// `Your still`, `YOUR`, `"your` but not `yours` or `tyour`. An
    /// apostrophe in a word also matches `’` (`it's`, `it’s`). The words'
    /// neighbours are any byte but an ASCII letter or digit, so a word
    /// glued to a non-ASCII letter (`éyour`) passes too: looser than
    /// [`Words`](crate::rules::words::text::Words), never stricter.
    Words(&'static [&'static str]),
    /// A test in code, true for every paragraph the rule reports anything
    /// in: for what a pattern cannot say cheaply (a table of 64,000
    /// misspellings).
    Test(fn(&str) -> bool),
}

/// How the engine screens one rule.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Screened {
    Always,
    /// Its pattern's index in [`Patterns::set`].
    Pattern(usize),
    Test(fn(&str) -> bool),
}

/// Every rule's pattern, compiled once per process into one set.
struct Patterns {
    set: RegexSet,
    /// By rule code, the index of its pattern in `set`.
    index: Vec<(&'static str, usize)>,
}

static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| {
    let mut sources = Vec::new();
    let mut index = Vec::new();
    for rule in super::all() {
        if let Some(pattern) = pattern(rule.screen()) {
            index.push((rule.meta().code, sources.len()));
            sources.push(pattern);
        }
    }
    Patterns {
        set: build(&sources).expect("every rule's screen is a valid pattern"),
        index,
    }
});

/// The pattern a screen runs, if it is one.
pub fn pattern(screen: Screen) -> Option<String> {
    match screen {
        Screen::Always | Screen::Test(_) => None,
        Screen::Pattern(pattern) => Some(pattern.to_string()),
        Screen::Words(words) => {
            let alternatives: Vec<String> = words
                .iter()
                .map(|word| regex::escape(word).replace('\'', r"(?:'|\xE2\x80\x99)"))
                .collect();
            Some(format!(
                r"(?i)(?:^|[^0-9A-Za-z])(?:{})(?:[^0-9A-Za-z]|$)",
                alternatives.join("|")
            ))
        }
    }
}

fn build(patterns: &[String]) -> Result<RegexSet, regex::Error> {
    RegexSetBuilder::new(patterns)
        .unicode(false)
        // The automaton of every pattern together is larger than a single
        // regex's; give it room so it does not fall back to a slow search.
        .dfa_size_limit(16 << 20)
        .build()
}

/// How the engine screens `rule`.
pub(crate) fn screened(rule: &dyn Rule) -> Screened {
    match rule.screen() {
        Screen::Always => Screened::Always,
        Screen::Test(test) => Screened::Test(test),
        Screen::Pattern(_) | Screen::Words(_) => {
            let code = rule.meta().code;
            let patterns = &*PATTERNS;
            patterns
                .index
                .iter()
                .find(|(c, _)| *c == code)
                .map_or(Screened::Always, |&(_, i)| Screened::Pattern(i))
        }
    }
}

/// Which rules' patterns match somewhere in one paragraph, found in one
/// pass over it.
pub(crate) struct Matches(Option<regex::bytes::SetMatches>);

impl Matches {
    /// Run every pattern over `text`, if any rule in `rules` has one.
    pub(crate) fn of(text: &str, rules: impl IntoIterator<Item = Screened>) -> Matches {
        let needed = rules.into_iter().any(|s| matches!(s, Screened::Pattern(_)));
        Matches(needed.then(|| PATTERNS.set.matches(text.as_bytes())))
    }

    /// Whether a rule screened as `screened` may find something in `text`
    /// (the paragraph these matches are of).
    pub(crate) fn passes(&self, screened: Screened, text: &str) -> bool {
        match screened {
            Screened::Always => true,
            Screened::Test(test) => test(text),
            Screened::Pattern(i) => self.0.as_ref().is_none_or(|m| m.matched(i)),
        }
    }
}

/// Whether `rule`'s screen passes on `text`: what the engine would ask,
/// for tests that hold a screen to its rule.
pub fn passes(rule: &dyn Rule, text: &str) -> bool {
    match (rule.screen(), pattern(rule.screen())) {
        (Screen::Test(test), _) => test(text),
        (_, Some(pattern)) => build(&[pattern])
            .expect("a rule's screen is a valid pattern")
            .is_match(text.as_bytes()),
        (_, None) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::{PATTERNS, Screen, passes, pattern};
    use crate::rules::all;

    #[test]
    fn every_pattern_compiles_into_the_set() {
        let expected = all()
            .iter()
            .filter(|rule| pattern(rule.screen()).is_some())
            .count();
        assert_eq!(PATTERNS.index.len(), expected);
        assert_eq!(PATTERNS.set.len(), expected);
    }

    #[test]
    fn patterns_see_bytes_and_fold_ascii_only() {
        struct Curly;
        impl crate::rules::Rule for Curly {
            fn meta(&self) -> &'static crate::rules::RuleMeta {
                &crate::rules::spacing::TrailingWhitespace::META
            }
            fn check(
                &self,
                _: &crate::rules::Paragraph<'_>,
                _: &mut Vec<crate::rules::Diagnostic>,
            ) {
            }
            fn screen(&self) -> Screen {
                Screen::Pattern(r"(?i)[^a-z]k\xE2\x80\x9C")
            }
        }
        assert!(passes(&Curly, "an ék“"));
        assert!(passes(&Curly, " K“"));
        // The Kelvin sign is no `k` with Unicode off.
        assert!(!passes(&Curly, " \u{212A}“"));
    }

    #[test]
    fn words_are_whole_in_any_case_with_either_apostrophe() {
        let regex = |screen| {
            regex::bytes::RegexBuilder::new(&pattern(screen).unwrap())
                .unicode(false)
                .build()
                .unwrap()
        };
        let your = regex(Screen::Words(&["your", "it's"]));
        for text in ["Your still", "YOUR", "\"your", "x\nyour\n", "It’s", "it's"] {
            assert!(your.is_match(text.as_bytes()), "{text}");
        }
        for text in ["yours", "tyour", "its", "it4s", "you r"] {
            assert!(!your.is_match(text.as_bytes()), "{text}");
        }
    }
}
