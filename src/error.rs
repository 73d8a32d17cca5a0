//! The library's error type: one variant per real failure, each message saying
//! what happened and, where there is something to do, what to do.

use std::io;

/// Everything that can go wrong between reading bytes and writing a book.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// `--encoding` named something encoding_rs does not know.
    #[error(
        "unknown encoding `{0}`: use a WHATWG label such as utf-8, windows-1252, iso-8859-1, utf-16le or shift_jis"
    )]
    UnknownEncoding(String),

    /// The input is not text at all (an image, an archive, a book).
    #[error("this looks like {kind}, not a text file; ficpress reads plain-text stories")]
    Binary {
        /// A human name for what was found, with its article ("a PNG image").
        kind: &'static str,
    },

    /// Writing the cleaned text back in the file's own encoding would replace
    /// characters that encoding cannot hold.
    #[error(
        "the cleaned text cannot be saved as {encoding} without losing characters; pass --utf8 to save it as UTF-8"
    )]
    Unencodable {
        /// The encoding the file was read in.
        encoding: &'static str,
    },

    /// The input could not be decoded losslessly, so writing it back would lose bytes.
    #[error(
        "the file is not valid {encoding} (some bytes could not be decoded); pass --utf8 to save the repaired text as UTF-8"
    )]
    Lossy {
        /// The encoding the file was read in.
        encoding: &'static str,
    },

    /// Asked of a format that cannot do it (streaming an EPUB).
    #[error("{0}")]
    Unsupported(&'static str),

    /// Reading input or writing output failed.
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// Shorthand for results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
