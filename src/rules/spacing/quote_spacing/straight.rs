//! Straight double quotes do not say which way they face, so they are
//! paired by position within the paragraph (1st opens, 2nd closes...), and
//! the pairing is checked against how each mark sits between its
//! neighbours before any fix is trusted.

use crate::rules::Diagnostic;

use super::{Respace, closer, opener};

/// How a mark sits between its neighbours (the paragraph's ends and line
/// breaks count as spaces).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// ` "Word`: space before, text after.
    Opening,
    /// `word" `: text before, space after.
    Closing,
    /// `said."I`: text on both sides.
    Glued,
    /// ` " `: space on both sides.
    Free,
}

fn shape(text: &str, at: usize) -> Shape {
    let space_before = text[..at]
        .chars()
        .next_back()
        .is_none_or(char::is_whitespace);
    let space_after = text[at + 1..]
        .chars()
        .next()
        .is_none_or(char::is_whitespace);
    match (space_before, space_after) {
        (true, false) => Shape::Opening,
        (false, true) => Shape::Closing,
        (false, false) => Shape::Glued,
        (true, true) => Shape::Free,
    }
}

/// Report the spacing of the straight double quotes of `text`.
pub(super) fn check(text: &str, out: &mut Vec<Diagnostic>) {
    let quotes: Vec<usize> = text.match_indices('"').map(|(at, _)| at).collect();
    if quotes.is_empty() || quotes.len() % 2 == 1 {
        return;
    }
    // `<span class="x">`: markup, not dialogue; `\"`: escaped in Markdown,
    // where a space between the backslash and the mark would undo the escape.
    if quotes.iter().any(|&at| text[..at].ends_with(['=', '\\'])) {
        return;
    }
    let shapes: Vec<Shape> = quotes.iter().map(|&at| shape(text, at)).collect();
    let fix = if pairing_in_doubt(&shapes) || carried_over(text, quotes[0], shapes[0]) {
        Respace::unsure
    } else {
        Respace::into_diagnostic
    };
    for (n, &at) in quotes.iter().enumerate() {
        let respace = if n % 2 == 0 {
            opener(text, at, 1)
        } else {
            closer(text, at, 1)
        };
        if let Some(respace) = respace {
            out.push(fix(respace));
        }
    }
}

/// Whether the positional pairing of the paragraph is doubtful, because
/// one stray or missing mark shifts every pair after it:
///
/// * a mark that looks like an opener (` "Word`) sits on a closing position;
/// * or a mark that looks like a closer (`word," `) sits on an opening
///   position and is not vouched for by clear closers on both sides. In
///   seed 004's `me!" Sakura ... spoke," Sakura, you ... Sakura.." Sasuke`
///   the marks before and after close, so `spoke,"` can only be an opener
///   typed on the wrong side of its space; in `floor."Thank you," She said`
///   the mark before is glued, and `you,"` more likely closes.
fn pairing_in_doubt(shapes: &[Shape]) -> bool {
    let clear_closer = |form: Option<&Shape>| matches!(form, Some(Shape::Closing | Shape::Free));
    shapes
        .iter()
        .enumerate()
        .any(|(n, form)| match (n % 2 == 0, form) {
            (false, Shape::Opening) => true,
            (true, Shape::Closing) => {
                let before_ok = n == 0 || clear_closer(shapes.get(n - 1));
                !before_ok || !clear_closer(shapes.get(n + 1))
            }
            _ => false,
        })
}

/// Whether the paragraph's first mark looks like the end of a speech
/// carried over from the paragraph before (`you," She said` within its
/// first words) rather than an opener typed on the wrong side of its space
/// after some narration (`Sasuke looked down and spoke," Sakura`).
fn carried_over(text: &str, first: usize, form: Shape) -> bool {
    form == Shape::Closing && text[..first].split_whitespace().nth(2).is_none()
}
