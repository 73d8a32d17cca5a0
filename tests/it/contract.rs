//! The JSON contract, checked structurally: other tools rely on this shape.
//!
//! `{"title": str|null, "author": str|null, "summary": str|null,
//!   "chapters": [{"title": str|null, "blocks": [BLOCK]}]}` where BLOCK is a
//! paragraph or heading with `text`, a scene break, or an author's note or
//! flashback with nested `blocks`. Extra fields are allowed.

use serde_json::Value;

/// Panic with a path to the offending value if `json` breaks the contract.
pub fn assert_story_contract(json: &Value) {
    let story = json.as_object().expect("story is an object");
    for key in ["title", "author", "summary"] {
        let value = story
            .get(key)
            .unwrap_or_else(|| panic!("story has no `{key}`"));
        assert!(
            value.is_string() || value.is_null(),
            "story.{key} is {value}"
        );
    }
    let chapters = story["chapters"].as_array().expect("chapters is an array");
    for (i, chapter) in chapters.iter().enumerate() {
        let title = &chapter["title"];
        assert!(
            title.is_string() || title.is_null(),
            "chapters[{i}].title is {title}"
        );
        assert_blocks(&chapter["blocks"], &format!("chapters[{i}].blocks"));
    }
}

fn assert_blocks(blocks: &Value, path: &str) {
    let blocks = blocks
        .as_array()
        .unwrap_or_else(|| panic!("{path} is not an array"));
    for (i, block) in blocks.iter().enumerate() {
        let path = format!("{path}[{i}]");
        match block["kind"].as_str() {
            Some("paragraph" | "heading") => {
                assert!(block["text"].is_string(), "{path}.text is not a string");
            }
            Some("scene_break") => {}
            Some("author_note" | "flashback") => {
                assert_blocks(&block["blocks"], &format!("{path}.blocks"))
            }
            other => panic!("{path} has unknown kind {other:?}"),
        }
    }
}

#[test]
fn the_checker_rejects_broken_shapes() {
    let broken = serde_json::json!({"title": 3, "author": null, "summary": null, "chapters": []});
    assert!(std::panic::catch_unwind(|| assert_story_contract(&broken)).is_err());
    let broken = serde_json::json!({"title": null, "author": null, "summary": null,
        "chapters": [{"title": null, "blocks": [{"kind": "paragraph"}]}]});
    assert!(std::panic::catch_unwind(|| assert_story_contract(&broken)).is_err());
}
