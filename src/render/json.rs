//! JSON output: the story model serialised as the documented contract.
//!
//! Written a chapter at a time (see [`StoryWriter`]), byte for byte what
//! `serde_json::to_writer_pretty` makes of the whole [`Story`], so a story
//! too large to hold renders exactly like a small one.

use std::io::Write;

use super::StoryWriter;
use crate::error::Result;
use crate::model::{Block, Story};

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
    }))
}

struct JsonWriter<'a> {
    out: &'a mut dyn Write,
    /// Chapters started so far.
    chapters: usize,
    /// Blocks written in the open chapter (`None`: no chapter is open).
    blocks: Option<usize>,
}

/// Indentation of a block inside `chapters[i].blocks`.
const BLOCK_INDENT: &[u8] = b"        ";

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
                self.out.write_all(b",")?;
            }
            *written += 1;
            // JSON strings hold no raw line breaks, so indenting every line
            // of the block's own pretty form nests it correctly.
            let json = serde_json::to_vec_pretty(block).map_err(std::io::Error::from)?;
            for line in json.split(|&b| b == b'\n') {
                self.out.write_all(b"\n")?;
                self.out.write_all(BLOCK_INDENT)?;
                self.out.write_all(line)?;
            }
        }
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
