//! Hostile and broken input, and never losing a word.
//!
//! Each case puts one bad input next to a good story and checks three things:
//! a clear one-line error naming the file (or a correct result), the exit
//! code, and that the good story was still converted. The second half proves
//! that ficpress never destroys what it was given: interrupted rewrites leave
//! the original, lossy re-encoding is refused, outputs never replace inputs
//! and output names never leave the output folder.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use crate::common::{ficpress, files_under, stderr_of};
use crate::epubcheck;

/// The story that sits next to every bad input.
const GOOD: &str = "A good story about a cat.\n\nIt ends well.\n";

/// A folder holding `a-good.txt` and the bad file `name`.
fn stories_with(name: &str, bytes: &[u8]) -> tempfile::TempDir {
    let input = tempfile::tempdir().unwrap();
    std::fs::write(input.path().join("a-good.txt"), GOOD).unwrap();
    std::fs::write(input.path().join(name), bytes).unwrap();
    input
}

/// Convert every story under `input` to `format` in a fresh folder.
fn convert(input: &Path, format: &str) -> (Output, tempfile::TempDir) {
    let out = tempfile::tempdir().unwrap();
    let output = ficpress()
        .args(["convert", "--to", format, "-o"])
        .arg(out.path())
        .arg(input)
        .output()
        .unwrap();
    (output, out)
}

/// The good story was converted, whatever happened to its neighbour.
fn assert_good_converted(out: &Path) {
    let book = std::fs::read_to_string(out.join("a-good.txt")).unwrap();
    assert_eq!(book, format!("a-good\n\n{GOOD}"));
}

/// Convert `name` (holding `bytes`) next to the good story, to text, and
/// return the converted text of `name`.
fn converted_text(name: &str, bytes: &[u8]) -> String {
    let input = stories_with(name, bytes);
    let (output, out) = convert(input.path(), "txt");
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert_eq!(stderr_of(&output), "converted 2, skipped 0, failed 0\n");
    assert_good_converted(out.path());
    let converted = Path::new(name).with_extension("txt");
    std::fs::read_to_string(out.path().join(converted)).unwrap()
}

/// A batch with one unreadable input: exit 2, exactly `error` on standard
/// error for it, and the good story converted.
fn assert_refused(name: &str, bytes: &[u8], error: &str) {
    let input = stories_with(name, bytes);
    let (output, out) = convert(input.path(), "txt");
    assert_eq!(output.status.code(), Some(2));
    let path = input.path().join(name);
    assert_eq!(
        stderr_of(&output),
        format!(
            "error: {}: {error}\nconverted 1, skipped 0, failed 1\n",
            path.display()
        )
    );
    assert_good_converted(out.path());
    assert_eq!(files_under(out.path()).len(), 1);
}

/// A one-pixel PNG image.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\nIDATx\x9cc\0\x01\0\0\x05\0\x01\r\n-\xb4\0\0\0\0IEND\xaeB`\x82";

#[test]
fn empty_file_becomes_an_empty_valid_book() {
    let input = stories_with("b-empty.txt", b"");
    let (output, out) = convert(input.path(), "epub");
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert_eq!(stderr_of(&output), "converted 2, skipped 0, failed 0\n");
    let books = files_under(out.path());
    assert_eq!(books.len(), 2);
    epubcheck::validate(&books);
    // As text: the title from the file name, and nothing invented.
    assert_eq!(converted_text("b-empty.txt", b""), "b-empty\n");
}

#[test]
fn whitespace_only_file_becomes_an_empty_valid_book() {
    let blank = b"   \n\t\n\r\n \x0c \r\n\n\n    \t";
    let input = stories_with("b-blank.txt", blank);
    let (output, out) = convert(input.path(), "epub");
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let books = files_under(out.path());
    assert_eq!(books.len(), 2);
    epubcheck::validate(&books);
    assert_eq!(converted_text("b-blank.txt", blank), "b-blank\n");
}

#[test]
fn png_image_is_refused_by_kind() {
    assert_refused(
        "b-cover.txt",
        PNG,
        "this looks like a PNG image, not a text file; ficpress reads plain-text stories",
    );
}

