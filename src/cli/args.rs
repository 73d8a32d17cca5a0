//! Command-line arguments (clap derive). Help text is the user's manual: every
//! flag says what it does and what it defaults to.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Turn messy fan-fiction text into clean EPUB, Markdown, plain text and JSON.
#[derive(Debug, Parser)]
#[command(name = "ficpress", version, about, max_term_width = 100)]
#[command(after_help = "\
Exit codes:
  0  success: everything converted, nothing to report
  1  `check` found problems, or `clean --check` would change a file
  2  an input could not be read or converted, or the command line was wrong

Examples:
  ficpress convert fixtures/ --to epub          one EPUB per story in output/
  ficpress convert story.txt --to md -o -       Markdown on standard output
  ficpress clean draft.txt --diff               review the clean-up as a diff
  ficpress check stories/                       path:line:col: CODE message")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// Hide the progress bar and the summary line (errors are still shown).
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// When to colour messages.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Stories worked on at once [default: RAYON_NUM_THREADS, else one per
    /// CPU core]. Output is the same for any number.
    #[arg(short = 'j', long, global = true, value_name = "N")]
    pub threads: Option<std::num::NonZeroUsize>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Convert stories to EPUB, Markdown, plain text or JSON.
    Convert(ConvertArgs),
    /// Print stories with whitespace, line endings and encoding cleaned up.
    Clean(CleanArgs),
    /// Report problems with their rule codes; `--fix` applies safe fixes.
    Check(CheckArgs),
    /// List the rules, or show one rule's documentation.
    Rules(RulesArgs),
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// A rule code (`W001`) whose documentation to print.
    pub code: Option<String>,
}

/// Options shared by every command that reads stories.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Story files or folders (searched recursively for .txt, .text, .md and
    /// .markdown files); `-` reads standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

    /// Read every input in this encoding instead of detecting it (a WHATWG
    /// label: utf-8, windows-1252, iso-8859-1, utf-16le, shift_jis, ...).
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<String>,

    /// Use this configuration file instead of the nearest ficpress.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Also apply fixes marked unsafe (they may change meaning; review them).
    #[arg(long)]
    pub unsafe_fixes: bool,
}

#[derive(Debug, Args)]
pub struct ConvertArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Output format.
    #[arg(
        long,
        short = 't',
        value_enum,
        value_name = "FORMAT",
        required_unless_present = "explain"
    )]
    pub to: Option<FormatArg>,

    /// Where to write: a folder (default `output/`), a file name for a single
    /// input, or `-` for standard output.
    #[arg(long, short = 'o', value_name = "PATH", conflicts_with = "explain")]
    pub output: Option<PathBuf>,

    /// Wrap plain-text paragraphs at this many columns.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(20..))]
    pub wrap: Option<u16>,

    /// The book's language, as a BCP 47 tag (EPUB metadata).
    #[arg(long, default_value = "en", value_name = "TAG")]
    pub lang: String,

    /// What to do with author's notes: keep them in place, set apart; remove
    /// them; or move them to the end of their chapter.
    #[arg(long, value_enum, default_value_t = NotesArg::Keep, value_name = "MODE")]
    pub notes: NotesArg,

    /// How EPUB output sets flashbacks apart.
    #[arg(long, value_enum, default_value_t = FlashbackArg::Italic, value_name = "STYLE")]
    pub flashback: FlashbackArg,

    /// Convert the text as it is, without applying the fix rules.
    #[arg(long)]
    pub no_fix: bool,

    /// Treat each folder INPUT as one book: its story files are the chapters,
    /// in natural order (ch2 before ch10); a metadata.json beside them gives
    /// the title, author and summary.
    #[arg(long)]
    pub book: bool,

    /// Print, block by block, what was detected and which cue decided it,
    /// instead of converting.
    #[arg(long)]
    pub explain: bool,
    /// Corpus mode: each INPUT (`-` for standard input, or a .jsonl, .jsonl.gz
    /// or .jsonl.zst file) holds JSON Lines records {"id": ..., "text": ...};
    /// write one record per input line, in order, to standard output (or -o
    /// FILE), other fields unchanged. --to json adds a `story` field with the
    /// detected structure and cleans `text`; --to md or txt puts the rendered
    /// story in `text`. A malformed record becomes {"line": N, "id": ...,
    /// "error": "..."}.
    #[arg(long, conflicts_with_all = ["book", "explain", "encoding"])]
    pub jsonl: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NotesArg {
    /// Leave notes where they are, visibly set apart.
    Keep,
    /// Drop author's notes.
    Remove,
    /// Move notes into an "Author's notes" section at the end of each chapter.
    End,
}

