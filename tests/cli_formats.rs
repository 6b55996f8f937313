//! The machine formats (`github`, `sarif`, `junit`, `gitlab`) through the built
//! binary: snapshots over the texts in `tests/data/ci/`, SARIF validated
//! against the 2.1.0 schema, and the documented GitHub Actions commands run.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/ci")
}

/// Runs `check --isolated FORMAT` over the three sample texts.
fn render(format: &str, extra: &[&str]) -> (i32, String) {
    let output = Command::cargo_bin("mtlint")
        .unwrap()
        .current_dir(data())
        .args(["check", "--isolated", "pipeline.txt", "talks.txt", "clean.txt"])
        .args(["--output-format", format])
        .args(extra)
        .output()
        .unwrap();
    (output.status.code().unwrap(), String::from_utf8(output.stdout).unwrap())
}

fn sarif_validator() -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/sarif-schema-2.1.0.json");
    let schema: serde_json::Value = serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

fn assert_valid_sarif(sarif: &serde_json::Value) {
    let validator = sarif_validator();
    let errors: Vec<String> = validator.iter_errors(sarif).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "SARIF schema violations: {errors:#?}");
}

#[test]
fn github_snapshot() {
    let (code, out) = render("github", &[]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(out);
}

#[test]
fn github_levels_follow_severity_and_properties_are_escaped() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("mtlint.toml"), "[severity]\nS008 = \"info\"\n").unwrap();
    fs::write(dir.path().join("a,b: notes.txt"), "Aid arrived on Sunday.Rain  fell.\n").unwrap();
    let out = Command::cargo_bin("mtlint")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "a,b: notes.txt", "--output-format", "github"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "::error file=a%2Cb%3A notes.txt,line=1,col=22,endLine=1,endColumn=23,\
         title=S001 missing-space-after-sentence-end::Missing space after `.` between two sentences\n\
         ::notice file=a%2Cb%3A notes.txt,line=1,col=27,endLine=1,endColumn=29,\
         title=S008 multiple-spaces::2 spaces in a row\n"
    );
}

#[test]
fn sarif_snapshot() {
    let (code, out) = render("sarif", &[]);
    assert_eq!(code, 1);
    let sarif: serde_json::Value = serde_json::from_str(&out).unwrap();
    // The rule table and indices change whenever a rule is added; they are
    // checked by `sarif_results_point_into_the_rule_table` instead.
    insta::assert_json_snapshot!(sarif, {
        ".runs[0].tool.driver.rules" => "[rules]",
        ".runs[0].tool.driver.version" => "[version]",
        ".runs[0].tool.driver.semanticVersion" => "[version]",
        ".runs[0].results[].ruleIndex" => "[index]",
    });
}

