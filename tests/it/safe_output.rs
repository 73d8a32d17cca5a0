//! Hostile story text stays text: in an EPUB it is escaped into well-formed,
//! epubcheck-valid XHTML and shown literally; in Markdown it is escaped so
//! that parsing the output back gives the story's text and no markup.

use std::io::{Cursor, Read};
use std::path::Path;

use ficpress::{Block, Chapter, Format, RenderOptions, Story};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::common::{ficpress, stderr_of};
use crate::epubcheck;

/// Markup, comment and CDATA delimiters, entities, and characters XML 1.0
/// cannot hold (C0 controls, U+FFFE, U+FFFF) or that are noncharacters
/// (U+FDD0), in one line of story text.
const HOSTILE: &str = "<script>alert(1)</script> & &amp; &#60; ]]> <!-- --> <?xml?> \"q\" 'a' \u{1}\u{8}\u{B}\u{7F}\u{85}\u{FFFE}\u{FFFF}\u{FDD0} end";

/// [`HOSTILE`] as it must appear in XHTML text: escaped once, the
/// characters XML cannot hold (and the C1 control U+0085) dropped.
const HOSTILE_XHTML: &str = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &amp;amp; &amp;#60; ]]&gt; &lt;!-- --&gt; &lt;?xml?&gt; &quot;q&quot; 'a' \u{FDD0} end";

/// Hostile text short enough for a chapter heading (at most 14 words).
const HEADING: &str = "<script>alert(1)</script> &amp; & ]]> <!-- --> \u{1}\u{FFFE}\u{FDD0} end";

/// [`HEADING`] as it must appear in XHTML text.
const HEADING_XHTML: &str =
    "&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; &amp; ]]&gt; &lt;!-- --&gt; \u{FDD0} end";

/// The text of every entry of an EPUB whose name ends with `suffix`.
fn entries(epub: &Path, suffix: &str) -> Vec<(String, String)> {
    let bytes = std::fs::read(epub).unwrap();
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = Vec::new();
    for index in 0..archive.len() {
        let mut file = archive.by_index(index).unwrap();
        if file.name().ends_with(suffix) {
            let mut text = String::new();
            file.read_to_string(&mut text).unwrap();
            out.push((file.name().to_string(), text));
        }
    }
    out
}

fn entry(epub: &Path, name: &str) -> String {
    let found = entries(epub, name);
    assert_eq!(found.len(), 1, "{name} in {}", epub.display());
    found.into_iter().next().unwrap().1
}

/// No element, comment, processing instruction or CDATA section came from
/// the story: the only `<` in a page open the renderer's own tags.
fn assert_no_story_markup(name: &str, page: &str) {
    for forbidden in ["<script", "<!--", "<?xml?", "<![CDATA", "&amp;amp;amp;"] {
        assert!(
            !page.contains(forbidden),
            "{name} contains {forbidden}:\n{page}"
        );
    }
    assert!(
        !page.contains([
            '\u{1}', '\u{8}', '\u{B}', '\u{7F}', '\u{85}', '\u{FFFE}', '\u{FFFF}'
        ]),
        "{name} holds a character XML cannot:\n{page}"
    );
}

/// A story file with [`HOSTILE`] in the header (title, author, summary),
/// chapter headings, an author's note, paragraphs and a flashback marker.
/// Paragraphs are long single lines so the layout is one paragraph per line.
fn hostile_story_file() -> String {
    let filler = "The rain kept falling on the village while everyone stayed inside and waited for the storm to pass.";
    format!(
        "Title: T {HOSTILE}\n\
         Author: A {HOSTILE}\n\
         Summary: S {HOSTILE}\n\
         \n\
         Chapter 1: {HEADING}\n\
         \n\
         A/N: N {HOSTILE}\n\
         \n\
         P {HOSTILE} {filler}\n\
         \n\
         {filler} P2 {HOSTILE}\n\
         \n\
         Chapter 2: {HEADING}\n\
         \n\
         Q {HOSTILE} {filler}\n\
         \n\
         Flashback\n\
         \n\
         F {HOSTILE} {filler}\n\
         \n\
         End Flashback\n"
    )
}

