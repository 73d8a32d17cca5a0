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
use crate::render::xml::escape;
use crate::render::{FlashbackStyle, flashback_lines};

/// The visible label that opens every author's note.
const NOTE_LABEL: &str = "Author's note";

/// The title page: the title, "by Author" when known, the summary when present.
pub fn title_page(story: &Story, title: &str, language: &str) -> String {
    let mut body = String::new();
    line(
        &mut body,
        1,
        r#"<section epub:type="titlepage" class="title-page">"#,
    );
    line(
        &mut body,
        2,
        &format!(r#"<h1 class="title">{}</h1>"#, inline_html(title)),
    );
    if let Some(author) = story
        .author
        .as_deref()
        .filter(|author| !author.trim().is_empty())
    {
        line(
            &mut body,
            2,
            &format!(r#"<p class="author">by {}</p>"#, escape(author.trim())),
        );
    }
    let summary = story.summary.as_deref().unwrap_or_default();
    let paragraphs: Vec<&str> = summary
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect();
    if !paragraphs.is_empty() {
        line(&mut body, 2, r#"<div class="summary">"#);
        for paragraph in paragraphs {
            line(&mut body, 3, &format!("<p>{}</p>", inline_html(paragraph)));
        }
        line(&mut body, 2, "</div>");
    }
    line(&mut body, 1, "</section>");
    document(language, &strip_markers(title), &body)
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
    let mut body = String::new();
    line(&mut body, 1, r#"<section epub:type="chapter">"#);
    line(&mut body, 2, &format!("<h1>{}</h1>", inline_html(heading)));
    write_blocks(&mut body, blocks, 2, flashback);
    line(&mut body, 1, "</section>");
    document(language, title, &body)
}

/// Wrap `body` (the inside of `<body>`) in a complete XHTML5 document.
fn document(language: &str, title: &str, body: &str) -> String {
    let language = escape(language);
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="{language}" xml:lang="{language}">
<head>
  <meta charset="utf-8"/>
  <title>{title}</title>
  <link rel="stylesheet" type="text/css" href="stylesheet.css"/>
</head>
<body>
{body}</body>
</html>
"#,
        title = escape(title),
    )
}

/// Render `blocks` one element per line at `depth`, containers recursively.
fn write_blocks(out: &mut String, blocks: &[Block], depth: usize, flashback: FlashbackStyle) {
    for block in blocks {
        match block {
            Block::Paragraph { text } => line(out, depth, &format!("<p>{}</p>", inline_html(text))),
            Block::Heading { text, role } => {
                let class = match role {
                    None => String::new(),
                    Some(HeadingRole::Pov) => r#" class="pov""#.to_string(),
                    Some(HeadingRole::TimeSkip) => r#" class="time-skip""#.to_string(),
                    Some(HeadingRole::End) => r#" class="story-end""#.to_string(),
                };
                line(
                    out,
                    depth,
                    &format!("<h2{class}>{}</h2>", inline_html(text)),
                );
            }
            Block::SceneBreak { .. } => line(
                out,
                depth,
                r#"<hr class="scene-break" aria-label="Scene break"/>"#,
            ),
            Block::AuthorNote { blocks } => {
                line(out, depth, r#"<aside class="author-note" role="note">"#);
                line(
                    out,
                    depth + 1,
                    &format!(r#"<p class="note-label">{NOTE_LABEL}</p>"#),
                );
                write_blocks(out, blocks, depth + 1, flashback);
                line(out, depth, "</aside>");
            }
            Block::Flashback { blocks, start, end } => {
                let class = match flashback {
                    FlashbackStyle::Plain => "flashback plain",
                    FlashbackStyle::Italic | FlashbackStyle::Marked => "flashback",
                };
                line(out, depth, &format!(r#"<div class="{class}">"#));
                let (start, end) = flashback_lines(start, end);
                let marked = flashback == FlashbackStyle::Marked;
                if marked {
                    let marker =
                        format!(r#"<p class="flashback-marker">{}</p>"#, inline_html(start));
                    line(out, depth + 1, &marker);
                }
                write_blocks(out, blocks, depth + 1, flashback);
                if marked {
                    let marker = format!(r#"<p class="flashback-marker">{}</p>"#, inline_html(end));
                    line(out, depth + 1, &marker);
                }
                line(out, depth, "</div>");
            }
        }
    }
}

/// Escaped text with the author's `*emphasis*` turned into `<em>`/`<strong>`.
fn inline_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for span in inline::spans(text) {
        let text = escape(span.text);
        match span.style {
            Style::Plain => out.push_str(&text),
            Style::Emphasis => out.push_str(&format!("<em>{text}</em>")),
            Style::Strong => out.push_str(&format!("<strong>{text}</strong>")),
            Style::StrongEmphasis => out.push_str(&format!("<strong><em>{text}</em></strong>")),
        }
    }
    out
}

/// `text` without its emphasis markers, for places that hold no markup.
pub fn strip_markers(text: &str) -> String {
    inline::spans(text).iter().map(|span| span.text).collect()
}

/// Append `content` on its own line, indented two spaces per `depth`.
fn line(out: &mut String, depth: usize, content: &str) {
    for _ in 0..depth {
        out.push_str("  ");
    }
    out.push_str(content);
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::{chapter, inline_html, title_page};
    use crate::model::{Block, Story};
    use crate::render::FlashbackStyle;

    #[test]
    fn emphasis_becomes_markup_and_markup_becomes_text() {
        assert_eq!(
            inline_html("*a* **b** ***c*** <i>&"),
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
