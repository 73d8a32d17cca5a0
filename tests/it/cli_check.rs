//! `ficpress check` in every output format, `--fix`, `--diff`, `ficpress
//! rules`, and `ficpress.toml`.

use crate::common::{ficpress, stderr_of};

/// A draft with one trailing-whitespace problem on line 2, in a folder of
/// its own (so no ficpress.toml above it is found by accident).
fn draft() -> (tempfile::TempDir, std::path::PathBuf) {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("draft.txt");
    std::fs::write(
        &path,
        "First line is fine.\n\nSecond line ends in spaces.   \n",
    )
    .unwrap();
    (folder, path)
}

fn check(args: &[&str], path: &std::path::Path) -> (Option<i32>, String) {
    let output = ficpress()
        .arg("check")
        .args(args)
        .arg(path)
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    (
        output.status.code(),
        stdout.replace(&path.display().to_string(), "draft.txt"),
    )
}

#[test]
fn every_format_reports_the_finding() {
    let (_folder, path) = draft();
    let (code, full) = check(&["-q"], &path);
    assert_eq!(code, Some(1));
    insta::assert_snapshot!("check_full", full);
    let (_, concise) = check(&["-q", "--format", "concise"], &path);
    assert_eq!(concise, "draft.txt:3:28: S001 trailing whitespace\n");
    let (_, json) = check(&["-q", "--format", "json"], &path);
    let record: serde_json::Value = serde_json::from_str(json.trim()).unwrap();
    assert_eq!(record["code"], "S001");
    assert_eq!(record["severity"], "warning");
    assert_eq!(record["fix"], "safe");
    assert_eq!(
        (
            record["line"].as_u64(),
            record["column"].as_u64(),
            record["end_column"].as_u64()
        ),
        (Some(3), Some(28), Some(31))
    );
    let (_, github) = check(&["-q", "--format", "github"], &path);
    assert_eq!(
        github,
        "::warning file=draft.txt,line=3,col=28,endLine=3,endColumn=31,title=S001::trailing whitespace\n"
    );
    let (_, sarif) = check(&["-q", "--format", "sarif"], &path);
    let log: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let result = &log["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "S001");
    assert_eq!(
        result["locations"][0]["physicalLocation"]["region"]["startLine"],
        3
    );
    assert!(
        !log["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[test]
fn fix_rewrites_in_place_and_diff_only_shows() {
    let (_folder, path) = draft();
    let (code, diff) = check(&["-q", "--diff"], &path);
    assert_eq!(code, Some(1));
    assert!(
        diff.contains("-Second line ends in spaces.   \n+Second line ends in spaces.\n"),
        "{diff}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "First line is fine.\n\nSecond line ends in spaces.   \n"
    );

    let (code, out) = check(&["-q", "--fix"], &path);
    assert_eq!(code, Some(0), "{out}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "First line is fine.\n\nSecond line ends in spaces.\n"
    );
    let (code, _) = check(&["-q"], &path);
    assert_eq!(code, Some(0));
}

#[test]
fn config_selects_and_ignores_rules() {
    let (folder, path) = draft();
    std::fs::write(
        folder.path().join("ficpress.toml"),
        "[rules]\nignore = [\"S001\"]\n",
    )
    .unwrap();
    let (code, out) = check(&["-q", "--format", "concise"], &path);
    assert_eq!((code, out.as_str()), (Some(0), ""));
    std::fs::write(
        folder.path().join("ficpress.toml"),
        "[rules]\nselect = [\"Z\"]\n",
    )
    .unwrap();
    let output = ficpress().arg("check").arg(&path).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr_of(&output).contains("no rule has a code starting with `Z`"));
}

#[test]
fn rules_lists_every_rule_and_documents_one() {
    let output = ficpress().arg("rules").output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let list = String::from_utf8(output.stdout).unwrap();
    assert!(
        list.lines()
            .any(|line| line.starts_with("S001  trailing-whitespace")),
        "{list}"
    );
    assert_eq!(list.lines().count(), ficpress::rules::all().len());

    let output = ficpress().args(["rules", "s001"]).output().unwrap();
    let doc = String::from_utf8(output.stdout).unwrap();
    assert!(doc.starts_with("S001 trailing-whitespace\n"), "{doc}");
    assert!(doc.contains("## Fix safety"));

    let output = ficpress().args(["rules", "X999"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
}
