//! `check --write-baseline` and `check --baseline` through the built binary.

use std::fs;
use std::path::Path;

use assert_cmd::Command;

/// Two known defects: S001 on the first line, S008 on the third.
const ARTICLE: &str = "\
ASTANA, April 8 -- The two governments signed the agreement on Monday.It covers grain and fertiliser.
The ministry did not give a figure.
Exports are expected to rise by  a fifth this year.
";

fn mtlint(dir: &Path) -> Command {
    let mut command = Command::cargo_bin("mtlint").unwrap();
    command.current_dir(dir);
    command
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn check(dir: &Path, args: &[&str]) -> (i32, String) {
    let output = mtlint(dir)
        .args(["check", "--isolated", "--output-format", "concise"])
        .args(args)
        .output()
        .unwrap();
    (output.status.code().unwrap(), String::from_utf8(output.stdout).unwrap())
}

#[test]
fn a_baseline_hides_known_findings_and_reports_new_ones() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "news/a.txt", ARTICLE);
    let output = mtlint(dir.path())
        .args([
            "check",
            "--isolated",
            "news",
            "--write-baseline",
            "mtlint-baseline.json",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stdout.is_empty());
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "mtlint: recorded 2 findings in mtlint-baseline.json\n"
    );
    let (code, out) = check(dir.path(), &["news", "--baseline", "mtlint-baseline.json"]);
    assert_eq!(
        (code, out.as_str()),
        (0, "All checks passed!\n2 known findings hidden by the baseline.\n")
    );

    // Lines inserted above and between the old findings do not resurrect them;
    // a new defect is reported at its new place.
    let edited = format!(
        "An editor's note added later.\n\n{}",
        ARTICLE.replace(
            "The ministry did not give a figure.",
            "The ministry did not give a figure.\nTrade rose last year.Officials welcomed it."
        )
    );
    write(dir.path(), "news/a.txt", &edited);
    let (code, out) = check(dir.path(), &["news", "--baseline", "mtlint-baseline.json"]);
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "news/a.txt:5:21: S001 [*] Missing space after `.` between two sentences\n\
         Found 1 problem (1 fixable with --fix).\n\
         2 known findings hidden by the baseline.\n"
    );
}

#[test]
fn fixed_findings_drop_out_silently() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", ARTICLE);
    mtlint(dir.path())
        .args(["check", "--isolated", "a.txt", "--write-baseline", "base.json"])
        .assert()
        .code(0);
    mtlint(dir.path())
        .args(["check", "--isolated", "a.txt", "--fix"])
        .assert()
        .code(0);
    let output = mtlint(dir.path())
        .args(["check", "--isolated", "a.txt", "--baseline", "base.json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8(output.stdout).unwrap(), "All checks passed!\n");
    assert!(output.stderr.is_empty());
}

#[test]
fn an_edit_on_the_findings_own_line_makes_it_new() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", ARTICLE);
    mtlint(dir.path())
        .args(["check", "--isolated", "a.txt", "--write-baseline", "base.json"])
        .assert()
        .code(0);
    write(dir.path(), "a.txt", &ARTICLE.replace("on Monday.It", "on Tuesday.It"));
    let (code, out) = check(dir.path(), &["a.txt", "--baseline", "base.json", "-q"]);
    assert_eq!(code, 1);
    assert!(out.starts_with("a.txt:1:71: S001"), "{out}");
}

#[test]
fn the_baseline_file_is_sorted_stable_and_relative_to_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "b/z.txt", ARTICLE);
    write(dir.path(), "a/y.txt", &ARTICLE.repeat(2));
    let record = |cwd: &Path, args: &[&str]| {
        mtlint(cwd)
            .args(["check", "--isolated", "--select", "S"])
            .args(args)
            .assert()
            .code(0);
        fs::read_to_string(dir.path().join("ci/baseline.json")).unwrap()
    };
    fs::create_dir_all(dir.path().join("ci")).unwrap();
    let first = record(dir.path(), &["b", "a", "--write-baseline", "ci/baseline.json"]);
    // Written again from another folder, with the paths spelt differently.
    let second = record(
        &dir.path().join("a"),
        &["../b/z.txt", "y.txt", "--write-baseline", "../ci/baseline.json"],
    );
    assert_eq!(first, second);
    let json: serde_json::Value = serde_json::from_str(&first).unwrap();
    assert_eq!(json["version"], 1);
    let entries: Vec<(String, String, u64)> = json["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["path"].as_str().unwrap().to_string(),
                e["code"].as_str().unwrap().to_string(),
                e["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        entries,
        [
            ("../a/y.txt".to_string(), "S001".to_string(), 2),
            ("../a/y.txt".to_string(), "S008".to_string(), 2),
            ("../b/z.txt".to_string(), "S001".to_string(), 1),
            ("../b/z.txt".to_string(), "S008".to_string(), 1),
        ]
    );
    assert!(first.ends_with("}\n"));
    // Used from the other folder, it still matches.
    let (code, _) = check(
        &dir.path().join("a"),
        &["y.txt", "../b", "--select", "S", "--baseline", "../ci/baseline.json"],
    );
    assert_eq!(code, 0);
}

#[test]
fn a_baseline_counts_identical_findings() {
    let dir = tempfile::tempdir().unwrap();
    let line = "Prices rose again.Traders were surprised.\n";
    write(dir.path(), "a.txt", &line.repeat(2));
    mtlint(dir.path())
        .args(["check", "--isolated", "a.txt", "--write-baseline", "base.json"])
        .assert()
        .code(0);
    write(dir.path(), "a.txt", &line.repeat(3));
    let (code, out) = check(dir.path(), &["a.txt", "--baseline", "base.json", "-q"]);
    assert_eq!((code, out.lines().count()), (1, 1), "{out}");
}

#[test]
fn a_missing_or_broken_baseline_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", ARTICLE);
    write(dir.path(), "broken.json", "{\"entries\": 3}");
    for (file, message) in [
        ("missing.json", "missing.json: cannot read the baseline"),
        ("broken.json", "broken.json: not a baseline file"),
    ] {
        let output = mtlint(dir.path())
            .args(["check", "--isolated", "a.txt", "--baseline", file])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2));
        let err = String::from_utf8(output.stderr).unwrap();
        assert!(err.contains(message), "{err}");
    }
}

#[test]
fn write_baseline_refuses_fix_and_diff() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", ARTICLE);
    for flag in ["--fix", "--diff"] {
        mtlint(dir.path())
            .args(["check", "a.txt", flag, "--write-baseline", "b.json"])
            .assert()
            .code(2);
    }
    assert!(!dir.path().join("b.json").exists());
}
