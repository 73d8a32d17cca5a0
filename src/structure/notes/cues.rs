//! Cues for unlabelled notes: what authors say to readers and characters
//! never do. Disclaimers, thanks to betas and reviewers, update schedules,
//! requests for reviews, "Thanks for reading!", "Next chapter: ...",
//! self-promotion, AO3's copy-paste labels.
//!
//! These phrases decide only at the edges of a chapter (see
//! [`super`]): "She was reviewing a stack of forms" in the middle of a story
//! is story, and so is anything a character says. Each cue is a phrase, not
//! a word: "review" alone is everywhere in prose, "please review" is not.

use std::sync::LazyLock;

use regex::Regex;

use crate::structure::keyed::{KeyedPatterns, Keys, folds_to_ascii};

/// The phrases that mark a paragraph as the author talking, with their
/// names for `--explain` and the words each needs (see [`KeyedPatterns`];
/// a space in a word stands for a run of whitespace). The words are as
/// narrow as the pattern allows: an edge paragraph of a long chapter holds
/// "own", "this" and "see" somewhere, and each pattern compiled for nothing
/// costs more than reading a whole chapter.
static STRONG_TABLE: [(&str, &str, Keys); 21] = [
    ("disclaimer", r"\bdisclaimer\b", Keys::any(&["disclaimer"])),
    (
        "I don't own",
        r"\b(?:i|we)\s+(?:(?:sadly|unfortunately|still|obviously|really)\s+)?(?:do\s*n[o'’]?t|don[’']?t|dont|do\s+not|never\s+will|will\s+never|can\s*not|cannot)\s+(?:\w+\s+)?own\b",
        // Every match opens with "I" or "we" and the first word after it.
        Keys::both(
            &["own"],
            &[
                "i do",
                "i never",
                "i will",
                "i can",
                "i sadly",
                "i unfortunately",
                "i still",
                "i obviously",
                "i really",
                "we do",
                "we never",
                "we will",
                "we can",
                "we sadly",
                "we unfortunately",
                "we still",
                "we obviously",
                "we really",
            ],
        ),
    ),
    (
        "own nothing",
        r"\bown\s+nothing\b|\bnothing\s+(?:is\s+)?mine\b",
        Keys::any(&["own nothing", "nothing mine", "nothing is mine"]),
    ),
    (
        "belongs to",
        r"\b(?:belongs?|belonging)\s+to\s+(?:the\s+)?(?:amazing\s+|wonderful\s+|great\s+)?(?:j\.?\s*k\.?|rowling|kishimoto|marvel|disney|dc\b|bbc|tolkien|nintendo|game\s*freak|lucas|horikoshi|riordan|its\s+(?:rightful\s+)?owners?|their\s+(?:rightful\s+)?owners?|the\s+(?:rightful\s+)?owners?|(?:the\s+)?respective\s+owners?|(?:the\s+)?original\s+(?:author|creator)s?)",
        Keys::any(&["belong"]),
    ),
    (
        "copyright",
        r"\bcopyright\b|©|\ball\s+rights\s+reserved\b",
        Keys::any(&["copyright", "©", "rights reserved"]),
    ),
    (
        "please review",
        r"\bplease\s+(?:r\s*(?:&|and)\s*r|review|comment|leave\s+(?:a\s+|me\s+a\s+)?(?:review|comment|kudos)|tell\s+me\s+what\s+you\s+think|let\s+me\s+know\s+what\s+you\s+think)",
        Keys::any(&[
            "please r",
            "please comment",
            "please leave",
            "please tell",
            "please let",
        ]),
    ),
    (
        "R&R",
        r"(?-i:\bR\s*(?:&|and|n)\s*R\b)|\bread\s+(?:and|&|n)\s+review\b",
        Keys::any(&["read and review", "read & review", "read n review"]),
    ),
    (
        "reviews are welcome",
        r"\breviews?\s+(?:make|are|keep|help|motivate|feed|fuel|=|would\s+be|mean)\b",
        Keys::any(&["review ", "reviews "]),
    ),
    (
        "leave a review",
        r"\bleave\s+(?:a\s+|me\s+a\s+|some\s+)?(?:review|comment|kudos)|\bkudos\s+(?:and|&)\s+comments?\b",
        Keys::any(&[
            "leave a ",
            "leave me a ",
            "leave some ",
            "leave review",
            "leave comment",
            "leave kudos",
            "kudos and comment",
            "kudos & comment",
        ]),
    ),
    (
        "thanks for reading",
        r"\bthanks?\s+(?:you\s+)?(?:so\s+much\s+|all\s+|guys\s+)?for\s+(?:reading|the\s+(?:reviews|kudos|comments|favs|faves|follows)|reviewing|all\s+(?:the|your)\s+(?:reviews|kudos|comments|support)|your\s+(?:reviews|support|patience|kudos|comments)|following|favoriting|favouriting)",
        Keys::both(
            &["thank"],
            &[
                "for reading",
                "for the ",
                "for reviewing",
                "for all ",
                "for your ",
                "for following",
                "for favo",
            ],
        ),
    ),
    (
        "reviewers",
        r"\b(?:my\s+|all\s+(?:my\s+|the\s+)?|to\s+)(?:reviewers|readers)\b|\bwho\s+(?:reviewed|favorited|favourited|followed)\b",
        Keys::any(&[
            "my reviewers",
            "my readers",
            "all reviewers",
            "all readers",
            "the reviewers",
            "the readers",
            "to reviewers",
            "to readers",
            "who reviewed",
            "who favorited",
            "who favourited",
            "who followed",
        ]),
    ),
    (
        "beta",
        r"\bmy\s+(?:\w+\s+)?beta\b|\bbeta[\s-]?read(?:er|ing)?\b|\bbeta['’]?d\b|\bunbeta['’]?d\b|\bno\s+beta\b",
        Keys::any(&["beta"]),
    ),
    (
        "next chapter",
        r"^\W*next\s+(?:chapter|time)\s*(?:[:\-–—]|on\b)|\bin\s+the\s+next\s+chapter\b|\bnext\s+chapter\s+(?:will|should|is|coming)\b",
        Keys::any(&["next chapter", "next time"]),
    ),
    (
        "update schedule",
        r"\b(?:i['’]?ll|i\s+will|i\s+(?:try|hope)\s+to|will)\s+update\b|\bupdates?\s+(?:every|soon|will|on\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day)|\b(?:late|slow)\s+updates?\b|\bsorry\s+for\s+(?:the\s+)?(?:late|long|wait|delay|short)",
        Keys::any(&["update", "sorry for"]),
    ),
    (
        "my other story",
        r"\bcheck\s+out\s+my\b|\bmy\s+other\s+(?:stor(?:y|ies)|fics?|works?|one-?shots?)\b|\bmy\s+(?:tumblr|profile|ao3|wattpad|patreon|ko-?fi|discord)\b",
        Keys::any(&[
            "check out my",
            "my other",
            "my tumblr",
            "my profile",
            "my ao3",
            "my wattpad",
            "my patreon",
            "my ko",
            "my discord",
        ]),
    ),
    (
        "hope you enjoy",
        r"\bhope\s+(?:you|y['’]?all|everyone)\s+(?:all\s+|guys\s+)?(?:enjoy|enjoyed|like|liked|love|loved)\s+(?:it|this|the\s+(?:chapter|story|fic))",
        Keys::any(&["hope y", "hope everyone"]),
    ),
    (
        "sign-off",
        r"^\W*(?:see\s+(?:you|ya|y['’]?all|everyone)\s+(?:soon|next\s+(?:time|chapter|week|update))|until\s+next\s+(?:time|chapter))\b|\bxoxo\b",
        Keys::any(&["see y", "see everyone", "until next", "xoxo"]),
    ),
    // Dedications and AO3 labels are in two parts each: the part anchored
    // at the start needs its first word (see [`LEADS`]), so it stays
    // uncompiled on prose that merely holds ", who" or "note".
    (
        "dedication",
        r"\bdedicated\s+to\b|\bthis\s+(?:one|chapter|story|fic|oneshot|one-shot)\s+is\s+(?:for|dedicated|a\s+gift)",
        Keys::any(&[
            "dedicated to",
            "this one is",
            "this chapter is",
            "this story is",
            "this fic is",
            "this oneshot is",
            "this one-shot is",
        ]),
    ),
    (
        "dedication",
        r"^\W*(?:for|to)\s+\p{Lu}[\w'’-]*,\s+who\b.*\b(?:me|my|i)\b",
        Keys::any(&[", who"]),
    ),
    (
        "AO3 label",
        r"^\W*(?:summary|notes|chapter\s+notes|chapter\s+end\s+notes|chapter\s+text|end\s+notes|author['’]?s\s+notes?)\s*:?\s*$|^\W*(?:summary|notes)\s*:",
        Keys::any(&["summary", "note", "chapter text"]),
    ),
    (
        "AO3 label",
        r"\(see\s+the\s+(?:end|beginning)\s+of\s+the\s+(?:chapter|work)\s+for\s+(?:more\s+)?notes\.?\)",
        Keys::any(&["(see the"]),
    ),
];

