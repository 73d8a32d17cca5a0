//! Splitting text into blocks: paragraphs, scene breaks and headings.
//!
//! The [`Layout`] is chosen once per document (see [`layout`]); then lines are
//! walked once, in order, and grouped into [`Block`]s:
//!
//! * a divider line ([`scene_break::is_scene_break`]) becomes a scene break
//!   that keeps its glyph;
//! * a gap of blank lines longer than the document's usual paragraph gap
//!   becomes a scene break without a glyph (seed `003_*`);
//! * a Markdown heading line (`# Title`) becomes a heading;
//! * other lines become paragraphs, re-joined when the layout is hard-wrapped.
//!
//! Paragraph text has runs of spaces and tabs collapsed to one space: inside
//! a paragraph, whitespace carries no meaning and renderers re-flow it anyway.

pub mod layout;
pub mod scene_break;

pub use layout::{Convention, Layout};

use std::ops::Range;

use crate::model::Block;

/// The blocks of a document and the layout used to find them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// The paragraph convention chosen for the document.
    pub layout: Layout,
    /// Blocks in reading order (never two scene breaks in a row, none first or last).
    pub blocks: Vec<Block>,
    /// Where each block came from: `spans[i]` is the byte range of
    /// `blocks[i]` in the text, from the start of its first line to the end
    /// of its last (a gap break's range is empty). Rules check and fix the
    /// text itself through these ranges.
    pub spans: Vec<Range<usize>>,
}

impl Split {
    /// Where each block starts in the text, in order (a gap break, which
    /// has no text, starts nothing). Name learning reads a block's first
    /// word as a sentence's first.
    pub fn block_starts(&self) -> Vec<usize> {
        self.spans
            .iter()
            .filter(|span| !span.is_empty())
            .map(|span| span.start)
            .collect()
    }

    /// The split of `text`, made from the text this split is of by
    /// replacing whole paragraphs (what the fix rules do), without reading
    /// it all again. `changed` lists, in text order, each replaced
    /// paragraph's range in the old text (its span here) and in `text`;
    /// every other block is as it was, moved. A new paragraph that is not one paragraph on its own (a fix
    /// made it a divider line, say) makes the whole text be split again.
    /// Either way the layout is kept: it describes the text as written.
    pub fn patched(mut self, text: &str, changed: &[(Range<usize>, Range<usize>)]) -> Split {
        let layout = self.layout;
        let mut changes = changed.iter().peekable();
        // Where the last replaced block ended, before and after.
        let (mut old_end, mut new_end) = (0, 0);
        for (block, span) in self.blocks.iter_mut().zip(&mut self.spans) {
            // A paragraph's span is never empty and never another block's.
            let Some((_, range)) = changes.next_if(|(before, _)| before == span) else {
                *span = span.start - old_end + new_end..span.end - old_end + new_end;
                continue;
            };
            let mut alone = split_as(&text[range.clone()], layout);
            let whole = alone.spans.len() == 1 && alone.spans[0] == (0..range.len());
            if !whole || !matches!(alone.blocks[..], [Block::Paragraph { .. }]) {
                return split_as(text, layout);
            }
            (old_end, new_end) = (span.end, range.end);
            *block = alone.blocks.swap_remove(0);
            *span = range.clone();
        }
        if changes.next().is_some() {
            return split_as(text, layout);
        }
        debug_assert_eq!(self, split_as(text, layout), "patched split of {text:?}");
        self
    }
}

/// Split normalised text (LF line endings) into blocks.
pub fn split(text: &str) -> Split {
    split_as(text, Layout::detect(lines(text).map(str::trim_end)))
}

/// Split text with a layout chosen beforehand: a later piece of a story read
/// in pieces keeps the layout found in its first (see [`crate::stream`]).
pub fn split_as(text: &str, layout: Layout) -> Split {
    let mut builder = Builder::new(layout);
    let mut blank_runs = BlankRuns::new(text.as_bytes());
    let mut start = 0;
    for line in lines(text) {
        let right_trimmed = trim_end(line);
        let trimmed = trim_start(right_trimmed);
        let content = start + (right_trimmed.len() - trimmed.len());
        let may_collapse = blank_runs.any_within(content..content + trimmed.len());
        // A span runs to the end of its line, trailing whitespace included,
        // so the rule that removes trailing whitespace can see it.
        builder.push_line(
            right_trimmed,
            trimmed,
            may_collapse,
            content..start + line.len(),
        );
        start += line.len() + 1;
    }
    let (blocks, spans) = builder.finish();
    Split {
        layout,
        blocks,
        spans,
    }
}

