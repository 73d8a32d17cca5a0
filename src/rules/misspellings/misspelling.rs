use std::ops::Range;

use super::dictionary::{Corrections, TsvDictionary};
use crate::declare_rule;
use crate::rules::words::text::{char_at, is_alphabetic};
use crate::rules::{Diagnostic, Fix, Paragraph, Rule, RuleMeta};

declare_rule! {
    /// Misspelling: a word from the table of unambiguous misspellings.
    ///
    /// ## Why
    /// `comming`, `recieve`, `definately` and `thier` are slips every reader
    /// notices. The table (`src/rules/data/misspellings.tsv`, seeded from
    /// crate-ci's typos dictionary) keeps only misspellings with exactly one
    /// possible correction, and drops every entry that is an English word in
    /// any US/UK/Canadian list, a foreign word, a word of classic novels
    /// (`shew`, `connexion`), dialect (`goin'`, `nothin'`), a fandom term
    /// (`jutsu`, `Nott`), a cut-off word (`becaus-`) or a slip with two
    /// plausible readings (`ofer`: `offer` or `over`?).
    ///
    /// Names learned from the story and words in the fandom and dialect
    /// lists are never touched; neither are words glued to digits, `_` or
    /// `/`, links and e-mail addresses, words cut off by a dash
    /// (`seperat-`), mixed-case words (`RecieveData`) and all-caps words of
    /// four letters or fewer (acronyms).
    ///
    /// ## Example
    /// `Are you comming?` → `Are you coming?`; `COMMING` → `COMING`.
    ///
    /// ## Fix safety
    /// Safe for lower-case words, capitalised words at the start of a
    /// sentence and all-caps words: the table is unambiguous by
    /// construction and the fix keeps the word's case. A capitalised word in
    /// mid-sentence may be the name of a character or place that the story
    /// mentions only once (names seen twice are learned and skipped), so its
    /// fix is unsafe.
    pub Misspelling, META = ("M001", "misspelling", Words)
}

impl Rule for Misspelling {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, paragraph: &Paragraph<'_>, out: &mut Vec<Diagnostic>) {
        let dictionary = TsvDictionary::built_in();
        find(dictionary, dictionary.longest(), paragraph, out);
    }
}

/// Report every misspelling of `paragraph` that `corrections` knows.
/// Words longer than `longest` bytes are never looked up.
///
/// Most words are no misspelling, so the table is asked first and the
/// context (links, identifiers, cut-off words, protected names) is looked
/// at only for the rare word it knows.
///
/// The runs of letters are found inside the paragraph's words (made
/// once for all word rules; every letter is in one of them), so the text
/// is not scanned again: a word shorter than any misspelling is skipped
/// whole, a word of ASCII letters is its own run, and only the others
/// (`freind's`, `x2y`, `café`) are split by [`ascii_words`].
fn find<C: Corrections + ?Sized>(
    corrections: &C,
    longest: usize,
    paragraph: &Paragraph<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let shortest = corrections.shortest();
    // Where words not in lower case are folded for the look-up; allocated
    // once per paragraph, at the first such word.
    let mut buffer = String::new();
    for word in paragraph.words().iter() {
        let len = word.len();
        if len < shortest {
            continue;
        }
        // A word of ASCII letters only, the bulk of prose, is its own run
        // (any other length is no misspelling); the table's filter, which
        // ignores case, rules out nearly all of them before any folding.
        if word.is_ascii_letters() {
            if len <= longest
                && corrections.may_correct_key(word.key(), len)
                && corrections.may_correct(word.text())
            {
                check(corrections, paragraph, word.range(), &mut buffer, out);
            }
            continue;
        }
        let at = word.range().start;
        for run in ascii_words(word.text()) {
            let (start, end) = (at + run.start, at + run.end);
            if end - start <= longest
                && end - start >= shortest
                && corrections.may_correct(&paragraph.text[start..end])
            {
                check(corrections, paragraph, start..end, &mut buffer, out);
            }
        }
    }
}

