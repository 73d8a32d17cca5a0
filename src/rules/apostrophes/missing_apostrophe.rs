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
    /// is right. All-capital `IM` (instant message) is left alone, and so
    /// is a bare form after `the` (`the whats and the whys`) and French
    /// `dont` before `je`, `il`, `nous`... (`la femme dont je parle`). The
    /// fix is unsafe where the bare form may be another word: `Im` before a
    /// capitalised word (the Korean surname in `Im Jaebum`, German `im
    /// Haus`), a pronoun form ending a clause (`'s`, `'m`... never do: `the
    /// whys and wheres.`) or capitalised mid-phrase (`all Whos down in
    /// Whoville`), and `dont on` (French `ce dont on parle`).
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

/// The keys of the words this rule starts from: the bare forms and `lets`.
/// The rule walks only the paragraph's [`WordIndex::hits`], so they are in
/// its filter.
///
/// [`WordIndex::hits`]: crate::rules::words::index::WordIndex::hits
pub(crate) fn start_keys() -> impl Iterator<Item = u64> {
    NOT.iter()
        .chain(PRONOUN)
        .map(|&(word, _)| key(word))
        .chain([LETS])
}
const IM: u64 = key("im");
const IVE: u64 = key("ive");
const DONT: u64 = key("dont");

/// French pronouns: `la femme dont je parle` is French, never `don't`.
const FRENCH_PRONOUNS: &[&str] = &["je", "tu", "il", "elle", "nous", "vous", "ils", "elles"];

/// How sure a bare form is its contraction, from its neighbours.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reading {
    /// Nothing speaks against it: the fix's safety follows the evidence.
    Contraction,
    /// It may be another word: the fix is unsafe at best.
    Doubtful,
    /// It is another word: no report.
    Other,
}

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
        for &(key, i) in paragraph.word_index().hits() {
            let Some(word) = words.get(i) else {
                continue;
            };
            let (contracted, not) = match bare_forms.get(key) {
                Some(&Some((bare, to, not))) if words.is(i, bare) => (to, not),
                _ if key == LETS && lets_is_let_us(words, i) => ("let's", false),
                _ => continue,
            };
            // `'im` is dialect for him, `Im-...pure` a cut-off word, `IM` an
            // instant message.
            let elided = words.gap_before(i).ends_with(['\'', '’']) || words.cut_off(i);
            let text = word.text();
            let shouted_pronoun = is_shouted(text) && matches!(key, IM | IVE);
            let mixed = text.chars().skip(1).any(char::is_uppercase) && !is_shouted(text);
            if elided || shouted_pronoun || mixed || paragraph.vocabulary.is_protected(text) {
                continue;
            }
            let reading = reading(words, i, key, not);
            if reading == Reading::Other {
                continue;
            }
            let evidence = *evidence.get_or_insert_with(|| Evidence::of(words));
            let apostrophised = if not { evidence.nt } else { evidence.pronoun };
            let applicability = if apostrophised && reading == Reading::Contraction {
                Applicability::Safe
            } else {
                Applicability::Unsafe
            };
            let fixed = words.with_apostrophe(&with_case_of(text, contracted));
            out.push(suggestion(
                Self::META.code,
                word.range(),
                fixed.clone(),
                format!("`{text}` → `{fixed}`"),
                Some(applicability),
            ));
        }
    }
}

/// Whether bare form `i` (with key `key`; `not` for a `n't` one) reads as
/// its contraction where it stands.
fn reading(words: &Words<'_>, i: usize, key: u64, not: bool) -> Reading {
    let next_is = |targets: &[&str]| words.joined(i) && words.is_any(i + 1, targets);
    if not {
        // French `la femme dont je parle`; `dont on` may be English (`I
        // dont on Sundays`) or French (`ce dont on parle`).
        let next_lower = is_lowercase(words.text(i + 1));
        return match key {
            DONT if next_lower && next_is(FRENCH_PRONOUNS) => Reading::Other,
            DONT if next_lower && next_is(&["on"]) => Reading::Doubtful,
            _ => Reading::Contraction,
        };
    }
    // No contraction follows `the`: `the whats and the whys`, `the Im
    // family`.
    if words.follows_any(i, &["the"]) {
        return Reading::Other;
    }
    // `'s`, `'m`, `'re`, `'ve` and `'ll` never end a clause, plural nouns
    // do: `the whys and wheres.`, `which are hes and which are shes.`
    let clause_ends = words.ends_clause(i);
    // Capitalised mid-phrase, a name: `all Whos down in Whoville` (not
    // `said, "Thats`). Before one, `Im` may be the Korean surname (`Im
    // Jaebum`) or German (`im Haus`). A comma may follow `I'm, um, fine`:
    // unsafe too, as it cannot be told from `the whys and wheres, the hows`.
    let capital = |text: &str| text.starts_with(|c: char| c.is_uppercase());
    let mid_phrase = i.checked_sub(1).is_some_and(|p| words.joined(p));
    let named = !matches!(key, IM | IVE) && capital(words.text(i)) && mid_phrase;
    let before_name = key == IM && words.joined(i) && capital(words.text(i + 1));
    if clause_ends || named || before_name {
        Reading::Doubtful
    } else {
        Reading::Contraction
    }
}

/// `lets` + a verb, starting a sentence or after `come`/`okay`.
fn lets_is_let_us(words: &Words<'_>, i: usize) -> bool {
    let opens =
        words.starts_sentence(i) || words.follows_any(i, &["come", "okay", "ok", "alright"]);
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
            "C'est la femme dont je parle, dont il rêve.",
            "I'm sure it's the whats that matter.",
        ] {
            assert_no_diagnostics(&MissingApostrophe, text);
        }
    }

    #[test]
    fn other_words_and_names_are_unsafe() {
        for text in [
            "\"I'm sure Im Jaebum will come,\" she said.",
            "Im Nayeon smiled. I'm sure.",
            "Er ist im Haus. I'm sure.",
            "I'm sure it's about the whys and wheres.",
            "It's a question of which are hes and which are shes.",
            "It's all Whos down in Whoville.",
            "I don't, I dont on Sundays.",
        ] {
            assert_reported_not_fixed(&MissingApostrophe, text);
        }
    }

    #[test]
    fn fixes_beside_lower_case_words_and_mid_clause() {
        for (text, expected) in [
            ("I'm sure im going.", "I'm sure I'm going."),
            ("Im sorry, it's late.", "I'm sorry, it's late."),
            ("I'm sure Ive seen it.", "I'm sure I've seen it."),
            ("It's late and shes gone.", "It's late and she's gone."),
            ("It's all thats left.", "It's all that's left."),
            ("It's late, \" Thats all!", "It's late, \" That's all!"),
            ("I don't, I dont.", "I don't, I don't."),
        ] {
            assert_fixes(&MissingApostrophe, text, expected);
        }
    }
}
