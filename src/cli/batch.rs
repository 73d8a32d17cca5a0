//! Running one piece of work per input across all cores, with results in
//! input order whatever the scheduling, so output is deterministic.
//!
//! Inputs are processed a window at a time and each window's results are
//! handed on before the next starts, so a batch of a million stories never
//! holds more than one window's output in memory.

use rayon::prelude::*;

use crate::cli::inputs::InputFailure;
use crate::cli::report::Terminal;
use crate::cli::write::{Pending, Window};

/// What happened to one input: its name for messages and the work's result.
pub struct Outcome<T> {
    pub name: String,
    pub result: anyhow::Result<T>,
}

/// Inputs in flight per core: enough that one slow story rarely leaves a
/// core idle at the end of a window, few enough to bound memory.
const WINDOW_PER_THREAD: usize = 32;

/// Run `work` on every item in parallel behind a progress bar and give each
/// outcome to `emit` in input order. Items that already failed (a missing
/// file, a symlink loop) pass through as failures in their place. Stops at
/// the first error `emit` returns (standard output closed, say).
///
/// `work` writes its files with [`crate::cli::write::write_atomically`] and
/// the [`Pending`] share of the window it is given; the window's files are
/// flushed and renamed at its end, before its outcomes are emitted, and a
/// file that fails then turns its item's outcome into that failure.
pub fn run<I, T>(
    items: Vec<Result<I, InputFailure>>,
    terminal: &Terminal,
    name: impl Fn(&I) -> String + Sync,
    work: impl Fn(&I, &Pending) -> anyhow::Result<T> + Sync,
    mut emit: impl FnMut(Outcome<T>) -> std::io::Result<()>,
) -> std::io::Result<()>
where
    I: Send,
    T: Send,
{
    let bar = terminal.progress(items.len());
    let window_size = rayon::current_num_threads().max(1) * WINDOW_PER_THREAD;
    let window = Window::default();
    let mut items = items.into_iter();
    loop {
        let chunk: Vec<_> = items.by_ref().take(window_size).collect();
        if chunk.is_empty() {
            break;
        }
        let mut outcomes: Vec<Outcome<T>> = chunk
            .into_par_iter()
            .enumerate()
            .map(|(slot, item)| {
                let outcome = match item {
                    Ok(item) => Outcome {
                        name: name(&item),
                        result: work(&item, &window.slot(slot)),
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
        for (slot, error) in window.flush() {
            if let Some(outcome) = outcomes.get_mut(slot) {
                outcome.result = Err(error);
            }
        }
        for outcome in outcomes {
            if let Err(error) = emit(outcome) {
                bar.finish_and_clear();
                return Err(error);
            }
        }
    }
    bar.finish_and_clear();
    Ok(())
}
