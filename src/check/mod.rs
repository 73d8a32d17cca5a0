//! Checking: every problem in a story as a located finding with a stable
//! code, from decoding (`E` codes) and from the fix rules ([`crate::rules`]).
//!
//! A finding names a place (1-based line and column of the decoded text,
//! columns counted in characters), a code that never changes meaning, a
//! severity, a message, and whether a fix exists and how safe it is. The
//! CLI's reporters (`--format full|concise|json|github|sarif`) only format
//! findings.

use std::ops::Range;

use serde::Serialize;

use crate::decode::{DecodeChange, Decoded};
use crate::rules::{self, Applicability, RuleOptions, Vocabulary};
use crate::split::{self, Split};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Something a fix changes: a typo, broken spacing, a damaged encoding.
    Warning,
    /// Worth a look; ficpress does not change it by itself.
    Note,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// One problem found in a story.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// 1-based line in the decoded text.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Where the problem ends (1-based line and column, exclusive column).
    pub end_line: usize,
    pub end_column: usize,
    /// The stable code, e.g. `S003`.
    pub code: &'static str,
    pub severity: Severity,
    /// What is wrong, in one line.
    pub message: String,
    /// Whether a fix exists, and how safe it is.
    pub fix: Option<Applicability>,
    /// The problem's byte range in the decoded text.
    #[serde(skip)]
    pub range: Range<usize>,
}

/// Everything `check` reports for a decoded file, ordered by position.
pub fn check(decoded: &Decoded, options: &RuleOptions, vocabulary: &Vocabulary) -> Vec<Finding> {
    check_split(decoded, &split::split(&decoded.text), options, vocabulary)
}

/// [`check`] of a decoded file whose text's split is `split` (the one the
/// vocabulary was learned with, so the text is split once).
pub fn check_split(
    decoded: &Decoded,
    split: &Split,
    options: &RuleOptions,
    vocabulary: &Vocabulary,
) -> Vec<Finding> {
    let lines = LineIndex::new(&decoded.text);
    let mut findings: Vec<Finding> = decoded
        .changes
        .iter()
        .map(|change| {
            let line = change_line(change);
            Finding {
                line,
                column: 1,
                end_line: line,
                end_column: 1,
                code: change.code(),
                severity: Severity::Warning,
                message: change.message(),
                fix: Some(Applicability::Safe),
                range: 0..0,
            }
        })
        .collect();
    for diagnostic in rules::engine::check_split(&decoded.text, split, options, vocabulary) {
        let (line, column) = lines.position(&decoded.text, diagnostic.range.start);
        let (end_line, end_column) = lines.position(&decoded.text, diagnostic.range.end);
        let fix = diagnostic.fix.as_ref().map(|fix| fix.applicability);
        findings.push(Finding {
            line,
            column,
            end_line,
            end_column,
            code: diagnostic.code,
            severity: if fix.is_some() {
                Severity::Warning
            } else {
                Severity::Note
            },
            message: diagnostic.message,
            fix,
            range: diagnostic.range,
        });
    }
    findings.sort_by(|a, b| (a.line, a.column, a.code).cmp(&(b.line, b.column, b.code)));
    findings
}

/// Where a decoding change was first seen; whole-file findings point at line 1.
fn change_line(change: &DecodeChange) -> usize {
    match change {
        DecodeChange::LegacyEncoding { .. } | DecodeChange::ByteOrderMark => 1,
        DecodeChange::LineEndings { line, .. }
        | DecodeChange::ControlCharacters { line, .. }
        | DecodeChange::InvalidBytes { line, .. }
        | DecodeChange::Mojibake { line, .. } => *line,
    }
}

/// Byte offsets of line starts, for turning offsets into lines and columns.
pub struct LineIndex {
    starts: Vec<usize>,
    /// The last position asked for (offset, column): findings come in text
    /// order, so counting on from there keeps a long line linear.
    last: std::cell::Cell<(usize, usize)>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex {
            starts,
            last: std::cell::Cell::new((0, 0)),
        }
    }

    /// 1-based line and character column of a byte offset.
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&start| start <= offset).max(1);
        let start = self.starts[line - 1];
        let offset = offset.min(text.len());
        let (last_offset, last_column) = self.last.get();
        let (from, counted) = if last_offset >= start && last_offset <= offset {
            (last_offset, last_column)
        } else {
            (start, 0)
        };
        let column = counted + text.get(from..offset).map_or(0, |s| s.chars().count());
        self.last.set((offset, column));
        (line, column + 1)
    }

    /// The text of a 1-based line, without its newline.
    pub fn line<'a>(&self, text: &'a str, line: usize) -> &'a str {
        let start = self
            .starts
            .get(line.wrapping_sub(1))
            .copied()
            .unwrap_or(text.len());
        let end = self.starts.get(line).map_or(text.len(), |next| next - 1);
        text.get(start..end.max(start)).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::LineIndex;

    #[test]
    fn offsets_become_lines_and_character_columns() {
        let text = "ab\ncé d\n\nx";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 0), (1, 1));
        assert_eq!(index.position(text, 3), (2, 1));
        assert_eq!(index.position(text, text.find('d').unwrap()), (2, 4));
        assert_eq!(index.position(text, text.len()), (4, 2));
        assert_eq!(index.line(text, 2), "cé d");
        assert_eq!(index.line(text, 3), "");
    }
}