/// Where `R&R` sits in [`STRONG_TABLE`]: its short form is case-sensitive,
/// so it has no keyword and is looked for by [`may_hold_r_and_r`].
const R_AND_R: usize = 6;

/// Whether `text` may hold the short form of `R&R`, `R\s*(?:&|and|n)\s*R`:
/// a capital `R`, then (after ASCII spaces) `&`, `and` or `n`, then (after
/// spaces) another `R`. Other whitespace is not ASCII, and a non-ASCII byte
/// where a space may stand is let through.
fn may_hold_r_and_r(text: &str) -> bool {
    let bytes = text.as_bytes();
    let skip_spaces = |mut at: usize| {
        while bytes
            .get(at)
            .is_some_and(|&b| matches!(b, b'\t'..=b'\r' | b' '))
        {
            at += 1;
        }
        at
    };
    memchr::memchr_iter(b'R', bytes).any(|r| {
        let at = skip_spaces(r + 1);
        let rest = &bytes[at..];
        let after = if rest.starts_with(b"&") || rest.starts_with(b"n") {
            at + 1
        } else if rest.starts_with(b"and") {
            at + 3
        } else {
            return rest.first().is_some_and(|&b| b >= 0x80);
        };
        let at = skip_spaces(after);
        bytes.get(at).is_some_and(|&b| b == b'R' || b >= 0x80)
    })
}

