//! Marker lines: short standalone lines that say where the story is rather
//! than telling it: flashback starts and ends, point-of-view switches, time
//! skips and end-of-story lines.
//!
//! A marker is a whole paragraph of at most a few words once decoration is
//! stripped ([`line::core`]); every pattern is anchored at both ends, so the
//! word "flashback" inside a sentence ("The flashback hit him hard.") is
//! always story text. Dialogue (a paragraph opening with a quote) is never a
//! marker.

use std::sync::LazyLock;

use super::keyed::{KeyedPatterns, Keys, folds_to_ascii};
use super::line;

/// What a marker line means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Marker {
    /// `Flashback`, `Begin flashback`, `~*~Flashback~*~`.
    FlashbackStart,
    /// `~ Twenty years earlier ~`: a time heading that opens a flashback.
    TimeBefore,
    /// `End Flashback`, `Flashback over`, `/Flashback`, `Back to the present`.
    FlashbackEnd,
    /// `Present`, `Now`: ends a flashback that is open, story text otherwise.
    Present,
    /// `Sakura's POV`, `POV: Hermione`.
    Pov,
    /// `Time skip`, `Three days later` (the latter only between scenes).
    TimeSkip,
    /// `Three days later` and the like: a time skip only where it stands
    /// alone at the start of a scene.
    Later,
    /// `~Fin~`, `The End`, `To be continued`.
    End,
}

const NUMBER: &str = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|a\s+hundred|hundreds\s+of|\d+|a\s+few|few|several|many|some|a\s+couple\s+of)";
const UNIT: &str =
    r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?|decades?|centuries|moments?)";

