//! Config files through the built binary: discovery, precedence, every key, and
//! every kind of config error.

use std::fs;
use std::path::Path;

mod common;

use common::{HOUSE_RULE, mtlint_in, repo_file, repo_path, write};

/// S001 (glued sentences) at column 36 and S008 (double space) at column 58.
const DEFECTS: &str = "The delegation arrived on Monday.Talks began at  noon in the capital.\n";

/// Runs `check ARGS --output-format concise -q` and returns (exit code, stdout, stderr).
fn check(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = mtlint_in(dir)
        .arg("check")
        .args(args)
        .args(["--output-format", "concise", "-q"])
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

fn codes(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .map(|line| {
            let mut parts = line.splitn(4, ':');
            let path = parts.next().unwrap();
            let code = parts.nth(2).unwrap().split_whitespace().next().unwrap();
            format!("{path} {code}")
        })
        .collect()
}

#[test]
fn the_closest_config_wins_whole() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "mtlint.toml",
        "select = [\"S001\"]\nextend-select = [\"S008\"]\n",
    );
    write(dir.path(), "desk/.mtlint.toml", "select = [\"S008\"]\n");
    write(dir.path(), "top.txt", DEFECTS);
    write(dir.path(), "desk/story.txt", DEFECTS);
    write(dir.path(), "desk/deeper/story.txt", DEFECTS);
    let (code, out, _) = check(dir.path(), &["."]);
    assert_eq!(code, 1);
    // The closer file does not merge with the outer one: no S001 under desk/.
    assert_eq!(
        codes(&out),
        [
            "./desk/deeper/story.txt S008",
            "./desk/story.txt S008",
            "./top.txt S001",
            "./top.txt S008"
        ]
    );
}

#[test]
fn config_is_found_for_files_named_from_another_folder() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "desk/mtlint.toml", "ignore = [\"S008\"]\n");
    write(dir.path(), "desk/story.txt", DEFECTS);
    let (_, out, _) = check(&dir.path().join("desk"), &["story.txt"]);
    assert_eq!(codes(&out), ["story.txt S001"]);
    let (_, out, _) = check(dir.path(), &["desk/story.txt"]);
    assert_eq!(codes(&out), ["desk/story.txt S001"]);
}

#[test]
fn explicit_config_replaces_discovery_and_isolated_ignores_all() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "mtlint.toml", "ignore = [\"S008\"]\n");
    write(dir.path(), "strict.toml", "select = [\"S008\"]\n");
    write(dir.path(), "a.txt", DEFECTS);
    assert_eq!(codes(&check(dir.path(), &["a.txt"]).1), ["a.txt S001"]);
    assert_eq!(
        codes(&check(dir.path(), &["a.txt", "--config", "strict.toml"]).1),
        ["a.txt S008"]
    );
    assert_eq!(
        codes(&check(dir.path(), &["a.txt", "--isolated"]).1),
        ["a.txt S001", "a.txt S008"]
    );
    let (code, _, err) = check(dir.path(), &["a.txt", "--config", "missing.toml"]);
    assert_eq!(code, 2);
    assert!(err.contains("missing.toml: cannot read the config file"), "{err}");
}

#[test]
fn the_command_line_overrides_the_file() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "mtlint.toml", "select = [\"S001\"]\nignore = [\"S008\"]\n");
    write(dir.path(), "a.txt", DEFECTS);
    // --select replaces the file's selection, even re-enabling what it ignores.
    assert_eq!(
        codes(&check(dir.path(), &["a.txt", "--select", "S008"]).1),
        ["a.txt S008"]
    );
    // --extend-select adds to it, also over the file's ignore.
    assert_eq!(
        codes(&check(dir.path(), &["a.txt", "--extend-select", "multiple-spaces"]).1),
        ["a.txt S001", "a.txt S008"]
    );
    // --ignore removes what the file selected.
    let (code, out, _) = check(dir.path(), &["a.txt", "--ignore", "S001"]);
    assert_eq!((code, out.as_str()), (0, ""));
}

