//! Rules `P`: punctuation (ellipses, dashes, doubled commas, unbalanced quotes).
//!
//! Each rule is one file; list it in `RULES`.

use super::Rule;

/// Every rule of this category.
pub static RULES: &[&dyn Rule] = &[];
