//! Structure detection measured against hand-labelled stories.
//!
//! `fixtures/structure/*.txt` are realistic stories and excerpts; each has a
//! `.labels` file saying which paragraphs are author's notes, which are
//! flashback text, which lines are markers, headings and chapter headings
//! (format in `fixtures/structure/README.md`). Every paragraph not labelled
//! is story. This test scores detection against the labels (precision and
//! recall for notes and flashbacks must stay at or above 0.95) and keeps
//! each fixture's detected structure as a reviewed JSON snapshot.

use std::path::{Path, PathBuf};

use ficpress::{Block, ReadOptions, Story};

/// Minimum precision and recall for notes and for flashbacks.
const BAR: f64 = 0.95;

fn structure_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/structure")
}

/// A labelled fixture.
struct Fixture {
    name: String,
    story: Story,
    labels: Vec<(String, String)>,
}

fn fixtures() -> Vec<Fixture> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(structure_dir())
        .expect("fixtures/structure exists")
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            let bytes = std::fs::read(&path).unwrap();
            let options = ReadOptions {
                fallback_title: Some(name.clone()),
                ..ReadOptions::default()
            };
            let story = ficpress::read_story(&bytes, &options).unwrap().story;
            let labels = std::fs::read_to_string(path.with_extension("labels"))
                .unwrap_or_else(|_| panic!("{name} has no .labels file"))
                .lines()
                .map(str::trim)
                .filter(|line| !line.is_empty() && !line.starts_with('#'))
                .map(|line| {
                    let (kind, text) = line
                        .split_once(':')
                        .unwrap_or_else(|| panic!("{name}: bad label {line:?}"));
                    (kind.trim().to_string(), collapse(text.trim()))
                })
                .collect();
            Fixture {
                name,
                story,
                labels,
            }
        })
        .collect()
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A paragraph of the detected story with where it sits.
struct Placed {
    text: String,
    in_note: bool,
    in_flashback: bool,
}

fn placed(story: &Story) -> Vec<Placed> {
    fn walk(blocks: &[Block], in_note: bool, in_flashback: bool, out: &mut Vec<Placed>) {
        for block in blocks {
            match block {
                Block::Paragraph { text } => out.push(Placed {
                    text: collapse(text),
                    in_note,
                    in_flashback,
                }),
                Block::AuthorNote { blocks } => walk(blocks, true, in_flashback, out),
                Block::Flashback { blocks, .. } => walk(blocks, in_note, true, out),
                Block::SceneBreak { .. } | Block::Heading { .. } => {}
            }
        }
    }
    let mut out = Vec::new();
    for chapter in &story.chapters {
        walk(&chapter.blocks, false, false, &mut out);
    }
    out
}

