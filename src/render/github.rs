//! GitHub Actions workflow commands: one `::error`, `::warning` or `::notice`
//! per diagnostic, which GitHub shows as an annotation on the pull request.

use std::io::{self, Write};

use super::{FileReport, RenderOptions, StreamingRenderer, spill};
use crate::diagnostic::Severity;

pub struct Github;

/// Escapes a command's message: GitHub decodes `%25`, `%0D` and `%0A`.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value, where `:` and `,` are separators too.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

impl StreamingRenderer for Github {
    fn part(&self, report: &FileReport, _: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        let file = escape_property(&report.source.name);
        // Starts and ends each come in increasing order, so each gets its own locator.
        let (mut starts, mut ends) = (report.source.locator(), report.source.locator());
        let mut buffer = Vec::new();
        for diagnostic in &report.diagnostics {
            let start = starts.line_column(diagnostic.span.start);
            let end = ends.line_column(diagnostic.span.end);
            let command = match diagnostic.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            writeln!(
                buffer,
                "::{command} file={file},line={},col={},endLine={},endColumn={},title={}::{}",
                start.line,
                start.column,
                end.line,
                end.column,
                escape_property(&format!("{} {}", diagnostic.rule.code, diagnostic.rule.name)),
                escape_data(&diagnostic.message)
            )?;
            spill(&mut buffer, out)?;
        }
        out.write_all(&buffer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_follow_the_runner() {
        assert_eq!(escape_data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
