//! Patterns with an ASCII twin: a pattern is compiled as written only for
//! a text that holds a non-ASCII character, and for the rest (nearly every
//! line of most stories) as its twin, the same pattern with every class cut
//! down to its ASCII members.
//!
//! Compiling a Unicode class is costly and case folding multiplies it: the
//! point-of-view marker pattern, with its `(?i)` and five `\p{L}` classes,
//! took 35 M instructions to compile (about 10 ms, three times a small
//! story's whole run; 24 M once its classes were written unfolded), its
//! twin takes about 1 M.
//!
//! On a text of ASCII characters only, the twin matches exactly where the
//! pattern does: every character a class is tried against is ASCII, and
//! the twin's classes hold the same ASCII characters (`\s`, `\d`, `\w`,
//! `\b` and `.` under `(?-u)` are the ASCII parts of their Unicode forms;
//! `(?i)` relates no two ASCII letters that ASCII case folding does not).
//! The twin is compiled for bytes with Unicode off, so a non-ASCII
//! character left in it outside a class only matches its own UTF-8 bytes,
//! which an ASCII text does not hold.

use std::sync::OnceLock;

use regex::Regex;
use regex::bytes::Regex as BytesRegex;

/// A pattern compiled on first use, as itself or as its ASCII twin.
pub(crate) struct Twin {
    pattern: String,
    unicode: OnceLock<Regex>,
    ascii: OnceLock<BytesRegex>,
}

impl Twin {
    /// `pattern`, to be compiled when first needed; it panics then if the
    /// pattern is invalid or uses what [`ascii_twin`] cannot rewrite
    /// (tests compile every pattern of the program's tables both ways).
    pub(crate) fn new(pattern: impl Into<String>) -> Self {
        Twin {
            pattern: pattern.into(),
            unicode: OnceLock::new(),
            ascii: OnceLock::new(),
        }
    }

    /// Whether the pattern matches somewhere in `text`.
    pub(crate) fn is_match(&self, text: &str) -> bool {
        if text.is_ascii() {
            self.ascii().is_match(text.as_bytes())
        } else {
            self.unicode().is_match(text)
        }
    }

    /// The pattern as written, for texts with a non-ASCII character.
    pub(crate) fn unicode(&self) -> &Regex {
        self.unicode.get_or_init(|| {
            Regex::new(&self.pattern)
                .unwrap_or_else(|e| panic!("invalid pattern {:?}: {e}", self.pattern))
        })
    }

    /// The ASCII twin, for texts of ASCII characters only.
    pub(crate) fn ascii(&self) -> &BytesRegex {
        self.ascii.get_or_init(|| {
            let twin = ascii_twin(&self.pattern)
                .unwrap_or_else(|e| panic!("no ASCII twin for {:?}: {e}", self.pattern));
            BytesRegex::new(&format!("(?-u){twin}"))
                .unwrap_or_else(|e| panic!("invalid ASCII twin {twin:?}: {e}"))
        })
    }
}

