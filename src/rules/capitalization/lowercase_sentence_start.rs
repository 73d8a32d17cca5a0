use crate::declare_rule;
use crate::rules::words::evidence::is_punctuated;
use crate::rules::words::text::{Words, is_lowercase, is_shouted, same_word, suggestion};
use crate::rules::{Applicability, Diagnostic, Paragraph, Rule, RuleMeta};

declare_rule! {
    /// A sentence or a line of dialogue that starts with a lower-case
    /// letter: `He left. then she cried.`, `"hello," she said.`
    ///
    /// ## Why
    /// A capital marks where a sentence begins; without it the reader
    /// stumbles. But a full stop does not always end a sentence (`e.g.`,
    /// `etc.`, `vs.`, `p.m.`, `Mr.`), an ellipsis often leads into the same
    /// sentence (`and then... nothing`), `!` and `?` are followed by lower
    /// case in older prose (`Oh! how I wept`), a dialogue tag after a closing
    /// quote is lower case (`"Hi." she said` is a comma slip, not a
    /// capital one), and some words are lower case by design (`iPhone`,
    /// `eBay`).
    ///
    /// ## Example
    /// `He left. then she cried.` → `He left. Then she cried.`
    ///
    /// ## Fix safety
    /// Professionally edited books are full of full stops that end
    /// abbreviations no list can hold (`crim. con. case`, `three per
    /// cent. within`, `Tinct. nux vom.`), and of deliberate slips (Joyce's
    /// `such a bad headache. today. and write`). So the fix is safe only
    /// after a single `.` that ends a sentence of at least three words, the
    /// last a lower-case word of three or more letters that is not a known
    /// abbreviation, in punctuated prose, and only for a word that
    /// typically starts sentences (`the`, `he`, `then`, `but`, `it's`...).
    /// Other starts after `.` get an unsafe fix (nothing at all after a
    /// listed abbreviation, a single letter or `p.m.`; unsafe after `lit.`,
    /// which may be `literally` or `lighted`); a paragraph or line
    /// of dialogue that opens in lower case gets an unsafe fix. Nothing is
    /// reported after `!` and `?` (older prose goes on in lower case after
    /// them: Melville's `Ship, old ship! my old head shakes`, `Who is he?
    /// says Joe`), an ellipsis, a closing quote or an emphasis mark. Lone
    /// `i` is C001's.
    pub LowercaseSentenceStart, META = ("C002", "lowercase-sentence-start", Words)
}

/// Abbreviations a full stop follows without ending the sentence.
#[rustfmt::skip]
const ABBREVIATIONS: &[&str] = &[
    "etc", "vs", "viz", "approx", "cf", "al", "ca", "ibid", "esp", "incl", "min", "mins", "sec",
    "secs", "hr", "hrs", "ft", "lb", "lbs", "oz", "pp", "vol", "vols", "ch", "chap", "fig", "figs",
    "st", "mr", "mrs", "ms", "dr", "jr", "sr", "co", "inc", "ltd", "dept", "govt", "op", "ed",
    "eds", "trans", "rev", "gen", "col", "lt", "sgt", "capt", "prof", "sen", "rep", "ave", "blvd",
    "rd", "mt", "no", "nos", "pt", "pts", "sq", "tel", "est", "misc", "ref", "refs", "cit", "seq",
    "sic", "resp", "abbr", "ff", "mss", "messrs", "mme", "mlle", "esq", "rt", "hon", "cent",
    "crim", "con", "exc", "tem", "in", "yd", "yds", "mo", "wk", "yr", "yrs", "dist", "div",
    "inst", "ult", "prox",
];
/// Abbreviations that are also words ending sentences (`lit.` for
/// literally, `the lamps were lit.`): the fix after them is unsafe.
const WORD_ABBREVIATIONS: &[&str] = &["lit"];
/// Words that begin sentences far more often than they follow an
/// abbreviation: the safe fix is limited to these.
#[rustfmt::skip]
const STARTERS: &[&str] = &[
    "the", "a", "an", "he", "she", "it", "they", "we", "you", "his", "her", "their", "my", "our",
    "its", "this", "that", "these", "those", "there", "then", "but", "so", "when", "what", "why",
    "how", "where", "if", "after", "before", "maybe", "now", "suddenly", "finally", "still",
    "yet", "however", "instead", "not", "no", "yes", "oh", "well", "just", "even", "later",
    "soon", "once", "everyone", "everything", "nobody", "nothing", "someone", "something",
    "he's", "she's", "it's", "they're", "we're", "you're", "that's", "there's", "what's",
];