/// The marker patterns in the order they are tried, each with the words one
/// of which it needs and the words the line starts or ends with (see
/// [`Keys`]), and the markers they stand for.
static PATTERNS: LazyLock<(KeyedPatterns, Vec<Marker>)> = LazyLock::new(|| {
    let flashback = r"flash\s*-?\s*backs?";
    // A pattern in parts (see [`KeyedPatterns::in_parts`]) keeps its costly
    // `\w` alternatives uncompiled on lines that only the plain ones fit.
    let table: Vec<(Marker, Vec<(String, Keys)>)> = vec![
        (
            Marker::FlashbackStart,
            vec![(
                format!(r"^(?:(?:begin(?:ning)?|start(?:ing)?)(?:\s+of)?(?:\s+the)?\s+)?{flashback}(?:\s+(?:begins?|starts?))?(?:\s*[:\-–—]\s*.{{1,40}})?$"),
                Keys { words: &["flash"], starts: &["begin", "start", "flash"], ends: &[], ..Keys::default() },
            )],
        ),
        (
            Marker::FlashbackEnd,
            vec![(
                format!(
                    r"^(?:(?:end(?:ing)?|close)(?:\s+of)?(?:\s+the)?\s+{flashback}|{flashback}\s+(?:ends?|ended|over|done|finished|end\s+here)|/\s*{flashback}|out\s+of\s+(?:the\s+)?{flashback}|(?:back|return(?:ing)?)\s+to\s+(?:the\s+)?present(?:\s+(?:day|time))?|present\s+(?:day|time))$"
                ),
                Keys {
                    words: &["flash", "present"],
                    starts: &["end", "close", "flash", "/", "out", "back", "return", "present"],
                    ends: &[],
                    ..Keys::default()
                },
            )],
        ),
        (
            Marker::Present,
            vec![(
                r"^(?:(?:the\s+)?present|now)$".to_string(),
                Keys { words: &["present", "now"], starts: &["the", "present", "now"], ends: &[], ..Keys::default() },
            )],
        ),
        (
            Marker::TimeBefore,
            vec![(
                format!(r"^(?:{NUMBER}\s+)?(?:\w+\s+)?{UNIT}\s+(?:earlier|ago|before|previously|prior)$"),
                Keys {
                    words: &["earlier", "ago", "before", "previously", "prior"],
                    starts: &[],
                    ends: &["earlier", "ago", "before", "previously", "prior"],
                    ..Keys::default()
                },
            )],
        ),
        (
            Marker::Pov,
            vec![(
                pov_pattern(),
                // `... POV`, `... P.O.V`, `... point of view`; `POV: ...`.
                Keys { words: &["pov", "p.", "point"], starts: &["pov", "p."], ends: &["v", "view"], ..Keys::default() },
            )],
        ),
        (
            Marker::TimeSkip,
            vec![(
                r"^(?:time\s*-?\s*skip|time\s+jump)(?:\s*[:\-–—]?\s*.{1,40})?$".to_string(),
                Keys { words: &["time"], starts: &["time"], ends: &[], ..Keys::default() },
            )],
        ),
        (
            Marker::Later,
            vec![
                (
                    format!(r"^(?:(?:{NUMBER}\s+)?(?:\w+\s+)?{UNIT}\s+later)$"),
                    Keys { words: &["later"], starts: &[], ends: &["later"], ..Keys::default() },
                ),
                (
                    r"^(?:later\s+that\s+(?:day|night|evening|morning|afternoon|week)|the\s+next\s+(?:day|morning|night|week))$"
                        .to_string(),
                    Keys { words: &["later", "next"], starts: &["later", "the"], ends: &[], ..Keys::default() },
                ),
            ],
        ),
        (
            Marker::End,
            vec![
                (
                    r"^(?:fin|the\s+end|to\s+be\s+continued|tbc)$".to_string(),
                    Keys {
                        words: &["fin", "end", "continued", "tbc"],
                        starts: &["fin", "the", "to", "tbc"],
                        ends: &[],
                        ..Keys::default()
                    },
                ),
                (
                    r"^(?:end\s+of\s+(?:chapter|part|story)(?:\s+[\w]+)?|end\s+chapter(?:\s+[\w]+)?)$"
                        .to_string(),
                    // Every match also names what ends: `END OF VOL. I` or a
                    // licence's `END OF THIS PROJECT GUTENBERG EBOOK` leaves
                    // the pattern (and its costly `\w`) uncompiled.
                    Keys {
                        words: &["end"],
                        also: &["chapter", "part", "story"],
                        starts: &["end"],
                        ends: &[],
                    },
                ),
            ],
        ),
    ];
    // What `edges_may_fit` relies on.
    let alphanumeric = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    for (_, keys) in table.iter().flat_map(|(_, parts)| parts) {
        assert!(
            keys.starts
                .iter()
                .all(|w| *w == "/" || alphanumeric(w.chars().next()))
        );
        assert!(
            keys.ends
                .iter()
                .all(|w| alphanumeric(w.chars().next_back()))
        );
    }
    let markers = table.iter().map(|(marker, _)| marker.clone()).collect();
    let patterns = KeyedPatterns::in_parts(table.into_iter().map(|(_, parts)| {
        parts
            .into_iter()
            .map(|(part, keys)| (format!("(?i){part}"), keys))
            .collect()
    }));
    (patterns, markers)
});

/// The point-of-view marker: `Sasuke's POV`, `Hinata P.O.V.`, `POV:
/// Naruto`. Its name words are letters, as `(?i)[\p{L}]` has them, written
/// without case folding ([`LETTER`]): folding a Unicode class is costly to
/// compile, and this pattern holds ten of them once its repetitions are
/// unrolled (35 M instructions as `(?i)[\p{L}]`, 24 M so).
fn pov_pattern() -> String {
    let name = format!(r"(?-i:[{LETTER}][{LETTER}.'’\-]*)");
    let word = format!(r"(?-i:[{LETTER}][{LETTER}'’\-]*)");
    let pov = r"(?:pov|p\.\s*o\.\s*v)";
    format!(
        r"^(?:(?:{name}\s+){{1,3}}(?:{pov}|point\s+of\s+view)|{pov}\s*[:\-–—]?\s*{word}(?:\s+{word}){{0,2}})$"
    )
}

/// What `(?i)[\p{L}]` matches: the letters and U+0345, the one mark whose
/// case folding is a letter (a test compares the two).
const LETTER: &str = r"\p{L}\x{345}";

/// Lines longer than this are prose, whatever words they contain.
const MAX_MARKER_LEN: usize = 80;

