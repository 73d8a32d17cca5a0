use std::sync::LazyLock;

use memchr::memmem::Finder;

use crate::declare_rule;
use crate::rules::{Diagnostic, Fix, Paragraph, Rule, RuleMeta};

declare_rule! {
    /// Repeated spaces: a run of spaces or tabs between two words of a line.
    ///
    /// ## Why
    /// A double space mid-sentence is a typing slip; it shows in plain text
    /// and in editors, and differs from one view of the story to the next.
    ///
    /// ## Example
    /// `Sakura␠␠smiled.` → `Sakura smiled.`
    ///
    /// Not reported: the indentation that starts a line or follows a list
    /// marker (`-   item`), a line without
    /// letters or digits (a centred divider such as `*   *   *`), two
    /// spaces after the end of a sentence (`ran.␠␠She`), the typewriter
    /// convention that edited books such as the Project Gutenberg novels
    /// still use, and spaces between two opening or two closing quotation
    /// marks (`“␠␠‘You`), which set nested quotes apart on purpose, as
    /// S006 also leaves them.
    ///
    /// ## Fix safety
    /// Safe for exactly two spaces between words in a paragraph written on
    /// one line, where nothing but a slip puts them there. Unsafe for a run
    /// of three or more, a run with a tab, a run next to a digit or a
    /// quotation mark (`“␠␠You`), and any
    /// run in a hard-wrapped paragraph: those are how plain text aligns
    /// columns (`Chapter IV     The Preparation`, page numbers) and
    /// justifies lines, which a human should look at first.
    pub RepeatedSpaces, META = ("S002", "repeated-spaces", Typography)
}

impl Rule for RepeatedSpaces {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, paragraph: &Paragraph<'_>, out: &mut Vec<Diagnostic>) {
        // Only a tab or two spaces make a run worth reporting; most
        // paragraphs have neither, and SIMD searches say so.
        if !has_run(paragraph.text) {
            return;
        }
        let wrapped = memchr::memchr(b'\n', paragraph.text.as_bytes()).is_some();
        let mut start = 0;
        for line in paragraph.text.split('\n') {
            check_line(line, start, wrapped, out);
            start += line.len() + 1;
        }
    }
}

/// Two spaces in a row.
static TWO_SPACES: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("  "));

/// Whether `text` holds a tab or two spaces in a row.
fn has_run(text: &str) -> bool {
    memchr::memchr(b'\t', text.as_bytes()).is_some() || TWO_SPACES.find(text.as_bytes()).is_some()
}

