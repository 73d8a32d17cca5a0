use crate::declare_rule;
use crate::rules::words::text::{Words, is_lowercase, is_shouted, suggestion, with_case_of};
use crate::rules::{Applicability, Diagnostic, Paragraph, Rule, RuleMeta};

declare_rule! {
    /// `your` where `you're` (you are) is meant: `Your still annoying`.
    ///
    /// ## Why
    /// The possessive and the contraction sound alike; fan fiction mixes
    /// them up more than any other pair. But `your` is also right before an
    /// adjective and its noun (`your still body`, `your just reward`, Van
    /// Helsing's `your so sweet wife`) and before a gerund (`your not
    /// knowing`, `your going to London`), so only closed contexts are fixed.
    ///
    /// ## Example
    /// `"Your still annoying.."` → `"You're still annoying.."`;
    /// `if your alone you'll feel pain` → `if you're alone...`;
    /// `Knowing that your weak as what you are` → `you're weak as`.
    ///
    /// ## Fix safety
    /// Safe where no possessive reading exists: `your gonna`; `your` before a
    /// predicative-only adjective (`alone`, `afraid`, `asleep`, `awake`,
    /// `alive`, `aware`; not `alone time`) at a phrase's end or before a
    /// word that is no noun (`if your alone you'll`; unsafe before another
    /// lower-case word, since `Your awake self` owns one); `your` +
    /// `still/not/so/too/always/never/just` + an article, preposition or
    /// pronoun (`your still the best`), or + one word that ends the sentence (`your so annoying!`,
    /// but not `your still life.`, `your just reward.`, and a gerund only at
    /// a sentence start, since `your always complaining.` can be right; after
    /// `still` and `just` only where a clause begins, `I know your still
    /// mad.`, since `She touched your still body.` is right);
    /// `your` + a closed list of adjectives (`weak`, `late`, `crazy`...)
    /// before `.`, `!`, `?` or `as` (not `as well`), for those that are also
    /// nouns (`sorry`, `crazy`, `weird`, `stupid`, `drunk`, `sure`...) only
    /// where a clause begins (`I know your sorry.`; `Keep your sorry.` and
    /// `Embrace your weird.` get an unsafe fix); a sentence that is
    /// `Your welcome.` or `Your right!`; `your going to` + a verb after a
    /// sentence start or `if`, `because`... Other sentence- or clause-initial
    /// cases get an unsafe fix; anything else is left alone.
    pub YourYoure, META = ("W001", "your-youre", Words)
}

/// After these, `your` is a typo of `you` (`are your awake?`), not of `you're`.
const QUESTION_VERBS: &[&str] = &[
    "are", "were", "aren't", "weren't", "arent", "werent", "do", "did", "don't", "can", "could",
    "will", "would", "should",
];
const ADVERBS: &[&str] = &["still", "not", "so", "too", "always", "never", "just"];
/// After `your` + adverb, these cannot start a noun phrase `your` owns.
const AFTER_ADVERB: &[&str] = &[
    "a", "an", "the", "my", "his", "her", "our", "their", "not", "here", "there", "in", "on", "at",
    "with", "like", "as", "gonna", "supposed", "such", "sure", "that", "one",
];
/// Nouns that an adjectival `still`, `just`... may own: `your still life.`
#[rustfmt::skip]
const NOUNS: &[&str] = &[
    "life", "lives", "water", "waters", "reward", "rewards", "deserts", "desserts", "punishment",
    "cause", "claim", "claims", "due", "dues", "fate", "share", "right", "rights", "anger",
    "wrath",
];
/// Adjectives that cannot stand before a noun.
const PREDICATIVE: &[&str] = &["alone", "afraid", "asleep", "awake", "alive", "aware"];
/// Words that cannot be a noun described by the word before: after
/// `your alone` they show that `alone` ends its phrase (`if your alone
/// you'll`, `your afraid of`).
#[rustfmt::skip]
const NOT_NOUNS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "so", "because", "if", "when", "now", "then", "again",
    "yet", "too", "already", "anymore", "enough", "here", "there", "of", "in", "at", "on", "with",
    "for", "to", "by", "about", "that", "you", "you'll", "youll", "he", "she", "it", "we", "they",
    "all", "tonight", "today",
];
/// Adjectives that are not also nouns (`your fine`, `your dead`, `your
/// okay` are excluded): before `.` or `as` they cannot be possessed.
#[rustfmt::skip]
const ADJECTIVES: &[&str] = &[
    "weak", "late", "early", "crazy", "insane", "stupid", "lucky", "mad", "angry", "jealous",
    "pathetic", "annoying", "hopeless", "ridiculous", "impossible", "unbelievable", "amazing",
    "awesome", "adorable", "beautiful", "gorgeous", "cute", "weird", "scared", "tired", "busy",
    "alright", "sure", "serious", "done", "finished", "ready", "free", "drunk", "useless",
    "worthless", "selfish", "funny", "hilarious", "sorry", "cruel",
];
/// [`ADJECTIVES`] that are also nouns after `your`: `Keep your sorry.`,
/// `Embrace your weird.`, `I'll take your sure as a yes.`
#[rustfmt::skip]
const NOUN_ADJECTIVES: &[&str] = &[
    "sorry", "crazy", "weird", "stupid", "drunk", "sure", "insane", "ridiculous", "awesome",
    "amazing", "beautiful", "cute", "alright",
];
const GOING_VERBS: &[&str] = &[
    "be", "die", "get", "have", "regret", "pay", "love", "hate", "like", "need", "want", "make",
    "kill", "hurt", "lose", "fail", "miss", "stay", "do", "go", "tell", "say", "leave",
];
/// Words after which a clause (and so a subject) begins.
const CLAUSE_OPENERS: &[&str] = &[
    "if", "because", "cause", "cuz", "since", "unless", "think", "guess", "know", "bet", "hope",
    "mean", "sure", "but", "so", "now", "yeah", "oh", "well",
];

