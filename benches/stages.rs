//! Per-stage benchmarks: how many bytes per second each stage of the pipeline
//! handles, on fixed inputs built from `fixtures/`.
//!
//! ```text
//! bytes ──decode──▶ text ──fix──▶ text ──split──▶ blocks ──detect──▶ Story ──render──▶ output
//! ```
//!
//! Two inputs, both derived from the bundled fixtures so the numbers never
//! depend on files outside the repository:
//!
//! * `seeds`: the story seeds `fixtures/*.txt`, concatenated (~50 KB, a
//!   typical fan-fiction story);
//! * `1mb`: every story in `fixtures/` and `fixtures/structure/` replicated
//!   to 1 MiB, with a `Chapter N` heading every ~20 KB (a long multi-chapter
//!   story).
//!
//! Every benchmark reports throughput in bytes of its input text. Run with
//! `cargo bench --bench stages` (`just bench`); pass a filter to run a few,
//! e.g. `cargo bench --bench stages -- rules`.

use std::sync::LazyLock;
use std::time::Duration;

use divan::Bencher;
use divan::counter::BytesCount;
use ficpress::rules::engine::{check, fix};
use ficpress::rules::{Applicability, RuleOptions, Vocabulary};
use ficpress::{Block, DecodeOptions, FixOptions, Format, ReadOptions, RenderOptions, Story};

/// The inputs every benchmark runs on, by name.
const INPUTS: &[&str] = &["seeds", "1mb"];

/// Size of the large input.
const LARGE_BYTES: usize = 1 << 20;

/// A chapter heading goes in after this many bytes of text.
const CHAPTER_BYTES: usize = 20_000;

fn main() {
    // Defaults that keep `cargo bench` to a minute or two on a small machine;
    // command-line options (`--sample-count`, `--max-time`) override them.
    divan::Divan::default()
        .sample_count(20)
        .max_time(Duration::from_secs(2))
        .config_with_args()
        .main();
}

/// One input, with what each stage needs precomputed.
struct Input {
    /// The decoded text (what the rules and the splitter see).
    text: String,
    /// The text as windows-1252 bytes, for the legacy-encoding decoder.
    windows_1252: Vec<u8>,
    /// The blocks of the fixed text (what structure detection sees).
    blocks: Vec<Block>,
    /// The names learned from the text (what the rules consult).
    vocabulary: Vocabulary,
    /// The finished story (what the renderers see).
    story: Story,
}

impl Input {
    fn new(raw: String) -> Input {
        let text = ficpress::decode::decode(raw.as_bytes(), &DecodeOptions::default())
            .expect("fixtures decode")
            .text;
        let (windows_1252, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
        let document = ficpress::read_story(text.as_bytes(), &read_options()).expect("read story");
        Input {
            windows_1252: windows_1252.into_owned(),
            blocks: ficpress::split::split(&document.text).blocks,
            vocabulary: Vocabulary::learn(&text),
            story: document.story,
            text,
        }
    }
}

/// The options `ficpress convert` reads with: safe fixes on.
fn read_options() -> ReadOptions {
    ReadOptions {
        fallback_title: Some("Benchmark".to_string()),
        fix: Some(FixOptions::default()),
        ..ReadOptions::default()
    }
}

static SEEDS: LazyLock<Input> = LazyLock::new(|| Input::new(seeds()));
static LARGE: LazyLock<Input> = LazyLock::new(|| Input::new(large()));

fn input(name: &str) -> &'static Input {
    match name {
        "seeds" => &SEEDS,
        "1mb" => &LARGE,
        other => panic!("unknown benchmark input {other}"),
    }
}

/// The text files directly inside `fixtures/<folder>`, sorted by name.
fn fixture_texts(folder: &str) -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(folder);
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|path| {
            let bytes = std::fs::read(path).expect("fixture readable");
            // Decode as the CLI does: line endings normalised, BOM dropped.
            ficpress::decode::decode(&bytes, &DecodeOptions::default())
                .expect("fixture decodes")
                .text
        })
        .collect()
}

/// The story seeds, one after the other.
fn seeds() -> String {
    fixture_texts("").join("\n\n")
}

