//! User rule files through the command line: `check --extend-rules`,
//! `rules --test`, `rule CODE --extend-rules`, and the errors for broken files.

use std::path::Path;
use std::process::Output;

use assert_cmd::cargo::cargo_bin_cmd;

const HOUSE_RULES: &str = r#"
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

fn run(args: &[&str], dir: &Path) -> (Output, String, String) {
    let output = cargo_bin_cmd!("mtlint").args(args).current_dir(dir).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (output, stdout, stderr)
}

fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("house")).unwrap();
    std::fs::write(dir.path().join("house/house.toml"), HOUSE_RULES).unwrap();
    std::fs::write(
        dir.path().join("article.txt"),
        "It is reported that the delegation arrived in Geneva on Monday.\n",
    )
    .unwrap();
    dir
}

#[test]
fn check_reports_and_fixes_with_a_user_rule_folder() {
    let dir = setup();
    let (output, stdout, stderr) = run(
        &[
            "check",
            "--extend-rules",
            "house",
            "--output-format",
            "concise",
            "article.txt",
        ],
        dir.path(),
    );
    assert_eq!(output.status.code(), Some(1), "{stdout}{stderr}");
    assert!(
        stdout.contains("article.txt:1:1: M901 [*] House style: `It is reported that` becomes `Reportedly,`"),
        "{stdout}"
    );

    let (output, _, stderr) = run(
        &["check", "--extend-rules", "house/house.toml", "--fix", "article.txt"],
        dir.path(),
    );
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let fixed = std::fs::read_to_string(dir.path().join("article.txt")).unwrap();
    assert_eq!(fixed, "Reportedly, the delegation arrived in Geneva on Monday.\n");
}

#[test]
fn rule_prints_a_user_rule_with_its_examples() {
    let dir = setup();
    let (output, stdout, _) = run(&["rule", "M901", "--extend-rules", "house"], dir.path());
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout.contains("# M901 house-reported-that"), "{stdout}");
    assert!(
        stdout.contains("```bad\nIt is reported that the talks will resume.\n```"),
        "{stdout}"
    );
}

#[test]
fn rules_test_passes_on_a_good_file_and_fails_on_a_wrong_example() {
    let dir = setup();
    let (output, stdout, _) = run(&["rules", "--test", "house/house.toml"], dir.path());
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("ok   M901::bad_1"), "{stdout}");
    assert!(stdout.contains("ok   M901::good_2"), "{stdout}");
    assert!(stdout.contains("2 passed, 0 failed"), "{stdout}");

    let wrong = HOUSE_RULES
        .replace("Reportedly, the talks", "Allegedly, the talks")
        .replace("The agency reported that", "The agency said it is reported that");
    std::fs::write(dir.path().join("wrong.toml"), wrong).unwrap();
    let (output, stdout, _) = run(&["rules", "--test", "wrong.toml"], dir.path());
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("FAIL M901::bad_1: M901 fixed"), "{stdout}");
    assert!(stdout.contains("FAIL M901::good_2: M901 reported"), "{stdout}");
    assert!(stdout.contains("0 passed, 2 failed"), "{stdout}");
}

#[test]
fn a_broken_rule_file_is_an_error_naming_file_rule_and_field() {
    let dir = setup();
    let broken = HOUSE_RULES.replace(
        "\"it is reported that\" = \"reportedly,\"",
        "\"it is reported that\" = \"reportedly,\"\n\"(unclosed\" = \"x\"",
    );
    let broken = broken.replace("case_insensitive = true", "case_insensitive = true\nregex = true");
    std::fs::write(dir.path().join("broken.toml"), broken).unwrap();
    let (output, stdout, stderr) = run(&["check", "--extend-rules", "broken.toml", "article.txt"], dir.path());
    assert_eq!(output.status.code(), Some(2), "{stdout}{stderr}");
    assert!(
        stderr.contains("broken.toml: rule M901 house-reported-that: field `swap`: bad regex `(unclosed`"),
        "{stderr}"
    );
    assert!(stderr.contains("unclosed group"), "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
}

#[test]
fn a_user_rule_may_not_take_a_shipped_code() {
    let dir = setup();
    std::fs::write(dir.path().join("clash.toml"), HOUSE_RULES.replace("M901", "M002")).unwrap();
    let (output, _, stderr) = run(&["check", "--extend-rules", "clash.toml", "article.txt"], dir.path());
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("clash.toml: rule M002 house-reported-that: clashes with the existing rule M002"),
        "{stderr}"
    );
}