/// `pattern` with every class cut down to its ASCII members, to compile
/// under `(?-u)`: `\p{L}`, `\p{Lu}` and `\p{Ll}` become `A-Za-z`, `A-Z`
/// and `a-z`, and non-ASCII characters listed in a class (or written
/// there as `\x{...}`) are dropped. Anything it cannot rewrite exactly is
/// an error: another Unicode property, a `\u` escape or a non-ASCII `\x`
/// outside a class, a nested class, a non-ASCII range end, a class left
/// empty, a flag group turning Unicode back on.
pub(crate) fn ascii_twin(pattern: &str) -> Result<String, String> {
    let mut twin = String::with_capacity(pattern.len());
    let mut chars = pattern.chars().peekable();
    // The members of the class being read, if one is.
    let mut class: Option<String> = None;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let Some(escaped) = chars.next() else {
                    return Err("a trailing backslash".into());
                };
                match escaped {
                    'p' => {
                        let name = escape_argument(&mut chars, 1)?;
                        let members = match name.as_str() {
                            "L" => "A-Za-z",
                            "Lu" => "A-Z",
                            "Ll" => "a-z",
                            _ => return Err(format!("the property \\p{{{name}}}")),
                        };
                        match &mut class {
                            Some(class) => class.push_str(members),
                            None => {
                                twin.push('[');
                                twin.push_str(members);
                                twin.push(']');
                            }
                        }
                    }
                    'x' => {
                        let hex = escape_argument(&mut chars, 2)?;
                        let code = u32::from_str_radix(&hex, 16).map_err(|e| e.to_string())?;
                        match &mut class {
                            Some(class) if code < 0x80 => {
                                class.push_str(&format!("\\x{{{hex}}}"));
                            }
                            // Dropped, as a non-ASCII member written out.
                            Some(_) if chars.peek() != Some(&'-') => {}
                            _ => return Err(format!("the escape \\x{{{hex}}}")),
                        }
                    }
                    'P' | 'u' | 'U' => return Err(format!("the escape \\{escaped}")),
                    _ => {
                        let out = class.as_mut().unwrap_or(&mut twin);
                        out.push('\\');
                        out.push(escaped);
                    }
                }
            }
            '[' if class.is_none() => {
                let mut members = String::new();
                if chars.next_if_eq(&'^').is_some() {
                    members.push('^');
                }
                class = Some(members);
            }
            '[' => return Err("a nested class".into()),
            ']' if class.is_some() => {
                let members = class.take().unwrap_or_default();
                if members.is_empty() || members == "^" {
                    return Err("a class of non-ASCII characters only".into());
                }
                twin.push('[');
                twin.push_str(&members);
                twin.push(']');
            }
            '-' if class.is_some() => {
                // A range whose end is not ASCII cannot be cut down by
                // dropping that end.
                if chars.peek().is_some_and(|next| !next.is_ascii()) {
                    return Err("a range ending in a non-ASCII character".into());
                }
                class.as_mut().unwrap_or(&mut twin).push('-');
            }
            '(' if class.is_none() && chars.peek() == Some(&'?') => {
                twin.push('(');
                let flags: String = chars
                    .clone()
                    .skip(1)
                    .take_while(|&f| f.is_ascii_alphabetic() || f == '-')
                    .collect();
                if flags.contains('u') {
                    return Err(format!("the flags ({flags}"));
                }
            }
            c if !c.is_ascii() => {
                if class.is_none() {
                    twin.push(c);
                } else {
                    // `[–-z]`: dropping the start would leave `-z`; a `-`
                    // last in the class (`[’-]`) is itself.
                    let mut ahead = chars.clone();
                    if ahead.next() == Some('-') && ahead.next().is_some_and(|end| end != ']') {
                        return Err("a range starting at a non-ASCII character".into());
                    }
                }
            }
            c => class.as_mut().unwrap_or(&mut twin).push(c),
        }
    }
    if class.is_some() {
        return Err("an unclosed class".into());
    }
    Ok(twin)
}

/// What an escape names, after its letter: `{...}`, or else its next
/// `short` characters (a `\p` property's one letter, a `\x` escape's two
/// digits).
fn escape_argument(chars: &mut impl Iterator<Item = char>, short: usize) -> Result<String, String> {
    match chars.next() {
        Some('{') => Ok(chars.by_ref().take_while(|&c| c != '}').collect()),
        Some(first) => Ok(std::iter::once(first)
            .chain(chars.take(short - 1))
            .collect()),
        None => Err("an escape without its argument".into()),
    }
}

/// What tests compare a twin with its pattern on.
#[cfg(test)]
pub(crate) mod testing {
    use std::collections::BTreeSet;
    use std::path::Path;
    use std::sync::LazyLock;

    use super::Twin;
    use crate::structure::line;

    /// Lines that markers, headings and notes are made of, so that the
    /// comparison does not rest on the corpus alone.
    const TYPICAL: &[&str] = &[
        "Chapter 12: The Letter",
        "CHAPTER IV",
        "Ch. 2 - Homecoming",
        "chapter twenty-one",
        "Part Two",
        "Prologue",
        "Epilogue: After",
        "Chapter 3 of the book was missing.",
        "Sasuke's POV",
        "Hinata P.O.V.",
        "POV: Naruto Uzumaki",
        "Naruto's point of view",
        "Three days later",
        "A few hours earlier",
        "5 years ago",
        "Later that night",
        "The next morning",
        "~Flashback~",
        "*~End Flashback~*",
        "(End of flashback)",
        "Flashback over",
        "/flashback",
        "Back to the present",
        "Present day",
        "Time skip: 3 years",
        "TIME-SKIP",
        "The End",
        "To be continued",
        "End of Chapter 7",
        "end chapter",
        "Fin",
        "Now",
        "Disclaimer: I don't own Naruto.",
        "I do not own Harry Potter, it belongs to J.K. Rowling.",
        "Please review!",
        "R&R",
        "Read and review, thanks for reading!",
        "Reviews make me write faster.",
        "Thanks to my beta, Anna.",
        "Next chapter: the Chunin exams.",
        "I'll update soon, sorry for the late update.",
        "Check out my other stories!",
        "Hope you enjoyed the chapter",
        "See you next time!",
        "This one is dedicated to my sister.",
        "Author's Notes:",
        "(See the end of the chapter for more notes.)",
    ];

