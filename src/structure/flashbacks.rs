//! Flashbacks and the other marker lines of a chapter.
//!
//! Marker lines ([`markers::classify`]) are taken out of the story text:
//! flashback markers become the edges of a [`Block::Flashback`] container
//! (their words kept in its `start`/`end`), point-of-view lines, time skips
//! and end-of-story lines become headings with a role.
//!
//! Where a marker is missing, the nearest boundary stands in for it:
//!
//! * an end marker with no start (seed `000_*`) opens the flashback at the
//!   nearest preceding scene break, or at the start of the chapter's story;
//! * a start marker with no end closes at the next scene break, the next
//!   `Present`/`Now` line, or the end of the chapter. When an end marker
//!   does follow, scene breaks before it stay inside the flashback.
//!
//! Flashbacks do not nest: a new start marker closes the open flashback.

use super::markers::{self, Marker};
use crate::model::{Block, HeadingRole};

/// An open flashback: where it starts in the output, and how it may end.
struct Open {
    at: usize,
    start: Option<String>,
    end_ahead: bool,
}

/// Group a chapter's blocks into flashbacks and turn marker lines into
/// headings.
pub fn detect(blocks: Vec<Block>) -> Vec<Block> {
    let kinds: Vec<Option<(Marker, String)>> = blocks
        .iter()
        .map(|block| match block {
            Block::Paragraph { text } => markers::classify(text),
            _ => None,
        })
        .collect();
    let mut grouper = Grouper {
        out: Vec::with_capacity(blocks.len()),
        ..Grouper::default()
    };
    for (i, (block, kind)) in blocks.into_iter().zip(kinds.iter().cloned()).enumerate() {
        grouper.push(block, kind, || end_ahead(&kinds[i + 1..]));
    }
    grouper.finish()
}

/// Whether a flashback opened here is closed by a marker before the next one
/// opens.
fn end_ahead(kinds: &[Option<(Marker, String)>]) -> bool {
    for kind in kinds.iter().flatten() {
        match kind.0 {
            Marker::FlashbackEnd | Marker::Present => return true,
            Marker::FlashbackStart | Marker::TimeBefore => return false,
            _ => {}
        }
    }
    false
}

#[derive(Default)]
struct Grouper {
    out: Vec<Block>,
    open: Option<Open>,
    /// Output index after the last closed flashback: an implied start never
    /// reaches back past it.
    floor: usize,
}

impl Grouper {
    fn push(
        &mut self,
        block: Block,
        kind: Option<(Marker, String)>,
        end_ahead: impl FnOnce() -> bool,
    ) {
        // `~Present~` is a marker even with no flashback open; `Now.` is not.
        let decorated = |core: &str| match &block {
            Block::Paragraph { text } => text.trim().trim_end_matches(['.', '!', '…']) != core,
            _ => false,
        };
        // Asked only of a `Later` line: most blocks are no marker at all.
        let trailing_off = || match &block {
            Block::Paragraph { text } => {
                text.trim_end().ends_with("...") || text.trim_end().ends_with('…')
            }
            _ => false,
        };
        match kind {
            Some((Marker::FlashbackStart | Marker::TimeBefore, core)) => {
                self.close(None);
                self.open = Some(Open {
                    at: self.out.len(),
                    start: Some(core),
                    end_ahead: end_ahead(),
                });
            }
            Some((Marker::FlashbackEnd, core)) => self.end(core),
            Some((Marker::Present, core)) if self.open.is_some() || decorated(&core) => {
                self.end(core)
            }
            Some((Marker::Pov, core)) => self.heading(core, HeadingRole::Pov),
            Some((Marker::TimeSkip, core)) => self.heading(core, HeadingRole::TimeSkip),
            // "Three days later" is a time skip where a scene starts, or where
            // the author set it apart ("Two weeks later...", "~A year later~").
            Some((Marker::Later, core))
                if self.at_scene_start() || trailing_off() || decorated(&core) =>
            {
                self.heading(core, HeadingRole::TimeSkip)
            }
            Some((Marker::End, core)) => self.heading(core, HeadingRole::End),
            _ => {
                if matches!(block, Block::SceneBreak { .. })
                    && self.open.as_ref().is_some_and(|open| !open.end_ahead)
                {
                    self.close(None);
                }
                self.out.push(block);
            }
        }
    }

    fn heading(&mut self, text: String, role: HeadingRole) {
        self.out.push(Block::Heading {
            text,
            role: Some(role),
        });
    }

    /// Nothing but a break, heading or note before this point in the scene.
    fn at_scene_start(&self) -> bool {
        matches!(
            self.out.last(),
            None | Some(
                Block::SceneBreak { .. } | Block::Heading { .. } | Block::AuthorNote { .. }
            )
        )
    }

