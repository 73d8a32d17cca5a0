//! Properties of the whole pipeline, checked with proptest over arbitrary
//! bytes and over generated story-like text: paragraphs of words, dialogue
//! and punctuation, author's notes, scene-break glyphs, flashback markers,
//! chapter headings, markup and typing mistakes, in any paragraph layout.
//!
//! * no input panics anywhere: decode, fixes, split, detect, every renderer,
//!   `clean`;
//! * `clean` is idempotent: cleaning its own output changes nothing;
//! * conversion loses no word (the `conservation` module's check);
//! * JSON output parses and keeps the contract (the `contract` module's check);
//! * generated EPUBs pass epubcheck (a small sample, in one JVM).
//!
//! Each property runs few cases so `cargo test` stays fast; run more with
//! `PROPTEST_CASES=2000 cargo test --release properties` (the EPUB sample is
//! as large as `PROPTEST_CASES` too). The fuzzers in `fuzz/` search the same
//! ground for hours. Inputs that once broke either live in
//! `tests/regressions/` and go through the whole pipeline here.

use std::path::{Path, PathBuf};

use ficpress::render::FlashbackStyle;
use ficpress::rules::{RuleOptions, Style};
use ficpress::{FixOptions, Format, NotesMode, ReadOptions, RenderOptions};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRunner};

use crate::contract::assert_story_contract;

/// Cases per property unless `PROPTEST_CASES` says otherwise.
const DEFAULT_CASES: u32 = 48;

/// EPUBs validated by epubcheck unless `PROPTEST_CASES` says otherwise.
const DEFAULT_EPUBS: u32 = 8;

fn config() -> Config {
    let mut config = Config::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = DEFAULT_CASES;
    }
    // The same cases on every `cargo test`, so CI is reproducible; explore
    // with PROPTEST_RNG_SEED=<n> (and PROPTEST_CASES) for new ones.
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        config.rng_seed = proptest::test_runner::RngSeed::Fixed(0x0F1C_9E55);
    }
    // A failure prints its minimal input; one worth keeping goes into
    // tests/regressions/ by hand, so nothing is written beside the sources.
    config.failure_persistence = None;
    config
}

// ---- Generated stories ----------------------------------------------------

#[rustfmt::skip]
const WORDS: &[&str] = &[
    "the", "a", "and", "she", "he", "they", "said", "ran", "looked", "at", "him", "her",
    "was", "in", "of", "to", "too", "then", "than", "your", "you're", "its", "it's", "dont",
    "im", "i", "alot", "loose", "wont", "boarder", "could", "would", "of", "have", "teh",
    "recieve", "definately", "Sakura", "Naruto", "Kakashi-sensei", "Hinata-chan", "Sasuke",
    "kun", "Harry", "Hermione", "chakra", "jutsu", "Hokage", "goin'", "gonna", "ya", "'em",
    "couldn't", "O'Neill", "rock'n'roll", "café", "naïve", "Zoë", "Ōkami", "Москва", "東京",
    "Flashback", "Chapter", "Note", "POV", "AN", "xXx", "oOo", "[sic]",
];

/// Story text that is also markup somewhere: renderers must show it literally.
#[rustfmt::skip]
const MARKUP: &[&str] = &[
    "<script>alert(1)</script>", "&", "&amp;", "&#0;", "]]>", "<!--", "-->", "<i>", "</b>",
    "*emph*", "**bold**", "_under_", "`code`", "[link](http://x)", "![img](x.png)", "\\",
    "|", "#", "+", "<br/>", "\u{FFFD}", "\u{200B}", "\u{1F600}", "\u{FEFF}", "\u{85}",
];

#[rustfmt::skip]
const ENDINGS: &[&str] = &[
    ".", ".", ".", "!", "?", "...", "..", "....", ". . .", "…", "?!", " .", ",", "--", "—", ":",
    ";", "",
];

#[rustfmt::skip]
const SCENE_BREAKS: &[&str] = &[
    "o-O-o", "~*~", "xXx", "* * *", "***", "-o-o-o-", "~~~~~~~~~~", "oOoOoOo", "---", "___",
    "=-=-=-=", "+++", "#", "~o~O~o~", "*~*~*~*~*~*~*~*", "XxXxXxX", "- - - - -",
];

#[rustfmt::skip]
const NOTE_LABELS: &[&str] = &[
    "A/N:", "A/N -", "A/N", "a/n:", "AN:", "Author's Note:", "Authors Note:", "AUTHOR'S NOTE:",
    "(A/N:", "[A/N:", "**A/N:**", "~A/N:", "Disclaimer:", "Beta note:", "T/N:",
    "Important note:",
];

