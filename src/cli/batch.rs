//! Running one piece of work per input across all cores, with results in
//! input order whatever the scheduling, so output is deterministic.

use rayon::prelude::*;

use crate::cli::inputs::InputFailure;
use crate::cli::report::Terminal;

/// What happened to one input: its name for messages and the work's result.
pub struct Outcome<T> {
    pub name: String,
    pub result: anyhow::Result<T>,
}

/// Run `work` on every item in parallel behind a progress bar. Items that
/// already failed (a missing file, a symlink loop) pass through as failures
/// in their place.
pub fn run<I, T>(
    items: Vec<Result<I, InputFailure>>,
    terminal: &Terminal,
    name: impl Fn(&I) -> String + Sync,
    work: impl Fn(&I) -> anyhow::Result<T> + Sync,
) -> Vec<Outcome<T>>
where
    I: Send,
    T: Send,
{
    let bar = terminal.progress(items.len());
    let outcomes = items
        .into_par_iter()
        .map(|item| {
            let outcome = match item {
                Ok(item) => Outcome {
                    name: name(&item),
                    result: work(&item),
                },
                Err(failure) => Outcome {
                    name: failure.path,
                    result: Err(failure.error),
                },
            };
            bar.inc(1);
            outcome
        })
        .collect();
    bar.finish_and_clear();
    outcomes
}
