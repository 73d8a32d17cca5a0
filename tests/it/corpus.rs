//! Every text file of the real-world corpus in `../shared/corpus` converts to
//! every format without error, and every EPUB passes epubcheck.
//!
//! The corpus is not part of the repository; when it is absent the test says
//! so and passes.

use std::path::{Path, PathBuf};

use ficpress::{Format, ReadOptions, RenderOptions};
use rayon::prelude::*;

use crate::contract::assert_story_contract;

/// The corpus's files, without its provenance notes and metadata.
fn corpus_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = crate::common::files_under(dir);
    files.retain(|path| {
        !matches!(
            path.file_name().and_then(|n| n.to_str()),
            Some("PROVENANCE.md" | "metadata.json")
        )
    });
    files
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus")
}

#[test]
fn every_corpus_file_converts_to_every_format() {
    let dir = corpus_dir();
    if !dir.is_dir() {
        eprintln!(
            "skipped: corpus not found at {} (it lives beside the repository)",
            dir.display()
        );
        return;
    }
    let files = corpus_files(&dir);
    assert!(
        files.len() > 100,
        "expected the whole corpus, found {} files",
        files.len()
    );
    let books = tempfile::tempdir().unwrap();
    let epubs: Vec<PathBuf> = files
        .par_iter()
        .enumerate()
        .map(|(index, path)| {
            let bytes = std::fs::read(path).unwrap();
            let document = ficpress::read_story(&bytes, &ReadOptions::default())
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let options = RenderOptions::default();
            for format in [Format::Markdown, Format::Text, Format::Json] {
                let mut out = Vec::new();
                ficpress::render(&document.story, format, &options, &mut out)
                    .unwrap_or_else(|e| panic!("{} to {format:?}: {e}", path.display()));
                if format == Format::Json {
                    assert_story_contract(&serde_json::from_slice(&out).unwrap());
                }
            }
            let mut epub = Vec::new();
            ficpress::render(&document.story, Format::Epub, &options, &mut epub)
                .unwrap_or_else(|e| panic!("{} to EPUB: {e}", path.display()));
            let book = books.path().join(format!("{index:04}.epub"));
            std::fs::write(&book, epub).unwrap();
            book
        })
        .collect();
    crate::epubcheck::validate(&epubs);
}

/// Professionally edited novels have no author's notes and no flashback
/// markers: any detected there is a false positive that `--notes remove`
/// would turn into lost text.
#[test]
fn gutenberg_novels_have_no_notes_or_flashbacks() {
    let dir = corpus_dir().join("gutenberg");
    if !dir.is_dir() {
        eprintln!("skipped: corpus not found at {}", dir.display());
        return;
    }
    let files = corpus_files(&dir);
    assert_eq!(files.len(), 12);
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let story = ficpress::read_story(&bytes, &ReadOptions::default())
            .unwrap()
            .story;
        let json = serde_json::to_string(&story).unwrap();
        for kind in ["\"author_note\"", "\"flashback\""] {
            assert!(!json.contains(kind), "{}: found {kind}", path.display());
        }
    }
}