#[rustfmt::skip]
const FLASHBACK_STARTS: &[&str] = &[
    "Flashback", "*Flashback*", "~Flashback~", "-Flashback-", "FLASHBACK", "Flashback:",
    "-Flashback Start-", "xXx Flashback xXx", "*~*Flashback*~*",
];

#[rustfmt::skip]
const FLASHBACK_ENDS: &[&str] = &[
    "End Flashback", "*End Flashback*", "~End of Flashback~", "-Flashback End-",
    "END FLASHBACK", "Flashback over", "xXx End Flashback xXx",
];

#[rustfmt::skip]
const HEADINGS: &[&str] = &[
    "Chapter 1", "Chapter 2: The Storm", "CHAPTER THREE", "Chapter 4 - Home", "Prologue",
    "Epilogue", "# Part One", "## Interlude", "Sakura's POV", "~Kakashi POV~",
    "Three days later", "Time skip", "~Fin~", "The End", "To be continued...",
];

#[rustfmt::skip]
const HEADER_FIELDS: &[&str] = &[
    "Title:", "Author:", "Summary:", "Rating:", "Disclaimer:", "Pairing:", "Words:",
];

#[rustfmt::skip]
const BLOCK_ENDS: &[&str] = &["\n\n", "\n\n", "\n\n", "\n", "\n\n\n\n\n", "\r\n\r\n", "\n \n", "\r"];

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => select(WORDS).prop_map(str::to_string),
        4 => "[a-zA-Z]{1,12}",
        1 => "[\\p{L}\\p{N}'-]{1,8}",
        1 => select(MARKUP).prop_map(str::to_string),
    ]
}

fn sentence() -> impl Strategy<Value = String> {
    (
        vec(
            (
                word(),
                select(&[" ", " ", " ", ", ", "  ", " - ", ",", "\t"][..]),
            ),
            1..14,
        ),
        select(ENDINGS),
        0..5u8,
    )
        .prop_map(|(words, ending, quoting)| {
            let mut text = String::new();
            for (i, (word, gap)) in words.iter().enumerate() {
                if i > 0 {
                    text.push_str(gap);
                }
                text.push_str(word);
            }
            text.push_str(ending);
            match quoting {
                0 => format!("\"{text}\" she said."),
                1 => format!("\u{201C}{text}\u{201D}"),
                2 => format!("'{text}"),
                _ => text,
            }
        })
}

/// A paragraph in one of the layouts writers use: one line, hard-wrapped,
/// indented.
fn paragraph() -> impl Strategy<Value = String> {
    (vec(sentence(), 1..6), 0..4u8, 20..80usize).prop_map(|(sentences, layout, width)| {
        let text = sentences.join(" ");
        match layout {
            0 => hard_wrap(&text, width),
            1 => format!("    {text}"),
            2 => format!("\t{text}"),
            _ => text,
        }
    })
}

fn hard_wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut column = 0;
    for word in text.split(' ') {
        if column > 0 && column + word.len() > width {
            out.push('\n');
            column = 0;
        } else if column > 0 {
            out.push(' ');
            column += 1;
        }
        out.push_str(word);
        column += word.len();
    }
    out
}

/// One block of a story: mostly paragraphs, with the lines ficpress reads
/// structure from, and with `directives`, `<!-- ficpress: ignore -->` lines
/// (which never reach a book).
fn block(directives: bool) -> impl Strategy<Value = String> {
    let directive_weight = u32::from(directives);
    prop_oneof![
        12 => paragraph(),
        2 => (select(NOTE_LABELS), sentence()).prop_map(|(label, text)| format!("{label} {text}")),
        2 => (select(SCENE_BREAKS), 0..3usize).prop_map(|(glyph, indent)| {
            format!("{}{glyph}", " ".repeat(indent * 8))
        }),
        1 => select(FLASHBACK_STARTS).prop_map(str::to_string),
        1 => select(FLASHBACK_ENDS).prop_map(str::to_string),
        2 => select(HEADINGS).prop_map(str::to_string),
        1 => (select(HEADER_FIELDS), vec(word(), 1..5))
            .prop_map(|(field, words)| format!("{field} {}", words.join(" "))),
        directive_weight => select(&["<!-- ficpress: ignore -->", "<!-- ficpress: ignore W001 S002 -->"][..])
            .prop_map(str::to_string),
        1 => Just(String::new()),
    ]
}

/// The metadata lines fan-fiction archives put above a story.
fn header() -> impl Strategy<Value = String> {
    vec((select(HEADER_FIELDS), vec(word(), 1..6)), 1..5).prop_map(|fields| {
        let mut text = String::new();
        for (field, words) in fields {
            text.push_str(&format!("{field} {}\n", words.join(" ")));
        }
        text.push('\n');
        text
    })
}

