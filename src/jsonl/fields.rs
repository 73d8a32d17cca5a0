//! Where the top-level fields of a JSON object lie, found without building
//! the object, so that a record's other fields can be copied byte for byte.
//!
//! The scanner trusts its input: callers check the syntax with serde_json
//! first, so it only has to tell strings, containers and scalars apart. It
//! still never indexes past the end, so an input that slipped through gives
//! `None` rather than a panic.

use std::borrow::Cow;
use std::ops::Range;

/// One top-level field: its name (unescaped) and the byte range of its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field<'a> {
    pub name: Cow<'a, str>,
    pub value: Range<usize>,
}

/// The top-level fields of `object`, a syntactically valid JSON object with
/// no surrounding whitespace, in the order written (duplicates included).
pub fn fields(object: &str) -> Option<Vec<Field<'_>>> {
    let bytes = object.as_bytes();
    let mut fields = Vec::new();
    let mut at = skip_whitespace(bytes, 1);
    if bytes.first() != Some(&b'{') {
        return None;
    }
    loop {
        match bytes.get(at)? {
            b'}' => return Some(fields),
            b',' => at = skip_whitespace(bytes, at + 1),
            b'"' => {
                let name_end = string_end(bytes, at)?;
                let name = unescape(&object[at..name_end])?;
                at = skip_whitespace(bytes, name_end);
                if bytes.get(at) != Some(&b':') {
                    return None;
                }
                let start = skip_whitespace(bytes, at + 1);
                let end = value_end(bytes, start)?;
                fields.push(Field {
                    name,
                    value: start..end,
                });
                at = skip_whitespace(bytes, end);
            }
            _ => return None,
        }
    }
}

/// What a JSON value is, named for messages ("an array"), from its first byte.
pub fn describe(value: &str) -> &'static str {
    match value.as_bytes().first() {
        Some(b'{') => "an object",
        Some(b'[') => "an array",
        Some(b'"') => "a string",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        _ => "a number",
    }
}

fn skip_whitespace(bytes: &[u8], mut at: usize) -> usize {
    while matches!(bytes.get(at), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        at += 1;
    }
    at
}

/// The index just past the string that opens at `at`.
fn string_end(bytes: &[u8], at: usize) -> Option<usize> {
    let mut i = at + 1;
    loop {
        match bytes.get(i)? {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
}

/// The index just past the value that starts at `at`.
fn value_end(bytes: &[u8], at: usize) -> Option<usize> {
    match bytes.get(at)? {
        b'"' => string_end(bytes, at),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut i = at;
            loop {
                match bytes.get(i)? {
                    b'"' => {
                        i = string_end(bytes, i)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
        }
        _ => {
            let mut i = at;
            while !matches!(
                bytes.get(i),
                None | Some(b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
            ) {
                i += 1;
            }
            Some(i)
        }
    }
}

/// A field name without its quotes, unescaped only when it has escapes.
fn unescape(quoted: &str) -> Option<Cow<'_, str>> {
    if quoted.contains('\\') {
        serde_json::from_str(quoted).ok().map(Cow::Owned)
    } else {
        quoted.get(1..quoted.len() - 1).map(Cow::Borrowed)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde_json::Value;

    use super::fields;

    /// The scanner agrees with serde_json on every field's name and value.
    fn assert_agrees(object: &str) {
        let parsed: serde_json::Map<String, Value> = serde_json::from_str(object).unwrap();
        let scanned = fields(object).unwrap_or_else(|| panic!("no fields in {object}"));
        assert_eq!(scanned.len(), parsed.len(), "{object}");
        for field in scanned {
            let value: Value = serde_json::from_str(&object[field.value.clone()]).unwrap();
            assert_eq!(parsed.get(field.name.as_ref()), Some(&value), "{object}");
        }
    }

    #[test]
    fn finds_fields_whatever_they_hold() {
        for object in [
            r#"{}"#,
            r#"{"id":1,"text":"a"}"#,
            r#"{ "id" : -1.5e3 , "text" : "say \"hi\" \\" }"#,
            r#"{"t\u0065xt":"escaped name","a\"b":null}"#,
            r#"{"meta":{"x":[1,{"y":"}]"}],"z":"{"},"text":"","ok":true,"no":false}"#,
            r#"{"nested":[[[]]],"s":"\\","e":{}}"#,
            "{\"tab\":\t\"x\"\n}",
            r#"{"ü":"ünïcödé ✓","text":"🙂"}"#,
        ] {
            assert_agrees(object);
        }
    }

    #[test]
    fn value_ranges_are_exact() {
        let object = r#"{"id": 7, "text": "hi", "tags": ["a"]}"#;
        let found: Vec<(String, &str)> = fields(object)
            .unwrap()
            .into_iter()
            .map(|field| (field.name.into_owned(), &object[field.value]))
            .collect();
        assert_eq!(
            found,
            [
                ("id".to_string(), "7"),
                ("text".to_string(), r#""hi""#),
                ("tags".to_string(), r#"["a"]"#)
            ]
        );
    }

    #[test]
    fn keeps_duplicate_names() {
        let names: Vec<_> = fields(r#"{"text":"a","text":"b"}"#)
            .unwrap()
            .into_iter()
            .map(|field| field.name)
            .collect();
        assert_eq!(names, ["text", "text"]);
    }

    #[test]
    fn truncated_input_gives_none_not_a_panic() {
        for object in [
            r#"{"a":"#,
            r#"{"a":"x"#,
            r#"{"a":[1,"#,
            r#"{"a""#,
            "{",
            "",
            "[",
        ] {
            assert_eq!(fields(object), None, "{object}");
        }
    }

    proptest! {
        #[test]
        fn agrees_with_serde_json(
            entries in prop::collection::vec(("[a-z\"\\\\{}\\[\\] ]{0,6}", any_value()), 0..6)
        ) {
            let map: serde_json::Map<String, Value> = entries.into_iter().collect();
            assert_agrees(&serde_json::to_string(&map).unwrap());
            assert_agrees(&serde_json::to_string_pretty(&map).unwrap());
        }

        #[test]
        fn never_panics(input in "\\{[ -~]{0,40}") {
            let _ = fields(&input);
        }
    }

    fn any_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            "[ -~]{0,8}".prop_map(Value::String),
        ];
        leaf.prop_recursive(3, 16, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::vec(("[a-z{}\"]{0,4}", inner), 0..4)
                    .prop_map(|entries| Value::Object(entries.into_iter().collect())),
            ]
        })
    }
}