#[test]
fn hostile_text_file_converts_to_a_valid_epub_showing_the_text_literally() {
    let folder = tempfile::tempdir().unwrap();
    let story = folder.path().join("hostile.txt");
    std::fs::write(&story, hostile_story_file()).unwrap();
    let mut books = Vec::new();
    for (flashback, fix) in [("italic", true), ("marked", false)] {
        let book = folder.path().join(format!("hostile-{flashback}.epub"));
        let mut command = ficpress();
        command
            .args(["convert", "--to", "epub", "--flashback", flashback, "-o"])
            .arg(&book)
            .arg(&story);
        if !fix {
            command.arg("--no-fix");
        }
        let output = command.output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
        books.push(book);
    }
    epubcheck::validate(&books);

    for book in &books {
        for (name, text) in entries(book, ".xhtml")
            .into_iter()
            .chain(entries(book, ".opf"))
            .chain(entries(book, ".ncx"))
        {
            assert_no_story_markup(&name, &text);
        }
    }

    // Without fixes the text is exactly what was typed, escaped; the decoder
    // has dropped the C0 controls and read U+0085 as the `…` it stands for.
    let shown = HOSTILE_XHTML.replace("' \u{FDD0}", "' …\u{FDD0}");
    let book = &books[1];
    let title = entry(book, "title.xhtml");
    for expected in [
        format!("<h1 class=\"title\">T {shown}</h1>"),
        format!("<p class=\"author\">by A {shown}</p>"),
        format!("<p>S {shown}</p>"),
    ] {
        assert!(title.contains(&expected), "{expected} missing:\n{title}");
    }
    let one = entry(book, "chapter-001.xhtml");
    for expected in [
        format!("<h1>Chapter 1: {HEADING_XHTML}</h1>"),
        format!("A/N: N {shown}</p>"),
        format!("<p>P {shown} The rain"),
        format!("storm to pass. P2 {shown}</p>"),
    ] {
        assert!(one.contains(&expected), "{expected} missing:\n{one}");
    }
    let two = entry(book, "chapter-002.xhtml");
    for expected in [
        format!("<h1>Chapter 2: {HEADING_XHTML}</h1>"),
        format!("<p>Q {shown} The rain"),
        format!("<p>F {shown} The rain"),
    ] {
        assert!(two.contains(&expected), "{expected} missing:\n{two}");
    }
    // epub-builder escapes metadata itself, leaving `"` as it is.
    let metadata = shown.replace("&quot;", "\"");
    let opf = entry(book, "content.opf");
    assert!(
        opf.contains(&format!("<dc:title>T {metadata}</dc:title>")),
        "{opf}"
    );
    assert!(opf.contains(&format!("A {metadata}</dc:creator>")), "{opf}");
}

/// Metadata from `metadata.json` reaches the book without passing the
/// decoder, so control characters and noncharacters arrive intact.
#[test]
fn hostile_book_metadata_gives_a_valid_epub() {
    let folder = tempfile::tempdir().unwrap();
    let chapters = folder.path().join("book");
    std::fs::create_dir(&chapters).unwrap();
    std::fs::write(
        chapters.join("metadata.json"),
        serde_json::json!({
            "title": format!("T {HOSTILE}"),
            "author": format!("A {HOSTILE}"),
            "summary": format!("S {HOSTILE}\n\nSecond {HOSTILE}"),
            "rating": format!("R {HOSTILE}"),
            "tags": [format!("G {HOSTILE}"), "\u{1}", ""],
        })
        .to_string(),
    )
    .unwrap();
    let filler = "The rain kept falling on the village while everyone stayed inside and waited.";
    std::fs::write(
        chapters.join("chapter-1.txt"),
        format!("Chapter 1: {HEADING}\n\nP {HOSTILE} {filler}\n"),
    )
    .unwrap();
    std::fs::write(
        chapters.join("chapter-2.txt"),
        format!("{HOSTILE}\n\nQ {HOSTILE} {filler}\n"),
    )
    .unwrap();
    let book = folder.path().join("book.epub");
    let output = ficpress()
        .args(["convert", "--book", "--to", "epub", "-o"])
        .arg(&book)
        .arg(&chapters)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    epubcheck::validate(std::slice::from_ref(&book));
    for (name, text) in entries(&book, ".xhtml")
        .into_iter()
        .chain(entries(&book, ".opf"))
        .chain(entries(&book, ".ncx"))
    {
        assert_no_story_markup(&name, &text);
    }
    let title = entry(&book, "title.xhtml");
    assert!(
        title.contains(&format!("T {HOSTILE_XHTML}</h1>")),
        "{title}"
    );
    assert!(
        title.contains(&format!("<p>Second {HOSTILE_XHTML}</p>")),
        "{title}"
    );
    let one = entry(&book, "chapter-001.xhtml");
    assert!(
        one.contains(&format!("<h1>Chapter 1: {HEADING_XHTML}</h1>")),
        "{one}"
    );
    let opf = entry(&book, "content.opf");
    let metadata = HOSTILE_XHTML.replace("&quot;", "\"");
    assert!(
        opf.contains(&format!("<dc:subject>G {metadata}</dc:subject>")),
        "{opf}"
    );
}

