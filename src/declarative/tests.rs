//! The loader's errors, and the shipped files.

use super::*;

fn load_str(text: &str) -> Result<Pack, LoadError> {
    compile(&[("user.toml".to_string(), text.to_string())])
}

fn error(text: &str) -> String {
    match load_str(text) {
        Ok(_) => panic!("expected an error for:\n{text}"),
        Err(error) => error.to_string(),
    }
}

const VALID: &str = r#"
[[rules]]
code = "M901"
name = "house-banned-phrase"
family = "markers"
type = "existence"
message = "Banned phrase `{match}`"
phrases = ["it is reported that"]
"#;

#[test]
fn shipped_rules_compile() {
    let files: Vec<(String, String)> = SHIPPED.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
    if let Err(error) = compile(&files) {
        panic!("a shipped rule file is broken: {error}");
    }
}

#[test]
fn every_rule_file_on_disk_is_shipped() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".toml"))
        .map(|name| format!("rules/{name}"))
        .collect();
    on_disk.sort();
    let shipped: Vec<String> = SHIPPED.iter().map(|(name, _)| name.to_string()).collect();
    assert_eq!(on_disk, shipped);
}

#[test]
fn shipped_rules_have_full_documentation() {
    for rule in shipped() {
        let meta = rule.meta();
        for heading in ["## What it finds", "## Why it matters", "## Examples", "## Fix safety"] {
            assert!(meta.doc.contains(heading), "{} lacks `{heading}`", meta.code);
        }
    }
}

#[test]
fn a_valid_file_loads() {
    let pack = load_str(VALID).unwrap();
    assert_eq!(pack.rules.len(), 1);
    assert_eq!(pack.rules[0].meta.code, "M901");
    assert!(pack.rules[0].meta.default_enabled);
}

