//! The command line's structure options: `--notes`, `--flashback`,
//! `--explain` and `--book`.

use crate::common::{ficpress, fixture, stderr_of};

fn convert_to_text(file: &str, extra: &[&str]) -> String {
    let output = ficpress()
        .args(["convert", &fixture(file), "--to", "txt", "-o", "-", "-q"])
        .args(extra)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn notes_are_kept_removed_or_moved_to_the_end() {
    let file = "structure/01-an-start-naruto.txt";
    let kept = convert_to_text(file, &[]);
    assert!(kept.contains("[A/N: OMG hi everyone!!!"), "{kept}");

    let removed = convert_to_text(file, &["--notes", "remove"]);
    assert!(!removed.contains("A/N"), "{removed}");
    assert!(!removed.contains("Please review"), "{removed}");
    // The story itself is all there.
    let story_line = kept
        .lines()
        .find(|line| line.starts_with("Sakura"))
        .expect("a story paragraph");
    assert!(removed.contains(story_line));

    let moved = convert_to_text(file, &["--notes", "end"]);
    let notes_at = moved
        .find("Author's notes")
        .expect("an Author's notes section");
    assert!(
        moved.find("[A/N: OMG hi everyone!!!").unwrap() > notes_at,
        "{moved}"
    );
    assert!(moved.find(story_line).unwrap() < notes_at);
}

#[test]
fn explain_says_why_for_every_block() {
    let output = ficpress()
        .args([
            "convert",
            "--explain",
            "-q",
            &fixture("000_a68fc49fc31abeed.txt"),
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let report = String::from_utf8(output.stdout).unwrap();
    let report = report.replace(&fixture(""), "fixtures/");
    insta::assert_snapshot!("explain_seed_000", report);
}

#[test]
fn a_folder_of_chapters_becomes_one_book_in_natural_order() {
    let folder = tempfile::tempdir().unwrap();
    let book = folder.path().join("my-story");
    std::fs::create_dir(&book).unwrap();
    for n in [1, 2, 10] {
        let text = format!("Chapter {n}\n\nThe text of chapter {n}.\n");
        std::fs::write(book.join(format!("chapter-{n}.txt")), text).unwrap();
    }
    std::fs::write(
        book.join("metadata.json"),
        r#"{"title": "Lanterns", "author": "kiri", "summary": "Twelve lanterns.", "rating": "General Audiences", "tags": ["Fluff"]}"#,
    )
    .unwrap();
    let output = ficpress()
        .args(["convert", "--book", "--to", "json", "-o", "-", "-q"])
        .arg(&book)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let story: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(story["title"], "Lanterns");
    assert_eq!(story["author"], "kiri");
    assert_eq!(story["summary"], "Twelve lanterns.");
    assert_eq!(
        story["subjects"],
        serde_json::json!(["Rating: General Audiences", "Fluff"])
    );
    let titles: Vec<&str> = story["chapters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Chapter 1", "Chapter 2", "Chapter 10"]);

    // Written to a folder, the book is named after its folder.
    let out = tempfile::tempdir().unwrap();
    let output = ficpress()
        .args(["convert", "--book", "--to", "epub", "-q", "-o"])
        .arg(out.path())
        .arg(&book)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let epub = out.path().join("my-story.epub");
    crate::epubcheck::validate(&[epub]);
}

#[test]
fn book_needs_a_folder() {
    let output = ficpress()
        .args([
            "convert",
            "--book",
            "--to",
            "json",
            "-o",
            "-",
            &fixture("scene-breaks.txt"),
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr_of(&output).contains("--book takes folders of chapter files"));
}

#[test]
fn every_flashback_style_makes_a_valid_epub() {
    let out = tempfile::tempdir().unwrap();
    let mut books = Vec::new();
    for style in ["italic", "plain", "marked"] {
        let book = out.path().join(format!("{style}.epub"));
        let output = ficpress()
            .args([
                "convert",
                &fixture("structure/27-flashback-plain-hp.txt"),
                "--to",
                "epub",
                "--flashback",
                style,
                "-o",
            ])
            .arg(&book)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
        books.push(book);
    }
    let marked = crate::epub_dump::dump(&std::fs::read(&books[2]).unwrap());
    assert!(
        marked.contains(r#"<p class="flashback-marker">End Flashback</p>"#),
        "{marked}"
    );
    let plain = crate::epub_dump::dump(&std::fs::read(&books[1]).unwrap());
    assert!(plain.contains(r#"<div class="flashback plain">"#));
    crate::epubcheck::validate(&books);
}
