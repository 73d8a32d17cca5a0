use std::sync::LazyLock;

use aho_corasick::packed::{Config, Searcher};

use crate::declare_rule;
use crate::rules::{Diagnostic, Fix, Paragraph, Rule, RuleMeta};

declare_rule! {
    /// Space before punctuation: spaces between a word and the `,` `.` `;`
    /// `:` `!` or `?` that ends it.
    ///
    /// ## Why
    /// English sets these marks against the word they follow; a space before
    /// them reads as a typing slip (`Hello , world`, `"What ?"`) and lets a
    /// reader's line wrap strand the mark at the start of a line.
    ///
    /// ## Example
    /// `Hello , world. What ?` → `Hello, world. What?`
    ///
    /// Not reported: a spaced ellipsis or a trailing-off (`and ...`,
    /// `. . .`), a dot that starts a word (`.NET`, `.45`), a colon or
    /// semicolon that is part of an emoticon (`:)`, `;D`) or a time
    /// (`9 :45` is left to a human), and punctuation after anything but a
    /// word (`-- ,`). French spacing (`Quoi ?`) is out of scope: ficpress
    /// checks English text.
    ///
    /// ## Fix safety
    /// Safe: the mark is preceded by a word and followed by a space, the end
    /// of the line, a closing quote or bracket, so it can only close that
    /// word. Unsafe for a dot spaced on both sides before a lower-case word
    /// or a digit (`Shout out to annabelle . ward1`, `twitch . tv`): that is
    /// how authors' notes spell out readers' names and addresses on sites
    /// that strip links.
    pub SpaceBeforePunctuation, META = ("S003", "space-before-punctuation", Typography)
}

/// A space, tab or line break, then one of `, . ; : ! ?`: the pairs one
/// SIMD search (Teddy) finds. Marks are common and spaced marks rare, so
/// looking for the pair skips nearly all of them at once. (The packed
/// searcher is asked for by name: the general one would scan for the
/// spaces alone, which are everywhere.)
static SPACED_MARKS: LazyLock<Searcher> = LazyLock::new(|| {
    let pairs = [' ', '\t', '\n']
        .into_iter()
        .flat_map(|space| [',', '.', ';', ':', '!', '?'].map(|mark| format!("{space}{mark}")));
    Config::new()
        .builder()
        .extend(pairs)
        .build()
        .expect("a packed searcher for two-byte pairs")
});

impl Rule for SpaceBeforePunctuation {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, paragraph: &Paragraph<'_>, out: &mut Vec<Diagnostic>) {
        let text = paragraph.text;
        let bytes = text.as_bytes();
        for pair in SPACED_MARKS.find_iter(bytes) {
            // Spaces, tabs or a line break right before the mark. A line
            // break counts: inside a hard-wrapped paragraph it becomes a
            // space when the paragraph is joined, so `word⏎.` must be fixed
            // now, or cleaning twice would differ from cleaning once.
            let mark_at = pair.end() - 1;
            let start = mark_at
                - bytes[..mark_at]
                    .iter()
                    .rev()
                    .take_while(|&&b| matches!(b, b' ' | b'\t' | b'\n'))
                    .count();
            let found = start..mark_at + 1;
            let mark = text[mark_at..].chars().next().unwrap_or(' ');
            let before = text[..found.start].chars().next_back();
            let after = text[found.end..].chars().next();
            // `And . . . then`: a spaced ellipsis, not a full stop.
            let spaced_ellipsis = mark == '.' && text[found.end..].starts_with(" .");
            if spaced_ellipsis
                || !follows_word(&text[..found.start], before)
                || !closes(mark, after)
            {
                continue;
            }
            let range = found.start..mark_at;
            let fix = if mark == '.' && spelled_out_address(&text[found.end..]) {
                Fix::unsafe_(range.clone(), "")
            } else {
                Fix::safe(range.clone(), "")
            };
            out.push(Diagnostic {
                code: Self::META.code,
                message: format!("space before `{mark}`"),
                range: range.clone(),
                fix: Some(fix),
            });
        }
    }
}

/// Whether the text before the spaces ends with a word (or a bracket or
/// apostrophe closing one).
fn follows_word(before_text: &str, before: Option<char>) -> bool {
    match before {
        Some(c) if c.is_alphanumeric() || matches!(c, ')' | ']' | '’' | '”') => true,
        // `goin' ,`: a straight apostrophe counts when a letter precedes it.
        Some('\'') => before_text
            .trim_end_matches('\'')
            .chars()
            .next_back()
            .is_some_and(char::is_alphabetic),
        _ => false,
    }
}

/// `annabelle . ward1`, `twitch . tv`: a dot spaced on both sides and
/// followed by a lower-case word or a digit is how readers' names and
/// addresses are spelled out where the site strips links, not a full stop.
fn spelled_out_address(after_mark: &str) -> bool {
    let mut chars = after_mark.chars();
    chars.next() == Some(' ')
        && chars
            .next()
            .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
}

/// Whether `mark`, followed by `after`, closes the word before it.
fn closes(mark: char, after: Option<char>) -> bool {
    let Some(after) = after else {
        return true;
    };
    if after.is_whitespace() {
        return true;
    }
    let closing = matches!(after, '"' | '\'' | '”' | '’' | ')' | ']' | '*' | '_');
    match mark {
        // Colons and semicolons glued to anything are emoticons (`:)`,
        // `;D`, `:'(`), times (`9 :45`) or addresses.
        ':' | ';' => false,
        // `. .` and `..` are ellipses, `.NET` and `.45` words.
        '.' => closing,
        ',' => closing,
        // `?!`, `!!`, `?..`: the run stays together.
        _ => closing || matches!(after, '!' | '?' | '.'),
    }
}

#[cfg(test)]
mod tests {
    use super::SpaceBeforePunctuation;
    use crate::rules::testing::{assert_fixes, assert_no_diagnostics, assert_reported_not_fixed};

    #[test]
    fn removes_spaces_before_marks() {
        assert_fixes(
            &SpaceBeforePunctuation,
            "Hello , world ; it is late : go . Now",
            "Hello, world; it is late: go. Now",
        );
        assert_fixes(&SpaceBeforePunctuation, "\"What ?\"", "\"What?\"");
        assert_fixes(&SpaceBeforePunctuation, "Really !?", "Really!?");
        assert_fixes(&SpaceBeforePunctuation, "Goin' , he said", "Goin', he said");
        assert_fixes(&SpaceBeforePunctuation, "(yes) .", "(yes).");
    }

    #[test]
    fn spelled_out_addresses_are_not_fixed_safely() {
        assert_reported_not_fixed(
            &SpaceBeforePunctuation,
            "Thanks to annabelle . ward1 and all!",
        );
        assert_reported_not_fixed(&SpaceBeforePunctuation, "I stream on twitch . tv now");
    }

    #[test]
    fn leaves_ellipses_emoticons_and_words() {
        for text in [
            "And ...",
            "And . . . then",
            "Using .NET today",
            "A .45 revolver",
            "Hello :)",
            "Hello ;D",
            "Meet at 9 :45",
            "Well -- , then",
            "Oh ...?",
            "Hello, world.",
            ", starts here",
        ] {
            assert_no_diagnostics(&SpaceBeforePunctuation, text);
        }
    }
}
