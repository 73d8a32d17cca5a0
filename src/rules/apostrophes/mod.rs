//! Rules `A`: apostrophes (`dont` → `don't`).
//!
//! Each rule is one file; list it in `RULES`.

mod missing_apostrophe;

use super::Rule;

pub use missing_apostrophe::MissingApostrophe;
pub(crate) use missing_apostrophe::start_keys;

/// Every rule of this category.
pub static RULES: &[&dyn Rule] = &[&MissingApostrophe];

#[cfg(test)]
mod tests {
    use crate::rules::testing::assert_no_safe_fixes_on_gutenberg;

    #[test]
    fn no_safe_fixes_on_gutenberg() {
        assert_no_safe_fixes_on_gutenberg(&["A001"]);
    }
}
