//! Straight single quotes: apostrophes first, then quotation marks.
//!
//! Apostrophes are classified before quotes are paired, because an
//! apostrophe at the start of a word (`'em`, `'90s`) looks exactly like an
//! opening quote. A `'` after a letter needs no such care: the closing
//! single quote and the apostrophe are the same character, `’`. So the only
//! real question is the `'` before a word: `‘` opening a quotation, or `’`
//! standing for missing letters.

use super::flank::{self, Side};
use super::straight::{Decision, decision, escaped};

/// Elisions that, written in lower case, are never a quotation's first
/// word: `'em`, `'tis`, `'n'`, `'eighty-one`, dropped h's (`'e`, `'arry`).
#[rustfmt::skip]
const ELISIONS: &[&str] = &[
    "em", "tis", "twas", "twere", "twill", "twould", "n", "s", "nuff", "cept", "fraid", "nother",
    "scuse", "cuz", "coz", "kay", "sup", "fess", "tain", "kase", "a", "un", "uns", "e", "er",
    "im", "ello", "ave", "alf", "arry", "ardly", "twenty", "thirty", "forty", "fifty", "sixty",
    "seventy", "eighty", "ninety", "twenties", "thirties", "forties", "fifties", "sixties",
    "seventies", "eighties", "nineties",
];

/// Elisions that are also words, so the quote might open a quotation
/// (`'Round and round,' she sang`): `'cause`, `'bout`, `'til`.
#[rustfmt::skip]
const ELISIONS_OR_WORDS: &[&str] = &[
    "cause", "cos", "bout", "round", "til", "till", "fore", "neath", "course", "sides", "night",
    "stead", "way", "is", "ere", "ow", "ad", "ome", "ead", "art",
];

fn listed(list: &[&str], word: &str) -> bool {
    list.contains(&word)
}

/// The most letters an elision has.
const ELISION_LEN: usize = 9;

/// What a single quote is, before the paragraph is looked at as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Single {
    Apostrophe,
    /// An elision that is also a word: an apostrophe unless a quotation
    /// seems to start here.
    MaybeElision,
    Open,
    Close,
    Either,
    /// A measurement (`5'10`), or a curly quote that pairs with nothing.
    Skip,
}

/// Decisions for every straight single quote that is not a measurement.
pub fn singles(text: &str) -> Vec<Decision> {
    // (position, straight?, kind, a quotation was open before it)
    let mut marks: Vec<(usize, bool, Single, bool)> = Vec::new();
    let mut open = false;
    for (at, c) in text.char_indices() {
        let kind = match c {
            '‘' => Single::Open,
            '’' if flank::side_at(text, at, c) == Side::Close => Single::Close,
            '’' => Single::Skip,
            '\'' if escaped(text, at) => continue,
            '\'' => classify_single(text, at, open),
            _ => continue,
        };
        marks.push((at, c == '\'', kind, open));
        match kind {
            Single::Open => open = true,
            Single::Close => open = false,
            _ => {}
        }
    }
    // Walk back so each quote knows what the next quotation mark is.
    let mut next: Option<Single> = None;
    let mut out = Vec::new();
    for &(at, straight, kind, open_before) in marks.iter().rev() {
        let range = at..at + 1;
        let closes_next = matches!(next, Some(Single::Close | Single::Either));
        if straight {
            out.push(match kind {
                Single::Apostrophe => decision(range, '’', true, "an apostrophe"),
                Single::MaybeElision => decision(
                    range,
                    '’',
                    !closes_next,
                    "an elision, unless a quotation starts here",
                ),
                Single::Close => decision(range, '’', true, "a closing quote or an apostrophe"),
                // Single quotations do not nest: an opening quote inside one
                // is more likely an elision we do not know (`'andsome`).
                Single::Open if open_before => decision(
                    range,
                    '‘',
                    false,
                    "opens a quotation inside another, or stands for missing letters",
                ),
                Single::Open if next == Some(Single::Close) => {
                    decision(range, '‘', true, "opens a quotation closed later")
                }
                Single::Open => decision(range, '‘', false, "opens a quotation that is not closed"),
                Single::Either if open_before || possessive(text, at) => {
                    decision(range, '’', false, "glued or free on both sides")
                }
                Single::Either => decision(range, '‘', false, "glued or free on both sides"),
                Single::Skip => continue,
            });
        }
        if matches!(kind, Single::Open | Single::Close | Single::Either) {
            next = Some(kind);
        }
    }
    out.reverse();
    out
}

fn classify_single(text: &str, at: usize, quotation_open: bool) -> Single {
    let (before, after) = flank::adjacent(text, at, '\'');
    let rest = text.get(at + 1..).unwrap_or("");
    if before.is_some_and(|c| c.is_ascii_digit()) {
        let mut rest_chars = rest.chars();
        return match (rest_chars.next(), rest_chars.next()) {
            // `1990's`
            (Some('s'), following) if !following.is_some_and(char::is_alphanumeric) => {
                Single::Apostrophe
            }
            (Some(d), _) if d.is_ascii_digit() => Single::Skip,
            _ if quotation_open => Single::Close,
            _ => Single::Skip,
        };
    }
    if before.is_some_and(char::is_alphabetic) && after.is_some_and(char::is_alphabetic) {
        return Single::Apostrophe;
    }
    // `'*Tis*`: emphasis may start between the apostrophe and its word.
    let word = rest.trim_start_matches(['*', '_']);
    match flank::side_at(text, at, '\'') {
        Side::Open if is_decade(word) => Single::Apostrophe,
        Side::Open => elision(word).unwrap_or(Single::Open),
        Side::Close => Single::Close,
        Side::Either => Single::Either,
    }
}