/// Story-like text: blocks separated the story's own way, with the odd
/// deviation.
fn story() -> impl Strategy<Value = String> {
    story_with(true)
}

fn story_with(directives: bool) -> impl Strategy<Value = String> {
    (
        prop::option::weighted(0.3, header()),
        vec(
            (
                block(directives),
                prop::option::weighted(0.15, select(BLOCK_ENDS)),
            ),
            0..24,
        ),
        select(&["\n\n", "\n", "\r\n\r\n", "\n\n\n"][..]),
    )
        .prop_map(|(header, blocks, usual_end)| {
            let mut text = header.unwrap_or_default();
            for (block, end) in blocks {
                text.push_str(&block);
                text.push_str(end.unwrap_or(usual_end));
            }
            text
        })
}

/// Bytes to read, shown as a byte-string literal when a case fails.
#[derive(Clone)]
struct Input(Vec<u8>);

impl std::fmt::Debug for Input {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "b\"{}\"", self.0.escape_ascii())
    }
}

/// Generated stories, arbitrary strings, and arbitrary bytes.
fn input() -> impl Strategy<Value = Input> {
    prop_oneof![
        6 => story().prop_map(String::into_bytes),
        1 => any::<String>().prop_map(String::into_bytes),
        1 => vec(any::<u8>(), 0..2048),
        1 => (story(), select(vec![
            encoding_rs::WINDOWS_1252,
            encoding_rs::UTF_16LE,
            encoding_rs::UTF_16BE,
            encoding_rs::SHIFT_JIS,
        ]))
            .prop_map(|(text, encoding)| encode(&text, encoding)),
    ]
    .prop_map(Input)
}

/// `text` in `encoding`, with a byte-order mark for UTF-16 (encoding_rs only
/// encodes into UTF-8 and legacy encodings).
fn encode(text: &str, encoding: &'static encoding_rs::Encoding) -> Vec<u8> {
    let units = || text.encode_utf16();
    if encoding == encoding_rs::UTF_16LE {
        [0xFF, 0xFE]
            .into_iter()
            .chain(units().flat_map(u16::to_le_bytes))
            .collect()
    } else if encoding == encoding_rs::UTF_16BE {
        [0xFE, 0xFF]
            .into_iter()
            .chain(units().flat_map(u16::to_be_bytes))
            .collect()
    } else {
        encoding.encode(text).0.into_owned()
    }
}

// ---- The pipeline, every way ----------------------------------------------

/// The fix choices the CLI offers: none, safe, unsafe, and unsafe with
/// every typographic style.
fn fix_options() -> [Option<FixOptions>; 4] {
    let all = FixOptions {
        unsafe_fixes: true,
        ..FixOptions::default()
    };
    let typographic = FixOptions {
        rules: RuleOptions {
            typographic_quotes: true,
            ellipsis: Style::Typographic,
            dash: Style::Ascii,
            ..RuleOptions::default()
        },
        unsafe_fixes: true,
        ..FixOptions::default()
    };
    [
        None,
        Some(FixOptions::default()),
        Some(all),
        Some(typographic),
    ]
}

fn read_options(fix: &Option<FixOptions>) -> ReadOptions {
    ReadOptions {
        fix: fix.clone(),
        ..ReadOptions::default()
    }
}

/// Run `bytes` through every stage with `fix`: every notes mode, every
/// format (EPUB once, it is the slow one), and `clean`. Panics are the
/// failures; errors (a binary file) are fine.
fn run_everything(bytes: &[u8], fix: &Option<FixOptions>) {
    let read = read_options(fix);
    if let Ok(document) = ficpress::read_story(bytes, &read) {
        let wrapped = RenderOptions {
            wrap: Some(30),
            flashback: FlashbackStyle::Marked,
            ..RenderOptions::default()
        };
        let mut epub = Vec::new();
        ficpress::render(&document.story, Format::Epub, &wrapped, &mut epub).unwrap();
        for mode in [NotesMode::Keep, NotesMode::Remove, NotesMode::End] {
            let mut story = document.story.clone();
            ficpress::structure::arrange_notes(&mut story, mode);
            for options in [&RenderOptions::default(), &wrapped] {
                for format in [Format::Markdown, Format::Text, Format::Json] {
                    let mut out = Vec::new();
                    ficpress::render(&story, format, options, &mut out).unwrap();
                    let text = String::from_utf8(out).expect("text output is UTF-8");
                    if format == Format::Json {
                        assert_story_contract(&serde_json::from_str(&text).unwrap());
                    }
                }
            }
        }
    }
    if let Ok(draft) = ficpress::read_draft(bytes, &read) {
        ficpress::clean::clean(&draft);
    }
}

