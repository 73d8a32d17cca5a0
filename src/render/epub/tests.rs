//! Whole-book tests: every book is validated by epubcheck.

use std::io::{Cursor, Read};

use zip::{CompressionMethod, ZipArchive};

use super::epubcheck;
use super::{language_tag, metadata_text, modified, write};
use crate::model::{Block, Chapter, Story};
use crate::render::RenderOptions;

fn render(story: &Story) -> Vec<u8> {
    let options = RenderOptions {
        modified: 1_700_000_000,
        ..RenderOptions::default()
    };
    let mut out = Vec::new();
    write(story, &options, &mut out).expect("rendering succeeds");
    out
}

/// Write `epub` to a temporary file and run epubcheck on it.
fn assert_valid(epub: &[u8]) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("book.epub");
    std::fs::write(&path, epub).expect("write the book");
    epubcheck::validate(&[path]);
}

/// The text of one archive entry.
fn entry(epub: &[u8], name: &str) -> String {
    let mut archive = ZipArchive::new(Cursor::new(epub)).expect("a zip archive");
    let mut text = String::new();
    archive
        .by_name(name)
        .expect(name)
        .read_to_string(&mut text)
        .expect("UTF-8");
    text
}

fn paragraph(text: &str) -> Block {
    Block::paragraph(text)
}

/// Two chapters using every block kind, containers nested.
fn full_story() -> Story {
    Story {
        title: Some("The *Long* Way Home".into()),
        author: Some("xX_Writer_Xx".into()),
        summary: Some("Harry takes the **long** way.\nRated T.".into()),
        subjects: Vec::new(),
        chapters: vec![
            Chapter {
                title: Some("Chapter 1: The *Letter*".into()),
                blocks: vec![
                    paragraph("It was a *dark* and **stormy** night."),
                    paragraph("\"Who's there?\" she asked."),
                    Block::SceneBreak {
                        glyph: Some("o-O-o".into()),
                    },
                    Block::Heading {
                        text: "Hermione's POV".into(),
                        role: None,
                    },
                    paragraph("She ***never*** looked back."),
                    Block::AuthorNote {
                        blocks: vec![
                            paragraph("Thanks for reading!"),
                            paragraph("Please *review*."),
                        ],
                    },
                ],
            },
            Chapter {
                title: None,
                blocks: vec![
                    Block::Flashback {
                        blocks: vec![
                            paragraph("Ten years earlier, it *rained*."),
                            Block::SceneBreak { glyph: None },
                            paragraph("And then it stopped."),
                            Block::AuthorNote {
                                blocks: vec![paragraph("This is a flashback.")],
                            },
                        ],
                        start: None,
                        end: None,
                    },
                    Block::SceneBreak { glyph: None },
                    paragraph("Back to now."),
                ],
            },
        ],
    }
}

