//! The book's package documents: the OPF (metadata, manifest, spine), the
//! EPUB 2 NCX and the EPUB 3 navigation document.
//!
//! Their text is the one epub-builder 0.8.3 wrote from its templates (which
//! readers and our snapshots are used to), with its two mistakes corrected:
//!
//! * its OPF gave `dc:language` and `dc:creator` the same ids
//!   (`epub-creator-0`), a duplicate-id error in any book with an author;
//!   the language is `epub-language-0` here;
//! * its navigation document had no `lang`, so screen readers would read the
//!   table of contents in their default voice.
//!
//! Written directly rather than through a template engine: these are three
//! small fixed layouts, and templating cost more than the whole page text.
//!
//! Metadata arrives as plain one-line text (see `metadata_text` in the
//! parent module) and is escaped here once, the way epub-builder did: `&`,
//! `<` and `>` in text, and `"` too in attributes.

use std::fmt::Write as _;

/// One page of the book in reading order.
pub struct Page<'a> {
    /// The file name inside `OEBPS/`.
    pub file: &'a str,
    /// Its entry in the tables of contents, plain text.
    pub label: &'a str,
    /// The landmark it is, if any: (OPF guide type, EPUB 3 landmark type).
    pub landmark: Option<(&'static str, &'static str)>,
}

/// The metadata the OPF holds, all plain text.
pub struct Metadata<'a> {
    /// `urn:uuid:…`
    pub identifier: &'a str,
    pub title: &'a str,
    pub language: &'a str,
    pub author: Option<&'a str>,
    pub description: Option<&'a str>,
    pub subjects: &'a [String],
    /// `CCYY-MM-DDThh:mm:ssZ`
    pub modified: &'a str,
}

/// The table of contents' title.
const TOC_NAME: &str = "Contents";
/// The generator named in the OPF and the navigation document.
const GENERATOR: &str = "ficpress";
/// The stylesheet's manifest entry.
const STYLESHEET_ITEM: &str =
    r#"<item media-type="text/css" id="id_stylesheet.css" href="stylesheet.css"/>"#;

