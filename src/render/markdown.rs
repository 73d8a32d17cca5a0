//! stub

use std::io::Write;

use super::RenderOptions;
use crate::error::Result;
use crate::model::Story;

/// Write `story`.
pub fn write(story: &Story, options: &RenderOptions, out: &mut dyn Write) -> Result<()> {
    let _ = (story, options, out);
    Ok(())
}
