//! Reproducible EPUB archives.
//!
//! epub-builder's only zip backend without an external program,
//! `ZipLibrary`, stamps every entry with the current time, and its `Zip`
//! trait is private in 0.8.3, so we cannot plug in our own backend. Instead
//! we let it build the book in memory and [`repack`] the archive: every entry
//! is copied in its original order with a fixed timestamp (1980-01-01, the
//! zip epoch) and fixed permissions. The same story then always gives the same
//! bytes, which is what makes snapshot tests and build caches work.
//!
//! Repacking also re-asserts the one layout rule the EPUB container format
//! has: `mimetype` comes first and is stored uncompressed, so reading systems
//! can sniff `application/epub+zip` at a fixed offset. It is also the one
//! place where a generated file can be corrected before it is written (see
//! the `edit` argument of [`repack`]).

use std::io::{Cursor, Read, Write};

use zip::result::ZipError;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use crate::error::Result;

/// The entry reading systems sniff; it must be first and stored.
const MIMETYPE: &str = "mimetype";

/// Rewrite the zip archive `epub` with fixed timestamps and write it to `out`.
/// `edit` sees every entry's name and content and returns the content to keep.
pub fn repack(
    epub: &[u8],
    out: &mut dyn Write,
    edits: &dyn Fn(&str) -> bool,
    edit: &dyn Fn(&str, Vec<u8>) -> Vec<u8>,
) -> Result<()> {
    let bytes =
        rewrite(epub, edits, edit).map_err(|cause| epub_builder::Error::ZipErrorWithMessage {
            msg: "could not repack the EPUB archive".to_string(),
            cause,
        })?;
    out.write_all(&bytes)?;
    Ok(())
}

/// Copy every entry of `epub` into a new archive with deterministic metadata.
fn rewrite(
    epub: &[u8],
    edits: &dyn Fn(&str) -> bool,
    edit: &dyn Fn(&str, Vec<u8>) -> Vec<u8>,
) -> Result<Vec<u8>, ZipError> {
    let mut source = ZipArchive::new(Cursor::new(epub))?;
    let mut target = ZipWriter::new(Cursor::new(Vec::new()));
    // Matches ZipLibrary: an explicit empty comment avoids trouble in some readers.
    target.set_comment("");
    // epub-builder already writes `mimetype` first; copying the rest in their
    // original order keeps it there.
    for index in 0..source.len() {
        let mut entry = source.by_index(index)?;
        if entry.is_dir() {
            continue;
        }
        let name = entry.name().to_string();
        if name != MIMETYPE && !edits(&name) {
            // Copied still compressed: deflating every chapter a second
            // time was most of the cost of a small book.
            target.raw_copy_file_touch(entry, DateTime::default(), Some(0o644))?;
            continue;
        }
        let mut content = Vec::new();
        entry.read_to_end(&mut content)?;
        target.start_file(name.as_str(), entry_options(&name))?;
        target.write_all(&edit(&name, content))?;
    }
    Ok(target.finish()?.into_inner())
}

/// Fixed time and permissions; `mimetype` stored, everything else deflated.
fn entry_options(name: &str) -> SimpleFileOptions {
    let method = if name == MIMETYPE {
        CompressionMethod::Stored
    } else {
        CompressionMethod::Deflated
    };
    SimpleFileOptions::default()
        .compression_method(method)
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644)
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Read, Write};

    use zip::write::SimpleFileOptions;
    use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

    use super::repack;

    /// An archive like ZipLibrary's: `mimetype` first, current timestamps.
    fn sample() -> Vec<u8> {
        let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
        let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
        writer.start_file("mimetype", stored).unwrap();
        writer.write_all(b"application/epub+zip").unwrap();
        writer
            .start_file("OEBPS/a.xhtml", SimpleFileOptions::default())
            .unwrap();
        writer.write_all(b"<p>hello</p>").unwrap();
        writer.finish().unwrap().into_inner()
    }

    #[test]
    fn mimetype_stays_first_and_stored_and_times_are_fixed() {
        let mut out = Vec::new();
        repack(&sample(), &mut out, &|_| true, &|_, content| content).unwrap();
        let mut archive = ZipArchive::new(Cursor::new(out)).unwrap();
        let names: Vec<_> = archive.file_names().map(str::to_string).collect();
        assert_eq!(names, ["mimetype", "OEBPS/a.xhtml"]);
        for index in 0..archive.len() {
            let entry = archive.by_index(index).unwrap();
            assert_eq!(
                entry.last_modified(),
                Some(DateTime::default()),
                "{}",
                entry.name()
            );
            let expected = if index == 0 {
                CompressionMethod::Stored
            } else {
                CompressionMethod::Deflated
            };
            assert_eq!(entry.compression(), expected, "{}", entry.name());
        }
    }

    #[test]
    fn edit_sees_every_entry() {
        let mut out = Vec::new();
        repack(&sample(), &mut out, &|_| true, &|name, content| {
            if name == "OEBPS/a.xhtml" {
                b"<p>edited</p>".to_vec()
            } else {
                content
            }
        })
        .unwrap();
        let mut archive = ZipArchive::new(Cursor::new(out)).unwrap();
        let mut text = String::new();
        archive
            .by_name("OEBPS/a.xhtml")
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text, "<p>edited</p>");
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        let mut out = Vec::new();
        assert!(repack(b"not a zip", &mut out, &|_| true, &|_, content| content).is_err());
        assert!(out.is_empty());
    }
}
