use super::QuoteSpacing;
use crate::rules::testing::{
    assert_fixes, assert_no_diagnostics, assert_reported_not_fixed, diagnostics,
};

#[test]
fn moves_openers_glued_to_the_sentence_before() {
    assert_fixes(
        &QuoteSpacing,
        "She didn't want him to go.\" Sasuke! Please don't go!\" Sakura cried.",
        "She didn't want him to go. \"Sasuke! Please don't go!\" Sakura cried.",
    );
    assert_fixes(
        &QuoteSpacing,
        "Sasuke looked down and spoke,\" Sakura, you can't make me stay.\"",
        "Sasuke looked down and spoke, \"Sakura, you can't make me stay.\"",
    );
    assert_fixes(&QuoteSpacing, "She said,\"Hi.\"", "She said, \"Hi.\"");
}

#[test]
fn removes_spaces_inside_the_marks() {
    assert_fixes(
        &QuoteSpacing,
        "\" Hello,\" she said.",
        "\"Hello,\" she said.",
    );
    assert_fixes(
        &QuoteSpacing,
        "\"See you at noon. \"",
        "\"See you at noon.\"",
    );
    assert_fixes(
        &QuoteSpacing,
        "He turned. \" But if anything happens, don't say anything. \"",
        "He turned. \"But if anything happens, don't say anything.\"",
    );
}

#[test]
fn adds_a_space_after_a_closer_glued_to_a_word() {
    assert_fixes(&QuoteSpacing, "\"Yes.\"He left.", "\"Yes.\" He left.");
    assert_fixes(
        &QuoteSpacing,
        "\"Set in stone.\"She eyed the boy.",
        "\"Set in stone.\" She eyed the boy.",
    );
    // The same glue on an opening position: the space goes before it.
    assert_fixes(
        &QuoteSpacing,
        "\"Stop,\" she licked her lips.\"She is gone.\"",
        "\"Stop,\" she licked her lips. \"She is gone.\"",
    );
}

#[test]
fn leaves_well_spaced_and_unpairable_paragraphs() {
    for text in [
        "\"Hello,\" she said. \"Come here.\"",
        "(\"Yes\") and *\"no\"* and \"—\"",
        "\"Hello, she said.",
        "He said \"hello and left.",
        "<span class=\"x\">text</span> \"a\"",
        "*\\\"You could be great,\\\" he said.\\\"Yes.\\\"*",
        "“Hello,” she said. “‘Quoted’ here.”",
        "“ ‘You cannot say what it was?’",
        // Doyle's own spacing, which S002 leaves too.
        "“  ‘You cannot say what it was?’",
        "about those “if”s today",
    ] {
        assert_no_diagnostics(&QuoteSpacing, text);
    }
}

#[test]
fn doubtful_pairing_is_not_fixed_safely() {
    // The 2nd quote looks like an opener: one mark is stray or missing.
    assert_reported_not_fixed(&QuoteSpacing, "He is 6\" tall. \"Hi,\" she said \"Bye.");
    assert_reported_not_fixed(&QuoteSpacing, "It was 6\" tall, \"she said.");
    // A closer-looking mark on an opening position, its partner glued: the
    // pairing slipped (`stay here," she` closes, `said."I` opens).
    assert_reported_not_fixed(
        &QuoteSpacing,
        "Stay here,\" she said.\"I don't know,\" Juliet said.\"Please",
    );
    // The first mark closes a speech carried over from the paragraph
    // before: the pairing is off by one.
    assert_reported_not_fixed(
        &QuoteSpacing,
        "you,\" She said as she stood up.\" No problem,\" he replied.\"Why",
    );
    // A spaced dash breaking off the speech may keep its space.
    assert_reported_not_fixed(&QuoteSpacing, "\"No, don't ask, harmonica, bo- \"");
}

#[test]
fn curly_quotes_are_spaced_by_their_direction() {
    assert_fixes(&QuoteSpacing, "“ Hello ,” she said.", "“Hello ,” she said.");
    assert_fixes(&QuoteSpacing, "She said,“Hello.” ", "She said, “Hello.” ");
    assert_fixes(&QuoteSpacing, "“Hi.”He left.", "“Hi.” He left.");
    assert_fixes(&QuoteSpacing, "“Hi. ” He left.", "“Hi.” He left.");
    // Facing the wrong way: the Q rules' business.
    assert_no_diagnostics(&QuoteSpacing, "C’mon.“ They rushed.");
    assert_no_diagnostics(&QuoteSpacing, "said, “No” / ”Yes” then");
    assert_no_diagnostics(&QuoteSpacing, "“What?” / ”...What?”");
    assert_no_diagnostics(&QuoteSpacing, "walked to the portal. ”…rest.”");
    assert_no_diagnostics(&QuoteSpacing, "“Wait, my f-“ Izuku cut himself off.");
    assert_no_diagnostics(&QuoteSpacing, "she said,”Since we stood no chance.”");
    // Markdown emphasis next to the space: a human should look.
    assert_reported_not_fixed(&QuoteSpacing, "He said “ *Oh* ” and left.");
}

#[test]
fn edits_stay_on_char_boundaries() {
    for text in ["é\"é \"é", "“ ”", "” “", "\"\"", "a\" \"", "“", "”x"] {
        for diagnostic in diagnostics(&QuoteSpacing, text) {
            assert!(text.is_char_boundary(diagnostic.range.start));
            assert!(text.is_char_boundary(diagnostic.range.end));
        }
    }
}

/// A hard-wrapped paragraph is read as its joined lines are: rendering and
/// `clean` join them with a space, and a line break the rule read otherwise
/// left a fix for a second `clean` (found by fuzzing). Each text is judged
/// the same with its line break as with a space there.
#[test]
fn line_breaks_read_as_the_spaces_they_become() {
    for wrapped in [
        "\"Hello,\" she said. \"Come here\n\"",
        "she said, \"\nCome here.\"",
        "\"Yes,\" she would say,\n\"and no.\" Then \"maybe\n\" again.",
        "He said “\nHello” and “Bye\n” then left.",
        "\"Hi.\"\nHe left, \"bye.\"",
    ] {
        let joined = wrapped.replace('\n', " ");
        let judged = |text: &str| -> Vec<_> {
            diagnostics(&QuoteSpacing, text)
                .into_iter()
                .map(|d| (d.range, d.message, d.fix.map(|f| f.applicability)))
                .collect()
        };
        assert_eq!(judged(wrapped), judged(&joined), "{wrapped:?}");
    }
    // And the wrapped one is fixed as the joined one is.
    assert_fixes(
        &QuoteSpacing,
        "\"Hello,\" she said. \"Come here\n\"",
        "\"Hello,\" she said. \"Come here\"",
    );
}
