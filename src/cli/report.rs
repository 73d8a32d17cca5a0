//! What the user sees on the terminal besides the outputs themselves: error
//! lines, the summary line, the progress bar, and colour only where it helps.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::cli::args::ColorChoice;

/// Terminal settings for one run.
#[derive(Debug, Clone, Copy)]
pub struct Terminal {
    pub quiet: bool,
    /// Colour on standard error.
    pub color_stderr: bool,
    /// Colour on standard output (check findings).
    pub color_stdout: bool,
}

impl Terminal {
    pub fn new(quiet: bool, choice: ColorChoice) -> Self {
        let wants = |is_terminal: bool| match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        };
        Terminal {
            quiet,
            color_stderr: wants(std::io::stderr().is_terminal()),
            color_stdout: wants(std::io::stdout().is_terminal()),
        }
    }

    /// Print `error: PATH: cause` on standard error.
    pub fn error(&self, path: &str, error: &anyhow::Error) {
        let label = paint(self.color_stderr, "1;31", "error");
        if path.is_empty() {
            eprintln!("{label}: {error:#}");
        } else {
            eprintln!("{label}: {path}: {error:#}");
        }
    }

    /// Print the one-line summary of a batch, unless quiet.
    pub fn summary(&self, verb: &str, done: usize, skipped: usize, failed: usize) {
        if self.quiet {
            return;
        }
        let failed_text = format!("failed {failed}");
        let failed_text = if failed > 0 {
            paint(self.color_stderr, "1;31", &failed_text)
        } else {
            failed_text
        };
        eprintln!("{verb} {done}, skipped {skipped}, {failed_text}");
    }

    /// A progress bar on standard error for batches, hidden when quiet, when
    /// standard error is not a terminal, or for a single story.
    pub fn progress(&self, total: usize) -> ProgressBar {
        if self.quiet || total < 2 || !std::io::stderr().is_terminal() {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} {per_sec} ETA {eta}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    }
}

/// Wrap `text` in an ANSI style when `enabled`.
pub fn paint(enabled: bool, style: &str, text: &str) -> String {
    if enabled {
        format!("\x1b[{style}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}
