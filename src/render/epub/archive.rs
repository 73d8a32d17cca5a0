//! Reproducible EPUB archives, written in one pass.
//!
//! An EPUB is a zip archive with one layout rule: `mimetype` comes first and
//! is stored uncompressed, so reading systems can sniff
//! `application/epub+zip` at a fixed offset. [`Archive`] writes that entry
//! when it is created, then each file as it is added, deflated, with a fixed
//! timestamp (1980-01-01, the zip epoch) and fixed permissions, so the same
//! story always gives the same bytes — what makes snapshot tests and build
//! caches work.
//!
//! Why our own writer rather than the `zip` crate (or epub-builder, which
//! wraps it and keeps its `Zip` trait private, so its back end cannot be
//! replaced): a small book is a dozen small entries, and `zip` builds a new
//! deflate state for each one, which cost more than compressing the text
//! (measured: 60% of a batch's EPUB instructions went to epub-builder, the
//! per-entry deflate states and re-packing its archive for fixed times).
//! Here entries are deflated by libdeflate (one compressor per thread, with
//! no state to clear between entries), and the entries every book shares
//! (container, stylesheet) are compressed once per process.
//! Only the plain zip subset readers must all support is written: no
//! encryption, no data descriptors, no extra fields; zip64 end records only
//! when a book has more entries than the classic format can count.

use std::cell::RefCell;
use std::io::{self, Write};
use std::sync::OnceLock;

use flate2::Crc;

/// The entry reading systems sniff; it must be first and stored.
const MIMETYPE: &str = "mimetype";
const MIMETYPE_CONTENT: &[u8] = b"application/epub+zip";

/// libdeflate's level 1. Measured on 300 corpus stories made into books:
/// level 1 takes 370 M instructions and writes 3.94 MB, level 2 576 M and
/// 3.88 MB, level 6 713 M and 3.77 MB; miniz_oxide (flate2's default
/// back end) at level 2 took 1,432 M for 4.04 MB, a third of them spent
/// clearing its tables between entries. Compression was most of a book's
/// cost, and 4% of size does not matter to a reader.
const LEVEL: i32 = 1;

/// Compression methods (APPNOTE 4.4.5).
const STORED: u16 = 0;
const DEFLATED: u16 = 8;
/// 1980-01-01 00:00:00 in MS-DOS form: time 0, date (0 << 9) | (1 << 5) | 1.
const DOS_TIME: u16 = 0;
const DOS_DATE: u16 = 0x0021;
/// Made by Unix (3) with zip 2.0 features, so the permissions are read.
const VERSION_MADE_BY: u16 = (3 << 8) | 20;
/// A regular file, `rw-r--r--`, in the Unix half of the external attributes.
const EXTERNAL_ATTRIBUTES: u32 = 0o100_644 << 16;

/// An entry's content as it goes into the archive.
pub struct Packed {
    method: u16,
    crc: u32,
    size: usize,
    data: Vec<u8>,
}

impl Packed {
    /// `content` deflated (with this thread's compressor).
    pub fn deflated(content: &[u8]) -> io::Result<Packed> {
        Ok(Packed {
            method: DEFLATED,
            crc: crc32(content),
            size: content.len(),
            data: deflate(content)?,
        })
    }

    /// `content` stored as it is.
    fn stored(content: &[u8]) -> Packed {
        Packed {
            method: STORED,
            crc: crc32(content),
            size: content.len(),
            data: content.to_vec(),
        }
    }
}

/// What the central directory needs to know about a written entry.
struct Written {
    name: String,
    method: u16,
    crc: u32,
    compressed: u32,
    size: u32,
    offset: u32,
}

/// A zip archive being written to `out`, entries in the order added.
pub struct Archive<'a> {
    out: &'a mut dyn Write,
    offset: u64,
    entries: Vec<Written>,
}