/// The patterns in [`STRONG_TABLE`] that only match at the start of a
/// paragraph (`^\W*`) and then with one of these words (in any case).
const LEADS: [(usize, &[&str]); 2] = [
    (18, &["for", "to"]),
    (19, &["summary", "notes", "chapter", "end", "author"]),
];

/// Whether `text` may open with one of `words` after `^\W*`: false only when
/// its first word character is ASCII and none of them starts there. A
/// non-ASCII character may be `\W`, and a character that folds to an ASCII
/// letter (`ſ`) may stand in one of the words, so either lets `text` through.
fn may_lead_with(text: &str, words: &[&str]) -> bool {
    let bytes = text.as_bytes();
    let word_char = |b: &u8| !b.is_ascii() || b.is_ascii_alphanumeric() || *b == b'_';
    let Some(at) = bytes.iter().position(word_char) else {
        return false;
    };
    let rest = &bytes[at..];
    !rest[0].is_ascii()
        || words.iter().any(|word| {
            rest.get(..word.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(word.as_bytes()))
        })
        || folds_to_ascii(text)
}

static STRONG: LazyLock<KeyedPatterns> = LazyLock::new(|| {
    KeyedPatterns::new(
        STRONG_TABLE
            .iter()
            .map(|&(_, pattern, keys)| (format!("(?i){pattern}"), keys)),
    )
});

