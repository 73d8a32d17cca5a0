//! Scene-break lines: the dividers authors type between scenes.
//!
//! Fan fiction uses dozens: `***`, `* * *`, `o-O-o`, `oOoOo`, `~*~*~`,
//! `-x-x-x-`, `xXx`, `~~~`, `___`, `===`, `+ + +`, a line reading "Line Break".
//! A line is a divider when it is made only of decoration characters (plus
//! the letters `o` and `x` that authors use as beads), or when, stripped of
//! decoration, it is one of a few words that name a break.
//!
//! What is *not* a divider: a capitalised word made of those letters (`Ooo`,
//! `Xxx` are exclamations), anything with quotes (`"..."` is dialogue), and a
//! line of fewer than three marks (`--`, `*`), which is too little evidence.

/// Characters that only ever decorate a divider line.
fn is_decoration(c: char) -> bool {
    matches!(
        c,
        '*' | '~'
            | '-'
            | '‐'
            | '–'
            | '—'
            | '_'
            | '='
            | '+'
            | '#'
            | '.'
            | '…'
            | '•'
            | '·'
            | '°'
            | '◊'
            | '♦'
            | '♥'
            | '❤'
            | '★'
            | '☆'
            | '✦'
            | '✧'
            | '§'
            | '¤'
            | '|'
            | '/'
            | '\\'
            | '<'
            | '>'
            | '^'
            | ':'
            | '0'
    )
}

fn is_bead(c: char) -> bool {
    matches!(c, 'o' | 'O' | 'x' | 'X')
}

/// Names that stand for a break when they are alone on a line.
const BREAK_WORDS: &[&str] = &[
    "line break",
    "linebreak",
    "page break",
    "pagebreak",
    "scene break",
    "scenebreak",
    "scene change",
    "section break",
    "break",
];

/// Whether a trimmed line is a scene-break divider.
pub fn is_scene_break(line: &str) -> bool {
    let line = super::trim_start(super::trim_end(line));
    let (Some(&first), Some(&last)) = (line.as_bytes().first(), line.as_bytes().last()) else {
        return false;
    };
    // Most lines are prose and open with a letter. No letter is decoration
    // and only `o` and `x` are beads, so a line that opens with another is
    // a divider only if it is a break word (`line`, `page`, `scene`,
    // `section`, `break`), and then it opens with that word's first three
    // letters.
    if first.is_ascii_alphabetic() {
        return if matches!(first, b'o' | b'O' | b'x' | b'X') {
            is_glyph_line(line)
        } else {
            opens_like_break_word(line.as_bytes()) && line.len() <= 120 && is_break_word(line)
        };
    }
    // Nor does a divider end with prose punctuation, or with a letter or
    // digit that is neither a bead nor the last letter of a break word
    // (`k`, `e`): a row of decoration ends in decoration or a bead, a break
    // word in its last letter or in decoration and brackets.
    let ends_in_prose = (last.is_ascii_alphanumeric()
        && !matches!(
            last,
            b'0' | b'o' | b'O' | b'x' | b'X' | b'k' | b'K' | b'e' | b'E'
        ))
        || matches!(last, b',' | b'"' | b'\'' | b'?' | b'!' | b';');
    if ends_in_prose {
        return false;
    }
    // A line of decoration only is a divider however long the author made
    // it (`~*~` a hundred times); words in a long line are prose.
    is_glyph_line(line) || (line.len() <= 120 && is_break_word(line))
}

/// Whether a line that opens with a letter opens with the first three
/// letters of a break word (non-ASCII ones are left to [`is_break_word`]).
fn opens_like_break_word(line: &[u8]) -> bool {
    let Some(head) = line.get(..3) else {
        return false;
    };
    !head.is_ascii()
        || [b"lin", b"pag", b"sce", b"sec", b"bre"]
            .iter()
            .any(|word| head.eq_ignore_ascii_case(*word))
}

fn is_glyph_line(line: &str) -> bool {
    let mut marks = 0;
    let mut decoration = false;
    for c in line.chars() {
        if c.is_whitespace() {
            continue;
        }
        if is_decoration(c) {
            decoration = true;
        } else if !is_bead(c) {
            return false;
        }
        marks += 1;
    }
    if marks < 3 {
        return false;
    }
    decoration || !looks_like_a_word(line)
}

/// `Ooo`, `Xxxx`: a capital then lower case reads as an exclamation.
fn looks_like_a_word(line: &str) -> bool {
    let mut chars = line.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.all(char::is_lowercase)
}

fn is_break_word(line: &str) -> bool {
    let words = line.trim_matches(|c: char| {
        is_decoration(c) || c.is_whitespace() || matches!(c, '(' | ')' | '[' | ']' | '{' | '}')
    });
    if words.len() > 20 {
        return false;
    }
    // Lower-casing ASCII is ASCII lower-casing: most lines are compared
    // in place, without a lower-case copy.
    if words.is_ascii() {
        return BREAK_WORDS
            .iter()
            .any(|name| name.eq_ignore_ascii_case(words));
    }
    let lower = words.to_lowercase();
    BREAK_WORDS.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    use super::is_scene_break;

    #[test]
    fn long_decorated_lines_are_breaks() {
        assert!(is_scene_break(&"~*~".repeat(100)));
        assert!(!is_scene_break(&format!("{} and then", "~*~".repeat(100))));
    }

    #[test]
    fn recognises_common_dividers() {
        for line in [
            "***",
            "* * *",
            "o-O-o",
            "oOoOo",
            "~*~*~",
            "-x-x-x-",
            "xXx",
            "~~~",
            "___",
            "===",
            "+ + +",
            "Line Break",
            "~Line Break~",
            "-LINEBREAK-",
            "[scene break]",
            "  *~*~*~*  ",
            "ooo",
            "…..",
            "**o-O-o**",
            "*       *       *       *       *",
        ] {
            assert!(is_scene_break(line), "{line:?} should be a scene break");
        }
    }

    #[test]
    fn leaves_prose_and_dialogue_alone() {
        for line in [
            "",
            "--",
            "*",
            "Ooo",
            "Xxx",
            "\"...\"",
            "Oh.",
            "Break the door down!",
            "A line break appeared.",
            "x",
            "Sasuke-kun",
            "1984",
            "OK",
        ] {
            assert!(
                !is_scene_break(line),
                "{line:?} should not be a scene break"
            );
        }
    }
}
