//! The command line: exit codes, standard input and output, batches with bad
//! files, error messages.

use crate::common::{ficpress, files_under, fixture, stderr_of, stdout_of};

#[test]
fn help_lists_commands_and_exit_codes() {
    let output = ficpress().arg("--help").output().unwrap();
    assert!(output.status.success());
    insta::assert_snapshot!("help", stdout_of(&output));
}

#[test]
fn convert_help_documents_every_option() {
    let output = ficpress().args(["convert", "--help"]).output().unwrap();
    assert!(output.status.success());
    insta::assert_snapshot!("convert_help", stdout_of(&output));
}

#[test]
fn convert_reads_stdin_and_writes_stdout() {
    let output = ficpress()
        .args(["convert", "-", "--to", "md", "-o", "-"])
        .write_stdin("Hello *there*.\r\n\r\no-O-o\r\n\r\n# Not a heading? No: a heading.\r\n- not a list\r\n")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert_eq!(
        stdout_of(&output),
        "Hello *there*.\n\n* * *\n\n## Not a heading? No: a heading.\n\n\\- not a list\n"
    );
}

#[test]
fn convert_folder_writes_one_book_per_story_and_mirrors_folders() {
    let out = tempfile::tempdir().unwrap();
    let output = ficpress()
        .args(["convert", &fixture("layouts"), "--to", "json", "-o"])
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let mut names: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "blank-lines-crlf.json",
            "hard-wrapped.json",
            "indented-wrapped.json",
            "tab-indented-lines.json"
        ]
    );
    assert_eq!(stderr_of(&output), "converted 4, skipped 0, failed 0\n");
}

#[test]
fn a_batch_writes_the_same_books_on_one_thread_or_many() {
    let books = |threads: &str| {
        let out = tempfile::tempdir().unwrap();
        let output = ficpress()
            .args([
                "-q",
                "-j",
                threads,
                "convert",
                &fixture(""),
                "--to",
                "epub",
                "-o",
            ])
            .arg(out.path())
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
        let files: Vec<(std::path::PathBuf, Vec<u8>)> = files_under(out.path())
            .into_iter()
            .map(|path| {
                let bytes = std::fs::read(&path).unwrap();
                (path.strip_prefix(out.path()).unwrap().to_path_buf(), bytes)
            })
            .collect();
        assert!(files.len() > 50, "{} books", files.len());
        files
    };
    assert!(
        books("1") == books("7"),
        "1 and 7 threads wrote different books"
    );
}

