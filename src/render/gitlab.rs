//! GitLab Code Quality JSON: one issue per diagnostic, shown in merge requests.

use std::collections::HashMap;
use std::io::{self, Write};

use serde::Serialize;

use super::{FileReport, RenderOptions, Renderer};
use crate::baseline::{fingerprint, fnv1a};
use crate::diagnostic::Severity;

#[derive(Serialize)]
struct Issue<'a> {
    description: &'a str,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
}

pub struct Gitlab;

impl Renderer for Gitlab {
    fn render(&self, reports: &[FileReport], _: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        let mut issues = Vec::new();
        for report in reports {
            let path = report.source.name.trim_start_matches("./");
            // GitLab merges issues with equal fingerprints, so identical
            // findings in one file are told apart by their order.
            let mut seen: HashMap<String, usize> = HashMap::new();
            for diagnostic in &report.diagnostics {
                let context = fingerprint(&report.source.text, diagnostic);
                let occurrence = seen.entry(context.clone()).or_insert(0);
                *occurrence += 1;
                issues.push(Issue {
                    description: &diagnostic.message,
                    check_name: diagnostic.rule.code,
                    fingerprint: format!("{:016x}", fnv1a(&[path, &context, &occurrence.to_string()])),
                    severity: match diagnostic.severity {
                        Severity::Error => "major",
                        Severity::Warning => "minor",
                        Severity::Info => "info",
                    },
                    location: Location {
                        path,
                        lines: Lines {
                            begin: report.source.line_column(diagnostic.span.start).line,
                        },
                    },
                });
            }
        }
        serde_json::to_writer_pretty(&mut *out, &issues)?;
        writeln!(out)
    }
}