impl Rule for LowercaseSentenceStart {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, paragraph: &Paragraph<'_>, out: &mut Vec<Diagnostic>) {
        let words = paragraph.words();
        let mut punctuated = None;
        let bytes = paragraph.text.as_bytes();
        for i in after_stops_and_quotes(words, bytes) {
            let Some(word) = words.get(i) else { continue };
            let gap_start = i
                .checked_sub(1)
                .and_then(|p| words.get(p))
                .map_or(0, |p| p.range().end);
            let gap = bytes.get(gap_start..word.range().start).unwrap_or_default();
            let may_start = (i > 0 && gap.first() == Some(&b'.'))
                || gap.last() == Some(&b'"')
                || gap.ends_with("“".as_bytes());
            if !may_start {
                continue;
            }
            let text = word.text();
            let starts_lower = text.chars().next().is_some_and(char::is_lowercase);
            if !starts_lower
                || !is_lowercase(text)
                || text.chars().any(|c| c.is_ascii_digit())
                || text == "i"
                || text.starts_with("i'")
                || text.starts_with("i’")
                || paragraph.vocabulary.is_protected(text)
            {
                continue;
            }
            let Some(applicability) = judge(words, i, || {
                *punctuated.get_or_insert_with(|| is_punctuated(words, paragraph.text))
            }) else {
                continue;
            };
            let mut chars = text.chars();
            let fixed: String = match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => continue,
            };
            out.push(suggestion(
                Self::META.code,
                word.range(),
                fixed.clone(),
                format!("sentence starts in lower case: `{text}` → `{fixed}`"),
                Some(applicability),
            ));
        }
    }
}

/// The words with a `.`, `"` or `“` before them since the word before,
/// each once and in order: `judge` only ever says yes after a full stop or
/// an opening quote. A SIMD search for the marks (0x9C, the last byte of
/// `“`, stands for it) finds them without looking at every word.
fn after_stops_and_quotes<'w>(
    words: &'w Words<'_>,
    bytes: &'w [u8],
) -> impl Iterator<Item = usize> + 'w {
    // The first word starting after the mark: marks come in order, so it
    // only moves forward.
    let mut next = 0;
    let mut given = None;
    memchr::memchr3_iter(b'.', b'"', 0x9C, bytes).filter_map(move |at| {
        while words.get(next).is_some_and(|w| w.range().start <= at) {
            next += 1;
        }
        // None left, or given already (two marks in one gap).
        if next >= words.len() || given == Some(next) {
            return None;
        }
        given = Some(next);
        given
    })
}

/// How sure we are that word `i` starts a sentence and should be capitalised.
fn judge(
    words: &Words<'_>,
    i: usize,
    mut punctuated: impl FnMut() -> bool,
) -> Option<Applicability> {
    let gap = words.gap_before(i);
    // A word that is itself an abbreviation or a domain (`www.site`).
    // `Matt. v. 16`, `Acid. nit. hydrochlor. dil.,`: short words ending in
    // a full stop are abbreviations themselves.
    let after = words.gap_after(i);
    let letters = words.text(i).chars().count();
    let abbreviated = after.starts_with('.') && !after.starts_with("..") && letters <= 4;
    if words.is_any(i, ABBREVIATIONS)
        || (after == "." && i + 1 < words.len())
        || (letters == 1 && !words.is(i, "a"))
        || abbreviated
    {
        return None;
    }
    let Some(previous) = i.checked_sub(1) else {
        return opening(gap, true);
    };
    let mut chars = gap.chars();
    let mark = chars.next();
    let rest = chars.as_str();
    let spaced = !rest.is_empty() && rest.chars().all(char::is_whitespace);
    match mark {
        Some('.') if spaced => {
            let before = words.text(previous);
            let letters = before.chars().filter(|c| c.is_alphabetic()).count();
            // `etc. and`, `p.m. we`, `Mr. smith`, `20-ft. walls`, `Louis
            // XII. of France`: no sentence ends here.
            let last_part = before.rsplit('-').next().unwrap_or(before);
            if ABBREVIATIONS.iter().any(|a| same_word(last_part, a))
                || letters < 2
                || is_shouted(before)
                || words.gap_before(previous).ends_with('.')
                // `Acid. nit. hydrochlor.`: a run of one-word "sentences".
                || !sentence_has_words(words, previous, 2)
            {
                return None;
            }
            // Certain only for a word that starts sentences, after a
            // sentence of a few lower-case words: `crim. con. case`,
            // `Tinct. nux vom.`, `headache. today. and` are not.
            let certain = is_lowercase(before)
                && letters >= 3
                && !words.is_any(previous, WORD_ABBREVIATIONS)
                && words.is_any(i, STARTERS)
                && sentence_has_words(words, previous, 3)
                && punctuated();
            Some(if certain {
                Applicability::Safe
            } else {
                Applicability::Unsafe
            })
        }
        _ => opening(gap, false),
    }
}

