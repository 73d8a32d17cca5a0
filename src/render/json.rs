//! JSON output: the story model serialised as the documented contract.

use std::io::Write;

use crate::error::Result;
use crate::model::Story;

/// Write `story` as pretty-printed JSON followed by a newline.
pub fn write(story: &Story, out: &mut dyn Write) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, story).map_err(std::io::Error::from)?;
    out.write_all(b"\n")?;
    Ok(())
}
