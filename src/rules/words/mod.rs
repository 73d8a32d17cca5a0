//! Rules `W`: confused words (`your still` → `you're still`) and repeated words.
//!
//! Each rule is one file; list it in `RULES`. Every rule is a closed list of
//! contexts: a confusion is fixed only where the other reading is
//! impossible, and given an unsafe fix (or only reported) where it is
//! merely likely. [`text`] (a paragraph as words in context) and
//! [`evidence`] (what a paragraph shows of its writer's habits) are shared
//! by the `W`, `A` and `C` rules.

mod alot;
mod boarder_border;
mod could_of;
pub(crate) mod eggcorns;
pub(crate) mod evidence;
pub(crate) mod index;
mod its_its;
pub(crate) mod keys;
mod know_one;
mod loose_lose;
mod repeated_word;
pub(crate) mod text;
mod then_than;
mod to_too;
mod were_were;
mod wont_wont;
mod your_youre;

use super::Rule;

pub use alot::Alot;
pub use boarder_border::BoarderBorder;
pub use could_of::CouldOf;
pub use eggcorns::Eggcorns;
pub use its_its::ItsIts;
pub use know_one::KnowOne;
pub use loose_lose::LooseLose;
pub use repeated_word::RepeatedWord;
pub use then_than::ThenThan;
pub use to_too::ToToo;
pub use were_were::WereWere;
pub use wont_wont::WontWont;
pub use your_youre::YourYoure;

/// Every rule of this category.
pub static RULES: &[&dyn Rule] = &[
    &YourYoure,
    &ItsIts,
    &CouldOf,
    &LooseLose,
    &ThenThan,
    &ToToo,
    &WontWont,
    &Alot,
    &BoarderBorder,
    &WereWere,
    &KnowOne,
    &Eggcorns,
    &RepeatedWord,
];

#[cfg(test)]
mod tests {
    use crate::rules::engine::{RuleOptions, fix};
    use crate::rules::testing::assert_no_safe_fixes_on_gutenberg;
    use crate::rules::{Applicability, Vocabulary};

    #[test]
    fn no_safe_fixes_on_gutenberg() {
        assert_no_safe_fixes_on_gutenberg(&[
            "W001", "W002", "W003", "W004", "W005", "W006", "W007", "W008", "W009", "W010", "W011",
            "W012", "W013",
        ]);
    }

    /// The seed stories through the engine with the word, apostrophe and
    /// capitalisation rules and only safe fixes (the other categories'
    /// spacing fixes are left out so the snippets stay exact).
    fn cleaned(seed: &str) -> String {
        let path = format!("{}/fixtures/{seed}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).expect("seed fixture is in the repository");
        let options = RuleOptions {
            select: vec!["W".into(), "A".into(), "C".into()],
            ..RuleOptions::default()
        };
        fix(
            &text,
            &options,
            &Vocabulary::learn(&text),
            Applicability::Safe,
        )
        .text
    }

    #[test]
    fn fixes_the_seeds_errors() {
        let seed = cleaned("004_54406fa27e52adfb.txt");
        for fixed in [
            "\"You're still annoying..\"",
            "You told me the if you're alone you'll feel pain!",
            "Knowing that you're weak as what you are right now..",
            "\" It's Sasuke... He's gone!",
            "\"What's wrong? \"",
            "\" That's not all!",
            "Then yes, Sakura must have went with him.",
            "thinking what could have happened.",
            "Yet no one knows about Sasuke",
            "\" Sakura! We're late! It's time for our mission!\"",
        ] {
            assert!(seed.contains(fixed), "not fixed: {fixed}");
        }
        let seed = cleaned("003_0c47a4606ad59351.txt");
        for fixed in [
            "or from pushing himself too hard.",
            "she couldn't lose her nerve now.",
            "It didn't faze him in the least.",
            "\"I won't cry for you,\"",
        ] {
            assert!(seed.contains(fixed), "not fixed: {fixed}");
        }
    }

    #[test]
    fn leaves_what_is_not_certain() {
        let seed = cleaned("004_54406fa27e52adfb.txt");
        for left in [
            // `week` is a misspelling of `weak`, and `your week` is a right
            // phrase: a possessive and its noun.
            "\"Knowing that your week as what you are right now.\"",
            // Stray or missing words no closed list can know: `the if`
            // (then if), `no where` (nowhere), `the not a single cloud`.
            "You told me the if",
            "He's no where in the village",
            "with the not a single cloud",
            // Stutters are the writer's.
            "Sa-Sasuke? And- Orochimaru?",
        ] {
            assert!(seed.contains(left), "changed: {left}");
        }
        // A line of dialogue opening in lower case gets an unsafe fix only:
        // an interrupted quote may go on in lower case.
        let seed = cleaned("003_0c47a4606ad59351.txt");
        assert!(seed.contains("\"who cares if he's a masochist?"));
    }
}
