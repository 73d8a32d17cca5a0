//! Markdown output: CommonMark with YAML front matter for the metadata.
//!
//! Story text is escaped so it always stays text: a paragraph starting with
//! `#`, `-`, `1.` or `>` must not turn into a heading, list or quote, and a
//! stray `*` or `<` must not become emphasis or HTML. The author's own
//! emphasis is parsed by [`crate::inline`] and written back as `*`/`**`.
//! Scene breaks are `* * *`; author's notes are labelled blockquotes;
//! flashbacks sit between their marker lines in italics (`*Flashback*` ...
//! `*End of flashback*` where a marker was implied).

use std::io::Write;

use super::{RenderOptions, StoryWriter, flashback_lines};
use crate::error::Result;
use crate::inline::{self, Style};
use crate::model::{Block, Story};

/// Write `story` as Markdown.
pub fn write(story: &Story, options: &RenderOptions, out: &mut dyn Write) -> Result<()> {
    super::write_chapters(writer(story, options, out)?, story)
}

/// A [`StoryWriter`] for Markdown, the front matter already written.
pub fn writer<'a>(
    story: &Story,
    options: &'a RenderOptions,
    out: &'a mut dyn Write,
) -> Result<Box<dyn StoryWriter + 'a>> {
    let _ = options;
    let mut writer = MarkdownWriter {
        out,
        first: true,
        last_prefix: String::new(),
    };
    writer.front_matter(story)?;
    Ok(Box::new(writer))
}

impl StoryWriter for MarkdownWriter<'_> {
    fn chapter(&mut self, title: Option<&str>) -> Result<()> {
        match title {
            Some(title) => self.block("", &format!("# {}", heading_markdown(title))),
            None => Ok(()),
        }
    }

    fn blocks(&mut self, blocks: &[Block]) -> Result<()> {
        MarkdownWriter::blocks(self, "", blocks)
    }

    fn finish(&mut self) -> Result<()> {
        Ok(())
    }
}

struct MarkdownWriter<'a> {
    out: &'a mut dyn Write,
    first: bool,
    /// The blockquote prefix of the previous block.
    last_prefix: String,
}

impl MarkdownWriter<'_> {
    fn front_matter(&mut self, story: &Story) -> Result<()> {
        let mut yaml = String::from("---\n");
        for (key, value) in [
            ("title", &story.title),
            ("author", &story.author),
            ("summary", &story.summary),
        ] {
            if let Some(value) = value {
                // A JSON string is a valid YAML double-quoted scalar: every
                // character that could confuse YAML is escaped.
                let quoted = serde_json::to_string(value).map_err(std::io::Error::from)?;
                yaml.push_str(&format!("{key}: {quoted}\n"));
            }
        }
        if !story.subjects.is_empty() {
            yaml.push_str("subjects:\n");
            for subject in &story.subjects {
                let quoted = serde_json::to_string(subject).map_err(std::io::Error::from)?;
                yaml.push_str(&format!("  - {quoted}\n"));
            }
        }
        if yaml == "---\n" {
            // No metadata: an empty `---`/`---` pair would read as two
            // horizontal rules to a Markdown reader without front matter.
            return Ok(());
        }
        yaml.push_str("---");
        self.block("", &yaml)
    }

    fn blocks(&mut self, prefix: &str, blocks: &[Block]) -> Result<()> {
        for block in blocks {
            match block {
                Block::Paragraph { text } => self.block(prefix, &inline_markdown(text))?,
                Block::Heading { text, .. } => {
                    self.block(prefix, &format!("## {}", heading_markdown(text)))?
                }
                Block::SceneBreak { .. } => self.block(prefix, "* * *")?,
                Block::AuthorNote { blocks } => {
                    let quoted = format!("{prefix}> ");
                    self.block(&quoted, "**Author's note**")?;
                    self.blocks(&quoted, blocks)?;
                }
                Block::Flashback { blocks, start, end } => {
                    let (start, end) = flashback_lines(start, end);
                    self.block(prefix, &marker_markdown(start))?;
                    self.blocks(prefix, blocks)?;
                    self.block(prefix, &marker_markdown(end))?;
                }
            }
        }
        Ok(())
    }

    /// Write one Markdown block, separated from the previous by a blank line
    /// that carries the blockquote prefix both share, so a quote stays one
    /// quote and ends where its blocks end.
    fn block(&mut self, prefix: &str, text: &str) -> Result<()> {
        if !self.first {
            let shared = if prefix.starts_with(self.last_prefix.as_str()) {
                self.last_prefix.as_str()
            } else {
                prefix
            };
            self.out.write_all(shared.trim_end().as_bytes())?;
            self.out.write_all(b"\n")?;
        }
        self.first = false;
        prefix.clone_into(&mut self.last_prefix);
        // `text.split('\n')`, with the SIMD search for each line's end.
        let mut start = 0;
        for end in memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]) {
            let line = &text[start..end];
            start = end + 1;
            self.out.write_all(prefix.as_bytes())?;
            self.out.write_all(line.as_bytes())?;
            self.out.write_all(b"\n")?;
        }
        Ok(())
    }
}