/// `content.opf`.
pub fn opf(metadata: &Metadata, pages: &[Page]) -> String {
    let mut out = String::with_capacity(2048 + pages.len() * 300);
    out.push_str(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<package version="3.0" xmlns="http://www.idpf.org/2007/opf" unique-identifier="epub-id-1">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/"
            xmlns:opf="http://www.idpf.org/2007/opf">
    <dc:identifier id="epub-id-1">"#,
    );
    text(&mut out, metadata.identifier);
    out.push_str("</dc:identifier>\n    <dc:title>");
    text(&mut out, metadata.title);
    // The blank lines are where the template's `{% %}` tags stood.
    out.push_str("</dc:title>\n    \n    \n    <dc:language id=\"epub-language-0\">");
    text(&mut out, metadata.language);
    out.push_str("</dc:language>\n    \n");
    if let Some(author) = metadata.author {
        out.push_str("    \n    \n    <dc:creator id=\"epub-creator-0\">");
        text(&mut out, author);
        out.push_str(
            "</dc:creator>\n    <meta refines=\"#epub-creator-0\" property=\"role\" \
             scheme=\"marc:relators\">aut</meta>\n    \n",
        );
    }
    out.push_str("    \n    <meta property=\"dcterms:modified\">");
    text(&mut out, metadata.modified);
    out.push_str("</meta>\n");
    if let Some(description) = metadata.description {
        out.push_str("    <dc:description>");
        text(&mut out, description);
        out.push_str("</dc:description>\n");
    }
    for subject in metadata.subjects {
        out.push_str("    <dc:subject>");
        text(&mut out, subject);
        out.push_str("</dc:subject>\n");
    }
    let _ = writeln!(
        out,
        r#"    <meta name="generator" content="{GENERATOR}"/>
  </metadata>
  <manifest>
    <item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    {STYLESHEET_ITEM}"#
    );
    for page in pages {
        out.push_str(r#"    <item media-type="application/xhtml+xml" id=""#);
        id(&mut out, page.file);
        out.push_str(r#"" href=""#);
        attribute(&mut out, page.file);
        out.push_str("\"/>\n");
    }
    out.push_str("  </manifest>\n  <spine toc=\"ncx\" page-progression-direction=\"ltr\">\n");
    for page in pages {
        out.push_str(r#"    <itemref idref=""#);
        id(&mut out, page.file);
        out.push_str("\"/>\n");
    }
    let _ = writeln!(
        out,
        r#"  </spine>
  <guide>
    <reference type="toc" title="{TOC_NAME}" href="nav.xhtml"/>"#
    );
    for page in pages {
        let Some((guide, _)) = page.landmark else {
            continue;
        };
        let _ = write!(out, r#"    <reference type="{guide}" title=""#);
        attribute(&mut out, page.label);
        out.push_str(r#"" href=""#);
        attribute(&mut out, page.file);
        out.push_str("\"/>\n");
    }
    out.push_str("  </guide>\n</package>\n");
    out
}

/// `toc.ncx`, the EPUB 2 table of contents.
pub fn ncx(pages: &[Page]) -> String {
    let mut out = String::with_capacity(512 + pages.len() * 160);
    let _ = writeln!(
        out,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<ncx version="2005-1" xmlns="http://www.daisy.org/z3986/2005/ncx/">
  <head>
    <meta name="dtb:depth" content="1" />
    <meta name="dtb:totalPageCount" content="0" />
    <meta name="dtb:maxPageNumber" content="0" />
  </head>
  <docTitle>
    <text>{TOC_NAME}</text>
  </docTitle>
  <navMap>"#
    );
    for (index, page) in pages.iter().enumerate() {
        let order = index + 1;
        let _ = write!(
            out,
            "    <navPoint playOrder=\"{order}\" id=\"navPoint-{order}\">\n      \
             <navLabel>\n       <text>"
        );
        text(&mut out, page.label.trim());
        out.push_str("</text>\n      </navLabel>\n      <content src=\"");
        attribute(&mut out, page.file);
        out.push_str("\"/>\n    </navPoint>\n");
    }
    out.push_str("  </navMap>\n</ncx>\n");
    out
}

/// `nav.xhtml`, the EPUB 3 navigation document: the table of contents and
/// the landmarks.
pub fn nav(pages: &[Page], language: &str) -> String {
    let mut out = String::with_capacity(1024 + pages.len() * 140);
    out.push_str(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang=""#,
    );
    attribute(&mut out, language);
    out.push_str(r#"" xml:lang=""#);
    attribute(&mut out, language);
    let _ = writeln!(
        out,
        r#"">
<head>
  <meta charset = "utf-8" />
  <meta name="generator" content="{GENERATOR}" />
  <title>{TOC_NAME}</title>
  <link rel="stylesheet" type="text/css" href="stylesheet.css" />
</head>
<body>
  <nav epub:type = "toc" id="toc">
    <h1 id="toc-title">{TOC_NAME}</h1>
    <ol>"#
    );
    for page in pages {
        link(&mut out, None, page);
    }
    out.push_str("    </ol>\n  </nav>\n  <nav epub:type = \"landmarks\">\n");
    if pages.iter().any(|page| page.landmark.is_some()) {
        out.push_str("    <ol>\n");
        for page in pages {
            if let Some((_, landmark)) = page.landmark {
                link(&mut out, Some(landmark), page);
            }
        }
        out.push_str("    </ol>\n");
    }
    out.push_str("  </nav>\n</body>\n</html>\n");
    out
}

/// A navigation list item linking `page`.
fn link(out: &mut String, landmark: Option<&str>, page: &Page) {
    out.push_str("      <li><a ");
    if let Some(landmark) = landmark {
        let _ = write!(out, r#"epub:type="{landmark}" "#);
    }
    out.push_str(r#"href=""#);
    attribute(out, page.file);
    out.push_str(r#"">"#);
    text(out, page.label);
    out.push_str("</a></li>\n");
}

/// The manifest id of `file`: `id_` and the name, characters an XML name
/// cannot hold replaced by `_` (our file names have none).
fn id(out: &mut String, file: &str) {
    out.push_str("id_");
    out.extend(file.chars().map(|c| {
        if c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.') {
            c
        } else {
            '_'
        }
    }));
}

/// Escape text content: `&`, `<`, `>`.
fn text(out: &mut String, value: &str) {
    escape(out, value, false);
}

/// Escape a double-quoted attribute value: `&`, `<`, `>`, `"`.
fn attribute(out: &mut String, value: &str) {
    escape(out, value, true);
}

fn escape(out: &mut String, value: &str, quote: bool) {
    let mut copied = 0;
    for (index, byte) in value.bytes().enumerate() {
        let replacement = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' if quote => "&quot;",
            _ => continue,
        };
        out.push_str(&value[copied..index]);
        out.push_str(replacement);
        copied = index + 1;
    }
    out.push_str(&value[copied..]);
}

#[cfg(test)]
mod tests {
    use super::{Metadata, Page, nav, ncx, opf};

    fn pages() -> [Page<'static>; 2] {
        [
            Page {
                file: "title.xhtml",
                label: "Title page",
                landmark: Some(("title-page", "titlepage")),
            },
            Page {
                file: "chapter-001.xhtml",
                label: "Tom & \"Jerry\" <3",
                landmark: Some(("text", "bodymatter")),
            },
        ]
    }

    #[test]
    fn text_and_attributes_are_escaped_once() {
        let pages = pages();
        let nav = nav(&pages, "en");
        assert!(
            nav.contains(
                r#"<a epub:type="bodymatter" href="chapter-001.xhtml">Tom &amp; "Jerry" &lt;3</a>"#
            ),
            "{nav}"
        );
        let ncx = ncx(&pages);
        assert!(
            ncx.contains(r#"<text>Tom &amp; "Jerry" &lt;3</text>"#),
            "{ncx}"
        );
        let metadata = Metadata {
            identifier: "urn:uuid:0",
            title: "A & B",
            language: "en",
            author: Some("<C>"),
            description: None,
            subjects: &[],
            modified: "2023-11-14T22:13:20Z",
        };
        let opf = opf(&metadata, &pages);
        assert!(opf.contains("<dc:title>A &amp; B</dc:title>"), "{opf}");
        assert!(opf.contains(">&lt;C&gt;</dc:creator>"), "{opf}");
        assert!(
            opf.contains(r#"title="Tom &amp; &quot;Jerry&quot; &lt;3" href="chapter-001.xhtml""#),
            "{opf}"
        );
    }

    #[test]
    fn language_and_creator_ids_differ() {
        let metadata = Metadata {
            identifier: "urn:uuid:0",
            title: "T",
            language: "en",
            author: Some("A"),
            description: None,
            subjects: &[],
            modified: "2023-11-14T22:13:20Z",
        };
        let opf = opf(&metadata, &pages());
        assert!(opf.contains(r#"<dc:language id="epub-language-0">en</dc:language>"#));
        assert!(opf.contains(r#"<dc:creator id="epub-creator-0">A</dc:creator>"#));
    }
}