impl<'a> Archive<'a> {
    /// Start an EPUB archive: the stored `mimetype` entry is written first.
    pub fn new(out: &'a mut dyn Write) -> io::Result<Archive<'a>> {
        let mut archive = Archive {
            out,
            offset: 0,
            entries: Vec::new(),
        };
        archive.add_packed(MIMETYPE, &Packed::stored(MIMETYPE_CONTENT))?;
        Ok(archive)
    }

    /// Add `content` as `name`, deflated.
    pub fn add(&mut self, name: &str, content: &[u8]) -> io::Result<()> {
        self.add_packed(name, &Packed::deflated(content)?)
    }

    /// Add content packed earlier (shared by every book) as `name`.
    pub fn add_packed(&mut self, name: &str, packed: &Packed) -> io::Result<()> {
        let written = Written {
            name: name.to_string(),
            method: packed.method,
            crc: packed.crc,
            compressed: classic(packed.data.len() as u64)?,
            size: classic(packed.size as u64)?,
            offset: classic(self.offset)?,
        };
        let mut header = Vec::with_capacity(30 + name.len());
        put32(&mut header, 0x0403_4b50);
        put16(&mut header, version_needed(written.method));
        put16(&mut header, 0); // flags
        put16(&mut header, written.method);
        put16(&mut header, DOS_TIME);
        put16(&mut header, DOS_DATE);
        put32(&mut header, written.crc);
        put32(&mut header, written.compressed);
        put32(&mut header, written.size);
        put16(&mut header, name_len(name)?);
        put16(&mut header, 0); // extra field length
        header.extend_from_slice(name.as_bytes());
        self.write(&header)?;
        self.write(&packed.data)?;
        self.entries.push(written);
        Ok(())
    }

    /// Write the central directory and the end records.
    pub fn finish(mut self) -> io::Result<()> {
        let start = self.offset;
        let mut directory = Vec::with_capacity(self.entries.len() * 64);
        for entry in &self.entries {
            put32(&mut directory, 0x0201_4b50);
            put16(&mut directory, VERSION_MADE_BY);
            put16(&mut directory, version_needed(entry.method));
            put16(&mut directory, 0); // flags
            put16(&mut directory, entry.method);
            put16(&mut directory, DOS_TIME);
            put16(&mut directory, DOS_DATE);
            put32(&mut directory, entry.crc);
            put32(&mut directory, entry.compressed);
            put32(&mut directory, entry.size);
            put16(&mut directory, name_len(&entry.name)?);
            put16(&mut directory, 0); // extra field length
            put16(&mut directory, 0); // comment length
            put16(&mut directory, 0); // disk number
            put16(&mut directory, 0); // internal attributes
            put32(&mut directory, EXTERNAL_ATTRIBUTES);
            put32(&mut directory, entry.offset);
            directory.extend_from_slice(entry.name.as_bytes());
        }
        self.write(&directory)?;
        let size = directory.len() as u64;
        let count = self.entries.len() as u64;
        let mut end = Vec::with_capacity(98);
        let count16 = match u16::try_from(count) {
            Ok(count) if count < u16::MAX => count,
            _ => {
                // Too many entries for the classic record: zip64 end
                // record and locator, and the classic counts saturated.
                let record = self.offset;
                put32(&mut end, 0x0606_4b50);
                put64(&mut end, 44); // the record's size after this field
                put16(&mut end, VERSION_MADE_BY);
                put16(&mut end, 45); // zip64
                put32(&mut end, 0); // this disk
                put32(&mut end, 0); // the directory's disk
                put64(&mut end, count);
                put64(&mut end, count);
                put64(&mut end, size);
                put64(&mut end, start);
                put32(&mut end, 0x0706_4b50);
                put32(&mut end, 0); // the record's disk
                put64(&mut end, record);
                put32(&mut end, 1); // disks in all
                u16::MAX
            }
        };
        put32(&mut end, 0x0605_4b50);
        put16(&mut end, 0); // this disk
        put16(&mut end, 0); // the directory's disk
        put16(&mut end, count16);
        put16(&mut end, count16);
        put32(&mut end, classic(size)?);
        put32(&mut end, classic(start)?);
        put16(&mut end, 0); // comment length
        self.write(&end)?;
        self.out.flush()
    }

    fn write(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.out.write_all(bytes)?;
        self.offset += bytes.len() as u64;
        Ok(())
    }
}

/// `content` packed once per process, for entries every book shares.
pub fn shared(cell: &'static OnceLock<Packed>, content: &[u8]) -> io::Result<&'static Packed> {
    if let Some(packed) = cell.get() {
        return Ok(packed);
    }
    let packed = Packed::deflated(content)?;
    Ok(cell.get_or_init(|| packed))
}

fn version_needed(method: u16) -> u16 {
    if method == DEFLATED { 20 } else { 10 }
}

/// A size or offset in a classic (32-bit) field. Beyond 4 GiB the entry
/// would need zip64 extra fields, which a book held in memory never reaches.
fn classic(value: u64) -> io::Result<u32> {
    u32::try_from(value).map_err(|_| io::Error::other("the EPUB would be larger than 4 GiB"))
}

fn name_len(name: &str) -> io::Result<u16> {
    u16::try_from(name.len()).map_err(|_| io::Error::other("an EPUB entry name is too long"))
}

fn put16(out: &mut Vec<u8>, value: u16) {
    out.extend_from_slice(&value.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, value: u32) {
    out.extend_from_slice(&value.to_le_bytes());
}

fn put64(out: &mut Vec<u8>, value: u64) {
    out.extend_from_slice(&value.to_le_bytes());
}

fn crc32(content: &[u8]) -> u32 {
    let mut crc = Crc::new();
    crc.update(content);
    crc.sum()
}

thread_local! {
    /// This thread's raw-deflate compressor (libdeflate keeps no state
    /// between calls, so one serves every entry).
    static COMPRESSOR: RefCell<Option<libdeflater::Compressor>> = const { RefCell::new(None) };
}

/// `content` as a raw deflate stream (what zip entries hold).
fn deflate(content: &[u8]) -> io::Result<Vec<u8>> {
    COMPRESSOR.with(|compressor| {
        let mut compressor = compressor.borrow_mut();
        let compressor = compressor.get_or_insert_with(|| {
            libdeflater::Compressor::new(
                libdeflater::CompressionLvl::new(LEVEL).unwrap_or_default(),
            )
        });
        let mut out = vec![0; compressor.deflate_compress_bound(content.len())];
        let written = compressor
            .deflate_compress(content, &mut out)
            .map_err(|error| io::Error::other(format!("deflate: {error:?}")))?;
        out.truncate(written);
        Ok(out)
    })
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Read};
    use std::sync::OnceLock;

    use zip::{CompressionMethod, DateTime, ZipArchive};

    use super::{Archive, Packed, shared};

    fn archive_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut archive = Archive::new(&mut out).unwrap();
        for (name, content) in entries {
            archive.add(name, content).unwrap();
        }
        archive.finish().unwrap();
        out
    }

    #[test]
    fn mimetype_stays_first_and_stored_and_times_are_fixed() {
        let out = archive_of(&[("OEBPS/a.xhtml", b"<p>hello</p>")]);
        assert_eq!(&out[30..38], b"mimetype");
        assert_eq!(&out[38..58], b"application/epub+zip");
        let mut archive = ZipArchive::new(Cursor::new(out)).unwrap();
        let names: Vec<_> = archive.file_names().map(str::to_string).collect();
        assert_eq!(names, ["mimetype", "OEBPS/a.xhtml"]);
        for index in 0..archive.len() {
            let entry = archive.by_index(index).unwrap();
            assert_eq!(
                entry.last_modified(),
                Some(DateTime::default()),
                "{}",
                entry.name()
            );
            assert_eq!(entry.unix_mode(), Some(0o100_644), "{}", entry.name());
            let expected = if index == 0 {
                CompressionMethod::Stored
            } else {
                CompressionMethod::Deflated
            };
            assert_eq!(entry.compression(), expected, "{}", entry.name());
        }
    }

    #[test]
    fn entries_read_back_whatever_their_size() {
        let big: Vec<u8> = (0..300_000u32).flat_map(|n| n.to_le_bytes()).collect();
        let entries: [(&str, &[u8]); 4] = [
            ("a.txt", b""),
            ("b.txt", b"text text text text"),
            ("c.bin", &big),
            ("d.txt", b"after"),
        ];
        let out = archive_of(&entries);
        let mut archive = ZipArchive::new(Cursor::new(out)).unwrap();
        for (name, content) in entries {
            let mut read = Vec::new();
            archive
                .by_name(name)
                .unwrap()
                .read_to_end(&mut read)
                .unwrap();
            assert_eq!(read, content, "{name}");
        }
    }

    #[test]
    fn more_entries_than_the_classic_count_holds() {
        let names: Vec<String> = (0..70_000).map(|n| format!("{n}.txt")).collect();
        let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b"x"[..])).collect();
        let out = archive_of(&entries);
        let archive = ZipArchive::new(Cursor::new(out)).unwrap();
        assert_eq!(archive.len(), 70_001);
    }

    #[test]
    fn same_content_same_bytes() {
        let entries: [(&str, &[u8]); 2] = [("a", b"one two one two"), ("b", b"three")];
        assert_eq!(archive_of(&entries), archive_of(&entries));
    }

    #[test]
    fn shared_entries_are_packed_once() {
        static CELL: OnceLock<Packed> = OnceLock::new();
        let first = shared(&CELL, b"body { }").unwrap() as *const Packed;
        let second = shared(&CELL, b"body { }").unwrap() as *const Packed;
        assert_eq!(first, second);
    }
}
