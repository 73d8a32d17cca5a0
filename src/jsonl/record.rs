//! One JSON Lines record: check it, clean or convert its `text`, and splice
//! the result back between the record's other fields, which are copied byte
//! for byte.

use std::ops::Range;

use serde::Serialize;
use serde::de::IgnoredAny;

use super::fields::{self, Field};
use super::{Options, Output};
use crate::{Block, render, structure};

/// What became of one input line.
#[derive(Debug)]
pub enum Processed {
    /// The output record, without its line ending.
    Record(String),
    /// A line of nothing but whitespace: not a record; echoed as an empty line.
    Blank,
    /// The line could not be processed; [`RecordError::to_json`] is its
    /// output record.
    Failed(RecordError),
}

/// A record that could not be processed, and which line of the input it was.
///
/// As JSON it is `{"line": 7, "id": "abc", "error": "..."}`: `line` counts
/// from 1 in its input, `id` is the record's own `id` whenever the line was
/// still readable enough to find it (left out otherwise), and `error` says
/// what was wrong. Good records always have a string `text`; error records
/// never have one.
#[derive(Debug, Serialize)]
pub struct RecordError {
    pub line: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<serde_json::Value>,
    #[serde(rename = "error", serialize_with = "serialize_display")]
    pub kind: RecordErrorKind,
}

/// Why a record could not be processed.
#[derive(Debug, thiserror::Error)]
pub enum RecordErrorKind {
    /// The line's bytes are not UTF-8, as JSON must be.
    #[error("the line is not valid UTF-8 (bad byte at column {column})")]
    NotUtf8 { column: usize },
    /// The line is not one well-formed JSON value.
    #[error("invalid JSON at column {column}: {message}")]
    InvalidJson { column: usize, message: String },
    /// The line is JSON, but not an object.
    #[error("the record is {found}, not a JSON object")]
    NotAnObject { found: &'static str },
    /// The object has no `text` field to clean.
    #[error("the record has no \"text\" field")]
    MissingText,
    /// The object names `text` twice, so which one to clean is ambiguous.
    #[error("the record has more than one \"text\" field")]
    DuplicateText,
    /// `text` is there but is not a string.
    #[error("\"text\" is {found}, not a string")]
    TextNotString { found: &'static str },
    /// The input stopped being readable here (a corrupt or truncated
    /// compressed file); nothing after this line could be read.
    #[error("cannot read the input from here on: {0}")]
    Unreadable(std::io::Error),
    /// The text itself could not be read as a story.
    #[error(transparent)]
    Story(#[from] crate::Error),
}

impl RecordError {
    /// The error record, as one line of JSON without its line ending.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("an error record always serialises")
    }
}

impl std::fmt::Display for RecordError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.kind)
    }
}

fn serialize_display<S: serde::Serializer>(
    kind: &RecordErrorKind,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_str(kind)
}

/// Process line number `line` (counted from 1) of a JSON Lines input;
/// `bytes` may still end in `\n` or `\r\n`.
pub fn process(bytes: &[u8], line: u64, options: &Options) -> Processed {
    let bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Processed::Blank;
    }
    let result = match std::str::from_utf8(bytes) {
        Ok(text) => process_str(text, options),
        Err(error) => Err((
            RecordErrorKind::NotUtf8 {
                column: error.valid_up_to() + 1,
            },
            // The id may well be intact when only the text has a bad byte.
            recover_id(&String::from_utf8_lossy(bytes)),
        )),
    };
    match result {
        Ok(record) => Processed::Record(record),
        Err((kind, id)) => Processed::Failed(RecordError { line, id, kind }),
    }
}

/// Why a line failed, and its record's `id` when that could be found.
type Failure = (RecordErrorKind, Option<serde_json::Value>);

/// The field `convert --to json` adds (or replaces) with the detected structure.
const STORY_FIELD: &str = "story";

