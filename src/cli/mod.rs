//! The command-line front end: argument parsing, batches, terminal output and
//! exit codes. Everything about stories themselves lives in the library.

pub mod args;
mod batch;
mod check;
mod clean;
mod config;
mod convert;
mod findings;
mod inputs;
mod jsonl;
mod report;
mod rules;
mod write;

use args::{Cli, Command, InputArgs};
use report::Terminal;

/// The process exit codes, documented in `--help` and the README.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitCode {
    /// Everything worked and there is nothing to report.
    Success = 0,
    /// `check` found problems, or `clean --check` would change a file.
    Findings = 1,
    /// An input could not be processed, or the command line was wrong.
    Error = 2,
}

/// Run a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let terminal = Terminal::new(cli.quiet, cli.color);
    set_threads(cli.threads);
    match &cli.command {
        Command::Convert(args) => convert::run(args, &terminal),
        Command::Clean(args) => clean::run(args, &terminal),
        Command::Check(args) => check::run(args, &terminal),
        Command::Rules(args) => rules::run(args),
    }
}

/// Size the pool batches run on: `--threads`, else rayon's default (the
/// `RAYON_NUM_THREADS` variable, else one worker per core).
fn set_threads(threads: Option<std::num::NonZeroUsize>) {
    if let Some(threads) = threads {
        // Fails only if the pool already exists (it never does this early).
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(threads.get())
            .build_global();
    }
}

/// Print an error that stops the whole command (not tied to one input).
pub fn report_fatal(cli_color: args::ColorChoice, error: &anyhow::Error) {
    Terminal::new(false, cli_color).error("", error);
}

/// What every command that reads stories knows before it starts: the
/// forced encoding and the project's `ficpress.toml`.
pub struct Settings {
    encoding: Option<&'static encoding_rs::Encoding>,
    pub config: config::Config,
    unsafe_fixes: bool,
}

impl Settings {
    /// Resolve `--encoding` (an unknown label is a usage error for the whole
    /// run) and find the configuration.
    pub fn new(input: &InputArgs) -> anyhow::Result<Settings> {
        let encoding = input
            .encoding
            .as_deref()
            .map(ficpress::decode::encoding_for_label)
            .transpose()?;
        let start = input
            .inputs
            .iter()
            .find(|path| path.as_os_str() != "-")
            .cloned()
            .unwrap_or_else(|| std::path::PathBuf::from("."));
        let config = config::Config::load(input.config.as_deref(), &start)?;
        let unsafe_fixes = input.unsafe_fixes || config.rules.unsafe_fixes;
        Ok(Settings {
            encoding,
            config,
            unsafe_fixes,
        })
    }

    /// How to read one file: decoding, and the fixes to apply (`fix` false:
    /// none). `epub` turns typographic quotes on unless configured off.
    pub fn read_options(
        &self,
        file: Option<&std::path::Path>,
        fix: bool,
        epub: bool,
    ) -> ficpress::ReadOptions {
        ficpress::ReadOptions {
            decode: ficpress::DecodeOptions {
                encoding: self.encoding,
            },
            fallback_title: None,
            fix: fix.then(|| ficpress::FixOptions {
                rules: self.config.rule_options(file, epub),
                unsafe_fixes: self.unsafe_fixes,
                accepted_words: self.config.words.accept.clone(),
            }),
        }
    }
}

/// Whether standard output was closed under us (`ficpress ... | head`).
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || matches!(
                cause.downcast_ref::<ficpress::Error>(),
                Some(ficpress::Error::Io(io)) if io.kind() == std::io::ErrorKind::BrokenPipe
            )
    })
}

/// The end of a run over one story (`verb`: "converted", "cleaned"): its
/// error if any, the summary line, the exit code. A closed standard output
/// is passed up, to end the run quietly.
pub fn finish_single<T>(
    verb: &str,
    name: &str,
    result: anyhow::Result<T>,
    skipped: usize,
    terminal: &report::Terminal,
) -> anyhow::Result<ExitCode> {
    let failed = match result {
        Ok(_) => 0,
        Err(error) if is_broken_pipe(&error) => return Err(error),
        Err(error) => {
            terminal.error(name, &error);
            1
        }
    };
    terminal.summary(verb, 1 - failed, skipped, failed);
    Ok(if failed > 0 {
        ExitCode::Error
    } else {
        ExitCode::Success
    })
}
