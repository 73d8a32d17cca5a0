//! JSON output: the story model serialised as the documented contract.
//!
//! Written a chapter at a time (see [`StoryWriter`]), byte for byte what
//! `serde_json::to_writer_pretty` makes of the whole [`Story`], so a story
//! too large to hold renders exactly like a small one.
//!
//! The metadata goes through serde; blocks, nearly all of the output, are
//! written by hand in the same pretty form: serde's string escaping looks at
//! one byte at a time, the hand-written one skips clean text in chunks. The
//! tests hold every kind of block to serde's output.

use std::io::Write;

use super::StoryWriter;
use crate::error::Result;
use crate::model::{Block, HeadingRole, Story};

/// Write `story` as pretty-printed JSON followed by a newline.
pub fn write(story: &Story, out: &mut dyn Write) -> Result<()> {
    super::write_chapters(writer(story, out)?, story)
}

/// A [`StoryWriter`] for JSON, the metadata already written.
pub fn writer<'a>(story: &Story, out: &'a mut dyn Write) -> Result<Box<dyn StoryWriter + 'a>> {
    let head = serde_json::to_vec_pretty(&story.clone_metadata()).map_err(std::io::Error::from)?;
    // The metadata object ends `"chapters": []\n}`; keep it open at the `[`.
    let open = head
        .strip_suffix(b"]\n}")
        .expect("a story serialises with its chapters last");
    out.write_all(open)?;
    Ok(Box::new(JsonWriter {
        out,
        chapters: 0,
        blocks: None,
        buffer: Vec::new(),
    }))
}

struct JsonWriter<'a> {
    out: &'a mut dyn Write,
    /// Chapters started so far.
    chapters: usize,
    /// Blocks written in the open chapter (`None`: no chapter is open).
    blocks: Option<usize>,
    /// Blocks are formatted here, then written in large pieces.
    buffer: Vec<u8>,
}

/// Nesting depth of a block inside `chapters[i].blocks` (two spaces each).
const BLOCK_DEPTH: usize = 4;

/// Flush the buffer to the output once it holds this much.
const BUFFER_LIMIT: usize = 1 << 16;

impl JsonWriter<'_> {
    fn close_chapter(&mut self) -> Result<()> {
        match self.blocks.take() {
            None => return Ok(()),
            Some(0) => self.out.write_all(b"]")?,
            Some(_) => self.out.write_all(b"\n      ]")?,
        }
        self.out.write_all(b"\n    }")?;
        Ok(())
    }
}

impl StoryWriter for JsonWriter<'_> {
    fn chapter(&mut self, title: Option<&str>) -> Result<()> {
        self.close_chapter()?;
        if self.chapters > 0 {
            self.out.write_all(b",")?;
        }
        let title = serde_json::to_string(&title).map_err(std::io::Error::from)?;
        write!(
            self.out,
            "\n    {{\n      \"title\": {title},\n      \"blocks\": ["
        )?;
        self.chapters += 1;
        self.blocks = Some(0);
        Ok(())
    }

    fn blocks(&mut self, blocks: &[Block]) -> Result<()> {
        if self.blocks.is_none() {
            self.chapter(None)?;
        }
        for block in blocks {
            let written = self.blocks.get_or_insert(0);
            if *written > 0 {
                self.buffer.push(b',');
            }
            *written += 1;
            newline(&mut self.buffer, BLOCK_DEPTH);
            write_block(&mut self.buffer, block, BLOCK_DEPTH);
            if self.buffer.len() >= BUFFER_LIMIT {
                self.out.write_all(&self.buffer)?;
                self.buffer.clear();
            }
        }
        self.out.write_all(&self.buffer)?;
        self.buffer.clear();
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        self.close_chapter()?;
        if self.chapters == 0 {
            self.out.write_all(b"]\n}\n")?;
        } else {
            self.out.write_all(b"\n  ]\n}\n")?;
        }
        Ok(())
    }
}

/// A block as `serde_json::to_vec_pretty` writes it, its `{` at `depth`.
fn write_block(out: &mut Vec<u8>, block: &Block, depth: usize) {
    out.push(b'{');
    let inner = depth + 1;
    // Field names and values as serde derives them (see `crate::model`):
    // the `kind` tag first, then the fields in order, `None` left out.
    let field = |out: &mut Vec<u8>, name: &str| {
        out.push(b',');
        newline(out, inner);
        push_plain(out, name);
        out.extend_from_slice(b": ");
    };
    let kind = match block {
        Block::Paragraph { .. } => "paragraph",
        Block::SceneBreak { .. } => "scene_break",
        Block::Heading { .. } => "heading",
        Block::AuthorNote { .. } => "author_note",
        Block::Flashback { .. } => "flashback",
    };
    newline(out, inner);
    out.extend_from_slice(b"\"kind\": ");
    push_plain(out, kind);
    match block {
        Block::Paragraph { text } => {
            field(out, "text");
            push_string(out, text);
        }
        Block::SceneBreak { glyph } => {
            if let Some(glyph) = glyph {
                field(out, "glyph");
                push_string(out, glyph);
            }
        }
        Block::Heading { text, role } => {
            field(out, "text");
            push_string(out, text);
            if let Some(role) = role {
                field(out, "role");
                push_plain(out, role_name(*role));
            }
        }
        Block::AuthorNote { blocks } => {
            field(out, "blocks");
            write_array(out, blocks, inner);
        }
        Block::Flashback { blocks, start, end } => {
            field(out, "blocks");
            write_array(out, blocks, inner);
            for (name, value) in [("start", start), ("end", end)] {
                if let Some(value) = value {
                    field(out, name);
                    push_string(out, value);
                }
            }
        }
    }
    newline(out, depth);
    out.push(b'}');
}

