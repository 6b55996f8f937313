//! rustc-style snippets through codespan-reporting.

use std::io::{self, Write};
use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as ReportSeverity};
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::termcolor::{Ansi, NoColor, WriteColor};
use codespan_reporting::term::{self, Config};

use super::{FileReport, RenderOptions, StreamingRenderer};
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::source::SourceFile;

/// Lets codespan place spans with our line index, so human output and JSON agree
/// on lines even for `\r`-only line endings.
struct OneFile<'a>(&'a SourceFile);

impl<'a> Files<'a> for OneFile<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(&self.0.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(&self.0.text)
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, FilesError> {
        Ok(self.0.lines.line_of(byte_index.min(self.0.text.len())))
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, FilesError> {
        if line_index >= self.0.lines.line_count() {
            return Err(FilesError::LineTooLarge {
                given: line_index,
                max: self.0.lines.line_count() - 1,
            });
        }
        Ok(self.0.lines.line_range(line_index))
    }
}

pub struct Human;

fn severity(severity: Severity) -> ReportSeverity {
    match severity {
        Severity::Info => ReportSeverity::Note,
        Severity::Warning => ReportSeverity::Warning,
        Severity::Error => ReportSeverity::Error,
    }
}

fn to_report(diagnostic: &Diagnostic, options: &RenderOptions) -> Report<()> {
    let mut notes = Vec::new();
    if let Some(fix) = &diagnostic.fix {
        let availability = match (fix.applicability, options.fix_level) {
            (Applicability::Safe, _) => "",
            (Applicability::Unsafe, Applicability::Unsafe) => " (unsafe fix)",
            (Applicability::Unsafe, Applicability::Safe) => " (unsafe fix, available with --unsafe-fixes)",
        };
        notes.push(format!("help: {}{availability}", fix.message));
    }
    Report::new(severity(diagnostic.severity))
        .with_code(format!("{}/{}", diagnostic.rule.code, diagnostic.rule.name))
        .with_message(&diagnostic.message)
        .with_labels(vec![Label::primary((), diagnostic.span.clone())])
        .with_notes(notes)
}

impl Human {
    fn emit(writer: &mut dyn WriteColor, report: &FileReport, options: &RenderOptions) -> io::Result<()> {
        let config = Config::default();
        let files = OneFile(&report.source);
        for diagnostic in &report.diagnostics {
            term::emit_to_write_style(writer, &config, &files, &to_report(diagnostic, options))
                .map_err(io::Error::other)?;
        }
        Ok(())
    }
}

impl StreamingRenderer for Human {
    fn part(&self, report: &FileReport, options: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        if options.color {
            Self::emit(&mut Ansi::new(out), report, options)
        } else {
            Self::emit(&mut NoColor::new(out), report, options)
        }
    }
}
