//! Tokens and addresses: the spacing rules that insert a space between two
//! glued words (`huge.Bigger`, `time,idiot`) must never split a web
//! address, an e-mail address or a file name (`fanfiction.Net`,
//! `www.Example.com`, `story.Txt`), where the glue is the point.
//!
//! Rules walk a paragraph token by token (runs of non-whitespace), so that
//! deciding whether a token is an address costs one look at the token, and
//! the whole paragraph is still read once: linear time on any input.

/// Top-level domains and file extensions that follow a dot in addresses.
/// Words that commonly start a sentence (`In`, `Me`, `Be`, `Us`) are left
/// out on purpose: `you.Me` is a missing space, not a domain.
const SUFFIXES: &[&str] = &[
    "com", "net", "org", "edu", "gov", "io", "co", "uk", "de", "fr", "jp", "ru", "info", "biz",
    "tv", "txt", "doc", "docx", "pdf", "rtf", "odt", "epub", "mobi", "html", "htm", "jpg", "jpeg",
    "png", "gif", "mp3", "mp4", "zip", "exe",
];

/// The whitespace-separated tokens of `text` with their byte offsets.
pub fn tokens(text: &str) -> impl Iterator<Item = (usize, &str)> {
    // Offsets come from the slices themselves: separators such as a
    // no-break space are more than one byte long.
    text.split(char::is_whitespace)
        .filter(|token| !token.is_empty())
        .map(move |token| (token.as_ptr() as usize - text.as_ptr() as usize, token))
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
    use super::{is_address, is_suffix, tokens};

    #[test]
    fn tokens_carry_their_offsets() {
        let text = "a  bc\nd\u{a0}e";
        let found: Vec<_> = tokens(text).collect();
        assert_eq!(found, vec![(0, "a"), (3, "bc"), (6, "d"), (9, "e")]);
        for (start, token) in found {
            assert_eq!(&text[start..start + token.len()], token);
        }
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