    /// Every ASCII line of the fixtures and, when it is there, of the
    /// shared corpus (`../shared/corpus`), with its core (see
    /// [`line::core`]), and the typical lines above.
    pub(crate) static ASCII_LINES: LazyLock<Vec<String>> = LazyLock::new(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let corpus = root.join("../shared/corpus");
        if !corpus.is_dir() {
            eprintln!(
                "{} is absent: twins compared on the fixtures only",
                corpus.display()
            );
        }
        let mut texts = Vec::new();
        for dir in [root.join("fixtures"), corpus] {
            read_texts(&dir, &mut texts);
        }
        let lines = texts
            .iter()
            .flat_map(|text| text.lines())
            .chain(TYPICAL.iter().copied())
            .map(str::trim)
            .filter(|line| !line.is_empty() && line.len() <= 300 && line.is_ascii());
        let mut set = BTreeSet::new();
        for text in lines {
            set.insert(line::core(text));
            set.insert(text.to_string());
        }
        set.into_iter().filter(|line| line.is_ascii()).collect()
    });

    fn read_texts(dir: &Path, texts: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for path in entries.flatten().map(|entry| entry.path()) {
            if path.is_dir() {
                read_texts(&path, texts);
            } else if let Ok(bytes) = std::fs::read(&path) {
                texts.push(String::from_utf8_lossy(&bytes).into_owned());
            }
        }
    }

    /// Assert that `twin`'s pattern and its ASCII twin agree on every one
    /// of `texts`, all ASCII; the number that match.
    pub(crate) fn assert_agrees<'t>(
        twin: &Twin,
        texts: impl IntoIterator<Item = &'t str>,
    ) -> usize {
        // Both forms compile, even when no text reaches the pattern.
        twin.unicode();
        twin.ascii();
        let mut matched = 0;
        for text in texts {
            let unicode = twin.unicode().is_match(text);
            assert_eq!(
                twin.ascii().is_match(text.as_bytes()),
                unicode,
                "the ASCII twin of {:?} disagrees on {text:?}",
                twin.pattern
            );
            matched += usize::from(unicode);
        }
        matched
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_keep_their_ascii_members() {
        assert_eq!(
            ascii_twin(r"(?i)^[\p{L}][\p{L}.'’\-]*\s+pov$").unwrap(),
            r"(?i)^[A-Za-z][A-Za-z.'\-]*\s+pov$"
        );
        assert_eq!(ascii_twin(r"\p{Lu}\p{Ll}+").unwrap(), "[A-Z][a-z]+");
        assert_eq!(
            ascii_twin(r"[\p{L}\x{345}\x2D]").unwrap(),
            r"[A-Za-z\x{2D}]"
        );
        assert_eq!(ascii_twin(r"[:\-–—]?").unwrap(), r"[:\-]?");
        assert_eq!(ascii_twin(r"[^\s.,;!?].*").unwrap(), r"[^\s.,;!?].*");
        // Outside a class a non-ASCII character stays: it matches its own
        // bytes, which no ASCII text holds.
        assert_eq!(ascii_twin(r"copyright|©").unwrap(), "copyright|©");
        assert_eq!(ascii_twin(r"(?-i:\bR\b)").unwrap(), r"(?-i:\bR\b)");
        // A `-` last in a class is itself, not a range.
        assert_eq!(ascii_twin(r"[\w'’-]").unwrap(), r"[\w'-]");
    }

    #[test]
    fn what_cannot_be_cut_down_exactly_is_refused() {
        for pattern in [
            r"\p{Greek}",
            r"\P{L}",
            r"\x{2014}",
            r"[\x{2013}-z]",
            r"\xZZ",
            r"[–—]",
            r"[^’]",
            r"[a-–]",
            r"[–-z]",
            r"[[a-z]]",
            r"(?u:\w)",
            r"[abc",
        ] {
            assert!(ascii_twin(pattern).is_err(), "{pattern}");
        }
    }

    #[test]
    fn the_twin_answers_ascii_texts_and_the_pattern_the_rest() {
        let twin = Twin::new(r"(?i)^[\p{L}][\p{L}'’]*\s+pov$");
        assert!(twin.is_match("Sasuke's POV"));
        assert!(twin.is_match("Sasuke’s POV"));
        assert!(twin.is_match("Zoë POV"));
        assert!(!twin.is_match("3 POV"));
        assert!(twin.ascii.get().is_some());
        // `K` (the Kelvin sign) is a letter only the Unicode form sees.
        assert!(twin.is_match("\u{212A}ate pov"));
    }
}