/// Every block kind and every metadata field holding hostile text, rendered
/// by the library in each flashback style; one epubcheck run for all.
#[test]
fn hostile_text_in_every_block_kind_gives_valid_epubs() {
    let hostile = |label: &str| format!("{label} {HOSTILE}");
    let story = Story {
        title: Some(hostile("title")),
        author: Some(hostile("author")),
        summary: Some(hostile("summary")),
        subjects: vec![hostile("subject"), "\u{FFFF}".into()],
        chapters: vec![
            Chapter {
                title: Some(hostile("chapter")),
                blocks: vec![
                    Block::paragraph(hostile("paragraph")),
                    Block::heading(hostile("heading")),
                    Block::SceneBreak {
                        glyph: Some(hostile("glyph")),
                    },
                    Block::AuthorNote {
                        blocks: vec![Block::paragraph(hostile("note"))],
                    },
                    Block::Flashback {
                        blocks: vec![Block::paragraph(hostile("flashback"))],
                        start: Some(hostile("start")),
                        end: Some(hostile("end")),
                    },
                ],
            },
            // A heading of characters XML cannot hold still needs a label.
            Chapter {
                title: Some("\u{1}\u{FFFE}".into()),
                blocks: vec![Block::paragraph("\u{8}")],
            },
        ],
    };
    let folder = tempfile::tempdir().unwrap();
    let mut books = Vec::new();
    for (name, flashback) in [
        ("italic", ficpress::render::FlashbackStyle::Italic),
        ("plain", ficpress::render::FlashbackStyle::Plain),
        ("marked", ficpress::render::FlashbackStyle::Marked),
    ] {
        let options = RenderOptions {
            modified: 1_700_000_000,
            flashback,
            ..RenderOptions::default()
        };
        let mut epub = Vec::new();
        ficpress::render(&story, Format::Epub, &options, &mut epub).unwrap();
        let book = folder.path().join(format!("{name}.epub"));
        std::fs::write(&book, epub).unwrap();
        books.push(book);
    }
    epubcheck::validate(&books);
    let marked = &books[2];
    let page = entry(marked, "chapter-001.xhtml");
    assert_no_story_markup("chapter-001.xhtml", &page);
    for label in ["paragraph", "heading", "note", "flashback", "start", "end"] {
        assert!(
            page.contains(&format!("{label} {HOSTILE_XHTML}</")),
            "{label} missing:\n{page}"
        );
    }
    assert!(!page.contains("glyph"), "{page}");
}

// Markdown.

/// One leaf block of parsed Markdown: its kind, its text, and every inline
/// tag found inside it (emphasis, links, code, HTML...).
#[derive(Debug, PartialEq)]
struct Leaf {
    kind: &'static str,
    text: String,
    inline: Vec<String>,
}

/// Parse `markdown` and list its leaf blocks, skipping the front matter.
fn leaves(markdown: &str, options: Options) -> Vec<Leaf> {
    // Empty front matter is two thematic breaks to a CommonMark parser.
    let markdown = markdown.strip_prefix("---\n---\n").unwrap_or(markdown);
    let options = options | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut out: Vec<Leaf> = Vec::new();
    let mut current: Option<Leaf> = None;
    let mut in_metadata = false;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::MetadataBlock(_)) => in_metadata = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_metadata = false,
            _ if in_metadata => {}
            Event::Start(Tag::Paragraph) => current = Some(leaf("paragraph")),
            Event::Start(Tag::Heading { .. }) => current = Some(leaf("heading")),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_)) => {
                out.extend(current.take());
            }
            Event::Start(Tag::BlockQuote(_)) | Event::End(TagEnd::BlockQuote(_)) => {}
            Event::Text(text) => match current.as_mut() {
                Some(leaf) => leaf.text.push_str(&text),
                None => out.push(Leaf {
                    kind: "stray text",
                    text: text.into_string(),
                    inline: Vec::new(),
                }),
            },
            Event::SoftBreak | Event::HardBreak => {
                if let Some(leaf) = current.as_mut() {
                    leaf.text.push(' ');
                    leaf.inline.push("line break".into());
                }
            }
            Event::Start(tag) => match current.as_mut() {
                Some(leaf) => leaf.inline.push(format!("{tag:?}")),
                None => out.push(Leaf {
                    kind: "block",
                    text: format!("{tag:?}"),
                    inline: Vec::new(),
                }),
            },
            Event::End(_) => {}
            other => {
                let text = format!("{other:?}");
                match current.as_mut() {
                    Some(leaf) => leaf.inline.push(text),
                    None => out.push(Leaf {
                        kind: "block",
                        text,
                        inline: Vec::new(),
                    }),
                }
            }
        }
    }
    out
}

