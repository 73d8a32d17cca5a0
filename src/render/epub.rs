//! EPUB 3 output, built with epub-builder.
//!
//! The book holds a title page (`title.xhtml`), one page per chapter
//! (`chapter-001.xhtml`, …), `stylesheet.css`, and the navigation document
//! and NCX that epub-builder generates from the chapter titles. Page markup
//! lives in [`xhtml`], the reproducible zip layout in [`archive`].
//!
//! Two properties matter beyond validity (epubcheck reports nothing):
//!
//! * **Reproducible.** The identifier is a UUID v5 of the story's JSON and
//!   `dcterms:modified` comes from [`RenderOptions::modified`], so the same
//!   input always yields the same bytes.
//! * **Any text is safe.** Page text is escaped by [`xml::escape`]; metadata
//!   is handed to epub-builder as plain text (emphasis markers and characters
//!   XML cannot hold removed) and epub-builder escapes it once, everywhere it
//!   writes it (OPF, NCX, navigation document).
//!
//! [`xml::escape`]: super::xml::escape

mod archive;
/// The shared epubcheck runner, also used by the integration tests.
#[cfg(test)]
#[path = "../../tests/epubcheck/mod.rs"]
mod epubcheck;
#[cfg(test)]
mod tests;
mod xhtml;

use std::io::Write;

use chrono::{DateTime, Datelike, Utc};
use epub_builder::{EpubBuilder, EpubContent, EpubVersion, MetadataOpf, ReferenceType, ZipLibrary};
use uuid::Uuid;

use super::RenderOptions;
use super::xml;
use crate::error::Result;
use crate::model::{Chapter, Story};

/// The book's stylesheet, written as `stylesheet.css`.
const STYLESHEET: &str = include_str!("epub/style.css");

/// Title for a story that has none (an empty `dc:title` is invalid).
const UNTITLED: &str = "Untitled";

/// Write `story` as an EPUB 3 book.
pub fn write(story: &Story, options: &RenderOptions, out: &mut dyn Write) -> Result<()> {
    let title = story_title(story);
    let language = language_tag(&options.language);

    let mut builder = EpubBuilder::new(ZipLibrary::new()?)?;
    builder.epub_version(EpubVersion::V30);
    // epub-builder escapes metadata itself; we give it plain text (see `metadata_text`).
    builder.escape_html(true);
    builder.set_title(unmarked_text(&title));
    if let Some(author) = story
        .author
        .as_deref()
        .map(metadata_text)
        .filter(|a| !a.is_empty())
    {
        builder.add_author(author);
    }
    builder.add_language(language.as_str());
    if let Some(summary) = story
        .summary
        .as_deref()
        .map(unmarked_text)
        .filter(|s| !s.is_empty())
    {
        builder.add_description(summary);
    }
    for subject in story
        .subjects
        .iter()
        .map(|s| unmarked_text(s))
        .filter(|s| !s.is_empty())
    {
        builder.add_subject(subject);
    }
    builder.set_generator("ficpress");
    builder.add_metadata_opf(Box::new(MetadataOpf {
        name: "generator".to_string(),
        content: "ficpress".to_string(),
    }));
    builder.set_toc_name("Contents");
    builder.set_uuid(identifier(story));
    builder.set_modified_date(modified(options.modified));
    builder.stylesheet(STYLESHEET.as_bytes())?;

    let page = xhtml::title_page(story, &title, &language);
    builder.add_content(
        EpubContent::new("title.xhtml", page.as_bytes())
            .title("Title page")
            .reftype(ReferenceType::TitlePage),
    )?;
    for (index, chapter) in story.chapters.iter().enumerate() {
        let heading = chapter_heading(story, chapter, index);
        let label = unmarked_text(&heading);
        // The TOC skips untitled pages; a heading of only markers or control
        // characters still needs an entry.
        let label = if label.is_empty() {
            format!("Chapter {}", index + 1)
        } else {
            label
        };
        let page = xhtml::chapter(
            &heading,
            &label,
            &chapter.blocks,
            &language,
            options.flashback,
        );
        let mut content =
            EpubContent::new(format!("chapter-{:03}.xhtml", index + 1), page.as_bytes())
                .title(label);
        if index == 0 {
            content = content.reftype(ReferenceType::Text);
        }
        builder.add_content(content)?;
    }

    let mut zipped = Vec::new();
    builder.generate(&mut zipped)?;
    archive::repack(
        &zipped,
        out,
        &|name| EDITED.contains(&name),
        &|name, content| fix_generated(name, content, &language),
    )
}

