use std::sync::LazyLock;

use crate::declare_rule;
use crate::rules::words::text::{
    KeyMap, Words, is_lowercase, key, same_word, suggestion, with_case_of,
};
use crate::rules::{Applicability, Diagnostic, Paragraph, Rule, RuleMeta};

declare_rule! {
    /// Eggcorns: misheard idioms such as `for all intensive purposes`.
    ///
    /// ## Why
    /// A misheard idiom reads as a joke the writer did not mean. Each
    /// phrase is listed whole, so the single words (`peak`, `butt`, `bare`)
    /// are never touched on their own.
    ///
    /// ## Example
    /// `for all intensive purposes` → `for all intents and purposes`;
    /// `it peaked my interest` → `it piqued my interest`;
    /// `bare with me` → `bear with me`.
    ///
    /// ## Fix safety
    /// Safe for phrases with no literal reading (`wreck havoc`, `deep
    /// seeded`, `baited breath`, `nip it in the butt`); `one in the same`
    /// and `case and point` only before punctuation (`one in the same room`
    /// is literal). Unsafe where a literal reading exists (`tow the line`,
    /// `tongue and cheek`, `free reign`, `piece of mind` for `a piece of my
    /// mind`, `a viscous circle of oil`) or the variant is merely informal
    /// (`all of the sudden`). Some are safe only in context, unsafe
    /// elsewhere: `by in large` before punctuation (`came by in large
    /// numbers`); `didn't phase him` not before `through`, `into`, `out`...
    /// (`don't phase me through the floor`);
    /// `take a peak at` before a pronoun (`take a peak at dawn` may be a
    /// climb); `peak my interest` not after a determiner or `at` (`At its
    /// peak her interest waned`), `peak the interest` never (`At its peak
    /// the interest rate...`); `worse case scenario` not after `a`, `an`,
    /// `even`, `much`... (`a worse case scenario than this` compares).
    /// `could care less` is reported only: it is an idiom in its own right.
    pub Eggcorns, META = ("W012", "eggcorns", Words)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Certainty {
    Safe,
    Unsafe,
    ReportOnly,
}

/// Where a phrase of the table counts, and how sure its fix is there.
#[derive(Debug, Clone, Copy)]
enum Context {
    /// Anywhere, with the entry's certainty.
    Any,
    /// Only before punctuation (`one in the same room` is literal).
    ClauseEnd,
    /// Anywhere, but a safe entry is unsafe unless punctuation follows.
    SafeAtClauseEnd,
    /// Anywhere, but a safe entry is unsafe after one of these words.
    UnsafeAfter(&'static [&'static str]),
    /// Anywhere, but a safe entry is unsafe before one of these words.
    UnsafeBefore(&'static [&'static str]),
    /// Anywhere, but a safe entry is unsafe unless one of these follows.
    SafeBefore(&'static [&'static str]),
}
use Context::{Any, ClauseEnd, SafeAtClauseEnd, SafeBefore, UnsafeAfter, UnsafeBefore};

/// Before `peak`, words that make it the noun (`at its peak`).
#[rustfmt::skip]
const NOUN_CUES: &[&str] = &[
    "the", "a", "its", "his", "her", "their", "our", "my", "your", "at", "of", "from", "past",
    "reached", "reach", "hit", "near",
];
/// Before `worse case scenario`, words that make `worse` a comparison (`a
/// worse case scenario than this`, `an even worse case scenario`).
const COMPARED_CUES: &[&str] = &["a", "an", "even", "much", "far", "still", "any", "no"];

