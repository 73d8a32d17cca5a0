//! stub
use crate::model::{Block, Chapter, Story};
/// Detect.
pub fn detect(blocks: Vec<Block>, fallback_title: Option<&str>) -> Story {
    Story { title: fallback_title.map(str::to_string), chapters: vec![Chapter { title: None, blocks }], ..Story::default() }
}
