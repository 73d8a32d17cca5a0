//! Curly quotes say their direction: “ opens, ” closes. Only their spacing
//! is checked here. A mark facing the wrong way is a reversed quote, which
//! the Q rules repair, so it is left alone rather than respaced into a
//! worse shape: a “ while a quotation is already open (`my f-“ Izuku cut
//! himself off`), a ” while none is (`she said,”Since we`), a “ glued to
//! the text before it and spaced from the word after (`C’mon.“ They`), and
//! a ” spaced from the text before it and followed by a word or an ellipsis
//! (`/ ”...What?”`).

use crate::rules::Diagnostic;
use crate::rules::quotes::marks;

use super::{closer, closes_here, is_blank, opener};

/// Report the spacing of every curly double quote in `text`.
pub(super) fn check(text: &str, out: &mut Vec<Diagnostic>) {
    let mut open = false;
    for (at, mark) in marks::curly(text) {
        if !matches!(mark, '“' | '”') {
            continue;
        }
        let end = at + mark.len_utf8();
        // A reversed mark still opens or closes: follow the alternation.
        let facing_right = (mark == '“') != open;
        open = !open;
        if !facing_right {
            continue;
        }
        let respace = if mark == '“' {
            let glued_before = text[..at]
                .chars()
                .next_back()
                .is_some_and(|c| !c.is_whitespace());
            let spaced_after = text.as_bytes().get(end).is_some_and(|&b| is_blank(b));
            if glued_before && spaced_after {
                continue;
            }
            opener(text, at, mark.len_utf8())
        } else {
            let spaced_before = at > 0 && is_blank(text.as_bytes()[at - 1]);
            if spaced_before && !closes_here(&text[end..]) {
                continue;
            }
            closer(text, at, mark.len_utf8())
        };
        if let Some(respace) = respace {
            out.push(respace.into_diagnostic());
        }
    }
}
