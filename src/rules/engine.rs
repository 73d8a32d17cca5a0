//! The engine: runs the rules over a document's paragraphs and applies their
//! fixes.
//!
//! Rules see paragraphs exactly as they are in the decoded text (the
//! splitter's [`spans`](crate::split::Split::spans)), so every diagnostic
//! points at a real line and column, and every fix is an edit of the text
//! itself. The engine owns the guards every rule respects:
//!
//! * word rules ([`Scope::Words`]) skip author's notes, marker lines,
//!   headings and inline `(A/N: ...)` notes;
//! * `word [sic]` and a `<!-- ficpress: ignore CODE -->` comment in or just
//!   before a paragraph silence rules there;
//! * `select`/`ignore` in the options choose rules by code or prefix.
//!
//! [`fix`] applies the non-overlapping fixes of one pass, then runs the
//! rules again on the result, until nothing changes: fixing is idempotent.
//!
//! Text is expected as [`crate::decode`] leaves it: line breaks are `\n`
//! alone (no rule treats `\r` as a line end).

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::{Applicability, Diagnostic, Edit, Paragraph, Rule, Scope, Vocabulary};
use crate::model::Block;
use crate::split::{self, Split};
use crate::structure::{chapters, markers, notes};

/// How an ellipsis is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Style {
    /// Leave the author's choice alone.
    #[default]
    Keep,
    /// Three full stops: `...`, `--`.
    Ascii,
    /// The typographic character: `…`, `—`.
    Typographic,
}

/// Rule choices: which rules run and the style options they follow.
#[derive(Debug, Clone, Default)]
pub struct RuleOptions {
    /// Run only rules whose code starts with one of these (empty: all).
    pub select: Vec<String>,
    /// Never run rules whose code starts with one of these.
    pub ignore: Vec<String>,
    /// Straight quotes become typographic quotes and apostrophes.
    pub typographic_quotes: bool,
    /// How ellipses are written.
    pub ellipsis: Style,
    /// How `--` dashes are written.
    pub dash: Style,
}

impl RuleOptions {
    /// Whether the rule with `code` runs.
    pub fn enabled(&self, code: &str) -> bool {
        let matches = |prefixes: &[String]| prefixes.iter().any(|p| code.starts_with(p.as_str()));
        (self.select.is_empty() || matches(&self.select)) && !matches(&self.ignore)
    }
}

/// The most passes [`fix`] makes; each pass fixes everything that does not
/// overlap, so real text settles in two or three.
const MAX_PASSES: usize = 10;

static IGNORE_COMMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<!--\s*ficpress:\s*ignore\b([^>]*)-->").expect("valid ignore comment pattern")
});

/// All diagnostics for a document, with ranges into `text`, in text order.
pub fn check(text: &str, options: &RuleOptions, vocabulary: &Vocabulary) -> Vec<Diagnostic> {
    check_split(text, &split::split(text), options, vocabulary)
}

/// [`check`] of `text`, whose split is `split`.
pub fn check_split(
    text: &str,
    split: &Split,
    options: &RuleOptions,
    vocabulary: &Vocabulary,
) -> Vec<Diagnostic> {
    let rules = enabled(options);
    let mut out = Vec::new();
    for paragraph in paragraphs(text, split) {
        let source = &text[paragraph.span.clone()];
        for mut diagnostic in check_paragraph(source, &paragraph, &rules, options, vocabulary) {
            shift(&mut diagnostic, paragraph.span.start);
            out.push(diagnostic);
        }
    }
    out.sort_by(|a, b| (a.range.start, a.code).cmp(&(b.range.start, b.code)));
    out
}

/// The result of fixing a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    pub text: String,
    /// How many fixes were applied, over all passes.
    pub applied: usize,
}

/// Apply every fix up to `allowed` applicability, pass after pass, until
/// the rules find nothing more to fix.
///
/// Rules see one paragraph at a time and their edits stay inside it, so each
/// paragraph is fixed on its own until it settles: a clean paragraph is
/// checked once, and the document is split and its notes found only once.
pub fn fix(
    text: &str,
    options: &RuleOptions,
    vocabulary: &Vocabulary,
    allowed: Applicability,
) -> Fixed {
    fix_where(
        text,
        split::split(text),
        options,
        vocabulary,
        allowed,
        |_| true,
    )
    .0
}

