//! The JSON contract: `json` writes one array, `jsonl` one object per line.

use std::io::{self, Write};

use serde::Serialize;

use super::{FLUSH_AT, FileReport, RenderOptions, StreamingRenderer};
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
/// `out` in large pieces. The JSON is written by hand: through serde a
/// diagnostic took ~10,000 instructions, mostly escaping the constant keys.
/// `JsonDiagnostic`'s `Serialize` stays the definition; a test holds the two
/// to the same bytes.
fn each(report: &FileReport, pretty: bool, out: &mut dyn Write) -> io::Result<()> {
    // Starts point forward (diagnostics are sorted); ends nearly so.
    let mut starts = report.source.locator();
    let mut ends: Locator = report.source.locator();
    let mut buffer = Vec::new();
    let path = Emitter::escaped(&report.source.name);
    for (index, diagnostic) in report.diagnostics.iter().enumerate() {
        let start = starts.line_column(diagnostic.span.start);
        let end = ends.line_column(diagnostic.span.end);
        let item = JsonDiagnostic::placed(&report.source, diagnostic, start, end);
        if pretty {
            // The array's elements, indented as `serde_json::to_writer_pretty` indents them.
            buffer.extend_from_slice(if index == 0 { b"  " } else { b",\n  " });
            Emitter::new(&mut buffer, true, 1).diagnostic(&item, &path);
        } else {
            Emitter::new(&mut buffer, false, 0).diagnostic(&item, &path);
            buffer.push(b'\n');
        }
        if buffer.len() >= FLUSH_AT {
            out.write_all(&buffer)?;
            buffer.clear();
        }
    }
    out.write_all(&buffer)
}

/// A JSON writer with serde_json's layout, pretty (two-space indent, `": "`)
/// or compact.
struct Emitter<'b> {
    out: &'b mut Vec<u8>,
    pretty: bool,
    depth: usize,
    /// Nothing written yet in the innermost object or array.
    first: bool,
}

impl<'b> Emitter<'b> {
    fn new(out: &'b mut Vec<u8>, pretty: bool, depth: usize) -> Self {
        Emitter {
            out,
            pretty,
            depth,
            first: true,
        }
    }

    fn newline(&mut self) {
        const INDENTS: &[u8] = b"\n                ";
        match INDENTS.get(..1 + 2 * self.depth) {
            Some(indent) => self.out.extend_from_slice(indent),
            None => unreachable!("diagnostics nest {} levels deep at most", INDENTS.len() / 2),
        }
    }

    fn open(&mut self, bracket: u8) {
        self.out.push(bracket);
        self.depth += 1;
        self.first = true;
    }

    fn close(&mut self, bracket: u8) {
        self.depth -= 1;
        if self.pretty && !self.first {
            self.newline();
        }
        self.out.push(bracket);
        self.first = false;
    }

    /// Starts an array element or an object member.
    fn element(&mut self) {
        if !self.first {
            self.out.push(b',');
        }
        if self.pretty {
            self.newline();
        }
        self.first = false;
    }

    /// A member's key: our keys are plain ASCII words, written unescaped.
    fn key(&mut self, key: &str) {
        debug_assert!(key.bytes().all(|b| b.is_ascii_alphabetic()));
        self.element();
        self.out.push(b'"');
        self.out.extend_from_slice(key.as_bytes());
        self.out.extend_from_slice(if self.pretty { b"\": " } else { b"\":" });
    }

    fn number(&mut self, mut value: usize) {
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
        self.out.extend_from_slice(&digits[at..]);
    }

    /// A string escaped as serde_json escapes it.
    fn string(&mut self, value: &str) {
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
        self.out.push(b'"');
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
            self.out.extend_from_slice(&bytes[clean..at]);
            self.out.extend_from_slice(escape);
            clean = at + 1;
        }
        self.out.extend_from_slice(&bytes[clean..]);
        self.out.push(b'"');
    }

    fn escaped(value: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(value.len() + 2);
        Emitter::new(&mut out, false, 0).string(value);
        out
    }

    fn string_member(&mut self, key: &str, value: &str) {
        self.key(key);
        self.string(value);
    }

    fn pair(&mut self, key: &str, names: [&str; 2], values: [usize; 2]) {
        self.key(key);
        self.open(b'{');
        for (name, value) in names.into_iter().zip(values) {
            self.key(name);
            self.number(value);
        }
        self.close(b'}');
    }

    /// `path` is the file's path already escaped, the same for all its diagnostics.
    fn diagnostic(&mut self, item: &JsonDiagnostic, path: &[u8]) {
        debug_assert_eq!(path, Emitter::escaped(item.path));
        self.open(b'{');
        self.key("path");
        self.out.extend_from_slice(path);
        self.string_member("code", item.code);
        self.string_member("name", item.name);
        self.string_member("severity", item.severity.as_str());
        self.string_member("message", item.message);
        self.pair("span", ["start", "end"], [item.span.start, item.span.end]);
        self.pair("start", ["line", "column"], [item.start.line, item.start.column]);
        self.pair("end", ["line", "column"], [item.end.line, item.end.column]);
        self.key("fix");
        match item.fix {
            None => self.out.extend_from_slice(b"null"),
            Some(fix) => {
                self.open(b'{');
                let applicability = match fix.applicability {
                    Applicability::Safe => "safe",
                    Applicability::Unsafe => "unsafe",
                };
                self.string_member("applicability", applicability);
                self.string_member("message", &fix.message);
                self.key("edits");
                self.open(b'[');
                for edit in &fix.edits {
                    self.element();
                    self.open(b'{');
                    self.key("start");
                    self.number(edit.start);
                    self.key("end");
                    self.number(edit.end);
                    self.string_member("replacement", &edit.replacement);
                    self.close(b'}');
                }
                self.close(b']');
                self.close(b'}');
            }
        }
        self.close(b'}');
    }
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

    fn part(&self, report: &FileReport, _: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        each(report, true, out)
    }
}

pub struct JsonLines;

impl StreamingRenderer for JsonLines {
    fn part(&self, report: &FileReport, _: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        each(report, false, out)
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