#[test]
fn allow_drops_diagnostics_inside_exact_and_regex_matches() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Readers of Yahoo!News and Sina.Weibo saw the report.Officials confirmed it.\n";
    write(dir.path(), "a.txt", text);
    let (_, out, _) = check(dir.path(), &["a.txt", "--isolated"]);
    assert_eq!(out.lines().count(), 3, "{out}");
    write(
        dir.path(),
        "mtlint.toml",
        "allow = [\"Yahoo!News\", { regex = \"Sina\\\\.[A-Z][a-z]+\" }]\n",
    );
    let (_, out, _) = check(dir.path(), &["a.txt"]);
    assert_eq!(
        out,
        "a.txt:1:52: S001 [*] Missing space after `.` between two sentences\n"
    );
    // --fix leaves allowed text alone too.
    mtlint_in(dir.path()).args(["check", "--fix", "a.txt"]).assert().code(0);
    assert_eq!(
        fs::read_to_string(dir.path().join("a.txt")).unwrap(),
        "Readers of Yahoo!News and Sina.Weibo saw the report. Officials confirmed it.\n"
    );
}

#[test]
fn per_file_ignores_match_globs_relative_to_the_config() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "mtlint.toml",
        "[per-file-ignores]\n\"archive/**\" = [\"S001\"]\n\"*-wire.txt\" = [\"multiple-spaces\"]\n",
    );
    write(dir.path(), "archive/2019/a.txt", DEFECTS);
    write(dir.path(), "desk/xinhua-wire.txt", DEFECTS);
    write(dir.path(), "desk/b.txt", DEFECTS);
    let (_, out, _) = check(&dir.path().join("desk"), &["..", "b.txt"]);
    // `b.txt` is reached twice (`../desk/b.txt` and `b.txt`): checked once,
    // under the first path in sorted order.
    assert_eq!(
        codes(&out),
        [
            "../archive/2019/a.txt S008",
            "../desk/b.txt S001",
            "../desk/b.txt S008",
            "../desk/xinhua-wire.txt S001",
        ]
    );
}

#[test]
fn severity_overrides_follow_the_narrowest_selector() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "mtlint.toml",
        "[severity]\nS = \"info\"\nS001 = \"error\"\n",
    );
    write(dir.path(), "a.txt", DEFECTS);
    let out = mtlint_in(dir.path())
        .args(["check", "a.txt", "--output-format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let severities: Vec<(&str, &str)> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["code"].as_str().unwrap(), d["severity"].as_str().unwrap()))
        .collect();
    assert_eq!(severities, [("S001", "error"), ("S008", "info")]);
}

#[test]
fn unfixable_rules_are_reported_but_not_fixed() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "mtlint.toml", "unfixable = [\"S008\"]\n");
    write(dir.path(), "a.txt", DEFECTS);
    let (code, out, _) = check(dir.path(), &["a.txt"]);
    assert_eq!(code, 1);
    assert!(out.contains("S001 [*]") && out.contains("S008 2 spaces"), "{out}");
    mtlint_in(dir.path()).args(["check", "--fix", "a.txt"]).assert().code(1);
    assert_eq!(
        fs::read_to_string(dir.path().join("a.txt")).unwrap(),
        "The delegation arrived on Monday. Talks began at  noon in the capital.\n"
    );
    write(dir.path(), "mtlint.toml", "fixable = [\"S008\"]\n");
    let (_, out, _) = check(dir.path(), &["a.txt"]);
    assert!(out.contains("S008 [*]"), "{out}");
}

#[test]
fn extensions_include_and_excludes_pick_the_walked_files() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "mtlint.toml",
        "extensions = [\"md\"]\ninclude = [\"wire/*.story\"]\nextend-exclude = [\"drafts\"]\n",
    );
    for name in [
        "a.md",
        "b.txt",
        "wire/c.story",
        "d.story",
        "drafts/e.md",
        "node_modules/f.md",
    ] {
        write(dir.path(), name, DEFECTS);
    }
    let (_, out, _) = check(dir.path(), &[".", "--select", "S001"]);
    assert_eq!(codes(&out), ["./a.md S001", "./wire/c.story S001"]);
    // --extension adds to the config's list.
    let (_, out, _) = check(dir.path(), &[".", "--select", "S001", "--extension", "txt"]);
    assert_eq!(codes(&out), ["./a.md S001", "./b.txt S001", "./wire/c.story S001"]);
    // Named files are checked whatever the filters say, unless --force-exclude.
    let named = ["b.txt", "drafts/e.md", "a.md", "--select", "S001"];
    assert_eq!(
        codes(&check(dir.path(), &named).1),
        ["a.md S001", "b.txt S001", "drafts/e.md S001"]
    );
    let forced: Vec<&str> = named.iter().copied().chain(["--force-exclude"]).collect();
    assert_eq!(codes(&check(dir.path(), &forced).1), ["a.md S001"]);
}

