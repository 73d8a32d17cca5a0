//! Corpus mode (`--jsonl`): one output record per input line, in order, other
//! fields untouched, malformed records reported in place.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::common::{ficpress, files_under, fixture, stderr_of};

fn stdout_of(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("JSON Lines output is UTF-8")
}

/// `ficpress ARGS` with `input` on standard input.
fn run_stdin(args: &[&str], input: impl Into<Vec<u8>>) -> std::process::Output {
    ficpress().args(args).write_stdin(input).output().unwrap()
}

/// One JSON Lines record holding `text`.
fn record(id: impl Into<Value>, text: &str) -> String {
    json!({"id": id.into(), "text": text}).to_string()
}

/// What `ficpress clean FILE` prints for `text` saved as a file.
fn clean_as_file(folder: &Path, text: &str) -> String {
    let path = folder.join("story.txt");
    std::fs::write(&path, text).unwrap();
    let output = ficpress().arg("clean").arg(&path).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    stdout_of(&output)
}

#[test]
fn other_fields_pass_through_byte_for_byte_in_order() {
    let line = r#"{"zeta":1.0,"big":123456789012345678901234567890,"id":"a\u00e9","text":"Hello  there .","meta":{"b":[1,{"c":"}"}],"a":null},"alpha":"\"quoted\""}"#;
    let output = run_stdin(&["clean", "--jsonl", "-"], format!("{line}\n"));
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert_eq!(
        stdout_of(&output),
        r#"{"zeta":1.0,"big":123456789012345678901234567890,"id":"a\u00e9","text":"Hello there.\n","meta":{"b":[1,{"c":"}"}],"a":null},"alpha":"\"quoted\""}"#.to_string() + "\n"
    );
    assert_eq!(stderr_of(&output), "cleaned 1, skipped 0, failed 0\n");
}

#[test]
fn records_come_out_in_input_order() {
    // Enough records for several batches on every core, of varied sizes.
    let input: String = (0..10_000)
        .map(|n| record(n, &"Word  word. ".repeat(n % 20 + 1)) + "\n")
        .collect();
    let output = run_stdin(&["-q", "clean", "--jsonl", "--no-fix", "-"], input);
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let ids: Vec<u64> = stdout_of(&output)
        .lines()
        .map(|line| {
            serde_json::from_str::<Value>(line).unwrap()["id"]
                .as_u64()
                .unwrap()
        })
        .collect();
    assert_eq!(ids, (0..10_000).collect::<Vec<_>>());
}

#[test]
fn text_is_what_clean_prints_for_the_same_file() {
    let folder = tempfile::tempdir().unwrap();
    // The seed stories, layouts and encodings that are UTF-8 (a JSON string
    // is); the structure fixtures would only add time in a debug build.
    let stories: Vec<String> = ["", "layouts", "encodings"]
        .iter()
        .flat_map(|folder| std::fs::read_dir(fixture(folder)).unwrap())
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file())
        .filter_map(|path| String::from_utf8(std::fs::read(path).ok()?).ok())
        .collect();
    assert!(
        stories.len() > 8,
        "expected the fixtures, found {}",
        stories.len()
    );
    let input: String = stories
        .iter()
        .enumerate()
        .map(|(n, text)| record(n, text) + "\n")
        .collect();
    let jsonl = folder.path().join("stories.jsonl");
    std::fs::write(&jsonl, input).unwrap();
    let output = ficpress()
        .args(["clean", "--jsonl"])
        .arg(&jsonl)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let records: Vec<Value> = stdout_of(&output)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(records.len(), stories.len());
    for (n, (record, story)) in records.iter().zip(&stories).enumerate() {
        assert_eq!(record["id"], n);
        assert_eq!(
            record["text"].as_str().unwrap(),
            clean_as_file(folder.path(), story),
            "story {n}"
        );
    }
}

