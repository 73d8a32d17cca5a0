//! Refusing input that is not text.
//!
//! People drop whole download folders on ficpress, so images, PDFs, EPUBs and
//! archives turn up next to the `.txt` files. Decoding such a file "works" —
//! every byte sequence decodes to something — and produces a book of garbage,
//! so we refuse it with a message naming what the file actually is.
//!
//! Two checks, cheapest and surest first: well-known magic numbers at the
//! start of the file, then (after byte-order marks and UTF-16 have had their
//! say, see [`super::read`]) the share of control bytes in a bounded prefix.

/// How much of the file the control-byte check looks at. Binary formats show
/// their nature in their headers and first blocks; 8 KiB is what git and
/// ripgrep look at for the same decision, and it keeps the check O(1).
pub(super) const PREFIX: usize = 8 * 1024;

/// What the error calls a file refused by the control-byte check.
pub(super) const GENERIC_KIND: &str = "a binary file";

/// Magic numbers of the non-text files people most often feed us by mistake,
/// with the name the error message uses. Checked in order, so the EPUB entry
/// (a ZIP with a `mimetype` first entry) comes before plain ZIP.
const MAGIC: &[(usize, &[u8], &str)] = &[
    (30, b"mimetypeapplication/epub+zip", "an EPUB book"),
    (0, b"PK\x03\x04", "a ZIP archive"),
    (0, b"PK\x05\x06", "a ZIP archive"),
    (0, b"%PDF-", "a PDF document"),
    (0, b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (0, b"\xFF\xD8\xFF", "a JPEG image"),
    (0, b"GIF87a", "a GIF image"),
    (0, b"GIF89a", "a GIF image"),
    (0, b"\x1F\x8B", "a gzip archive"),
];

/// What kind of well-known binary file `bytes` is, if its magic number says so.
pub(super) fn magic_kind(bytes: &[u8]) -> Option<&'static str> {
    MAGIC
        .iter()
        .find(|(offset, magic, _)| {
            bytes
                .get(*offset..)
                .is_some_and(|rest| rest.starts_with(magic))
        })
        .map(|&(_, _, kind)| kind)
}

/// True for control characters that text editors never write: everything
/// below space except tab, LF, VT, FF, CR and ESC (ISO-2022-JP and ANSI
/// colour codes use ESC), plus DEL. Works on bytes and on UTF-16 code units.
fn is_binary_control(unit: u16) -> bool {
    matches!(unit, 0x00..=0x08 | 0x0E..=0x1A | 0x1C..=0x1F | 0x7F)
}

/// Whether a prefix of code units (bytes, or UTF-16 units) looks binary.
///
/// The rule: at least [`MIN_CONTROLS`] binary control units, and more than
/// one in twenty. Uniformly random data (compressed or encrypted content with
/// no magic we know) has 27 such bytes in 256, about 10.5%, and executables
/// and databases far more, so 5% catches them with a wide margin; a story
/// with a few stray NULs stays far below it. The minimum keeps a short text
/// with two or three stray NULs from counting as binary.
pub(super) fn mostly_controls(units: impl Iterator<Item = u16>) -> bool {
    let (mut total, mut controls) = (0usize, 0usize);
    for unit in units {
        total += 1;
        controls += usize::from(is_binary_control(unit));
    }
    controls >= MIN_CONTROLS && controls * 20 > total
}

/// See [`mostly_controls`].
const MIN_CONTROLS: usize = 4;

/// Whether the first [`PREFIX`] bytes look binary (see [`mostly_controls`]).
pub(super) fn looks_binary(bytes: &[u8]) -> bool {
    let prefix = &bytes[..bytes.len().min(PREFIX)];
    mostly_controls(prefix.iter().map(|&b| u16::from(b)))
}

#[cfg(test)]
mod tests {
    use super::{looks_binary, magic_kind};

    #[test]
    fn names_common_binary_formats() {
        assert_eq!(
            magic_kind(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Some("a PNG image")
        );
        assert_eq!(
            magic_kind(b"\xFF\xD8\xFF\xE0\0\x10JFIF"),
            Some("a JPEG image")
        );
        assert_eq!(magic_kind(b"GIF89a\x01\0"), Some("a GIF image"));
        assert_eq!(magic_kind(b"%PDF-1.7\n%\xE2\xE3"), Some("a PDF document"));
        assert_eq!(magic_kind(b"PK\x03\x04\x14\0\0\0"), Some("a ZIP archive"));
        assert_eq!(magic_kind(b"\x1F\x8B\x08\0"), Some("a gzip archive"));
    }

    #[test]
    fn tells_an_epub_from_a_zip() {
        let mut epub = b"PK\x03\x04".to_vec();
        epub.resize(30, 0);
        epub.extend_from_slice(b"mimetypeapplication/epub+zipPK\x03\x04");
        assert_eq!(magic_kind(&epub), Some("an EPUB book"));
    }

    #[test]
    fn text_has_no_magic() {
        assert_eq!(magic_kind(b""), None);
        assert_eq!(magic_kind(b"PK"), None);
        assert_eq!(magic_kind(b"PKs and GIFs are fine in a story."), None);
        assert_eq!(magic_kind(b"%PDF"), None);
    }

    #[test]
    fn control_heavy_prefix_is_binary() {
        assert!(looks_binary(
            b"\x7FELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0"
        ));
        let every_byte: Vec<u8> = (0..=255).collect();
        assert!(looks_binary(&every_byte));
    }

    #[test]
    fn stray_controls_are_not_binary() {
        assert!(!looks_binary(b""));
        assert!(!looks_binary(b"Hello\0 there.\nGeneral\0 Kenobi.\0"));
        assert!(!looks_binary(
            b"Page one.\x0CPage two.\r\n\t\x1B[1mbold\x1B[0m"
        ));
        let mut story = "A quiet line of story text.\n".repeat(40).into_bytes();
        story.extend_from_slice(&[0; 8]);
        assert!(!looks_binary(&story));
    }
}
