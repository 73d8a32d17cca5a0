//! How often a text shows each name, kept up to date as fixing changes
//! paragraphs, so the fixed text's names are known without learning the
//! whole text again.
//!
//! A name is counted from one token and the token before it (does a
//! sentence start there?), and from whether a block starts at the token.
//! So replacing a paragraph can move sightings only in the tokens it
//! touches and in the token right after it; everything else is the same
//! text, read the same way. (Fixes replace paragraphs with paragraphs, so
//! blocks start where they did, moved with the text.)

use std::borrow::Cow;
use std::ops::Range;

use rustc_hash::FxHashMap;

use super::{NAME_SIGHTINGS, ends_sentence, next_space, sightings};
use crate::rules::engine::Changed;

/// How many times a text shows each name where a sentence does not start.
#[derive(Debug, Clone, Default)]
pub struct Sightings<'t> {
    counts: FxHashMap<Cow<'t, str>, usize>,
}

impl<'t> Sightings<'t> {
    /// Count the sightings in a whole text, whose blocks start at
    /// `block_starts` ([`Split::block_starts`](crate::split::Split::block_starts)).
    pub fn of(text: &'t str, block_starts: &[usize]) -> Sightings<'t> {
        let mut counts: FxHashMap<Cow<'t, str>, usize> = FxHashMap::default();
        sightings(text, true, block_starts, |name| {
            *counts.entry(Cow::Borrowed(name)).or_insert(0) += 1;
        });
        Sightings { counts }
    }

    /// The names seen often enough to be trusted.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.counts
            .iter()
            .filter(|(_, count)| **count >= NAME_SIGHTINGS)
            .map(|(name, _)| name.as_ref())
    }

    /// Move the counts from `before` to `after`, which is `before` with the
    /// paragraphs in `changed` (in text order) replaced, reading only the
    /// text around each change. Blocks start at `blocks_before` in
    /// `before` and at `blocks_after` in `after`. Returns the names that
    /// became trusted (`true`) or stopped being (`false`).
    pub fn update(
        &mut self,
        (before, blocks_before): (&str, &[usize]),
        (after, blocks_after): (&str, &[usize]),
        changed: &[Changed],
    ) -> Vec<(String, bool)> {
        // A fixed paragraph that is no longer one paragraph makes the
        // splitter read the whole text again, and blocks may start
        // elsewhere than they did: count afresh.
        if blocks_before.len() != blocks_after.len() {
            return self.recount(after, blocks_after);
        }
        // Names borrowed from either text; a name is copied only when its
        // count is stored.
        let mut moved: FxHashMap<&str, isize> = FxHashMap::default();
        for (in_before, in_after) in windows(before, changed) {
            let Some(in_after) = in_after else {
                return self.recount(after, blocks_after);
            };
            let Some((in_before, in_after)) = narrowed(before, after, in_before, in_after) else {
                continue;
            };
            let (Some(seen_before), Some(seen_after)) = (
                names(before, blocks_before, in_before),
                names(after, blocks_after, in_after),
            ) else {
                // A change the engine could not have made: count again.
                return self.recount(after, blocks_after);
            };
            for name in seen_before {
                *moved.entry(name).or_insert(0) -= 1;
            }
            for name in seen_after {
                *moved.entry(name).or_insert(0) += 1;
            }
        }
        let mut flipped = Vec::new();
        for (name, by) in moved {
            if by == 0 {
                continue;
            }
            let was = self.counts.get(name).copied().unwrap_or(0);
            let now = was.saturating_add_signed(by);
            if (was >= NAME_SIGHTINGS) != (now >= NAME_SIGHTINGS) {
                flipped.push((name.to_string(), now >= NAME_SIGHTINGS));
            }
            if now == 0 {
                self.counts.remove(name);
            } else {
                self.counts.insert(Cow::Owned(name.to_string()), now);
            }
        }
        flipped.sort_unstable();
        flipped
    }