/// The table: words separated by spaces, alternatives by `|`, `>` gives an
/// alternative's replacement (`_` for a space; empty drops the word).
/// The context says where the phrase counts and how sure the fix is there.
const TABLE: &[(&str, Certainty, Context)] = &[
    ("could>couldn't care less", Certainty::ReportOnly, Any),
    (
        "for all intensive>intents_and|intense>intents_and purposes",
        Certainty::Safe,
        Any,
    ),
    ("one in>and the same", Certainty::Safe, ClauseEnd),
    ("deep>deep-seated seeded>", Certainty::Safe, Any),
    ("case and>in point", Certainty::Safe, ClauseEnd),
    (
        "nip|nipped|nipping|nips it|this|that in the butt>bud",
        Certainty::Safe,
        Any,
    ),
    ("payed>paid attention", Certainty::Safe, Any),
    // Archaic "belike" (perhaps) never follows a modal: `would belike this`.
    (
        "would|will|could|should|might|must|to belike>be_like",
        Certainty::Safe,
        Any,
    ),
    (
        "wreck>wreak|wrecked>wreaked|wrecking>wreaking|wrecks>wreaks havoc",
        Certainty::Safe,
        Any,
    ),
    // `At its peak her interest waned`: the noun after a determiner.
    (
        "peak>pique|peaked>piqued|peaks>piques|peaking>piquing my|his|her|your|their|our interest|curiosity",
        Certainty::Safe,
        UnsafeAfter(NOUN_CUES),
    ),
    (
        "peak>pique|peaked>piqued|peaks>piques|peaking>piquing the curiosity",
        Certainty::Safe,
        UnsafeAfter(NOUN_CUES),
    ),
    // `At its peak the interest rate`, `As prices peaked the interest rate`.
    (
        "peak>pique|peaked>piqued|peaks>piques|peaking>piquing the interest",
        Certainty::Unsafe,
        Any,
    ),
    ("baited>bated breath", Certainty::Safe, Any),
    ("mute>moot point", Certainty::Safe, Any),
    ("sneak peak>peek|peaks>peeks", Certainty::Safe, Any),
    ("sneak|sneaked|snuck a peak>peek at", Certainty::Safe, Any),
    // A climber may `take a peak at dawn`; nobody climbs a pronoun.
    (
        "take|took|taking|takes a peak>peek at",
        Certainty::Safe,
        SafeBefore(&[
            "me", "him", "her", "it", "them", "us", "you", "myself", "himself", "herself",
        ]),
    ),
    ("make|made|making due>do with", Certainty::Safe, Any),
    ("statue>statute of limitations", Certainty::Safe, Any),
    ("on tender>tenterhooks hooks>", Certainty::Safe, Any),
    ("all of the>a sudden", Certainty::Unsafe, Any),
    ("damp squid>squib", Certainty::Safe, Any),
    ("doggy>dog-eat-dog dog> world", Certainty::Safe, Any),
    ("in one foul>fell|fowl>fell swoop", Certainty::Safe, Any),
    // `came by in large numbers` is literal.
    ("by in>and large", Certainty::Safe, SafeAtClauseEnd),
    // `a worse case scenario than this` compares.
    (
        "worse>worst case scenario",
        Certainty::Safe,
        UnsafeAfter(COMPARED_CUES),
    ),
    (
        "worse-case>worst-case scenario",
        Certainty::Safe,
        UnsafeAfter(COMPARED_CUES),
    ),
    ("slight>sleight of hand", Certainty::Safe, Any),
    ("low>lo and behold", Certainty::Safe, Any),
    ("piece>peace of mind", Certainty::Unsafe, Any),
    ("hair>harebrained brained>", Certainty::Safe, Any),
    ("hair-brained>harebrained", Certainty::Safe, Any),
    // `a viscous circle of oil` is literal.
    ("viscous>vicious circle|cycle", Certainty::Unsafe, Any),
    ("eek>eke out", Certainty::Safe, Any),
    ("bare>bear with me|us", Certainty::Safe, Any),
    ("bare>bear in mind", Certainty::Safe, Any),
    (
        "didn't|doesn't|don't|won't|never phase>faze|phased>fazed me|him|her|them|us|you",
        Certainty::Safe,
        // `don't phase me through the floor`: to phase is a verb too.
        UnsafeBefore(&[
            "through", "thru", "into", "out", "inside", "past", "across", "away", "back", "off",
            "onto", "under", "from", "to",
        ]),
    ),
    ("sort>so of>to speak", Certainty::Safe, Any),
    ("free reign>rein", Certainty::Unsafe, Any),
    ("tow>toe the line", Certainty::Unsafe, Any),
    ("tongue and>in cheek", Certainty::Unsafe, Any),
    ("hunger pains>pangs", Certainty::Unsafe, Any),
    ("escape>scapegoat goat>", Certainty::Unsafe, Any),
    ("shoe-in>shoo-in", Certainty::Safe, Any),
    ("extract>exact revenge", Certainty::Safe, Any),
    ("waist>waste of time", Certainty::Safe, Any),
    (
        "reign>rein in his|her|their|my|your temper|anger",
        Certainty::Safe,
        Any,
    ),
];

