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
