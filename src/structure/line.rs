//! Reading a short standalone line the way a person does: without the
//! decoration authors put around markers (`*~*Flashback*~*`, `xXx End xXx`,
//! `[A/N]`, `**Chapter 2**`).

/// Characters that decorate marker lines and never carry meaning there.
fn is_decoration(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '*' | '~'
                | '-'
                | '–'
                | '—'
                | '='
                | '_'
                | '+'
                | '#'
                | '|'
                | '<'
                | '>'
                | '('
                | ')'
                | '['
                | ']'
                | '{'
                | '}'
                | '•'
                | '·'
                | '°'
                | '♦'
                | '♥'
                | '★'
                | '☆'
                | '.'
                | '…'
                | ':'
                | '!'
                | ','
        )
}

/// A word of beads such as `xXx`, `oOo`, `OoO`: decoration, not a word.
fn is_bead_word(word: &str) -> bool {
    word.len() >= 3
        && word.chars().all(may_open_bead)
        && !(word.starts_with(|c: char| c.is_uppercase())
            && word[1..].chars().all(char::is_lowercase))
}

/// The words of a decorated line: decoration stripped from both ends, bead
/// words (`xXx`) dropped at the ends, inner spacing collapsed. A leading `/`
/// (as in `/Flashback`) is kept: it means "end".
pub fn core(line: &str) -> String {
    let trimmed = line.trim_matches(is_decoration);
    // ASCII whitespace but the vertical tab is all the whitespace an ASCII
    // line can hold, and splitting on it skips decoding every char.
    let ascii = trimmed.bytes().all(|b| b.is_ascii() && b != 0x0B);
    let mut words: Vec<&str> = if ascii {
        trimmed.split_ascii_whitespace().collect()
    } else {
        trimmed.split_whitespace().collect()
    };
    while words
        .first()
        .is_some_and(|w| is_bead_word(w.trim_matches(is_decoration)))
    {
        words.remove(0);
    }
    while words
        .last()
        .is_some_and(|w| is_bead_word(w.trim_matches(is_decoration)))
    {
        words.pop();
    }
    let joined = words.join(" ");
    let slash = line
        .trim_start_matches(|c: char| is_decoration(c))
        .starts_with('/');
    let core = joined.trim_matches(|c: char| is_decoration(c) || c == '/');
    if slash {
        format!("/{core}")
    } else {
        core.to_string()
    }
}

/// The first character of a line after its decoration, `None` for a line
/// of decoration only. [`core`] opens with it (after a `/` when it is one)
/// unless it opens a bead word, which is dropped.
pub fn lead(line: &str) -> Option<char> {
    line.chars().find(|&c| !is_decoration(c))
}

/// Whether `c` can be a character of a bead word (`xXx`).
pub fn may_open_bead(c: char) -> bool {
    matches!(c, 'o' | 'O' | 'x' | 'X' | '0')
}

/// Whether a paragraph opens with dialogue: a quote mark first. Notes and
/// markers are the author speaking, never a character.
pub fn starts_with_dialogue(text: &str) -> bool {
    text.trim_start_matches(['*', '_', ' '])
        .starts_with(['"', '“', '”', '„', '«', '\'', '‘'])
}

#[cfg(test)]
mod tests {
    use super::{core, starts_with_dialogue};

    #[test]
    fn strips_decoration_and_beads() {
        assert_eq!(core("*~*Flashback*~*"), "Flashback");
        assert_eq!(core("xXx End Flashback xXx"), "End Flashback");
        assert_eq!(core("-oOo- Present -oOo-"), "Present");
        assert_eq!(core("/Flashback"), "/Flashback");
        assert_eq!(core("**Chapter 2: Home**"), "Chapter 2: Home");
        assert_eq!(core("~ Twenty years earlier ~"), "Twenty years earlier");
        assert_eq!(core("(End of flashback)"), "End of flashback");
        assert_eq!(core("Xxx"), "Xxx");
    }

    #[test]
    fn dialogue_openings() {
        assert!(starts_with_dialogue("\"Now.\""));
        assert!(starts_with_dialogue("*“Thanks,” she said.*"));
        assert!(!starts_with_dialogue("Thanks for reading!"));
    }
}