/// Every fixture story, replicated to [`LARGE_BYTES`] with chapter headings.
fn large() -> String {
    let stories: Vec<String> = ["", "structure"]
        .into_iter()
        .flat_map(fixture_texts)
        .collect();
    let mut text = String::with_capacity(LARGE_BYTES + CHAPTER_BYTES);
    let mut chapter = 0;
    let mut since_heading = usize::MAX;
    for story in stories.iter().cycle() {
        if text.len() >= LARGE_BYTES {
            break;
        }
        if since_heading >= CHAPTER_BYTES {
            chapter += 1;
            text.push_str(&format!("Chapter {chapter}\n\n"));
            since_heading = 0;
        }
        text.push_str(story.trim_end());
        text.push_str("\n\n");
        since_heading += story.len();
    }
    text
}

#[divan::bench(args = INPUTS)]
fn decode_utf8(bencher: Bencher, name: &str) {
    let bytes = input(name).text.as_bytes();
    bencher
        .counter(BytesCount::of_slice(bytes))
        .bench(|| ficpress::decode::decode(bytes, &DecodeOptions::default()));
}

/// A legacy file: the encoding is sniffed, then the text converted.
#[divan::bench(args = INPUTS)]
fn decode_windows_1252(bencher: Bencher, name: &str) {
    let bytes = &input(name).windows_1252;
    bencher
        .counter(BytesCount::of_slice(bytes))
        .bench(|| ficpress::decode::decode(bytes, &DecodeOptions::default()));
}

#[divan::bench(args = INPUTS)]
fn split(bencher: Bencher, name: &str) {
    let text = &input(name).text;
    bencher
        .counter(BytesCount::of_str(text))
        .bench(|| ficpress::split::split(text));
}

#[divan::bench(args = INPUTS)]
fn detect(bencher: Bencher, name: &str) {
    let input = input(name);
    bencher
        .counter(BytesCount::of_str(&input.text))
        .with_inputs(|| input.blocks.clone())
        .bench_local_values(|blocks| ficpress::structure::detect(blocks, Some("Benchmark")));
}

#[divan::bench(args = INPUTS)]
fn rules_vocabulary(bencher: Bencher, name: &str) {
    let text = &input(name).text;
    bencher
        .counter(BytesCount::of_str(text))
        .bench(|| Vocabulary::learn(text));
}

#[divan::bench(args = INPUTS)]
fn rules_check(bencher: Bencher, name: &str) {
    let input = input(name);
    let options = RuleOptions::default();
    bencher
        .counter(BytesCount::of_str(&input.text))
        .bench(|| check(&input.text, &options, &input.vocabulary));
}

#[divan::bench(args = INPUTS)]
fn rules_fix(bencher: Bencher, name: &str) {
    let input = input(name);
    let options = RuleOptions::default();
    bencher.counter(BytesCount::of_str(&input.text)).bench(|| {
        fix(
            &input.text,
            &options,
            &input.vocabulary,
            Applicability::Safe,
        )
    });
}

fn bench_render(bencher: Bencher, name: &str, format: Format) {
    let input = input(name);
    let options = RenderOptions::default();
    bencher.counter(BytesCount::of_str(&input.text)).bench(|| {
        let mut out = Vec::with_capacity(input.text.len() * 2);
        ficpress::render(&input.story, format, &options, &mut out).expect("render");
        out
    });
}

#[divan::bench(args = INPUTS)]
fn render_epub(bencher: Bencher, name: &str) {
    bench_render(bencher, name, Format::Epub);
}

#[divan::bench(args = INPUTS)]
fn render_markdown(bencher: Bencher, name: &str) {
    bench_render(bencher, name, Format::Markdown);
}

#[divan::bench(args = INPUTS)]
fn render_text(bencher: Bencher, name: &str) {
    bench_render(bencher, name, Format::Text);
}

#[divan::bench(args = INPUTS)]
fn render_json(bencher: Bencher, name: &str) {
    bench_render(bencher, name, Format::Json);
}

/// The whole reading half as `convert` runs it: decode, fix, split, detect.
#[divan::bench(args = INPUTS)]
fn read_story(bencher: Bencher, name: &str) {
    let bytes = input(name).text.as_bytes();
    let options = read_options();
    bencher
        .counter(BytesCount::of_slice(bytes))
        .bench(|| ficpress::read_story(bytes, &options));
}
