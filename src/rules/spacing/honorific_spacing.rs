use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;

use crate::declare_rule;
use crate::rules::{Diagnostic, Fix, Paragraph, Rule, RuleMeta};

declare_rule! {
    /// Honorific spacing: a Japanese honorific written as a separate word
    /// after a name (`Sasuke kun`) instead of joined by a hyphen.
    ///
    /// ## Why
    /// English-language fan fiction joins honorifics to the name
    /// (`Sasuke-kun`, `Tsunade-sama`); spaced, the honorific reads as a
    /// stray word and a line break can separate it from its name.
    ///
    /// ## Example
    /// `Sasuke kun, Tsunade sama wants you.` → `Sasuke-kun, Tsunade-sama wants you.`
    ///
    /// Honorifics: `-kun -chan -san -sama -sensei -senpai -sempai -dono -nii
    /// -nee`, after a capitalised word and followed by the end of the word
    /// (`Itachi nii-san` and `Naruto's sensei` are left alone).
    ///
    /// ## Fix safety
    /// Safe for `kun`, `chan`, `sama` and `dono`, which are not English
    /// words, and for `san`, `sensei`, `senpai` and `sempai` after a name
    /// learned from the story and not before a capital (`Or san Michele` is
    /// a church in Florence). Unsafe otherwise: `sensei` is also an English
    /// noun, `nee` is English (`Mary Smith nee Jones`), and a capitalised
    /// honorific after a name (`Kakashi Sensei`) may be the writer's chosen
    /// title style. `San` and `Chan` with a capital are not reported: `San
    /// Francisco`, `Jackie Chan`.
    pub HonorificSpacing, META = ("S007", "honorific-spacing", Words)
}

/// A capitalised word, spaces, tabs or a line break, an honorific as a whole
/// word. Any such gap, not just one space: the splitter turns it into one
/// space, and a fix that only `clean`'s output would trigger makes cleaning
/// twice differ from cleaning once.
static SPACED_HONORIFIC: LazyLock<Regex> = LazyLock::new(|| {
    let honorifics = HONORIFICS.join("|");
    Regex::new(&format!(r"\b(\p{{Lu}}\p{{Ll}}+)[ \t\n]+({honorifics})\b"))
        .expect("valid honorific pattern")
});

/// The honorifics of the pattern (and of the search before it).
const HONORIFICS: [&str; 16] = [
    "kun", "chan", "san", "sama", "sensei", "senpai", "sempai", "dono", "nii", "nee", "Kun",
    "Sama", "Sensei", "Senpai", "Sempai", "Dono",
];

/// The honorifics, for one SIMD search that rules out most paragraphs
/// before the pattern (slow with its Unicode classes) runs. No honorific
/// starts another, and a space comes before each one the pattern matches,
/// so no earlier match can hide it from the search.
static HONORIFIC_WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build(HONORIFICS)
        .expect("valid honorific list")
});

/// Whether an honorific follows a space, tab or line break and ends its
/// word (as far as one byte tells): where the pattern may match.
fn may_have_spaced_honorific(text: &str) -> bool {
    let bytes = text.as_bytes();
    HONORIFIC_WORDS.find_iter(bytes).any(|found| {
        found.start() > 0
            && matches!(bytes[found.start() - 1], b' ' | b'\t' | b'\n')
            && bytes
                .get(found.end())
                .is_none_or(|&b| !b.is_ascii_alphanumeric() && b != b'_')
    })
}

/// Whether `rest` goes on, after spaces, with a capital: `Or san
/// Michele`, `Piazza san Marco` are places, whatever the story taught of
/// `Or` (an honorific is followed by punctuation or a lower-case word).
fn before_capital(rest: &str) -> bool {
    rest.trim_start_matches([' ', '\t', '\n'])
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
}

impl Rule for HonorificSpacing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, paragraph: &Paragraph<'_>, out: &mut Vec<Diagnostic>) {
        let text = paragraph.text;
        if !may_have_spaced_honorific(text) {
            return;
        }
        for captures in SPACED_HONORIFIC.captures_iter(text) {
            let (Some(name), Some(honorific)) = (captures.get(1), captures.get(2)) else {
                continue;
            };
            // `Itachi nii-san`, `Sasuke kun's`: the word goes on; only a
            // hyphen would show whether it belongs to the honorific.
            if text[honorific.end()..].starts_with('-') {
                continue;
            }
            let learned = paragraph.vocabulary.is_name(name.as_str());
            let certain = match honorific.as_str() {
                "kun" | "chan" | "sama" | "dono" => true,
                "san" | "sensei" | "senpai" | "sempai" => {
                    learned && !before_capital(&text[honorific.end()..])
                }
                "nii" | "nee" => false,
                // Capitalised: only after a learned name, never safe.
                _ if learned => false,
                _ => continue,
            };
            let space = name.end()..honorific.start();
            let fix = if certain {
                Fix::safe(space.clone(), "-")
            } else {
                Fix::unsafe_(space.clone(), "-")
            };
            out.push(Diagnostic {
                code: Self::META.code,
                message: format!(
                    "`{} {}` → `{}-{}`",
                    name.as_str(),
                    honorific.as_str(),
                    name.as_str(),
                    honorific.as_str()
                ),
                range: name.start()..honorific.end(),
                fix: Some(fix),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::HonorificSpacing;
    use crate::rules::testing::{assert_fixes, assert_no_diagnostics, assert_reported_not_fixed};

    #[test]
    fn joins_honorifics_to_names() {
        assert_fixes(
            &HonorificSpacing,
            "Sasuke kun, Tsunade sama wants you. Hinata chan's bag.",
            "Sasuke-kun, Tsunade-sama wants you. Hinata-chan's bag.",
        );
        // Kakashi is learned: seen twice mid-sentence.
        assert_fixes(
            &HonorificSpacing,
            "Ask Kakashi sensei now. Then Kakashi left.",
            "Ask Kakashi-sensei now. Then Kakashi left.",
        );
    }

    #[test]
    fn joins_across_tabs_and_line_breaks() {
        assert_fixes(
            &HonorificSpacing,
            "Sasuke\tkun left. Then Tsunade \t sama\nsaid no.",
            "Sasuke-kun left. Then Tsunade-sama\nsaid no.",
        );
        assert_fixes(
            &HonorificSpacing,
            "And Sakura\nkun ran.",
            "And Sakura-kun ran.",
        );
    }

    #[test]
    fn risky_honorifics_are_not_fixed_safely() {
        assert_reported_not_fixed(&HonorificSpacing, "Ask Gai sensei now.");
        assert_reported_not_fixed(&HonorificSpacing, "Mary Smith nee Jones came.");
        // `Or`, learned as a name from titles (`Frankenstein; Or, The
        // Modern Prometheus`), before an Italian place name.
        assert_reported_not_fixed(
            &HonorificSpacing,
            "Dracula; Or, The Count. Moby Dick; Or, The Whale. Guido in Or san Michele.",
        );
        assert_reported_not_fixed(
            &HonorificSpacing,
            "Hi Kakashi Sensei. I saw Kakashi and Kakashi saw me.",
        );
    }

    #[test]
    fn leaves_joined_possessive_and_place_names() {
        for text in [
            "Sasuke-kun and Tsunade-sama",
            "Itachi nii-san came.",
            "Naruto's sensei came.",
            "She went to San Francisco with Jackie Chan.",
            "my sensei said kun",
            "Sasuke kunai",
        ] {
            assert_no_diagnostics(&HonorificSpacing, text);
        }
    }
}