/// Report the run of letters at `start..end` if it is a misspelling.
fn check<C: Corrections + ?Sized>(
    corrections: &C,
    paragraph: &Paragraph<'_>,
    Range { start, end }: Range<usize>,
    buffer: &mut String,
    out: &mut Vec<Diagnostic>,
) {
    let text = paragraph.text;
    let word = &text[start..end];
    let Some(fixed) = corrected(corrections, word, buffer) else {
        return;
    };
    if !stands_alone(text, start, end) || looks_like_link_or_code(chunk_around(text, start, end)) {
        return;
    }
    let vocabulary = paragraph.vocabulary;
    if vocabulary.is_protected(word) || vocabulary.is_name(word) {
        return;
    }
    let capitalised = word.starts_with(|c: char| c.is_ascii_uppercase())
        && word[1..].bytes().all(|b| b.is_ascii_lowercase());
    let fix = if capitalised && !starts_sentence(text, start) {
        Fix::unsafe_(start..end, fixed.clone())
    } else {
        Fix::safe(start..end, fixed.clone())
    };
    out.push(Diagnostic {
        code: Misspelling::META.code,
        message: format!("`{word}` is a misspelling of `{fixed}`"),
        range: start..end,
        fix: Some(fix),
    });
}

/// The correction of `word` in `word`'s case pattern: `comming` →
/// `coming`, `Comming` → `Coming`, `COMMING` → `COMING`. Mixed case
/// (`ComMing`, `RecieveData`) and short all-caps words (acronyms) get none.
fn corrected<C: Corrections + ?Sized>(
    corrections: &C,
    word: &str,
    buffer: &mut String,
) -> Option<String> {
    // Most words are lower case already and are looked up as they are; the
    // others are folded into `buffer` (words past 64 bytes are no slips).
    let lower = if word.bytes().all(|b| b.is_ascii_lowercase()) {
        word
    } else if word.len() > 64 {
        return None;
    } else {
        buffer.clear();
        buffer.push_str(word);
        buffer.make_ascii_lowercase();
        buffer.as_str()
    };
    let rest = &word[1..];
    let correction = corrections.correction(lower)?;
    if word == lower {
        Some(correction.to_string())
    } else if rest.bytes().all(|b| b.is_ascii_lowercase()) {
        let mut fixed = correction.to_string();
        fixed[..1].make_ascii_uppercase();
        Some(fixed)
    } else if word.bytes().all(|b| b.is_ascii_uppercase()) && word.len() > 4 {
        Some(correction.to_ascii_uppercase())
    } else {
        None
    }
}

/// The run of non-whitespace around the word at `start..end`.
fn chunk_around(text: &str, start: usize, end: usize) -> &str {
    let from = text[..start].rfind(char::is_whitespace).map_or(0, |at| {
        at + text[at..].chars().next().map_or(1, char::len_utf8)
    });
    let to = text[end..]
        .find(char::is_whitespace)
        .map_or(text.len(), |at| end + at);
    &text[from..to]
}

/// URLs, e-mail addresses, inline code and HTML attributes are not prose.
fn looks_like_link_or_code(chunk: &str) -> bool {
    chunk.contains("://")
        || chunk.contains("www.")
        || chunk.contains('`')
        || chunk.contains("=\"")
        || chunk
            .split_once('@')
            .is_some_and(|(_, host)| host.contains('.'))
}

