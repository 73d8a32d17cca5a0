//! Rules `A`: apostrophes (`dont` → `don't`).
//!
//! Each rule is one file; list it in `RULES`.

use super::Rule;

/// Every rule of this category.
pub static RULES: &[&dyn Rule] = &[];
