use crate::declare_rule;
use crate::rules::words::evidence::is_punctuated;
use crate::rules::words::text::{is_lowercase, is_shouted, same_word, suggestion};
use crate::rules::{Applicability, Diagnostic, Paragraph, Rule, RuleMeta};

declare_rule! {
    /// A word written twice in a row: `the the`.
    ///
    /// ## Why
    /// A slip of editing the eye skips over. But many doubles are meant:
    /// `had had`, `that that`, `what it is is`, `my my`, `hee hee`, `pretty
    /// pretty`, `came to to find`, `getting at at this hour`, `moved on on
    /// Tuesday`, `Bora Bora`. Stutters are written with hyphens (`I-I`,
    /// `N-no`) and are one word here, never a repeat.
    ///
    /// ## Example
    /// `He opened the the door.` → `He opened the door.`
    ///
    /// ## Fix safety
    /// Safe only for words whose double is never grammatical: `the`, `a`,
    /// `an`, `and`, `your`, `their`; and then not in a
    /// stammer (`And and and`, `the the known...`, `a a—`) nor in an
    /// unpunctuated stream of consciousness (Molly Bloom's `engaged for for
    /// fun`), where the double may be the writer's. A doubled preposition
    /// may end one phrase and start the next (`the lengths they will go to
    /// to protect`, `looking for for the better part`, even before a name or
    /// a determiner: `Ron had agreed to to Hermione's surprise`, `a life she
    /// had grown used to to a certain extent`): `to`, `for`, `of`, `with`,
    /// `from` get an unsafe fix. Doubled auxiliaries and
    /// conjunctions (`was was`, `but but`) are reported without a fix
    /// (`I told you you should`, `as I read it it seemed` are right, so
    /// doubled pronouns are not); doubled content words and interjections
    /// (`hee hee`, `tiny tiny`) are left alone, as are words across
    /// punctuation (`in. In`) and capitalised pairs (`Bora Bora`). A pair in
    /// capitals (`THE THE`) is treated as the same pair in lower case; so
    /// `NO NO` and `BYE BYE`, like `no no` and `bye bye`, pass.
    pub RepeatedWord, META = ("W013", "repeated-word", Words)
}

/// Words never meant twice in a row.
const NEVER_DOUBLED: &[&str] = &["the", "a", "an", "and", "your", "their"];
/// Prepositions: doubled when one phrase ends and the next begins.
const PREPOSITIONS: &[&str] = &["to", "for", "of", "with", "from"];
/// Function words whose double is almost always a slip, but not always
/// (`it it` in a stammer): reported, not fixed.
#[rustfmt::skip]
const REPORTED: &[&str] = &[
    "i", "he", "she", "we", "they", "me", "him", "us", "his", "its", "our", "was", "were", "are",
    "be", "been", "will", "would", "can", "could", "should", "have", "has", "did", "does", "but",
    "or", "if", "when", "as", "than", "then", "this", "these", "those", "which", "where", "not",
    "each", "every", "some", "any", "into", "onto", "upon", "about", "after", "before", "because",
    "while", "until", "without", "including", "between",
];

impl Rule for RepeatedWord {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, paragraph: &Paragraph<'_>, out: &mut Vec<Diagnostic>) {
        let words = paragraph.words();
        let mut punctuated = None;
        // Equal keys first: one comparison rules out nearly every pair, and
        // each word's key is read once.
        let mut previous_key = words.key(0);
        for i in 1..words.len() {
            let key = words.key(i);
            let same_key = key == previous_key;
            previous_key = key;
            if !same_key {
                continue;
            }
            let (Some(first), Some(second)) = (words.get(i - 1), words.get(i)) else {
                continue;
            };
            // Folded forms compare as `same_word` does, without decoding.
            if words.folded(i - 1) != words.folded(i) || !words.joined(i - 1) {
                continue;
            }
            // `The the` at a sentence start is a slip; `Bora Bora`, `A a`
            // (a grade, a vitamin) are not. A shouted `THE THE` is judged as
            // `the the` is, but not a shouted letter (`A A`, `I I`).
            let shouted = is_shouted(first.text()) && is_shouted(second.text());
            let capitalised = !is_lowercase(first.text()) && !words.starts_sentence(i - 1);
            if !shouted && (capitalised || !is_lowercase(second.text())) {
                continue;
            }
            let never = words.is_any(i, NEVER_DOUBLED);
            let preposition = words.is_any(i, PREPOSITIONS);
            if !(never || preposition || words.is_any(i, REPORTED))
                || paragraph.vocabulary.is_protected(second.text())
            {
                continue;
            }
            let stammer =
                (i >= 2 && words.joined(i - 2) && same_word(words.text(i - 2), second.text()))
                    || (words.joined(i) && same_word(words.text(i + 1), second.text()))
                    || hesitates(paragraph.text, second.range().end);
            let punctuated =
                *punctuated.get_or_insert_with(|| is_punctuated(words, paragraph.text));
            let applicability = if stammer || !punctuated {
                None
            } else if never {
                Some(Applicability::Safe)
            } else if preposition {
                Some(Applicability::Unsafe)
            } else {
                None
            };
            let range = first.range().end..second.range().end;
            out.push(suggestion(
                Self::META.code,
                range,
                String::new(),
                format!("`{} {}`: repeated word", first.text(), second.text()),
                applicability,
            ));
        }
    }
}

