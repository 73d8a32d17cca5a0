//! What a paragraph shows about its writer's habits: whether they write
//! apostrophes in contractions, whether they punctuate at all. A rule uses
//! it to tell a slip (`dont` beside `don't`) from a style (Molly Bloom's
//! `dont`, page after page), and to make its fix unsafe for the latter.

use crate::rules::words::text::Words;

/// Contractions written without their apostrophe (`dont`, `thats`).
const BARE_NT: &[&str] = &[
    "dont", "didnt", "doesnt", "isnt", "wasnt", "werent", "couldnt", "wouldnt", "shouldnt",
    "hasnt", "havent", "hadnt", "arent", "mustnt", "cant", "wont",
];
const BARE_PRONOUN: &[&str] = &[
    "im", "ive", "youre", "youve", "youll", "theyre", "theyve", "thats", "whats", "theres",
    "wheres", "heres", "whos", "hes", "shes",
];
const PRONOUNS: &[&str] = &[
    "i", "you", "we", "they", "he", "she", "it", "that", "what", "there", "here", "who", "where",
    "let",
];

/// Which contractions a paragraph shows its writer uses apostrophes for.
///
/// A bare `dont` is a slip when its writer elsewhere writes `don't`, and a
/// style when they do not (Joyce's Molly Bloom writes `dont`, `its a`,
/// `they wont` on purpose, and `I’ll` only once). So a family of
/// contractions counts as apostrophised when the paragraph writes at least
/// as many of them with the apostrophe as without.
#[derive(Debug, Clone, Copy, Default)]
pub struct Evidence {
    /// `don't`, `can't`... are at least as many as `dont`, `cant`...
    pub nt: bool,
    /// `I'm`, `it's`, `you're`... are at least as many as `im`, `thats`...
    pub pronoun: bool,
}

impl Evidence {
    pub fn of(words: &Words<'_>) -> Evidence {
        let (mut nt, mut bare_nt, mut pronoun, mut bare_pronoun) = (0usize, 0usize, 0usize, 0usize);
        for (i, word) in words.iter().enumerate() {
            // An ASCII word's folded form is exactly this, with no allocation.
            let owned;
            let text = word.text();
            let lower = if text.is_ascii() {
                words.folded(i)
            } else {
                owned = text.to_lowercase().replace('’', "'");
                owned.as_str()
            };
            if lower.len() > 3 && lower.ends_with("n't") {
                nt += 1;
            } else if BARE_NT.contains(&lower) {
                bare_nt += 1;
            } else if BARE_PRONOUN.contains(&lower) {
                bare_pronoun += 1;
            } else if lower.split_once('\'').is_some_and(|(stem, tail)| {
                PRONOUNS.contains(&stem) && matches!(tail, "m" | "re" | "ve" | "ll" | "d" | "s")
            }) {
                pronoun += 1;
            }
        }
        Evidence {
            nt: nt > 0 && nt >= bare_nt,
            pronoun: pronoun > 0 && pronoun >= bare_pronoun,
        }
    }
}

/// Paragraphs shorter than this (in words) are too short to judge.
const SHORT_PARAGRAPH: usize = 80;

/// Whether the paragraph reads as punctuated prose: at least one sentence
/// or clause mark per 40 words. Stream-of-consciousness passages (Molly
/// Bloom's eleven thousand unpunctuated bytes) break rules on purpose, and
/// their doubles and bare contractions are the writer's.
pub fn is_punctuated(words: &Words<'_>, text: &str) -> bool {
    if words.len() < SHORT_PARAGRAPH {
        return true;
    }
    let marks = text
        .chars()
        .filter(|c| matches!(c, '.' | '!' | '?' | ',' | ';' | ':' | '…'))
        .count();
    marks * 40 >= words.len()
}

#[cfg(test)]
mod tests {
    use super::{Evidence, is_punctuated};
    use crate::rules::words::text::Words;

    #[test]
    fn counts_contractions_by_family() {
        let words = Words::new("I dont know. I can't. Thats it, I’m sure.");
        let evidence = Evidence::of(&words);
        assert!(evidence.nt && evidence.pronoun);
        let molly = Words::new("I’ll say Im sure thats it and its dont and wont");
        let evidence = Evidence::of(&molly);
        assert!(!evidence.nt && !evidence.pronoun);
    }

    #[test]
    fn unpunctuated_streams_are_told_apart() {
        let molly = "and yes I said yes I will ".repeat(30);
        assert!(!is_punctuated(&Words::new(&molly), &molly));
        let prose = "He ran. She said, yes, and I will. ".repeat(30);
        assert!(is_punctuated(&Words::new(&prose), &prose));
    }
}