#[test]
fn gzip_and_zstd_inputs_give_the_same_records() {
    let folder = tempfile::tempdir().unwrap();
    let input: String = (0..500)
        .map(|n| record(n, &format!("Story  {n} .\n\n\n\nThe end.")) + "\n")
        .collect();
    let plain = folder.path().join("in.jsonl");
    std::fs::write(&plain, &input).unwrap();
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gzip.write_all(input.as_bytes()).unwrap();
    let gz = folder.path().join("in.jsonl.gz");
    std::fs::write(&gz, gzip.finish().unwrap()).unwrap();
    let zst = folder.path().join("in.jsonl.zst");
    std::fs::write(&zst, zstd::encode_all(input.as_bytes(), 3).unwrap()).unwrap();

    let outputs: Vec<String> = [&plain, &gz, &zst]
        .iter()
        .map(|path| {
            let output = ficpress()
                .args(["clean", "--jsonl"])
                .arg(path)
                .output()
                .unwrap();
            assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
            stdout_of(&output)
        })
        .collect();
    assert_eq!(outputs[0].lines().count(), 500);
    assert!(outputs[0].starts_with("{\"id\":0,\"text\":\"Story 0.\\n\\nThe end.\\n\"}\n"));
    assert_eq!(outputs[1], outputs[0], "gzip");
    assert_eq!(outputs[2], outputs[0], "zstd");

    // Compressed data on standard input is recognised by its magic number.
    let output = run_stdin(&["clean", "--jsonl", "-"], std::fs::read(&zst).unwrap());
    assert_eq!(stdout_of(&output), outputs[0]);
}

#[test]
fn a_misnamed_or_truncated_compressed_file_is_an_error() {
    let folder = tempfile::tempdir().unwrap();
    let misnamed = folder.path().join("plain.jsonl.gz");
    std::fs::write(&misnamed, record(1, "a") + "\n").unwrap();
    let output = ficpress()
        .args(["clean", "--jsonl"])
        .arg(&misnamed)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr_of(&output).contains("the name says gzip but the content is uncompressed"),
        "{}",
        stderr_of(&output)
    );

    let input: String = (0..2000).map(|n| record(n, "Some text.") + "\n").collect();
    let mut compressed = zstd::encode_all(input.as_bytes(), 3).unwrap();
    compressed.truncate(compressed.len() / 2);
    let truncated = folder.path().join("cut.jsonl.zst");
    std::fs::write(&truncated, compressed).unwrap();
    let output = ficpress()
        .args(["clean", "--jsonl"])
        .arg(&truncated)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stdout = stdout_of(&output);
    let last: Value = serde_json::from_str(stdout.lines().last().unwrap()).unwrap();
    // The records read before the damage are kept; the last line says where
    // reading stopped.
    assert_eq!(last["line"], stdout.lines().count());
    assert!(
        last["error"]
            .as_str()
            .unwrap()
            .starts_with("cannot read the input from here on"),
        "{last}"
    );
}

#[test]
fn malformed_records_become_error_records_on_their_line() {
    let mut input = [
        record("a", "Fine  text."),
        r#"{"id": "b", "text": 42}"#.to_string(),
        "[1, 2]".to_string(),
        "{not json".to_string(),
        r#"{"id": 5, "title": "no text"}"#.to_string(),
        String::new(),
        r#"{"id": 7, "text": "a", "text": "b"}"#.to_string(),
    ]
    .join("\n")
    .into_bytes();
    input.extend(b"\n{\"id\": 8, \"text\": \"caf\xe9\"}\n");
    input.extend(record(9, "Last  one.").into_bytes()); // no final newline
    let output = run_stdin(&["clean", "--jsonl", "-"], input);
    assert_eq!(output.status.code(), Some(2));
    insta::assert_snapshot!(stdout_of(&output), @r#"
    {"id":"a","text":"Fine text.\n"}
    {"line":2,"id":"b","error":"\"text\" is a number, not a string"}
    {"line":3,"error":"the record is an array, not a JSON object"}
    {"line":4,"error":"invalid JSON at column 2: key must be a string"}
    {"line":5,"id":5,"error":"the record has no \"text\" field"}

    {"line":7,"id":7,"error":"the record has more than one \"text\" field"}
    {"line":8,"id":8,"error":"the line is not valid UTF-8 (bad byte at column 23)"}
    {"id":9,"text":"Last one.\n"}
    "#);
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("error: <stdin>:4: invalid JSON at column 2: key must be a string\n"),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("cleaned 2, skipped 1, failed 6\n"),
        "{stderr}"
    );
}

