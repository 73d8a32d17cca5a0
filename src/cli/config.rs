//! `ficpress.toml`: project settings for checks and fixes.
//!
//! Found by walking up from the first input's folder (or the working folder
//! for standard input); `--config FILE` names one explicitly. Every key is
//! optional:
//!
//! ```toml
//! [rules]
//! select = ["S", "P", "W001"]   # codes or prefixes; default: all
//! ignore = ["C002"]
//! unsafe-fixes = false
//!
//! [style]
//! quotes = "keep"               # keep | straight | typographic (EPUB default: typographic)
//! ellipsis = "keep"             # keep | ascii | typographic
//! dashes = "keep"               # keep | ascii | typographic
//!
//! [words]
//! accept = ["Kakashi", "chidori"]   # never corrected
//!
//! [per-file-ignores]
//! "drafts/*.txt" = ["W013"]
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context;
use ficpress::rules::{RuleOptions, Style};
use serde::Deserialize;

/// The file name looked for.
pub const FILE_NAME: &str = "ficpress.toml";

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    #[serde(default)]
    pub rules: RulesSection,
    #[serde(default)]
    pub style: StyleSection,
    #[serde(default)]
    pub words: WordsSection,
    #[serde(default)]
    pub per_file_ignores: BTreeMap<String, Vec<String>>,
    /// Where the file was found (for per-file patterns), not a key.
    #[serde(skip)]
    pub root: Option<PathBuf>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RulesSection {
    #[serde(default)]
    pub select: Vec<String>,
    #[serde(default)]
    pub ignore: Vec<String>,
    #[serde(default)]
    pub unsafe_fixes: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Quotes {
    /// Straight quotes in text formats, typographic in EPUB.
    #[default]
    Keep,
    Straight,
    Typographic,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct StyleSection {
    #[serde(default)]
    pub quotes: Quotes,
    #[serde(default)]
    pub ellipsis: Style,
    #[serde(default)]
    pub dashes: Style,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct WordsSection {
    #[serde(default)]
    pub accept: Vec<String>,
}

impl Config {
    /// Load `explicit`, or the nearest `ficpress.toml` above `start`, or the defaults.
    pub fn load(explicit: Option<&Path>, start: &Path) -> anyhow::Result<Config> {
        let path = match explicit {
            Some(path) => Some(path.to_path_buf()),
            None => find(start),
        };
        let Some(path) = path else {
            return Ok(Config::default());
        };
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let mut config: Config = toml::from_str(&text)
            .with_context(|| format!("{} is not a valid ficpress.toml", path.display()))?;
        config.root = path.parent().map(Path::to_path_buf);
        for code in config.rules.select.iter().chain(&config.rules.ignore) {
            anyhow::ensure!(
                ficpress::rules::all()
                    .iter()
                    .any(|rule| rule.meta().code.starts_with(code.as_str()))
                    || code.starts_with('E'),
                "{}: no rule has a code starting with `{code}` (see `ficpress rules`)",
                path.display()
            );
        }
        Ok(config)
    }

    /// Rule options for one file (per-file ignores applied); `epub` turns
    /// typographic quotes on unless the style says otherwise.
    pub fn rule_options(&self, file: Option<&Path>, epub: bool) -> RuleOptions {
        let mut ignore = self.rules.ignore.clone();
        if let Some(file) = file {
            ignore.extend(self.per_file_ignored(file));
        }
        RuleOptions {
            select: self.rules.select.clone(),
            ignore,
            typographic_quotes: match self.style.quotes {
                Quotes::Keep => epub,
                Quotes::Straight => false,
                Quotes::Typographic => true,
            },
            ellipsis: self.style.ellipsis,
            dash: self.style.dashes,
        }
    }

    fn per_file_ignored(&self, file: &Path) -> Vec<String> {
        let relative = self
            .root
            .as_ref()
            .and_then(|root| {
                let absolute = file.canonicalize().ok()?;
                let root = root.canonicalize().ok()?;
                absolute.strip_prefix(root).ok().map(Path::to_path_buf)
            })
            .unwrap_or_else(|| file.to_path_buf());
        let mut out = Vec::new();
        for (pattern, codes) in &self.per_file_ignores {
            let matches = globset::Glob::new(pattern)
                .map(|glob| glob.compile_matcher().is_match(&relative))
                .unwrap_or(false);
            if matches {
                out.extend(codes.iter().cloned());
            }
        }
        out
    }
}

/// The nearest `ficpress.toml` in `start` or a folder above it.
fn find(start: &Path) -> Option<PathBuf> {
    let start = start.canonicalize().ok()?;
    let mut folder = if start.is_dir() {
        Some(start.as_path())
    } else {
        start.parent()
    };
    while let Some(dir) = folder {
        let candidate = dir.join(FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        folder = dir.parent();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{Config, Quotes};

    #[test]
    fn parses_every_section_and_applies_per_file_ignores() {
        let folder = tempfile::tempdir().unwrap();
        std::fs::write(
            folder.path().join("ficpress.toml"),
            "[rules]\nselect = [\"S\"]\nignore = [\"S001\"]\n[style]\nquotes = \"typographic\"\nellipsis = \"typographic\"\n[words]\naccept = [\"Kakashi\"]\n[per-file-ignores]\n\"drafts/*.txt\" = [\"S\"]\n",
        )
        .unwrap();
        std::fs::create_dir(folder.path().join("drafts")).unwrap();
        let draft = folder.path().join("drafts/one.txt");
        std::fs::write(&draft, "x").unwrap();
        let config = Config::load(None, &draft).unwrap();
        assert_eq!(config.style.quotes, Quotes::Typographic);
        assert_eq!(config.words.accept, ["Kakashi"]);
        let options = config.rule_options(Some(&draft), false);
        assert_eq!(options.ignore, ["S001", "S"]);
        assert!(options.typographic_quotes);
    }

    #[test]
    fn unknown_keys_and_codes_are_errors() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("ficpress.toml");
        std::fs::write(&path, "[rulez]\n").unwrap();
        assert!(Config::load(Some(&path), folder.path()).is_err());
        std::fs::write(&path, "[rules]\nselect = [\"Z9\"]\n").unwrap();
        let error = Config::load(Some(&path), folder.path()).unwrap_err();
        assert!(format!("{error:#}").contains("no rule has a code starting with `Z9`"));
    }
}