/// Byte ranges of the words of `text` that are all ASCII: runs of
/// letters, with inner apostrophes splitting a possessive or contraction
/// off (`freind's` → `freind`). A run with any other letter (`café`) is
/// skipped whole, as the table is ASCII. Bytes are tested one by one and
/// only non-ASCII characters are decoded.
fn ascii_words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    // The length of the character at `at` (a char boundary), if a letter.
    let letter_at =
        |at: usize| char_at(text, at).and_then(|(c, width)| is_alphabetic(c).then_some(width));
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() {
            let Some(width) = letter_at(at) else {
                at += char_at(text, at).map_or(1, |(_, width)| width);
                continue;
            };
            let start = at;
            let mut ascii = width == 1;
            at += width;
            while at < bytes.len() {
                if bytes[at].is_ascii_alphabetic() {
                    at += 1;
                } else if let Some(width) = letter_at(at) {
                    ascii = false;
                    at += width;
                } else {
                    break;
                }
            }
            if ascii {
                return Some(start..at);
            }
        }
        None
    })
}

/// Whether the word at `start..end` is a whole word of prose, not part of
/// an identifier (`recieve_data`, `file2`, `and/or`), the tail of a
/// contraction (`didn't`), the part after a short prefix or a stutter
/// (`pre-empted`, `Com-comming`) or a word cut off by a dash (`seperat-`,
/// `thoug—`). A hyphen before a lower-case letter joins a compound
/// (`fourty-two`), and a possessive is looked up by its stem (`freind's`).
fn stands_alone(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let mut after = text[end..].chars();
    let next = after.next();
    let glued = |c: Option<char>| {
        c.is_some_and(|c| c.is_ascii_digit() || matches!(c, '_' | '/' | '\\' | '@' | '#' | '='))
    };
    if glued(before) || glued(next) || after_short_prefix(text, start) {
        return false;
    }
    if let Some(quote @ ('\'' | '’')) = before
        && text[..start - quote.len_utf8()].ends_with(is_alphabetic)
    {
        return false;
    }
    match next {
        Some('-') => after.next().is_some_and(char::is_lowercase),
        Some('–' | '—' | '―') => false,
        Some('\'' | '’') => after.next().is_none_or(|c| c != 't' && c != 'T'),
        _ => true,
    }
}

/// `pre-empted`, `co-operate`, `Sa-Sasuke`: the part after one to three
/// letters and a hyphen is no word of its own. Looks back at most five
/// characters.
fn after_short_prefix(text: &str, start: usize) -> bool {
    let mut back = text[..start].chars().rev();
    if back.next() != Some('-') {
        return false;
    }
    let prefix = back.take(4).take_while(|&c| is_alphabetic(c)).count();
    (1..=3).contains(&prefix)
}

/// What may stand between a sentence's end and its first word.
const LEAD_IN: &[char] = &[
    '"', '“', '”', '\'', '‘', '’', '(', '[', '*', '_', '~', '>', '«', '»',
];