/// Words of author-to-reader talk, counted to decide whether a paragraph
/// right after a labelled note still belongs to it.
static META: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:story|stories|chapters?|fics?|fanfics?|fanfiction|one-?shot|sequel|prequel|updates?|updated|updating|reviews?|reviewed|reviewers?|readers?|beta|posted|posting|writing|rewrite|rewriting|redo|redoing|edited|editing|wrote|author|pairing|ships?|plot|characters?|ooc|au|canon|timeline|spoilers?|typos?|grammar|mistakes|tags|warnings?|reminder|ignores?|enjoy|enjoyed|thanks|thank|sorry|lol|lmao|omg|guys|inspired|inspiration|idea|hiatus|tumblr|ao3|ffn|kudos|comments?|feedback|let\s+me\s+know|be\s+kind|constructive|flames)\b|(?:^|\s)(?::\)|:\(|:D|;\)|:P|XD|<3|\^_\^|\^\^)(?:\s|$)",
    )
    .expect("valid meta pattern")
});

static FIRST_OR_SECOND_PERSON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:i|i['’]m|i['’]ve|i['’]ll|i['’]d|my|me|you|your|you['’]re|you guys|y['’]all)\b",
    )
    .expect("valid pronoun pattern")
});

/// The first strong cue a paragraph contains, by name.
pub fn strong(text: &str) -> Option<&'static str> {
    let mut candidates = STRONG.candidates(text);
    if may_hold_r_and_r(text) {
        candidates |= 1 << R_AND_R;
    }
    for (i, words) in LEADS {
        if candidates & (1 << i) != 0 && !may_lead_with(text, words) {
            candidates &= !(1 << i);
        }
    }
    STRONG
        .first_match(text, candidates)
        .map(|i| STRONG_TABLE[i].0)
}

/// How strongly a paragraph reads as the author talking about the writing:
/// the number of author-talk words and phrases in it, up to 3.
pub fn talk_strength(text: &str) -> usize {
    META.find_iter(text).take(3).count()
}

/// Whether a paragraph reads as the author still talking: it addresses the
/// reader or speaks as "I" about the writing (two or more author-talk words,
/// or one with a first- or second-person pronoun).
pub fn author_talk(text: &str) -> bool {
    let strength = talk_strength(text);
    strength >= 2 || (strength == 1 && FIRST_OR_SECOND_PERSON.is_match(text))
}

#[cfg(test)]
mod tests {
    use super::{LEADS, R_AND_R, STRONG_TABLE, author_talk, may_lead_with, strong};

    #[test]
    fn ascii_twins_agree_with_their_patterns() {
        use crate::structure::keyed::assert_parts_agree;
        use crate::structure::twin::testing::ASCII_LINES;
        let matched = assert_parts_agree(&super::STRONG, &ASCII_LINES);
        assert!(matched >= 20, "only {matched} cues among the lines");
    }

    #[test]
    fn r_and_r_short_forms_pass_the_prefilter() {
        for text in [
            "R&R",
            "R & R",
            "RnR",
            "R and R",
            "Please R\u{a0}& R",
            "R &\u{2003}R",
        ] {
            assert!(super::may_hold_r_and_r(text), "{text}");
        }
        for text in ["Ron ran.", "R&D", "Robert and Rachel", "RR"] {
            assert!(!super::may_hold_r_and_r(text), "{text}");
        }
    }

    #[test]
    fn r_and_r_index_points_at_its_cue() {
        assert_eq!(STRONG_TABLE[R_AND_R].0, "R&R");
    }

    #[test]
    fn leads_point_at_patterns_anchored_on_their_words() {
        for (i, words) in LEADS {
            let pattern = STRONG_TABLE[i].1;
            assert!(pattern.starts_with(r"^\W*(?:"), "{pattern}");
            let first = pattern[r"^\W*(?:".len()..].split(['|', ')', '\\']).next();
            assert!(words.contains(&first.unwrap_or_default()), "{pattern}");
        }
        assert_eq!(STRONG_TABLE[LEADS[0].0].0, "dedication");
        assert_eq!(STRONG_TABLE[LEADS[1].0].0, "AO3 label");
    }

