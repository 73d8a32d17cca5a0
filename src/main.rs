//! The `ficpress` binary: parse the command line, run, map the outcome to an
//! exit code. A closed pipe (`ficpress ... | head -1`) ends the run quietly.

mod cli;

use clap::Parser;

fn main() {
    let cli = cli::args::Cli::parse();
    let color = cli.color;
    let code = match cli::run(cli) {
        Ok(code) => code as i32,
        Err(error) if cli::is_broken_pipe(&error) => 0,
        Err(error) => {
            cli::report_fatal(color, &error);
            cli::ExitCode::Error as i32
        }
    };
    std::process::exit(code);
}