/// A list of blocks, its `[` at `depth`.
fn write_array(out: &mut Vec<u8>, blocks: &[Block], depth: usize) {
    if blocks.is_empty() {
        out.extend_from_slice(b"[]");
        return;
    }
    out.push(b'[');
    for (i, block) in blocks.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        newline(out, depth + 1);
        write_block(out, block, depth + 1);
    }
    newline(out, depth);
    out.push(b']');
}

fn role_name(role: HeadingRole) -> &'static str {
    match role {
        HeadingRole::Pov => "pov",
        HeadingRole::TimeSkip => "time_skip",
        HeadingRole::End => "end",
    }
}

fn newline(out: &mut Vec<u8>, depth: usize) {
    out.push(b'\n');
    out.resize(out.len() + 2 * depth, b' ');
}

/// A JSON string of one of this file's own names (`kind`, `paragraph`),
/// which hold nothing to escape: quoted, without looking for escapes.
fn push_plain(out: &mut Vec<u8>, name: &str) {
    debug_assert!(name.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\'));
    out.push(b'"');
    out.extend_from_slice(name.as_bytes());
    out.push(b'"');
}

/// A JSON string with serde_json's escapes: `\"`, `\\`, the short forms
/// for backspace, tab, newline, form feed and carriage return, `\u00XX` for
/// other control bytes; everything else (non-ASCII included) as it is.
fn push_string(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    out.push(b'"');
    let mut copied = 0;
    while let Some(found) = next_escape(&bytes[copied..]) {
        let at = copied + found;
        out.extend_from_slice(&bytes[copied..at]);
        let byte = bytes[at];
        match byte {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            0x08 => out.extend_from_slice(b"\\b"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\n' => out.extend_from_slice(b"\\n"),
            0x0C => out.extend_from_slice(b"\\f"),
            b'\r' => out.extend_from_slice(b"\\r"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(byte >> 4)]);
                out.push(HEX[usize::from(byte & 0xF)]);
            }
        }
        copied = at + 1;
    }
    out.extend_from_slice(&bytes[copied..]);
    out.push(b'"');
}

/// The index of the first byte that needs an escape. Story text has almost
/// none, so this tests fixed-size chunks branch-free (the compiler
/// vectorises it) and searches byte by byte only inside the chunk that has one.
fn next_escape(bytes: &[u8]) -> Option<usize> {
    const CHUNK: usize = 32;
    let needs_escape = |b: u8| (b < 0x20) | (b == b'"') | (b == b'\\');
    let mut offset = 0;
    for chunk in bytes.chunks(CHUNK) {
        if chunk.iter().fold(false, |any, &b| any | needs_escape(b)) {
            return chunk
                .iter()
                .position(|&b| needs_escape(b))
                .map(|i| offset + i);
        }
        offset += chunk.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::write_block;
    use crate::model::{Block, HeadingRole};

    /// What serde makes of a block nested `depth` levels deep.
    fn serde_form(block: &Block, depth: usize) -> String {
        let json = serde_json::to_string_pretty(block).unwrap();
        json.replace('\n', &format!("\n{}", "  ".repeat(depth)))
    }

    #[test]
    fn blocks_match_serde_byte_for_byte() {
        let awkward = "Quotes \" and \\ back\tslash, \u{1}\u{8}\u{c}\r\n\u{1f}\u{7f} “curly” é ok";
        let blocks = vec![
            Block::paragraph("Plain."),
            Block::paragraph(awkward),
            Block::paragraph(""),
            Block::SceneBreak { glyph: None },
            Block::SceneBreak {
                glyph: Some("~*~".into()),
            },
            Block::heading("Head \"1\""),
            Block::Heading {
                text: "Sakura's POV".into(),
                role: Some(HeadingRole::Pov),
            },
            Block::Heading {
                text: "Later".into(),
                role: Some(HeadingRole::TimeSkip),
            },
            Block::Heading {
                text: "Fin".into(),
                role: Some(HeadingRole::End),
            },
            Block::AuthorNote { blocks: vec![] },
            Block::AuthorNote {
                blocks: vec![Block::paragraph("A/N: hi"), Block::paragraph(awkward)],
            },
            Block::flashback(vec![]),
            Block::Flashback {
                blocks: vec![
                    Block::paragraph("Then."),
                    Block::AuthorNote {
                        blocks: vec![Block::paragraph("(A/N: aside)")],
                    },
                ],
                start: Some("Flashback".into()),
                end: None,
            },
            Block::Flashback {
                blocks: vec![Block::SceneBreak { glyph: None }],
                start: None,
                end: Some("End flashback".into()),
            },
        ];
        for depth in [0, 4] {
            for block in &blocks {
                let mut out = Vec::new();
                write_block(&mut out, block, depth);
                assert_eq!(String::from_utf8(out).unwrap(), serde_form(block, depth));
            }
        }
    }
}
