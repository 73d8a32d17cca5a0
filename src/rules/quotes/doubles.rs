//! Straight double quotes, paired by position.
//!
//! The first quote of a paragraph opens, the second closes, and so on. A
//! quote whose neighbours show its direction must agree with that
//! alternation; where they all do, the alternation also settles the quotes
//! glued on both sides (`said,"Hi`). An odd count is fine when the last
//! quote opens (a speech that goes on into the next paragraph has no
//! closing quote), and so is a first quote that closes when nothing or a
//! speech tag follows it (the end of a letter quoted over several
//! paragraphs).
//!
//! Digits before a `"` mean an inch mark (`5'10"`, `12" ruler`) unless a
//! quotation is open and waiting for its close (`"I'm 25"`).

use super::flank::{self, Side};
use super::straight::{Decision, decision, escaped};

/// Decisions for every straight double quote that is not a measurement.
/// Curly double quotes in the paragraph take part in the pairing.
pub fn doubles(text: &str) -> Vec<Decision> {
    let mut marks: Vec<(usize, Side)> = Vec::new();
    let mut straight: Vec<bool> = Vec::new();
    for (at, c) in text.char_indices() {
        let side = match c {
            '“' => Side::Open,
            '”' => Side::Close,
            '"' if escaped(text, at)
                || is_measurement(text, at, !marks.len().is_multiple_of(2)) =>
            {
                continue;
            }
            '"' => flank::side_at(text, at, '"'),
            _ => continue,
        };
        marks.push((at, side));
        straight.push(c == '"');
    }
    let sides: Vec<Side> = marks.iter().map(|&(_, side)| side).collect();
    let first_ends_quotation = marks
        .first()
        .is_some_and(|&(at, _)| ends_quotation(text, at));
    let pairing = Pairing::of(&sides, first_ends_quotation);
    let glyph = |side: Side| if side == Side::Open { '“' } else { '”' };
    let mut out = Vec::new();
    for (index, &(at, side)) in marks.iter().enumerate() {
        if !straight[index] {
            continue;
        }
        let range = at..at + 1;
        let segment = pairing.segment_of(index);
        out.push(match (side, pairing.resolve(&sides, index)) {
            (Side::Either, Some(resolved)) if pairing.pairs_up(segment) => {
                decision(range, glyph(resolved), true, "paired by position")
            }
            (Side::Either, Some(resolved)) => decision(
                range,
                glyph(resolved),
                false,
                "paired by position, but the quotation is not closed",
            ),
            (Side::Either, None) => Decision {
                range,
                glyph: None,
                sure: false,
                why: "glued or free on both sides, and the quotes around it do not pair up",
            },
            (side, _) if pairing.clear_is_sure(segment) => {
                decision(range, glyph(side), true, "its neighbours show the way")
            }
            (side, _) => decision(
                range,
                glyph(side),
                false,
                "its neighbours show the way, but the quotes around it do not pair up",
            ),
        });
    }
    out
}

/// Double quotes alternate: open, close, open... Quotes whose neighbours
/// show their direction ("clear" quotes) cut the paragraph into segments;
/// a segment pairs up when its clear ends agree with the alternation across
/// the quotes between them. Checking segments rather than the paragraph
/// keeps one stray quote in a wall of text from making every quote of it a
/// guess.
struct Pairing {
    /// Index of each clear quote.
    clear: Vec<usize>,
    /// Whether segment `s` (the quotes up to and including `clear[s]`)
    /// pairs up; the last segment runs to the paragraph's end.
    pairs: Vec<bool>,
}

impl Pairing {
    /// `first_ends_quotation`: the first quote may close a quotation begun
    /// in an earlier paragraph.
    fn of(sides: &[Side], first_ends_quotation: bool) -> Pairing {
        let clear: Vec<usize> = (0..sides.len())
            .filter(|&i| sides[i] != Side::Either)
            .collect();
        let mut pairs = Vec::with_capacity(clear.len() + 1);
        // The paragraph starts outside a quotation: as if after a close.
        let mut previous: (Option<usize>, Side) = (None, Side::Close);
        for &index in &clear {
            let between = index - previous.0.map_or(0, |p| p + 1);
            let alternates = (sides[index] != previous.1) == between.is_multiple_of(2);
            // Or the paragraph ends a quotation begun before it (a letter
            // quoted over several paragraphs): its first quote closes.
            let ends_earlier = index == 0 && sides[index] == Side::Close && first_ends_quotation;
            pairs.push(alternates || ends_earlier);
            previous = (Some(index), sides[index]);
        }
        // The last segment pairs up when the paragraph ends outside a
        // quotation; a speech continued in the next paragraph does not,
        // which makes its glued quotes guesses but leaves clear ones sure.
        let after = sides.len() - previous.0.map_or(0, |p| p + 1);
        pairs.push(alternate(previous.1, after) == Side::Close);
        Pairing { clear, pairs }
    }

    /// The segment the quote at `index` belongs to.
    fn segment_of(&self, index: usize) -> usize {
        self.clear.partition_point(|&c| c < index)
    }

    /// Whether `segment` pairs up (the last one: ends outside a quotation).
    fn pairs_up(&self, segment: usize) -> bool {
        self.pairs.get(segment).copied().unwrap_or(false)
    }