impl Rule for YourYoure {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, paragraph: &Paragraph<'_>, out: &mut Vec<Diagnostic>) {
        let words = paragraph.words();
        for i in paragraph.each("your") {
            let (your, next) = (words.text(i), words.text(i + 1));
            if !words.joined(i)
                || !(is_lowercase(next) || is_shouted(your))
                || paragraph.vocabulary.is_protected(your)
            {
                continue;
            }
            let Some(applicability) = judge(words, i) else {
                continue;
            };
            let Some(word) = words.get(i) else { continue };
            let fixed = words.with_apostrophe(&with_case_of(your, "you're"));
            out.push(suggestion(
                Self::META.code,
                word.range(),
                fixed.clone(),
                format!("`{your} {next}` → `{fixed} {next}`"),
                Some(applicability),
            ));
        }
    }
}

/// How sure we are that `your` at `i` means `you're`.
fn judge(words: &Words<'_>, i: usize) -> Option<Applicability> {
    use Applicability::{Safe, Unsafe};
    let (second, third) = (i + 1, i + 2);
    // Folded in ASCII, as every word list is compared: not Unicode, where
    // the Kelvin sign `K` would be `k`.
    let word = words.folded(second);
    if i.checked_sub(1)
        .is_some_and(|p| words.is_any(p, QUESTION_VERBS))
    {
        return None;
    }
    let start = words.starts_sentence(i);
    let opens_clause = start
        || i.checked_sub(1)
            .is_some_and(|p| words.is_any(p, CLAUSE_OPENERS));
    let then = |list: &[&str]| words.joined(second) && words.is_any(third, list);
    match word {
        "gonna" => Some(Safe),
        _ if PREDICATIVE.contains(&word) => {
            if then(&["time", "hours", "moments"]) {
                return None;
            }
            // `Your awake self would never say that.`: a noun may follow.
            let noun_may_follow = words.joined(second)
                && is_lowercase(words.text(third))
                && !words.is_any(third, NOT_NOUNS);
            Some(if noun_may_follow { Unsafe } else { Safe })
        }
        "kidding" | "joking" => {
            let object = then(&["me", "right"]);
            if start && (object || words.ends_sentence(second)) {
                Some(Safe)
            } else {
                object.then_some(Unsafe)
            }
        }
        "welcome" => {
            let by_the_way = words.joined(second) && words.phrase(third, &["by", "the", "way"]);
            (start && (words.ends_sentence(second) || by_the_way)).then_some(Safe)
        }
        "right" if start => match words.next_char(second) {
            Some('.' | '!') => Some(Safe),
            Some(',' | '?') => Some(Unsafe),
            _ => None,
        },
        "going" => {
            let verb = words.phrase(second, &["going", "to"])
                && words.joined(third)
                && words.is_any(third + 1, GOING_VERBS);
            verb.then_some(if opens_clause { Safe } else { Unsafe })
        }
        _ if ADVERBS.contains(&word) => after_adverb(words, i, start, opens_clause),
        _ if ADJECTIVES.contains(&word) => {
            let ends = matches!(words.next_char(second), Some('.' | '!' | '?' | '…'));
            let as_ = then(&["as"]) && !words.is(third + 1, "well");
            // `Keep your sorry.`: only where a clause begins is the noun
            // reading gone (`I know your sorry.`).
            let noun = NOUN_ADJECTIVES.contains(&word) && !opens_clause;
            (ends || as_).then_some(if noun { Unsafe } else { Safe })
        }
        _ => None,
    }
}

