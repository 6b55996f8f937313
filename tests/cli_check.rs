//! `mtlint check`, `rule` and `rules` through the built binary: every flag and
//! every exit code.

use std::fs;

use assert_cmd::Command;

mod common;

use common::{stdout, write};

/// Two glued sentences (S001) and a double space (S008) on one line.
const GLUED: &str = "The talks failed.Russia said so.  Nothing else.\n";
const CLEAN: &str = "The talks failed. Russia said so.\n";

fn mtlint() -> Command {
    let mut command = common::mtlint();
    command.env_remove("NO_COLOR");
    command
}

#[test]
fn reports_and_exits_1_when_diagnostics_remain() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", GLUED);
    let out = mtlint()
        .current_dir(dir.path())
        .args(["check", "a.txt", "--output-format", "concise"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("a.txt:1:17: S001 [*] Missing space after `.`"), "{out}");
    assert!(out.contains("a.txt:1:33: S008 [*] 2 spaces in a row"), "{out}");
    assert!(out.ends_with("Found 2 problems (2 fixable with --fix).\n"), "{out}");
}

#[test]
fn exits_0_on_clean_text() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", CLEAN);
    let out = mtlint()
        .current_dir(dir.path())
        .args(["check", "a.txt"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    assert_eq!(String::from_utf8(out).unwrap(), "All checks passed!\n");
}

#[test]
fn exit_zero_keeps_the_report_but_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", GLUED);
    mtlint()
        .current_dir(dir.path())
        .args(["check", "a.txt", "--exit-zero"])
        .assert()
        .code(0);
}

#[test]
fn missing_file_exits_2_and_other_files_are_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", GLUED);
    let output = mtlint()
        .current_dir(dir.path())
        .args(["check", "nope.txt", "a.txt", "--output-format", "concise"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("nope.txt: no such file or folder"), "{stderr}");
    assert!(String::from_utf8(output.stdout).unwrap().contains("a.txt:1:17: S001"));
}

#[test]
fn a_run_with_errors_never_says_all_checks_passed() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", CLEAN);
    let output = mtlint()
        .current_dir(dir.path())
        .args(["check", "a.txt", "nope.txt"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let out = String::from_utf8(output.stdout).unwrap();
    assert_eq!(out, "No problems found in the files that could be checked.\n");
}

#[test]
fn invalid_utf8_names_the_file_and_the_offset() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("bad.txt"), b"abc\xff\xfe").unwrap();
    let output = mtlint()
        .current_dir(dir.path())
        .args(["check", "bad.txt", "--fix"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("bad.txt: not valid UTF-8") && stderr.contains("byte offset 3"),
        "{stderr}"
    );
    assert_eq!(fs::read(dir.path().join("bad.txt")).unwrap(), b"abc\xff\xfe");
}

#[test]
fn folders_are_walked_by_extension_honouring_ignore_files_and_hidden_files() {
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "a.txt",
        "sub/b.text",
        "sub/c.md",
        "ignored/d.txt",
        ".hidden/e.txt",
        ".f.txt",
        "kept.md",
    ] {
        write(dir.path(), name, GLUED);
    }
    write(dir.path(), ".gitignore", "ignored/\n");
    let out =
        stdout(
            mtlint()
                .current_dir(dir.path())
                .args(["check", ".", "--output-format", "concise", "--select", "S001"]),
        );
    let files: Vec<&str> = out
        .lines()
        .filter_map(|l| l.split(':').next())
        .filter(|p| p.starts_with('.'))
        .collect();
    assert_eq!(files, vec!["./a.txt", "./sub/b.text"], "{out}");

    let out = stdout(mtlint().current_dir(dir.path()).args([
        "check",
        "--extension",
        "md",
        "--output-format",
        "concise",
        "--select",
        "S001",
    ]));
    assert!(out.contains("sub/c.md:1:17") && out.contains("kept.md:1:17"), "{out}");

    let out = stdout(
        mtlint()
            .current_dir(dir.path())
            .args(["check", "kept.md", "--output-format", "concise"]),
    );
    assert!(
        out.contains("kept.md:1:17: S001"),
        "a named file is always checked: {out}"
    );
}

#[test]
fn stdin_is_read_and_named() {
    let out = stdout(
        mtlint()
            .args([
                "check",
                "-",
                "--stdin-filename",
                "wire/a.txt",
                "--output-format",
                "concise",
            ])
            .write_stdin(GLUED),
    );
    assert!(out.starts_with("wire/a.txt:1:17: S001"), "{out}");
    let out = stdout(
        mtlint()
            .args(["check", "-", "--output-format", "concise"])
            .write_stdin(GLUED),
    );
    assert!(out.starts_with("-:1:17: S001"), "{out}");
}

