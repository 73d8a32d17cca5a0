//! Validate books with epubcheck, the reference EPUB validator.
//!
//! epubcheck is a Java program (`apt-get install -y epubcheck`). Its command
//! line checks one book per JVM, and JVM start-up would dominate the suite, so
//! `tests/epubcheck/EpubCheckBatch.java` runs epubcheck's API over many books
//! in one JVM (Java's single-file source launcher compiles it on the fly). A
//! missing epubcheck fails the test with install instructions: an EPUB that
//! was not validated must never pass.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Where Debian's `epubcheck` package installs the jar.
const JAR: &str = "/usr/share/java/epubcheck.jar";

/// Panic with epubcheck's messages unless every book validates with no
/// fatal error, error or warning.
pub fn validate(books: &[PathBuf]) {
    if books.is_empty() {
        return;
    }
    assert!(
        Path::new(JAR).exists(),
        "epubcheck is not installed ({JAR} is missing): run `apt-get install -y epubcheck` (Debian/Ubuntu)"
    );
    let runner = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/epubcheck/EpubCheckBatch.java");
    let output = Command::new("java")
        .arg("-cp")
        .arg(JAR)
        .arg(runner)
        .args(books)
        .output()
        .unwrap_or_else(|error| panic!("could not run java for epubcheck: {error}"));
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let expected = format!("checked {} books, 0 failed", books.len());
    assert!(
        output.status.success() && report.contains(&expected),
        "epubcheck rejected books ({}):\n{report}",
        output.status
    );
}

#[test]
fn a_broken_book_is_rejected() {
    let folder = tempfile::tempdir().unwrap();
    let book = folder.path().join("broken.epub");
    std::fs::write(&book, b"PK\x05\x06not really a zip").unwrap();
    let result = std::panic::catch_unwind(|| validate(&[book]));
    assert!(result.is_err(), "epubcheck must reject a broken book");
}