/// A paragraph's text as Markdown: the author's emphasis as `*`/`**`,
/// everything else escaped. The result is one line (a line break inside the
/// text becomes a space) with no whitespace at either end, where CommonMark
/// would read indentation as code.
fn inline_markdown(text: &str) -> String {
    let text = one_line(text);
    let mut out = String::with_capacity(text.len() + 8);
    for (i, span) in inline::spans(&text).into_iter().enumerate() {
        let marker = match span.style {
            Style::Plain => "",
            Style::Emphasis => "*",
            Style::Strong => "**",
            Style::StrongEmphasis => "***",
        };
        out.push_str(marker);
        escape_into(&mut out, span.text, i == 0);
        out.push_str(marker);
    }
    out
}

/// Heading text as Markdown: [`inline_markdown`], with a trailing run of
/// `#` escaped so it is not taken for the heading's optional closing
/// sequence (`Part ##` would lose its `##`).
fn heading_markdown(text: &str) -> String {
    let mut out = inline_markdown(text);
    let body = out.trim_end_matches('#');
    if body.len() < out.len() && (body.is_empty() || body.ends_with([' ', '\t'])) {
        out.insert(body.len(), '\\');
    }
    out
}

/// A flashback marker line, set in italics. Emphasis cannot nest in a
/// marker, so the author's own markers in it are dropped (the text is kept).
fn marker_markdown(text: &str) -> String {
    let plain: String = inline::spans(&one_line(text))
        .iter()
        .map(|span| span.text)
        .collect();
    let mut escaped = String::with_capacity(plain.len() + 8);
    escape_into(&mut escaped, plain.trim(), true);
    if escaped.is_empty() {
        return String::new();
    }
    format!("*{escaped}*")
}

/// `text` without whitespace at either end and with any line break turned
/// into a space: a Markdown block written here is one line.
fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    // Both are ASCII: a byte search finds them without decoding characters.
    if memchr::memchr2(b'\n', b'\r', text.as_bytes()).is_some() {
        text.split_whitespace().collect::<Vec<_>>().join(" ").into()
    } else {
        text.trim().into()
    }
}

/// Escape CommonMark syntax in story text. `at_start` says whether the text
/// begins the line, where block syntax (`#`, `>`, `-`, `1.`) is live.
/// `~` is escaped everywhere for GitHub's strikethrough (`~gone~`).
fn escape_into(out: &mut String, text: &str, at_start: bool) {
    let mut rest = text;
    if at_start {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && rest[digits..].starts_with(['.', ')']) {
            out.push_str(&rest[..digits]);
            out.push('\\');
            rest = &rest[digits..];
        } else if rest.starts_with(['#', '>', '-', '+', '=', '|']) {
            out.push('\\');
        }
    }
    // Every character escaped is ASCII, and an ASCII byte in UTF-8 is
    // always that character, so the text is searched as bytes and copied in
    // runs between the escapes, not a character at a time.
    let bytes = rest.as_bytes();
    let mut copied = 0;
    let mut from = 0;
    while let Some(found) = next_special(&bytes[from..]) {
        let at = from + found;
        from = at + 1;
        // `&amp;` would become `&`; a lone ampersand is fine as it is. The
        // next character is ASCII alphanumeric or `#` exactly when its
        // first byte is.
        if bytes[at] == b'&'
            && !bytes
                .get(at + 1)
                .is_some_and(|&n| n.is_ascii_alphanumeric() || n == b'#')
        {
            continue;
        }
        out.push_str(&rest[copied..at]);
        out.push('\\');
        copied = at;
    }
    out.push_str(&rest[copied..]);
}

