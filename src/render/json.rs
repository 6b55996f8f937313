//! The JSON contract: `json` writes one array, `jsonl` one object per line.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter, Serializer};

use super::{FLUSH_AT, FileReport, RenderOptions, StreamingRenderer};
use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::source::{LineColumn, Locator, SourceFile};

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
        let start = source.line_column(diagnostic.span.start);
        let end = source.line_column(diagnostic.span.end);
        Self::placed(source, diagnostic, start, end)
    }

    fn placed(source: &'a SourceFile, diagnostic: &'a Diagnostic, start: LineColumn, end: LineColumn) -> Self {
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
            start,
            end,
            fix: diagnostic.fix.as_ref(),
        }
    }
}

/// Serialises one file's diagnostics in order, each through `write` into a
/// buffer that is handed to `out` in large pieces.
fn each<'a>(
    report: &'a FileReport,
    out: &mut dyn Write,
    mut write: impl FnMut(&mut Vec<u8>, &JsonDiagnostic<'a>, bool) -> io::Result<()>,
) -> io::Result<()> {
    // Starts point forward (diagnostics are sorted); ends nearly so.
    let mut starts = report.source.locator();
    let mut ends: Locator = report.source.locator();
    let mut buffer = Vec::new();
    for (index, diagnostic) in report.diagnostics.iter().enumerate() {
        let start = starts.line_column(diagnostic.span.start);
        let end = ends.line_column(diagnostic.span.end);
        write(
            &mut buffer,
            &JsonDiagnostic::placed(&report.source, diagnostic, start, end),
            index == 0,
        )?;
        if buffer.len() >= FLUSH_AT {
            out.write_all(&buffer)?;
            buffer.clear();
        }
    }
    out.write_all(&buffer)
}

pub struct Json;

impl StreamingRenderer for Json {
    fn begin(&self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(b"[\n")
    }

    fn separator(&self) -> &'static [u8] {
        b",\n"
    }

    fn end(&self, empty: bool, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(if empty { b"[]\n" } else { b"\n]\n" })
    }

    /// The array's elements, indented as `serde_json::to_writer_pretty` indents
    /// them inside the array.
    fn part(&self, report: &FileReport, _: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        let mut inside_array = PrettyFormatter::new();
        inside_array.begin_array(&mut io::sink())?;
        each(report, out, |buffer, item, first| {
            buffer.extend_from_slice(if first { b"  " } else { b",\n  " });
            item.serialize(&mut Serializer::with_formatter(buffer, inside_array.clone()))
                .map_err(io::Error::from)
        })
    }
}

pub struct JsonLines;

impl StreamingRenderer for JsonLines {
    fn part(&self, report: &FileReport, _: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        each(report, out, |buffer, item, _| {
            serde_json::to_writer(&mut *buffer, item)?;
            buffer.push(b'\n');
            Ok(())
        })
    }
}
