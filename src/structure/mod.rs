//! Structure detection: from a flat list of blocks to a [`Story`].
//!
//! This stage owns every decision about what a block *is* beyond its shape:
//! chapters, header metadata, author's notes and flashbacks. Each detector is
//! a function from blocks to blocks (or to story metadata), run in order, so
//! new detectors plug in without reshaping the pipeline.
//!
//! Today it groups a document into one chapter, takes a leading heading as
//! that chapter's title, and falls back to the caller's title (the file name)
//! for the story. Author's notes, flashbacks and chapter splitting come next.

use crate::model::{Block, Chapter, Story};

/// Build a story from a document's blocks.
pub fn detect(mut blocks: Vec<Block>, fallback_title: Option<&str>) -> Story {
    let title = match blocks.first() {
        Some(Block::Heading { text }) => {
            let text = text.clone();
            blocks.remove(0);
            Some(text)
        }
        _ => None,
    };
    Story {
        title: fallback_title.map(str::to_string),
        author: None,
        summary: None,
        chapters: vec![Chapter { title, blocks }],
    }
}

#[cfg(test)]
mod tests {
    use super::detect;
    use crate::model::Block;

    #[test]
    fn leading_heading_titles_the_chapter() {
        let story = detect(
            vec![
                Block::Heading {
                    text: "Chapter 1".into(),
                },
                Block::paragraph("Text."),
            ],
            Some("story"),
        );
        assert_eq!(story.title.as_deref(), Some("story"));
        assert_eq!(story.chapters[0].title.as_deref(), Some("Chapter 1"));
        assert_eq!(story.chapters[0].blocks, vec![Block::paragraph("Text.")]);
    }

    #[test]
    fn no_blocks_still_makes_one_chapter() {
        assert_eq!(detect(Vec::new(), None).chapters.len(), 1);
    }
}