    /// Whether the clear quote ending `segment` is sure: both segments it
    /// touches pair up, except that a speech continued into the next
    /// paragraph (the last segment ending open) does not count against it.
    fn clear_is_sure(&self, segment: usize) -> bool {
        let next_is_last = segment + 2 == self.pairs.len();
        self.pairs_up(segment) && (next_is_last || self.pairs_up(segment + 1))
    }

    /// The direction alternation gives the quote at `index`, if its
    /// segment pairs up (or is the paragraph's unclosed end).
    fn resolve(&self, sides: &[Side], index: usize) -> Option<Side> {
        let segment = self.segment_of(index);
        let is_last = segment + 1 == self.pairs.len();
        if !is_last && !self.pairs_up(segment) {
            return None;
        }
        match segment.checked_sub(1).and_then(|s| self.clear.get(s)) {
            Some(&anchor) => Some(alternate(sides[anchor], index - anchor)),
            None => Some(alternate(Side::Close, index + 1)),
        }
    }
}

/// The side `steps` quotes after a quote facing `side`.
fn alternate(side: Side, steps: usize) -> Side {
    let flip = !steps.is_multiple_of(2);
    match (side, flip) {
        (Side::Open, true) | (Side::Close, false) => Side::Close,
        _ => Side::Open,
    }
}

/// Whether the quote at `at` ends a quotation begun in an earlier
/// paragraph: it closes the paragraph (`*Love, Sirius."*`) or a speech tag
/// follows (`the end," she said`). A capital after it (`go." Sasuke!`) is
/// more likely a misplaced space before an opening quote.
fn ends_quotation(text: &str, at: usize) -> bool {
    let mut after = text.get(at..).unwrap_or("").chars();
    after.next();
    let rest = after
        .as_str()
        .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_'));
    rest.chars().next().is_none_or(|c| c.is_lowercase())
}

/// A double quote right after digits is an inch mark (`5'10"`, `12"`),
/// unless a quotation is waiting for its close (`"I'm 25"`).
fn is_measurement(text: &str, at: usize, quotation_open: bool) -> bool {
    let before = text.get(..at).unwrap_or("");
    let mut chars = before.chars().rev().peekable();
    if !chars.peek().is_some_and(char::is_ascii_digit) {
        return false;
    }
    let mut next = chars.next();
    for _ in 0..4 {
        if !next.is_some_and(|c| c.is_ascii_digit()) {
            break;
        }
        next = chars.next();
    }
    if next == Some(' ') {
        next = chars.next();
    }
    let feet =
        matches!(next, Some('\'' | '′' | '’')) && chars.next().is_some_and(|c| c.is_ascii_digit());
    feet || !quotation_open
}

#[cfg(test)]
mod tests {
    use super::doubles;
    use crate::rules::quotes::straight::preview;

    fn read(text: &str) -> String {
        preview(text, &doubles(text))
    }

    #[test]
    fn pairs_glued_quotes_in_a_wall_of_text() {
        assert_eq!(
            read("\"Choose wisely.\"A laugh. He said,\"Wool's.\"\"Go!\""),
            "“Choose wisely.”A laugh. He said,“Wool's.”“Go!”"
        );
        assert_eq!(read("\"I was going—\"\"Wait!\""), "“I was going—”“Wait!”");
    }

    #[test]
    fn one_stray_quote_spoils_only_its_neighbourhood() {
        assert_eq!(
            read("\"Hi,\" he said. \"Hello, \"she said. \"Yes.\"Then \"No.\""),
            "“Hi,” he said. ?Hello, ?she said. ?Yes.”Then “No.”"
        );
    }

    #[test]
    fn a_paragraph_may_end_a_quotation_begun_earlier() {
        assert_eq!(read("*Love, Sirius.\"*"), "*Love, Sirius.”*");
        assert_eq!(
            read("and that was all,\" she said."),
            "and that was all,” she said."
        );
        // A capital after it: more likely a misplaced space before an opening.
        assert_eq!(
            read("him to go.\" Sasuke! Don't go!"),
            "him to go.? Sasuke! Don't go!"
        );
    }

    #[test]
    fn a_speech_may_go_on_into_the_next_paragraph() {
        assert_eq!(
            read("\"Hi,\"he said. \"And then"),
            "“Hi,”he said. “And then"
        );
        assert_eq!(read("He said,\"And then"), "He said,?And then");
    }

    #[test]
    fn curly_quotes_anchor_the_pairing() {
        assert_eq!(
            read("“Hello,\" she said. \"Come in.”"),
            "“Hello,” she said. “Come in.”"
        );
        assert_eq!(read("“Yes.\"He left."), "“Yes.”He left.");
    }

    #[test]
    fn measurements_and_escapes_are_not_quotes() {
        assert_eq!(
            read("He is 5'10\" or 5' 10\", with a 12\" ruler."),
            "He is 5'10\" or 5' 10\", with a 12\" ruler."
        );
        assert_eq!(
            read("\"I'm 25\" and a 6\" nail."),
            "“I'm 25” and a 6\" nail."
        );
        assert_eq!(
            read("A \\\"markdown\\\" escape."),
            "A \\\"markdown\\\" escape."
        );
    }
}
