//! `path:line:col: CODE [*] message`, one line per diagnostic.

use std::io::{self, Write};

use super::{FileReport, RenderOptions, StreamingRenderer, spill};

pub struct Concise;

impl StreamingRenderer for Concise {
    fn part(&self, report: &FileReport, options: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        let mut locator = report.source.locator();
        let mut buffer = Vec::new();
        for diagnostic in &report.diagnostics {
            let at = locator.line_column(diagnostic.span.start);
            let marker = if diagnostic.fixable_at(options.fix_level) {
                " [*]"
            } else {
                ""
            };
            writeln!(
                buffer,
                "{}:{}:{}: {}{} {}",
                report.source.name, at.line, at.column, diagnostic.rule.code, marker, diagnostic.message
            )?;
            spill(&mut buffer, out)?;
        }
        out.write_all(&buffer)
    }
}