/// A paragraph fixing changed: its range in the text before and in the
/// fixed text.
pub type Changed = (Range<usize>, Range<usize>);

/// [`fix`] of `text`, whose split is `split`, but only the paragraphs for
/// which `wanted` (given the paragraph's text) says yes; the others are
/// copied as they are. Also returns the paragraphs that changed, in order,
/// and the split of the fixed text (made from `split`, see
/// [`Split::patched`], so the reader need not split it again).
pub fn fix_where(
    text: &str,
    split: Split,
    options: &RuleOptions,
    vocabulary: &Vocabulary,
    allowed: Applicability,
    wanted: impl Fn(&str) -> bool,
) -> (Fixed, Vec<Changed>, Split) {
    let rules = enabled(options);
    let mut out = String::with_capacity(text.len() + text.len() / 64);
    let mut copied = 0;
    let mut applied = 0;
    let mut changed = Vec::new();
    for paragraph in paragraphs(text, &split) {
        if !wanted(&text[paragraph.span.clone()]) {
            continue;
        }
        let mut current = std::borrow::Cow::Borrowed(&text[paragraph.span.clone()]);
        for _ in 0..MAX_PASSES {
            let diagnostics = check_paragraph(&current, &paragraph, &rules, options, vocabulary);
            let edits = non_overlapping(diagnostics, allowed, &mut applied);
            if edits.is_empty() {
                break;
            }
            current = std::borrow::Cow::Owned(apply(&current, edits));
        }
        if let std::borrow::Cow::Owned(fixed) = current {
            out.push_str(&text[copied..paragraph.span.start]);
            let start = out.len();
            out.push_str(&fixed);
            changed.push((paragraph.span.clone(), start..out.len()));
            copied = paragraph.span.end;
        }
    }
    out.push_str(&text[copied..]);
    let split = split.patched(&out, &changed);
    (Fixed { text: out, applied }, changed, split)
}

/// A rule `options` select, and whether it is a word rule (asked once, not
/// per paragraph).
struct Enabled {
    rule: &'static dyn Rule,
    words: bool,
}

/// The rules `options` select, in code order.
fn enabled(options: &RuleOptions) -> Vec<Enabled> {
    super::all()
        .into_iter()
        .filter(|rule| options.enabled(rule.meta().code))
        .map(|rule| Enabled {
            rule,
            words: rule.meta().scope == Scope::Words,
        })
        .collect()
}

/// A paragraph of the document and what the engine knows about its place.
struct Place {
    /// Where it is in the text.
    span: Range<usize>,
    /// Part of an author's note.
    in_note: bool,
    /// A marker line or heading (word rules keep out).
    marker: bool,
    /// Codes an ignore comment silences here (`Some(empty)`: every rule).
    ignored: Option<Vec<String>>,
}

/// The paragraphs rules run on, in order, from the split of `text`. A
/// paragraph that is only an ignore comment is not one: it silences the
/// paragraph below it.
fn paragraphs(text: &str, split: &Split) -> Vec<Place> {
    let in_note = notes::note_flags(&split.blocks);
    let mut places = Vec::new();
    let mut ignored_by_previous: Option<Vec<String>> = None;
    // Where each `<!--` starts: at a `<`, which prose seldom holds.
    let bytes = text.as_bytes();
    let mut comment_starts = memchr::memchr_iter(b'<', bytes)
        .filter(|&at| bytes[at..].starts_with(b"<!--"))
        .peekable();
    for (index, (block, span)) in split
        .blocks
        .iter()
        .zip(split.spans.iter().cloned())
        .enumerate()
    {
        let Block::Paragraph { text: joined } = block else {
            ignored_by_previous = None;
            continue;
        };
        let source = &text[span.clone()];
        // Only a paragraph holding a `<!--` can hold a comment. Paragraphs
        // come in text order, so one search of the whole text finds where
        // each `<!--` is, rather than a search of every paragraph.
        while comment_starts.next_if(|&at| at < span.start).is_some() {}
        let opens_comment = comment_starts
            .peek()
            .is_some_and(|&at| at + "<!--".len() <= span.end);
        let comment = opens_comment.then(|| ignore_comment(source)).flatten();
        if comment.is_some() && source.trim().starts_with("<!--") && source.trim().ends_with("-->")
        {
            ignored_by_previous = comment;
            continue;
        }
        places.push(Place {
            span,
            in_note: in_note[index],
            marker: markers::classify(joined).is_some() || chapters::heading(block).is_some(),
            ignored: comment.or(ignored_by_previous.take()),
        });
    }
    places
}