    /// Replace the counts with those of `text`, whose blocks start at
    /// `block_starts`, and say which names flipped.
    fn recount(&mut self, text: &str, block_starts: &[usize]) -> Vec<(String, bool)> {
        let fresh = Sightings::of(text, block_starts);
        let trusted = |sightings: &Sightings<'_>, name: &str| {
            sightings
                .counts
                .get(name)
                .is_some_and(|n| *n >= NAME_SIGHTINGS)
        };
        let mut flipped: Vec<(String, bool)> = self
            .names()
            .filter(|name| !trusted(&fresh, name))
            .map(|name| (name.to_string(), false))
            .chain(
                fresh
                    .names()
                    .filter(|name| !trusted(self, name))
                    .map(|name| (name.to_string(), true)),
            )
            .collect();
        flipped.sort_unstable();
        self.counts = fresh
            .counts
            .into_iter()
            .map(|(name, count)| (Cow::Owned(name.into_owned()), count))
            .collect();
        flipped
    }
}

/// The part of a stretch that differs between `before` and `after`, read
/// the same way: from the start of the token holding the first byte that
/// differs to the end of the token after the one holding the last. `None`
/// when the stretches are the same text (a fix undone by another). Most
/// fixes change a few bytes of a paragraph; the rest is not read twice.
fn narrowed(
    before: &str,
    after: &str,
    in_before: Range<usize>,
    in_after: Range<usize>,
) -> Option<(Range<usize>, Range<usize>)> {
    let (b, a) = (
        before.get(in_before.clone())?.as_bytes(),
        after.get(in_after.clone())?.as_bytes(),
    );
    let prefix = b.iter().zip(a).take_while(|(x, y)| x == y).count();
    if prefix == b.len() && prefix == a.len() {
        return None;
    }
    let room = b.len().min(a.len()) - prefix;
    let suffix = b
        .iter()
        .rev()
        .zip(a.iter().rev())
        .take(room)
        .take_while(|(x, y)| x == y)
        .count();
    // Both ends fall in text the two share, so each maps across by its
    // distance from the stretch's start (the start) or end (the end).
    let start = token_start(before, in_before.start + prefix).max(in_before.start);
    let last_changed = (in_before.end - suffix).saturating_sub(1).max(start);
    let end = next_token_end(before, last_changed).min(in_before.end);
    let start_after = in_after.start + (start - in_before.start);
    let end_after = in_after.end - (in_before.end - end);
    Some((start..end, start_after..end_after))
}

/// The names sighted in `window` of `text`, whose blocks start at
/// `block_starts`, sorted; `None` for a window that is not one.
fn names<'t>(text: &'t str, block_starts: &[usize], window: Range<usize>) -> Option<Vec<&'t str>> {
    let slice = text.get(window.clone())?;
    // The window's block starts, as offsets into the slice.
    let first = block_starts.partition_point(|&at| at < window.start);
    let last = block_starts.partition_point(|&at| at < window.end);
    let starts: Vec<usize> = block_starts[first..last]
        .iter()
        .map(|at| at - window.start)
        .collect();
    let mut seen = Vec::new();
    sightings(
        slice,
        after_sentence_end(text, window.start),
        &starts,
        |name| {
            seen.push(name);
        },
    );
    seen.sort_unstable();
    Some(seen)
}

/// The stretches of text each change can affect, in `before` and (when the
/// arithmetic holds) in `after`: from the start of the token a change
/// begins in to the end of the token after the one it ends in. Changes
/// whose stretches meet are read as one, so no token is counted twice.
fn windows(before: &str, changed: &[Changed]) -> Vec<(Range<usize>, Option<Range<usize>>)> {
    let mut windows = Vec::new();
    // How far text after the changes read so far has moved in `after`.
    let mut shift = 0isize;
    let mut i = 0;
    while let Some((first, _)) = changed.get(i) {
        let start = token_start(before, first.start);
        let start_after = start.checked_add_signed(shift);
        let mut end;
        loop {
            let (in_before, in_after) = &changed[i];
            shift += in_after.len() as isize - in_before.len() as isize;
            end = next_token_end(before, in_before.end);
            match changed.get(i + 1) {
                Some((next, _)) if end >= token_start(before, next.start) => i += 1,
                _ => break,
            }
        }
        let end_after = end.checked_add_signed(shift);
        let in_after = start_after.zip(end_after).map(|(from, to)| from..to);
        windows.push((start..end, in_after));
        i += 1;
    }
    windows
}