#[test]
fn a_bad_regex_names_file_rule_field_and_quotes_the_regex_error() {
    let text = VALID.replace(r#"phrases = ["it is reported that"]"#, r#"pattern = '(unclosed'"#);
    let message = error(&text);
    assert!(
        message.starts_with("user.toml: rule M901 house-banned-phrase: field `pattern`: bad regex `(unclosed`"),
        "{message}"
    );
    assert!(message.contains("unclosed group"), "{message}");
}

#[test]
fn an_exploding_regex_is_refused() {
    let text = VALID.replace(r#"phrases = ["it is reported that"]"#, r#"pattern = '(\w{100}){100}'"#);
    let message = error(&text);
    assert!(
        message.contains("field `pattern`") && message.contains("size limit"),
        "{message}"
    );
}

#[test]
fn toml_syntax_errors_name_the_file() {
    let message = error("[[rules]\ncode = 1");
    assert!(message.starts_with("user.toml: invalid TOML"), "{message}");
}

#[test]
fn missing_and_unknown_fields_name_the_rule() {
    let message = error(&VALID.replace("message = \"Banned phrase `{match}`\"\n", ""));
    assert!(
        message.contains("rule M901 house-banned-phrase") && message.contains("missing field `message`"),
        "{message}"
    );
    let message = error(&VALID.replace("phrases", "phrasez"));
    assert!(message.contains("unknown field `phrasez`"), "{message}");
}

#[test]
fn field_values_are_validated() {
    let cases = [
        (
            VALID.replace("M901", "Q901"),
            "field `code`: `Q901` is not a markers code",
        ),
        (
            VALID.replace("house-banned-phrase", "House Phrase"),
            "field `name`: `House Phrase` is not kebab-case",
        ),
        (
            VALID.replace("\"markers\"", "\"misc\""),
            "field `family`: `misc` is not one of",
        ),
        (
            VALID.replace("\"existence\"", "\"occurrence\""),
            "field `type`: `occurrence` is not one of",
        ),
        (
            VALID.replace("{match}", "{2}"),
            "field `message`: `{2}` names nothing this rule provides",
        ),
        (VALID.replace("{match}", "{match"), "field `message`: unclosed `{`"),
        (
            format!("{VALID}fix = \"safe\"\n"),
            "field `replacement`: required when `fix` is safe or unsafe",
        ),
        (
            format!("{VALID}swap = {{ a = \"b\" }}\n"),
            "field `swap`: only substitution rules take this field",
        ),
        (
            format!("{VALID}[[rules.examples]]\nbad = \"x\"\ngood = \"y\"\n"),
            "field `examples`: each example has `bad`",
        ),
    ];
    for (text, expected) in cases {
        let message = error(&text);
        assert!(message.contains(expected), "expected `{expected}` in: {message}");
    }
}

#[test]
fn consistency_rules_are_validated() {
    let rule = |groups: &str, fix: &str| {
        format!(
            "[[rules]]\ncode = \"C901\"\nname = \"house-variant\"\nfamily = \"consistency\"\ntype = \"consistency\"\nmessage = \"`{{match}}` vs `{{to}}`\"\ngroups = {groups}\n{fix}"
        )
    };
    assert!(load_str(&rule(r#"[["grey", "gray"]]"#, "")).is_ok());
    assert!(error(&rule(r#"[["grey", "gray"]]"#, "fix = \"safe\"")).contains("never safe"));
    assert!(error(&rule(r#"[[["a", "b"], ["c"]]]"#, "")).contains("same number of words"));
    assert!(error(&rule(r#"[["grey"]]"#, "")).contains("two or more"));
    assert!(error(&rule(r#"[["grey", "grey"]]"#, "")).contains("listed twice"));
}

#[test]
fn clashing_codes_between_files_are_errors() {
    let files = [
        ("a.toml".to_string(), VALID.to_string()),
        ("b.toml".to_string(), VALID.replace("house-banned-phrase", "other-name")),
    ];
    let message = compile(&files).err().unwrap().to_string();
    assert!(
        message.starts_with("b.toml: rule M901 other-name: clashes with rule M901 house-banned-phrase in a.toml"),
        "{message}"
    );
}

#[test]
fn a_user_rule_clashing_with_a_builtin_rule_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("clash.toml");
    std::fs::write(&path, VALID.replace("M901", "M002")).unwrap();
    let mut registry = Registry::builtin();
    let message = extend_registry(&mut registry, &[path]).err().unwrap().to_string();
    assert!(
        message.contains("clash.toml: rule M002 house-banned-phrase: clashes with the existing rule M002"),
        "{message}"
    );
}

#[test]
fn examples_survive_the_trip_through_the_generated_doc() {
    let text = format!(
        "{VALID}[[rules.examples]]\nbad = \"  it is reported that\\r\\nx\"\nfixed = \"a\\n\"\n[[rules.examples]]\ngood = \"it is said\"\n"
    );
    let pack = load_str(&text).unwrap();
    let meta = pack.rules[0].meta;
    let examples = crate::examples::parse(meta.code, meta.doc);
    assert_eq!(examples.len(), 2);
    assert_eq!(examples[0].text, "  it is reported that\r\nx");
    assert_eq!(
        examples[0].expectation,
        crate::examples::Expectation::Reported {
            fixed: Some("a\n".into())
        }
    );
    assert_eq!(examples[1].text, "it is said");
}

#[test]
fn all_rules_of_a_pack_share_one_scan() {
    let text = "it is reported that &amp; more";
    let doc = crate::document::Document::new(text);
    let pack: &'static Pack = Box::leak(Box::new(load_str(VALID).unwrap()));
    let rules: Vec<Box<dyn Rule>> = DeclarativeRule::all(pack).collect();
    let mut out = Vec::new();
    rules[0].check(&doc, &mut out);
    rules[0].check(&doc, &mut out);
    assert_eq!(out.len(), 2, "the cached scan gives the same result twice");
    assert_eq!(&text[out[0].span.clone()], "it is reported that");
}