/// `line.trim_end()`, answered without decoding a character when the line
/// ends in a visible ASCII character, as nearly every line does (all
/// whitespace is an ASCII space or control byte, or not ASCII at all).
pub(crate) fn trim_end(line: &str) -> &str {
    match line.as_bytes().last() {
        Some(&last) if last > b' ' && last.is_ascii() => line,
        _ => line.trim_end(),
    }
}

/// `line.trim_start()`, with the fast path of [`trim_end`].
pub(crate) fn trim_start(line: &str) -> &str {
    match line.as_bytes().first() {
        Some(&first) if first > b' ' && first.is_ascii() => line,
        _ => line.trim_start(),
    }
}

/// Where the text's next tab and next pair of spaces are, so that a line
/// with neither (nearly every line) is copied into its paragraph without
/// looking for blanks to collapse. Each search runs forward from where the
/// last one stopped, so the text is read once.
struct BlankRuns<'a> {
    text: &'a [u8],
    pairs: memchr::memmem::Finder<'static>,
    /// The first tab at or after the last range asked about (`usize::MAX`
    /// for none), and the same for a pair of spaces.
    next_tab: usize,
    next_pair: usize,
}

impl<'a> BlankRuns<'a> {
    fn new(text: &'a [u8]) -> Self {
        let pairs = memchr::memmem::Finder::new(b"  ");
        BlankRuns {
            next_tab: memchr::memchr(b'\t', text).unwrap_or(usize::MAX),
            next_pair: pairs.find(text).unwrap_or(usize::MAX),
            text,
            pairs,
        }
    }

    /// Whether `range` (ranges asked about in increasing order) may hold a
    /// tab or a pair of spaces; `false` means it certainly holds none.
    fn any_within(&mut self, range: Range<usize>) -> bool {
        let from = range.start;
        if self.next_tab < from {
            self.next_tab =
                memchr::memchr(b'\t', &self.text[from..]).map_or(usize::MAX, |at| from + at);
        }
        if self.next_pair < from {
            self.next_pair = self
                .pairs
                .find(&self.text[from..])
                .map_or(usize::MAX, |at| from + at);
        }
        self.next_tab.min(self.next_pair) < range.end
    }
}

/// The lines of `text`, exactly as `text.split('\n')` gives them, found
/// with the SIMD `memchr` (the standard library's search is word-at-a-time).
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    memchr::memchr_iter(b'\n', text.as_bytes())
        .map(Some)
        .chain([None])
        .map(move |newline| {
            let end = newline.unwrap_or(text.len());
            let line = &text[start..end];
            start = end + 1;
            line
        })
}

/// Accumulates lines into blocks for one layout.
struct Builder {
    layout: Layout,
    blocks: Vec<Block>,
    spans: Vec<Range<usize>>,
    paragraph: String,
    /// Source range of `paragraph` so far.
    paragraph_span: Range<usize>,
    /// Length of the last line added to `paragraph`, to spot short final lines.
    last_line_len: usize,
    blank_run: usize,
}

impl Builder {
    fn new(layout: Layout) -> Self {
        Builder {
            layout,
            blocks: Vec::new(),
            spans: Vec::new(),
            paragraph: String::new(),
            paragraph_span: 0..0,
            last_line_len: 0,
            blank_run: 0,
        }
    }

    /// Add one line, given right-trimmed and trimmed at both ends; `span` is
    /// its range in the document, from its first non-blank character to the
    /// end of the line. Unless `may_collapse`, the trimmed line has no run of
    /// blanks to collapse.
    fn push_line(&mut self, line: &str, trimmed: &str, may_collapse: bool, span: Range<usize>) {
        if trimmed.is_empty() {
            self.blank_run += 1;
            return;
        }
        let gap = std::mem::take(&mut self.blank_run);
        if scene_break::is_scene_break(trimmed) {
            self.flush();
            self.push_break(Some(trimmed), span);
            return;
        }
        if gap >= self.layout.break_gap && self.has_content() {
            self.flush();
            self.push_break(None, span.start..span.start);
        }
        if let Some(heading) = markdown_heading(trimmed) {
            self.flush();
            self.blocks.push(Block::heading(collapse_spaces(heading)));
            self.spans.push(span);
            return;
        }
        if gap > 0 || !self.continues_paragraph(line) {
            self.flush();
        }
        if self.paragraph.is_empty() {
            self.paragraph_span = span.clone();
        }
        self.paragraph_span.end = span.end;
        self.append(trimmed, may_collapse);
    }

    /// Whether a line directly below another line continues its paragraph.
    fn continues_paragraph(&self, line: &str) -> bool {
        let Some(width) = self.layout.wrap_width else {
            return false;
        };
        if self.paragraph.is_empty() {
            return false;
        }
        if self.layout.indented {
            return !line.starts_with([' ', '\t']);
        }
        // With neither blank lines nor indentation to go by, a short line that
        // ends a sentence ends its paragraph.
        let ends_sentence = self
            .paragraph
            .ends_with(['.', '!', '?', '"', '\'', '”', '’']);
        !(self.layout.break_gap <= 1 && ends_sentence && self.last_line_len * 10 < width * 6)
    }

