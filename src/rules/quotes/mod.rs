//! Rules `Q`: quotation marks (typographic quotes, reversed and mixed quotes).
//!
//! Each rule is one file; list it in `RULES`.

use super::Rule;

/// Every rule of this category.
pub static RULES: &[&dyn Rule] = &[];
