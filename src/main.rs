//! The `mtlint` command: parses arguments, runs a subcommand, maps the outcome
//! to an exit code (0 clean, 1 diagnostics remain, 2 usage or I/O error).

use std::process::ExitCode;

use clap::Parser;

mod cli;

fn main() -> ExitCode {
    let args = cli::args::Cli::parse();
    match cli::run(args) {
        Ok(status) => status.into(),
        Err(error) => {
            eprintln!("mtlint: error: {error:#}");
            cli::ExitStatus::Error.into()
        }
    }
}