    fn append(&mut self, trimmed: &str, may_collapse: bool) {
        if !self.paragraph.is_empty() {
            // A line broken after a dash or hyphen joins without a space:
            // "well-\nknown" is "well-known", "said--\nand" is "said--and".
            let joins_tight = self.paragraph.ends_with(['-', '—', '–'])
                && !self.paragraph.ends_with(" -")
                && trimmed.starts_with(char::is_alphanumeric);
            if !joins_tight {
                self.paragraph.push(' ');
            }
        }
        // Only the sentence-end test of a wrapped layout without blank lines
        // reads the length; counting chars on every line would cost more.
        if self.layout.wrap_width.is_some() && !self.layout.indented && self.layout.break_gap <= 1 {
            self.last_line_len = trimmed.chars().count();
        }
        if may_collapse {
            push_collapsed(&mut self.paragraph, trimmed);
        } else {
            self.paragraph.push_str(trimmed);
        }
    }

    fn flush(&mut self) {
        if !self.paragraph.is_empty() {
            // The block gets an exact-size copy and the buffer is kept, so a
            // paragraph of many lines is not reallocated as it grows.
            self.blocks.push(Block::Paragraph {
                text: self.paragraph.clone(),
            });
            self.paragraph.clear();
            self.spans.push(self.paragraph_span.clone());
        }
    }

    fn has_content(&self) -> bool {
        !self.paragraph.is_empty() || !self.blocks.is_empty()
    }

    fn push_break(&mut self, glyph: Option<&str>, span: Range<usize>) {
        match self.blocks.last_mut() {
            None => {}
            // A divider next to a blank-line gap is one break; keep the glyph.
            Some(Block::SceneBreak { glyph: existing }) if existing.is_none() => {
                *existing = glyph.map(str::to_string);
                if let Some(last) = self.spans.last_mut() {
                    *last = span;
                }
            }
            Some(Block::SceneBreak { .. }) => {}
            Some(_) => {
                self.blocks.push(Block::SceneBreak {
                    glyph: glyph.map(str::to_string),
                });
                self.spans.push(span);
            }
        }
    }

    fn finish(mut self) -> (Vec<Block>, Vec<Range<usize>>) {
        self.flush();
        if matches!(self.blocks.last(), Some(Block::SceneBreak { .. })) {
            self.blocks.pop();
            self.spans.pop();
        }
        (self.blocks, self.spans)
    }
}

/// The text of an ATX heading line (`## Chapter 2`), if it is one.
fn markdown_heading(line: &str) -> Option<&str> {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let rest = &line[hashes..];
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    let text = rest.trim().trim_end_matches('#').trim_end();
    (!text.is_empty()).then_some(text)
}

fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_collapsed(&mut out, text);
    out
}

/// Append `text` with each run of spaces and tabs turned into one space,
/// and none at either end. The text is copied in pieces that need no
/// change, cut only where a run needs collapsing: a line with one doubled
/// space after a full stop costs two copies, not one per word.
fn push_collapsed(out: &mut String, text: &str) {
    let mut rest = text.trim_matches([' ', '\t']);
    while let Some(at) = first_run(rest.as_bytes()) {
        // A run found at its tab may open with a single space.
        let run_start = if rest.as_bytes()[at - 1] == b' ' {
            at - 1
        } else {
            at
        };
        out.push_str(&rest[..run_start]);
        out.push(' ');
        rest = rest[at..].trim_start_matches([' ', '\t']);
    }
    out.push_str(rest);
}

/// Where the first tab or pair of spaces in `bytes` starts. Never at 0 in
/// a trimmed text, whose runs all have a word before them.
fn first_run(bytes: &[u8]) -> Option<usize> {
    (0..bytes.len())
        .find(|&i| bytes[i] == b'\t' || (bytes[i] == b' ' && bytes.get(i + 1) == Some(&b' ')))
}

#[cfg(test)]
mod tests {
    use super::{split, split_as};
    use crate::model::Block;

    /// Replace paragraph blocks of `text` (by index) and patch its split.
    fn patch(text: &str, replace: &[(usize, &str)]) -> (String, super::Split) {
        let before = split(text);
        let (mut out, mut copied, mut changed) = (String::new(), 0, Vec::new());
        for &(index, new) in replace {
            let span = before.spans[index].clone();
            out.push_str(&text[copied..span.start]);
            changed.push((span.clone(), out.len()..out.len() + new.len()));
            out.push_str(new);
            copied = span.end;
        }
        out.push_str(&text[copied..]);
        let patched = before.clone().patched(&out, &changed);
        (out, patched)
    }

