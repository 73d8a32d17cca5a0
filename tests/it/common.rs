//! Helpers shared by the integration tests.

use std::path::Path;

use assert_cmd::Command;

/// The `ficpress` binary, with a predictable environment: no colour, no
/// `SOURCE_DATE_EPOCH` from the developer's shell.
pub fn ficpress() -> Command {
    let mut command = Command::cargo_bin("ficpress").unwrap();
    command.env_remove("SOURCE_DATE_EPOCH").env("NO_COLOR", "1");
    command
}

/// The path of a file in `fixtures/`.
pub fn fixture(relative: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(relative)
        .to_string_lossy()
        .into_owned()
}
