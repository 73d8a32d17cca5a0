//! Books made of several files: a folder of chapter files (`convert --book`)
//! becomes one story, chapters in natural order (`ch2` before `ch10`).

use std::cmp::Ordering;

use crate::model::Story;

/// Join the stories read from a book's files, in order, into one story. The
/// first file's metadata wins; every file's chapters follow one another.
pub fn assemble(parts: Vec<Story>, fallback_title: Option<&str>) -> Story {
    let mut book = Story::default();
    for part in parts {
        book.title = book.title.or(part.title);
        book.author = book.author.or(part.author);
        book.summary = book.summary.or(part.summary);
        for subject in part.subjects {
            if !book.subjects.contains(&subject) {
                book.subjects.push(subject);
            }
        }
        book.chapters.extend(part.chapters);
    }
    if book.title.is_none() {
        book.title = fallback_title.map(str::to_string);
    }
    book
}

/// Fill a story's metadata from a `metadata.json` beside the chapter files
/// (as fan-fiction archivers write it): `title`, `author`, `summary`,
/// `rating`, `fandom`, `tags`. Fields the file does not have are left alone.
pub fn apply_metadata(story: &mut Story, metadata: &serde_json::Value) {
    let text = |key: &str| {
        metadata
            .get(key)
            .and_then(|v| v.as_str())
            .map(str::trim)
            .filter(|v| !v.is_empty())
    };
    if let Some(title) = text("title") {
        story.title = Some(title.to_string());
    }
    if let Some(author) = text("author") {
        story.author = Some(author.to_string());
    }
    if let Some(summary) = text("summary") {
        story.summary = Some(summary.to_string());
    }
    for key in ["rating", "fandom", "category"] {
        if let Some(value) = text(key) {
            story
                .subjects
                .push(format!("{}{}: {value}", key[..1].to_uppercase(), &key[1..]));
        }
    }
    if let Some(tags) = metadata.get("tags").and_then(|v| v.as_array()) {
        story.subjects.extend(
            tags.iter()
                .filter_map(|tag| tag.as_str())
                .map(str::to_string),
        );
    }
}

/// Compare names the way people number files: runs of digits by value, so
/// `chapter-2` sorts before `chapter-10`.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a, b);
    loop {
        match (a.chars().next(), b.chars().next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let a_len = a.find(|c: char| !c.is_ascii_digit()).unwrap_or(a.len());
                let b_len = b.find(|c: char| !c.is_ascii_digit()).unwrap_or(b.len());
                let (a_num, b_num) = (
                    a[..a_len].trim_start_matches('0'),
                    b[..b_len].trim_start_matches('0'),
                );
                let order = a_num.len().cmp(&b_num.len()).then_with(|| a_num.cmp(b_num));
                if order != Ordering::Equal {
                    return order;
                }
                a = &a[a_len..];
                b = &b[b_len..];
            }
            (Some(x), Some(y)) => {
                let order = x.to_lowercase().cmp(y.to_lowercase());
                if order != Ordering::Equal {
                    return order;
                }
                a = &a[x.len_utf8()..];
                b = &b[y.len_utf8()..];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{assemble, natural_cmp};
    use crate::model::{Block, Chapter, Story};

    #[test]
    fn natural_order() {
        let mut names = vec![
            "chapter-10.md",
            "chapter-2.md",
            "chapter-1.md",
            "Chapter-3.md",
            "chapter-02b.md",
        ];
        names.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(
            names,
            [
                "chapter-1.md",
                "chapter-2.md",
                "chapter-02b.md",
                "Chapter-3.md",
                "chapter-10.md"
            ]
        );
    }

    #[test]
    fn chapters_follow_each_other() {
        let part = |text: &str| Story {
            chapters: vec![Chapter {
                title: None,
                blocks: vec![Block::paragraph(text)],
            }],
            ..Story::default()
        };
        let book = assemble(vec![part("One."), part("Two.")], Some("Book"));
        assert_eq!(book.title.as_deref(), Some("Book"));
        assert_eq!(book.chapters.len(), 2);
        assert_eq!(book.chapters[1].blocks, vec![Block::paragraph("Two.")]);
    }
}