impl From<NotesArg> for ficpress::NotesMode {
    fn from(notes: NotesArg) -> Self {
        match notes {
            NotesArg::Keep => ficpress::NotesMode::Keep,
            NotesArg::Remove => ficpress::NotesMode::Remove,
            NotesArg::End => ficpress::NotesMode::End,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FlashbackArg {
    /// Flashbacks in italics.
    Italic,
    /// Upright, with a rule in the margin.
    Plain,
    /// Italics, with the author's marker lines shown as small labels.
    Marked,
}

impl From<FlashbackArg> for ficpress::render::FlashbackStyle {
    fn from(style: FlashbackArg) -> Self {
        match style {
            FlashbackArg::Italic => ficpress::render::FlashbackStyle::Italic,
            FlashbackArg::Plain => ficpress::render::FlashbackStyle::Plain,
            FlashbackArg::Marked => ficpress::render::FlashbackStyle::Marked,
        }
    }
}

#[derive(Debug, Args)]
pub struct CleanArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Rewrite the files in place (atomically, keeping their encoding).
    #[arg(long, short = 'w', conflicts_with_all = ["diff", "check"])]
    pub write: bool,

    /// Show what would change as a unified diff instead of printing the text.
    #[arg(long, conflicts_with = "check")]
    pub diff: bool,

    /// Print nothing; exit 1 if any file would change.
    #[arg(long)]
    pub check: bool,

    /// With --write, save as UTF-8 instead of the file's original encoding.
    #[arg(long, requires = "write")]
    pub utf8: bool,

    /// Clean whitespace and encoding only, without the fix rules.
    #[arg(long)]
    pub no_fix: bool,
    /// Corpus mode: each INPUT (`-` for standard input, or a .jsonl, .jsonl.gz
    /// or .jsonl.zst file) holds JSON Lines records {"id": ..., "text": ...};
    /// write one record per input line, in order, with `text` cleaned and
    /// other fields unchanged. A malformed record becomes {"line": N, "id":
    /// ..., "error": "..."}.
    #[arg(long, conflicts_with_all = ["write", "diff", "check", "encoding"])]
    pub jsonl: bool,

    /// With --jsonl: write the records to FILE (atomically) instead of
    /// standard output.
    #[arg(long, short = 'o', value_name = "FILE", requires = "jsonl")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Output format for findings.
    #[arg(long, value_enum, default_value_t = CheckFormat::Full)]
    pub format: CheckFormat,

    /// Apply the safe fixes to the files in place (atomically, keeping their
    /// encoding), changing nothing else.
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,

    /// Show the fixes as a unified diff instead of listing findings.
    #[arg(long)]
    pub diff: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// EPUB 3 ebook.
    Epub,
    /// CommonMark with YAML front matter.
    #[value(alias = "markdown")]
    Md,
    /// Plain UTF-8 text.
    #[value(alias = "text")]
    Txt,
    /// The story model as JSON.
    Json,
}

impl From<FormatArg> for ficpress::Format {
    fn from(format: FormatArg) -> Self {
        match format {
            FormatArg::Epub => ficpress::Format::Epub,
            FormatArg::Md => ficpress::Format::Markdown,
            FormatArg::Txt => ficpress::Format::Text,
            FormatArg::Json => ficpress::Format::Json,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// rustc-style: the message, the source line and a caret under the problem.
    Full,
    /// `path:line:col: severity[CODE] message`, one per line.
    Concise,
    /// One JSON object per finding, one per line (JSON Lines).
    Json,
    /// GitHub Actions workflow commands (annotations on pull requests).
    Github,
    /// One SARIF 2.1.0 document for code-scanning tools.
    Sarif,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and NO_COLOR is unset.
    Auto,
    /// Always colour, even when piped.
    Always,
    /// Never colour.
    Never,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn arguments_are_consistent() {
        super::Cli::command().debug_assert();
    }
}
