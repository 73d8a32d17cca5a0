//! XML text escaping shared by the EPUB renderer.

/// Escape text for XML content or a double-quoted attribute, dropping
/// characters XML 1.0 cannot hold at all (so any input stays well-formed).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    escape_into(&mut out, text);
    out
}

/// [`escape`], appended to `out` (no allocation of its own).
///
/// Works on bytes: almost all text is runs of characters that need nothing,
/// copied whole. Only markup characters, ASCII controls and the lead bytes
/// of the two non-ASCII ranges XML refuses (C1 controls, U+FFFE/U+FFFF)
/// stop the copy; see [`STOPS`].
pub fn escape_into(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut copied = 0;
    let mut index = 0;
    while index < bytes.len() {
        let byte = bytes[index];
        if !STOPS[usize::from(byte)] {
            index += 1;
            continue;
        }
        out.push_str(&text[copied..index]);
        let (replacement, len) = match byte {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\t' | b'\n' | b'\r' => (&text[index..=index], 1),
            0xC2 | 0xEF => {
                // A character starts here (lead bytes never occur mid-character).
                let c = text[index..].chars().next().unwrap_or_default();
                let len = c.len_utf8();
                let kept = if is_xml_char(c) {
                    &text[index..index + len]
                } else {
                    ""
                };
                (kept, len)
            }
            _ => ("", 1), // an ASCII control or DEL
        };
        out.push_str(replacement);
        index += len;
        copied = index;
    }
    out.push_str(&text[copied..]);
}

/// Bytes that stop [`escape_into`]'s copy: markup, ASCII controls and DEL,
/// and the lead bytes of U+0080–U+00BF (0xC2, holding the C1 controls) and
/// U+F000–U+FFFF (0xEF, holding U+FFFE and U+FFFF).
const STOPS: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = true;
        byte += 1;
    }
    table[b'&' as usize] = true;
    table[b'<' as usize] = true;
    table[b'>' as usize] = true;
    table[b'"' as usize] = true;
    table[0x7F] = true;
    table[0xC2] = true;
    table[0xEF] = true;
    table
};

/// XML 1.0's `Char` production, minus the C1 controls that epubcheck flags
/// (`\t`, `\n` and `\r` are allowed too, handled by [`escape_into`]).
pub fn is_xml_char(c: char) -> bool {
    matches!(c,
        '\u{20}'..='\u{7E}' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

#[cfg(test)]
mod tests {
    use super::{escape, is_xml_char};

    #[test]
    fn escapes_markup_and_drops_invalid_characters() {
        assert_eq!(
            escape("<script>&\"]]>\u{0}\u{1}\u{FFFE}ok"),
            "&lt;script&gt;&amp;&quot;]]&gt;ok"
        );
    }

    /// The byte-wise copy agrees with a plain per-character filter on every
    /// character that shares a lead byte with a dropped one.
    #[test]
    fn byte_scan_matches_the_character_rule() {
        let characters = ('\u{0}'..='\u{FF}').chain('\u{F000}'..='\u{FFFF}');
        for c in characters {
            let text = format!("a{c}b");
            let expected = match c {
                '&' => "a&amp;b".to_string(),
                '<' => "a&lt;b".to_string(),
                '>' => "a&gt;b".to_string(),
                '"' => "a&quot;b".to_string(),
                '\t' | '\n' | '\r' => text.clone(),
                c if is_xml_char(c) => text.clone(),
                _ => "ab".to_string(),
            };
            assert_eq!(escape(&text), expected, "U+{:04X}", u32::from(c));
        }
    }
}