#[test]
fn convert_to_json_adds_the_story_as_convert_writes_it() {
    let text = "Chapter 1\n\nA/N: thanks for reading!\n\nIt began.\n\no-O-o\n\nIt ended.\n";
    let line = format!(r#"{{"id":1,"text":{},"source":"ffn"}}"#, json!(text));
    let output = run_stdin(&["convert", "--jsonl", "--to", "json", "-"], line + "\n");
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let record: Value = serde_json::from_str(&stdout_of(&output)).unwrap();
    let keys: Vec<&str> = record
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["id", "source", "story", "text"]); // serde_json sorts keys
    assert!(
        stdout_of(&output).contains(r#""source":"ffn","story":{"#),
        "added last"
    );
    assert_eq!(
        record["text"].as_str().unwrap(),
        stdout_of(&run_stdin(&["clean", "-"], text))
    );
    let direct = run_stdin(&["convert", "-", "--to", "json", "-o", "-"], text);
    let direct: Value = serde_json::from_slice(&direct.stdout).unwrap();
    assert_eq!(record["story"], direct);
    crate::contract::assert_story_contract(&record["story"]);
}

#[test]
fn convert_to_text_formats_puts_the_book_text_in_text() {
    let text = "Hello  *there*.\n\no-O-o\n\nBye.\n";
    for format in ["md", "txt"] {
        let output = run_stdin(
            &["convert", "--jsonl", "--to", format, "-"],
            record(1, text) + "\n",
        );
        assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
        let record: Value = serde_json::from_str(&stdout_of(&output)).unwrap();
        let direct = run_stdin(&["convert", "-", "--to", format, "-o", "-"], text);
        assert_eq!(
            record["text"].as_str().unwrap(),
            stdout_of(&direct),
            "{format}"
        );
        assert!(record.get("story").is_none());
    }
}

#[test]
fn usage_errors() {
    for (args, message) in [
        (
            &["convert", "--jsonl", "--to", "epub", "-"][..],
            "an EPUB cannot go inside a JSON record",
        ),
        (&["clean", "--jsonl", "--write", "-"], "cannot be used with"),
        (
            &["clean", "--jsonl", "--encoding", "utf-8", "-"],
            "cannot be used with",
        ),
        (&["clean", "-o", "x.jsonl", "-"], "--jsonl"),
    ] {
        let output = run_stdin(args, "");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            stderr_of(&output).contains(message),
            "{args:?}: {}",
            stderr_of(&output)
        );
    }
}

#[test]
fn output_file_is_written_whole_and_never_over_an_input() {
    let folder = tempfile::tempdir().unwrap();
    let input = folder.path().join("in.jsonl");
    std::fs::write(&input, record(1, "One  two.") + "\n").unwrap();
    let out = folder.path().join("out.jsonl");
    let output = ficpress()
        .args(["clean", "--jsonl", "-o"])
        .arg(&out)
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "{\"id\":1,\"text\":\"One two.\\n\"}\n"
    );
    assert_eq!(
        std::fs::read_dir(folder.path()).unwrap().count(),
        2,
        "no temporary files left"
    );

    let output = ficpress()
        .args(["clean", "--jsonl", "-o"])
        .arg(&input)
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr_of(&output).contains("would overwrite an input"));
}

/// The corpus's story files, when it is present beside the repository.
fn corpus_files() -> Option<Vec<PathBuf>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !dir.is_dir() {
        eprintln!(
            "skipped: corpus not found at {} (it lives beside the repository)",
            dir.display()
        );
        return None;
    }
    Some(files_under(&dir))
}

/// The first `limit` bytes of `text`, cut at a character boundary.
fn head(text: &str, limit: usize) -> &str {
    let mut end = limit.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

#[test]
fn corpus_sample_keeps_record_counts() {
    let Some(files) = corpus_files() else {
        return;
    };
    // One record per file (its opening, to keep a debug build quick), one
    // per paragraph of a few stories, and a malformed line now and then.
    let mut lines: Vec<String> = Vec::new();
    for (n, path) in files.iter().enumerate() {
        let text = String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
        let story = json!({"id": format!("story-{n}"), "path": path, "text": head(&text, 3000)});
        lines.push(story.to_string());
        if n % 50 == 0 {
            for (p, paragraph) in text.split("\n\n").take(200).enumerate() {
                lines.push(record(format!("para-{n}-{p}"), paragraph));
            }
            lines.push(format!("{{\"id\": \"broken-{n}\", \"text\": "));
        }
    }
    let input: String = lines.iter().map(|line| format!("{line}\n")).collect();
    let output = run_stdin(&["-q", "clean", "--jsonl", "-"], input);
    assert_eq!(output.status.code(), Some(2), "{}", stderr_of(&output));
    let stdout = stdout_of(&output);
    assert_eq!(stdout.lines().count(), lines.len());
    for (number, (line, out)) in lines.iter().zip(stdout.lines()).enumerate() {
        let output: Value = serde_json::from_str(out).unwrap();
        match serde_json::from_str::<Value>(line) {
            Ok(input) => {
                assert_eq!(input["id"], output["id"]);
                assert!(output["text"].is_string(), "{out}");
            }
            Err(_) => assert_eq!(output["line"], number + 1, "{out}"),
        }
    }
}