    #[test]
    fn lead_words_after_any_non_word_start() {
        let words = &["for", "to"];
        for text in ["For Anna", "— to Sol", "***TO", "ſor x", "“For", "for"] {
            assert!(may_lead_with(text, words), "{text}");
        }
        for text in ["Anna, for", "", "...", "_for", "4 for", "Fo"] {
            assert!(!may_lead_with(text, words), "{text}");
        }
        assert_eq!(strong("For Jo, who taught me to read."), Some("dedication"));
        assert_eq!(strong("-- Notes:"), Some("AO3 label"));
        assert_eq!(strong("He went, who knows why, to me."), None);
    }

    #[test]
    fn cues_need_no_keyword_in_an_odd_case() {
        // `ſ` folds to `s`: the prefilter steps aside and the pattern decides.
        assert_eq!(strong("Diſclaimer: mine"), Some("disclaimer"));
    }

    #[test]
    fn notes_have_strong_cues() {
        for (text, cue) in [
            ("Disclaimer: I don't own Naruto.", "disclaimer"),
            (
                "I do not own Harry Potter, it belongs to J.K. Rowling",
                "I don't own",
            ),
            ("All characters belong to Marvel.", "belongs to"),
            ("Thanks to my amazing beta, Kiri!", "beta"),
            ("Thank you to everyone who reviewed!", "reviewers"),
            ("I'll update every Friday.", "update schedule"),
            ("Please review!", "please review"),
            ("R&R", "R&R"),
            ("Read and review!", "R&R"),
            ("Reviews make me write faster!", "reviews are welcome"),
            ("Leave a comment and kudos", "leave a review"),
            ("Thanks for reading!", "thanks for reading"),
            ("Next chapter: the Chunin exams.", "next chapter"),
            ("Check out my other story, Paper Moons!", "my other story"),
            ("See you soon (for real this time)! xoxo", "sign-off"),
            ("This one is for Sol, my favourite enabler.", "dedication"),
            ("Chapter End Notes", "AO3 label"),
            ("Summary:", "AO3 label"),
            ("(See the end of the chapter for more notes.)", "AO3 label"),
        ] {
            assert_eq!(strong(text), Some(cue), "{text}");
        }
    }

    /// AO3 and word processors write `’` where FFN writes `'`, and the
    /// typographic-quote rules turn one into the other: a cue is the same
    /// cue with either apostrophe. (Found by fuzzing: curling the `'` of a
    /// note's `i'll update` made it story, whose `i` C001 then fixed in a
    /// second `clean`.)
    #[test]
    fn cues_take_either_apostrophe() {
        for (text, cue) in [
            ("I'll update every Friday.", "update schedule"),
            ("i’ll update when i get 5 reviews", "update schedule"),
            ("I do n’t own Naruto.", "I don't own"),
            ("Unbeta’d, sorry.", "beta"),
            ("Beta’d by Kiri.", "beta"),
            ("Hope y’all enjoyed it!", "hope you enjoy"),
            ("See y’all next chapter!", "sign-off"),
            ("Author’s Notes", "AO3 label"),
        ] {
            assert_eq!(strong(text), Some(cue), "{text}");
            let straight = text.replace('’', "'");
            assert_eq!(strong(&straight), Some(cue), "{straight}");
        }
    }

    #[test]
    fn prose_has_none() {
        for text in [
            "She was reviewing a stack of forms.",
            "He left a note on the fridge: back at six.",
            "The sword belongs to the king.",
            "Next, she turned to the window.",
            "Ron read the letter twice and handed it back.",
            "Summary judgement was swift.",
        ] {
            assert_eq!(strong(text), None, "{text}");
        }
    }

    #[test]
    fn author_talk_versus_narration() {
        assert!(author_talk(
            "I also realize I kinda messed up the characters in this story."
        ));
        assert!(author_talk("Sorry this chapter took so long, you guys."));
        assert!(!author_talk(
            "Sakura walked down the road, furious with Tsunade."
        ));
        assert!(!author_talk(
            "The story of the Sannin was old news in Konoha."
        ));
    }
}
