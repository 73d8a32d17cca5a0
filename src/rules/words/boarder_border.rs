use crate::declare_rule;
use crate::rules::words::text::{is_lowercase, key, suggestion, with_case_of};
use crate::rules::{Applicability, Diagnostic, Paragraph, Rule, RuleMeta};

declare_rule! {
    /// `boarder` (a lodger) where `border` (a frontier, an edge) is meant.
    ///
    /// ## Why
    /// A stray `a`. `boarder` is a real word, a lodger or a pupil who boards
    /// (`the other boarders`, `a boarder at a convent`), so only the
    /// frontier's contexts are fixed.
    ///
    /// ## Example
    /// `They reached the boarder between Fire and Wind` → `the border
    /// between`; `boarder guards` → `border guards`.
    ///
    /// ## Fix safety
    /// Safe before `between`, `guard(s)`, `patrol(s)`, `crossing(s)`,
    /// `control`, `town(s)`, `security`, `wall`, `dispute`. `boarder of` is
    /// only an unsafe fix: `a boarder of Mrs. Smith's` is a lodger.
    pub BoarderBorder, META = ("W009", "boarder-border", Words)
}

/// The misspellings this rule looks at.
const BOARDER: u64 = key("boarder");
const BOARDERS: u64 = key("boarders");
/// Words after `boarder` that only a frontier takes.
#[rustfmt::skip]
const FRONTIER: &[&str] = &[
    "between", "guard", "guards", "patrol", "patrols", "crossing", "crossings", "control", "town",
    "towns", "security", "wall", "walls", "dispute", "disputes",
];

impl Rule for BoarderBorder {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, paragraph: &Paragraph<'_>, out: &mut Vec<Diagnostic>) {
        let words = paragraph.words();
        for i in paragraph
            .word_index()
            .with_keys(words, &[BOARDER, BOARDERS])
        {
            // `boarders` is a whole key long: its tail must be compared too.
            let fixed = match words.key(i) {
                BOARDER => "border",
                BOARDERS if words.is(i, "boarders") => "borders",
                _ => continue,
            };
            let Some(word) = words.get(i) else { continue };
            if !words.joined(i)
                || !is_lowercase(words.text(i + 1))
                || paragraph.vocabulary.is_protected(word.text())
            {
                continue;
            }
            let applicability = if words.is_any(i + 1, FRONTIER) {
                Applicability::Safe
            } else if words.is(i + 1, "of") {
                Applicability::Unsafe
            } else {
                continue;
            };
            let fixed = with_case_of(word.text(), fixed);
            let next = words.text(i + 1);
            out.push(suggestion(
                Self::META.code,
                word.range(),
                fixed.clone(),
                format!("`{} {next}` → `{fixed} {next}`", word.text()),
                Some(applicability),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::BoarderBorder;
    use crate::rules::testing::{assert_fixes, assert_no_diagnostics, assert_reported_not_fixed};

    #[test]
    fn fixes_frontiers() {
        assert_fixes(
            &BoarderBorder,
            "They reached the boarder between Fire and Wind.",
            "They reached the border between Fire and Wind.",
        );
        assert_fixes(
            &BoarderBorder,
            "Boarder guards waited.",
            "Border guards waited.",
        );
    }

    #[test]
    fn boarder_of_is_unsafe() {
        assert_reported_not_fixed(&BoarderBorder, "the boarder of the Land of Fire");
    }

    #[test]
    fn lodgers_pass() {
        for text in [
            "But though the other boarders kept coming.",
            "She was a boarder at a convent.",
            "The last boarder left.",
            "I allow no boarders to stay.",
        ] {
            assert_no_diagnostics(&BoarderBorder, text);
        }
    }
}
