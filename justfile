# Development tasks. `just ci` runs exactly what CI runs.

default:
    @just --list

# Convert the bundled fixtures to EPUB in output/ (the README's quick start).
demo:
    cargo run --release -- convert fixtures/ --to epub

# Run the tests (needs epubcheck: apt-get install -y epubcheck).
test:
    cargo test

# Review pending snapshot changes.
review:
    cargo insta review

# What CI runs.
ci:
    bash .ci/run

# Format and lint.
lint:
    cargo fmt
    cargo clippy --all-targets -- -D warnings

# Run `ficpress clean --jsonl` under Apache Spark (RDD.pipe, local mode) on a
# corpus sample and check it against a direct run; installs PySpark into
# target/spark/ on first use (needs Java 17+ and ../shared/corpus).
spark *ARGS:
    bench/spark/run.sh {{ARGS}}

# Per-stage benchmarks (divan): decode, split, detect, rules, each renderer.
bench *ARGS:
    cargo bench --bench stages -- {{ARGS}}

# ficpress vs pandoc and Calibre on the same stories (installs them when missing).
bench-compare *ARGS:
    bash bench/compare.sh {{ARGS}}

# Linear cost, bounded memory, pathological inputs (`just bench-scale --full` adds 1 GB).
bench-scale *ARGS:
    bash bench/scale.sh {{ARGS}}

# Fuzz TARGET (`decode` or `pipeline`) for SECONDS on one core, niced, seeded
# from fixtures/, fuzz/seeds/ and ../shared/corpus (needs `cargo install
# cargo-fuzz`). Findings: fuzz/artifacts/TARGET/; log: fuzz/logs/TARGET.log.
fuzz TARGET="pipeline" SECONDS="1800":
    fuzz/run.sh {{TARGET}} {{SECONDS}}

# Batch throughput: 10,000 stories to EPUB and Markdown, 1 thread vs all cores, identical output.
bench-batch *ARGS:
    bash bench/batch.sh {{ARGS}}

# Diff everything two builds write over fixtures/ and the corpus (speed work must not change a byte).
same-output BASELINE *CANDIDATE:
    bash bench/same-output.sh {{BASELINE}} {{CANDIDATE}}

# Two builds on one command, run in turn (drift falls on both alike); --instructions counts under callgrind.
head-to-head OLD *ARGS:
    bash bench/head-to-head.sh {{OLD}} {{ARGS}}