    /// An end marker: close the open flashback, or open one at the nearest
    /// boundary before it.
    fn end(&mut self, core: String) {
        if self.open.is_none() {
            let after_break = self.out[self.floor..]
                .iter()
                .rposition(|block| matches!(block, Block::SceneBreak { .. }))
                .map(|i| self.floor + i + 1);
            let story_start = self.floor
                + self.out[self.floor..]
                    .iter()
                    .take_while(|block| {
                        matches!(block, Block::AuthorNote { .. } | Block::Heading { .. })
                    })
                    .count();
            self.open = Some(Open {
                at: after_break.unwrap_or(story_start),
                start: None,
                end_ahead: true,
            });
        }
        self.close(Some(core));
    }

    fn close(&mut self, end: Option<String>) {
        let Some(open) = self.open.take() else {
            return;
        };
        let mut blocks: Vec<Block> = self.out.drain(open.at..).collect();
        // With no end marker, notes at the very end are the author's, after
        // the flashback, not inside it (a start-only flashback at chapter end).
        let mut after = Vec::new();
        if end.is_none() {
            while matches!(blocks.last(), Some(Block::AuthorNote { .. })) {
                after.extend(blocks.pop());
            }
            after.reverse();
        }
        if blocks.is_empty() {
            // Markers with nothing between them: keep their words as headings.
            self.out
                .extend(open.start.into_iter().chain(end).map(Block::heading));
        } else {
            self.out.push(Block::Flashback {
                blocks,
                start: open.start,
                end,
            });
        }
        self.out.extend(after);
        self.floor = self.out.len();
    }

    fn finish(mut self) -> Vec<Block> {
        self.close(None);
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::detect;
    use crate::model::{Block, HeadingRole};

    fn p(text: &str) -> Block {
        Block::paragraph(text)
    }

    fn flashback(blocks: Vec<Block>, start: Option<&str>, end: Option<&str>) -> Block {
        Block::Flashback {
            blocks,
            start: start.map(str::to_string),
            end: end.map(str::to_string),
        }
    }

    const BREAK: Block = Block::SceneBreak { glyph: None };

    #[test]
    fn both_markers() {
        let out = detect(vec![
            p("Now."),
            p("*~Flashback~*"),
            p("Then."),
            BREAK,
            p("More then."),
            p("End Flashback"),
            p("After."),
        ]);
        assert_eq!(
            out,
            vec![
                p("Now."),
                flashback(
                    vec![p("Then."), BREAK, p("More then.")],
                    Some("Flashback"),
                    Some("End Flashback")
                ),
                p("After.")
            ]
        );
    }

    #[test]
    fn only_an_end_marker_opens_at_the_previous_break() {
        let out = detect(vec![
            p("Story."),
            BREAK,
            p("Memory one."),
            p("Memory two."),
            p("End Flashback"),
            p("Story again."),
        ]);
        assert_eq!(
            out,
            vec![
                p("Story."),
                BREAK,
                flashback(
                    vec![p("Memory one."), p("Memory two.")],
                    None,
                    Some("End Flashback")
                ),
                p("Story again.")
            ]
        );
    }

    #[test]
    fn only_a_start_marker_closes_at_the_next_break_or_chapter_end() {
        let out = detect(vec![
            p("Flashback"),
            p("Then."),
            BREAK,
            p("Now again."),
            p("(Flashback)"),
            p("Long ago."),
        ]);
        assert_eq!(
            out,
            vec![
                flashback(vec![p("Then.")], Some("Flashback"), None),
                BREAK,
                p("Now again."),
                flashback(vec![p("Long ago.")], Some("Flashback"), None)
            ]
        );
    }

    #[test]
    fn notes_after_an_open_flashback_stay_outside_it() {
        let note = Block::AuthorNote {
            blocks: vec![p("A/N: thanks!")],
        };
        let out = detect(vec![p("Flashback"), p("Then."), note.clone()]);
        assert_eq!(
            out,
            vec![flashback(vec![p("Then.")], Some("Flashback"), None), note]
        );
    }

    #[test]
    fn time_headings_and_present() {
        let out = detect(vec![
            p("~ Twenty years earlier ~"),
            p("Young."),
            p("~ Present ~"),
            p("Old."),
        ]);
        assert_eq!(
            out,
            vec![
                flashback(
                    vec![p("Young.")],
                    Some("Twenty years earlier"),
                    Some("Present")
                ),
                p("Old.")
            ]
        );
    }

    #[test]
    fn other_markers_become_headings() {
        let out = detect(vec![
            p("~Kakashi POV~"),
            p("Text."),
            BREAK,
            p("Three days later"),
            p("Text."),
            p("~Fin~"),
        ]);
        assert_eq!(
            out[0],
            Block::Heading {
                text: "Kakashi POV".into(),
                role: Some(HeadingRole::Pov)
            }
        );
        assert!(matches!(
            out[3],
            Block::Heading {
                role: Some(HeadingRole::TimeSkip),
                ..
            }
        ));
        assert!(matches!(
            out[5],
            Block::Heading {
                role: Some(HeadingRole::End),
                ..
            }
        ));
    }

    #[test]
    fn plain_now_without_a_flashback_is_story() {
        let input = vec![
            p("He waited."),
            p("Now."),
            p("Three days later"),
            p("Nothing."),
        ];
        assert_eq!(detect(input.clone()), input);
    }
}
