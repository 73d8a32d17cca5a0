//! XML text escaping shared by the EPUB renderer.

/// Escape text for XML content or a double-quoted attribute, dropping
/// characters XML 1.0 cannot hold at all (so any input stays well-formed).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if is_xml_char(c) => out.push(c),
            _ => {}
        }
    }
    out
}

/// XML 1.0's `Char` production, minus the C1 controls that epubcheck flags.
fn is_xml_char(c: char) -> bool {
    matches!(c,
        '\u{20}'..='\u{7E}' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup_and_drops_invalid_characters() {
        assert_eq!(
            escape("<script>&\"]]>\u{0}\u{1}\u{FFFE}ok"),
            "&lt;script&gt;&amp;&quot;]]&gt;ok"
        );
    }
}
