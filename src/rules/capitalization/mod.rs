//! Rules `C`: capitalisation (lone `i` → `I`, sentences starting in lower case).
//!
//! Each rule is one file; list it in `RULES`.

mod lowercase_i;
mod lowercase_sentence_start;

use super::Rule;

pub use lowercase_i::LowercaseI;
pub use lowercase_sentence_start::LowercaseSentenceStart;

/// Every rule of this category.
pub static RULES: &[&dyn Rule] = &[&LowercaseI, &LowercaseSentenceStart];

#[cfg(test)]
mod tests {
    use crate::rules::testing::assert_no_safe_fixes_on_gutenberg;

    #[test]
    fn no_safe_fixes_on_gutenberg() {
        assert_no_safe_fixes_on_gutenberg(&["C001", "C002"]);
    }
}