#[test]
fn a_bad_file_fails_alone_and_the_batch_goes_on() {
    let input = tempfile::tempdir().unwrap();
    std::fs::write(input.path().join("a-good.txt"), "A story.\n").unwrap();
    // A PNG saved with a .txt name, as happens when downloads are renamed.
    std::fs::write(
        input.path().join("b-cover.txt"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01",
    )
    .unwrap();
    std::fs::write(input.path().join("c-good.md"), "Another story.\n").unwrap();
    std::fs::write(input.path().join("notes.html"), "<p>skipped</p>").unwrap();
    // A link to a story that was deleted: unreadable even for root.
    std::os::unix::fs::symlink(
        input.path().join("gone.txt"),
        input.path().join("d-deleted.txt"),
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = ficpress()
        .args(["convert", "--to", "txt", "-o"])
        .arg(out.path())
        .arg(input.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    // Errors come in input order, each naming the file and the cause.
    assert_eq!(
        stderr_of(&output),
        format!(
            "error: {}: this looks like a PNG image, not a text file; ficpress reads plain-text stories\n\
             error: {}: no such file or directory\n\
             converted 2, skipped 1, failed 2\n",
            input.path().join("b-cover.txt").display(),
            input.path().join("d-deleted.txt").display()
        )
    );
    assert!(out.path().join("a-good.txt").exists());
    assert!(out.path().join("c-good.txt").exists());
}

#[test]
fn unreadable_file_is_reported_with_its_cause() {
    use std::os::unix::fs::PermissionsExt;
    let input = tempfile::tempdir().unwrap();
    let secret = input.path().join("secret.txt");
    std::fs::write(&secret, "Hidden.\n").unwrap();
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&secret).is_ok() {
        eprintln!("skipped: running as root, so file permissions are not enforced");
        return;
    }
    let output = ficpress().args(["check"]).arg(&secret).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr_of(&output).contains("permission denied"),
        "{}",
        stderr_of(&output)
    );
}

#[test]
fn missing_input_is_an_error_naming_the_path() {
    let output = ficpress()
        .args(["convert", "no/such/story.txt", "--to", "txt", "-o", "-"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr_of(&output).contains("error: no/such/story.txt: no such file or directory"),
        "{}",
        stderr_of(&output)
    );
}

#[test]
fn unknown_encoding_label_is_a_usage_error() {
    let output = ficpress()
        .args([
            "convert",
            &fixture("scene-breaks.txt"),
            "--to",
            "txt",
            "-o",
            "-",
            "--encoding",
            "klingon-8",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr_of(&output),
        "error: unknown encoding `klingon-8`: use a WHATWG label such as utf-8, windows-1252, iso-8859-1, utf-16le or shift_jis\n"
    );
    assert!(output.stdout.is_empty());
}

#[test]
fn forced_encoding_is_used() {
    let output = ficpress()
        .args(["clean", "-", "--encoding", "windows-1252"])
        .write_stdin(b"\x93Hi,\x94 she said\x85\n".as_slice())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout_of(&output), "\u{201c}Hi,\u{201d} she said\u{2026}\n");
}

#[test]
fn check_reports_findings_with_positions_and_exit_1() {
    let input = tempfile::tempdir().unwrap();
    let story = input.path().join("draft.txt");
    std::fs::write(&story, "Fine line.\nTrailing.  \nTwo  spaces.\r\n").unwrap();
    let output = ficpress()
        .args(["check", "--format", "concise"])
        .arg(&story)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let path = story.display();
    assert_eq!(
        stdout_of(&output),
        format!(
            "{path}:2:10: S001 trailing whitespace\n{path}:3:1: E003 1 CRLF line ending normalised to LF\n{path}:3:4: S002 2 spaces in a row\n"
        )
    );
}

#[test]
fn check_is_quiet_and_exits_0_on_clean_text() {
    let output = ficpress()
        .args(["check", "-q", "-"])
        .write_stdin("All good.\n\nReally.\n")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stdout.is_empty() && output.stderr.is_empty());
}

#[test]
fn clean_check_exits_1_when_something_would_change() {
    let output = ficpress()
        .args(["clean", "--check", "-"])
        .write_stdin("Messy   text.  \n")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout_of(&output), "would clean <stdin>\n");
    let output = ficpress()
        .args(["clean", "--check", "-"])
        .write_stdin("Tidy text.\n")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn clean_diff_shows_the_change() {
    let output = ficpress()
        .args(["clean", "--diff", "-q", "-"])
        .write_stdin("One.\nTwo  words.\n")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    insta::assert_snapshot!("clean_diff", stdout_of(&output));
}

#[test]
fn clean_write_rewrites_atomically_in_the_original_encoding() {
    let folder = tempfile::tempdir().unwrap();
    let story = folder.path().join("draft.txt");
    std::fs::write(
        &story,
        b"\x93Caf\xe9,\x94  she said.   \r\n\r\nHe nodded.\r\n\r\nThey left.\r\n\r\n\r\n\r\nNext scene.\r\n",
    )
    .unwrap();
    let output = ficpress()
        .args(["clean", "--write", "-q"])
        .arg(&story)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert_eq!(
        std::fs::read(&story).unwrap(),
        b"\x93Caf\xe9,\x94 she said.\n\nHe nodded.\n\nThey left.\n\n* * *\n\nNext scene.\n"
    );
    // Only the story is left in the folder: no temporary files.
    assert_eq!(std::fs::read_dir(folder.path()).unwrap().count(), 1);

    let output = ficpress()
        .args(["clean", "--write", "--utf8", "-q"])
        .arg(&story)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(&story).unwrap(),
        "\u{201c}Café,\u{201d} she said.\n\nHe nodded.\n\nThey left.\n\n* * *\n\nNext scene.\n"
    );
}

#[test]
fn one_file_name_for_many_inputs_is_refused() {
    let output = ficpress()
        .args([
            "convert",
            &fixture("layouts"),
            "--to",
            "epub",
            "-o",
            "book.epub",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr_of(&output),
        "error: -o book.epub names one file, but there are several inputs; give a folder instead\n"
    );
}

#[test]
fn convert_refuses_to_overwrite_inputs() {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("story.md"), "Original.\n").unwrap();
    let output = ficpress()
        .args(["convert", "--to", "md", "-o"])
        .arg(folder.path())
        .arg(folder.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr_of(&output).contains("would overwrite an input"),
        "{}",
        stderr_of(&output)
    );
    assert_eq!(
        std::fs::read_to_string(folder.path().join("story.md")).unwrap(),
        "Original.\n"
    );
}

#[test]
fn epub_to_a_single_file_is_valid() {
    let folder = tempfile::tempdir().unwrap();
    let book = folder.path().join("book.epub");
    let output = ficpress()
        .args([
            "convert",
            &fixture("000_a68fc49fc31abeed.txt"),
            "--to",
            "epub",
            "-o",
        ])
        .arg(&book)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    crate::epubcheck::validate(&[book]);
}

#[test]
fn closed_stdout_exits_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    let big = "A paragraph that repeats.\n\n".repeat(200_000);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_ficpress"))
        .args(["clean", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        let _ = stdin.write_all(big.as_bytes());
    });
    let mut first = [0u8; 10];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stderr.is_empty(), "{}", stderr_of(&output));
}
