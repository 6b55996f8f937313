//! Shell completions and the pre-commit hooks, through the built binary.

use std::fs;
use std::path::Path;

use assert_cmd::Command;

fn completions(shell: &str) -> String {
    let output = Command::cargo_bin("mtlint")
        .unwrap()
        .args(["completions", shell])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{shell}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn completions_for_every_shell_name_the_subcommands_and_options() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = completions(shell);
        for word in [
            "check",
            "config",
            "completions",
            "output-format",
            "write-baseline",
            "isolated",
        ] {
            assert!(script.contains(word), "{shell} completions lack `{word}`");
        }
        // Those that complete option values offer the new formats.
        if ["bash", "zsh", "fish"].contains(&shell) {
            assert!(script.contains("sarif") && script.contains("gitlab"), "{shell}");
        }
    }
}

#[test]
fn bash_completions_parse() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mtlint.bash");
    fs::write(&path, completions("bash")).unwrap();
    let status = std::process::Command::new("bash")
        .arg("-n")
        .arg(&path)
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    Command::cargo_bin("mtlint")
        .unwrap()
        .args(["completions", "tcsh"])
        .assert()
        .code(2);
}

/// Each hook in `.pre-commit-hooks.yaml`: (id, entry), read line by line (the
/// file is flat and written by us).
fn hooks() -> Vec<(String, String)> {
    let text = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml")).unwrap();
    let mut hooks = Vec::new();
    let mut id = None;
    for line in text.lines() {
        if let Some(value) = line.strip_prefix("- id: ") {
            id = Some(value.to_string());
        } else if let Some(entry) = line.trim().strip_prefix("entry: ") {
            hooks.push((id.take().unwrap(), entry.to_string()));
        }
    }
    hooks
}

#[test]
fn the_pre_commit_hooks_follow_the_conventions() {
    let text = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml")).unwrap();
    assert_eq!(text.matches("  types: [text]\n").count(), 2);
    assert_eq!(text.matches("  pass_filenames: true\n").count(), 2);
    assert_eq!(text.matches("  require_serial: false\n").count(), 2);
    let ids: Vec<String> = hooks().into_iter().map(|(id, _)| id).collect();
    assert_eq!(ids, ["mtlint", "mtlint-fix"]);
}

/// Runs a hook's entry the way pre-commit does: the entry, then file names.
fn run_hook(entry: &str, dir: &Path, files: &[&str]) -> std::process::Output {
    let mut words = entry.split_whitespace();
    assert_eq!(words.next(), Some("mtlint"));
    Command::cargo_bin("mtlint")
        .unwrap()
        .current_dir(dir)
        .args(words)
        .args(files)
        .output()
        .unwrap()
}

#[test]
fn the_hooks_check_and_fix_the_texts_they_are_given_and_skip_the_rest() {
    let hooks = hooks();
    let dir = tempfile::tempdir().unwrap();
    let article = "The ministry issued a statement on Friday.It gave no details.\n";
    fs::write(dir.path().join("story.txt"), article).unwrap();
    // pre-commit passes every text file; code and excluded folders are skipped.
    fs::write(dir.path().join("notes.py"), "x = 1  # said.It\n").unwrap();
    fs::create_dir(dir.path().join("node_modules")).unwrap();
    fs::write(dir.path().join("node_modules/vendor.txt"), article).unwrap();
    let files = ["story.txt", "notes.py", "node_modules/vendor.txt"];

    let check = run_hook(&hooks[0].1, dir.path(), &files);
    assert_eq!(check.status.code(), Some(1));
    let out = String::from_utf8(check.stdout).unwrap();
    assert!(
        out.contains("story.txt") && !out.contains("notes.py") && !out.contains("vendor"),
        "{out}"
    );

    let fix = run_hook(&hooks[1].1, dir.path(), &files);
    assert_eq!(fix.status.code(), Some(0));
    assert_eq!(
        fs::read_to_string(dir.path().join("story.txt")).unwrap(),
        "The ministry issued a statement on Friday. It gave no details.\n"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("node_modules/vendor.txt")).unwrap(),
        article
    );
    assert_eq!(run_hook(&hooks[0].1, dir.path(), &files).status.code(), Some(0));
}
