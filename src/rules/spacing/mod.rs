//! Rules `S`: spacing (trailing whitespace, spaces around punctuation and quotes).
//!
//! Each rule is one file; list it in `RULES`.

mod trailing_whitespace;

use super::Rule;

pub use trailing_whitespace::TrailingWhitespace;

/// Every rule of this category.
pub static RULES: &[&dyn Rule] = &[&TrailingWhitespace];
