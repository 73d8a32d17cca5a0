use std::sync::LazyLock;

use regex::Regex;

use crate::declare_rule;
use crate::rules::words::keys::{KEY_LEN, TOPS, ascii_in_range};
use crate::rules::words::text::{Words, key};
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

/// The honorifics of the pattern (and of the look before it).
const HONORIFICS: [&str; 16] = [
    "kun", "chan", "san", "sama", "sensei", "senpai", "sempai", "dono", "nii", "nee", "Kun",
    "Sama", "Sensei", "Senpai", "Sempai", "Dono",
];

/// The honorifics' [`key`]s. Each is three to seven ASCII letters, so its
/// key is all of it, folded (`Kun` and `kun` share one).
const HONORIFIC_KEYS: [u64; HONORIFICS.len()] = {
    let mut keys = [0; HONORIFICS.len()];
    let mut i = 0;
    while i < keys.len() {
        let honorific = HONORIFICS[i].as_bytes();
        assert!(3 <= honorific.len() && honorific.len() < KEY_LEN);
        let mut at = 0;
        while at < honorific.len() {
            assert!(honorific[at].is_ascii_alphabetic());
            at += 1;
        }
        keys[i] = key(HONORIFICS[i]);
        i += 1;
    }
    keys
};

/// Which of 64 bits byte `at` (0 for the first) of `key` sets in a
/// [`letters_at`] set: the byte's low six bits, which tell the 26
/// lower-case ASCII letters apart (any byte may share a letter's bit).
const fn letter_bit(key: u64, at: u32) -> u64 {
    1 << ((key >> (8 * at)) & 63)
}

/// The [`letter_bit`]s of the honorifics' letter `at`: one shift and test
/// of a word's key turns away most words that cannot be one. In prose one
/// word in six has a first letter among the honorifics', one in twenty
/// its third letter too.
const fn letters_at(at: u32) -> u64 {
    let mut bits = 0;
    let mut i = 0;
    while i < HONORIFIC_KEYS.len() {
        bits |= letter_bit(HONORIFIC_KEYS[i], at);
        i += 1;
    }
    bits
}

const FIRST_LETTERS: u64 = letters_at(0);
const THIRD_LETTERS: u64 = letters_at(2);

/// Whether the paragraph has a word that starts with an honorific, written
/// as the pattern writes it, followed by anything but an ASCII letter, and
/// with a space, tab or line break before it: a superset of where the
/// pattern matches. Found from the keys of the words the paragraph is cut
/// into anyway (a few instructions a word), not by searching the text for
/// honorifics, which are mostly inside English words (`san` in
/// `thousand`, `chan` in `change`) and each needed a closer look.
///
/// Why a superset: where the pattern matches, an honorific `h` (ASCII
/// letters) starts at byte `p` right after a space, tab or line break,
/// and no word character follows it (`\b`). The words ([`Words`]) are
/// runs of letters and digits joined by `'`, `’` or `-` before a letter or
/// digit, and whitespace is never inside one, so a word starts at `p`.
/// Its key begins with `h` folded, and the key's byte after `h` is:
/// * 0 when the word ends with `h`: at the paragraph's end, whitespace,
///   punctuation, `_` (a word character to the pattern, which then does
///   not match, but not to the words), a `'`, `’` or `-` with no letter or
///   digit after it, or any other character that is no letter or digit to
///   the words (most combining marks: word characters to the pattern, so
///   no match);
/// * `'` or `-` when the word goes on past one (`kun's`, `nii-san`; keys
///   fold `’` to `'`);
/// * 0x80 or more when the word goes on with a non-ASCII letter or
///   number: one that is no word character to the pattern (`²`, `½`) may
///   end a match; after a letter, digit or mark there is no match, but the
///   word passes all the same.
///
/// Never an ASCII letter or digit: those are word characters to the
/// pattern. So the key's leading lower-case ASCII letters are exactly `h`
/// folded: its first and third letters are among [`FIRST_LETTERS`] and
/// [`THIRD_LETTERS`], and those letters are one of [`HONORIFIC_KEYS`]. The
/// word's first `h.len()` bytes are `h` as the pattern (case-sensitive)
/// matched it, and the byte before `p` is a space, tab or line break. The
/// name before the gap is left to the pattern. A paragraph of 4 GiB or
/// more is cut into words only up to there ([`Words::new`]): the pattern
/// looks at all of it.
fn may_have_spaced_honorific(text: &str, words: &Words<'_>) -> bool {
    if u32::try_from(text.len()).is_err() {
        return true;
    }
    let bytes = text.as_bytes();
    words.iter().any(|word| {
        let key = word.key();
        if FIRST_LETTERS & letter_bit(key, 0) == 0 || THIRD_LETTERS & letter_bit(key, 2) == 0 {
            return false;
        }
        let letters = leading_letters(key);
        if !HONORIFIC_KEYS.contains(&(key & letters)) {
            return false;
        }
        let start = word.range().start;
        let end = start + letters.count_ones() as usize / 8;
        start
            .checked_sub(1)
            .is_some_and(|before| matches!(bytes[before], b' ' | b'\t' | b'\n'))
            && text
                .get(start..end)
                .is_some_and(|h| HONORIFICS.contains(&h))
    })
}

