//! `mtlint rule` and `mtlint rules`: the rule documentation.

use std::io::Write;

use anyhow::bail;
use mtlint::Registry;
use mtlint::examples::{self, Expectation};
use serde::Serialize;

use super::ExitStatus;
use super::args::{ListFormat, RuleArgs, RulesArgs};

pub fn run_rule(args: RuleArgs) -> anyhow::Result<ExitStatus> {
    let mut registry = Registry::builtin();
    mtlint::declarative::extend_registry(&mut registry, &args.extend_rules)?;
    let Some(rule) = registry.find(&args.rule) else {
        let hint = registry
            .resolve(&args.rule)
            .err()
            .and_then(|e| e.suggestion)
            .map(|s| format!(" (did you mean `{s}`?)"))
            .unwrap_or_default();
        bail!("unknown rule `{}`{hint}", args.rule);
    };
    let meta = rule.meta();
    let mut out = std::io::stdout().lock();
    writeln!(out, "# {} {}\n", meta.code, meta.name)?;
    writeln!(
        out,
        "Family: {} · Severity: {} · Default: {} · Fix: {}\n",
        meta.family.name(),
        meta.severity.as_str(),
        if meta.default_enabled { "on" } else { "off (opt-in)" },
        meta.fix.as_str()
    )?;
    write!(out, "{}", meta.doc)?;
    Ok(ExitStatus::Success)
}

#[derive(Serialize)]
struct RuleRow<'a> {
    code: &'a str,
    name: &'a str,
    family: &'a str,
    default: bool,
    severity: &'a str,
    fix: &'a str,
    summary: &'a str,
}

pub fn run_rules(args: RulesArgs) -> anyhow::Result<ExitStatus> {
    let mut registry = Registry::builtin();
    mtlint::declarative::extend_registry(&mut registry, &args.extend_rules)?;
    if let Some(file) = &args.test {
        return test_rule_file(registry, file);
    }
    let rows: Vec<RuleRow> = registry
        .rules()
        .iter()
        .map(|rule| {
            let meta = rule.meta();
            RuleRow {
                code: meta.code,
                name: meta.name,
                family: meta.family.name(),
                default: meta.default_enabled,
                severity: meta.severity.as_str(),
                fix: meta.fix.as_str(),
                summary: meta.summary(),
            }
        })
        .collect();
    let mut out = std::io::stdout().lock();
    match args.output_format {
        ListFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &rows)?;
            writeln!(out)?;
        }
        ListFormat::Text => {
            writeln!(
                out,
                "{:<6} {:<40} {:<12} {:<8} {:<8} fix",
                "code", "name", "family", "default", "severity"
            )?;
            for row in rows {
                writeln!(
                    out,
                    "{:<6} {:<40} {:<12} {:<8} {:<8} {}",
                    row.code,
                    row.name,
                    row.family,
                    if row.default { "on" } else { "off" },
                    row.severity,
                    row.fix
                )?;
            }
        }
    }
    Ok(ExitStatus::Success)
}

/// `mtlint rules --test FILE`: runs the examples of the file's rules the way
/// `cargo test` runs the shipped ones, one line per example.
fn test_rule_file(mut registry: Registry, file: &std::path::Path) -> anyhow::Result<ExitStatus> {
    let codes = mtlint::declarative::extend_registry(&mut registry, &[file.to_path_buf()])?;
    let mut out = std::io::stdout().lock();
    let (mut passed, mut failed) = (0, 0);
    for code in codes {
        let rule = registry.find(code).expect("the rule was just added");
        let parsed = examples::parse(code, rule.meta().doc);
        let has_bad = parsed
            .iter()
            .any(|e| matches!(e.expectation, Expectation::Reported { .. }));
        let has_good = parsed.iter().any(|e| e.expectation == Expectation::Quiet);
        if !(has_bad && has_good) {
            failed += 1;
            writeln!(
                out,
                "FAIL {code}::has_bad_and_good_examples: every rule needs at least one bad and one good example"
            )?;
        }
        for example in parsed {
            match examples::run(&registry, rule, &example) {
                Ok(()) => {
                    passed += 1;
                    writeln!(out, "ok   {}", example.name())?;
                }
                Err(reason) => {
                    failed += 1;
                    writeln!(out, "FAIL {}: {}", example.name(), reason.replace('\n', "\n     "))?;
                }
            }
        }
    }
    writeln!(out, "\n{passed} passed, {failed} failed")?;
    Ok(if failed == 0 {
        ExitStatus::Success
    } else {
        ExitStatus::Failure
    })
}
