//! Per-stage benchmarks (divan). Placeholder replaced by the benchmark work.
fn main() {
    divan::main();
}