/// The generated files [`fix_generated`] corrects.
const EDITED: [&str; 2] = ["OEBPS/content.opf", "OEBPS/nav.xhtml"];

/// Correct what epub-builder 0.8.3 gets wrong in the files it generates.
///
/// * Its OPF template gives `dc:language` and `dc:creator` the same ids
///   (`epub-creator-0`, …), a duplicate-id error in any book with an author.
///   Nothing refers to the language ids, so renaming them is safe.
/// * Its navigation document has no `lang`, so screen readers would read the
///   table of contents in their default voice.
///
/// The matches are on template markup, which escaped story text can never
/// contain; if a later epub-builder changes its templates they simply stop
/// matching.
fn fix_generated(name: &str, content: Vec<u8>, language: &str) -> Vec<u8> {
    let (from, to) = match name {
        "OEBPS/content.opf" => (
            r#"<dc:language id="epub-creator-"#,
            r#"<dc:language id="epub-language-"#.to_string(),
        ),
        "OEBPS/nav.xhtml" => (
            r#"xmlns:epub="http://www.idpf.org/2007/ops">"#,
            format!(
                r#"xmlns:epub="http://www.idpf.org/2007/ops" lang="{language}" xml:lang="{language}">"#
            ),
        ),
        _ => return content,
    };
    match String::from_utf8(content) {
        Ok(text) => text.replacen(from, &to, 1).into_bytes(),
        Err(error) => error.into_bytes(),
    }
}

/// The story's title, or [`UNTITLED`] when it has none worth showing.
fn story_title(story: &Story) -> String {
    let title = story.title.as_deref().map(str::trim).unwrap_or_default();
    if unmarked_text(title).is_empty() {
        UNTITLED.to_string()
    } else {
        title.to_string()
    }
}

/// A chapter's heading text, emphasis markers included: its own title, the
/// story's title for a lone untitled chapter, else "Chapter N".
fn chapter_heading(story: &Story, chapter: &Chapter, index: usize) -> String {
    match chapter.title.as_deref().map(str::trim) {
        Some(title) if !title.is_empty() => title.to_string(),
        _ if story.chapters.len() == 1 => story_title(story),
        _ => format!("Chapter {}", index + 1),
    }
}

/// [`metadata_text`] without the author's emphasis markers, which these
/// fields cannot show (each line is its own paragraph for the markers).
fn unmarked_text(text: &str) -> String {
    let lines: Vec<String> = text.lines().map(xhtml::strip_markers).collect();
    metadata_text(&lines.join("\n"))
}

/// Text for epub-builder's metadata fields: characters XML cannot hold
/// dropped (epub-builder would copy them through and break the OPF) and
/// whitespace collapsed to single spaces, since these fields are one line.
/// Not escaped: epub-builder escapes it.
fn metadata_text(text: &str) -> String {
    let mut buffer = [0; 4];
    let valid: String = text
        .chars()
        // `escape` drops exactly the characters XML cannot hold.
        .filter(|c| !xml::escape(c.encode_utf8(&mut buffer)).is_empty())
        .collect();
    valid.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `language` if it looks like a BCP 47 tag, else `und` (undetermined):
/// a malformed `dc:language` or `xml:lang` is an epubcheck error.
fn language_tag(language: &str) -> String {
    let language = language.trim();
    let well_formed = language.split('-').all(|part| {
        (1..=8).contains(&part.len()) && part.chars().all(|c| c.is_ascii_alphanumeric())
    });
    if well_formed {
        language.to_string()
    } else {
        "und".to_string()
    }
}

/// A stable identifier: the same story always gets the same book identity,
/// so re-converting an updated file replaces the old book only when the
/// content changed.
fn identifier(story: &Story) -> Uuid {
    // Serialising plain structs to JSON cannot fail; an empty name would
    // still give a valid (shared) UUID rather than a panic.
    let json = serde_json::to_vec(story).unwrap_or_default();
    Uuid::new_v5(&Uuid::NAMESPACE_OID, &json)
}

/// `dcterms:modified` from Unix seconds; the epoch for times that cannot be
/// written as a four-digit-year `CCYY-MM-DDThh:mm:ssZ`.
fn modified(seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(seconds, 0)
        .filter(|date| (0..=9999).contains(&date.year()))
        .unwrap_or(DateTime::UNIX_EPOCH)
}
