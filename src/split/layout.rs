//! Choosing a document's paragraph convention, like Calibre's "auto" mode.
//!
//! Stories arrive in four shapes: paragraphs separated by blank lines, one
//! paragraph per line (no blank lines, or blank lines used loosely),
//! hard-wrapped lines at a fixed width that must be re-joined (with blank
//! lines or indentation between paragraphs). One document uses one shape, so
//! the choice is made once from statistics over a bounded sample of lines and
//! then applied to every line; the sample bound keeps the decision cheap and
//! lets the splitter stream.

use serde::Serialize;

/// Lines examined to choose the layout: enough for a stable vote (a few
/// chapters), small enough that a 1 GB file costs nothing extra.
const SAMPLE_LINES: usize = 4_000;

/// Hard-wrapped text never has lines longer than this; word processors and
/// sites that do not wrap produce paragraphs far longer.
const MAX_WRAP_WIDTH: usize = 110;

/// How a document separates paragraphs, chosen once per document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Layout {
    /// `Some(width)` when single newlines are soft wraps at about `width`
    /// columns and lines must be re-joined; `None` when every line is its
    /// own paragraph.
    pub wrap_width: Option<usize>,
    /// In wrapped text, an indented line starts a new paragraph.
    pub indented: bool,
    /// Blank lines a gap must exceed to count as a scene break: gaps of
    /// `break_gap` or more blank lines are breaks.
    pub break_gap: usize,
}

impl Default for Layout {
    fn default() -> Self {
        Layout {
            wrap_width: None,
            indented: false,
            break_gap: 2,
        }
    }
}

/// The convention's name, for reports and `--verbose`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Convention {
    /// Blank lines between paragraphs.
    BlankLines,
    /// Each line is a paragraph, with few or no blank lines.
    LinePerParagraph,
    /// Hard-wrapped lines, blank lines between paragraphs.
    HardWrapped,
    /// Hard-wrapped lines, an indented first line starts each paragraph.
    Indented,
}

impl Layout {
    /// The convention this layout stands for.
    pub fn convention(&self) -> Convention {
        match (self.wrap_width, self.indented, self.break_gap) {
            (Some(_), true, _) => Convention::Indented,
            (Some(_), false, _) => Convention::HardWrapped,
            (None, _, 1) => Convention::LinePerParagraph,
            (None, _, _) => Convention::BlankLines,
        }
    }

    /// Choose the layout of a document from its (right-trimmed) lines.
    pub fn detect<'a>(lines: impl IntoIterator<Item = &'a str>) -> Layout {
        let mut lengths = Vec::new();
        let mut continued = Vec::new(); // lines followed by a non-blank line: (length, ends a sentence)
        let mut indented_after_text = 0;
        let mut gaps = [0usize; 8]; // gaps[n]: blank runs of n lines between text lines (7 = 7+)
        let mut blank_run = 0;
        let mut previous: Option<(usize, bool)> = None;
        for line in lines.into_iter().take(SAMPLE_LINES) {
            if line.trim().is_empty() {
                blank_run += 1;
                continue;
            }
            let len = line.trim().chars().count();
            if let Some(previous) = previous {
                gaps[blank_run.min(7)] += 1;
                if blank_run == 0 {
                    continued.push(previous);
                    if line.starts_with([' ', '\t']) {
                        indented_after_text += 1;
                    }
                }
            }
            lengths.push(len);
            previous = Some((len, ends_sentence(line)));
            blank_run = 0;
        }
        let break_gap = break_gap(&gaps);
        let Some(width) = wrap_width(&lengths, &continued) else {
            return Layout {
                wrap_width: None,
                indented: false,
                break_gap,
            };
        };
        let blank_separated: usize = gaps[1..].iter().sum();
        let indented =
            blank_separated * 10 < lengths.len() && indented_after_text * 20 >= lengths.len();
        Layout {
            wrap_width: Some(width),
            indented,
            // Wrapped lines sit directly below each other, so only the gaps
            // between paragraphs vote on the usual gap (none when indented).
            break_gap: if indented {
                1
            } else {
                let mut between = gaps;
                between[0] = 0;
                self::break_gap(&between).max(2)
            },
        }
    }
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end()
        .ends_with(['.', '!', '?', '"', '”', '\'', '’', ':', ';', '*', '~'])
}