fn process_str(line: &str, options: &Options) -> Result<String, Failure> {
    let Object {
        text: object,
        leading,
        fields,
    } = checked_object(line).map_err(|kind| (kind, None))?;
    let process_fields = || -> Result<String, RecordErrorKind> {
        let text_field = single_text_field(&fields)?;
        let text = parse_text(object, text_field.clone(), leading)?;
        let converted = convert(&text, options)?;
        let mut edits = vec![(text_field, to_json(&converted.text))];
        if let Some(story) = &converted.story {
            let story = to_json(story);
            let mut replaced = false;
            for field in fields.iter().filter(|field| field.name == STORY_FIELD) {
                edits.push((field.value.clone(), story.clone()));
                replaced = true;
            }
            if !replaced {
                let closing_brace = object.len() - 1;
                let field = format!(",\"{STORY_FIELD}\":{story}");
                edits.push((closing_brace..closing_brace, field));
            }
        }
        Ok(splice(object, edits))
    };
    process_fields().map_err(|kind| (kind, find_id(object, &fields)))
}

/// A line that holds a JSON object.
struct Object<'a> {
    /// The object, without the whitespace around it.
    text: &'a str,
    /// How many bytes of whitespace came before it on the line.
    leading: usize,
    /// Its top-level fields, in order.
    fields: Vec<Field<'a>>,
}

/// `line` checked to be a JSON object, and its fields.
fn checked_object(line: &str) -> Result<Object<'_>, RecordErrorKind> {
    let object = line.trim_start_matches(is_json_whitespace);
    let leading = line.len() - object.len();
    let object = object.trim_end_matches(is_json_whitespace);
    serde_json::from_str::<IgnoredAny>(object).map_err(|error| json_error(&error, leading))?;
    if !object.starts_with('{') {
        return Err(RecordErrorKind::NotAnObject {
            found: fields::describe(object),
        });
    }
    let fields = fields::fields(object).ok_or_else(|| RecordErrorKind::InvalidJson {
        column: leading + 1,
        message: "the object's fields could not be found".to_string(),
    })?;
    Ok(Object {
        text: object,
        leading,
        fields,
    })
}

/// The `id` of a line that failed for another reason, if it can be found.
fn recover_id(line: &str) -> Option<serde_json::Value> {
    let object = checked_object(line).ok()?;
    find_id(object.text, &object.fields)
}

