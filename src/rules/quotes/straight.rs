//! How each straight quote of a paragraph should be written, and how sure
//! we are: `"` becomes `“` or `”` ([`doubles`]), `'` becomes `‘` or `’`
//! ([`singles`]).
//!
//! Quotes escaped for Markdown (`\"`, `\'`) are the writer's markup and are
//! left alone, as are measurements (`5'10"`).

use std::ops::Range;

pub use super::doubles::doubles;
pub use super::singles::singles;

/// How one straight quote should be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// The straight quote's byte range in the paragraph.
    pub range: Range<usize>,
    /// The typographic character, if it can be told at all.
    pub glyph: Option<char>,
    /// Whether the glyph is certain (a safe fix) or a guess (unsafe).
    pub sure: bool,
    /// Why, for the message.
    pub why: &'static str,
}

/// A decision with a glyph.
pub fn decision(range: Range<usize>, glyph: char, sure: bool, why: &'static str) -> Decision {
    Decision {
        range,
        glyph: Some(glyph),
        sure,
        why,
    }
}

/// `\"` and `\'` are Markdown escapes: the writer's markup, left alone.
pub fn escaped(text: &str, at: usize) -> bool {
    text.get(..at).is_some_and(|before| before.ends_with('\\'))
}

/// `text` with the sure decisions applied and every other straight quote
/// marked `?` (guesses and unknowns), for tests to read at a glance.
#[cfg(test)]
pub fn preview(text: &str, decisions: &[Decision]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for decision in decisions {
        out.push_str(text.get(from..decision.range.start).unwrap_or(""));
        match decision.glyph {
            Some(glyph) if decision.sure => out.push(glyph),
            _ => out.push('?'),
        }
        from = decision.range.end;
    }
    out.push_str(text.get(from..).unwrap_or(""));
    out
}
