//! A readable, reproducible text dump of an EPUB for snapshot tests.
//!
//! Raw zip bytes make unreadable snapshots, and entry sizes change with the
//! compressor, so the dump holds only what a reviewer cares about: the sorted
//! list of entry names, then every text entry (in the same order) under a
//! `=== name ===` header.

use std::io::{Cursor, Read};

use zip::ZipArchive;

/// Endings of the entries whose content is shown.
const TEXT_ENDINGS: &[&str] = &[".opf", ".ncx", ".xhtml", ".css", ".xml"];

/// Dump `epub_bytes`: entry names sorted, then each text entry's content.
///
/// Panics when the bytes are not a zip archive or a text entry is not UTF-8,
/// since either is a broken book.
pub fn dump(epub_bytes: &[u8]) -> String {
    let mut archive = ZipArchive::new(Cursor::new(epub_bytes)).expect("the EPUB is a zip archive");
    let mut names: Vec<String> = archive.file_names().map(str::to_string).collect();
    names.sort();
    let mut out = String::from("=== files ===\n");
    for name in &names {
        out.push_str(name);
        out.push('\n');
    }
    for name in names.iter().filter(|name| is_text(name)) {
        let mut content = String::new();
        archive
            .by_name(name)
            .unwrap_or_else(|error| panic!("cannot open {name}: {error}"))
            .read_to_string(&mut content)
            .unwrap_or_else(|error| panic!("{name} is not UTF-8 text: {error}"));
        out.push_str(&format!("\n=== {name} ===\n{content}"));
        if !content.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

/// Whether the entry is text worth showing.
fn is_text(name: &str) -> bool {
    name == "mimetype" || TEXT_ENDINGS.iter().any(|ending| name.ends_with(ending))
}
