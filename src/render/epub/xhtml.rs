//! The book's XHTML pages: the title page and one page per chapter.
//!
//! Every page is a complete XHTML5 document linking `stylesheet.css`. All
//! story text goes through [`escape`], so markup the author typed (or a
//! stray `<script>`, `]]>` or control character) shows up as literal text and
//! the page stays well-formed whatever the input.
//!
//! Markup, and why:
//!
//! * scene break: `<hr class="scene-break" aria-label="Scene break"/>`, a
//!   real thematic break that screen readers announce; the stylesheet draws
//!   it as a centred `* * *` (reading systems without generated content show
//!   a blank gap). The author's own glyph is not kept: a book uses one
//!   ornament throughout.
//! * author's note: `<aside class="author-note" role="note">` with a visible
//!   "Author's note" label. No `epub:type="note"`: reading systems treat that
//!   as a footnote and may hide it behind a pop-up.
//! * flashback: `<div class="flashback">`, set in italics by the stylesheet.
//!   A `div`, not a `section`, because a flashback has no heading of its own.

use crate::inline::{self, Style};
use crate::model::{Block, HeadingRole, Story};
use crate::render::xml::{escape, escape_into};
use crate::render::{FlashbackStyle, flashback_lines};

/// The visible label that opens every author's note.
const NOTE_LABEL: &str = "Author's note";

