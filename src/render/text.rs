//! Plain-text output: clean UTF-8, one blank line between paragraphs.
//!
//! Books get a title header, a uniform `* * *` scene-break line, bracketed
//! author's notes and labelled flashbacks. With [`RenderOptions::verbatim`]
//! (used by `clean`) the author's own dividers are kept and nothing is added,
//! so the output can be posted as the writer's draft.
//!
//! Emphasis markers stay as typed: `*word*` is already how plain text shows
//! emphasis.

use std::io::Write;

use super::{RenderOptions, StoryWriter, flashback_lines};
use crate::error::Result;
use crate::model::{Block, Story};

/// The scene-break line in book output.
pub const SCENE_BREAK: &str = "* * *";

/// Write `story` as plain text.
pub fn write(story: &Story, options: &RenderOptions, out: &mut dyn Write) -> Result<()> {
    super::write_chapters(writer(story, options, out)?, story)
}

/// A [`StoryWriter`] for plain text, the header already written.
pub fn writer<'a>(
    story: &Story,
    options: &'a RenderOptions,
    out: &'a mut dyn Write,
) -> Result<Box<dyn StoryWriter + 'a>> {
    let mut writer = TextWriter {
        out,
        options,
        first: true,
    };
    if !options.verbatim {
        if let Some(title) = &story.title {
            writer.paragraph(title)?;
        }
        // Under the title, or opening the book when the story names none:
        // the author's name is never dropped.
        if let Some(author) = &story.author {
            writer.line(&format!("by {author}"))?;
        }
        for subject in &story.subjects {
            writer.line(subject)?;
        }
        if let Some(summary) = &story.summary {
            writer.paragraph(summary)?;
        }
    }
    Ok(Box::new(writer))
}

impl StoryWriter for TextWriter<'_> {
    fn chapter(&mut self, title: Option<&str>) -> Result<()> {
        match title {
            Some(title) => self.paragraph(title),
            None => Ok(()),
        }
    }

    fn blocks(&mut self, blocks: &[Block]) -> Result<()> {
        TextWriter::blocks(self, blocks)
    }

    fn finish(&mut self) -> Result<()> {
        Ok(())
    }
}

struct TextWriter<'a> {
    out: &'a mut dyn Write,
    options: &'a RenderOptions,
    /// Nothing written yet, so no blank line is owed before the next block.
    first: bool,
}

impl TextWriter<'_> {
    fn blocks(&mut self, blocks: &[Block]) -> Result<()> {
        for block in blocks {
            match block {
                Block::Paragraph { text } | Block::Heading { text, .. } => self.paragraph(text)?,
                Block::SceneBreak { glyph } => {
                    let line = match glyph {
                        Some(glyph) if self.options.verbatim => glyph,
                        _ => SCENE_BREAK,
                    };
                    self.paragraph(line)?;
                }
                Block::AuthorNote { blocks } if self.options.verbatim => self.blocks(blocks)?,
                Block::AuthorNote { blocks } => self.bracketed_note(blocks)?,
                Block::Flashback { blocks, start, end } => {
                    let (start, end) = flashback_lines(start, end);
                    self.paragraph(&format!("~ {start} ~"))?;
                    self.blocks(blocks)?;
                    self.paragraph(&format!("~ {end} ~"))?;
                }
            }
        }
        Ok(())
    }

    /// A note in square brackets: `[A/N: thanks!]`, with the brackets around
    /// the first and last paragraph when the note runs over several.
    fn bracketed_note(&mut self, blocks: &[Block]) -> Result<()> {
        let last = blocks.len().saturating_sub(1);
        for (i, block) in blocks.iter().enumerate() {
            match block {
                Block::Paragraph { text } | Block::Heading { text, .. } => {
                    let open = if i == 0 { "[" } else { "" };
                    let close = if i == last { "]" } else { "" };
                    self.paragraph(&format!("{open}{text}{close}"))?;
                }
                other => {
                    if i == 0 {
                        self.paragraph("[")?;
                    }
                    self.blocks(std::slice::from_ref(other))?;
                    if i == last {
                        self.paragraph("]")?;
                    }
                }
            }
        }
        Ok(())
    }

    /// A block of text preceded by a blank line (except at the very start).
    fn paragraph(&mut self, text: &str) -> Result<()> {
        if !self.first {
            self.out.write_all(b"\n")?;
        }
        self.line(text)
    }

    /// A line (or, with `--wrap`, several) directly after the previous one.
    fn line(&mut self, text: &str) -> Result<()> {
        self.first = false;
        match self.options.wrap {
            Some(width) => {
                for line in wrap(text, width) {
                    self.out.write_all(line.as_bytes())?;
                    self.out.write_all(b"\n")?;
                }
            }
            None => {
                self.out.write_all(text.as_bytes())?;
                self.out.write_all(b"\n")?;
            }
        }
        Ok(())
    }
}

/// Greedy word wrap at `width` characters; a word longer than the width gets
/// a line of its own rather than being cut.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_len = 0;
    for word in text.split(' ').filter(|word| !word.is_empty()) {
        let word_len = word.chars().count();
        if line_len > 0 && line_len + 1 + word_len > width {
            lines.push(std::mem::take(&mut line));
            line_len = 0;
        }
        if line_len > 0 {
            line.push(' ');
            line_len += 1;
        }
        line.push_str(word);
        line_len += word_len;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::{wrap, write};
    use crate::model::{Block, Chapter, Story};
    use crate::render::RenderOptions;

    fn story() -> Story {
        Story {
            title: Some("The Rain".into()),
            author: Some("Ame".into()),
            summary: None,
            subjects: Vec::new(),
            chapters: vec![Chapter {
                title: None,
                blocks: vec![
                    Block::paragraph("She *ran*."),
                    Block::SceneBreak {
                        glyph: Some("o-O-o".into()),
                    },
                    Block::AuthorNote {
                        blocks: vec![Block::paragraph("A/N: thanks!")],
                    },
                    Block::flashback(vec![Block::paragraph("Years ago.")]),
                ],
            }],
        }
    }

    fn render(options: &RenderOptions) -> String {
        let mut out = Vec::new();
        write(&story(), options, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn book_text_has_header_and_uniform_markers() {
        assert_eq!(
            render(&RenderOptions::default()),
            "The Rain\nby Ame\n\nShe *ran*.\n\n* * *\n\n[A/N: thanks!]\n\n~ Flashback ~\n\nYears ago.\n\n~ End of flashback ~\n"
        );
    }

    #[test]
    fn an_author_without_a_title_is_kept() {
        let mut story = story();
        story.title = None;
        let mut out = Vec::new();
        write(&story, &RenderOptions::default(), &mut out).unwrap();
        assert!(
            String::from_utf8(out)
                .unwrap()
                .starts_with("by Ame\n\nShe *ran*.")
        );
    }

    #[test]
    fn verbatim_text_keeps_the_authors_markers() {
        let options = RenderOptions {
            verbatim: true,
            ..RenderOptions::default()
        };
        assert!(render(&options).starts_with("She *ran*.\n\no-O-o\n\nA/N: thanks!\n"));
    }

    #[test]
    fn wraps_at_width_without_cutting_words() {
        assert_eq!(wrap("aa bb cc dd", 5), ["aa bb", "cc dd"]);
        assert_eq!(wrap("extraordinary x", 5), ["extraordinary", "x"]);
        assert_eq!(wrap("", 5), [""]);
    }
}
