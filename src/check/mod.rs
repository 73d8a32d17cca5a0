//! Checking: problems in a story reported as diagnostics with stable codes.
//!
//! A diagnostic names a place (1-based line and column of the decoded text),
//! a code that never changes meaning, and a message. Codes are grouped by a
//! category letter: `E` encoding, `S` spacing. The fix rules that come later
//! report through the same type.

mod whitespace;

use serde::Serialize;

use crate::decode::{DecodeChange, Decoded};

/// One problem found in a story.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// 1-based line in the decoded text.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The stable rule code, e.g. `S001`.
    pub code: &'static str,
    /// What is wrong, in one line.
    pub message: String,
}

/// Everything `check` reports for a decoded file, ordered by position.
pub fn check(decoded: &Decoded) -> Vec<Diagnostic> {
    let mut diagnostics: Vec<Diagnostic> = decoded
        .changes
        .iter()
        .map(|change| Diagnostic {
            line: change_line(change),
            column: 1,
            code: change.code(),
            message: change.message(),
        })
        .collect();
    diagnostics.extend(whitespace::check(&decoded.text));
    diagnostics.sort_by(|a, b| (a.line, a.column, a.code).cmp(&(b.line, b.column, b.code)));
    diagnostics
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
