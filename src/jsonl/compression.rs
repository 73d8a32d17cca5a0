//! Compressed JSON Lines: `.jsonl.gz` and `.jsonl.zst`, recognised by their
//! first bytes (a file's name can lie; its magic number cannot).

use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

/// How a JSON Lines stream is compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    /// Plain text.
    None,
    /// gzip (`.gz`), including the multi-member files `pigz` and `bgzip` write.
    Gzip,
    /// Zstandard (`.zst`), including multi-frame files.
    Zstd,
}

const GZIP_MAGIC: &[u8] = &[0x1f, 0x8b];
const ZSTD_MAGIC: &[u8] = &[0x28, 0xb5, 0x2f, 0xfd];

/// Room for the longest magic number.
const MAGIC_LEN: usize = 4;

/// Bytes read from the compressed input at a time, and the capacity of the
/// buffer that splits the decompressed text into lines.
const BUFFER: usize = 256 * 1024;

impl Compression {
    /// What a file name's extension promises.
    pub fn from_extension(path: &Path) -> Compression {
        match path.extension().and_then(|ext| ext.to_str()) {
            Some(ext) if ext.eq_ignore_ascii_case("gz") => Compression::Gzip,
            Some(ext) if ext.eq_ignore_ascii_case("zst") => Compression::Zstd,
            _ => Compression::None,
        }
    }

    /// What the stream's first bytes say. Neither magic number can start
    /// JSON text (0x1f is a control character; `(` is not a JSON value).
    pub fn from_magic(head: &[u8]) -> Compression {
        if head.starts_with(GZIP_MAGIC) {
            Compression::Gzip
        } else if head.starts_with(ZSTD_MAGIC) {
            Compression::Zstd
        } else {
            Compression::None
        }
    }

    /// The name users know this compression by.
    pub fn name(self) -> &'static str {
        match self {
            Compression::None => "uncompressed",
            Compression::Gzip => "gzip",
            Compression::Zstd => "zstd",
        }
    }
}

/// Wrap `input` so that it reads as JSON Lines text, decompressing it when
/// its first bytes are a gzip or zstd magic number. Returns the compression
/// found, so a caller can compare it with what a file's name promised.
pub fn decompress(
    mut input: impl Read + Send + 'static,
) -> io::Result<(Compression, Box<dyn BufRead + Send>)> {
    let mut head = Vec::with_capacity(MAGIC_LEN);
    // A pipe may deliver fewer bytes than asked; read until the magic
    // number is complete or the input ends.
    (&mut input).take(MAGIC_LEN as u64).read_to_end(&mut head)?;
    let compression = Compression::from_magic(&head);
    let input = io::Cursor::new(head).chain(input);
    let reader: Box<dyn BufRead + Send> = match compression {
        Compression::None => Box::new(BufReader::with_capacity(BUFFER, input)),
        Compression::Gzip => {
            let decoder =
                flate2::read::MultiGzDecoder::new(BufReader::with_capacity(BUFFER, input));
            Box::new(BufReader::with_capacity(BUFFER, decoder))
        }
        Compression::Zstd => {
            let decoder = zstd::stream::read::Decoder::new(input)?;
            Box::new(BufReader::with_capacity(BUFFER, decoder))
        }
    };
    Ok((compression, reader))
}

#[cfg(test)]
mod tests {
    use std::io::{Read, Write};

    use super::{Compression, decompress};

    const TEXT: &[u8] = b"{\"id\":1,\"text\":\"a\"}\n";

    fn read_all(bytes: Vec<u8>) -> (Compression, Vec<u8>) {
        let (compression, mut reader) = decompress(std::io::Cursor::new(bytes)).unwrap();
        let mut out = Vec::new();
        reader.read_to_end(&mut out).unwrap();
        (compression, out)
    }

    #[test]
    fn plain_text_passes_through() {
        assert_eq!(read_all(TEXT.to_vec()), (Compression::None, TEXT.to_vec()));
        assert_eq!(read_all(Vec::new()), (Compression::None, Vec::new()));
        assert_eq!(read_all(b"{".to_vec()), (Compression::None, b"{".to_vec()));
    }

    #[test]
    fn gzip_with_several_members_is_read_whole() {
        let mut bytes = Vec::new();
        for _ in 0..2 {
            let mut encoder = flate2::write::GzEncoder::new(Vec::new(), Default::default());
            encoder.write_all(TEXT).unwrap();
            bytes.extend(encoder.finish().unwrap());
        }
        assert_eq!(read_all(bytes), (Compression::Gzip, TEXT.repeat(2)));
    }

    #[test]
    fn zstd_with_several_frames_is_read_whole() {
        let mut bytes = zstd::encode_all(TEXT, 3).unwrap();
        bytes.extend(zstd::encode_all(TEXT, 3).unwrap());
        assert_eq!(read_all(bytes), (Compression::Zstd, TEXT.repeat(2)));
    }

    #[test]
    fn extensions_name_the_compression() {
        for (name, expected) in [
            ("a.jsonl.gz", Compression::Gzip),
            ("a.JSONL.GZ", Compression::Gzip),
            ("a.jsonl.zst", Compression::Zstd),
            ("a.jsonl", Compression::None),
            ("-", Compression::None),
        ] {
            assert_eq!(
                Compression::from_extension(name.as_ref()),
                expected,
                "{name}"
            );
        }
    }
}
