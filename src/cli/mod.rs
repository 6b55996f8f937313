//! The subcommands and what they share.

use std::io::IsTerminal;
use std::process::ExitCode;

pub mod args;
mod check;
mod config;
mod files;
mod rule;

use args::{Cli, ColorChoice, Command};

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// Nothing left to report.
    Success,
    /// Diagnostics remain.
    Failure,
    /// A usage or I/O error.
    Error,
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> Self {
        match status {
            ExitStatus::Success => ExitCode::SUCCESS,
            ExitStatus::Failure => ExitCode::from(1),
            ExitStatus::Error => ExitCode::from(2),
        }
    }
}

pub fn run(cli: Cli) -> anyhow::Result<ExitStatus> {
    match cli.command {
        Command::Check(args) => check::run(*args),
        Command::Rule(args) => rule::run_rule(args),
        Command::Rules(args) => rule::run_rules(args),
        Command::Config(args) => config::run(args),
        Command::Completions(args) => {
            let mut command = <args::Cli as clap::CommandFactory>::command();
            clap_complete::generate(args.shell, &mut command, "mtlint", &mut std::io::stdout());
            Ok(ExitStatus::Success)
        }
    }
}

/// Whether to colour output written to stdout.
pub fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
        }
    }
}