#[test]
fn zip_archive_is_refused_by_kind() {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("story.txt", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(GOOD.repeat(50).as_bytes()).unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    assert_refused(
        "b-stories.txt",
        &bytes,
        "this looks like a ZIP archive, not a text file; ficpress reads plain-text stories",
    );
}

#[test]
fn epub_book_is_refused_by_kind() {
    let document =
        ficpress::read_story(GOOD.as_bytes(), &ficpress::ReadOptions::default()).unwrap();
    let mut epub = Vec::new();
    ficpress::render(
        &document.story,
        ficpress::Format::Epub,
        &ficpress::RenderOptions::default(),
        &mut epub,
    )
    .unwrap();
    assert_refused(
        "b-book.txt",
        &epub,
        "this looks like an EPUB book, not a text file; ficpress reads plain-text stories",
    );
    // Named on the command line with its own extension, it is refused too.
    let input = stories_with("b-book.epub", &epub);
    let output = ficpress()
        .args(["convert", "--to", "txt", "-o", "-"])
        .arg(input.path().join("a-good.txt"))
        .arg(input.path().join("b-book.epub"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        format!("a-good\n\n{GOOD}")
    );
    assert_eq!(
        stderr_of(&output),
        format!(
            "error: {}: this looks like an EPUB book, not a text file; ficpress reads plain-text stories\n\
             converted 1, skipped 0, failed 1\n",
            input.path().join("b-book.epub").display()
        )
    );
}

#[test]
fn nul_bytes_inside_text_are_dropped_and_the_words_kept() {
    // A few stray NULs in a story; a file that is mostly controls is binary.
    let story = "The storm had passed by morning, and the village woke to a sky washed clean. \
                 Nobody spoke of the night before, and nobody needed to.\n\n";
    let text = [
        story.as_bytes(),
        b"She ran\0 home through the rain.\0\n\nA stray\0\0\0 run of them, and Sec\0ond.\n",
    ]
    .concat();
    assert_eq!(
        converted_text("b-nul.txt", &text),
        format!(
            "b-nul\n\n{story}She ran home through the rain.\n\nA stray run of them, and Second.\n"
        )
    );
    // `check` says what was dropped.
    let input = stories_with("b-nul.txt", &text);
    let output = ficpress()
        .args(["check", "--format", "concise"])
        .arg(input.path().join("b-nul.txt"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("E004 6 control characters dropped"),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
}

/// Two bad bytes in a UTF-8 story: the story stays UTF-8 (no `Ã©`
/// mojibake from reading it as Windows-1252), the bytes become `�`.
#[test]
fn invalid_utf8_in_valid_utf8_is_replaced_not_misread() {
    let bytes = [
        "Café au lait, s'il vous plaît.\n\nThe ".as_bytes(),
        b"\xff\xfe",
        " marks are gone, but é stays.\n".as_bytes(),
    ]
    .concat();
    assert_eq!(
        converted_text("b-broken.txt", &bytes),
        "b-broken\n\nCafé au lait, s'il vous plaît.\n\nThe \u{FFFD}\u{FFFD} marks are gone, but é stays.\n"
    );
}

#[test]
fn utf16_without_a_byte_order_mark_is_detected() {
    let story =
        "Naïve café, “quoted” — and a long enough line of story text to sniff.\n\nShe smiled.\n";
    let expected = story;
    let little: Vec<u8> = story.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let big: Vec<u8> = story.encode_utf16().flat_map(u16::to_be_bytes).collect();
    assert_eq!(
        converted_text("b-utf16le.txt", &little),
        format!("b-utf16le\n\n{expected}")
    );
    assert_eq!(
        converted_text("b-utf16be.txt", &big),
        format!("b-utf16be\n\n{expected}")
    );
}

#[test]
fn mixed_line_endings_split_paragraphs_as_written() {
    let text = b"One.\r\n\r\nTwo.\n\nThree.\r\rFour.\r\n\nFive.\n\r\nSix.\r";
    assert_eq!(
        converted_text("b-mixed.txt", text),
        "b-mixed\n\nOne.\n\nTwo.\n\nThree.\n\nFour.\n\nFive.\n\nSix.\n"
    );
}

/// Story text with no newline at all, `bytes` long, with a fix to make in
/// every sentence: the shape of a story pasted from a web page.
fn one_line_story(bytes: usize) -> String {
    let sentence =
        "Kakashi turned the page of his book  and sighed, because Naruto was late again. ";
    let mut text = sentence.repeat(bytes / sentence.len() + 1);
    text.truncate(bytes);
    text
}

/// Convert a one-line story of `bytes` and check that no word was lost.
fn convert_one_line_story(bytes: usize) {
    let input = tempfile::tempdir().unwrap();
    let text = one_line_story(bytes);
    std::fs::write(input.path().join("b-line.txt"), &text).unwrap();
    std::fs::write(input.path().join("a-good.txt"), GOOD).unwrap();
    let started = std::time::Instant::now();
    let (output, out) = convert(input.path(), "txt");
    eprintln!(
        "converted a {bytes}-byte line in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert_good_converted(out.path());
    let book = std::fs::read_to_string(out.path().join("b-line.txt")).unwrap();
    for word in ["Kakashi", "sighed", "late"] {
        assert_eq!(
            book.matches(word).count(),
            text.matches(word).count(),
            "{word}"
        );
    }
}

#[test]
fn a_one_megabyte_line_converts() {
    convert_one_line_story(1_000_000);
}

/// Minutes in a debug build: run it from a release build with
/// `cargo test --release --test it hostile::a_100_megabyte -- --ignored`.
#[test]
#[ignore = "100 MB takes minutes in a debug build; run with --release --ignored"]
fn a_100_megabyte_file_with_no_newline_converts() {
    convert_one_line_story(100_000_000);
}

#[test]
fn a_story_that_is_one_enormous_quote_converts() {
    let inner = "She talked and talked, and nobody could stop her. ".repeat(10_000);
    let text = format!("\"{}\"\n", inner.trim_end());
    let book = converted_text("b-quote.txt", text.as_bytes());
    assert_eq!(book, format!("b-quote\n\n{text}"));
}

#[test]
fn a_marker_line_decorated_ten_thousand_times_converts() {
    let line = "~*~".repeat(10_000);
    let text = format!("Before the break.\n\n{line}\n\nAfter the break.\n");
    let book = converted_text("b-marker.txt", text.as_bytes());
    // A scene break, or the line as typed: never part of it, never a merge.
    let as_break = "b-marker\n\nBefore the break.\n\n* * *\n\nAfter the break.\n";
    let as_text = format!("b-marker\n\nBefore the break.\n\n{line}\n\nAfter the break.\n");
    let start: String = book.chars().take(200).collect();
    assert!(book == as_break || book == as_text, "{start}");
}

#[test]
fn a_path_that_does_not_exist_fails_alone() {
    let input = stories_with("b-other.txt", GOOD.as_bytes());
    let missing = input.path().join("no-such-story.txt");
    let out = tempfile::tempdir().unwrap();
    let output = ficpress()
        .args(["convert", "--to", "txt", "-o"])
        .arg(out.path())
        .arg(input.path().join("a-good.txt"))
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr_of(&output),
        format!(
            "error: {}: no such file or directory\nconverted 1, skipped 0, failed 1\n",
            missing.display()
        )
    );
    assert_good_converted(out.path());
}

/// As root, permissions do not stop reads: the test then runs ficpress as
/// the unprivileged user `nobody`, so it checks the real thing everywhere.
#[test]
fn a_file_without_read_permission_fails_alone() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let input = stories_with("b-secret.txt", GOOD.as_bytes());
    let secret = input.path().join("b-secret.txt");
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    std::fs::set_permissions(input.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = tempfile::tempdir().unwrap();
    std::fs::set_permissions(out.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_ficpress"));
    command
        .args(["convert", "--to", "txt", "-o"])
        .arg(out.path())
        .arg(input.path())
        .env("NO_COLOR", "1");
    if std::fs::read(&secret).is_ok() {
        // Root (or CAP_DAC_OVERRIDE): drop to `nobody` for the run.
        command.uid(65534).gid(65534);
    }
    let output = match command.output() {
        Ok(output) => output,
        Err(error) => {
            eprintln!("skipped: cannot run ficpress as an unprivileged user: {error}");
            return;
        }
    };
    assert_eq!(output.status.code(), Some(2), "{}", stderr_of(&output));
    assert_eq!(
        stderr_of(&output),
        format!(
            "error: {}: permission denied\nconverted 1, skipped 0, failed 1\n",
            secret.display()
        )
    );
    assert_good_converted(out.path());
}

#[test]
fn a_symbolic_link_loop_is_reported_and_walked_once() {
    let input = stories_with("b-other.md", b"Another story.\n");
    let sub = input.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    std::os::unix::fs::symlink("..", sub.join("up")).unwrap();
    let (output, out) = convert(input.path(), "txt");
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr_of(&output),
        format!(
            "error: {}: symbolic link loop: it leads back to {}\nconverted 2, skipped 0, failed 1\n",
            sub.join("up").display(),
            input.path().display()
        )
    );
    assert_good_converted(out.path());
    assert_eq!(files_under(out.path()).len(), 2);
}

#[test]
fn an_output_folder_that_cannot_be_created_fails_every_book_clearly() {
    let input = stories_with("b-other.txt", GOOD.as_bytes());
    let blocker = tempfile::NamedTempFile::new().unwrap();
    let folder = blocker.path().join("books");
    let output = ficpress()
        .args(["convert", "--to", "txt", "-o"])
        .arg(&folder)
        .arg(input.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let cause = format!("cannot create {}: not a directory", folder.display());
    assert_eq!(
        stderr_of(&output),
        format!(
            "error: {}: {cause}\nerror: {}: {cause}\nconverted 0, skipped 0, failed 2\n",
            input.path().join("a-good.txt").display(),
            input.path().join("b-other.txt").display()
        )
    );
    assert_eq!(std::fs::read(blocker.path()).unwrap(), b"");
}

#[test]
fn an_output_that_cannot_be_written_fails_alone() {
    let input = stories_with("b-other.txt", GOOD.as_bytes());
    let out = tempfile::tempdir().unwrap();
    // A folder where the book should go.
    std::fs::create_dir(out.path().join("b-other.txt")).unwrap();
    let output = ficpress()
        .args(["convert", "--to", "txt", "-o"])
        .arg(out.path())
        .arg(input.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = stderr_of(&output);
    let blocked = out.path().join("b-other.txt");
    assert_eq!(
        stderr,
        format!(
            "error: {}: cannot write {}: cannot rename the temporary file over it: is a directory\n\
             converted 1, skipped 0, failed 1\n",
            input.path().join("b-other.txt").display(),
            blocked.display(),
        )
    );
    assert_good_converted(out.path());
    // No temporary file left beside the books.
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 2);
}

#[test]
fn standard_output_closed_early_ends_quietly() {
    let input = tempfile::tempdir().unwrap();
    let big = "A paragraph of the story that goes on for a while.\n\n".repeat(20_000);
    std::fs::write(input.path().join("a.txt"), &big).unwrap();
    std::fs::write(input.path().join("b.txt"), &big).unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_ficpress"))
        .args(["convert", "--to", "txt", "-o", "-"])
        .arg(input.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read the first line, as `head -1` does, then close the pipe.
    let mut stdout = child.stdout.take().unwrap();
    let mut first = Vec::new();
    let mut byte = [0u8; 1];
    while stdout.read(&mut byte).unwrap() == 1 && byte[0] != b'\n' {
        first.push(byte[0]);
    }
    assert_eq!(first, b"a");
    drop(stdout);
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "{stderr}");
    assert_eq!(stderr, "");
}

// Never lose a word.

/// A draft with something to clean, and what `clean --write` makes of it.
const DRAFT: &str = "She walked home.  Slowly.   \r\n\r\nThe end.\r\n";
const CLEANED: &str = "She walked home. Slowly.\n\nThe end.\n";

/// Run `clean --write` on a fresh copy of [`DRAFT`] with the debug-build
/// failure hook set to `mode`; return the folder, the story and the result.
fn clean_write_failing(mode: &str) -> Option<(tempfile::TempDir, PathBuf, Output)> {
    if !cfg!(debug_assertions) {
        eprintln!("skipped: FICPRESS_FAIL_WRITE is honoured by debug builds only");
        return None;
    }
    let folder = tempfile::tempdir().unwrap();
    let story = folder.path().join("draft.txt");
    std::fs::write(&story, DRAFT).unwrap();
    let output = ficpress()
        .args(["clean", "--write"])
        .arg(&story)
        .env("FICPRESS_FAIL_WRITE", mode)
        .output()
        .unwrap();
    Some((folder, story, output))
}

#[test]
fn a_failed_rewrite_leaves_the_original_and_no_temporary_file() {
    let Some((folder, story, output)) = clean_write_failing("error") else {
        return;
    };
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr_of(&output),
        format!(
            "error: {}: cannot write the output: injected failure (FICPRESS_FAIL_WRITE)\n\
             cleaned 0, skipped 0, failed 1\n",
            story.display()
        )
    );
    assert_eq!(std::fs::read_to_string(&story).unwrap(), DRAFT);
    assert_eq!(files_under(folder.path()), [story]);
}

/// The process dies half-way through writing the temporary file, as with
/// `kill -9` or a crash: the original is untouched, the half-written file is
/// hidden, a folder walk ignores it, and the next run succeeds.
#[test]
fn a_crash_in_the_middle_of_a_rewrite_leaves_the_original() {
    let Some((folder, story, output)) = clean_write_failing("abort") else {
        return;
    };
    assert!(!output.status.success(), "the process must have died");
    assert_eq!(std::fs::read_to_string(&story).unwrap(), DRAFT);
    for path in files_under(folder.path()) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            path == story || name.starts_with(".ficpress-"),
            "unexpected file {name}"
        );
    }

    let output = ficpress()
        .args(["clean", "--write"])
        .arg(folder.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert_eq!(stderr_of(&output), "cleaned 1, skipped 0, failed 0\n");
    assert_eq!(std::fs::read_to_string(&story).unwrap(), CLEANED);
}

/// Real kills at moments spread over a run: the story is always either the
/// old text or the new, never a mix or a truncation.
#[test]
fn killing_a_rewrite_at_any_moment_leaves_old_or_new() {
    let old = DRAFT.repeat(4_000);
    let new = {
        let output = ficpress()
            .args(["clean", "-"])
            .write_stdin(old.clone())
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    assert_ne!(old, new);
    let folder = tempfile::tempdir().unwrap();
    let story = folder.path().join("draft.txt");
    let started = std::time::Instant::now();
    std::fs::write(&story, &old).unwrap();
    let output = ficpress()
        .args(["clean", "--write"])
        .arg(&story)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    let full_run = started.elapsed();
    for step in 0..8u32 {
        std::fs::write(&story, &old).unwrap();
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_ficpress"))
            .args(["clean", "--write", "-q"])
            .arg(&story)
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(full_run * step / 6);
        let _ = child.kill();
        child.wait().unwrap();
        let now = std::fs::read_to_string(&story).unwrap();
        assert!(now == old || now == new, "step {step}: a mixed file");
    }
}

#[test]
fn rewriting_a_file_that_did_not_decode_cleanly_needs_utf8() {
    let folder = tempfile::tempdir().unwrap();
    let story = folder.path().join("draft.txt");
    let original = b"Caf\xc3\xa9 and a broken \xff byte.  Two spaces.\n".to_vec();
    std::fs::write(&story, &original).unwrap();
    for command in [&["clean", "--write"][..], &["check", "--fix"][..]] {
        let output = ficpress().args(command).arg(&story).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{command:?}");
        assert!(
            stderr_of(&output).starts_with(&format!(
                "error: {}: the file is not valid UTF-8 (some bytes could not be decoded)",
                story.display()
            )),
            "{command:?}: {}",
            stderr_of(&output)
        );
        assert_eq!(std::fs::read(&story).unwrap(), original, "{command:?}");
    }
    let output = ficpress()
        .args(["clean", "--write", "--utf8"])
        .arg(&story)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert_eq!(
        std::fs::read_to_string(&story).unwrap(),
        "Café and a broken \u{FFFD} byte. Two spaces.\n"
    );
}

/// Copy `fixtures/` to a temporary folder.
fn copy_of_fixtures() -> tempfile::TempDir {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let copy = tempfile::tempdir().unwrap();
    for file in files_under(&fixtures) {
        let target = copy.path().join(file.strip_prefix(&fixtures).unwrap());
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(&file, &target).unwrap();
    }
    copy
}

#[test]
fn converting_a_folder_into_itself_never_overwrites_an_input() {
    let copy = copy_of_fixtures();
    let before: Vec<(PathBuf, Vec<u8>)> = files_under(copy.path())
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(&path).unwrap();
            (path, bytes)
        })
        .collect();
    for format in ["md", "txt"] {
        let output = ficpress()
            .args(["convert", "--to", format, "-o"])
            .arg(copy.path())
            .arg(copy.path())
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{format}");
        let stderr = stderr_of(&output);
        for line in stderr.lines().filter(|line| line.starts_with("error: ")) {
            assert!(
                line.ends_with("would overwrite an input; choose another output folder"),
                "{format}: {line}"
            );
        }
        // Every input is still exactly as it was.
        for (path, bytes) in &before {
            assert_eq!(&std::fs::read(path).unwrap(), bytes, "{}", path.display());
        }
    }
    // Beside the inputs: a Markdown book for each text story, a text book
    // for each Markdown story.
    assert!(copy.path().join("scene-breaks.md").exists());
    assert!(copy.path().join("markup-in-text.txt").exists());
}

/// Stories whose titles look like paths, device names or nothing at all:
/// books are named after the files, inside the output folder, and valid.
#[test]
fn output_names_never_leave_the_output_folder() {
    let titles = [
        "../../etc/x",
        "/abs/path",
        "CON",
        "NUL.txt",
        ".hidden",
        "",
        &"Long".repeat(75),
        "a/b\\c:d*e?f\"g<h>i|j",
        "..",
    ];
    let root = tempfile::tempdir().unwrap();
    let input = root.path().join("stories");
    std::fs::create_dir(&input).unwrap();
    for (index, title) in titles.iter().enumerate() {
        std::fs::write(
            input.join(format!("story-{index}.txt")),
            format!("Title: {title}\nAuthor: Someone\n\nThe story itself, told at last.\n"),
        )
        .unwrap();
    }
    // File names at the edges: as long as a file system allows, and two
    // that differ only in case.
    let long = "x".repeat(251);
    std::fs::write(input.join(format!("{long}.md")), GOOD).unwrap();
    std::fs::write(input.join(format!("{long}.txt")), GOOD).unwrap();
    std::fs::write(input.join("Case.txt"), GOOD).unwrap();
    std::fs::write(input.join("case.txt"), GOOD).unwrap();
    // A book whose metadata names it after a path.
    let book = input.join("book");
    std::fs::create_dir(&book).unwrap();
    std::fs::write(
        book.join("metadata.json"),
        r#"{"title": "../../../escaped"}"#,
    )
    .unwrap();
    std::fs::write(book.join("chapter-1.txt"), GOOD).unwrap();

    let out = root.path().join("books");
    let output = ficpress()
        .args(["convert", "--to", "epub", "-o"])
        .arg(&out)
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let output = ficpress()
        .args(["convert", "--book", "--to", "epub", "-o"])
        .arg(out.join("book.epub"))
        .arg(&book)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));

    let mut written: Vec<String> = files_under(&out)
        .iter()
        .map(|path| {
            path.strip_prefix(&out)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    written.sort();
    let mut expected: Vec<String> = (0..titles.len())
        .map(|index| format!("story-{index}.epub"))
        .collect();
    expected.extend([
        "Case.epub".to_string(),
        "book/chapter-1.epub".to_string(),
        "book.epub".to_string(),
        "case-2.epub".to_string(),
        format!("{}.epub", "x".repeat(250)),
        format!("{}-2.epub", "x".repeat(248)),
    ]);
    expected.sort();
    assert_eq!(written, expected);
    // Nothing was written anywhere else.
    let mut everything: Vec<PathBuf> = files_under(root.path());
    everything.retain(|path| !path.starts_with(&out) && !path.starts_with(&input));
    assert_eq!(everything, Vec::<PathBuf>::new());
    epubcheck::validate(&files_under(&out));
}
