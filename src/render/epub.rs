//! EPUB 3 output. STUB — being implemented (see the EPUB brief).

use std::io::Write;

use super::RenderOptions;
use crate::error::Result;
use crate::model::Story;

/// Write `story` as an EPUB 3 book.
pub fn write(story: &Story, options: &RenderOptions, out: &mut dyn Write) -> Result<()> {
    let _ = (story, options, out);
    Ok(())
}
