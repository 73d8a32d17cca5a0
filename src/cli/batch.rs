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
/// the [`Pending`] share of its window it is given. A window's files are
/// flushed and renamed on a thread of their own while the next window is
/// worked on (the disk and the cores busy at once); its outcomes are
/// emitted once that is done, a file that failed then turning its item's
/// outcome into that failure.
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
    let mut items = items.into_iter();
    let result = std::thread::scope(|scope| {
        // The window before, its files still being flushed.
        let mut flushing = None;
        loop {
            let chunk: Vec<_> = items.by_ref().take(window_size).collect();
            let worked = (!chunk.is_empty()).then(|| {
                let window = Window::default();
                let outcomes = work_on(chunk, &window, &name, &work, &bar);
                (outcomes, scope.spawn(move || window.flush()))
            });
            if let Some((outcomes, flush)) = std::mem::replace(&mut flushing, worked) {
                let failed = flush.join().unwrap_or_default();
                emit_all(outcomes, failed, &mut emit)?;
            }
            if flushing.is_none() {
                return Ok(());
            }
        }
    });
    bar.finish_and_clear();
    result
}

/// One window's outcomes, worked on in parallel, in input order.
fn work_on<I: Send, T: Send>(
    chunk: Vec<Result<I, InputFailure>>,
    window: &Window,
    name: &(impl Fn(&I) -> String + Sync),
    work: &(impl Fn(&I, &Pending) -> anyhow::Result<T> + Sync),
    bar: &indicatif::ProgressBar,
) -> Vec<Outcome<T>> {
    chunk
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
        .collect()
}

/// Emit a flushed window's outcomes, its failed files' errors in their
/// items' place.
fn emit_all<T>(
    mut outcomes: Vec<Outcome<T>>,
    failed: Vec<(usize, anyhow::Error)>,
    emit: &mut impl FnMut(Outcome<T>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    for (slot, error) in failed {
        if let Some(outcome) = outcomes.get_mut(slot) {
            outcome.result = Err(error);
        }
    }
    outcomes.into_iter().try_for_each(emit)
}
