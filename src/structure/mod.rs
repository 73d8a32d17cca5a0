//! Structure detection: from a flat list of blocks to a [`Story`].
//!
//! This stage owns every decision about what a block *is* beyond its shape,
//! made from the words alone (no website HTML to lean on). Each detector is
//! one module, run in this order:
//!
//! 1. [`header`]: `Title:`/`Author:`/`Rating:` lines at the top become
//!    metadata.
//! 2. [`chapters`]: "Chapter 1", "Prologue", "Part One" start chapters.
//! 3. [`notes`]: author's notes, labelled or not, at the edges of each
//!    chapter, and inline notes.
//! 4. [`flashbacks`]: flashback containers from their (possibly implied)
//!    markers; point-of-view, time-skip and end lines become headings.
//!
//! [`explain`] says, block by block, which cue decided each call, and
//! [`arrange_notes`] applies the reader's `--notes` choice afterwards.

pub mod chapters;
pub mod explain;
pub mod flashbacks;
pub mod header;
mod keyed;
mod line;
pub mod markers;
pub mod notes;
mod twin;

use crate::model::{Block, Chapter, Story};

/// Build a story from a document's blocks.
pub fn detect(mut blocks: Vec<Block>, fallback_title: Option<&str>) -> Story {
    // `<!-- ficpress: ignore W004 -->` lines are instructions to the rules,
    // not story text.
    blocks.retain(|block| !matches!(block, Block::Paragraph { text } if is_directive(text)));
    let header = header::extract(&mut blocks);
    let mut chapters = chapters::split(blocks);
    if !header.notes.is_empty() {
        chapters[0].blocks.insert(
            0,
            Block::AuthorNote {
                blocks: header.notes,
            },
        );
    }
    detect_in_chapters(&mut chapters);
    fold_prelude(&mut chapters);
    title_lone_chapter(&mut chapters);
    Story {
        title: header.title.or_else(|| fallback_title.map(str::to_string)),
        author: header.author,
        summary: header.summary,
        subjects: header.subjects,
        chapters,
    }
}

/// Chapters from the blocks of a later piece of a story read in pieces (see
/// [`crate::stream`]): no header is looked for, and blocks before the first
/// heading form an untitled chapter that continues the previous piece's last.
pub fn detect_continued(mut blocks: Vec<Block>) -> Vec<Chapter> {
    blocks.retain(|block| !matches!(block, Block::Paragraph { text } if is_directive(text)));
    let mut chapters = chapters::split(blocks);
    detect_in_chapters(&mut chapters);
    chapters
}

/// Notes and flashbacks, chapter by chapter.
fn detect_in_chapters(chapters: &mut [Chapter]) {
    for chapter in chapters {
        let blocks = notes::detect(std::mem::take(&mut chapter.blocks));
        chapter.blocks = flashbacks::detect(blocks);
    }
}

/// Whether a paragraph is only a ficpress comment (`<!-- ficpress: ... -->`).
fn is_directive(text: &str) -> bool {
    let text = text.trim();
    text.starts_with("<!--")
        && text.ends_with("-->")
        && text[4..].trim_start().starts_with("ficpress:")
}

/// A story without detection: one chapter of the split blocks. `clean` uses
/// this so a writer's draft comes back with its notes and markers untouched.
pub fn undetected(blocks: Vec<Block>) -> Story {
    Story {
        chapters: vec![Chapter {
            title: None,
            blocks,
        }],
        ..Story::default()
    }
}

/// Notes before the first chapter heading (a story-wide disclaimer) belong
/// to the first chapter rather than to an untitled chapter of their own.
fn fold_prelude(chapters: &mut Vec<Chapter>) {
    let prelude_is_notes = chapters.len() > 1
        && chapters[0].title.is_none()
        && chapters[0]
            .blocks
            .iter()
            .all(|block| matches!(block, Block::AuthorNote { .. } | Block::SceneBreak { .. }));
    if prelude_is_notes {
        let prelude: Vec<Block> = chapters
            .remove(0)
            .blocks
            .into_iter()
            .filter(|block| matches!(block, Block::AuthorNote { .. }))
            .collect();
        chapters[0].blocks.splice(0..0, prelude);
    }
}