#[test]
fn exclude_replaces_the_default_list() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "mtlint.toml", "exclude = [\"old\"]\n");
    write(dir.path(), "target/a.txt", DEFECTS);
    write(dir.path(), "old/b.txt", DEFECTS);
    let (_, out, _) = check(dir.path(), &[".", "--select", "S001"]);
    assert_eq!(codes(&out), ["./target/a.txt S001"]);
}

#[test]
fn extend_rules_paths_must_exist() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("house-rules")).unwrap();
    write(dir.path(), "mtlint.toml", "extend-rules = [\"house-rules\"]\n");
    write(dir.path(), "a.txt", DEFECTS);
    let out = mtlint_in(dir.path())
        .args(["config", "a.txt", "--output-format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["options"]["extend-rules"], serde_json::json!(["house-rules"]));
    write(
        dir.path(),
        "mtlint.toml",
        "\nextend-rules = [\"house-rules\", \"missing.toml\"]\n",
    );
    let (code, _, err) = check(dir.path(), &["a.txt"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("mtlint.toml:2:32: key `extend-rules[1]`: no such file or folder"),
        "{err}"
    );
}

/// Each broken config: its text, and what the error must say.
const CONFIG_ERRORS: &[(&str, &str)] = &[
    (
        "select = [\"S\"]\nextend-selct = [\"S001\"]\n",
        "mtlint.toml:2:1: unknown key `extend-selct` (did you mean `extend-select`?)",
    ),
    (
        "ignore = \"S001\"\n",
        "mtlint.toml:1:10: key `ignore`: invalid type: string \"S001\", expected a sequence",
    ),
    (
        "\nselect = [\"S001\", \"S0001\"]\n",
        "mtlint.toml:2:19: key `select[1]`: unknown rule selector `S0001` (did you mean `S001`?)",
    ),
    (
        "[per-file-ignores]\n\"drafts/*\" = [\"multiple-space\"]\n",
        "mtlint.toml:2:15: key `per-file-ignores.\"drafts/*\"[0]`: unknown rule selector `multiple-space` (did you mean `multiple-spaces`?)",
    ),
    (
        "[severity]\nS001 = \"warn\"\n",
        "mtlint.toml:2:8: key `severity.S001`: unknown variant `warn`, expected one of `error`, `warning`, `info` (did you mean `warning`?)",
    ),
    (
        "[severity]\nS0011 = \"info\"\n",
        "mtlint.toml:2:1: key `severity.S0011`: unknown rule selector `S0011` (did you mean `S001`?)",
    ),
    (
        "unfixable = [\"S999\"]\n",
        "mtlint.toml:1:14: key `unfixable[0]`: unknown rule selector `S999`",
    ),
    ("exclude = [\"a{b\"]\n", "mtlint.toml:1:12: key `exclude[0]`: "),
    (
        "allow = [{ regex = \"(unclosed\" }]\n",
        "mtlint.toml:1:10: key `allow[0]`: invalid regex",
    ),
    (
        "allow = [{ regx = \"x\" }]\n",
        "mtlint.toml:1:10: unknown key `allow[0].regx` (did you mean `regex`?)",
    ),
    ("select = [\"S001\"\n", "mtlint.toml:1:17: "),
];

#[test]
fn every_config_error_names_file_line_and_key_and_exits_2() {
    for (config, expected) in CONFIG_ERRORS {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "mtlint.toml", config);
        write(dir.path(), "a.txt", DEFECTS);
        for args in [&["check", "a.txt"][..], &["config", "a.txt"][..]] {
            let output = mtlint_in(dir.path()).args(args).output().unwrap();
            let err = String::from_utf8(output.stderr).unwrap();
            assert_eq!(output.status.code(), Some(2), "{config}: {err}");
            assert!(output.stdout.is_empty(), "{config}");
            let expected = format!("mtlint: error: {}", dir.path().join(expected).display());
            assert!(
                err.starts_with(&expected),
                "{config}\nexpected: {expected}\n     got: {err}"
            );
        }
    }
}

#[test]
fn config_shows_the_file_and_why_each_rule_is_on() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "mtlint.toml",
        "ignore = [\"S008\"]\n[severity]\nS001 = \"warning\"\n",
    );
    write(dir.path(), "a.txt", DEFECTS);
    let out = mtlint_in(dir.path()).args(["config", "a.txt"]).output().unwrap();
    let out = String::from_utf8(out.stdout).unwrap();
    let config = dir.path().join("mtlint.toml");
    assert!(out.contains(&format!("Config file: {}\n", config.display())), "{out}");
    assert!(out.contains("ignore = [\"S008\"]"), "{out}");
    let s001 = out.lines().find(|l| l.contains(" S001 ")).unwrap();
    assert!(s001.starts_with("  on ") && s001.contains("warning") && s001.ends_with("on by default"));
    let s008 = out.lines().find(|l| l.contains(" S008 ")).unwrap();
    assert!(s008.starts_with("  off") && s008.ends_with(&format!("ignore in {}", config.display())));
    // check --show-settings takes the command line into account, and checks nothing.
    let out = mtlint_in(dir.path())
        .args(["check", "a.txt", "--show-settings", "--extend-select", "S008"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    let s008 = out.lines().find(|l| l.contains(" S008 ")).unwrap();
    assert!(s008.starts_with("  on ") && s008.ends_with("--extend-select"), "{out}");
}

#[test]
fn config_without_a_file_shows_the_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let out = mtlint_in(dir.path()).args(["config", "--isolated"]).output().unwrap();
    let out = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.starts_with("Settings for .\nConfig file: none (built-in defaults)\n\nRules:\n"),
        "{out}"
    );
}