/// The marker a paragraph is, if any, with the line's words (decoration
/// stripped) to show in its place.
pub fn classify(text: &str) -> Option<(Marker, String)> {
    if text.len() > MAX_MARKER_LEN || line::starts_with_dialogue(text) {
        return None;
    }
    // Most short paragraphs are ruled out by their edge words alone.
    if !edges_may_fit(&PATTERNS.0, text) {
        return None;
    }
    match_core(text)
}

/// The marker a short paragraph is, if any: [`classify`] without its
/// quick tests.
fn match_core(text: &str) -> Option<(Marker, String)> {
    // Every keyword the stripped line holds is in the line as written, so a
    // line without any is answered before building its core.
    let (patterns, markers) = &*PATTERNS;
    if !patterns.mentions_any(text) {
        return None;
    }
    let core = line::core(text);
    if core.is_empty() || core.split_whitespace().count() > 8 {
        return None;
    }
    patterns
        .first_match(&core, patterns.candidates(&core))
        .map(|i| (markers[i].clone(), core))
}

/// Whether some pattern's edge words (see [`Keys`]) may fit the core of
/// `text`: false only when none can, so the line is no marker.
///
/// Every start word but `/` starts with a letter or digit and every end
/// word ends with one (checked when the table is built), and decoration
/// never is one. So an edge word
/// that fits the core fits `text` with everything but letters and digits
/// trimmed from its ends, unless [`line::core`] took more than decoration
/// off that end: a bead word (`xXx`), whose letters are then the trimmed
/// text's edge, or a `/` it kept in front. Those lines, and lines whose
/// characters fold to ASCII letters (which skip the edge test), go on.
fn edges_may_fit(patterns: &KeyedPatterns, text: &str) -> bool {
    // Where the trimmed text starts and ends: found on bytes while what is
    // trimmed is ASCII, on characters from the first byte that is not.
    let bytes = text.as_bytes();
    let trimmed = |c: char| !c.is_alphanumeric();
    let kept = |b: &u8| !b.is_ascii() || b.is_ascii_alphanumeric();
    let start = match bytes.iter().position(kept) {
        Some(at) if bytes[at].is_ascii() => at,
        Some(_) => text.len() - text.trim_start_matches(trimmed).len(),
        None => return true,
    };
    let end = match bytes.iter().rposition(kept) {
        Some(at) if bytes[at].is_ascii() => at + 1,
        Some(_) => text.trim_end_matches(trimmed).len(),
        None => return true,
    };
    // Both are character boundaries: after an ASCII byte or where a trim stopped.
    let Some(body) = text.get(start..end) else {
        return true;
    };
    let (Some(first), Some(last)) = (body.chars().next(), body.chars().next_back()) else {
        return true;
    };
    line::may_open_bead(first)
        || line::may_open_bead(last)
        || bytes[..start].contains(&b'/')
        || patterns.any_edges_fit(body)
        || folds_to_ascii(text)
}

#[cfg(test)]
mod tests {
    use super::{Marker, classify, match_core};

    /// The pattern as it was first written, with `(?i)` over its letter
    /// classes, parses to the same thing as [`super::pov_pattern`]: the
    /// same classes, only cheaper to compile.
    #[test]
    fn pov_pattern_is_the_case_folded_one() {
        let folded = r"(?i)^(?:(?:[\p{L}][\p{L}.'’\-]*\s+){1,3}(?:pov|p\.\s*o\.\s*v|point\s+of\s+view)|(?:pov|p\.\s*o\.\s*v)\s*[:\-–—]?\s*[\p{L}][\p{L}'’\-]*(?:\s+[\p{L}][\p{L}'’\-]*){0,2})$";
        let parse = |pattern: &str| regex_syntax::Parser::new().parse(pattern).unwrap();
        let written = format!("(?i){}", super::pov_pattern());
        assert_eq!(parse(&written), parse(folded));
        // Without U+0345 they differ: the test can tell.
        assert_ne!(parse(&written.replace(r"\x{345}", "")), parse(folded));
    }

    #[test]
    fn ascii_twins_agree_with_their_patterns() {
        use crate::structure::keyed::assert_parts_agree;
        use crate::structure::twin::testing::ASCII_LINES;
        let (patterns, _) = &*super::PATTERNS;
        let matched = assert_parts_agree(patterns, &ASCII_LINES);
        assert!(matched >= 20, "only {matched} markers among the lines");
    }

