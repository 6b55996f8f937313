//! GitLab Code Quality JSON: one issue per diagnostic, shown in merge requests.

use std::collections::HashMap;
use std::io::{self, Write};

use serde::Serialize;

use super::{FileReport, RenderOptions, StreamingRenderer, Totals, pretty_element, spill};
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

impl StreamingRenderer for Gitlab {
    fn begin(&self, _: &RenderOptions, _: Option<Totals>, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(b"[")
    }

    fn separator(&self) -> &'static [u8] {
        b","
    }

    fn end(&self, _: &RenderOptions, empty: bool, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(if empty { b"[]\n" } else { b"\n]\n" })
    }

    /// The issues laid out as serde_json's pretty printer lays out the elements
    /// of one array over the whole run.
    fn part(&self, report: &FileReport, _: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        let mut buffer = Vec::new();
        for (index, issue) in issues(report).enumerate() {
            buffer.extend_from_slice(if index == 0 { b"\n" } else { b",\n" });
            pretty_element(&mut buffer, &issue, 1)?;
            spill(&mut buffer, out)?;
        }
        out.write_all(&buffer)
    }
}

/// One file's issues, in the order of its diagnostics.
fn issues(report: &FileReport) -> impl Iterator<Item = Issue<'_>> {
    let path = report.source.name.trim_start_matches("./");
    // GitLab merges issues with equal fingerprints, so identical findings in
    // one file are told apart by their order.
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut locator = report.source.locator();
    report.diagnostics.iter().map(move |diagnostic| {
        let context = fingerprint(&report.source.text, diagnostic);
        let occurrence = seen.entry(context.clone()).or_insert(0);
        *occurrence += 1;
        Issue {
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
                    begin: locator.line_column(diagnostic.span.start).line,
                },
            },
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Registry;
    use crate::render::Renderer;
    use crate::source::SourceFile;

    #[test]
    fn the_streamed_array_is_serde_pretty_output() {
        let registry = Registry::builtin();
        let rules = registry.select(&Default::default()).unwrap();
        let report = |name: &str, text: &str| FileReport {
            source: SourceFile::new(name, text),
            diagnostics: crate::lint(text, &rules),
        };
        let reports = [
            report("./a.txt", "Talks ended.Officials left.\nTalks ended.Officials left.\n"),
            report("b.txt", "All quiet here.\n"),
            report("c \"q\".txt", "Rain  fell.\n"),
        ];
        let options = RenderOptions {
            fix_level: crate::diagnostic::Applicability::Safe,
            color: false,
            rules: &[],
        };
        let mut streamed = Vec::new();
        Gitlab.render(&reports, &options, &mut streamed).unwrap();
        let all: Vec<Issue> = reports.iter().flat_map(issues).collect();
        assert_eq!(all.len(), 3);
        let expected = serde_json::to_string_pretty(&all).unwrap() + "\n";
        assert_eq!(String::from_utf8(streamed).unwrap(), expected);
        let mut empty = Vec::new();
        Gitlab.render(&reports[1..2], &options, &mut empty).unwrap();
        assert_eq!(empty, b"[]\n");
    }
}
