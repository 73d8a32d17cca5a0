//! Cleaning a draft: the story's own text with its whitespace, line endings
//! and encoding put right, ready to post.
//!
//! `clean` renders the story as verbatim plain text (see
//! [`crate::render::text`]): one paragraph per line, one blank line between
//! paragraphs, the author's dividers and notes kept where they are. Running it
//! on its own output changes nothing.

use crate::Document;
use crate::render::{RenderOptions, text};

/// The cleaned text of a document read with [`crate::read_draft`].
pub fn clean(document: &Document) -> String {
    let options = RenderOptions {
        verbatim: true,
        ..RenderOptions::default()
    };
    let mut out = Vec::new();
    // Rendering into a Vec cannot fail: text output only writes to `out`.
    text::write(&document.story, &options, &mut out).expect("writing to a Vec cannot fail");
    String::from_utf8(out).expect("rendered text is UTF-8")
}

#[cfg(test)]
mod tests {
    use super::clean;
    use crate::{ReadOptions, read_draft};

    fn cleaned(input: &str) -> String {
        clean(&read_draft(input.as_bytes(), &ReadOptions::default()).unwrap())
    }

    #[test]
    fn normalises_whitespace_and_keeps_dividers() {
        assert_eq!(
            cleaned("Hello  there.   \r\n\r\n\r\n\r\nxXx\r\nBye.\t\r\n"),
            "Hello there.\n\nxXx\n\nBye.\n"
        );
    }

    #[test]
    fn keeps_markdown_headings_as_typed() {
        assert_eq!(
            cleaned("# Part  one\n\nText.\n\n## Two ##\n\nMore."),
            "# Part  one\n\nText.\n\n## Two ##\n\nMore.\n"
        );
    }

    #[test]
    fn is_idempotent() {
        for input in [
            "A.\n\n\n\nB.\nC.\n",
            "  Indented   line.\n\n* * *\n\n# Head\n\nText",
            "",
        ] {
            let once = cleaned(input);
            assert_eq!(cleaned(&once), once, "{input:?}");
        }
    }
}
