//! The story model: what every stage after splitting reads and fills.
//!
//! Plain documented structs (in the spirit of mdBook's `Book`/`Chapter`): the
//! splitter produces blocks, detectors regroup them into containers and fill the
//! metadata, renderers only read. The serde shape of these types *is* the JSON
//! contract other tools rely on (see `README.md`), so field and variant names
//! must not change meaning; new optional fields and kinds may be added.

use serde::{Deserialize, Serialize};

/// A whole story: metadata plus its chapters in reading order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Story {
    /// The story's title, when known (from a header, or from the file name).
    pub title: Option<String>,
    /// The author's name or pen name, when the text says it.
    pub author: Option<String>,
    /// A short description, when the text has one.
    pub summary: Option<String>,
    /// Header fields that describe the story (`Rating: T`, `Genre: Romance`),
    /// as EPUB subjects.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subjects: Vec<String>,
    /// At least one chapter once the story has been split.
    pub chapters: Vec<Chapter>,
}

impl Story {
    /// The story's metadata, without its chapters.
    pub fn clone_metadata(&self) -> Story {
        Story {
            title: self.title.clone(),
            author: self.author.clone(),
            summary: self.summary.clone(),
            subjects: self.subjects.clone(),
            chapters: Vec::new(),
        }
    }
}

/// One chapter: an optional title and its blocks in reading order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chapter {
    /// The chapter's heading text without decoration ("Chapter 3: The Exam").
    pub title: Option<String>,
    /// The chapter's content.
    pub blocks: Vec<Block>,
}

/// A unit of story content.
///
/// Paragraph text keeps the author's inline emphasis markers (`*word*`,
/// `_word_`, `**word**`) verbatim; renderers turn them into real emphasis with
/// [`crate::inline`], so the JSON shows exactly what the author wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    /// A paragraph of prose or dialogue, on one logical line.
    Paragraph { text: String },
    /// A change of scene. `glyph` is the divider the author typed (`o-O-o`,
    /// `~*~`), or `None` when the break was a run of blank lines.
    SceneBreak {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        glyph: Option<String>,
    },
    /// A heading inside a chapter: a point-of-view line, a time skip, an
    /// end-of-story line, a Markdown `#` heading. `text` is the line without
    /// its decoration (`~Kakashi POV~` → `Kakashi POV`).
    Heading {
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        role: Option<HeadingRole>,
    },
    /// The author talking to the reader rather than telling the story.
    AuthorNote { blocks: Vec<Block> },
    /// Story text set in the past, between (possibly implied) markers.
    /// `start` and `end` are the marker lines without decoration, `None`
    /// where the marker was implied (a flashback that only has an end marker
    /// starts at a scene break).
    Flashback {
        blocks: Vec<Block>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        start: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        end: Option<String>,
    },
}

/// What a [`Block::Heading`] marks, when detection knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HeadingRole {
    /// A point-of-view switch: `Sakura's POV`.
    Pov,
    /// A jump in time: `Time skip`, `Three days later`.
    TimeSkip,
    /// The end of the story or chapter: `~Fin~`, `To be continued`.
    End,
}

impl Block {
    /// A paragraph block from any string.
    pub fn paragraph(text: impl Into<String>) -> Self {
        Block::Paragraph { text: text.into() }
    }

    /// A plain heading (no detected role).
    pub fn heading(text: impl Into<String>) -> Self {
        Block::Heading {
            text: text.into(),
            role: None,
        }
    }

    /// A flashback whose markers are unknown.
    pub fn flashback(blocks: Vec<Block>) -> Self {
        Block::Flashback {
            blocks,
            start: None,
            end: None,
        }
    }
}

impl Story {
    /// Every paragraph and heading text in reading order, containers included.
    ///
    /// Useful for checks that no word was lost between input and output.
    pub fn texts(&self) -> Vec<&str> {
        fn walk<'a>(blocks: &'a [Block], out: &mut Vec<&'a str>) {
            for block in blocks {
                match block {
                    Block::Paragraph { text } | Block::Heading { text, .. } => out.push(text),
                    Block::SceneBreak { .. } => {}
                    Block::AuthorNote { blocks } | Block::Flashback { blocks, .. } => {
                        walk(blocks, out)
                    }
                }
            }
        }
        let mut out = Vec::new();
        for chapter in &self.chapters {
            if let Some(title) = &chapter.title {
                out.push(title.as_str());
            }
            walk(&chapter.blocks, &mut out);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::{Block, Chapter, Story};

    #[test]
    fn json_shape_matches_the_contract() {
        let story = Story {
            title: Some("T".into()),
            author: None,
            summary: None,
            subjects: Vec::new(),
            chapters: vec![Chapter {
                title: None,
                blocks: vec![
                    Block::paragraph("Hi."),
                    Block::SceneBreak { glyph: None },
                    Block::AuthorNote {
                        blocks: vec![Block::paragraph("Review!")],
                    },
                ],
            }],
        };
        let json = serde_json::to_value(&story).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "title": "T", "author": null, "summary": null,
                "chapters": [{"title": null, "blocks": [
                    {"kind": "paragraph", "text": "Hi."},
                    {"kind": "scene_break"},
                    {"kind": "author_note", "blocks": [{"kind": "paragraph", "text": "Review!"}]}
                ]}]
            })
        );
    }
}
