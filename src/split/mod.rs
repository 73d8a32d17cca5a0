//! stub
use crate::model::Block;
/// The paragraph convention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Layout;
/// Split result.
pub struct Split { pub layout: Layout, pub blocks: Vec<Block> }
/// Split text.
pub fn split(text: &str) -> Split {
    Split { layout: Layout, blocks: text.split("\n\n").map(Block::paragraph).collect() }
}