/// Every rule's diagnostics for one paragraph, ranges relative to `source`,
/// with the engine's guards applied.
fn check_paragraph(
    source: &str,
    place: &Place,
    rules: &[Enabled],
    options: &RuleOptions,
    vocabulary: &Vocabulary,
) -> Vec<Diagnostic> {
    let paragraph = Paragraph::new(source, place.in_note, vocabulary, options);
    let protected = protected_ranges(source);
    let mut found = Vec::new();
    for &Enabled {
        rule,
        words: words_rule,
    } in rules
    {
        if words_rule && (place.in_note || place.marker) {
            continue;
        }
        let before = found.len();
        rule.check(&paragraph, &mut found);
        if words_rule && !protected.is_empty() {
            let mut kept = found.split_off(before);
            kept.retain(|d| !protected.iter().any(|p| overlaps(&d.range, p)));
            found.extend(kept);
        }
    }
    found.retain(|diagnostic| {
        !is_sic(source, &diagnostic.range)
            && !place.ignored.as_ref().is_some_and(|codes| {
                codes.is_empty()
                    || codes
                        .iter()
                        .any(|c| diagnostic.code.starts_with(c.as_str()))
            })
    });
    found
}

/// The edits of every fix that touches no text another accepted fix touches.
/// Fixes are taken in the order given, so the first of two clashing fixes
/// wins.
fn non_overlapping(
    diagnostics: Vec<Diagnostic>,
    allowed: Applicability,
    applied: &mut usize,
) -> Vec<Edit> {
    // Accepted edits by (start, end). They never overlap one another, so
    // sorted by start their ends rise too, and only the last few before an
    // edit's end can clash with it: checking stays logarithmic per edit on a
    // paragraph with a hundred thousand fixes.
    let mut accepted: std::collections::BTreeMap<(usize, usize), Edit> = Default::default();
    for fix in diagnostics.into_iter().filter_map(|d| d.fix) {
        if fix.applicability > allowed || fix.edits.is_empty() {
            continue;
        }
        let clashes = fix.edits.iter().any(|edit| {
            let range = &edit.range;
            accepted
                .range(..=(range.end, usize::MAX))
                .rev()
                .take_while(|((_, end), _)| *end >= range.start)
                .any(|(_, taken)| conflicts(range, &taken.range))
        });
        let own_clash = fix
            .edits
            .iter()
            .enumerate()
            .any(|(i, a)| fix.edits[..i].iter().any(|b| conflicts(&a.range, &b.range)));
        if !clashes && !own_clash {
            for edit in fix.edits {
                accepted.insert((edit.range.start, edit.range.end), edit);
            }
            *applied += 1;
        }
    }
    accepted.into_values().collect()
}

fn apply(text: &str, edits: Vec<Edit>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for edit in edits {
        // Edits from rules are on char boundaries; skip any that are not,
        // rather than panic on a rule's mistake.
        if edit.range.start < from
            || edit.range.end > text.len()
            || !text.is_char_boundary(edit.range.start)
            || !text.is_char_boundary(edit.range.end)
        {
            continue;
        }
        out.push_str(&text[from..edit.range.start]);
        out.push_str(&edit.replacement);
        from = edit.range.end;
    }
    out.push_str(&text[from..]);
    out
}

/// Two edits conflict when their ranges share text, or both insert at the
/// same point (their order would be arbitrary).
fn conflicts(a: &Range<usize>, b: &Range<usize>) -> bool {
    overlaps(a, b) || (a.start == b.start && (a.is_empty() || b.is_empty()))
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

fn shift(diagnostic: &mut Diagnostic, by: usize) {
    diagnostic.range = diagnostic.range.start + by..diagnostic.range.end + by;
    if let Some(fix) = &mut diagnostic.fix {
        for edit in &mut fix.edits {
            edit.range = edit.range.start + by..edit.range.end + by;
        }
    }
}

/// Codes named by a `<!-- ficpress: ignore W004 S002 -->` comment (empty:
/// every rule).
fn ignore_comment(text: &str) -> Option<Vec<String>> {
    // Asked only of a paragraph `paragraphs` found a `<!--` in.
    IGNORE_COMMENT.captures(text).map(|captures| {
        captures[1]
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|code| !code.is_empty())
            .map(str::to_uppercase)
            .collect()
    })
}