/// The mask of the bytes of `key` before its first byte that is not a
/// lower-case ASCII letter (all of it if there is none), eight bytes at a
/// time: a byte is such a letter when its top bit is clear and its low
/// seven bits are in `a..=z`, and the per-byte sums below never carry
/// into the next byte.
const fn leading_letters(key: u64) -> u64 {
    let others = !ascii_in_range(key, b'a', b'z') & TOPS;
    // The lowest top bit of a non-letter, bit 8n + 7 of byte n, becomes
    // the mask of the n bytes below it.
    ((others & others.wrapping_neg()) >> 7).wrapping_sub(1)
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
        if !may_have_spaced_honorific(text, paragraph.words()) {
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
    use aho_corasick::{AhoCorasick, MatchKind};
    use proptest::collection::vec;
    use proptest::prelude::*;
    use proptest::sample::select;
    use proptest::test_runner::{Config, RngSeed, TestRunner};

    use super::{HONORIFICS, HonorificSpacing, SPACED_HONORIFIC, may_have_spaced_honorific};
    use crate::rules::testing::{assert_fixes, assert_no_diagnostics, assert_reported_not_fixed};
    use crate::rules::words::text::Words;

    /// The first look before the one by word keys: a search of the text
    /// for the honorifics, each found checked for a space, tab or line
    /// break before it and no ASCII letter, digit or `_` after it.
    fn searched_first_look(text: &str) -> bool {
        let honorifics = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostFirst)
            .build(HONORIFICS)
            .unwrap();
        let bytes = text.as_bytes();
        honorifics.find_iter(bytes).any(|found| {
            found.start() > 0
                && matches!(bytes[found.start() - 1], b' ' | b'\t' | b'\n')
                && bytes
                    .get(found.end())
                    .is_none_or(|&b| !b.is_ascii_alphanumeric() && b != b'_')
        })
    }

    fn first_look(text: &str) -> bool {
        may_have_spaced_honorific(text, &Words::new(text))
    }

    /// What each of a paragraph's pieces is made of: something before a
    /// name, the name, a gap (mostly spaces), an honorific (mostly) or a
    /// word like one, and what follows it; every case of the superset
    /// argument, and its near misses.
    #[rustfmt::skip]
    const BEFORE: &[&str] = &["", " ", "\n", "x", "\"", "“", "-", "_", "'", "é", "2"];
    #[rustfmt::skip]
    const NAMES: &[&str] = &[
        "Sasuke", "Ann", "Ab", "A", "sasuke", "SASUKE", "Émile", "Ölaf", "Ǆa", "Σοφία", "x", "",
        "Naruto's", "Uchiha-Sasuke", "Sa2", "Ab\u{301}",
    ];
    const SPACES: &[&str] = &[" ", "\t", "\n", " \t\n ", "  "];
    const OTHER_GAPS: &[&str] = &["", "-", "_", "\u{a0}", "\r", ". ", "\u{2003}"];
    #[rustfmt::skip]
    const LOOKALIKES: &[&str] = &[
        "KUN", "San", "Chan", "Nee", "sAma", "kunai", "sand", "thousand", "need", "change",
        "sensible", "donor", "sa", "ku", "nii2",
    ];
    #[rustfmt::skip]
    const AFTER: &[&str] = &[
        "", " ", "\n", ".", ",", "!", "\"", "”", "…", "—", ")", "'", "’", "-", "'s", "’s", "-san",
        "-", "--", "_", "s", "x", "2", "²", "½", "\u{301}", "é", "ö", "日", "\u{200d}", "ª",
    ];

    /// The first look never says no where the pattern matches, and says
    /// yes wherever the search before it did (and more often only where
    /// `_` or a digit follows the honorific: no match there either).
    #[test]
    fn first_look_finds_every_match() {
        let piece = (
            select(BEFORE),
            select(NAMES),
            prop_oneof![3 => select(SPACES), 1 => select(OTHER_GAPS)],
            prop_oneof![3 => select(&HONORIFICS[..]), 1 => select(LOOKALIKES)],
            select(AFTER),
        )
            .prop_map(|(a, b, c, d, e)| [a, b, c, d, e].concat());
        let paragraph = vec(piece, 1..5).prop_map(|pieces| pieces.concat());
        let mut config = Config::with_cases(4000);
        config.rng_seed = RngSeed::Fixed(0x5007);
        config.failure_persistence = None;
        let matched = std::sync::atomic::AtomicU32::new(0);
        TestRunner::new(config)
            .run(&paragraph, |text| {
                let matches = SPACED_HONORIFIC.is_match(&text);
                let searched = searched_first_look(&text);
                let looked = first_look(&text);
                prop_assert!(!matches || searched, "search missed a match: {text:?}");
                prop_assert!(!matches || looked, "first look missed a match: {text:?}");
                prop_assert!(!searched || looked, "first look says less: {text:?}");
                if matches {
                    matched.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                }
                Ok(())
            })
            .unwrap();
        // The generator makes matches often enough to try every case.
        let matched = matched.into_inner();
        assert!(matched > 800, "only {matched} of 4000 paragraphs match");
    }

    #[test]
    fn first_look_cases() {
        // A number that is no digit ends the honorific for the pattern,
        // not for the words: `kun²` is one word.
        for text in [
            "Sasuke kun²",
            "Sasuke kun",
            "Sasuke\tkun's",
            "Sasuke\nkun’s bag",
            "Ann sama-",
            "Ann nii-san",
            "Émile Sensei.",
        ] {
            assert!(SPACED_HONORIFIC.is_match(text), "{text:?}");
            assert!(first_look(text), "{text:?}");
        }
        // Inside a word, after punctuation, before a letter, in another
        // case than the pattern's: no look at the pattern.
        for text in [
            "a thousand needs change",
            "Sasuke (kun)",
            "Sasuke kunai",
            "Sasuke KUN",
            "San Francisco",
        ] {
            assert!(!first_look(text), "{text:?}");
        }
    }

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