/// Whether `rest`, the text after a quote before a word, starts with an
/// elision that is never a quotation's first word (`em`, `tis`, `90s`).
pub fn starts_with_elision(rest: &str) -> bool {
    is_decade(rest) || elision(rest) == Some(Single::Apostrophe)
}

/// `Jr.'s`: a possessive `'s` glued to punctuation.
fn possessive(text: &str, at: usize) -> bool {
    let mut after = text.get(at + 1..).unwrap_or("").chars();
    after.next() == Some('s') && !after.next().is_some_and(char::is_alphanumeric)
}

/// `'90s`, `'05`: two digits, then nothing more of a number or a word.
fn is_decade(rest: &str) -> bool {
    let mut chars = rest.chars();
    let two_digits = chars.next().is_some_and(|c| c.is_ascii_digit())
        && chars.next().is_some_and(|c| c.is_ascii_digit());
    let mut tail = chars.clone();
    two_digits
        && match chars.next() {
            None => true,
            Some('s') => !tail.nth(1).is_some_and(char::is_alphanumeric),
            Some(c) => !c.is_alphanumeric() && !flank::is_single(c),
        }
}

/// Whether the word after a leading `'` is an elision.
fn elision(rest: &str) -> Option<Single> {
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphabetic())
        .take(ELISION_LEN + 1)
        .collect();
    if word.is_empty() || word.chars().count() > ELISION_LEN {
        return None;
    }
    let lower = word.to_lowercase();
    // A quoted word (`'em'`) is a quotation, except the `'n'` of `rock 'n'
    // roll`; a contraction (`'ow's`) is not a closing quote.
    let mut after = rest.get(word.len()..).unwrap_or("").chars();
    let quoted = after.next().is_some_and(flank::is_single)
        && !after.next().is_some_and(char::is_alphabetic);
    if word == "n" || (lower == "n" && quoted) {
        return Some(Single::Apostrophe);
    }
    // A lone letter is an elision only before the next word (`'e said`,
    // `'s OK`); otherwise it is a letter quoted (`the 'e,' and the 'e's'`).
    let before_word = rest
        .get(word.len()..)
        .is_some_and(|after| after.starts_with(' '));
    if quoted || (word.chars().count() == 1 && !before_word) {
        return None;
    }
    if listed(ELISIONS, &word) {
        Some(Single::Apostrophe)
    } else if listed(ELISIONS, &lower) || listed(ELISIONS_OR_WORDS, &lower) {
        // Capitalised, it may start a sentence inside a quotation.
        Some(Single::MaybeElision)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::{singles, starts_with_elision};
    use crate::rules::quotes::straight::preview;

    fn read(text: &str) -> String {
        preview(text, &singles(text))
    }

    #[test]
    fn apostrophes_inside_and_after_words() {
        assert_eq!(
            read("don't o'clock goin' the girls' room"),
            "don’t o’clock goin’ the girls’ room"
        );
        assert_eq!(read("the 1990's and 5's"), "the 1990’s and 5’s");
    }

    #[test]
    fn elisions_before_words() {
        assert_eq!(
            read("get 'em in the '90s, rock 'n' roll"),
            "get ’em in the ’90s, rock ’n’ roll"
        );
        assert_eq!(
            read("back in 'eighty-one, 'e said"),
            "back in ’eighty-one, ’e said"
        );
        assert_eq!(read("'Tis so. 'ow's 'arry?"), "’Tis so. ’ow’s ’arry?");
        assert_eq!(read("\"'*Tis* true\""), "\"’*Tis* true\"");
    }

    #[test]
    fn quoted_letters_and_words_are_quotations() {
        assert_eq!(
            read("the letter 'e' and the 'e,' here"),
            "the letter ‘e’ and the ‘e,’ here"
        );
        assert_eq!(read("say 'em' to me"), "say ‘em’ to me");
        assert_eq!(read("the year '12' was"), "the year ‘12’ was");
    }

    #[test]
    fn an_opening_quote_needs_a_close() {
        assert_eq!(read("'It isn't,' she thought."), "‘It isn’t,’ she thought.");
        assert_eq!(read("a whole 'nother level"), "a whole ’nother level");
        assert_eq!(read("the little 'puff wants"), "the little ?puff wants");
        // Single quotations do not nest: the second opening is a guess.
        assert_eq!(
            read("her 'with an 'andsome wizard.'"),
            "her ?with an ?andsome wizard.’"
        );
    }

    #[test]
    fn an_elision_that_is_a_word_yields_to_a_quotation() {
        assert_eq!(
            read("'Round and round,' she sang."),
            "?Round and round,’ she sang."
        );
        assert_eq!(read("ran 'round the house."), "ran ’round the house.");
        assert_eq!(read("\"'Cause I said so.\""), "\"’Cause I said so.\"");
    }

    #[test]
    fn glued_quotes_are_guesses() {
        assert_eq!(read("He said,'Hello' then"), "He said,?Hello’ then");
        assert_eq!(read("Crouch Jr.'s plan"), "Crouch Jr.?s plan");
    }

    #[test]
    fn measurements_and_escapes_stay() {
        assert_eq!(
            read("5'10\" and 6' wide, didn\\'t"),
            "5'10\" and 6' wide, didn\\'t"
        );
        assert_eq!(read("'I'm 25' she said"), "‘I’m 25’ she said");
    }

    #[test]
    fn recognises_elisions_for_reversed_quotes() {
        for rest in ["em up", "tis love", "90s", "n’ roll"] {
            assert!(starts_with_elision(rest), "{rest}");
        }
        for rest in ["Tis so", "round the", "e,’", "Hello"] {
            assert!(!starts_with_elision(rest), "{rest}");
        }
    }
}
