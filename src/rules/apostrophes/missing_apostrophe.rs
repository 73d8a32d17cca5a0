use std::sync::LazyLock;

use crate::declare_rule;
use crate::rules::words::evidence::Evidence;
use crate::rules::words::text::{
    KeyMap, Words, is_lowercase, is_shouted, key, suggestion, with_case_of,
};
use crate::rules::{Applicability, Diagnostic, Paragraph, Rule, RuleMeta};

declare_rule! {
    /// A contraction written without its apostrophe: `dont`, `Thats`, `im`.
    ///
    /// ## Why
    /// `dont` is not a word; the apostrophe marks the missing letters. Some
    /// bare forms are other words and are never touched: `cant`, `ill`,
    /// `well`, `were`, `shed`, `hell`, `its`, `id`, `wed` (and `wont`, which
    /// W007 handles), nor `aint`, which is dialect, nor `hes`, which is
    /// dialect for `his` (Joyce's `in hes bit garten`). `'im` (him) is
    /// dialect too.
    ///
    /// ## Example
    /// `"Whats wrong?"` → `"What's wrong?"`; `Thats not all!` → `That's not
    /// all!`; `DONT` → `DON'T`; `Lets go!` → `Let's go!`
    ///
    /// ## Fix safety
    /// Some writers leave apostrophes out on purpose: Joyce's Molly Bloom
    /// writes `dont`, `Im` and `thats` for pages. So the fix is safe only in
    /// a paragraph that writes at least as many contractions of the same
    /// family (`n't`, or pronoun + `'m/'re/'ve/'ll/'s`) with their
    /// apostrophe as without (`He's... I'm sure... Thats not all!`), and
    /// unsafe elsewhere. `lets` is `let's` only at a sentence start or after
    /// `come`/`okay` and before a verb (`go`, `see`, `do`...): `she lets go`
    /// is right. All-capital `IM` (instant message) is left alone.
    pub MissingApostrophe, META = ("A001", "missing-apostrophe", Words)
}

/// Bare `n't` contractions and their spelling.
#[rustfmt::skip]
const NOT: &[(&str, &str)] = &[
    ("dont", "don't"), ("didnt", "didn't"), ("doesnt", "doesn't"), ("isnt", "isn't"),
    ("wasnt", "wasn't"), ("werent", "weren't"), ("couldnt", "couldn't"),
    ("wouldnt", "wouldn't"), ("shouldnt", "shouldn't"), ("hasnt", "hasn't"),
    ("havent", "haven't"), ("hadnt", "hadn't"), ("arent", "aren't"), ("mustnt", "mustn't"),
];
/// Bare pronoun contractions and their spelling.
#[rustfmt::skip]
const PRONOUN: &[(&str, &str)] = &[
    ("im", "I'm"), ("ive", "I've"), ("youre", "you're"), ("youve", "you've"),
    ("youll", "you'll"), ("theyre", "they're"), ("theyve", "they've"), ("thats", "that's"),
    ("whats", "what's"), ("theres", "there's"), ("wheres", "where's"), ("heres", "here's"),
    ("whos", "who's"), ("shes", "she's"),
];
/// A bare form, its contraction and whether it is a `n't` one.
type Bare = (&'static str, &'static str, bool);

/// [`NOT`] and [`PRONOUN`] in one map, for one look-up per word: each bare
/// form by key (a
/// bare form of a whole key's length, `shouldnt`, is compared whole).
static BARE: LazyLock<KeyMap<Option<Bare>>> = LazyLock::new(|| {
    let mut bare = KeyMap::default();
    let not = NOT.iter().map(|&(word, to)| (word, to, true));
    let pronoun = PRONOUN.iter().map(|&(word, to)| (word, to, false));
    for entry in not.chain(pronoun) {
        *bare.entry(key(entry.0)) = Some(entry);
    }
    bare
});
const LETS: u64 = key("lets");
const IM: u64 = key("im");
const IVE: u64 = key("ive");

/// Verbs after which `lets` is `let's` (`lets go`).
const LET_VERBS: &[&str] = &[
    "go", "see", "do", "get", "be", "have", "try", "just", "start", "eat",
];

