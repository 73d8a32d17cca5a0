//! Header metadata: the block of `Field: value` lines at the top of a story
//! file (`Title:`, `Author:`, `Rating:`, `Summary:`...), or a bare title
//! line followed by `By: name`.
//!
//! Header lines become story metadata (EPUB title, creator, description and
//! subjects), not story text. A `Disclaimer:` field is the author talking,
//! so it becomes an author's note at the start of the story. Only the top of
//! the file is read: the same words later on are story.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::Block;

/// What the header says about the story.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    pub title: Option<String>,
    pub author: Option<String>,
    pub summary: Option<String>,
    /// `Rating: T`, `Genre: Romance`...
    pub subjects: Vec<String>,
    /// Blocks to put at the start of the story (disclaimers).
    pub notes: Vec<Block>,
}

static FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^[\s*_~]*(title|story\s+title|author|authors|by|written\s+by|pen\s*name|rating|rated|pairings?|ships?|relationships?|genres?|summary|description|disclaimer|warnings?|fandoms?|characters?|category|categories|status|words|word\s+count|language|published|updated|completed?|tags|additional\s+tags|series|beta|betas?|beta\s+reader)[\s*_]*:[\s*_]*(\S.*?)[\s*_]*$",
    )
    .expect("valid field pattern")
});

static BY_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s*_]*by:?[\s*_]+(\S.{0,60}?)[\s*_]*$").expect("valid by-line pattern")
});

/// `**Title** by **Author**`, as fan-fiction downloaders write the first line.
static TITLE_BY_AUTHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\*\*(.{1,120}?)\*\*\s+by\s+\*\*(.{1,60}?)\*\*\s*$")
        .expect("valid title-by-author pattern")
});

// Each pattern is tried only on lines that pass a byte test it implies, so
// a story without a header never compiles them.

/// `Field: value`: a colon first.
fn field(line: &str) -> Option<regex::Captures<'_>> {
    line.contains(':').then(|| FIELD.captures(line)).flatten()
}

/// `By: name`: the line opens with `by` after spaces, stars and underscores
/// (neither letter has a non-ASCII case variant).
fn by_line(line: &str) -> Option<regex::Captures<'_>> {
    let rest = line.trim_start_matches(|c: char| c.is_whitespace() || c == '*' || c == '_');
    let opens_with_by = rest
        .get(..2)
        .is_some_and(|by| by.eq_ignore_ascii_case("by"));
    opens_with_by.then(|| BY_LINE.captures(line)).flatten()
}

/// The field label of a header line (`Rating` in `Rating: T`, `By` in
/// `By: Mina`), if the line has the shape of one.
pub fn field_label(line: &str) -> Option<&str> {
    if let Some(captures) = field(line) {
        return captures.get(1).map(|label| label.as_str());
    }
    by_line(line)
        .is_some()
        .then(|| line.trim_start_matches([' ', '*', '_']).get(..2))
        .flatten()
}

/// Take the header off the front of `blocks`, if there is one.
pub fn extract(blocks: &mut Vec<Block>) -> Header {
    let mut header = Header::default();
    let mut taken = 0;
    if let Some((title, author, used)) = bare_title(blocks) {
        header.title = Some(title);
        header.author = author;
        taken = used;
    }
    while let Some(Block::Paragraph { text }) = blocks.get(taken) {
        let Some(captures) = field(text) else {
            break;
        };
        let field = captures[1].to_lowercase();
        let value = captures[2].trim().to_string();
        let field = field.split_whitespace().collect::<Vec<_>>().join(" ");
        let slot = match field.as_str() {
            "title" | "story title" => &mut header.title,
            "author" | "authors" | "by" | "written by" | "pen name" | "penname" => {
                &mut header.author
            }
            "summary" | "description" => &mut header.summary,
            "disclaimer" => {
                header.notes.push(Block::paragraph(text.trim()));
                taken += 1;
                continue;
            }
            _ => {
                header
                    .subjects
                    .push(format!("{}: {value}", captures[1].trim()));
                taken += 1;
                continue;
            }
        };
        // A field given again ends the header and stays story text:
        // overwriting the first value would lose its words.
        if slot.is_some() {
            break;
        }
        *slot = Some(value);
        taken += 1;
    }
    let found_fields = taken > 0
        && (header.title.is_some()
            || header.author.is_some()
            || header.summary.is_some()
            || taken >= 2);
    if !found_fields {
        return Header::default();
    }
    blocks.drain(..taken);
    header
}