/// The cleaned text, and the text of cleaning that again.
fn clean_twice(bytes: &[u8], read: &ReadOptions) -> Option<(String, String)> {
    let once = ficpress::clean::clean(&ficpress::read_draft(bytes, read).ok()?);
    // Cleaned text that happens to start like a binary file (`%PDF-`) is refused.
    let again = ficpress::read_draft(once.as_bytes(), read).ok()?;
    let twice = ficpress::clean::clean(&again);
    Some((once, twice))
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn no_input_panics(input in input(), fix in select(fix_options().to_vec())) {
        run_everything(&input.0, &fix);
    }

    #[test]
    fn clean_is_idempotent(input in input(), fix in select(fix_options()[..2].to_vec())) {
        // `clean` applies the safe fixes (or none, with --no-fix).
        if let Some((once, twice)) = clean_twice(&input.0, &read_options(&fix)) {
            prop_assert_eq!(once, twice);
        }
    }

    #[test]
    fn conversion_loses_no_words(text in story_with(false)) {
        crate::conservation::conserve_bytes("generated story", text.as_bytes())
            .map_err(TestCaseError::fail)?;
    }

    #[test]
    fn json_keeps_the_contract(input in input(), fix in select(fix_options().to_vec())) {
        if let Ok(document) = ficpress::read_story(&input.0, &read_options(&fix)) {
            let mut json = Vec::new();
            ficpress::render(&document.story, Format::Json, &RenderOptions::default(), &mut json)
                .unwrap();
            assert_story_contract(&serde_json::from_slice(&json).unwrap());
        }
    }
}

/// A sample of generated stories, each with its fixes, notes mode and
/// flashback style, as EPUBs that epubcheck must accept (one JVM for all).
/// On failure the books and their source texts are kept for inspection.
#[test]
fn generated_epubs_pass_epubcheck() {
    let count = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(DEFAULT_EPUBS);
    let mut runner = TestRunner::new(Config::default());
    let choices = (
        story(),
        select(fix_options().to_vec()),
        select(&[NotesMode::Keep, NotesMode::Remove, NotesMode::End][..]),
        select(
            &[
                FlashbackStyle::Italic,
                FlashbackStyle::Plain,
                FlashbackStyle::Marked,
            ][..],
        ),
    );
    let folder = tempfile::tempdir().unwrap();
    let mut books = Vec::new();
    for index in 0..count {
        let (text, fix, notes, flashback) = choices.new_tree(&mut runner).unwrap().current();
        let source = folder.path().join(format!("story-{index:03}.txt"));
        std::fs::write(&source, &text).unwrap();
        let mut story = ficpress::read_story(text.as_bytes(), &read_options(&fix))
            .unwrap()
            .story;
        ficpress::structure::arrange_notes(&mut story, notes);
        let options = RenderOptions {
            flashback,
            ..RenderOptions::default()
        };
        let mut epub = Vec::new();
        ficpress::render(&story, Format::Epub, &options, &mut epub).unwrap();
        let book = source.with_extension("epub");
        std::fs::write(&book, epub).unwrap();
        books.push(book);
    }
    if std::panic::catch_unwind(|| crate::epubcheck::validate(&books)).is_err() {
        panic!(
            "generated EPUBs failed epubcheck; books and source texts kept in {}",
            folder.keep().display()
        );
    }
}

/// Inputs that once broke a fuzz target or a property (`tests/regressions/`,
/// see its README) go through every stage with every fix choice; decoding
/// and `clean` stay idempotent.
#[test]
fn regression_inputs_pass() {
    for path in regression_inputs() {
        let bytes = std::fs::read(&path).unwrap();
        if let Ok(decoded) = ficpress::decode::decode(&bytes, &Default::default()) {
            let again = ficpress::decode::decode(decoded.text.as_bytes(), &Default::default());
            assert_eq!(
                again.unwrap().text,
                decoded.text,
                "{}: decoding the decoded text changed it",
                path.display()
            );
        }
        for fix in fix_options() {
            run_everything(&bytes, &fix);
            if let Some((once, twice)) = clean_twice(&bytes, &read_options(&fix)) {
                assert_eq!(once, twice, "{}: clean is not idempotent", path.display());
            }
        }
    }
}

fn regression_inputs() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut paths = crate::common::files_under(&dir);
    paths.retain(|path| !path.ends_with("README.md"));
    paths
}