/// Report the inner runs of one line; `offset` is where the line starts.
fn check_line(line: &str, offset: usize, wrapped: bool, out: &mut Vec<Diagnostic>) {
    if !has_run(line) || !line.chars().any(char::is_alphanumeric) {
        return;
    }
    let is_blank = |b: u8| b == b' ' || b == b'\t';
    let bytes = line.as_bytes();
    // Leading indentation and trailing whitespace (S001's) are not inner runs.
    let first = bytes.iter().position(|&b| !is_blank(b)).unwrap_or(0);
    let last = bytes.iter().rposition(|&b| !is_blank(b)).unwrap_or(0);
    let mut i = first;
    while i < last {
        if !is_blank(bytes[i]) {
            i += 1;
            continue;
        }
        let run_start = i;
        while i < last && is_blank(bytes[i]) {
            i += 1;
        }
        let run = &line[run_start..i];
        if run == " "
            || (run == "  " && ends_sentence(&line[..run_start]))
            || is_list_marker(&line[first..run_start])
            || sets_nested_quotes_apart(&line[..run_start], &line[i..])
        {
            continue;
        }
        let before = line[..run_start].chars().next_back();
        let after = line[i..].chars().next();
        // Digits: columns of numbers. Quotes: `“  You` may be spaced like
        // the nested quotes above, and S006 decides its spacing.
        let set_apart = |c: Option<char>| {
            c.is_some_and(|c| c.is_ascii_digit() || matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’'))
        };
        let aligned = run.len() > 2 || run.contains('\t') || set_apart(before) || set_apart(after);
        let range = offset + run_start..offset + i;
        let fix = if aligned || wrapped {
            Fix::unsafe_(range.clone(), " ")
        } else {
            Fix::safe(range.clone(), " ")
        };
        out.push(Diagnostic {
            code: RepeatedSpaces::META.code,
            message: if run.contains('\t') {
                "a tab between words".to_string()
            } else {
                format!("{} spaces in a row", run.len())
            },
            range,
            fix: Some(fix),
        });
    }
}

/// Whether `start` (a line's text before the run) is a Markdown list
/// marker (`-`, `*`, `+`, `1.`, `2)`), whose following spaces indent the
/// item.
fn is_list_marker(start: &str) -> bool {
    matches!(start, "-" | "*" | "+")
        || start
            .strip_suffix(['.', ')'])
            .is_some_and(|n| !n.is_empty() && n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether a run between `before` and `after` sits between two quotation
/// marks facing the same way: two openers (`“  ‘You`, ` "  'You`) or two
/// closers (`it,’  ”`), nested quotes set apart. A straight mark faces the
/// way its outer side says (a space before an opener, after a closer), and
/// a curly one must not be an apostrophe glued to a word (`goin’  ’cause`).
fn sets_nested_quotes_apart(before: &str, after: &str) -> bool {
    let (mut left, mut right) = (before.chars().rev(), after.chars());
    let (Some(first), Some(second)) = (left.next(), right.next()) else {
        return false;
    };
    let (outer_before, outer_after) = (left.next(), right.next());
    let spaced = |c: Option<char>| c.is_none_or(char::is_whitespace);
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let straight = |c: char| matches!(c, '"' | '\'');
    let openers = (matches!(first, '“' | '‘') && !word(outer_before)
        || straight(first) && spaced(outer_before))
        && (matches!(second, '“' | '‘') || straight(second))
        && !spaced(outer_after);
    let closers = (matches!(first, '”' | '’') || straight(first))
        && !spaced(outer_before)
        && (matches!(second, '”' | '’') && !word(outer_after)
            || straight(second) && spaced(outer_after));
    openers || closers
}

/// Whether `before` ends a sentence or a broken-off one (`you know--"`),
/// closing quotes and brackets aside.
fn ends_sentence(before: &str) -> bool {
    before
        .trim_end_matches(['"', '\'', '”', '’', ')', ']', '*', '_'])
        .ends_with(['.', '?', '!', ':', ';', '…', '-', '—', '–'])
}

#[cfg(test)]
mod tests {
    use super::RepeatedSpaces;
    use crate::rules::testing::{assert_fixes, assert_no_diagnostics, assert_reported_not_fixed};

    #[test]
    fn collapses_a_double_space_between_words() {
        assert_fixes(
            &RepeatedSpaces,
            "Sakura  smiled at him,  then left.",
            "Sakura smiled at him, then left.",
        );
    }

    #[test]
    fn leaves_indentation_dividers_and_sentence_spacing() {
        assert_no_diagnostics(&RepeatedSpaces, "    Indented line.");
        assert_no_diagnostics(&RepeatedSpaces, "*   *   *");
        assert_no_diagnostics(&RepeatedSpaces, "She ran.  He followed.");
        assert_no_diagnostics(&RepeatedSpaces, "\"Go!\"  He followed.");
        assert_no_diagnostics(&RepeatedSpaces, "Ends with spaces.  ");
        assert_no_diagnostics(&RepeatedSpaces, "One space only.");
        assert_no_diagnostics(&RepeatedSpaces, "-   *Sexy*");
        assert_no_diagnostics(&RepeatedSpaces, "12.  Item");
    }

    #[test]
    fn alignment_and_wrapped_text_are_not_fixed_safely() {
        assert_reported_not_fixed(&RepeatedSpaces, "Chapter IV     The Preparation");
        assert_reported_not_fixed(&RepeatedSpaces, "Section  2. Information");
        assert_reported_not_fixed(&RepeatedSpaces, "Name\tValue");
        assert_reported_not_fixed(&RepeatedSpaces, "on which  we were\nand from the one");
    }

    /// S006 leaves the spaces between nested openers as the writer set
    /// them; S002 offered to collapse them (Doyle's `“  ‘You cannot say`).
    #[test]
    fn leaves_nested_quotes_set_apart() {
        assert_no_diagnostics(&RepeatedSpaces, "“  ‘You cannot say what it was?’");
        assert_no_diagnostics(&RepeatedSpaces, "He said, \"  'Ello, Perce.'\"");
        assert_no_diagnostics(&RepeatedSpaces, "“‘Not I,’  ” he said.");
        // Two quotations side by side, or an apostrophe: a slip.
        assert_reported_not_fixed(&RepeatedSpaces, "“Hi,”  “bye,” she said.");
        assert_reported_not_fixed(&RepeatedSpaces, "\"Hi,\"  \"bye,\" she said.");
        assert_reported_not_fixed(&RepeatedSpaces, "I’m goin’  ’cause of you.");
        assert_reported_not_fixed(&RepeatedSpaces, "“  You");
    }

    #[test]
    fn handles_unicode_around_runs() {
        assert_fixes(&RepeatedSpaces, "Café  olé…", "Café olé…");
    }
}