/// One spelling a position of a phrase accepts.
struct Alternative {
    /// Folded: lower case, `'` apostrophes.
    word: &'static str,
    /// The word's [`key`], made once.
    key: u64,
    replacement: Option<String>,
}

/// One position of a phrase: each alternative with its replacement, if any.
type Position = Vec<Alternative>;

struct Eggcorn {
    positions: Vec<Position>,
    certainty: Certainty,
    context: Context,
}

/// The parsed table.
struct Phrases {
    phrases: Vec<Eggcorn>,
    /// Indexes into `phrases` of the one-word phrases, by the key of every
    /// spelling (a long spelling shares its key with longer words, which
    /// [`spells`] then rules out).
    singles: KeyMap<Vec<usize>>,
    /// Indexes into `phrases` of the longer phrases, by the [`pair`] of
    /// the keys of every spelling of their first two words: `in`, `for` and
    /// `all` start several phrases each and are everywhere, but the word
    /// after them rules out nearly every one with one look-up.
    by_pair: KeyMap<Vec<usize>>,
}

/// The look-up key of two words' keys in [`Phrases::by_pair`]. Two pairs
/// may share one; [`spells`] tells them apart.
fn pair(first: u64, second: u64) -> u64 {
    first ^ second.rotate_left(29).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

static PHRASES: LazyLock<Phrases> = LazyLock::new(|| {
    let mut phrases = Vec::new();
    let mut singles: KeyMap<Vec<usize>> = KeyMap::default();
    let mut by_pair: KeyMap<Vec<usize>> = KeyMap::default();
    for (pattern, certainty, context) in TABLE {
        let positions: Vec<Position> = pattern
            .split(' ')
            .map(|position| {
                position
                    .split('|')
                    .map(|alt| {
                        let (word, replacement) = match alt.split_once('>') {
                            Some((word, to)) => (word, Some(to.replace('_', " "))),
                            None => (alt, None),
                        };
                        Alternative {
                            word,
                            key: key(word),
                            replacement,
                        }
                    })
                    .collect()
            })
            .collect();
        let add = |indexes: &mut Vec<usize>| {
            if indexes.last() != Some(&phrases.len()) {
                indexes.push(phrases.len());
            }
        };
        for first in positions.first().into_iter().flatten() {
            match positions.get(1) {
                None => add(singles.entry(first.key)),
                Some(second) => {
                    for second in second {
                        add(by_pair.entry(pair(first.key, second.key)));
                    }
                }
            }
        }
        phrases.push(Eggcorn {
            positions,
            certainty: *certainty,
            context: *context,
        });
    }
    Phrases {
        phrases,
        singles,
        by_pair,
    }
});

/// The keys of every spelling of every phrase's first word. The rule walks
/// only the paragraph's [`WordIndex::hits`], so they are in its filter.
///
/// [`WordIndex::hits`]: super::index::WordIndex::hits
pub(crate) fn first_keys() -> impl Iterator<Item = u64> {
    PHRASES
        .phrases
        .iter()
        .flat_map(|phrase| phrase.positions.first())
        .flatten()
        .map(|alternative| alternative.key)
}

impl Rule for Eggcorns {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, paragraph: &Paragraph<'_>, out: &mut Vec<Diagnostic>) {
        let Phrases {
            phrases,
            singles,
            by_pair,
        } = &*PHRASES;
        let words = paragraph.words();
        for &(key, i) in paragraph.word_index().hits() {
            let singles = singles.get(key).map_or(&[][..], Vec::as_slice);
            let longer = by_pair
                .get(pair(key, words.key(i + 1)))
                .map_or(&[][..], Vec::as_slice);
            // In table order, as the table lists them: of two clashing
            // fixes the engine keeps the first.
            for index in in_order(singles, longer) {
                if let Some(found) = phrases
                    .get(index)
                    .and_then(|p| matched(p, words, i, paragraph))
                {
                    out.push(found);
                }
            }
        }
    }
}