fn leaf(kind: &'static str) -> Leaf {
    Leaf {
        kind,
        text: String::new(),
        inline: Vec::new(),
    }
}

fn plain(kind: &'static str, text: &str) -> Leaf {
    Leaf {
        kind,
        text: text.to_string(),
        inline: Vec::new(),
    }
}

fn emphasised(kind: &'static str, text: &str) -> Leaf {
    Leaf {
        kind,
        text: text.to_string(),
        inline: vec!["Emphasis".to_string()],
    }
}

/// Text that CommonMark (or GitHub's extensions) would read as markup
/// somewhere in a line, and which ficpress does not read as the author's
/// emphasis.
const LITERAL: &[&str] = &[
    "# not a heading",
    "## nor this ##",
    "Rank #1 #",
    "- not a list",
    "+ nor this",
    "* nor this",
    "1. not a list",
    "2) nor this",
    "> not a quote",
    "<div>not html</div>",
    "<b>bold?</b> <!-- comment --> <?php ?> <![CDATA[x]]>",
    "<https://example.com> and <me@example.com>",
    "[link](x) and ![image](y) and [ref][1] and [^note]",
    "[1]: http://example.com",
    "5 * 3 * 2 = 30, and 2*3 = 6",
    "a ** b and c __ d",
    "snake_case_name and snake__case",
    "`code` and ``more``",
    "```",
    "~~~",
    "~~struck~~ and ~tilde~ and Sasuke-kun~",
    "| a | b |",
    "---",
    "***",
    "___",
    "===",
    "- - -",
    "&amp; &lt; &#35; &#x41; & AT&T &copy",
    "a trailing backslash \\",
    "back\\slash \\* \\_ \\\\",
    "hard  break and two spaces",
    "    indented like code",
    "\tindented by a tab",
    "- [ ] not a task",
    "Term\n: not a definition",
    "line one\n# line two\n- line three\n\nline after a blank",
];

fn markdown_story(text: &str) -> Story {
    Story {
        title: Some(text.to_string()),
        author: Some(text.to_string()),
        summary: Some(text.to_string()),
        subjects: vec![text.to_string()],
        chapters: vec![Chapter {
            title: Some(text.to_string()),
            blocks: vec![
                Block::paragraph(text),
                Block::heading(text),
                Block::AuthorNote {
                    blocks: vec![Block::paragraph(text)],
                },
                Block::Flashback {
                    blocks: vec![Block::paragraph(text)],
                    start: Some(text.to_string()),
                    end: Some(text.to_string()),
                },
            ],
        }],
    }
}

