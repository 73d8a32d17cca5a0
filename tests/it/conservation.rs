//! No word is lost in conversion.
//!
//! For every fixture and every text file of `../shared/corpus`: every word
//! of the (decoded) input appears in the `--notes keep` text output, at least
//! as often; and every word outside the detected author's notes appears in
//! the `--notes remove` output. Words are runs of letters and digits, so
//! re-flowed lines, decoration stripped from markers and typographic
//! changes do not count as losses, but a dropped paragraph does. Divider
//! lines (`o-O-o`) are not words: a book draws its own ornament.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use ficpress::{Block, Format, NotesMode, ReadOptions, RenderOptions, Story};
use rayon::prelude::*;

/// Header blocks sit in the first lines of a file.
const HEADER_LINES: usize = 30;

/// `xXx`, `oOo`: beads decorating a marker line, not words.
fn is_bead(word: &str) -> bool {
    word.len() >= 3
        && word.chars().all(|c| matches!(c, 'o' | 'O' | 'x' | 'X'))
        && word.chars().any(char::is_uppercase)
        && word.chars().any(char::is_lowercase)
}

fn words(text: &str) -> HashMap<&str, usize> {
    let mut counts = HashMap::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        *counts.entry(word).or_insert(0) += 1;
    }
    counts
}

fn note_text(story: &Story) -> String {
    fn walk(blocks: &[Block], in_note: bool, out: &mut String) {
        for block in blocks {
            match block {
                Block::Paragraph { text } | Block::Heading { text, .. } if in_note => {
                    out.push_str(text);
                    out.push('\n');
                }
                Block::AuthorNote { blocks } => walk(blocks, true, out),
                Block::Flashback { blocks, .. } => walk(blocks, in_note, out),
                _ => {}
            }
        }
    }
    let mut out = String::new();
    for chapter in &story.chapters {
        walk(&chapter.blocks, false, &mut out);
    }
    out
}

fn text_output(story: &Story, mode: NotesMode) -> String {
    let mut story = story.clone();
    ficpress::structure::arrange_notes(&mut story, mode);
    let mut out = Vec::new();
    ficpress::render(&story, Format::Text, &RenderOptions::default(), &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// Words of `expected` missing from `actual` (respecting counts).
fn missing<'a>(expected: &HashMap<&'a str, usize>, actual: &HashMap<&str, usize>) -> Vec<&'a str> {
    let mut out: Vec<&str> = expected
        .iter()
        .filter(|(word, count)| actual.get(*word).copied().unwrap_or(0) < **count)
        .map(|(word, _)| *word)
        .collect();
    out.sort_unstable();
    out
}

/// Check one file; an error names the lost words.
fn conserve(path: &Path) -> Result<(), String> {
    let bytes = std::fs::read(path).unwrap();
    conserve_bytes(&path.display().to_string(), &bytes)
}

/// Check one input (the property tests generate theirs); an error, starting
/// with `name`, names the lost words.
pub fn conserve_bytes(name: &str, bytes: &[u8]) -> Result<(), String> {
    let document =
        ficpress::read_story(bytes, &ReadOptions::default()).map_err(|e| e.to_string())?;
    // Divider lines (`o-O-o`) are decoration; books draw their own. Header
    // field labels (`Title:`) become metadata; their values stay.
    let story_lines: String = document
        .decoded
        .text
        .lines()
        .enumerate()
        .filter(|(_, line)| !ficpress::split::scene_break::is_scene_break(line))
        .map(
            |(number, line)| match ficpress::structure::header::field_label(line) {
                Some(label) if number < HEADER_LINES => line.replacen(label, "", 1),
                _ => line.to_string(),
            },
        )
        .collect::<Vec<_>>()
        .join("\n");
    let mut input = words(&story_lines);
    input.retain(|word, _| !is_bead(word));
    let kept = text_output(&document.story, NotesMode::Keep);
    let lost = missing(&input, &words(&kept));
    if !lost.is_empty() {
        return Err(format!(
            "{name}: --notes keep lost {:?}",
            &lost[..lost.len().min(20)]
        ));
    }
    let notes = note_text(&document.story);
    let mut outside_notes = input.clone();
    for (word, count) in words(&notes) {
        if let Some(left) = outside_notes.get_mut(word) {
            *left = left.saturating_sub(count);
        }
    }
    let removed = text_output(&document.story, NotesMode::Remove);
    let lost = missing(&outside_notes, &words(&removed));
    if !lost.is_empty() {
        return Err(format!(
            "{name}: --notes remove lost {:?}",
            &lost[..lost.len().min(20)]
        ));
    }
    Ok(())
}

/// The text files under `dir` (stories, and the corpus's CSV, SRT and HTML).
fn texts_under(dir: &Path) -> Vec<PathBuf> {
    let mut paths = crate::common::files_under(dir);
    paths.retain(|path| {
        path.extension().is_some_and(|ext| {
            ["txt", "md", "csv", "srt", "html"].contains(&ext.to_str().unwrap_or(""))
        })
    });
    paths
}

fn check_all(paths: &[PathBuf]) {
    let failures: Vec<String> = paths
        .par_iter()
        .filter_map(|path| conserve(path).err())
        .collect();
    assert!(
        failures.is_empty(),
        "{} files lost words:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn fixtures_lose_no_words() {
    let mut paths = texts_under(&Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"));
    paths.retain(|path| !path.ends_with("README.md"));
    assert!(paths.len() > 40);
    check_all(&paths);
}

#[test]
fn corpus_loses_no_words() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !dir.is_dir() {
        eprintln!(
            "skipped: corpus not found at {} (it lives beside the repository)",
            dir.display()
        );
        return;
    }
    let mut paths = texts_under(&dir);
    paths.retain(|path| !path.ends_with("PROVENANCE.md"));
    check_all(&paths);
}
