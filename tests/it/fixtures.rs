//! Every fixture story, rendered in every format and snapshotted.
//!
//! The snapshots in `tests/it/snapshots/` are the readable spec of what
//! ficpress does with each story: review them like code. Each fixture's EPUB
//! is also validated by epubcheck.

use std::path::{Path, PathBuf};

use ficpress::{Format, ReadOptions, RenderOptions};

use crate::contract::assert_story_contract;
use crate::{epub_dump, epubcheck};

/// A fixed modification time, so EPUB snapshots do not depend on checkouts.
const MODIFIED: i64 = 1_700_000_000;

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

fn render(story: &ficpress::Story, format: Format) -> Vec<u8> {
    let options = RenderOptions {
        modified: MODIFIED,
        ..RenderOptions::default()
    };
    let mut out = Vec::new();
    ficpress::render(story, format, &options, &mut out).expect("rendering succeeds");
    out
}

/// Render one fixture in all formats, check the JSON contract and epubcheck,
/// and compare everything with the reviewed snapshots.
fn check_fixture(relative: &str) {
    let path = fixtures_dir().join(relative);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let options = ReadOptions {
        fallback_title: path.file_stem().map(|s| s.to_string_lossy().into_owned()),
        ..ReadOptions::default()
    };
    let document = ficpress::read_story(&bytes, &options).expect("fixture reads");
    let name = relative.replace(['/', '.'], "_");

    let json = String::from_utf8(render(&document.story, Format::Json)).unwrap();
    assert_story_contract(&serde_json::from_str(&json).expect("JSON output parses"));
    insta::assert_snapshot!(format!("{name}.json"), json);
    insta::assert_snapshot!(
        format!("{name}.md"),
        String::from_utf8(render(&document.story, Format::Markdown)).unwrap()
    );
    insta::assert_snapshot!(
        format!("{name}.txt"),
        String::from_utf8(render(&document.story, Format::Text)).unwrap()
    );

    let epub = render(&document.story, Format::Epub);
    let folder = tempfile::tempdir().unwrap();
    let book = folder.path().join(format!("{name}.epub"));
    std::fs::write(&book, &epub).unwrap();
    epubcheck::validate(&[book]);
    insta::assert_snapshot!(format!("{name}.epub"), epub_dump::dump(&epub));
}

macro_rules! fixture_tests {
    ($($test:ident => $path:literal,)*) => {
        $(
            #[test]
            fn $test() {
                check_fixture($path);
            }
        )*

        /// Every story file in `fixtures/` has a snapshot test above.
        #[test]
        fn every_fixture_is_tested() {
            let listed: Vec<&str> = vec![$($path),*];
            let mut found = Vec::new();
            // `fixtures/structure/` has its own labelled test (tests/it/structure.rs).
            for entry in crate::common::files_under(&fixtures_dir()).into_iter().filter(|p| !p.starts_with(fixtures_dir().join("structure"))) {
                let relative = entry.strip_prefix(fixtures_dir()).unwrap().to_string_lossy().replace('\\', "/");
                found.push(relative);
            }
            for file in &found {
                assert!(listed.contains(&file.as_str()), "fixture {file} has no test in tests/it/fixtures.rs");
            }
        }
    };
}

fixture_tests! {
    seed_000_author_note_and_flashback => "000_a68fc49fc31abeed.txt",
    seed_001_dialogue => "001_d178b727e7ce4ca7.txt",
    seed_002_one_paragraph_per_line => "002_e0980f339014325a.txt",
    seed_003_blank_line_scene_breaks => "003_0c47a4606ad59351.txt",
    seed_004_quote_spacing => "004_54406fa27e52adfb.txt",
    layout_hard_wrapped => "layouts/hard-wrapped.txt",
    layout_indented_wrapped => "layouts/indented-wrapped.txt",
    layout_tab_indented_lines => "layouts/tab-indented-lines.txt",
    layout_blank_lines_crlf => "layouts/blank-lines-crlf.txt",
    scene_breaks => "scene-breaks.txt",
    markup_in_text => "markup-in-text.md",
    encoding_cp1252 => "encodings/cp1252.txt",
    encoding_utf16le_bom => "encodings/utf16le-bom.txt",
    encoding_utf16be_bom => "encodings/utf16be-bom.txt",
    encoding_utf8_bom => "encodings/utf8-bom.txt",
    encoding_mojibake => "encodings/mojibake.txt",
    encoding_crlf => "encodings/crlf.txt",
}

/// The same story written in four paragraph conventions reads as the same
/// blocks: the layout is detected, not assumed.
#[test]
fn every_layout_of_one_story_gives_the_same_blocks() {
    let blocks = |name: &str| {
        let bytes = std::fs::read(fixtures_dir().join("layouts").join(name)).unwrap();
        let document = ficpress::read_story(&bytes, &ReadOptions::default()).unwrap();
        document.story.chapters[0].blocks.clone()
    };
    let expected = blocks("blank-lines-crlf.txt");
    assert_eq!(expected.len(), 7);
    for name in [
        "hard-wrapped.txt",
        "indented-wrapped.txt",
        "tab-indented-lines.txt",
    ] {
        let mut actual = blocks(name);
        // Only the indented file types its divider; the others leave a gap.
        for block in &mut actual {
            if let ficpress::Block::SceneBreak { glyph } = block {
                *glyph = None;
            }
        }
        assert_eq!(actual, expected, "{name}");
    }
}