impl Rule for MissingApostrophe {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, paragraph: &Paragraph<'_>, out: &mut Vec<Diagnostic>) {
        let words = paragraph.words();
        // Once per paragraph, not per word: the lazy table's check.
        let bare_forms = &*BARE;
        let mut evidence: Option<Evidence> = None;
        for (i, word) in words.iter().enumerate() {
            let key = word.key();
            let (contracted, not) = match bare_forms.get(key) {
                Some(&Some((bare, to, not))) if words.is(i, bare) => (to, not),
                _ if key == LETS && lets_is_let_us(words, i) => ("let's", false),
                _ => continue,
            };
            // `'im` is dialect for him, `Im-...pure` a cut-off word, `IM` an
            // instant message.
            let elided = words.gap_before(i).ends_with(['\'', '’']) || words.cut_off(i);
            let shouted_pronoun = is_shouted(word.text) && matches!(key, IM | IVE);
            let mixed = word.text.chars().skip(1).any(char::is_uppercase) && !is_shouted(word.text);
            if elided || shouted_pronoun || mixed || paragraph.vocabulary.is_protected(word.text) {
                continue;
            }
            let evidence = *evidence.get_or_insert_with(|| Evidence::of(words));
            let apostrophised = if not { evidence.nt } else { evidence.pronoun };
            let applicability = if apostrophised {
                Applicability::Safe
            } else {
                Applicability::Unsafe
            };
            let fixed = words.with_apostrophe(&with_case_of(word.text, contracted));
            out.push(suggestion(
                Self::META.code,
                word.range.clone(),
                fixed.clone(),
                format!("`{}` → `{fixed}`", word.text),
                Some(applicability),
            ));
        }
    }
}

/// `lets` + a verb, starting a sentence or after `come`/`okay`.
fn lets_is_let_us(words: &Words<'_>, i: usize) -> bool {
    let opens = words.starts_sentence(i)
        || i.checked_sub(1).is_some_and(|p| {
            words.joined(p) && words.is_any(p, &["come", "okay", "ok", "alright"])
        });
    opens && words.joined(i) && words.is_any(i + 1, LET_VERBS) && is_lowercase(words.text(i + 1))
}

#[cfg(test)]
mod tests {
    use super::MissingApostrophe;
    use crate::rules::testing::{assert_fixes, assert_no_diagnostics, assert_reported_not_fixed};

    #[test]
    fn fixes_the_seeds() {
        assert_fixes(
            &MissingApostrophe,
            "\"Whats wrong? \" He's.. He's going. I'm sure he left. Thats not all!",
            "\"What's wrong? \" He's.. He's going. I'm sure he left. That's not all!",
        );
    }

    #[test]
    fn fixes_where_the_writer_uses_apostrophes() {
        for (text, expected) in [
            ("I dont know. I can't.", "I don't know. I can't."),
            ("DONT! I didn't.", "DON'T! I didn't."),
            ("im here, it’s fine", "I’m here, it’s fine"),
            ("Lets go, it's late.", "Let's go, it's late."),
            ("Come lets go, it's late.", "Come let's go, it's late."),
        ] {
            assert_fixes(&MissingApostrophe, text, expected);
        }
    }

    #[test]
    fn without_evidence_it_is_unsafe() {
        assert_reported_not_fixed(&MissingApostrophe, "I dont like a man you have to climb");
        assert_reported_not_fixed(&MissingApostrophe, "Im sure I’ll be thats all");
    }

    #[test]
    fn real_words_and_dialect_pass() {
        for text in [
            "I cant, ill, well, were, shed, hell, its, id, wed, wont, aint.",
            "I told 'im he was bein' stupid! He's a good man.",
            "She lets go of his hand. It's fine.",
            "The potion lets you see. It's odd.",
            "Send me an IM. It's fine.",
            "*‘Im-...pure…beam…’* I’m sure.",
            "The Whos of Whoville sang. The Whos danced.",
        ] {
            assert_no_diagnostics(&MissingApostrophe, text);
        }
    }
}
