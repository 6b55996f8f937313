//! JUnit XML for test-report viewers: one test case per file, one failure per
//! diagnostic.

use std::io::{self, Write};

use super::{FileReport, RenderOptions, StreamingRenderer, Totals, spill};

pub struct Junit;

/// Escapes text for XML attributes and content. Characters XML 1.0 cannot hold
/// at all (most C0 controls) are written as `\u{…}`.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32))
            }
            c => out.push(c),
        }
    }
    out
}

impl StreamingRenderer for Junit {
    fn needs_totals(&self) -> bool {
        true
    }

    fn begin(&self, _: &RenderOptions, totals: Option<Totals>, out: &mut dyn Write) -> io::Result<()> {
        let Totals {
            files: tests,
            diagnostics: failures,
        } = totals.expect("JUnit's opening gets the totals it needs");
        writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        writeln!(
            out,
            r#"<testsuites name="mtlint" tests="{tests}" failures="{failures}" errors="0">"#
        )?;
        writeln!(
            out,
            r#"  <testsuite name="mtlint" tests="{tests}" failures="{failures}" errors="0" skipped="0">"#
        )
    }

    fn end(&self, _: &RenderOptions, _: bool, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "  </testsuite>")?;
        writeln!(out, "</testsuites>")
    }

    /// A test case per file: passing without diagnostics, one failure per diagnostic.
    fn part(&self, report: &FileReport, _: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        let name = escape(&report.source.name);
        if report.diagnostics.is_empty() {
            return writeln!(out, r#"    <testcase name="{name}" classname="mtlint" file="{name}"/>"#);
        }
        let mut buffer = Vec::new();
        writeln!(
            buffer,
            r#"    <testcase name="{name}" classname="mtlint" file="{name}">"#
        )?;
        let mut locator = report.source.locator();
        for diagnostic in &report.diagnostics {
            let at = locator.line_column(diagnostic.span.start);
            let message = escape(&diagnostic.message);
            writeln!(
                buffer,
                r#"      <failure type="{}" message="{message}">{name}:{}:{}: {} {message} ({})</failure>"#,
                diagnostic.rule.code,
                at.line,
                at.column,
                diagnostic.rule.code,
                diagnostic.severity.as_str()
            )?;
            spill(&mut buffer, out)?;
        }
        writeln!(buffer, "    </testcase>")?;
        out.write_all(&buffer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_controls() {
        assert_eq!(
            escape(r#"a<b & "c" 'd'>"#),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;"
        );
        assert_eq!(escape("x\u{1}y\u{200B}"), "x\\u{1}y\u{200B}");
    }
}
