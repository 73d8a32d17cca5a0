//! `--explain`: block by block, what detection decided and which cue decided
//! it, so a reader can see why a paragraph was taken for a note.

use super::notes;
use crate::model::{Block, HeadingRole, Story};

/// One decision about one block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// 1-based chapter number; 0 for story metadata.
    pub chapter: usize,
    /// What the block was taken for: `paragraph`, `author_note`, `flashback`...
    pub kind: &'static str,
    /// The cue that decided it.
    pub cue: String,
    /// The start of the block's text.
    pub excerpt: String,
}

/// How much of a block's text to show.
const EXCERPT_CHARS: usize = 60;

/// Explain every decision in reading order.
pub fn explain(story: &Story) -> Vec<Explanation> {
    let mut walker = Walker { out: Vec::new() };
    for (field, value) in [
        ("title", &story.title),
        ("author", &story.author),
        ("summary", &story.summary),
    ] {
        if let Some(value) = value {
            walker.push(0, "metadata", field, value);
        }
    }
    for subject in &story.subjects {
        walker.push(0, "metadata", "subject", subject);
    }
    for (index, chapter) in story.chapters.iter().enumerate() {
        if let Some(title) = &chapter.title {
            walker.push(index + 1, "chapter", "chapter heading", title);
        }
        walker.blocks(index + 1, &chapter.blocks, false);
    }
    walker.out
}

struct Walker {
    out: Vec<Explanation>,
}

impl Walker {
    fn push(&mut self, chapter: usize, kind: &'static str, cue: impl Into<String>, text: &str) {
        self.out.push(Explanation {
            chapter,
            kind,
            cue: cue.into(),
            excerpt: excerpt(text),
        });
    }

    fn blocks(&mut self, chapter: usize, blocks: &[Block], in_flashback: bool) {
        let story_kind = if in_flashback {
            "flashback_text"
        } else {
            "paragraph"
        };
        for block in blocks {
            match block {
                Block::Paragraph { text } => self.push(chapter, story_kind, "story text", text),
                Block::SceneBreak { glyph } => {
                    let cue = match glyph {
                        Some(glyph) => format!("divider `{glyph}`"),
                        None => "blank-line gap".to_string(),
                    };
                    self.push(chapter, "scene_break", cue, "");
                }
                Block::Heading { text, role } => {
                    let cue = match role {
                        Some(HeadingRole::Pov) => "point-of-view line",
                        Some(HeadingRole::TimeSkip) => "time skip",
                        Some(HeadingRole::End) => "end-of-story line",
                        None => "heading line",
                    };
                    self.push(chapter, "heading", cue, text);
                }
                Block::AuthorNote { blocks } => {
                    for (i, block) in blocks.iter().enumerate() {
                        let text = match block {
                            Block::Paragraph { text } | Block::Heading { text, .. } => {
                                text.as_str()
                            }
                            _ => "",
                        };
                        let cue = notes::why(text).unwrap_or_else(|| {
                            if i == 0 {
                                "header field".to_string()
                            } else {
                                "continues the note above".to_string()
                            }
                        });
                        self.push(chapter, "author_note", cue, text);
                    }
                }
                Block::Flashback { blocks, start, end } => {
                    let cue = match start {
                        Some(start) => format!("start marker `{start}`"),
                        None => "implied start: the scene break before its end marker".to_string(),
                    };
                    self.push(chapter, "flashback", cue, "");
                    self.blocks(chapter, blocks, true);
                    let cue = match end {
                        Some(end) => format!("end marker `{end}`"),
                        None => "implied end: next scene break or chapter end".to_string(),
                    };
                    self.push(chapter, "flashback_end", cue, "");
                }
            }
        }
    }
}

fn excerpt(text: &str) -> String {
    let mut out: String = text.chars().take(EXCERPT_CHARS).collect();
    if text.chars().nth(EXCERPT_CHARS).is_some() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::explain;
    use crate::model::Block;
    use crate::structure::detect;

    #[test]
    fn says_why_each_block_was_classified() {
        let story = detect(
            vec![
                Block::paragraph("A/N: hello!"),
                Block::paragraph("Story."),
                Block::paragraph("Please review!"),
            ],
            None,
        );
        let cues: Vec<(&str, String)> = explain(&story)
            .into_iter()
            .map(|e| (e.kind, e.cue))
            .collect();
        assert_eq!(
            cues,
            [
                ("author_note", "label `A/N:`".to_string()),
                ("paragraph", "story text".to_string()),
                ("author_note", "cue `please review`".to_string()),
            ]
        );
    }
}