/// Word rules leave alone inline notes and ignore comments.
fn protected_ranges(text: &str) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = notes::inline::ranges(text);
    // `<!--` starts with `<`, which prose seldom holds: one SIMD search for
    // it answers nearly every paragraph.
    if memchr::memchr(b'<', text.as_bytes()).is_some() && text.contains("<!--") {
        ranges.extend(IGNORE_COMMENT.find_iter(text).map(|m| m.range()));
    }
    ranges
}

/// `word [sic]`: the writer says it is meant that way.
fn is_sic(text: &str, range: &Range<usize>) -> bool {
    text.get(range.end..)
        .map(|rest| rest.trim_start_matches([' ', '"', '\'', '”', '’', ',', '.']))
        .is_some_and(|rest| rest.starts_with("[sic]"))
}

#[cfg(test)]
mod tests {
    use super::{RuleOptions, check, fix};
    use crate::rules::{Applicability, Vocabulary};

    #[test]
    fn fixing_twice_changes_nothing_more() {
        let vocabulary = Vocabulary::default();
        let options = RuleOptions::default();
        for text in [
            "Hello  there ,friend.   \n\nNext.",
            "A/N: hi  there\n\nStory  text.",
        ] {
            let once = fix(text, &options, &vocabulary, Applicability::Safe).text;
            let twice = fix(&once, &options, &vocabulary, Applicability::Safe);
            assert_eq!(twice.text, once);
            assert_eq!(twice.applied, 0, "{once:?}");
        }
    }

    /// `paragraphs` finds each paragraph's comment from one search of the
    /// whole text; it must find what a search of each paragraph finds.
    #[test]
    fn comments_are_found_in_the_paragraphs_that_hold_them() {
        let text = "<!-- ficpress: ignore -->\n\nOne <!-- ficpress: ignore S001 -->.\n\n\
                    Two <!-- not ours --> and <!-- ficpress: ignore W -->\n\n* * *\n\n\
                    <!-\n\n-->\n\nThree <!--  ficpress:\tignore P -->\n\n\
                    a < b <<!-- ficpress: ignore Q -->\n\nFour.<!--";
        let split = crate::split::split(text);
        let places = super::paragraphs(text, &split);
        let mut previous = None;
        let mut expected = Vec::new();
        for (block, span) in split.blocks.iter().zip(&split.spans) {
            if !matches!(block, crate::model::Block::Paragraph { .. }) {
                previous = None;
                continue;
            }
            let source = &text[span.clone()];
            let comment = super::ignore_comment(source);
            let trimmed = source.trim();
            if comment.is_some() && trimmed.starts_with("<!--") && trimmed.ends_with("-->") {
                previous = comment;
                continue;
            }
            expected.push((span.clone(), comment.or(previous.take())));
        }
        let found: Vec<_> = places.into_iter().map(|p| (p.span, p.ignored)).collect();
        assert_eq!(found, expected);
        assert!(
            found
                .iter()
                .filter(|(_, ignored)| ignored.is_some())
                .count()
                >= 4,
            "{found:?}"
        );
    }

    #[test]
    fn ignore_comments_and_sic_silence_rules() {
        let vocabulary = Vocabulary::default();
        let options = RuleOptions::default();
        let text = "<!-- ficpress: ignore -->\n\nTwo  spaces.\n\nThree   spaces here.";
        let diagnostics = check(text, &options, &vocabulary);
        assert!(
            diagnostics
                .iter()
                .all(|d| d.range.start > text.find("Three").unwrap()),
            "{diagnostics:?}"
        );
    }

    #[test]
    fn select_and_ignore_by_prefix() {
        let options = RuleOptions {
            select: vec!["S".into()],
            ignore: vec!["S002".into()],
            ..RuleOptions::default()
        };
        assert!(options.enabled("S001"));
        assert!(!options.enabled("S002"));
        assert!(!options.enabled("W001"));
    }
}