/// The wrap width when lines look hard-wrapped: no line much longer than a
/// terminal, at least a quarter of lines continue into the next, those
/// continuing lines are nearly full, and most of them stop mid-sentence (one
/// short paragraph per line ends each line with punctuation instead).
fn wrap_width(lengths: &[usize], continued: &[(usize, bool)]) -> Option<usize> {
    if lengths.len() < 8 || continued.len() * 4 < lengths.len() {
        return None;
    }
    let mut sorted = lengths.to_vec();
    sorted.sort_unstable();
    let width = sorted[(sorted.len() - 1) * 95 / 100];
    if !(30..=MAX_WRAP_WIDTH).contains(&width) {
        return None;
    }
    let full = continued
        .iter()
        .filter(|&&(len, _)| len * 10 >= width * 6)
        .count();
    let mid_sentence = continued.iter().filter(|&&(_, ends)| !ends).count();
    (full * 4 >= continued.len() * 3 && mid_sentence * 2 > continued.len()).then_some(width)
}

/// The smallest gap longer than the usual paragraph gap that is rare enough
/// (at most a quarter of all gaps, or just one gap of two or more blank
/// lines) to mean a scene break. A document whose
/// gaps are a mix of single and blank lines (seed `002_*`) has no gap-breaks.
fn break_gap(gaps: &[usize; 8]) -> usize {
    let total: usize = gaps.iter().sum();
    let usual = (0..gaps.len())
        .max_by_key(|&n| (gaps[n], std::cmp::Reverse(n)))
        .unwrap_or(1);
    (usual + 1..gaps.len())
        .find(|&n| {
            let longer: usize = gaps[n..].iter().sum();
            // One long gap is a break even in a short story, where a quarter
            // of the gaps is less than one; a single blank line never is.
            longer * 4 <= total || (n >= 2 && longer == 1)
        })
        .unwrap_or(gaps.len())
}

#[cfg(test)]
mod tests {
    use super::{Convention, Layout};

    fn layout(text: &str) -> Layout {
        Layout::detect(text.lines())
    }

    #[test]
    fn blank_line_paragraphs() {
        let text = "A long paragraph of prose goes here.\n\n".repeat(20);
        let layout = layout(&text);
        assert_eq!(layout.convention(), Convention::BlankLines);
        assert_eq!(layout.break_gap, 2);
    }

    #[test]
    fn one_paragraph_per_line_makes_single_blank_lines_breaks() {
        let mut text = "A paragraph of prose that is long enough to matter here and there, going on and on past any wrap width for a while.\n".repeat(30);
        text.push_str("\nAfter the break.\n");
        let layout = layout(&text);
        assert_eq!(layout.convention(), Convention::LinePerParagraph);
        assert_eq!(layout.break_gap, 1);
    }

    #[test]
    fn hard_wrapped_with_blank_lines() {
        let paragraph = "It was a bright cold day in April, and the clocks were\nstriking thirteen. Winston Smith, his chin nuzzled into\nhis breast in an effort to escape the vile wind, slipped\nquickly through the glass doors.\n\n";
        let layout = layout(&paragraph.repeat(5));
        assert_eq!(layout.convention(), Convention::HardWrapped);
        assert_eq!(layout.wrap_width, Some(56));
    }

    #[test]
    fn hard_wrapped_with_indented_paragraphs() {
        let paragraph = "    It was a bright cold day in April, and the clocks were\nstriking thirteen. Winston Smith, his chin nuzzled into\nhis breast in an effort to escape the vile wind, slipped\nquickly through the glass doors.\n";
        let layout = layout(&paragraph.repeat(5));
        assert_eq!(layout.convention(), Convention::Indented);
    }

    #[test]
    fn mixed_single_and_blank_separators_are_not_breaks() {
        let text = "Line one is a paragraph of some length that goes well past the wrap width of any terminal.\nLine two follows it directly and is also quite long, longer than a wrapped line would be.\n\n".repeat(20);
        let layout = layout(&text);
        assert_eq!(layout.wrap_width, None);
        assert_eq!(layout.break_gap, 2);
    }
}
