//! Rules `W`: confused words (`your still` → `you're still`) and repeated words.
//!
//! Each rule is one file; list it in `RULES`.

use super::Rule;

/// Every rule of this category.
pub static RULES: &[&dyn Rule] = &[];
