//! EPUB 3 output.
//!
//! The book holds a title page (`title.xhtml`), one page per chapter
//! (`chapter-001.xhtml`, …), `stylesheet.css`, and the navigation document
//! and NCX built from the chapter titles. Page markup lives in [`xhtml`], the
//! package documents (OPF, NCX, navigation) in [`package`], the reproducible
//! zip layout in [`archive`].
//!
//! Two properties matter beyond validity (epubcheck reports nothing):
//!
//! * **Reproducible.** The identifier is a UUID v5 of the story's JSON and
//!   `dcterms:modified` comes from [`RenderOptions::modified`], so the same
//!   input always yields the same bytes.
//! * **Any text is safe.** Page text is escaped by [`xml::escape`]; metadata
//!   is reduced to plain text (emphasis markers and characters XML cannot
//!   hold removed) and [`package`] escapes it once, everywhere it writes it
//!   (OPF, NCX, navigation document).
//!
//! [`xml::escape`]: super::xml::escape

mod archive;
/// The shared epubcheck runner, also used by the integration tests.
#[cfg(test)]
#[path = "../../tests/epubcheck/mod.rs"]
mod epubcheck;
mod package;
#[cfg(test)]
mod tests;
mod xhtml;

use std::io::Write;
use std::sync::OnceLock;

use chrono::{DateTime, Datelike, Utc};
use uuid::Uuid;

use self::archive::{Archive, Packed};
use self::package::{Metadata, Page};
use super::RenderOptions;
use super::xml;
use crate::error::Result;
use crate::model::{Chapter, Story};

/// The book's stylesheet, written as `stylesheet.css`.
const STYLESHEET: &str = include_str!("epub/style.css");

/// `META-INF/container.xml`: where the package document is.
const CONTAINER: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml" />
  </rootfiles>
</container>
"#;

/// Apple Books' display options: use the book's own fonts.
const IBOOKS_OPTIONS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<display_options>
  <platform name="*">
    <option name="specified-fonts">true</option>
  </platform>
</display_options>
"#;

/// Title for a story that has none (an empty `dc:title` is invalid).
const UNTITLED: &str = "Untitled";

/// The entries every book shares, compressed once per process.
static PACKED_CONTAINER: OnceLock<Packed> = OnceLock::new();
static PACKED_IBOOKS_OPTIONS: OnceLock<Packed> = OnceLock::new();
static PACKED_STYLESHEET: OnceLock<Packed> = OnceLock::new();

/// Write `story` as an EPUB 3 book.
pub fn write(story: &Story, options: &RenderOptions, out: &mut dyn Write) -> Result<()> {
    let title = story_title(story);
    let language = language_tag(&options.language);
    let mut book = Archive::new(out)?;
    book.add_packed(
        "META-INF/container.xml",
        archive::shared(&PACKED_CONTAINER, CONTAINER.as_bytes())?,
    )?;
    book.add_packed(
        "META-INF/com.apple.ibooks.display-options.xml",
        archive::shared(&PACKED_IBOOKS_OPTIONS, IBOOKS_OPTIONS.as_bytes())?,
    )?;
    book.add_packed(
        "OEBPS/stylesheet.css",
        archive::shared(&PACKED_STYLESHEET, STYLESHEET.as_bytes())?,
    )?;

    let page = xhtml::title_page(story, &title, &language);
    book.add("OEBPS/title.xhtml", page.as_bytes())?;
    let mut files = Vec::with_capacity(story.chapters.len());
    let mut labels = Vec::with_capacity(story.chapters.len());
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
        let file = format!("chapter-{:03}.xhtml", index + 1);
        book.add(&format!("OEBPS/{file}"), page.as_bytes())?;
        files.push(file);
        labels.push(label);
    }

    let mut pages = Vec::with_capacity(files.len() + 1);
    pages.push(Page {
        file: "title.xhtml",
        label: "Title page",
        landmark: Some(("title-page", "titlepage")),
    });
    for (index, (file, label)) in files.iter().zip(&labels).enumerate() {
        pages.push(Page {
            file,
            label,
            landmark: (index == 0).then_some(("text", "bodymatter")),
        });
    }
    let plain_title = unmarked_text(&title);
    let author = story
        .author
        .as_deref()
        .map(metadata_text)
        .filter(|a| !a.is_empty());
    let description = story
        .summary
        .as_deref()
        .map(unmarked_text)
        .filter(|s| !s.is_empty());
    let subjects: Vec<String> = story
        .subjects
        .iter()
        .map(|s| unmarked_text(s))
        .filter(|s| !s.is_empty())
        .collect();
    let identifier = identifier(story).urn().to_string();
    let modified = modified(options.modified)
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    let metadata = Metadata {
        identifier: &identifier,
        title: &plain_title,
        language: &language,
        author: author.as_deref(),
        description: description.as_deref(),
        subjects: &subjects,
        modified: &modified,
    };
    book.add(
        "OEBPS/content.opf",
        package::opf(&metadata, &pages).as_bytes(),
    )?;
    book.add("OEBPS/toc.ncx", package::ncx(&pages).as_bytes())?;
    book.add(
        "OEBPS/nav.xhtml",
        package::nav(&pages, &language).as_bytes(),
    )?;
    book.finish()?;
    Ok(())
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

/// Text for the metadata fields: characters XML cannot hold dropped (they
/// would break the OPF) and whitespace collapsed to single spaces, since
/// these fields are one line. Not escaped: [`package`] escapes it.
fn metadata_text(text: &str) -> String {
    let valid: String = text
        .chars()
        // What `escape` drops: the characters XML cannot hold.
        .filter(|&c| matches!(c, '\t' | '\n' | '\r') || xml::is_xml_char(c))
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
///
/// It is the version-5 UUID of the story's JSON (what `Uuid::new_v5` with
/// the OID namespace gives), with the SHA-1 done by the `sha1` crate, which
/// uses the processor's SHA instructions: `uuid`'s own portable SHA-1 was
/// 5% of a batch's work.
fn identifier(story: &Story) -> Uuid {
    use sha1::Digest;
    /// Hashes what is written to it: the JSON goes straight into the
    /// hash, never into a buffer as large as the story.
    struct Hashing(sha1::Sha1);
    impl std::io::Write for Hashing {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.update(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut hash = sha1::Sha1::new();
    hash.update(Uuid::NAMESPACE_OID.as_bytes());
    // serde_json writes a token at a time; the hash takes 8 KB at a time.
    let mut hashing = std::io::BufWriter::with_capacity(8192, Hashing(hash));
    // Serialising plain structs to JSON cannot fail, and writing to a hash
    // neither; were it to, the UUID would still be a valid one.
    let _ = serde_json::to_writer(&mut hashing, story);
    // What is still buffered goes in last (our writer never panics, so
    // the buffer is always there).
    let (Hashing(mut hash), buffered) = hashing.into_parts();
    if let Ok(buffered) = buffered {
        hash.update(&buffered);
    }
    let digest = hash.finalize();
    let mut first = [0; 16];
    first.copy_from_slice(&digest[..16]);
    uuid::Builder::from_sha1_bytes(first).into_uuid()
}

/// `dcterms:modified` from Unix seconds; the epoch for times that cannot be
/// written as a four-digit-year `CCYY-MM-DDThh:mm:ssZ`.
fn modified(seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(seconds, 0)
        .filter(|date| (0..=9999).contains(&date.year()))
        .unwrap_or(DateTime::UNIX_EPOCH)
}
