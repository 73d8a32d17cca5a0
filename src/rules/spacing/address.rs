//! Tokens and addresses: the spacing rules that insert a space between two
//! glued words (`huge.Bigger`, `time,idiot`) must never split a web
//! address, an e-mail address or a file name (`fanfiction.Net`,
//! `www.Example.com`, `story.Txt`), where the glue is the point.
//!
//! Rules jump from mark to mark and ask [`Addresses`] about the token (run
//! of non-whitespace) around a mark only when the mark glues two words, so
//! deciding whether a token is an address costs one look at the token, and
//! the whole paragraph is still read once: linear time on any input.

use std::ops::Range;

/// Top-level domains and file extensions that follow a dot in addresses.
/// Words that commonly start a sentence (`In`, `Me`, `Be`, `Us`) are left
/// out on purpose: `you.Me` is a missing space, not a domain.
const SUFFIXES: &[&str] = &[
    "com", "net", "org", "edu", "gov", "io", "co", "uk", "de", "fr", "jp", "ru", "info", "biz",
    "tv", "txt", "doc", "docx", "pdf", "rtf", "odt", "epub", "mobi", "html", "htm", "jpg", "jpeg",
    "png", "gif", "mp3", "mp4", "zip", "exe",
];

/// Whether the token (run of non-whitespace) around a mark is an address,
/// asked for marks in text order: each token is found and judged once, however many
/// marks it holds, so a paragraph is still read in linear time.
#[derive(Debug, Default)]
pub struct Addresses {
    /// The last token looked at, as a byte range.
    token: Range<usize>,
    address: bool,
}

impl Addresses {
    /// Whether the token holding the byte at `at` is an address.
    pub fn at(&mut self, text: &str, at: usize) -> bool {
        if !self.token.contains(&at) {
            // Offsets come from the characters themselves: separators such
            // as a no-break space are more than one byte long.
            let start = text[..at]
                .char_indices()
                .rev()
                .find(|&(_, c)| c.is_whitespace())
                .map_or(0, |(i, c)| i + c.len_utf8());
            let end = text[at..]
                .find(char::is_whitespace)
                .map_or(text.len(), |i| at + i);
            self.token = start..end;
            self.address = is_address(&text[start..end]);
        }
        self.address
    }
}

/// Whether `token` looks like a web or e-mail address or a path, where
/// punctuation glued to letters is meant.
pub fn is_address(token: &str) -> bool {
    // (`://` needs a `/`, which the character test catches.)
    token.contains(['@', '/', '\\', '=', '&', '#', '<', '>'])
        || token
            .as_bytes()
            .windows(4)
            .any(|w| w.eq_ignore_ascii_case(b"www."))
}

/// Whether the word starting at `rest` (just after a dot) is a domain or
/// file-name suffix: `Net` in `fanfiction.Net`, `txt` in `notes.txt`.
pub fn is_suffix(rest: &str) -> bool {
    let word: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    SUFFIXES.contains(&word.to_ascii_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::{Addresses, is_address, is_suffix};

    #[test]
    fn each_mark_sees_its_own_token() {
        let text = "a,b  www.x,y\u{a0}c,d";
        let mut addresses = Addresses::default();
        let marks: Vec<bool> = text
            .match_indices(',')
            .map(|(at, _)| addresses.at(text, at))
            .collect();
        assert_eq!(marks, [false, true, false]);
    }

    #[test]
    fn addresses_and_suffixes() {
        assert!(is_address("https://archiveofourown.org/works/1"));
        assert!(is_address("www.Example.com"));
        assert!(is_address("me@mail.Com"));
        assert!(!is_address("huge.Bigger"));
        assert!(is_suffix("Net"));
        assert!(is_suffix("txt,"));
        assert!(!is_suffix("Me"));
        assert!(!is_suffix("Bigger"));
    }
}