/// A short first line followed by `By: name` (or `**Title** by **Author**`
/// on one line): the title, the author, and how many blocks they used.
fn bare_title(blocks: &[Block]) -> Option<(String, Option<String>, usize)> {
    let Some(Block::Paragraph { text: first }) = blocks.first() else {
        return None;
    };
    let title_by_author = first
        .starts_with("**")
        .then(|| TITLE_BY_AUTHOR.captures(first))
        .flatten();
    if let Some(captures) = title_by_author {
        return Some((
            captures[1].trim().to_string(),
            Some(captures[2].trim().to_string()),
            1,
        ));
    }
    let Some(Block::Paragraph { text: second }) = blocks.get(1) else {
        return None;
    };
    let by = by_line(second)?;
    // Without a colon, "By noon it had stopped." is a sentence, not a byline.
    let name = by[1].trim();
    if !second.contains(':')
        && (name.split_whitespace().count() > 4 || name.ends_with(['.', '!', '?']))
    {
        return None;
    }
    let title = first.trim().trim_matches(['*', '_', ' ']);
    let short =
        title.split_whitespace().count() <= 12 && !title.ends_with(['.', '?', '!', '"', '”']);
    if !short || title.is_empty() || field(first).is_some() {
        return None;
    }
    Some((title.to_string(), Some(by[1].trim().to_string()), 2))
}

#[cfg(test)]
mod tests {
    use super::{Header, extract};
    use crate::model::Block;

    fn blocks(lines: &[&str]) -> Vec<Block> {
        lines.iter().map(|line| Block::paragraph(*line)).collect()
    }

    #[test]
    fn field_block_becomes_metadata() {
        let mut input = blocks(&[
            "Title: The Long Way Round",
            "Author: kiri_writes",
            "Rating: T",
            "Pairing: Harry/Ginny",
            "Summary: A summer at the Burrow goes wrong.",
            "Disclaimer: I don't own Harry Potter.",
            "Harry woke to rain.",
        ]);
        let header = extract(&mut input);
        assert_eq!(header.title.as_deref(), Some("The Long Way Round"));
        assert_eq!(header.author.as_deref(), Some("kiri_writes"));
        assert_eq!(
            header.summary.as_deref(),
            Some("A summer at the Burrow goes wrong.")
        );
        assert_eq!(header.subjects, ["Rating: T", "Pairing: Harry/Ginny"]);
        assert_eq!(
            header.notes,
            blocks(&["Disclaimer: I don't own Harry Potter."])
        );
        assert_eq!(input, blocks(&["Harry woke to rain."]));
    }

    #[test]
    fn a_repeated_field_ends_the_header() {
        let mut input = blocks(&["Summary: First.", "Summary: Second.", "Story."]);
        let header = extract(&mut input);
        assert_eq!(header.summary.as_deref(), Some("First."));
        assert_eq!(input, blocks(&["Summary: Second.", "Story."]));
    }

    #[test]
    fn bare_title_with_by_line() {
        let mut input = blocks(&[
            "Paper Cranes",
            "By: Mina Hart",
            "Rating: K+",
            "The cranes came first.",
        ]);
        let header = extract(&mut input);
        assert_eq!(header.title.as_deref(), Some("Paper Cranes"));
        assert_eq!(header.author.as_deref(), Some("Mina Hart"));
        assert_eq!(input, blocks(&["The cranes came first."]));
        let mut input = blocks(&[
            "**Ashes** by **ACI100**",
            "**Category:** Harry Potter",
            "Text.",
        ]);
        let header = extract(&mut input);
        assert_eq!(
            (header.title.as_deref(), header.author.as_deref()),
            (Some("Ashes"), Some("ACI100"))
        );
        assert_eq!(header.subjects, ["Category: Harry Potter"]);
    }

    #[test]
    fn story_text_is_not_a_header() {
        for lines in [
            &["Harry woke to rain.", "By noon it had stopped."][..],
            &["Status: critical, the monitor read.", "She ran."][..],
            &["\"Who are you?\"", "By the door stood a man."][..],
            &["Morning", "By noon it had stopped."][..],
        ] {
            let mut input = blocks(lines);
            assert_eq!(extract(&mut input), Header::default(), "{lines:?}");
            assert_eq!(input.len(), lines.len());
        }
    }
}
