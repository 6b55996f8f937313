//! Snapshots of the reports on the sample articles in `fixtures/`: human,
//! JSON, and the text `--fix` produces.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn fixtures() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
}

fn run(args: &[&str], stdin: Option<String>) -> String {
    let mut command = Command::cargo_bin("mtlint").unwrap();
    command.current_dir(env!("CARGO_MANIFEST_DIR")).args(args);
    if let Some(text) = stdin {
        command.write_stdin(text);
    }
    String::from_utf8(command.output().unwrap().stdout).unwrap()
}

fn name(path: &Path) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}

#[test]
fn at_least_five_fixtures() {
    assert!(fixtures().len() >= 5);
}

#[test]
fn human_reports() {
    for path in fixtures() {
        let relative = format!("fixtures/{}.txt", name(&path));
        let out = run(&["check", &relative, "--color", "never"], None);
        insta::assert_snapshot!(format!("human_{}", name(&path)), out);
    }
}

#[test]
fn json_reports() {
    for path in fixtures() {
        let relative = format!("fixtures/{}.txt", name(&path));
        let out = run(&["check", &relative, "--output-format", "json"], None);
        let json: serde_json::Value = serde_json::from_str(&out).unwrap();
        insta::assert_json_snapshot!(format!("json_{}", name(&path)), json);
    }
}

#[test]
fn fixed_texts() {
    for path in fixtures() {
        let text = std::fs::read_to_string(&path).unwrap();
        let fixed = run(&["check", "-", "--fix", "--quiet"], Some(text.clone()));
        insta::assert_snapshot!(format!("fixed_{}", name(&path)), fixed);
        let again = run(&["check", "-", "--fix", "--quiet"], Some(fixed.clone()));
        assert_eq!(again, fixed, "a second --fix changed {}", path.display());
    }
}