#[test]
fn fix_on_stdin_prints_the_fixed_text_and_reports_on_stderr() {
    let output = mtlint()
        .args(["check", "-", "--fix"])
        .write_stdin(GLUED)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "The talks failed. Russia said so. Nothing else.\n"
    );
    assert!(
        String::from_utf8(output.stderr)
            .unwrap()
            .contains("Found 2 problems (2 fixed, 0 remaining).")
    );
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn fix_writes_in_place_and_a_second_fix_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", GLUED);
    mtlint()
        .current_dir(dir.path())
        .args(["check", "--fix", "a.txt"])
        .assert()
        .code(0);
    let fixed = fs::read_to_string(dir.path().join("a.txt")).unwrap();
    assert_eq!(fixed, "The talks failed. Russia said so. Nothing else.\n");
    let out = stdout(mtlint().current_dir(dir.path()).args(["check", "--fix", "a.txt"]));
    assert_eq!(out, "All checks passed!\n");
    assert_eq!(fs::read_to_string(dir.path().join("a.txt")).unwrap(), fixed);
}

#[test]
fn unsafe_fixes_are_shown_and_applied_only_on_request() {
    let text = "They met in the U.S.The talks went well.\n";
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", text);
    let out = stdout(
        mtlint()
            .current_dir(dir.path())
            .args(["check", "a.txt", "--output-format", "concise"]),
    );
    assert!(
        out.contains("S001 Missing space"),
        "an unsafe fix is not marked [*]: {out}"
    );
    assert!(out.contains("1 more fix available with --unsafe-fixes."), "{out}");
    let out = stdout(mtlint().current_dir(dir.path()).args([
        "check",
        "a.txt",
        "--unsafe-fixes",
        "--output-format",
        "concise",
    ]));
    assert!(out.contains("S001 [*] Missing space"), "{out}");
    mtlint()
        .current_dir(dir.path())
        .args(["check", "--fix", "a.txt"])
        .assert()
        .code(1);
    assert_eq!(fs::read_to_string(dir.path().join("a.txt")).unwrap(), text);
    mtlint()
        .current_dir(dir.path())
        .args(["check", "--fix", "--unsafe-fixes", "a.txt"])
        .assert()
        .code(0);
    assert_eq!(
        fs::read_to_string(dir.path().join("a.txt")).unwrap(),
        "They met in the U.S. The talks went well.\n"
    );
}

#[test]
fn diff_shows_the_change_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", GLUED);
    let out = mtlint()
        .current_dir(dir.path())
        .args(["check", "--diff", "a.txt"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("--- a/a.txt\n+++ b/a.txt\n"), "{out}");
    assert!(out.contains(
        "-The talks failed.Russia said so.  Nothing else.\n+The talks failed. Russia said so. Nothing else.\n"
    ));
    assert_eq!(fs::read_to_string(dir.path().join("a.txt")).unwrap(), GLUED);
    write(dir.path(), "b.txt", CLEAN);
    mtlint()
        .current_dir(dir.path())
        .args(["check", "--diff", "b.txt"])
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn selectors_take_codes_prefixes_names_and_all() {
    let count = |args: &[&str]| {
        let mut all = vec!["check", "-", "--output-format", "jsonl"];
        all.extend_from_slice(args);
        stdout(mtlint().args(&all).write_stdin(GLUED)).lines().count()
    };
    assert_eq!(count(&[]), 2);
    assert_eq!(count(&["--select", "S001"]), 1);
    assert_eq!(count(&["--select", "multiple-spaces"]), 1);
    assert_eq!(count(&["--select", "S00"]), 2);
    assert_eq!(count(&["--select", "ALL", "--ignore", "S"]), 0);
    assert_eq!(count(&["--ignore", "S008"]), 1);
    assert_eq!(count(&["--select", "S001", "--extend-select", "S008"]), 2);
    assert_eq!(count(&["--select", "S001,S008"]), 2);
}

#[test]
fn an_unknown_selector_is_an_error_with_a_suggestion() {
    let output = mtlint()
        .args(["check", "-", "--select", "multiple-space"])
        .write_stdin(GLUED)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("unknown rule selector `multiple-space` (did you mean `multiple-spaces`?)"),
        "{stderr}"
    );
}

#[test]
fn statistics_count_per_rule() {
    let out = stdout(mtlint().args(["check", "-", "--statistics"]).write_stdin(GLUED));
    assert!(
        out.contains("     1\tS001\t[*] missing-space-after-sentence-end\n"),
        "{out}"
    );
    assert!(out.contains("     1\tS008\t[*] multiple-spaces\n"), "{out}");
    let out = stdout(
        mtlint()
            .args(["check", "-", "--statistics", "--output-format", "json"])
            .write_stdin(GLUED),
    );
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json[0]["count"], 1);
}