    #[test]
    fn edge_test_rules_out_no_marker() {
        for text in [
            "xXx End Flashback xXx",
            "oOo Present",
            "Flashback oOo",
            "-/Flashback-",
            "/ Flashback",
            "*/*",
            "/",
            "...",
            "",
            "Harry's P.O.V.",
            "P.O.V. Harry",
            "...Three days later...",
            "« Fin »",
            "— The End —",
            "Fin—",
            "\u{17F}tart of fla\u{17F}hback",
            "TIME \u{212A}skip",
            "He nodded.",
            "She sighed.",
            "The end.",
            "0 POV",
            "Normal POV 0",
            "12 hours later",
            "Time skip!?",
            "Flashback: the war?",
            "End of chapter 3!",
            "Present day/",
            "Now?",
            "***…~AIV~…***",
            "…Now…",
            "…/Flashback…",
            "— é —",
            "…",
            "Fin…",
            "…xXx Present",
        ] {
            assert_eq!(classify(text), match_core(text), "{text:?}");
        }
    }

    fn marker(text: &str) -> Option<Marker> {
        classify(text).map(|(marker, _)| marker)
    }

    #[test]
    fn flashback_markers_in_many_spellings() {
        for start in [
            "Flashback",
            "Flash back",
            "Flashback:",
            "*Flashback*",
            "~Flashback~",
            "-Flashback-",
            "xXx Flashback xXx",
            "oOo Flashback oOo",
            "[Flashback]",
            "(Flashback)",
            "**Flashback**",
            "Begin flashback",
            "Start of flashback",
            "*~*Flashback*~*",
            "FLASHBACK",
            "Flashback - the Academy",
        ] {
            assert_eq!(marker(start), Some(Marker::FlashbackStart), "{start}");
        }
        for end in [
            "End Flashback",
            "End of flashback",
            "Flashback end",
            "Flashback over",
            "/Flashback",
            "*End Flashback*",
            "~End of Flashback~",
            "(End of flashback)",
            "Back to the present",
            "Present day",
        ] {
            assert_eq!(marker(end), Some(Marker::FlashbackEnd), "{end}");
        }
        for present in ["Present", "~Present~", "Now", "-Now-"] {
            assert_eq!(marker(present), Some(Marker::Present), "{present}");
        }
    }

    #[test]
    fn time_headings_pov_skips_and_ends() {
        assert_eq!(marker("~ Twenty years earlier ~"), Some(Marker::TimeBefore));
        assert_eq!(marker("Five years ago"), Some(Marker::TimeBefore));
        for pov in [
            "Sakura's POV",
            "~Kakashi POV~",
            "Harry's P.O.V.",
            "POV: Hermione",
            "*Tony's POV*",
            "Normal POV",
        ] {
            assert_eq!(marker(pov), Some(Marker::Pov), "{pov}");
        }
        for skip in [
            "Time skip",
            "Timeskip",
            "-Time Skip-",
            "Time skip: two weeks",
        ] {
            assert_eq!(marker(skip), Some(Marker::TimeSkip), "{skip}");
        }
        for later in [
            "Three days later",
            "A few hours later...",
            "Later that night",
        ] {
            assert_eq!(marker(later), Some(Marker::Later), "{later}");
        }
        for end in [
            "~Fin~",
            "The End",
            "To be continued...",
            "TBC",
            "End of Chapter 3",
            "END OF PART TWO",
            "~End of story~",
            "End chapter 5",
            "End of \u{17F}tory",
        ] {
            assert_eq!(marker(end), Some(Marker::End), "{end}");
        }
    }

    #[test]
    fn sentences_and_dialogue_are_story() {
        for text in [
            "The flashback hit him like a kunai.",
            "\"Now.\"",
            "\"Present arms!\" the sergeant shouted.",
            "He remembered the flashback from the war and shivered, unable to move for a long while.",
            "Now what?",
            "Flashbacks haunted her every night.",
            "It was the end of the flashback, and of the war.",
            "Chapter and verse, she thought.",
            "The end of the world came on a Tuesday.",
            "END OF VOL. I",
            "END OF THIS PROJECT GUTENBERG EBOOK DRACULA",
        ] {
            assert_eq!(marker(text), None, "{text}");
        }
    }
}