fn is_json_whitespace(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

/// The record's `id`, whatever its type, if it has one.
fn find_id(object: &str, fields: &[Field<'_>]) -> Option<serde_json::Value> {
    let field = fields.iter().find(|field| field.name == "id")?;
    serde_json::from_str(&object[field.value.clone()]).ok()
}

/// Where the one string `text` field's value lies.
fn single_text_field(fields: &[Field<'_>]) -> Result<Range<usize>, RecordErrorKind> {
    let mut texts = fields.iter().filter(|field| field.name == "text");
    match (texts.next(), texts.next()) {
        (None, _) => Err(RecordErrorKind::MissingText),
        (Some(_), Some(_)) => Err(RecordErrorKind::DuplicateText),
        (Some(field), None) => Ok(field.value.clone()),
    }
}

/// The string at `range` of `object`, which starts `leading` bytes into its
/// line (for the column in messages).
fn parse_text(
    object: &str,
    range: Range<usize>,
    leading: usize,
) -> Result<String, RecordErrorKind> {
    let value = &object[range.clone()];
    if !value.starts_with('"') {
        return Err(RecordErrorKind::TextNotString {
            found: fields::describe(value),
        });
    }
    // A lone surrogate escape (`"\ud800"`) passes the syntax check but is
    // not a string Rust can hold.
    serde_json::from_str(value).map_err(|error| json_error(&error, leading + range.start))
}

/// A serde_json error as [`RecordErrorKind::InvalidJson`], its column moved
/// by `offset` bytes and its position taken out of the message.
fn json_error(error: &serde_json::Error, offset: usize) -> RecordErrorKind {
    let message = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    RecordErrorKind::InvalidJson {
        column: offset + error.column().max(1),
        message: message
            .strip_suffix(&suffix)
            .unwrap_or(&message)
            .to_string(),
    }
}

/// What a record's text becomes.
struct Converted {
    text: String,
    story: Option<crate::Story>,
}

fn convert(text: &str, options: &Options) -> crate::Result<Converted> {
    match &options.output {
        Output::Clean => {
            let draft = crate::read_draft(text.as_bytes(), &options.read)?;
            Ok(Converted {
                text: crate::clean::clean(&draft),
                story: None,
            })
        }
        Output::Story { notes } => {
            // One decode and one pass of the fix rules serve both: the draft
            // is the story's blocks before detection.
            let draft = crate::read_draft(text.as_bytes(), &options.read)?;
            let cleaned = crate::clean::clean(&draft);
            let blocks: Vec<Block> = draft
                .story
                .chapters
                .into_iter()
                .flat_map(|chapter| chapter.blocks)
                .collect();
            let mut story = structure::detect(blocks, options.read.fallback_title.as_deref());
            structure::arrange_notes(&mut story, *notes);
            Ok(Converted {
                text: cleaned,
                story: Some(story),
            })
        }
        Output::Rendered {
            format,
            render: render_options,
            notes,
        } => {
            let mut story = crate::read_story(text.as_bytes(), &options.read)?.story;
            structure::arrange_notes(&mut story, *notes);
            let mut out = Vec::new();
            render::render(&story, (*format).into(), render_options, &mut out)?;
            Ok(Converted {
                text: String::from_utf8(out).expect("text renderers write UTF-8"),
                story: None,
            })
        }
    }
}

fn to_json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).expect("strings and stories always serialise")
}

/// `object` with each range replaced by its text; ranges never overlap.
fn splice(object: &str, mut edits: Vec<(Range<usize>, String)>) -> String {
    edits.sort_by_key(|(range, _)| range.start);
    let added: usize = edits.iter().map(|(_, text)| text.len()).sum();
    let mut out = String::with_capacity(object.len() + added);
    let mut at = 0;
    for (range, text) in edits {
        out.push_str(&object[at..range.start]);
        out.push_str(&text);
        at = range.end;
    }
    out.push_str(&object[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::{Processed, process};
    use crate::NotesMode;
    use crate::jsonl::{Options, Output};

    fn clean(line: &str) -> String {
        match process(line.as_bytes(), 1, &Options::default()) {
            Processed::Record(record) => record,
            Processed::Blank => String::new(),
            Processed::Failed(error) => error.to_json(),
        }
    }

    #[test]
    fn surrounding_whitespace_and_crlf_are_dropped() {
        assert_eq!(
            clean(" \t{\"text\" : \"a  b\" } \r\n"),
            r#"{"text" : "a b\n" }"#
        );
        assert_eq!(clean(" \t \r\n"), "");
    }

    #[test]
    fn columns_count_from_the_start_of_the_line() {
        assert_eq!(
            clean(r#"  {"id":1,"text":"\ud800"}"#),
            r#"{"line":1,"id":1,"error":"invalid JSON at column 25: unexpected end of hex escape"}"#
        );
        assert_eq!(
            clean(r#"  {"id":1,,}"#),
            r#"{"line":1,"error":"invalid JSON at column 11: key must be a string"}"#
        );
    }

    #[test]
    fn an_existing_story_field_is_replaced_where_it_stands() {
        let options = Options {
            output: Output::Story {
                notes: NotesMode::Keep,
            },
            ..Options::default()
        };
        let Processed::Record(record) =
            process(br#"{"story":"old","text":"Hi.","n":1}"#, 1, &options)
        else {
            panic!("the record failed");
        };
        assert!(record.starts_with(r#"{"story":{"title":null"#), "{record}");
        assert!(record.ends_with(r#","text":"Hi.\n","n":1}"#), "{record}");
    }

    #[test]
    fn a_text_that_is_no_story_fails_with_the_reason() {
        assert_eq!(
            clean(r#"{"id":"pdf","text":"%PDF-1.7\n%"}"#),
            "{\"line\":1,\"id\":\"pdf\",\"error\":\"this looks like a PDF document, \
             not a text file; ficpress reads plain-text stories\"}"
        );
    }
}