/// Whether the word at `start` begins a sentence: only spaces and
/// [`LEAD_IN`] marks stand between it and the paragraph start or a `.`,
/// `!`, `?`, `…` or `:`. (Each gap is scanned once: linear time.)
fn starts_sentence(text: &str, start: usize) -> bool {
    for c in text[..start].chars().rev() {
        if matches!(c, '.' | '!' | '?' | '…' | ':') {
            return true;
        }
        if !c.is_whitespace() && !LEAD_IN.contains(&c) {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::{Misspelling, find};
    use crate::rules::engine::RuleOptions;
    use crate::rules::misspellings::TsvDictionary;
    use crate::rules::testing::{
        assert_fixes, assert_no_diagnostics, assert_reported_not_fixed, diagnostics,
    };
    use crate::rules::{Applicability, Diagnostic, Paragraph, Vocabulary};

    #[test]
    fn fixes_the_seeds_misspellings() {
        assert_fixes(
            &Misspelling,
            "So Sakura, are you comming?",
            "So Sakura, are you coming?",
        );
        assert_fixes(
            &Misspelling,
            "Naruto stepped back in disbeleif.",
            "Naruto stepped back in disbelief.",
        );
        assert_fixes(
            &Misspelling,
            "the confustion he felt, untill then",
            "the confusion he felt, until then",
        );
    }

    #[test]
    fn keeps_the_case_pattern() {
        assert_fixes(&Misspelling, "Comming!", "Coming!");
        assert_fixes(
            &Misspelling,
            "\"Recieve it.\" Definately.",
            "\"Receive it.\" Definitely.",
        );
        assert_fixes(&Misspelling, "I'M COMMING!", "I'M COMING!");
        assert_no_diagnostics(&Misspelling, "ComMing and RecieveData");
    }

    #[test]
    fn message_names_both_words() {
        let found = diagnostics(&Misspelling, "He was comming.");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "`comming` is a misspelling of `coming`");
        assert_eq!(found[0].range, 7..14);
    }

    #[test]
    fn fixes_possessives_and_compounds_by_their_word() {
        assert_fixes(&Misspelling, "my freind's house", "my friend's house");
        assert_fixes(&Misspelling, "fourty-two of them", "forty-two of them");
    }

    #[test]
    fn a_capitalised_word_mid_sentence_may_be_a_name() {
        assert_reported_not_fixed(&Misspelling, "They rode to Wierd at dawn.");
        // Seen twice mid-sentence, it is a learned name and never reported.
        assert_no_diagnostics(&Misspelling, "They rode to Wierd at dawn, and Wierd slept.");
    }

    #[test]
    fn leaves_links_identifiers_and_cut_off_words_alone() {
        for text in [
            "See https://example.com/recieve and www.recieve.org now.",
            "Mail recieve@example.com today.",
            "Call recieve_data or recieve2 and/recieve.",
            "`recieve` is code, <span class=\"recieve\">too</span>.",
            "\"I never recieve- Oh!\" and \"Definately—\"",
            "She had to re-recieve it. Com-comming!",
            "Real words: wether, calender, alright, colour, realise, shew, connexion.",
            "The ACHE and the TEH.",
        ] {
            assert_no_diagnostics(&Misspelling, text);
        }
    }

    /// With a table that "corrects" names, fandom terms and dialect, the
    /// vocabulary guards are what keeps them.
    #[test]
    fn never_touches_names_fandom_terms_or_dialect() {
        let table = TsvDictionary::parse(
            "sasuke\tsausage\nkakashi\tkaraoke\nsensei\tsense\nchakra\tchalk\njutsu\tjust\n\
             goin\tgoing\nnothin\tnothing\ncomming\tcoming\n",
        );
        let text = "Sasuke and Kakashi-sensei felt the chakra of the jutsu. \"Goin' \
                    nothin' but comming,\" said Sasuke to Kakashi.";
        let vocabulary = Vocabulary::learn(text);
        let options = RuleOptions::default();
        let paragraph = Paragraph::new(text, false, &vocabulary, &options);
        let mut found: Vec<Diagnostic> = Vec::new();
        find(&table, table.longest(), &paragraph, &mut found);
        let words: Vec<&str> = found.iter().map(|d| &text[d.range.clone()]).collect();
        assert_eq!(words, ["comming"]);
        assert!(
            found[0]
                .fix
                .as_ref()
                .is_some_and(|fix| fix.applicability == Applicability::Safe)
        );
    }

    #[test]
    fn real_names_and_terms_are_not_in_the_table() {
        assert_no_diagnostics(
            &Misspelling,
            "Sasuke, Kakashi-sensei, Tsunade-sama, chakra, jutsu, Rasengan, Expelliarmus, \
             Nott, goin', nothin', gonna, y'all, 'em.",
        );
    }

    /// The byte-wise scan finds exactly the ASCII runs of letters that
    /// splitting on `!char::is_alphabetic` finds.
    #[test]
    fn ascii_words_are_the_ascii_runs_of_letters() {
        let text = "A café, don’t freind's x2y naïve\u{A0}Ünter über-recieve ß!";
        let expected: Vec<&str> = text
            .split(|c: char| !c.is_alphabetic())
            .filter(|word| !word.is_empty() && word.is_ascii())
            .collect();
        let found: Vec<&str> = super::ascii_words(text).map(|r| &text[r]).collect();
        assert_eq!(found, expected);
    }
}
