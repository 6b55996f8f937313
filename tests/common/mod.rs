//! Helpers the command-line test targets share. Each `tests/*.rs` file is its
//! own crate and takes this module in with `mod common;`.

// Each target uses only some of the helpers.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The built `mtlint` binary.
pub fn mtlint() -> Command {
    Command::cargo_bin("mtlint").unwrap()
}

/// The built `mtlint` binary, run in `dir`.
pub fn mtlint_in(dir: &Path) -> Command {
    let mut command = mtlint();
    command.current_dir(dir);
    command
}

/// Runs `command` and returns what it printed on stdout.
pub fn stdout(command: &mut Command) -> String {
    String::from_utf8(command.output().unwrap().stdout).unwrap()
}

/// Writes `text` to `dir/name`, creating the folders on the way.
pub fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// A path inside the repository.
pub fn repo_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// A file of the repository, as text.
pub fn repo_file(relative: &str) -> String {
    fs::read_to_string(repo_path(relative)).unwrap()
}

/// A user rule file with one substitution rule, M901 `house-reported-that`.
pub const HOUSE_RULE: &str = r#"
[[rules]]
code = "M901"
name = "house-reported-that"
family = "markers"
type = "substitution"
message = "House style: `{match}` becomes `{to}`"
case_insensitive = true
fix = "safe"
doc = """
## What it finds
The calque `it is reported that`.
"""

[rules.swap]
"it is reported that" = "reportedly,"

[[rules.examples]]
bad = "It is reported that the talks will resume."
fixed = "Reportedly, the talks will resume."

[[rules.examples]]
good = "The agency reported that the talks will resume."
"#;

/// Rewrites the `\n` line endings of `text` as `style` gives them, cycled line
/// by line.
pub fn with_endings(text: &str, style: &[&str]) -> String {
    let mut out = String::new();
    for (index, line) in text.split('\n').enumerate() {
        if index > 0 {
            out.push_str(style[(index - 1) % style.len()]);
        }
        out.push_str(line);
    }
    out
}
