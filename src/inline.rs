//! Inline emphasis: the author's `*word*`, `_word_` and `**word**` markers.
//!
//! Story text keeps the markers verbatim (the JSON shows what was written);
//! renderers call [`spans`] to turn them into real emphasis. The rules are a
//! small, predictable subset of CommonMark's: an opening run must be followed
//! by a non-space, a closing run preceded by one, both runs must have the same
//! character and length (1, 2 or 3), and `_` only counts at word boundaries so
//! `snake_case_names` stay text. Anything unmatched is literal text.
//!
//! Matching is linear in the paragraph length: closing candidates are found in
//! one pass and consumed by a moving cursor per delimiter kind, so a paragraph
//! of ten thousand lone asterisks costs no more than one of words.

/// How a piece of text is emphasised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Ordinary text.
    Plain,
    /// `*x*` or `_x_`: italics.
    Emphasis,
    /// `**x**` or `__x__`: bold.
    Strong,
    /// `***x***`: bold italics.
    StrongEmphasis,
}

/// A run of text in one style, borrowed from the paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span<'a> {
    /// The text without its markers.
    pub text: &'a str,
    /// Its emphasis.
    pub style: Style,
}

/// A run of `*` or `_` characters.
#[derive(Debug, Clone, Copy)]
struct Run {
    start: usize,
    len: usize,
    marker: u8,
    can_open: bool,
    can_close: bool,
}

/// Split a paragraph into styled spans. Concatenating the spans' text gives the
/// paragraph without the matched markers.
pub fn spans(text: &str) -> Vec<Span<'_>> {
    let runs = delimiter_runs(text);
    // Closers per (marker, length), in text order; cursors only move forward.
    let mut closers: [Vec<usize>; 6] = Default::default();
    for (index, run) in runs.iter().enumerate() {
        if run.can_close {
            closers[slot(run)].push(index);
        }
    }
    let mut cursors = [0usize; 6];
    let mut out = Vec::new();
    let mut plain_from = 0;
    let mut index = 0;
    while index < runs.len() {
        let run = runs[index];
        if !run.can_open || run.start < plain_from {
            index += 1;
            continue;
        }
        let slot = slot(&run);
        let list = &closers[slot];
        let cursor = &mut cursors[slot];
        while *cursor < list.len() && list[*cursor] <= index {
            *cursor += 1;
        }
        let Some(&close_index) = list.get(*cursor) else {
            index += 1;
            continue;
        };
        let close = runs[close_index];
        let inner_start = run.start + run.len;
        if close.start <= inner_start {
            index += 1;
            continue;
        }
        if run.start > plain_from {
            out.push(Span {
                text: &text[plain_from..run.start],
                style: Style::Plain,
            });
        }
        out.push(Span {
            text: &text[inner_start..close.start],
            style: match run.len {
                1 => Style::Emphasis,
                2 => Style::Strong,
                _ => Style::StrongEmphasis,
            },
        });
        plain_from = close.start + close.len;
        *cursor += 1;
        index = close_index + 1;
    }
    if plain_from < text.len() || out.is_empty() {
        out.push(Span {
            text: &text[plain_from..],
            style: Style::Plain,
        });
    }
    out
}

fn slot(run: &Run) -> usize {
    (run.len - 1) + if run.marker == b'*' { 0 } else { 3 }
}

fn delimiter_runs(text: &str) -> Vec<Run> {
    let bytes = text.as_bytes();
    let mut runs = Vec::new();
    let mut i = 0;
    // Only `*` and `_` open a run: the SIMD search skips the text between.
    while let Some(found) = memchr::memchr2(b'*', b'_', &bytes[i..]) {
        i += found;
        let marker = bytes[i];
        let start = i;
        while i < bytes.len() && bytes[i] == marker {
            i += 1;
        }
        let len = i - start;
        if len > 3 || (marker == b'_' && len > 2) {
            continue;
        }
        let before = text[..start].chars().next_back();
        let after = text[i..].chars().next();
        let space_after = after.is_none_or(char::is_whitespace);
        let space_before = before.is_none_or(char::is_whitespace);
        let mut can_open = !space_after;
        let mut can_close = !space_before;
        if marker == b'_' {
            // Intra-word underscores are part of names and URLs, never emphasis.
            can_open &= !before.is_some_and(char::is_alphanumeric);
            can_close &= !after.is_some_and(char::is_alphanumeric);
        }
        if can_open || can_close {
            runs.push(Run {
                start,
                len,
                marker,
                can_open,
                can_close,
            });
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::{Span, Style, spans};

    fn styled(text: &str) -> Vec<(String, Style)> {
        spans(text)
            .into_iter()
            .map(|Span { text, style }| (text.to_string(), style))
            .collect()
    }

    #[test]
    fn single_star_is_emphasis() {
        assert_eq!(
            styled("I *really* mean it"),
            vec![
                ("I ".into(), Style::Plain),
                ("really".into(), Style::Emphasis),
                (" mean it".into(), Style::Plain)
            ]
        );
    }

    #[test]
    fn double_and_triple_stars() {
        assert_eq!(
            styled("**A/N:** hi ***wow***"),
            vec![
                ("A/N:".into(), Style::Strong),
                (" hi ".into(), Style::Plain),
                ("wow".into(), Style::StrongEmphasis)
            ]
        );
    }

    #[test]
    fn underscores_only_at_word_boundaries() {
        assert_eq!(
            styled("_Sasuke_ read snake_case_name"),
            vec![
                ("Sasuke".into(), Style::Emphasis),
                (" read snake_case_name".into(), Style::Plain)
            ]
        );
    }

    #[test]
    fn unmatched_and_spaced_markers_stay_literal() {
        for text in ["5 * 3 = 15", "a * b *", "*nope", "** **", "", "*****"] {
            assert_eq!(
                styled(text),
                vec![(text.to_string(), Style::Plain)],
                "{text}"
            );
        }
    }

    #[test]
    fn many_lone_markers_are_linear_and_literal() {
        let text = "*a ".repeat(50_000);
        assert_eq!(
            spans(&text),
            vec![Span {
                text: &text,
                style: Style::Plain
            }]
        );
    }
}