/// How far after a double to look for a hesitation mark.
const HESITATION_REACH: usize = 40;

/// Whether speech falters soon after `from` (`the the known...`,
/// `a a—`): the double is a stammer the writer meant.
fn hesitates(text: &str, from: usize) -> bool {
    let rest = text.get(from..).unwrap_or("");
    let mut previous = ' ';
    for (at, c) in rest.char_indices() {
        if at > HESITATION_REACH || matches!(c, '!' | '?') {
            return false;
        }
        match c {
            '…' | '—' => return true,
            '.' | '-' if previous == c => return true,
            '.' => {}
            _ if previous == '.' => return false,
            _ => {}
        }
        previous = c;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::RepeatedWord;
    use crate::rules::testing::{assert_fixes, assert_no_diagnostics, assert_reported_not_fixed};

    #[test]
    fn removes_doubled_function_words() {
        for (text, expected) in [
            ("He opened the the door.", "He opened the door."),
            ("The the door.", "The door."),
            ("in a a\ncountry", "in a\ncountry"),
            ("HE OPENED THE THE DOOR.", "HE OPENED THE DOOR."),
        ] {
            assert_fixes(&RepeatedWord, text, expected);
        }
    }

    #[test]
    fn other_doubles_are_reported() {
        assert_reported_not_fixed(&RepeatedWord, "He was was late.");
        assert_reported_not_fixed(&RepeatedWord, "He came to to find himself in bed.");
        assert_reported_not_fixed(&RepeatedWord, "the lengths they will go to to protect it");
        assert_reported_not_fixed(&RepeatedWord, "what she had been looking for for years");
        assert_reported_not_fixed(&RepeatedWord, "BLOOM: And\nand and and tell us.");
        assert_reported_not_fixed(&RepeatedWord, "That they have been the the known...");
        let molly = "and I said yes I will yes ".repeat(20) + "I was engaged for for fun";
        assert_reported_not_fixed(&RepeatedWord, &molly);
        assert_reported_not_fixed(&RepeatedWord, "the the the end");
        assert_reported_not_fixed(&RepeatedWord, "HE WAS WAS LATE.");
        assert_reported_not_fixed(&RepeatedWord, "HE CAME TO TO FIND HIMSELF IN BED.");
        // A `to` that ends one phrase before a `to` that starts the next,
        // even before a name or a determiner (a red team's finds).
        for text in [
            "We drove to to Hogwarts.",
            "It was a life she had grown used to to a certain extent.",
            "Ron had agreed to to Hermione's great surprise.",
            "It was the house he'd moved to to Petunia's horror.",
            "It was the song they'd danced to to the end of the night.",
        ] {
            assert_reported_not_fixed(&RepeatedWord, text);
        }
    }

    #[test]
    fn meant_doubles_pass() {
        for text in [
            "He had had enough.",
            "I know that that is true.",
            "What it is is a mess.",
            "My my, what big eyes.",
            "I-I don't know. N-no.",
            "He stopped in. In the hall, he waited.",
            "They flew to Bora Bora.",
            "Moved on on Tuesday.",
            "Room 12 12 times.",
            "Hee hee, tiny tiny feet.",
            "She smiled smiled at him.",
            "I told you you should.",
            "Give her her name.",
            "As I read it it seemed wrong.",
            "Take vitamin A a day.",
            "NO NO NO! BYE BYE!",
            "They flew to BORA BORA.",
            "GET A A PLUS.",
        ] {
            assert_no_diagnostics(&RepeatedWord, text);
        }
    }
}
