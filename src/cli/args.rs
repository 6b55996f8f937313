//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// A linter for the mechanical defects that machine translation and scraping
/// leave in English news text: glued sentences, misdirected quotes, stray end
/// marks, mojibake, invisible characters and more.
#[derive(Debug, Parser)]
#[command(name = "mtlint", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check text files (and fix them with --fix).
    Check(Box<CheckArgs>),
    /// Print the documentation of one rule.
    Rule(RuleArgs),
    /// List every rule.
    Rules(RulesArgs),
    /// Show the settings a file is checked with: the config file used, its
    /// keys, and every rule with whether it is on and why.
    Config(ConfigArgs),
    /// Print a shell completion script.
    Completions(CompletionsArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// rustc-style snippets with carets (the default).
    #[value(alias = "human")]
    Full,
    /// One line per diagnostic: `path:line:col: CODE [*] message`.
    Concise,
    /// One JSON array of diagnostics.
    Json,
    /// One JSON object per line.
    Jsonl,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// JUnit XML: one test case per file, a failure per diagnostic.
    Junit,
    /// GitLab Code Quality JSON.
    Gitlab,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files and folders to check; `-` reads stdin. Folders are walked
    /// recursively, honouring .gitignore and .ignore and skipping hidden files.
    /// Defaults to the current folder.
    pub paths: Vec<PathBuf>,

    /// Apply safe fixes in place.
    #[arg(long)]
    pub fix: bool,

    /// Also offer and apply unsafe fixes (with --fix or --diff).
    #[arg(long)]
    pub unsafe_fixes: bool,

    /// Print a unified diff of what --fix would change, and write nothing.
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,

    /// Rules to enable instead of the defaults: codes, prefixes (`S`, `S00`),
    /// names or `ALL`. Comma-separated or repeated.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Option<Vec<String>>,

    /// Rules to enable on top of the selection.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub extend_select: Vec<String>,

    /// Rules to disable.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Full)]
    pub output_format: OutputFormat,

    /// When to colour human output. NO_COLOR is honoured under `auto`.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// File extensions to check when walking folders, on top of `txt` and
    /// `text`. Files named on the command line are always checked.
    #[arg(long = "extension", value_name = "EXT")]
    pub extensions: Vec<String>,

    /// The name to report for text read from stdin.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,

    /// Exit 0 even when diagnostics remain.
    #[arg(long)]
    pub exit_zero: bool,

    /// Print a count per rule instead of the diagnostics.
    #[arg(long)]
    pub statistics: bool,

    /// Print diagnostics and nothing else: no summary.
    #[arg(short, long)]
    pub quiet: bool,

    /// How many files to check at once (default: one per core).
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,

    /// Load declarative rules from a TOML file, or from every *.toml in a
    /// folder (repeatable; format in rules/README.md). The rules are on or off
    /// by their `default` and select like built-in ones.
    #[arg(long, value_name = "DIR_OR_FILE")]
    pub extend_rules: Vec<PathBuf>,
    #[command(flatten)]
    pub config: ConfigSourceArgs,

    /// Filter files named on the command line by `extensions`, `include` and
    /// `exclude` too, as walked files are (for hooks that pass every changed file).
    #[arg(long)]
    pub force_exclude: bool,

    /// Print the settings the first file would be checked with, and check nothing.
    #[arg(long)]
    pub show_settings: bool,

    /// Report only diagnostics that this baseline file does not record.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Record every diagnostic in this baseline file, print nothing else, exit 0.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["fix", "diff"])]
    pub write_baseline: Option<PathBuf>,
}

/// Where settings come from.
#[derive(Debug, Args)]
pub struct ConfigSourceArgs {
    /// Use this config file for every file, instead of the closest
    /// `.mtlint.toml` or `mtlint.toml` above each.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Ignore every config file.
    #[arg(long, conflicts_with = "config")]
    pub isolated: bool,
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// The file (or folder) whose settings to show; defaults to the current folder.
    pub path: Option<PathBuf>,

    #[command(flatten)]
    pub config: ConfigSourceArgs,

    /// Print the JSON Schema of the config file instead.
    #[arg(long)]
    pub schema: bool,

    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub output_format: ListFormat,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct RuleArgs {
    /// A rule code (`S001`) or name (`missing-space-after-sentence-end`).
    pub rule: String,

    /// Also look among the declarative rules of this file or folder (repeatable).
    #[arg(long, value_name = "DIR_OR_FILE")]
    pub extend_rules: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub output_format: ListFormat,

    /// Also list the declarative rules of this file or folder (repeatable).
    #[arg(long, value_name = "DIR_OR_FILE")]
    pub extend_rules: Vec<PathBuf>,

    /// Run every example of every rule in this rule file (or folder), print
    /// pass or fail for each, and exit 1 if any fails.
    #[arg(long, value_name = "FILE")]
    pub test: Option<PathBuf>,
}
