//! Which way a quotation mark faces, read from its neighbours.
//!
//! A quote that follows a space (or the start of the paragraph, a dash, an
//! opening bracket) and precedes a word opens a quotation; one that follows
//! text and precedes a space or punctuation closes it. This is how a reader
//! tells them apart, and how CommonMark decides its emphasis runs. Quotes
//! glued on both sides (`said,"Hello`) or free on both sides (` " `) face
//! neither way and are left to pairing.
//!
//! Neighbours are looked for through quote marks of the other family and
//! emphasis markers, so the `"` in `"'Tis` and in `*"Run!"*` sees the start
//! of the paragraph, and the `"` in `'no'"` sees the `o`. Quotes of the same
//! family are not looked through: in `—""Wait` (a wall of text where one
//! speech is cut off and the next begins) the first quote closes and the
//! second opens, which only pairing can tell. The look is bounded, so a
//! paragraph made only of quotes is still read in linear time.

/// Which way a quote faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Open,
    Close,
    /// Both ways or neither: context does not tell.
    Either,
}

/// How many quote marks or emphasis markers are looked through to find a
/// neighbour; real text never stacks more than three (`*"'`).
const LOOK_THROUGH: usize = 4;

/// What stands for a neighbour that could not be read: a quote of the same
/// family, a long run of marks, or a character the decoder could not read.
/// Next to it, a quote faces neither way.
const UNKNOWN: char = '\u{FFFD}';

/// Any double quotation mark, straight or curly.
pub fn is_double(c: char) -> bool {
    matches!(c, '"' | '“' | '”')
}

/// Any single quotation mark or apostrophe, straight or curly.
pub fn is_single(c: char) -> bool {
    matches!(c, '\'' | '‘' | '’')
}

/// The nearest characters before and after the quote `quote` at `at`,
/// looking through quotes of the other family and emphasis markers (`None`:
/// the paragraph's edge).
pub fn neighbours(text: &str, at: usize, quote: char) -> (Option<char>, Option<char>) {
    let before = text.get(..at).unwrap_or("");
    let after = text.get(at + quote.len_utf8()..).unwrap_or("");
    let same_family = |c: char| {
        if is_double(quote) {
            is_double(c)
        } else {
            is_single(c)
        }
    };
    let transparent = |c: char| matches!(c, '*' | '_' | '~') || is_double(c) || is_single(c);
    let read = |found: Option<char>| match found {
        Some(c) if same_family(c) => Some(UNKNOWN),
        other => other,
    };
    (
        read(first_solid(before.chars().rev(), transparent, same_family)),
        read(first_solid(after.chars(), transparent, same_family)),
    )
}

fn first_solid(
    mut chars: impl Iterator<Item = char>,
    transparent: impl Fn(char) -> bool,
    stop: impl Fn(char) -> bool,
) -> Option<char> {
    for _ in 0..=LOOK_THROUGH {
        let c = chars.next()?;
        if stop(c) || !transparent(c) {
            return Some(c);
        }
    }
    Some(UNKNOWN)
}

/// A quote may open after these: a space, an opening bracket, a dash.
fn opens_after(c: char) -> bool {
    c.is_whitespace() || matches!(c, '(' | '[' | '{' | '—' | '–' | '-')
}

/// A quotation never starts with these.
fn closing_punctuation(c: char) -> bool {
    matches!(c, ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}')
}

/// Which way a quote with these neighbours faces.
pub fn side(left: Option<char>, right: Option<char>) -> Side {
    if left == Some(UNKNOWN) || right == Some(UNKNOWN) {
        return Side::Either;
    }
    let can_open = right.is_some_and(|c| !c.is_whitespace() && !closing_punctuation(c))
        && left.is_none_or(opens_after);
    let can_close = left.is_some_and(|c| !c.is_whitespace() && !matches!(c, '(' | '[' | '{'))
        && right.is_none_or(|c| !c.is_alphanumeric());
    match (can_open, can_close) {
        (true, false) => Side::Open,
        (false, true) => Side::Close,
        _ => Side::Either,
    }
}

/// Which way the quote `quote` at `at` faces.
pub fn side_at(text: &str, at: usize, quote: char) -> Side {
    let (left, right) = neighbours(text, at, quote);
    side(left, right)
}

/// The characters right before and right after the quote `quote` at `at`,
/// nothing looked through.
pub fn adjacent(text: &str, at: usize, quote: char) -> (Option<char>, Option<char>) {
    let before = text.get(..at).and_then(|s| s.chars().next_back());
    let after = text
        .get(at + quote.len_utf8()..)
        .and_then(|s| s.chars().next());
    (before, after)
}

#[cfg(test)]
mod tests {
    use super::{Side, side_at};

    fn side_of_first(text: &str, quote: char) -> Side {
        let at = text.find(quote).expect("quote in test text");
        side_at(text, at, quote)
    }

    #[test]
    fn reads_direction_from_neighbours() {
        assert_eq!(side_of_first("\"Hello", '"'), Side::Open);
        assert_eq!(side_of_first("said \"Hello", '"'), Side::Open);
        assert_eq!(side_of_first("wait—\"Go", '"'), Side::Open);
        assert_eq!(side_of_first("Hello,\" she", '"'), Side::Close);
        assert_eq!(side_of_first("Wait—\"", '"'), Side::Close);
        assert_eq!(side_of_first("end\".", '"'), Side::Close);
    }

    #[test]
    fn looks_through_quotes_and_emphasis() {
        assert_eq!(side_of_first("*\"Run!\"*", '"'), Side::Open);
        assert_eq!(side_of_first("\"'Tis", '"'), Side::Open);
        assert_eq!(side_of_first("'no'\" he", '"'), Side::Close);
        assert_eq!(side_of_first("Run!\"*", '"'), Side::Close);
        // Same family: a cut-off speech glued to the next one.
        assert_eq!(side_of_first("going—\"\"Wait", '"'), Side::Either);
    }

    #[test]
    fn glued_or_free_quotes_face_neither_way() {
        assert_eq!(side_of_first("said,\"Hello", '"'), Side::Either);
        assert_eq!(side_of_first("a \" b", '"'), Side::Either);
        assert_eq!(side_of_first("\"", '"'), Side::Either);
        let run = "\"".repeat(20);
        assert_eq!(side_at(&run, 10, '"'), Side::Either);
        let mixed = "\"'".repeat(20);
        assert_eq!(side_at(&mixed, 10, '"'), Side::Either);
    }
}
