//! Rules `M`: misspellings from a data file of unambiguous corrections.
//!
//! Each rule is one file; list it in `RULES`.

use super::Rule;

/// Every rule of this category.
pub static RULES: &[&dyn Rule] = &[];
