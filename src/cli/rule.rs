//! `mtlint rule` and `mtlint rules`: the rule documentation.

use std::io::Write;

use anyhow::bail;
use mtlint::Registry;
use serde::Serialize;

use super::ExitStatus;
use super::args::{ListFormat, RuleArgs, RulesArgs};

pub fn run_rule(args: RuleArgs) -> anyhow::Result<ExitStatus> {
    let registry = Registry::builtin();
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
    let registry = Registry::builtin();
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
