//! JUnit XML for test-report viewers: one test case per file, one failure per
//! diagnostic.

use std::io::{self, Write};

use super::{FileReport, RenderOptions, Renderer};

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

impl Renderer for Junit {
    fn render(&self, reports: &[FileReport], _: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        let failures: usize = reports.iter().map(|r| r.diagnostics.len()).sum();
        let tests = reports.len();
        writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        writeln!(
            out,
            r#"<testsuites name="mtlint" tests="{tests}" failures="{failures}" errors="0">"#
        )?;
        writeln!(
            out,
            r#"  <testsuite name="mtlint" tests="{tests}" failures="{failures}" errors="0" skipped="0">"#
        )?;
        for report in reports {
            let name = escape(&report.source.name);
            if report.diagnostics.is_empty() {
                writeln!(out, r#"    <testcase name="{name}" classname="mtlint" file="{name}"/>"#)?;
                continue;
            }
            writeln!(out, r#"    <testcase name="{name}" classname="mtlint" file="{name}">"#)?;
            for diagnostic in &report.diagnostics {
                let at = report.source.line_column(diagnostic.span.start);
                writeln!(
                    out,
                    r#"      <failure type="{}" message="{}">{}:{}:{}: {} {} ({})</failure>"#,
                    diagnostic.rule.code,
                    escape(&diagnostic.message),
                    name,
                    at.line,
                    at.column,
                    diagnostic.rule.code,
                    escape(&diagnostic.message),
                    diagnostic.severity.as_str()
                )?;
            }
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
        writeln!(out, "</testsuites>")
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
