//! The JSON contract: `json` writes one array, `jsonl` one object per line.

use std::io::{self, Write};

use serde::Serialize;

use super::{FileReport, RenderOptions, Renderer};
use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::source::{LineColumn, SourceFile};

#[derive(Serialize)]
struct Span {
    start: usize,
    end: usize,
}

/// One diagnostic as the JSON contract spells it.
#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    path: &'a str,
    code: &'a str,
    name: &'a str,
    severity: Severity,
    message: &'a str,
    span: Span,
    start: LineColumn,
    end: LineColumn,
    fix: Option<&'a Fix>,
}

impl<'a> JsonDiagnostic<'a> {
    pub fn new(source: &'a SourceFile, diagnostic: &'a Diagnostic) -> Self {
        JsonDiagnostic {
            path: &source.name,
            code: diagnostic.rule.code,
            name: diagnostic.rule.name,
            severity: diagnostic.severity,
            message: &diagnostic.message,
            span: Span {
                start: diagnostic.span.start,
                end: diagnostic.span.end,
            },
            start: source.line_column(diagnostic.span.start),
            end: source.line_column(diagnostic.span.end),
            fix: diagnostic.fix.as_ref(),
        }
    }
}

fn all<'a>(reports: &'a [FileReport]) -> impl Iterator<Item = JsonDiagnostic<'a>> {
    reports.iter().flat_map(|report| {
        report
            .diagnostics
            .iter()
            .map(|d| JsonDiagnostic::new(&report.source, d))
    })
}

pub struct Json;

impl Renderer for Json {
    fn render(&self, reports: &[FileReport], _: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        let items: Vec<JsonDiagnostic> = all(reports).collect();
        serde_json::to_writer_pretty(&mut *out, &items)?;
        writeln!(out)
    }
}

pub struct JsonLines;

impl Renderer for JsonLines {
    fn render(&self, reports: &[FileReport], _: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        for item in all(reports) {
            serde_json::to_writer(&mut *out, &item)?;
            writeln!(out)?;
        }
        Ok(())
    }
}
