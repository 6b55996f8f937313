//! The JSON contract: `json` writes one array, `jsonl` one object per line.

use std::io::{self, Write};

use serde::Serialize;

use super::{FileReport, RenderOptions, StreamingRenderer, Totals, spill};
use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
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

/// Writes one file's diagnostics in order into a buffer that is handed to
/// `out` in large pieces. The JSON is written by hand from constant pieces:
/// through serde a diagnostic took ~10,000 instructions, mostly escaping the
/// constant keys. `JsonDiagnostic`'s `Serialize` stays the definition; a test
/// holds the two to the same bytes.
fn each<const PRETTY: bool>(report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
    // Starts point forward (diagnostics are sorted); ends nearly so.
    let mut starts = report.source.locator();
    let mut ends: Locator = report.source.locator();
    let mut buffer = Vec::new();
    let mut path = Vec::new();
    string(&mut path, &report.source.name);
    for (index, diagnostic) in report.diagnostics.iter().enumerate() {
        let start = starts.line_column(diagnostic.span.start);
        let end = ends.line_column(diagnostic.span.end);
        let item = JsonDiagnostic::placed(&report.source, diagnostic, start, end);
        if PRETTY {
            // The array's elements, indented as `serde_json::to_writer_pretty` indents them.
            buffer.extend_from_slice(if index == 0 { b"  " } else { b",\n  " });
        }
        write_diagnostic::<PRETTY>(&mut buffer, &item, &path);
        if !PRETTY {
            buffer.push(b'\n');
        }
        spill(&mut buffer, out)?;
    }
    out.write_all(&buffer)
}

/// Appends the pretty piece (laid out as serde_json lays out an array element)
/// or the compact one: constants, so each append compiles to a few moves.
macro_rules! piece {
    ($out:expr, $pretty:expr, $compact:expr) => {
        $out.extend_from_slice(if PRETTY { $pretty } else { $compact })
    };
}

/// One diagnostic; `path` is the file's path already escaped.
fn write_diagnostic<const PRETTY: bool>(out: &mut Vec<u8>, item: &JsonDiagnostic, path: &[u8]) {
    piece!(out, b"{\n    \"path\": ", b"{\"path\":");
    out.extend_from_slice(path);
    piece!(out, b",\n    \"code\": ", b",\"code\":");
    string(out, item.code);
    piece!(out, b",\n    \"name\": ", b",\"name\":");
    string(out, item.name);
    piece!(out, b",\n    \"severity\": ", b",\"severity\":");
    string(out, item.severity.as_str());
    piece!(out, b",\n    \"message\": ", b",\"message\":");
    string(out, item.message);
    piece!(out, b",\n    \"span\": {\n      \"start\": ", b",\"span\":{\"start\":");
    number(out, item.span.start);
    piece!(out, b",\n      \"end\": ", b",\"end\":");
    number(out, item.span.end);
    piece!(
        out,
        b"\n    },\n    \"start\": {\n      \"line\": ",
        b"},\"start\":{\"line\":"
    );
    number(out, item.start.line);
    piece!(out, b",\n      \"column\": ", b",\"column\":");
    number(out, item.start.column);
    piece!(
        out,
        b"\n    },\n    \"end\": {\n      \"line\": ",
        b"},\"end\":{\"line\":"
    );
    number(out, item.end.line);
    piece!(out, b",\n      \"column\": ", b",\"column\":");
    number(out, item.end.column);
    piece!(out, b"\n    },\n    \"fix\": ", b"},\"fix\":");
    match item.fix {
        None => out.extend_from_slice(b"null"),
        Some(fix) => {
            piece!(out, b"{\n      \"applicability\": ", b"{\"applicability\":");
            string(
                out,
                match fix.applicability {
                    Applicability::Safe => "safe",
                    Applicability::Unsafe => "unsafe",
                },
            );
            piece!(out, b",\n      \"message\": ", b",\"message\":");
            string(out, &fix.message);
            piece!(out, b",\n      \"edits\": [", b",\"edits\":[");
            for (index, edit) in fix.edits.iter().enumerate() {
                if index > 0 {
                    out.push(b',');
                }
                piece!(out, b"\n        {\n          \"start\": ", b"{\"start\":");
                number(out, edit.start);
                piece!(out, b",\n          \"end\": ", b",\"end\":");
                number(out, edit.end);
                piece!(out, b",\n          \"replacement\": ", b",\"replacement\":");
                string(out, &edit.replacement);
                piece!(out, b"\n        }", b"}");
            }
            if !fix.edits.is_empty() {
                piece!(out, b"\n      ", b"");
            }
            piece!(out, b"]\n    }", b"]}");
        }
    }
    piece!(out, b"\n  }", b"}");
}

