//! Integration tests: one binary, one module per area (as ripgrep and mdBook do).

mod cli;
mod cli_check;
mod cli_structure;
mod common;
mod conservation;
mod contract;
mod corpus;
mod epub_dump;
#[path = "../epubcheck/mod.rs"]
mod epubcheck;
mod fixtures;
mod hostile;
mod jsonl;
mod properties;
mod rules;
mod safe_output;
mod structure;