fn headings(story: &Story) -> Vec<String> {
    fn walk(blocks: &[Block], out: &mut Vec<String>) {
        for block in blocks {
            match block {
                Block::Heading { text, .. } => out.push(text.clone()),
                Block::AuthorNote { blocks } | Block::Flashback { blocks, .. } => walk(blocks, out),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    for chapter in &story.chapters {
        walk(&chapter.blocks, &mut out);
    }
    out
}

#[derive(Default, Debug)]
struct Score {
    true_positives: usize,
    false_positives: usize,
    false_negatives: usize,
}

impl Score {
    fn precision(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_positives,
        )
    }
    fn recall(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_negatives,
        )
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// Score one kind of container: truth is the labelled paragraphs, a
/// prediction is a paragraph inside such a container.
fn score(
    fixture: &Fixture,
    paragraphs: &[Placed],
    kinds: &[&str],
    inside: impl Fn(&Placed) -> bool,
    mistakes: &mut Vec<String>,
) -> Score {
    let mut score = Score::default();
    let mut matched = vec![false; paragraphs.len()];
    for (kind, text) in fixture
        .labels
        .iter()
        .filter(|(kind, _)| kinds.contains(&kind.as_str()))
    {
        let exact = kind == "inline-note";
        let found = paragraphs.iter().enumerate().find(|(i, p)| {
            !matched[*i]
                && inside(p)
                && if exact {
                    p.text == *text
                } else {
                    p.text.starts_with(text.as_str())
                }
        });
        match found {
            Some((i, _)) => {
                matched[i] = true;
                score.true_positives += 1;
            }
            None => {
                score.false_negatives += 1;
                mistakes.push(format!("{}: missed {kind}: {text}", fixture.name));
            }
        }
    }
    for (i, paragraph) in paragraphs.iter().enumerate() {
        if inside(paragraph) && !matched[i] {
            score.false_positives += 1;
            let excerpt: String = paragraph.text.chars().take(70).collect();
            mistakes.push(format!(
                "{}: wrongly in {}: {excerpt}",
                fixture.name, kinds[0]
            ));
        }
    }
    score
}

#[test]
fn notes_and_flashbacks_meet_the_precision_and_recall_bar() {
    let fixtures = fixtures();
    assert!(
        fixtures.len() >= 40,
        "expected at least 40 labelled fixtures, found {}",
        fixtures.len()
    );
    let (mut notes, mut flashbacks) = (Score::default(), Score::default());
    let mut mistakes = Vec::new();
    for fixture in &fixtures {
        let paragraphs = placed(&fixture.story);
        let n = score(
            fixture,
            &paragraphs,
            &["note", "inline-note"],
            |p| p.in_note,
            &mut mistakes,
        );
        let f = score(
            fixture,
            &paragraphs,
            &["flashback"],
            |p| p.in_flashback && !p.in_note,
            &mut mistakes,
        );
        for (total, part) in [(&mut notes, n), (&mut flashbacks, f)] {
            total.true_positives += part.true_positives;
            total.false_positives += part.false_positives;
            total.false_negatives += part.false_negatives;
        }
    }
    let report = format!(
        "notes: precision {:.3} recall {:.3} ({notes:?})\nflashbacks: precision {:.3} recall {:.3} ({flashbacks:?})\n{}",
        notes.precision(),
        notes.recall(),
        flashbacks.precision(),
        flashbacks.recall(),
        mistakes.join("\n")
    );
    eprintln!("{report}");
    for value in [
        notes.precision(),
        notes.recall(),
        flashbacks.precision(),
        flashbacks.recall(),
    ] {
        assert!(value >= BAR, "below {BAR}:\n{report}");
    }
}

#[test]
fn markers_headings_chapters_and_metadata_are_recognised() {
    let mut mistakes = Vec::new();
    let mut checked = 0;
    for fixture in fixtures() {
        let paragraphs = placed(&fixture.story);
        let headings = headings(&fixture.story);
        let chapters: Vec<String> = fixture
            .story
            .chapters
            .iter()
            .filter_map(|c| c.title.clone())
            .collect();
        for (kind, text) in &fixture.labels {
            checked += 1;
            let printed_as_story = paragraphs.iter().any(|p| p.text.starts_with(text.as_str()));
            let ok = match kind.as_str() {
                "marker" | "header" => !printed_as_story,
                "heading" => {
                    !printed_as_story && headings.iter().any(|h| text.contains(h.as_str()))
                }
                "chapter" => chapters.iter().any(|c| text.contains(c.as_str())),
                "title" => fixture.story.title.as_deref() == Some(text.as_str()),
                "author" => fixture.story.author.as_deref() == Some(text.as_str()),
                _ => {
                    checked -= 1;
                    true
                }
            };
            if !ok {
                mistakes.push(format!("{}: {kind}: {text}", fixture.name));
            }
        }
    }
    let accuracy = ratio(checked - mistakes.len(), checked);
    eprintln!(
        "markers, headings, chapters and metadata: {accuracy:.3} over {checked} labels\n{}",
        mistakes.join("\n")
    );
    assert!(
        checked > 80,
        "expected many labelled markers, found {checked}"
    );
    assert!(
        accuracy >= BAR,
        "accuracy {accuracy:.3} over {checked} labels:\n{}",
        mistakes.join("\n")
    );
}

#[test]
fn every_fixture_structure_matches_its_reviewed_snapshot() {
    for fixture in fixtures() {
        let json = serde_json::to_string_pretty(&fixture.story).unwrap();
        insta::assert_snapshot!(format!("structure_{}", fixture.name), json);
    }
}