fn number(out: &mut Vec<u8>, mut value: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

/// A string escaped as serde_json escapes it.
fn string(out: &mut Vec<u8>, value: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    const fn escapes() -> [bool; 256] {
        let mut table = [false; 256];
        let mut byte = 0;
        while byte < 0x20 {
            table[byte] = true;
            byte += 1;
        }
        table[b'"' as usize] = true;
        table[b'\\' as usize] = true;
        table
    }
    static ESCAPES: [bool; 256] = escapes();
    out.push(b'"');
    let bytes = value.as_bytes();
    let mut clean = 0;
    while let Some(found) = bytes[clean..].iter().position(|&b| ESCAPES[usize::from(b)]) {
        let at = clean + found;
        let byte = bytes[at];
        let escape: &[u8] = match byte {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\x08' => b"\\b",
            b'\t' => b"\\t",
            b'\n' => b"\\n",
            b'\x0c' => b"\\f",
            b'\r' => b"\\r",
            _ => &[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(byte >> 4)],
                HEX[usize::from(byte & 15)],
            ],
        };
        out.extend_from_slice(&bytes[clean..at]);
        out.extend_from_slice(escape);
        clean = at + 1;
    }
    out.extend_from_slice(&bytes[clean..]);
    out.push(b'"');
}

pub struct Json;

impl StreamingRenderer for Json {
    fn begin(&self, _: &RenderOptions, _: Option<Totals>, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(b"[\n")
    }

    fn separator(&self) -> &'static [u8] {
        b",\n"
    }

    fn end(&self, _: &RenderOptions, empty: bool, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(if empty { b"[]\n" } else { b"\n]\n" })
    }

    fn part(&self, report: &FileReport, _: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        each::<true>(report, out)
    }
}

pub struct JsonLines;

impl StreamingRenderer for JsonLines {
    fn part(&self, report: &FileReport, _: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        each::<false>(report, out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Edit;
    use crate::registry::Registry;

    /// Diagnostics with every kind of string and fix the JSON must carry.
    fn report() -> FileReport {
        let registry = Registry::builtin();
        let rule = registry.rules()[0].meta();
        let text = "a\tb \"q\" \\ é 😀 \u{1}\u{7f}\r\nline two\n";
        let diagnostics = vec![
            Diagnostic::new(rule, 0..3, "tab\t, quote \", backslash \\, \u{1f} and é"),
            Diagnostic::new(rule, 4..7, "with fix").with_fix(Fix::safe(
                "Replace \"q\"",
                vec![Edit::replacement(4..7, "\u{8}\u{c}\n"), Edit::insertion(10, "")],
            )),
            Diagnostic::new(rule, 13..17, "no edits").with_fix(Fix::unsafe_("Nothing", Vec::new())),
            Diagnostic::new(rule, 24..28, "second line"),
        ];
        FileReport {
            source: SourceFile::new("dir/\"odd\" name.txt", text),
            diagnostics,
        }
    }

    fn serde_items(report: &FileReport) -> Vec<JsonDiagnostic<'_>> {
        report
            .diagnostics
            .iter()
            .map(|d| JsonDiagnostic::new(&report.source, d))
            .collect()
    }

    fn rendered(renderer: &dyn crate::render::Renderer, reports: &[FileReport]) -> String {
        let options = RenderOptions {
            fix_level: Applicability::Safe,
            color: false,
            rules: &[],
        };
        let mut out = Vec::new();
        renderer.render(reports, &options, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn json_matches_serde_pretty_output() {
        let reports = [report(), report()];
        let items: Vec<JsonDiagnostic> = reports.iter().flat_map(serde_items).collect();
        let expected = serde_json::to_string_pretty(&items).unwrap() + "\n";
        assert_eq!(rendered(&Json, &reports), expected);
        assert_eq!(rendered(&Json, &[]), "[]\n");
    }

    #[test]
    fn jsonl_matches_serde_compact_output() {
        let report = report();
        let expected: String = serde_items(&report)
            .iter()
            .map(|item| serde_json::to_string(item).unwrap() + "\n")
            .collect();
        assert_eq!(rendered(&JsonLines, &[report]), expected);
    }
}