/// The indexes of two rising lists, merged in rising order.
fn in_order<'l>(mut a: &'l [usize], mut b: &'l [usize]) -> impl Iterator<Item = usize> + 'l {
    std::iter::from_fn(move || {
        let list = match (a.first(), b.first()) {
            (Some(x), Some(y)) if y < x => &mut b,
            (Some(_), _) => &mut a,
            (None, _) => &mut b,
        };
        let (&first, rest) = list.split_first()?;
        *list = rest;
        Some(first)
    })
}

/// The diagnostic for `phrase` starting at word `i`, if it is there.
fn matched(
    phrase: &Eggcorn,
    words: &Words<'_>,
    i: usize,
    paragraph: &Paragraph<'_>,
) -> Option<Diagnostic> {
    if !spells(phrase, words, i) {
        return None;
    }
    let last = i + phrase.positions.len() - 1;
    let mut fixed = String::new();
    for (k, position) in phrase.positions.iter().enumerate() {
        let word = words.get(i + k)?;
        let ok = (k == 0 || is_lowercase(word.text()))
            && (k + 1 == phrase.positions.len() || words.joined(i + k));
        let alternative = position.iter().find(|alt| same_word(word.text(), alt.word));
        let (Some(Alternative { replacement, .. }), true) = (alternative, ok) else {
            return None;
        };
        if paragraph.vocabulary.is_protected(word.text()) {
            return None;
        }
        match replacement {
            Some(to) if to.is_empty() => {}
            Some(to) => {
                if k > 0 {
                    fixed.push_str(words.gap_before(i + k));
                }
                fixed.push_str(&if k == 0 {
                    with_case_of(word.text(), to)
                } else {
                    to.clone()
                });
            }
            None => {
                if k > 0 {
                    fixed.push_str(words.gap_before(i + k));
                }
                fixed.push_str(word.text());
            }
        }
    }
    let clause_end = words.ends_clause(last);
    let before = |list: &[&str]| words.joined(last) && words.is_any(last + 1, list);
    let sure = match phrase.context {
        Any => true,
        ClauseEnd if !clause_end => return None,
        ClauseEnd => true,
        SafeAtClauseEnd => clause_end,
        UnsafeAfter(list) => !words.follows_any(i, list),
        UnsafeBefore(list) => !before(list),
        SafeBefore(list) => before(list),
    };
    let range = words.get(i)?.range().start..words.get(last)?.range().end;
    let old = paragraph.text.get(range.clone())?;
    let (applicability, message) = match phrase.certainty {
        Certainty::Safe if sure => (Some(Applicability::Safe), format!("`{old}` → `{fixed}`")),
        Certainty::Safe => (Some(Applicability::Unsafe), format!("`{old}` → `{fixed}`")),
        Certainty::Unsafe => (Some(Applicability::Unsafe), format!("`{old}` → `{fixed}`")),
        Certainty::ReportOnly => (
            None,
            format!("`{old}` says the opposite of `{fixed}`; is that meant?"),
        ),
    };
    Some(suggestion(
        Eggcorns::META.code,
        range,
        fixed,
        message,
        applicability,
    ))
}

/// Whether the words from `i` on spell one of `phrase`'s readings, joined
/// by spaces: the cheap test, by keys, that rules out nearly every `for`,
/// `in` and `all` before any case or protection check.
fn spells(phrase: &Eggcorn, words: &Words<'_>, i: usize) -> bool {
    let count = phrase.positions.len();
    phrase.positions.iter().enumerate().all(|(k, position)| {
        // The table is written folded (lower case, `'`), so this is
        // `same_word` without the decoding.
        position
            .iter()
            .any(|alt| words.is_keyed(i + k, alt.key, alt.word))
            && (k + 1 == count || words.joined(i + k))
    })
}

#[cfg(test)]
mod tests {
    use super::Eggcorns;
    use crate::rules::testing::{assert_fixes, assert_no_diagnostics, assert_reported_not_fixed};

    #[test]
    fn candidates_come_in_table_order() {
        let merged: Vec<usize> = super::in_order(&[1, 4, 9], &[0, 4, 5, 12]).collect();
        assert_eq!(merged, [0, 1, 4, 4, 5, 9, 12]);
        assert_eq!(super::in_order(&[], &[3]).collect::<Vec<_>>(), [3]);
        assert_eq!(super::in_order(&[2], &[]).collect::<Vec<_>>(), [2]);
    }

