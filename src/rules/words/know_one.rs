use crate::declare_rule;
use crate::rules::words::text::{is_lowercase, suggestion, with_case_of};
use crate::rules::{Applicability, Diagnostic, Paragraph, Rule, RuleMeta};

declare_rule! {
    /// `know one` where `no one` (nobody) is meant: `know one knows`.
    ///
    /// ## Why
    /// A homophone slip. `know one` is right after a subject: `I know one
    /// thing`, `I don't know one`, `people who know one another`, `they look
    /// and know one is lying`.
    ///
    /// ## Example
    /// `Yet know one knows about Sasuke and Sakura leaving Konoha.` → `Yet
    /// no one knows...`
    ///
    /// ## Fix safety
    /// `know one` must start a sentence or follow a conjunction with no
    /// subject of its own (`yet`, `but`, `because`, `and`, `so`, `since`,
    /// `if`, `when`, `though`), and be followed by a verb `no one` can take.
    /// Safe before `knows`, `knew`, `cares`, `else`, `noticed`, `saw`,
    /// `seems`, `wants`...; before an auxiliary (`is`, `was`, `will`,
    /// `can`...) safe only at a sentence start and unsafe after a
    /// conjunction, where a subject may be understood (`they look and know
    /// one is lying`).
    pub KnowOne, META = ("W011", "know-one", Words)
}

const OPENERS: &[&str] = &[
    "yet", "but", "because", "cause", "and", "so", "since", "if", "when", "though", "although",
    "where", "now", "still", "as",
];
#[rustfmt::skip]
const VERBS: &[&str] = &[
    "knows", "knew", "cares", "cared", "else", "noticed", "notices", "saw", "sees", "seems",
    "seemed", "wants", "wanted", "understands", "understood", "believes", "believed", "likes",
    "liked", "listens", "listened", "came", "comes", "bothered", "bothers", "expected",
    "suspected", "remembers", "remembered", "answered", "answers", "dared", "dares", "moved",
    "moves", "spoke", "speaks", "said", "says",
];
const AUXILIARIES: &[&str] = &[
    "is", "was", "will", "would", "could", "can", "has", "had", "must", "should", "does", "did",
    "ever", "really", "even",
];

impl Rule for KnowOne {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, paragraph: &Paragraph<'_>, out: &mut Vec<Diagnostic>) {
        let words = paragraph.words();
        for i in paragraph.each("know") {
            if !words.phrase(i, &["know", "one"]) || !words.joined(i + 1) {
                continue;
            }
            let Some(know) = words.get(i) else { continue };
            let verb = i + 2;
            if !is_lowercase(words.text(verb)) || !is_lowercase(words.text(i + 1)) {
                continue;
            }
            let start = words.starts_sentence(i);
            let after_opener = words.follows_any(i, OPENERS);
            let applicability = if !(start || after_opener) {
                continue;
            } else if words.is_any(verb, VERBS) || (start && words.is_any(verb, AUXILIARIES)) {
                Applicability::Safe
            } else if words.is_any(verb, AUXILIARIES) {
                Applicability::Unsafe
            } else {
                continue;
            };
            let fixed = with_case_of(know.text(), "no");
            let one = words.text(i + 1);
            out.push(suggestion(
                Self::META.code,
                know.range(),
                fixed.clone(),
                format!("`{} {one}` → `{fixed} {one}` (nobody)", know.text()),
                Some(applicability),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::KnowOne;
    use crate::rules::testing::{assert_fixes, assert_no_diagnostics, assert_reported_not_fixed};

    #[test]
    fn fixes_the_seed() {
        assert_fixes(
            &KnowOne,
            "Yet know one knows about Sasuke and Sakura leaving Konoha.",
            "Yet no one knows about Sasuke and Sakura leaving Konoha.",
        );
    }

    #[test]
    fn fixes_nobody() {
        assert_fixes(&KnowOne, "Know one is here.", "No one is here.");
        assert_fixes(&KnowOne, "\"Know one cares!\"", "\"No one cares!\"");
        assert_fixes(&KnowOne, "but know one else came", "but no one else came");
    }

    #[test]
    fn understood_subjects_are_unsafe() {
        assert_reported_not_fixed(&KnowOne, "They look and know one is lying.");
    }

    #[test]
    fn knowing_one_passes() {
        for text in [
            "I'm afraid I don't know one, said Alice.",
            "And I know one, who comes.",
            "I know one side already.",
            "People who know one another.",
            "Know one thing: I'm back.",
            "I know one is missing.",
        ] {
            assert_no_diagnostics(&KnowOne, text);
        }
    }
}