/// A single untitled chapter that opens with a plain heading (`# Title` in
/// Markdown) takes it as its title.
fn title_lone_chapter(chapters: &mut [Chapter]) {
    if let [chapter] = chapters
        && chapter.title.is_none()
        && let Some(Block::Heading { text, role: None }) = chapter.blocks.first()
    {
        chapter.title = Some(text.clone());
        chapter.blocks.remove(0);
    }
}

/// What to do with author's notes (`--notes`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NotesMode {
    /// Leave them where they are, set apart by the renderer.
    #[default]
    Keep,
    /// Drop them.
    Remove,
    /// Move them into an "Author's notes" section at the end of their chapter.
    End,
}

/// Apply the reader's choice of what to do with author's notes.
pub fn arrange_notes(story: &mut Story, mode: NotesMode) {
    if mode == NotesMode::Keep {
        return;
    }
    for chapter in &mut story.chapters {
        let mut moved = Vec::new();
        chapter.blocks = take_notes(std::mem::take(&mut chapter.blocks), &mut moved);
        if mode == NotesMode::End && !moved.is_empty() {
            chapter.blocks.push(Block::heading("Author's notes"));
            chapter.blocks.extend(moved);
        }
    }
}

/// Remove every note (inside flashbacks too) into `notes`, dropping scene
/// breaks that removal leaves doubled or at an edge.
fn take_notes(blocks: Vec<Block>, notes: &mut Vec<Block>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    for block in blocks {
        match block {
            Block::AuthorNote { .. } => notes.push(block),
            Block::Flashback { blocks, start, end } => out.push(Block::Flashback {
                blocks: take_notes(blocks, notes),
                start,
                end,
            }),
            Block::SceneBreak { .. }
                if matches!(out.last(), None | Some(Block::SceneBreak { .. })) => {}
            block => out.push(block),
        }
    }
    if matches!(out.last(), Some(Block::SceneBreak { .. })) {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{NotesMode, arrange_notes, detect};
    use crate::model::Block;

    fn p(text: &str) -> Block {
        Block::paragraph(text)
    }

    #[test]
    fn header_chapters_notes_and_flashbacks_together() {
        let story = detect(
            vec![
                p("Title: Rain"),
                p("Author: Ame"),
                p("Disclaimer: I don't own Naruto."),
                p("Chapter 1: Clouds"),
                p("A/N: first fic!"),
                p("Sakura ran."),
                p("Chapter 2"),
                p("Flashback"),
                p("Young Sakura ran."),
                p("End flashback"),
                p("Please review!"),
            ],
            Some("file"),
        );
        assert_eq!(story.title.as_deref(), Some("Rain"));
        assert_eq!(story.author.as_deref(), Some("Ame"));
        assert_eq!(story.chapters.len(), 2);
        assert_eq!(
            story.chapters[0].title.as_deref(),
            Some("Chapter 1: Clouds")
        );
        assert_eq!(
            story.chapters[0].blocks,
            vec![
                Block::AuthorNote {
                    blocks: vec![p("Disclaimer: I don't own Naruto."), p("A/N: first fic!")]
                },
                p("Sakura ran.")
            ]
        );
        assert!(matches!(
            story.chapters[1].blocks[0],
            Block::Flashback { .. }
        ));
        assert!(matches!(
            story.chapters[1].blocks[1],
            Block::AuthorNote { .. }
        ));
    }

    #[test]
    fn ficpress_comments_are_not_story_text() {
        let story = detect(
            vec![p("<!-- ficpress: ignore W001 -->"), p("Your still here.")],
            None,
        );
        assert_eq!(story.chapters[0].blocks, vec![p("Your still here.")]);
    }

    #[test]
    fn notes_can_be_removed_or_moved_to_the_end() {
        let story = detect(
            vec![
                p("A/N: hi"),
                p("Story."),
                Block::SceneBreak { glyph: None },
                p("AN: mid note"),
                p("More."),
            ],
            None,
        );
        let mut removed = story.clone();
        arrange_notes(&mut removed, NotesMode::Remove);
        assert_eq!(
            removed.chapters[0].blocks,
            vec![p("Story."), Block::SceneBreak { glyph: None }, p("More.")]
        );
        let mut moved = story;
        arrange_notes(&mut moved, NotesMode::End);
        assert_eq!(moved.chapters[0].blocks.len(), 6);
        assert_eq!(
            moved.chapters[0].blocks[3],
            Block::heading("Author's notes")
        );
    }
}