    #[test]
    fn fixes_misheard_idioms() {
        for (text, expected) in [
            (
                "For all intensive purposes, it's done.",
                "For all intents and purposes, it's done.",
            ),
            ("They are one in the same.", "They are one and the same."),
            ("A deep seeded fear.", "A deep-seated fear."),
            ("Case and point: him.", "Case in point: him."),
            ("Nip it in the butt!", "Nip it in the bud!"),
            ("It peaked his\ninterest.", "It piqued his\ninterest."),
            ("They wrecked havoc.", "They wreaked havoc."),
            ("With baited breath.", "With bated breath."),
            ("Bare with me.", "Bear with me."),
            ("It didn't phase him.", "It didn't faze him."),
            ("On tender hooks.", "On tenterhooks."),
        ] {
            assert_fixes(&Eggcorns, text, expected);
        }
    }

    #[test]
    fn literal_readings_are_unsafe_or_reported() {
        assert_reported_not_fixed(&Eggcorns, "I could care less.");
        assert_reported_not_fixed(&Eggcorns, "He had to tow the line.");
        assert_reported_not_fixed(&Eggcorns, "All of the sudden, he left.");
    }

    #[test]
    fn literal_readings_in_context_are_unsafe() {
        for text in [
            "Tourists came by in large numbers.",
            "At its peak the interest rate was high.",
            "At its peak her interest waned.",
            "A viscous circle of oil spread.",
            "Kitty, don't phase me through the floor.",
            "They would take a peak at dawn.",
            "I can't imagine a worse case scenario than this.",
        ] {
            assert_reported_not_fixed(&Eggcorns, text);
        }
    }

    #[test]
    fn idioms_in_context_stay_safe() {
        for (text, expected) in [
            ("By in large, it works.", "By and large, it works."),
            ("It works, by in large.", "It works, by and large."),
            ("It peaked her curiosity.", "It piqued her curiosity."),
            ("Let me take a peak at it.", "Let me take a peek at it."),
            ("She snuck a peak at him.", "She snuck a peek at him."),
            (
                "The worse case scenario is death.",
                "The worst case scenario is death.",
            ),
        ] {
            assert_fixes(&Eggcorns, text, expected);
        }
    }

    #[test]
    fn real_phrases_pass() {
        for text in [
            "I saw one in the same shop.",
            "The case and point of view.",
            "She reached the peak. His interest waned.",
            "The dog bit his butt.",
            "Her arms were bare with cold.",
            "I couldn't care less.",
            "They phase out old models.",
        ] {
            assert_no_diagnostics(&Eggcorns, text);
        }
    }

    /// Every spelling of a phrase's first two words finds the phrase: the
    /// look-up by the pair of their keys misses none.
    #[test]
    fn every_spelling_of_every_phrase_is_found() {
        for phrase in &super::PHRASES.phrases {
            let rest: Vec<&str> = phrase.positions.iter().skip(2).map(|p| p[0].word).collect();
            let seconds: Vec<Option<&str>> = match phrase.positions.get(1) {
                Some(position) => position.iter().map(|alt| Some(alt.word)).collect(),
                None => vec![None],
            };
            for first in &phrase.positions[0] {
                for second in &seconds {
                    let mut words = vec![first.word];
                    words.extend(second);
                    words.extend(&rest);
                    let text = format!("{}.", words.join(" "));
                    let found = crate::rules::testing::diagnostics(&Eggcorns, &text);
                    assert!(found.iter().any(|d| d.range.start == 0), "{text}");
                }
            }
        }
    }

    /// `spells` compares folded words with the table's spellings, so those
    /// must be written folded: lower case, `'` apostrophes.
    #[test]
    fn table_is_written_folded() {
        for phrase in &super::PHRASES.phrases {
            for alt in phrase.positions.iter().flatten().map(|alt| alt.word) {
                assert!(
                    !alt.is_empty()
                        && !alt.contains('’')
                        && !alt.bytes().any(|b| b.is_ascii_uppercase()),
                    "{alt}"
                );
            }
        }
    }
}