/// The title page: the title, "by Author" when known, the summary when present.
pub fn title_page(story: &Story, title: &str, language: &str) -> String {
    let mut page = String::with_capacity(1024);
    open_document(&mut page, language, &strip_markers(title));
    line(
        &mut page,
        1,
        r#"<section epub:type="titlepage" class="title-page">"#,
    );
    indent(&mut page, 2);
    page.push_str(r#"<h1 class="title">"#);
    inline_html(&mut page, title);
    page.push_str("</h1>\n");
    if let Some(author) = story
        .author
        .as_deref()
        .filter(|author| !author.trim().is_empty())
    {
        indent(&mut page, 2);
        page.push_str(r#"<p class="author">by "#);
        escape_into(&mut page, author.trim());
        page.push_str("</p>\n");
    }
    let summary = story.summary.as_deref().unwrap_or_default();
    let mut paragraphs = summary
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .peekable();
    if paragraphs.peek().is_some() {
        line(&mut page, 2, r#"<div class="summary">"#);
        for paragraph in paragraphs {
            element(&mut page, 3, "<p>", paragraph, "</p>");
        }
        line(&mut page, 2, "</div>");
    }
    line(&mut page, 1, "</section>");
    close_document(&mut page);
    page
}

/// A chapter page. `heading` is the chapter's heading text with the author's
/// emphasis markers; `title` is the same as plain text for `<title>`.
pub fn chapter(
    heading: &str,
    title: &str,
    blocks: &[Block],
    language: &str,
    flashback: FlashbackStyle,
) -> String {
    // The page is about the size of its text plus a little markup per
    // paragraph; one allocation up front instead of a dozen doublings.
    let mut page = String::with_capacity(1024 + text_len(blocks) * 9 / 8);
    open_document(&mut page, language, title);
    line(&mut page, 1, r#"<section epub:type="chapter">"#);
    element(&mut page, 2, "<h1>", heading, "</h1>");
    write_blocks(&mut page, blocks, 2, flashback);
    line(&mut page, 1, "</section>");
    close_document(&mut page);
    page
}

/// The bytes of text in `blocks`, for sizing the page.
fn text_len(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .map(|block| match block {
            Block::Paragraph { text } | Block::Heading { text, .. } => text.len() + 16,
            Block::SceneBreak { .. } => 64,
            Block::AuthorNote { blocks } | Block::Flashback { blocks, .. } => {
                text_len(blocks) + 128
            }
        })
        .sum()
}

/// Start a complete XHTML5 document, up to and including `<body>`.
fn open_document(page: &mut String, language: &str, title: &str) {
    let language = escape(language);
    page.push_str(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang=""#,
    );
    page.push_str(&language);
    page.push_str(r#"" xml:lang=""#);
    page.push_str(&language);
    page.push_str(
        r#"">
<head>
  <meta charset="utf-8"/>
  <title>"#,
    );
    escape_into(page, title);
    page.push_str(
        r#"</title>
  <link rel="stylesheet" type="text/css" href="stylesheet.css"/>
</head>
<body>
"#,
    );
}

/// End the document [`open_document`] started.
fn close_document(page: &mut String) {
    page.push_str("</body>\n</html>\n");
}

/// Render `blocks` one element per line at `depth`, containers recursively.
fn write_blocks(out: &mut String, blocks: &[Block], depth: usize, flashback: FlashbackStyle) {
    for block in blocks {
        match block {
            Block::Paragraph { text } => element(out, depth, "<p>", text, "</p>"),
            Block::Heading { text, role } => {
                let open = match role {
                    None => "<h2>",
                    Some(HeadingRole::Pov) => r#"<h2 class="pov">"#,
                    Some(HeadingRole::TimeSkip) => r#"<h2 class="time-skip">"#,
                    Some(HeadingRole::End) => r#"<h2 class="story-end">"#,
                };
                element(out, depth, open, text, "</h2>");
            }
            Block::SceneBreak { .. } => line(
                out,
                depth,
                r#"<hr class="scene-break" aria-label="Scene break"/>"#,
            ),
            Block::AuthorNote { blocks } => {
                line(out, depth, r#"<aside class="author-note" role="note">"#);
                indent(out, depth + 1);
                out.push_str(r#"<p class="note-label">"#);
                out.push_str(NOTE_LABEL);
                out.push_str("</p>\n");
                write_blocks(out, blocks, depth + 1, flashback);
                line(out, depth, "</aside>");
            }
            Block::Flashback { blocks, start, end } => {
                let open = match flashback {
                    FlashbackStyle::Plain => r#"<div class="flashback plain">"#,
                    FlashbackStyle::Italic | FlashbackStyle::Marked => r#"<div class="flashback">"#,
                };
                line(out, depth, open);
                let (start, end) = flashback_lines(start, end);
                let marked = flashback == FlashbackStyle::Marked;
                let marker = r#"<p class="flashback-marker">"#;
                if marked {
                    element(out, depth + 1, marker, start, "</p>");
                }
                write_blocks(out, blocks, depth + 1, flashback);
                if marked {
                    element(out, depth + 1, marker, end, "</p>");
                }
                line(out, depth, "</div>");
            }
        }
    }
}

/// Append `open`, `text` as inline HTML, and `close` on their own line.
fn element(out: &mut String, depth: usize, open: &str, text: &str, close: &str) {
    indent(out, depth);
    out.push_str(open);
    inline_html(out, text);
    out.push_str(close);
    out.push('\n');
}

/// Append escaped text with the author's `*emphasis*` turned into
/// `<em>`/`<strong>`.
fn inline_html(out: &mut String, text: &str) {
    // Most paragraphs have no marker at all: one plain span, no span list.
    if memchr::memchr2(b'*', b'_', text.as_bytes()).is_none() {
        escape_into(out, text);
        return;
    }
    for span in inline::spans(text) {
        let (open, close) = match span.style {
            Style::Plain => ("", ""),
            Style::Emphasis => ("<em>", "</em>"),
            Style::Strong => ("<strong>", "</strong>"),
            Style::StrongEmphasis => ("<strong><em>", "</em></strong>"),
        };
        out.push_str(open);
        escape_into(out, span.text);
        out.push_str(close);
    }
}

/// `text` without its emphasis markers, for places that hold no markup.
pub fn strip_markers(text: &str) -> String {
    inline::spans(text).iter().map(|span| span.text).collect()
}

/// Append `content` on its own line, indented two spaces per `depth`.
fn line(out: &mut String, depth: usize, content: &str) {
    indent(out, depth);
    out.push_str(content);
    out.push('\n');
}

/// Two spaces per `depth`.
fn indent(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str("  ");
    }
}

#[cfg(test)]
mod tests {
    use super::{chapter, title_page};
    use crate::model::{Block, Story};
    use crate::render::FlashbackStyle;

    #[test]
    fn emphasis_becomes_markup_and_markup_becomes_text() {
        let mut html = String::new();
        super::inline_html(&mut html, "*a* **b** ***c*** <i>&");
        assert_eq!(
            html,
            "<em>a</em> <strong>b</strong> <strong><em>c</em></strong> &lt;i&gt;&amp;"
        );
    }

    #[test]
    fn containers_nest() {
        let blocks = [Block::Flashback {
            blocks: vec![Block::AuthorNote {
                blocks: vec![Block::paragraph("Hi.")],
            }],
            start: None,
            end: None,
        }];
        let page = chapter("One", "One", &blocks, "en", FlashbackStyle::Italic);
        let expected = r#"    <div class="flashback">
      <aside class="author-note" role="note">
        <p class="note-label">Author's note</p>
        <p>Hi.</p>
      </aside>
    </div>
"#;
        assert!(page.contains(expected), "{page}");
    }

    #[test]
    fn title_page_leaves_out_what_is_unknown() {
        let story = Story {
            author: Some("  ".into()),
            summary: Some("\n".into()),
            ..Story::default()
        };
        let page = title_page(&story, "T", "en");
        assert!(!page.contains("class=\"author\""), "{page}");
        assert!(!page.contains("summary"), "{page}");
    }
}