/// The index of the first byte that [`escape_into`] may escape. Story
/// text has few, so this tests fixed-size chunks branch-free (the compiler
/// vectorises it) and searches byte by byte only inside the chunk that has
/// one.
fn next_special(bytes: &[u8]) -> Option<usize> {
    const CHUNK: usize = 32;
    let special = |b: u8| {
        // `[`, `\`, `]`, `_` and a backtick are 0x5B to 0x60 but for `^`.
        ((b.wrapping_sub(b'[') <= b'`' - b'[') & (b != b'^'))
            | (b == b'*')
            | (b == b'<')
            | (b == b'~')
            | (b == b'&')
    };
    crate::scan::first_byte::<CHUNK>(bytes, special)
}

#[cfg(test)]
mod tests {
    use super::{inline_markdown, write};
    use crate::model::{Block, Chapter, Story};
    use crate::render::RenderOptions;

    /// `escape_into` as first written, a character at a time: the byte
    /// search must agree with it everywhere, chunk edges included.
    fn escape_by_chars(text: &str) -> String {
        let mut out = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '~' => {
                    out.push('\\');
                    out.push(c);
                }
                '&' if chars
                    .peek()
                    .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#') =>
                {
                    out.push_str("\\&");
                }
                _ => out.push(c),
            }
        }
        out
    }

    #[test]
    fn escapes_every_special_byte_wherever_it_falls() {
        let specials = "\\`*_[]<~&^&a&#&é&\u{0}\u{7f}é^@{}|";
        for at in [0, 1, 30, 31, 32, 33, 63, 64, 65] {
            for special in specials.chars() {
                for after in ["", "a", "#", "é", " "] {
                    let text = format!(
                        "{}{special}{after} tail",
                        "é".repeat(at / 2) + &"x".repeat(at % 2)
                    );
                    let mut out = String::new();
                    super::escape_into(&mut out, &text, false);
                    assert_eq!(out, escape_by_chars(&text), "{text:?}");
                }
            }
        }
        let mut out = String::new();
        super::escape_into(&mut out, specials, false);
        assert_eq!(out, escape_by_chars(specials));
    }

    #[test]
    fn block_syntax_at_paragraph_start_stays_text() {
        assert_eq!(inline_markdown("# not a heading"), "\\# not a heading");
        assert_eq!(inline_markdown("- not a list"), "\\- not a list");
        assert_eq!(inline_markdown("1. not a list"), "1\\. not a list");
        assert_eq!(inline_markdown("> not a quote"), "\\> not a quote");
        assert_eq!(inline_markdown("2 + 2 = 4"), "2 + 2 = 4");
    }

    #[test]
    fn inline_syntax_is_escaped_but_emphasis_kept() {
        assert_eq!(inline_markdown("a *b* _c_ **d**"), "a *b* *c* **d**");
        assert_eq!(
            inline_markdown("5 * 3 <b> [x](y) `z` &amp; & me"),
            "5 \\* 3 \\<b> \\[x\\](y) \\`z\\` \\&amp; & me"
        );
    }

    #[test]
    fn document_with_front_matter_notes_and_flashbacks() {
        let story = Story {
            title: Some("Say \"hi\": now".into()),
            author: None,
            summary: None,
            subjects: Vec::new(),
            chapters: vec![Chapter {
                title: Some("One".into()),
                blocks: vec![
                    Block::AuthorNote {
                        blocks: vec![Block::paragraph("Thanks."), Block::paragraph("Really.")],
                    },
                    Block::paragraph("Text."),
                    Block::SceneBreak { glyph: None },
                    Block::flashback(vec![Block::paragraph("Then.")]),
                ],
            }],
        };
        let mut out = Vec::new();
        write(&story, &RenderOptions::default(), &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "---\ntitle: \"Say \\\"hi\\\": now\"\n---\n\n# One\n\n> **Author's note**\n>\n> Thanks.\n>\n> Really.\n\nText.\n\n* * *\n\n*Flashback*\n\nThen.\n\n*End of flashback*\n"
        );
    }
}