/// `your` + `still/not/so/too/always/never/just` + a third word.
fn after_adverb(
    words: &Words<'_>,
    i: usize,
    start: bool,
    opens_clause: bool,
) -> Option<Applicability> {
    let (adverb, third) = (i + 1, i + 2);
    if !words.joined(adverb) || !is_lowercase(words.text(third)) {
        return None;
    }
    if words.is_any(third, AFTER_ADVERB) {
        return Some(Applicability::Safe);
    }
    if words.is_any(third, NOUNS) {
        return None;
    }
    // `so` and `too` modify adjectives, never a gerund: `your so annoying!`
    let last = words.text(third);
    let gerund =
        last.chars().count() > 4 && last.ends_with("ing") && !words.is_any(adverb, &["so", "too"]);
    if words.ends_sentence(third) && (start || !gerund) {
        // `still` and `just` are adjectives too, and the last word may be
        // the noun they describe (`She touched your still body.`, `your
        // just king.`): only where a clause begins is that reading gone.
        let adjective = words.is_any(adverb, &["still", "just"]) && !opens_clause;
        return Some(if adjective {
            Applicability::Unsafe
        } else {
            Applicability::Safe
        });
    }
    opens_clause.then_some(Applicability::Unsafe)
}

#[cfg(test)]
mod tests {
    use super::YourYoure;
    use crate::rules::testing::{assert_fixes, assert_no_diagnostics, assert_reported_not_fixed};

    #[test]
    fn fixes_the_seeds() {
        assert_fixes(
            &YourYoure,
            "\"Your still annoying..\"",
            "\"You're still annoying..\"",
        );
        assert_fixes(
            &YourYoure,
            "You told me the if your alone you'll feel pain!",
            "You told me the if you're alone you'll feel pain!",
        );
        assert_fixes(
            &YourYoure,
            "Knowing that your weak as what you are right now.",
            "Knowing that you're weak as what you are right now.",
        );
    }

    #[test]
    fn fixes_closed_contexts() {
        for (text, expected) in [
            ("I know your gonna win.", "I know you're gonna win."),
            ("Your not the boss of me.", "You're not the boss of me."),
            ("Ugh, your so annoying!", "Ugh, you're so annoying!"),
            ("“Your right.” She nodded.", "“You’re right.” She nodded."),
            (
                "\"Your welcome by the way.\"",
                "\"You're welcome by the way.\"",
            ),
            ("YOUR KIDDING ME.", "YOU'RE KIDDING ME."),
            (
                "I think your going to be fine.",
                "I think you're going to be fine.",
            ),
            ("Honestly, your late!", "Honestly, you're late!"),
        ] {
            assert_fixes(&YourYoure, text, expected);
        }
    }

    #[test]
    fn unsure_contexts_are_unsafe() {
        assert_reported_not_fixed(&YourYoure, "If your so sweet wife agrees.");
        assert_reported_not_fixed(&YourYoure, "If your always complaining, leave.");
        assert_reported_not_fixed(&YourYoure, "If your so smart, why?");
        assert_reported_not_fixed(&YourYoure, "Your right, sir, is not in question.");
        // `still` and `just` as adjectives before the noun that ends the
        // sentence: safe fixes broke these.
        assert_reported_not_fixed(&YourYoure, "She touched your still body.");
        assert_reported_not_fixed(&YourYoure, "He bowed to your just king.");
        assert_fixes(
            &YourYoure,
            "I know your still mad.",
            "I know you're still mad.",
        );
    }

    #[test]
    fn adjectives_that_are_also_nouns_are_unsafe_mid_clause() {
        for text in [
            "I don't want your sorry.",
            "Keep your sorry.",
            "I don't need your crazy.",
            "Embrace your weird.",
            "I can't deal with your stupid.",
            "Come collect your drunk!",
            "I'll take your sure as a yes.",
            "Your awake self would never say that.",
        ] {
            assert_reported_not_fixed(&YourYoure, text);
        }
        for (text, expected) in [
            ("I know your sorry.", "I know you're sorry."),
            ("Your crazy!", "You're crazy!"),
            ("Ugh, your late!", "Ugh, you're late!"),
            ("If your awake, come.", "If you're awake, come."),
            ("Your awake now.", "You're awake now."),
        ] {
            assert_fixes(&YourYoure, text, expected);
        }
    }

    #[test]
    fn possessives_pass() {
        for text in [
            "Take care of your so sweet wife!",
            "Tears will be your welcome.",
            "Place the hammer in your right. Then pray.",
            "Can you tell me what went before your going to Transylvania?",
            "None of your not touching of it.",
            "Your weak spot is your left side.",
            "Protect your alone time.",
            "You'll get your just reward.",
            "Your still life was lovely.",
            "She admired your still life.",
            "It was your so-called friend.",
            "I need your okay.",
            "Pay your fine.",
            "Your Majesty is late.",
            "I'm tired of your joking.",
            "I hate your always complaining.",
            "Are your awake?",
            "Were your still waiting?",
            "Your weak as well as your strong points.",
            // U+212A KELVIN SIGN lower-cases to `k` in Unicode, never in ASCII.
            "YOUR \u{212A}IDDING ME.",
        ] {
            assert_no_diagnostics(&YourYoure, text);
        }
    }
}