    /// A patched split is the split of the new text with the old layout:
    /// blocks after a longer or shorter paragraph move, a paragraph that
    /// becomes a divider or two paragraphs falls back to splitting again.
    #[test]
    fn patched_is_the_split_of_the_new_text() {
        let text = "Title\n\nOne  two.\n\n* * *\n\nThree.\n\n\n\nFour five.   \nsix.\n";
        for replace in [
            vec![(1, "One two, longer now.")],
            vec![(1, "1."), (3, "Three three three.")],
            vec![(3, "* * *")],
            vec![(1, "Split\n\nin two")],
            vec![(1, "  leading space")],
            vec![(5, "Four five.\nsix.")],
            vec![(0, "Title"), (5, "")],
        ] {
            let (out, patched) = patch(text, &replace);
            let layout = split(text).layout;
            assert_eq!(patched, split_as(&out, layout), "{replace:?}");
        }
        // Hard-wrapped text keeps its layout even where the fixed text
        // alone would vote otherwise.
        let wrapped = "It was a bright cold day in April, and the clocks were\nstriking thirteen. Winston Smith, his chin nuzzled into\nhis breast.\n\n".repeat(4);
        let (out, patched) = patch(&wrapped, &[(0, "Short.")]);
        assert_eq!(patched.layout, split(&wrapped).layout);
        assert_eq!(patched, split_as(&out, split(&wrapped).layout));
    }

    fn kinds(text: &str) -> Vec<String> {
        split(text)
            .blocks
            .into_iter()
            .map(|block| match block {
                Block::Paragraph { text } => text,
                Block::SceneBreak { glyph } => format!("<break {}>", glyph.unwrap_or_default()),
                Block::Heading { text, .. } => format!("<h {text}>"),
                other => format!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn blank_runs_collapse_to_one_space() {
        for (text, collapsed) in [
            ("a  b\tc \t d", "a b c d"),
            ("  lead and trail\t ", "lead and trail"),
            ("tight", "tight"),
            (" \t ", ""),
            ("é  ü", "é ü"),
        ] {
            assert_eq!(super::collapse_spaces(text), collapsed, "{text:?}");
        }
    }

    #[test]
    fn glyph_and_gap_breaks() {
        let text = "One.\n\nTwo.\n\no-O-o\n\nThree.\n\nFour.\n\n\n\nFive.\n\nSix.\n\nSeven.\n\nEight.\n\nNine.\n\nTen.";
        assert_eq!(
            kinds(text),
            [
                "One.",
                "Two.",
                "<break o-O-o>",
                "Three.",
                "Four.",
                "<break >",
                "Five.",
                "Six.",
                "Seven.",
                "Eight.",
                "Nine.",
                "Ten."
            ]
        );
    }

    #[test]
    fn breaks_at_edges_and_doubled_breaks_collapse() {
        let text = "***\n\nOne.\n\n\n\n* * *\n\n\n\nTwo.\n\n~~~";
        assert_eq!(kinds(text), ["One.", "<break * * *>", "Two."]);
    }

    #[test]
    fn markdown_headings() {
        assert_eq!(
            kinds("# Chapter  1 #\n\nText.\n\n#hashtag"),
            ["<h Chapter 1>", "Text.", "#hashtag"]
        );
    }

    #[test]
    fn spaces_collapse_inside_paragraphs() {
        assert_eq!(
            kinds("  Hello   there,\t\tfriend.  "),
            ["Hello there, friend."]
        );
    }

    #[test]
    fn hard_wrapped_lines_rejoin() {
        let paragraph = "It was a bright cold day in April, and the clocks were\nstriking thirteen. Winston Smith, his chin nuzzled into well-\nknown breast, slipped quickly through the glass doors of\nVictory Mansions.\n\n";
        let blocks = kinds(&paragraph.repeat(4));
        assert_eq!(blocks.len(), 4);
        assert_eq!(
            blocks[0],
            "It was a bright cold day in April, and the clocks were striking thirteen. Winston Smith, his chin nuzzled into well-known breast, slipped quickly through the glass doors of Victory Mansions."
        );
    }

    #[test]
    fn spans_point_at_each_block_in_the_text() {
        let text = "  One  line. \n\n* * *\n\n# Head\nTwo.";
        let split = split(text);
        let sources: Vec<&str> = split.spans.iter().map(|span| &text[span.clone()]).collect();
        assert_eq!(sources, ["One  line. ", "* * *", "# Head", "Two."]);
    }

    #[test]
    fn empty_and_blank_text_has_no_blocks() {
        assert!(kinds("").is_empty());
        assert!(kinds("\n\n  \n\t\n").is_empty());
    }
}