#[test]
fn the_shipped_schema_matches_the_code() {
    let path = repo_path("mtlint.schema.json");
    let generated = serde_json::to_string_pretty(&mtlint::settings::config_schema()).unwrap() + "\n";
    if std::env::var_os("MTLINT_UPDATE_SCHEMA").is_some() {
        fs::write(&path, &generated).unwrap();
    }
    let shipped = fs::read_to_string(&path).unwrap();
    assert!(
        shipped == generated,
        "mtlint.schema.json is out of date: run `MTLINT_UPDATE_SCHEMA=1 cargo test --test cli_config`"
    );
    let out = mtlint_in(Path::new(env!("CARGO_MANIFEST_DIR")))
        .args(["config", "--schema"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), generated);
}

#[test]
fn the_schema_accepts_a_full_config_and_rejects_unknown_keys() {
    let schema = mtlint::settings::config_schema();
    let validator = jsonschema::validator_for(&schema).unwrap();
    // The example in the README, whole.
    let readme = repo_file("README.md");
    let example = readme
        .split("```toml\n#:schema ./mtlint.schema.json\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the README has the config example");
    let options: mtlint::settings::Options = toml::from_str(example).unwrap();
    assert!(options.allow.is_some() && options.per_file_ignores.is_some() && options.severity.is_some());
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("house-rules")).unwrap();
    write(dir.path(), "mtlint.toml", example);
    mtlint_in(dir.path()).arg("config").assert().code(0);
    let full: toml::Table = toml::from_str(example).unwrap();
    let full = serde_json::to_value(full).unwrap();
    assert!(validator.is_valid(&full), "{:?}", validator.validate(&full));
    assert!(!validator.is_valid(&serde_json::json!({"selct": ["S"]})));
    assert!(!validator.is_valid(&serde_json::json!({"severity": {"S001": "fatal"}})));
}

#[test]
fn extend_rules_load_user_rules_that_selectors_can_name() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "house/house.toml", HOUSE_RULE);
    write(
        dir.path(),
        "desk/mtlint.toml",
        "extend-rules = [\"../house\"]\nselect = [\"M901\"]\n[severity]\nhouse-reported-that = \"info\"\n",
    );
    write(
        dir.path(),
        "desk/a.txt",
        "It is reported that the talks resumed.Officials agreed.\n",
    );
    let (code, out, err) = check(&dir.path().join("desk"), &["a.txt"]);
    assert_eq!(
        (code, out.as_str()),
        (
            1,
            "a.txt:1:1: M901 [*] House style: `It is reported that` becomes `Reportedly,`\n"
        ),
        "{err}"
    );
    // The same folder named on the command line too is loaded once.
    let (code, _, err) = check(&dir.path().join("desk"), &["a.txt", "--extend-rules", "../house"]);
    assert_eq!(code, 1, "{err}");
    // Without the rule file, the selector is unknown.
    write(dir.path(), "desk/mtlint.toml", "select = [\"M901\"]\n");
    let (code, _, err) = check(&dir.path().join("desk"), &["a.txt"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("mtlint.toml:1:11: key `select[0]`: unknown rule selector `M901`"),
        "{err}"
    );
}