#[test]
fn sarif_validates_against_the_2_1_0_schema() {
    for extra in [&[][..], &["--unsafe-fixes"][..], &["--select", "ALL"][..]] {
        let (_, out) = render("sarif", extra);
        assert_valid_sarif(&serde_json::from_str(&out).unwrap());
    }
    // The sample articles in fixtures/, with every rule on.
    let output = Command::cargo_bin("mtlint")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "--isolated", "fixtures", "--select", "ALL", "--unsafe-fixes"])
        .args(["--output-format", "sarif"])
        .output()
        .unwrap();
    let sarif: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(!sarif["runs"][0]["results"].as_array().unwrap().is_empty());
    assert_valid_sarif(&sarif);
    // A clean run: no results, still a valid log.
    let output = Command::cargo_bin("mtlint")
        .unwrap()
        .current_dir(data())
        .args(["check", "--isolated", "clean.txt", "--output-format", "sarif"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let sarif: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(sarif["runs"][0]["results"], serde_json::json!([]));
    assert_valid_sarif(&sarif);
}

#[test]
fn the_sarif_validator_rejects_a_broken_log() {
    let (_, out) = render("sarif", &[]);
    let mut sarif: serde_json::Value = serde_json::from_str(&out).unwrap();
    sarif["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!sarif_validator().is_valid(&sarif));
}

#[test]
fn sarif_results_point_into_the_rule_table() {
    let (_, out) = render("sarif", &[]);
    let sarif: serde_json::Value = serde_json::from_str(&out).unwrap();
    let driver = &sarif["runs"][0]["tool"]["driver"];
    let rules = driver["rules"].as_array().unwrap();
    let listed = Command::cargo_bin("mtlint")
        .unwrap()
        .args(["rules", "--output-format", "json"])
        .output()
        .unwrap();
    let listed: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(rules.len(), listed.as_array().unwrap().len(), "every rule is described");
    for rule in rules {
        assert!(!rule["shortDescription"]["text"].as_str().unwrap().is_empty());
        assert!(!rule["fullDescription"]["text"].as_str().unwrap().is_empty());
        assert!(["error", "warning", "note"].contains(&rule["defaultConfiguration"]["level"].as_str().unwrap()));
    }
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 4);
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
}

#[test]
fn sarif_columns_count_code_points_and_offsets_count_bytes() {
    let (_, out) = render("sarif", &[]);
    let sarif: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(sarif["runs"][0]["columnKind"], "unicodeCodePoints");
    // The trailing spaces on line 2 of pipeline.txt follow `’` and two curly
    // quotes (3 bytes each): columns and byte offsets part ways.
    let text = fs::read_to_string(data().join("pipeline.txt")).unwrap();
    let result = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "S009")
        .unwrap();
    let region = &result["locations"][0]["physicalLocation"]["region"];
    let offset = region["byteOffset"].as_u64().unwrap() as usize;
    let line_start = text[..offset].rfind('\n').unwrap() + 1;
    assert_eq!(region["startLine"], 2);
    assert_eq!(
        region["startColumn"].as_u64().unwrap() as usize,
        text[line_start..offset].chars().count() + 1
    );
    assert_eq!(offset - line_start, text[line_start..offset].chars().count() + 6);
    assert_eq!(
        &text[offset..offset + region["byteLength"].as_u64().unwrap() as usize],
        "  "
    );
    let change = &result["fixes"][0]["artifactChanges"][0];
    assert_eq!(change["artifactLocation"]["uri"], "pipeline.txt");
    assert_eq!(change["replacements"][0]["deletedRegion"]["byteOffset"], offset);
    assert_eq!(change["replacements"][0]["insertedContent"]["text"], "");
}

#[test]
fn junit_snapshot() {
    let (code, out) = render("junit", &[]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(out);
}

#[test]
fn gitlab_snapshot() {
    let (code, out) = render("gitlab", &[]);
    assert_eq!(code, 1);
    let issues: serde_json::Value = serde_json::from_str(&out).unwrap();
    let fingerprints: std::collections::BTreeSet<&str> = issues
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    assert_eq!(fingerprints.len(), 4, "fingerprints are unique");
    insta::assert_json_snapshot!(issues);
}

/// The `run:` lines of the documented workflow that call mtlint.
fn workflow_commands() -> Vec<String> {
    let workflow = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/github-actions.yml")).unwrap();
    workflow
        .lines()
        .filter_map(|line| line.trim().strip_prefix("run: "))
        .filter(|command| command.starts_with("mtlint "))
        .map(str::to_string)
        .collect()
}

#[test]
fn the_documented_github_actions_commands_work() {
    let commands = workflow_commands();
    assert_eq!(commands.len(), 2, "{commands:?}");
    let dir = tempfile::tempdir().unwrap();
    for name in ["pipeline.txt", "talks.txt", "clean.txt"] {
        fs::copy(data().join(name), dir.path().join(name)).unwrap();
    }
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_mtlint"));
    let path = std::env::join_paths(
        std::iter::once(bin.parent().unwrap().to_path_buf())
            .chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())),
    )
    .unwrap();
    let run = |command: &str| {
        std::process::Command::new("sh")
            .args(["-c", command])
            .current_dir(dir.path())
            .env("PATH", &path)
            .output()
            .unwrap()
    };
    // The check step fails the job and annotates each finding.
    let check = run(&commands[0]);
    assert_eq!(check.status.code(), Some(1));
    let annotations = String::from_utf8(check.stdout).unwrap();
    assert_eq!(annotations.lines().count(), 4);
    assert!(
        annotations
            .lines()
            .all(|l| l.starts_with("::error file=") || l.starts_with("::warning file="))
    );
    // The SARIF step succeeds and writes a valid log for the upload.
    let sarif = run(&commands[1]);
    assert_eq!(sarif.status.code(), Some(0));
    let log: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("mtlint.sarif")).unwrap()).unwrap();
    assert_valid_sarif(&log);
    assert_eq!(log["runs"][0]["results"].as_array().unwrap().len(), 4);
    // The README shows the same workflow.
    let readme = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    for command in &commands {
        assert!(readme.contains(command.as_str()), "README lacks `{command}`");
    }
}
