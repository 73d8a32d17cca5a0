//! Prepares the built-in misspelling table at build time, so that a run
//! starts with it ready instead of hashing its 64,000 entries first (two
//! thirds of the start-up of a run on a small story).
//!
//! Writes to `OUT_DIR`, for `src/rules/misspellings/dictionary.rs`:
//! the table's two filters, made by the same code the program asks them
//! with (`filters.rs`), and where its entries start, how many there are and
//! their shortest and longest lengths, and where each entry's line starts.
//! The entries themselves stay in the text, which is sorted, and are found
//! by binary search over those line starts.

use std::fmt::Write as _;
use std::path::Path;

#[allow(dead_code)]
#[path = "src/rules/words/keys.rs"]
mod keys;

#[allow(dead_code)]
#[path = "src/rules/misspellings/filters.rs"]
mod filters;

const TABLE: &str = "src/rules/data/misspellings.tsv";

fn main() {
    for input in [
        TABLE,
        "build.rs",
        "src/rules/words/keys.rs",
        "src/rules/misspellings/filters.rs",
    ] {
        println!("cargo::rerun-if-changed={input}");
    }
    let data = std::fs::read_to_string(TABLE).unwrap_or_else(|e| panic!("reading {TABLE}: {e}"));
    let table = Table::read(&data).unwrap_or_else(|e| panic!("{TABLE}: {e}"));
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    let out = Path::new(&out);
    let write = |name: &str, contents: &[u8]| {
        std::fs::write(out.join(name), contents)
            .unwrap_or_else(|e| panic!("writing {name} in {}: {e}", out.display()));
    };
    write("misspellings.filter", &table.filters.filter);
    write("misspellings.key_filter", &table.filters.key_filter);
    write("misspellings.rs", table.constants().as_bytes());
    let starts: Vec<u8> = table.starts.iter().flat_map(|s| s.to_le_bytes()).collect();
    write("misspellings.starts", &starts);
}

/// What the build learns of the table.
struct Table {
    /// The byte range of the entries: every line in it is
    /// `misspelling<TAB>correction`.
    body: std::ops::Range<usize>,
    /// Where each entry's line starts, from the start of `body`.
    starts: Vec<u32>,
    shortest: usize,
    longest: usize,
    filters: filters::Filters,
}

impl Table {
    /// Read the table: `#` comment lines, then entries sorted by
    /// misspelling (byte order), each once. Anything else is refused, since
    /// the program's binary search relies on it.
    fn read(data: &str) -> Result<Table, String> {
        let mut body = None;
        let mut starts = Vec::new();
        let mut filters = filters::Filters::new();
        let (mut shortest, mut longest) = (usize::MAX, 0);
        let mut previous = "";
        let mut at = 0;
        for (number, line) in data.split_inclusive('\n').enumerate() {
            let start = at;
            at += line.len();
            let line = line.strip_suffix('\n').unwrap_or(line);
            if body.is_none() && line.starts_with('#') {
                continue;
            }
            let line_number = number + 1;
            let Some((wrong, right)) = line.split_once('\t') else {
                return Err(format!(
                    "line {line_number}: not `misspelling<TAB>correction`"
                ));
            };
            let clean =
                |field: &str| !field.is_empty() && field.bytes().all(|b| b.is_ascii_lowercase());
            if !clean(wrong) || !clean(right) {
                return Err(format!(
                    "line {line_number}: fields must be lower-case ASCII letters"
                ));
            }
            if wrong <= previous {
                return Err(format!(
                    "line {line_number}: `{wrong}` is out of order or repeated"
                ));
            }
            let body = body.get_or_insert(start..start);
            body.end = start + line.len();
            starts.push(u32::try_from(start - body.start).map_err(|_| "table over 4 GB")?);
            previous = wrong;
            shortest = shortest.min(wrong.len());
            longest = longest.max(wrong.len());
            filters.add(wrong);
        }
        Ok(Table {
            body: body.ok_or("no entries")?,
            starts,
            shortest,
            longest,
            filters,
        })
    }

    /// The Rust constants `dictionary.rs` includes.
    fn constants(&self) -> String {
        let mut out = String::from("// Made by build.rs from src/rules/data/misspellings.tsv.\n");
        let mut constant = |name: &str, value: usize| {
            writeln!(out, "const {name}: usize = {value};").expect("writing to a String");
        };
        constant("BUILT_IN_START", self.body.start);
        constant("BUILT_IN_END", self.body.end);
        constant("BUILT_IN_LEN", self.starts.len());
        constant("BUILT_IN_SHORTEST", self.shortest);
        constant("BUILT_IN_LONGEST", self.longest);
        out
    }
}
