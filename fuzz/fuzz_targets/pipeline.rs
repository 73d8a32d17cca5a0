//! The whole pipeline on arbitrary bytes: read (decode, fix, split, detect),
//! render, and clean, checking that nothing panics, JSON parses into the
//! documented shape and `clean` is idempotent.
//!
//! The first byte chooses the options, the rest is the story:
//!
//! | bits | choice |
//! |---|---|
//! | 0–2 | output: 0 EPUB, 1 Markdown, 2 text, 3 JSON, 4–7 all four |
//! | 3–4 | fixes: 0 none, 1 safe, 2 unsafe, 3 unsafe with typographic quotes, `…` and `--` |
//! | 5 | also clean the draft and clean the result again |
//! | 6 | wrap text at 40 columns, show flashback markers in EPUB |
//! | 7 | `--notes end`: author's notes moved to the end of their chapter |

#![no_main]

use ficpress::render::FlashbackStyle;
use ficpress::rules::{RuleOptions, Style};
use ficpress::{FixOptions, Format, NotesMode, ReadOptions, RenderOptions, Story};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let read = ReadOptions {
        fix: match (selector >> 3) & 3 {
            0 => None,
            1 => Some(FixOptions::default()),
            2 => Some(FixOptions {
                unsafe_fixes: true,
                ..FixOptions::default()
            }),
            _ => Some(FixOptions {
                rules: RuleOptions {
                    typographic_quotes: true,
                    ellipsis: Style::Typographic,
                    dash: Style::Ascii,
                    ..RuleOptions::default()
                },
                unsafe_fixes: true,
                ..FixOptions::default()
            }),
        },
        ..ReadOptions::default()
    };
    let render = if selector & 0x40 != 0 {
        RenderOptions {
            wrap: Some(40),
            flashback: FlashbackStyle::Marked,
            ..RenderOptions::default()
        }
    } else {
        RenderOptions::default()
    };
    let Ok(mut document) = ficpress::read_story(bytes, &read) else {
        return;
    };
    if selector & 0x80 != 0 {
        ficpress::structure::arrange_notes(&mut document.story, NotesMode::End);
    }
    let formats: &[Format] = match selector & 7 {
        0 => &[Format::Epub],
        1 => &[Format::Markdown],
        2 => &[Format::Text],
        3 => &[Format::Json],
        _ => &[Format::Epub, Format::Markdown, Format::Text, Format::Json],
    };
    for &format in formats {
        render_and_check(&document.story, format, &render);
    }
    if selector & 0x20 != 0 {
        check_clean_is_idempotent(bytes, &read);
    }
});

fn render_and_check(story: &Story, format: Format, options: &RenderOptions) {
    let mut out = Vec::new();
    ficpress::render(story, format, options, &mut out).expect("rendering into a Vec");
    match format {
        Format::Epub => assert!(out.starts_with(b"PK\x03\x04"), "EPUB is not a zip"),
        Format::Markdown | Format::Text => {
            let text = String::from_utf8(out).expect("text output is UTF-8");
            assert!(!text.contains('\r'), "CR in {format:?} output");
        }
        Format::Json => check_contract(&serde_json::from_slice(&out).expect("JSON parses")),
    }
}

/// The JSON contract (tests/it/contract.rs has the full checker).
fn check_contract(json: &Value) {
    for key in ["title", "author", "summary"] {
        assert!(json[key].is_string() || json[key].is_null(), "story.{key}");
    }
    for chapter in json["chapters"].as_array().expect("chapters") {
        assert!(chapter["title"].is_string() || chapter["title"].is_null());
        check_blocks(&chapter["blocks"]);
    }
}

fn check_blocks(blocks: &Value) {
    for block in blocks.as_array().expect("blocks") {
        match block["kind"].as_str() {
            Some("paragraph" | "heading") => assert!(block["text"].is_string()),
            Some("scene_break") => {}
            Some("author_note" | "flashback") => check_blocks(&block["blocks"]),
            other => panic!("unknown block kind {other:?}"),
        }
    }
}

fn check_clean_is_idempotent(bytes: &[u8], read: &ReadOptions) {
    let Ok(draft) = ficpress::read_draft(bytes, read) else {
        return;
    };
    let once = ficpress::clean::clean(&draft);
    // Cleaned text that now starts like a binary file (`%PDF-`) is refused.
    let Ok(again) = ficpress::read_draft(once.as_bytes(), read) else {
        return;
    };
    let twice = ficpress::clean::clean(&again);
    assert!(
        once == twice,
        "clean is not idempotent:\n{once:?}\n{twice:?}"
    );
}