#[test]
fn full_story_is_valid() {
    let epub = render(&full_story());
    assert_valid(&epub);
    let one = entry(&epub, "OEBPS/chapter-001.xhtml");
    assert!(
        one.contains("<h1>Chapter 1: The <em>Letter</em></h1>"),
        "{one}"
    );
    assert!(
        one.contains("<p>It was a <em>dark</em> and <strong>stormy</strong> night.</p>"),
        "{one}"
    );
    assert!(
        one.contains(r#"<hr class="scene-break" aria-label="Scene break"/>"#),
        "{one}"
    );
    assert!(one.contains("<h2>Hermione's POV</h2>"), "{one}");
    let two = entry(&epub, "OEBPS/chapter-002.xhtml");
    assert!(two.contains("<h1>Chapter 2</h1>"), "{two}");
    assert!(two.contains(r#"<div class="flashback">"#), "{two}");
    let title = entry(&epub, "OEBPS/title.xhtml");
    assert!(
        title.contains(r#"<h1 class="title">The <em>Long</em> Way Home</h1>"#),
        "{title}"
    );
    assert!(
        title.contains(r#"<p class="author">by xX_Writer_Xx</p>"#),
        "{title}"
    );
    assert!(
        title.contains("<p>Harry takes the <strong>long</strong> way.</p>"),
        "{title}"
    );
    let opf = entry(&epub, "OEBPS/content.opf");
    assert!(
        opf.contains(r#"<dc:language id="epub-language-0">en</dc:language>"#),
        "{opf}"
    );
    assert!(
        opf.contains(r#"<dc:creator id="epub-creator-0">xX_Writer_Xx</dc:creator>"#),
        "{opf}"
    );
    assert!(
        opf.contains("<dc:title>The Long Way Home</dc:title>"),
        "{opf}"
    );
    assert!(
        opf.contains("<dc:description>Harry takes the long way. Rated T.</dc:description>"),
        "{opf}"
    );
    assert!(
        opf.contains("<meta property=\"dcterms:modified\">2023-11-14T22:13:20Z</meta>"),
        "{opf}"
    );
    let nav = entry(&epub, "OEBPS/nav.xhtml");
    assert!(nav.contains(r#"lang="en" xml:lang="en">"#), "{nav}");
    assert!(
        nav.contains(">Chapter 1: The Letter</a>") && nav.contains(">Chapter 2</a>"),
        "{nav}"
    );
    assert!(
        nav.contains(r#"epub:type="bodymatter" href="chapter-001.xhtml""#),
        "{nav}"
    );
}

#[test]
fn hostile_text_is_shown_literally() {
    let hostile = "<script>alert(1)</script> &amp; & ]]> <!-- \u{0}\u{7}\u{FFFE} \"q\"";
    let story = Story {
        title: Some(hostile.into()),
        author: Some(hostile.into()),
        summary: Some(hostile.into()),
        subjects: Vec::new(),
        chapters: vec![Chapter {
            title: Some(hostile.into()),
            blocks: vec![
                paragraph(hostile),
                Block::Heading {
                    text: hostile.into(),
                    role: None,
                },
                Block::AuthorNote {
                    blocks: vec![paragraph(hostile)],
                },
            ],
        }],
    };
    let epub = render(&story);
    assert_valid(&epub);
    let page = entry(&epub, "OEBPS/chapter-001.xhtml");
    let shown =
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; &amp; ]]&gt; &lt;!--  &quot;q&quot;";
    assert!(page.contains(&format!("<p>{shown}</p>")), "{page}");
    assert!(!page.contains("<script"), "{page}");
}

#[test]
fn special_characters_in_titles_are_escaped_once() {
    let story = Story {
        title: Some("Tom & Jerry <3".into()),
        author: None,
        summary: None,
        subjects: Vec::new(),
        chapters: vec![Chapter {
            title: None,
            blocks: vec![paragraph("Meow.")],
        }],
    };
    let epub = render(&story);
    assert_valid(&epub);
    let escaped = "Tom &amp; Jerry &lt;3";
    let opf = entry(&epub, "OEBPS/content.opf");
    assert!(
        opf.contains(&format!("<dc:title>{escaped}</dc:title>")),
        "{opf}"
    );
    assert!(
        !opf.contains("dc:creator") && !opf.contains("dc:description"),
        "{opf}"
    );
    for name in [
        "OEBPS/nav.xhtml",
        "OEBPS/toc.ncx",
        "OEBPS/chapter-001.xhtml",
    ] {
        let text = entry(&epub, name);
        assert!(text.contains(escaped), "{name}: {text}");
        assert!(
            !text.contains("&amp;amp;") && !text.contains("& "),
            "{name}: {text}"
        );
    }
    let title = entry(&epub, "OEBPS/title.xhtml");
    assert!(!title.contains("class=\"author\""), "{title}");
}

#[test]
fn story_without_chapters_is_a_title_page() {
    let epub = render(&Story::default());
    assert_valid(&epub);
    assert!(entry(&epub, "OEBPS/content.opf").contains("<dc:title>Untitled</dc:title>"));
}

#[test]
fn chapters_without_blocks_are_valid() {
    let story = Story {
        title: Some("Empty".into()),
        chapters: vec![Chapter::default(), Chapter::default()],
        ..Story::default()
    };
    let epub = render(&story);
    assert_valid(&epub);
    assert!(entry(&epub, "OEBPS/chapter-002.xhtml").contains("<h1>Chapter 2</h1>"));
}

#[test]
fn same_story_gives_same_bytes() {
    assert_eq!(render(&full_story()), render(&full_story()));
    let mut changed = full_story();
    changed.chapters[0].blocks.push(paragraph("One more line."));
    let identifier = |epub: &[u8]| {
        let opf = entry(epub, "OEBPS/content.opf");
        opf.lines()
            .find(|line| line.contains("dc:identifier"))
            .map(str::to_string)
    };
    assert_ne!(
        identifier(&render(&full_story())),
        identifier(&render(&changed))
    );
}

/// Books made before the identifier's hash was sped up keep their identity.
#[test]
fn the_identifier_is_the_uuid_v5_of_the_story_json() {
    let mut long = full_story();
    // Longer than the hash's 8 KB buffer, several times over.
    long.chapters[0]
        .blocks
        .extend((0..400).map(|i| paragraph(&format!("Paragraph {i}, with \"quotes\" and ü."))));
    for story in [full_story(), long] {
        let json = serde_json::to_vec(&story).unwrap();
        assert_eq!(
            super::identifier(&story),
            uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_OID, &json)
        );
    }
}

#[test]
fn mimetype_is_the_first_entry_and_stored() {
    let epub = render(&full_story());
    let mut archive = ZipArchive::new(Cursor::new(&epub)).unwrap();
    let names: Vec<_> = archive.file_names().collect();
    assert_eq!(
        names,
        [
            "mimetype",
            "META-INF/container.xml",
            "META-INF/com.apple.ibooks.display-options.xml",
            "OEBPS/stylesheet.css",
            "OEBPS/title.xhtml",
            "OEBPS/chapter-001.xhtml",
            "OEBPS/chapter-002.xhtml",
            "OEBPS/content.opf",
            "OEBPS/toc.ncx",
            "OEBPS/nav.xhtml",
        ]
    );
    let mimetype = archive.by_index(0).unwrap();
    assert_eq!(mimetype.compression(), CompressionMethod::Stored);
    assert_eq!(entry(&epub, "mimetype"), "application/epub+zip");
}

#[test]
fn metadata_text_is_one_clean_line() {
    assert_eq!(metadata_text(" a\u{0}b\n\tc  <&> "), "ab c <&>");
}

#[test]
fn malformed_languages_become_undetermined() {
    assert_eq!(language_tag("en-GB"), "en-GB");
    assert_eq!(language_tag(" fr "), "fr");
    for bad in ["", "en_GB", "\"><x", "en--GB", "toolonglanguage"] {
        assert_eq!(language_tag(bad), "und", "{bad}");
    }
}

#[test]
fn out_of_range_times_fall_back_to_the_epoch() {
    assert_eq!(modified(i64::MAX).timestamp(), 0);
    assert_eq!(modified(i64::MIN).timestamp(), 0);
    assert_eq!(modified(253_402_300_800).timestamp(), 0); // year 10000
    assert_eq!(modified(86_400).timestamp(), 86_400);
}