#[test]
fn quiet_drops_the_summary() {
    let out = stdout(
        mtlint()
            .args(["check", "-", "--quiet", "--output-format", "concise"])
            .write_stdin(GLUED),
    );
    assert_eq!(out.lines().count(), 2, "{out}");
}

#[test]
fn json_follows_the_contract() {
    let text = "\u{feff}Café talks.Russia said.\n";
    let out = stdout(
        mtlint()
            .args(["check", "-", "--output-format", "json", "--select", "S001"])
            .write_stdin(text),
    );
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let item = &json[0];
    let dot = text.find(".R").unwrap();
    assert_eq!(item["path"], "-");
    assert_eq!(item["code"], "S001");
    assert_eq!(item["name"], "missing-space-after-sentence-end");
    assert_eq!(item["severity"], "error");
    assert_eq!(item["span"], serde_json::json!({"start": dot, "end": dot + 1}));
    assert_eq!(item["start"], serde_json::json!({"line": 1, "column": 12}));
    assert_eq!(item["end"], serde_json::json!({"line": 1, "column": 13}));
    assert_eq!(item["fix"]["applicability"], "safe");
    assert_eq!(
        item["fix"]["edits"],
        serde_json::json!([{"start": dot + 1, "end": dot + 1, "replacement": " "}])
    );
    let lines = stdout(
        mtlint()
            .args(["check", "-", "--output-format", "jsonl"])
            .write_stdin(GLUED),
    );
    for line in lines.lines() {
        let item: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(item["code"].is_string());
    }
}

#[test]
fn color_follows_the_flag_and_no_color() {
    let colored = stdout(mtlint().args(["check", "-", "--color", "always"]).write_stdin(GLUED));
    assert!(colored.contains("\u{1b}["), "{colored}");
    let plain = stdout(mtlint().args(["check", "-", "--color", "never"]).write_stdin(GLUED));
    assert!(!plain.contains("\u{1b}["));
    assert!(
        plain.contains("error[S001/missing-space-after-sentence-end]"),
        "{plain}"
    );
    assert!(plain.contains("= help: Insert a space"), "{plain}");
    let auto = stdout(mtlint().args(["check", "-"]).env("NO_COLOR", "1").write_stdin(GLUED));
    assert!(!auto.contains("\u{1b}["));
}

#[test]
fn threads_flag_gives_the_same_report() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..20 {
        write(dir.path(), &format!("f{i:02}.txt"), GLUED);
    }
    let one = stdout(
        mtlint()
            .current_dir(dir.path())
            .args(["check", "-j", "1", "--output-format", "concise"]),
    );
    let many = stdout(
        mtlint()
            .current_dir(dir.path())
            .args(["check", "-j", "4", "--output-format", "concise"]),
    );
    assert_eq!(one, many);
    assert!(one.starts_with("./f00.txt:1:17"), "sorted by path: {one}");
}

#[test]
fn rule_prints_the_documentation() {
    let out = stdout(mtlint().args(["rule", "S001"]));
    assert!(out.starts_with("# S001 missing-space-after-sentence-end\n"), "{out}");
    assert!(out.contains("## Why it matters") && out.contains("```bad") && out.contains("## Fix safety"));
    assert_eq!(stdout(mtlint().args(["rule", "missing-space-after-sentence-end"])), out);
    let output = mtlint().args(["rule", "S999"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn rules_lists_every_rule_as_text_and_json() {
    let out = stdout(mtlint().args(["rules"]));
    assert!(
        out.lines()
            .any(|l| l.starts_with("S001   missing-space-after-sentence-end")),
        "{out}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&stdout(mtlint().args(["rules", "--output-format", "json"]))).unwrap();
    let s001 = json.as_array().unwrap().iter().find(|r| r["code"] == "S001").unwrap();
    assert_eq!(s001["fix"], "safe");
    assert_eq!(s001["default"], true);
    assert_eq!(s001["family"], "spacing");
}

#[test]
fn the_readme_lists_every_rule_as_the_registry_has_it() {
    let readme = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&stdout(mtlint().args(["rules", "--output-format", "json"]))).unwrap();
    for rule in json.as_array().unwrap() {
        let row = format!(
            "| `{}` | `{}` | {} | {} |",
            rule["code"].as_str().unwrap(),
            rule["name"].as_str().unwrap(),
            if rule["default"].as_bool().unwrap() {
                "on"
            } else {
                "off"
            },
            rule["fix"].as_str().unwrap()
        );
        assert!(readme.contains(&row), "README.md lacks the row {row}");
    }
}