/// Whether the sentence ending at word `last` has at least `count` words
/// (looking back no further than that).
fn sentence_has_words(words: &Words<'_>, last: usize, count: usize) -> bool {
    let mut word = last;
    for _ in 1..count {
        let Some(earlier) = word.checked_sub(1) else {
            return false;
        };
        if words
            .gap_before(word)
            .contains(['.', '!', '?', '…', '"', '“', '”'])
        {
            return false;
        }
        word = earlier;
    }
    true
}

/// A line of dialogue opening in lower case: an opening quote at the
/// paragraph's start or after a sentence's end (`She left. "hello`).
fn opening(gap: &str, paragraph_start: bool) -> Option<Applicability> {
    let quoted = gap.strip_suffix(['"', '“'])?;
    let before = quoted.trim_end();
    let after_sentence = before.ends_with(['.', '!', '?']) && !before.ends_with("..");
    let spaced = before.len() < quoted.len();
    ((paragraph_start && before.is_empty()) || (after_sentence && spaced))
        .then_some(Applicability::Unsafe)
}

#[cfg(test)]
mod tests {
    use super::LowercaseSentenceStart;
    use crate::rules::testing::{assert_fixes, assert_no_diagnostics, assert_reported_not_fixed};

    #[test]
    fn capitalises_after_a_full_stop() {
        assert_fixes(
            &LowercaseSentenceStart,
            "He left the room. then she cried.",
            "He left the room. Then she cried.",
        );
        assert_fixes(
            &LowercaseSentenceStart,
            "It was very cold.\nthe wind blew.",
            "It was very cold.\nThe wind blew.",
        );
        assert_fixes(
            &LowercaseSentenceStart,
            "It was a long instant. the clock struck.",
            "It was a long instant. The clock struck.",
        );
    }

    #[test]
    fn unsure_starts_are_unsafe() {
        for text in [
            "\"hello,\" she said.",
            "She turned. \"hello,\" she said.",
            "He met Tom. the end.",
            "He left the room. sadly she cried.",
            "I have such a bad headache. today. and write",
            "They called it aqua vitae, lit. the water of life.",
        ] {
            assert_reported_not_fixed(&LowercaseSentenceStart, text);
        }
    }

    #[test]
    fn continuations_and_abbreviations_pass() {
        for text in [
            "Fruit, e.g. apples, etc. and so on.",
            "We met at 3 p.m. and left.",
            "And then... nothing happened.",
            "\"Hi.\" she said.",
            "He bought an iPhone. eBay sold it.",
            "Mr. smith arrived.",
            "She said \"no\" and left.",
            "She quoted it, \"a disaster\" she said.",
            "Visit the site. www.example.com is down.",
            "He left. 3 people stayed.",
            "I left. i came back.",
            "by alluding to a recent crim. con. case, wherein",
            "raised full three per cent.\nwithin the year.",
            "Oh! how I wept.",
            "Ship, old ship! my old head shakes.",
            "About five ft. seven in. in height.",
            "The 20-ft. walls were lined with books.",
            "Louis XII. of France had a horse.",
            "Which is in heaven.--St. Matt. v. 16.",
            "For bladder trouble: Acid. nit. hydrochlor. dil., twenty minims.",
            "We received your letter of the 3rd inst. the contents of which surprised us.",
            "As agreed on the 12th ult. the terms stand.",
            "We sail on the 5th prox. then go north.",
        ] {
            assert_no_diagnostics(&LowercaseSentenceStart, text);
        }
    }
}