fn markdown(story: &Story) -> String {
    let mut out = Vec::new();
    ficpress::render(story, Format::Markdown, &RenderOptions::default(), &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// What a reader sees of `text`: CommonMark strips a paragraph's leading and
/// trailing whitespace, and a line break shows as a space.
fn shown(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn parsed_text(leaves: &[Leaf]) -> Vec<Leaf> {
    leaves
        .iter()
        .map(|leaf| Leaf {
            kind: leaf.kind,
            text: shown(&leaf.text),
            inline: leaf
                .inline
                .iter()
                .filter(|tag| *tag != "line break")
                .cloned()
                .collect(),
        })
        .collect()
}

#[test]
fn markdown_keeps_markup_like_story_text_literal() {
    let gfm = Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_GFM;
    let mut failures = Vec::new();
    for text in LITERAL {
        let output = markdown(&markdown_story(text));
        let want = shown(text);
        let expected = vec![
            plain("heading", &want),
            plain("paragraph", &want),
            plain("heading", &want),
            Leaf {
                kind: "paragraph",
                text: "Author's note".into(),
                inline: vec!["Strong".into()],
            },
            plain("paragraph", &want),
            emphasised("paragraph", &want),
            plain("paragraph", &want),
            emphasised("paragraph", &want),
        ];
        for (dialect, options) in [("CommonMark", Options::empty()), ("GFM", gfm)] {
            let actual = parsed_text(&leaves(&output, options));
            if actual != expected {
                failures.push(format!(
                    "{text:?} in {dialect}:\n{output}\nparsed as {actual:#?}"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The author's own emphasis stays emphasis, with markup-like text inside
/// and around it still literal.
#[test]
fn markdown_keeps_the_authors_emphasis_around_literal_text() {
    let cases: &[(&str, &[(&str, &str)])] = &[
        ("*really* <b>", &[("Emphasis", "really"), ("", " <b>")]),
        ("*[not a link](x)*", &[("Emphasis", "[not a link](x)")]),
        ("**`bold`** & co", &[("Strong", "`bold`"), ("", " & co")]),
        (
            "She said *\"no,\"* twice",
            &[("", "She said "), ("Emphasis", "\"no,\""), ("", " twice")],
        ),
        ("_&amp;_ ~x~", &[("Emphasis", "&amp;"), ("", " ~x~")]),
        ("# *loud*", &[("", "# "), ("Emphasis", "loud")]),
    ];
    let mut failures = Vec::new();
    for (text, want) in cases {
        let story = Story {
            chapters: vec![Chapter {
                title: None,
                blocks: vec![Block::paragraph(*text)],
            }],
            ..Story::default()
        };
        let output = markdown(&story);
        let mut runs: Vec<(String, String)> = Vec::new();
        let mut style = String::new();
        let body = output.strip_prefix("---\n---\n").unwrap_or(&output);
        for event in Parser::new_ext(body, Options::empty()) {
            match event {
                Event::Start(Tag::Emphasis) => style = "Emphasis".into(),
                Event::Start(Tag::Strong) => style = "Strong".into(),
                Event::End(TagEnd::Emphasis | TagEnd::Strong) => style.clear(),
                Event::Text(text) => match runs.last_mut() {
                    Some((last, run)) if *last == style => run.push_str(&text),
                    _ => runs.push((style.clone(), text.into_string())),
                },
                Event::Start(Tag::Paragraph | Tag::MetadataBlock(_))
                | Event::End(TagEnd::Paragraph | TagEnd::MetadataBlock(_)) => {}
                other => runs.push(("unexpected".into(), format!("{other:?}"))),
            }
        }
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(style, text)| (style.to_string(), text.to_string()))
            .collect();
        if runs != want {
            failures.push(format!("{text:?}:\n{output}\nparsed as {runs:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The front matter is YAML whatever the metadata says: every value reads
/// back as the exact string.
#[test]
fn markdown_front_matter_holds_any_text() {
    for text in LITERAL
        .iter()
        .chain(&[HOSTILE, "---", "key: value", "\"quoted\""])
    {
        let output = markdown(&markdown_story(text));
        let yaml = output
            .strip_prefix("---\n")
            .and_then(|rest| rest.split_once("\n---\n"))
            .map(|(yaml, _)| yaml)
            .unwrap_or_else(|| panic!("no front matter:\n{output}"));
        for line in yaml.lines().filter(|line| line.starts_with("title: ")) {
            let value: String = serde_json::from_str(&line["title: ".len()..]).unwrap();
            assert_eq!(value, *text);
        }
        assert_eq!(yaml.lines().count(), 5, "{yaml}");
    }
}

/// End to end: a story file whose lines look like Markdown converts to
/// Markdown that parses back to the same words.
#[test]
fn markdown_from_a_story_file_parses_back_to_its_text() {
    let lines = [
        "She wrote <b>hello</b> & then [left](now).",
        "The sign said: 5 * 3 = 15, and the_end_of_it.",
        "\"Use `grep`,\" he said | she nodded.",
        "&amp; was all the note said.",
        "A path: C:\\Users\\sakura\\",
        "She counted. 1. First. 2. Second.",
    ];
    let input = lines.join("\n\n") + "\n";
    let output = ficpress()
        .args(["convert", "-", "--to", "md", "--no-fix", "-o", "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let markdown = String::from_utf8(output.stdout).unwrap();
    let parsed: Vec<String> = leaves(&markdown, Options::empty())
        .into_iter()
        .map(|leaf| {
            assert!(leaf.inline.is_empty(), "{leaf:?} in\n{markdown}");
            leaf.text
        })
        .collect();
    assert_eq!(parsed, lines, "{markdown}");
}
