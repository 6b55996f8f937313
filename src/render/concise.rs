//! `path:line:col: CODE [*] message`, one line per diagnostic.

use std::io::{self, Write};

use super::{FileReport, RenderOptions, Renderer};

pub struct Concise;

impl Renderer for Concise {
    fn render(&self, reports: &[FileReport], options: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        for report in reports {
            for diagnostic in &report.diagnostics {
                let at = report.source.line_column(diagnostic.span.start);
                let marker = if diagnostic.fixable_at(options.fix_level) {
                    " [*]"
                } else {
                    ""
                };
                writeln!(
                    out,
                    "{}:{}:{}: {}{} {}",
                    report.source.name, at.line, at.column, diagnostic.rule.code, marker, diagnostic.message
                )?;
            }
        }
        Ok(())
    }
}