/// Where the token holding byte `at` starts: just after the whitespace
/// character before it, or at the text's start.
fn token_start(text: &str, at: usize) -> usize {
    let at = text.floor_char_boundary(at);
    text[..at]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// Where the token after the one holding byte `at` ends: past the rest of
/// that token, one whitespace character and the next token.
fn next_token_end(text: &str, at: usize) -> usize {
    // Ranges come from the engine and are char boundaries; flooring keeps
    // a mistake from panicking.
    let at = text.floor_char_boundary(at);
    match next_space(text, at) {
        Some((end, width)) => next_space(text, end + width).map_or(text.len(), |(next, _)| next),
        None => text.len(),
    }
}

/// Whether the token before the one starting at `at` ends a sentence (a
/// text's first token starts one, and so does a token after an empty one).
fn after_sentence_end(text: &str, at: usize) -> bool {
    let Some(space) = text[..at].chars().next_back() else {
        return true;
    };
    let end = at - space.len_utf8();
    ends_sentence(&text[token_start(text, end)..end])
}

#[cfg(test)]
mod tests {
    use super::{Changed, Sightings};
    use crate::rules::Vocabulary;

    /// `before` with `edits` (range in `before`, replacement) applied, and
    /// the change list the engine would give for them.
    fn apply(before: &str, edits: &[(std::ops::Range<usize>, &str)]) -> (String, Vec<Changed>) {
        let mut after = String::new();
        let mut changed = Vec::new();
        let mut copied = 0;
        for (range, replacement) in edits {
            after.push_str(&before[copied..range.start]);
            let start = after.len();
            after.push_str(replacement);
            changed.push((range.clone(), start..after.len()));
            copied = range.end;
        }
        after.push_str(&before[copied..]);
        (after, changed)
    }

    /// Where `text`'s blocks start, as the splitter has it.
    fn blocks(text: &str) -> Vec<usize> {
        crate::split::split(text).block_starts()
    }

    /// Where the blocks of `after` start, for the split of `before` patched
    /// with `changed`, as the fix stage has it.
    fn blocks_after(before: &str, after: &str, changed: &[Changed]) -> Vec<usize> {
        crate::split::split(before)
            .patched(after, changed)
            .block_starts()
    }

    /// Counts of names, sorted by name.
    type Counts = Vec<(String, usize)>;

    /// `before`'s counts updated to `after`, the names that flipped, and
    /// the counts of `after` counted afresh.
    fn update_and_recount(
        before: &str,
        after: &str,
        changed: &[Changed],
    ) -> (Counts, Vec<(String, bool)>, Counts) {
        let starts_before = blocks(before);
        let starts_after = blocks_after(before, after, changed);
        let mut sightings = Sightings::of(before, &starts_before);
        let flipped = sightings.update((before, &starts_before), (after, &starts_after), changed);
        let fresh = counts(&Sightings::of(after, &starts_after));
        (counts(&sightings), flipped, fresh)
    }

    fn counts(sightings: &Sightings<'_>) -> Counts {
        let mut counts: Vec<(String, usize)> = sightings
            .counts
            .iter()
            .map(|(name, count)| (name.to_string(), *count))
            .collect();
        counts.sort_unstable();
        counts
    }

    #[test]
    fn updating_counts_as_learning_the_fixed_text_does() {
        let before = "Then he saw Mizuki sensei again.\n\nShe called out to Mizuki.Haruno came.\nAnd Haruno  ran to Sakura.\nSakura waited for Sakura.";
        let paragraph = |text: &str| {
            let start = before.find(text).unwrap();
            start..start + text.len()
        };
        let cases: Vec<Vec<(std::ops::Range<usize>, &str)>> = vec![
            // Reveals `Mizuki` as a name.
            vec![(
                paragraph("She called out to Mizuki.Haruno came."),
                "She called out to Mizuki. Haruno came.",
            )],
            // Moves no sighting.
            vec![(
                paragraph("Then he saw Mizuki sensei again."),
                "Then he saw Mizuki-sensei again.",
            )],
            // The double space made `Haruno` start a sentence; now it does not.
            vec![(
                paragraph("And Haruno  ran to Sakura."),
                "And Haruno ran to Sakura.",
            )],
            // The change's last token decides the next line's first one.
            vec![(paragraph("And Haruno  ran to Sakura."), "And Haruno ran to")],
            // Neighbouring changes, read as one stretch.
            vec![
                (
                    paragraph("She called out to Mizuki.Haruno came."),
                    "She called out to Mizuki. Haruno came.",
                ),
                (
                    paragraph("And Haruno  ran to Sakura."),
                    "And Haruno ran, Sakura",
                ),
                (
                    paragraph("Sakura waited for Sakura."),
                    "Sakura waited for Sakura",
                ),
            ],
            // A name dropped.
            vec![(paragraph("Sakura waited for Sakura."), "She waited.")],
        ];
        let mut flips = 0;
        for edits in cases {
            let (after, changed) = apply(before, &edits);
            let (updated, flipped, fresh) = update_and_recount(before, &after, &changed);
            assert_eq!(updated, fresh, "{after:?}");
            let learned_before = Vocabulary::learn(before);
            let learned_after = Vocabulary::learn(&after);
            let names = |counts: &[(String, usize)]| -> Vec<String> {
                counts
                    .iter()
                    .filter(|(_, n)| *n >= super::NAME_SIGHTINGS)
                    .map(|(name, _)| name.clone())
                    .collect()
            };
            let mut learned: Vec<String> = learned_after.names.iter().cloned().collect();
            learned.sort_unstable();
            assert_eq!(names(&updated), learned, "{after:?}");
            let mut expected: Vec<(String, bool)> = learned_after
                .names
                .symmetric_difference(&learned_before.names)
                .map(|name| (name.clone(), learned_after.is_name(name)))
                .collect();
            expected.sort_unstable();
            assert_eq!(flipped, expected, "{after:?}");
            flips += flipped.len();
        }
        assert!(flips >= 2, "the cases flip some names");
    }

    /// Every way of changing one or two lines of a small story, checked
    /// against counting the changed text from scratch.
    #[test]
    fn many_small_changes_count_as_a_fresh_count() {
        let lines = [
            "Then he saw Mizuki sensei again.",
            "She called out to Mizuki.Haruno came.",
            "And Haruno  ran to Sakura, \"Sakura!\"",
            "Sakura waited for Sakura.",
            "“Naruto,” said Naruto’s friend to Naruto.",
        ];
        let variants = |line: &str| -> Vec<String> {
            vec![
                line.replace(".", ". "),
                line.replace("  ", " "),
                line.replace(' ', "  "),
                line.replace('.', "!"),
                line.replace(", ", ","),
                format!("{line} Sakura"),
                format!("Well {line}"),
                line.replace("Sakura", "sakura"),
                line.to_uppercase(),
                String::new(),
                line.trim_end_matches(['.', '!', '"']).to_string(),
            ]
        };
        let before = lines.join("\n");
        let span = |i: usize| {
            let start: usize = lines[..i].iter().map(|l| l.len() + 1).sum();
            start..start + lines[i].len()
        };
        let mut checked = 0;
        for (i, line) in lines.iter().enumerate() {
            for first in variants(line) {
                for (j, next) in lines.iter().enumerate().skip(i + 1) {
                    for second in variants(next).into_iter().take(4) {
                        for edits in [
                            vec![(span(i), first.as_str())],
                            vec![(span(i), first.as_str()), (span(j), second.as_str())],
                        ] {
                            let (after, changed) = apply(&before, &edits);
                            let (updated, _, fresh) = update_and_recount(&before, &after, &changed);
                            assert_eq!(updated, fresh, "{after:?}");
                            checked += 1;
                        }
                    }
                }
            }
        }
        assert!(checked > 300);
    }

    #[test]
    fn no_change_moves_nothing() {
        let text = "Sakura ran to Sakura. Then Sakura left.";
        let (updated, flipped, fresh) = update_and_recount(text, text, &[]);
        assert!(flipped.is_empty());
        assert_eq!(updated, fresh);
    }
}
