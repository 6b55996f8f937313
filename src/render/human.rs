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

/// Lines longer than this many chars are shown as an excerpt around the span:
/// scraped articles often hold a whole article on one line.
const MAX_SHOWN_LINE_CHARS: usize = 160;

/// Chars of context kept on each side of the span in an excerpt.
const EXCERPT_CONTEXT_CHARS: usize = 60;

/// What codespan is shown for one diagnostic: the file itself, or an excerpt of
/// one long line, with line and column numbers mapped back to the real file so
/// the header always names the true position.
struct View<'a> {
    name: &'a str,
    text: std::borrow::Cow<'a, str>,
    /// Line index of the excerpt's line in the real file, when this is an excerpt.
    excerpt_line: Option<usize>,
    /// Byte offset in `text` where the real content starts (after the `…` marker).
    excerpt_prefix: usize,
    /// Real column (1-based, chars) of the excerpt's first real char.
    excerpt_column: usize,
    lines: Option<&'a crate::source::LineIndex>,
}

impl<'a> View<'a> {
    /// The view for `span`, and the span in the view's coordinates.
    fn new(source: &'a SourceFile, span: Range<usize>) -> (Self, Range<usize>) {
        let whole = View {
            name: &source.name,
            text: std::borrow::Cow::Borrowed(&source.text),
            excerpt_line: None,
            excerpt_prefix: 0,
            excerpt_column: 1,
            lines: Some(&source.lines),
        };
        let line = source.lines.line_of(span.start);
        let line_range = source.lines.line_range(line);
        let line_text = source.text[line_range.clone()].trim_end_matches(['\n', '\r']);
        let line_end = line_range.start + line_text.len();
        if span.end > line_end || line_text.chars().count() <= MAX_SHOWN_LINE_CHARS {
            return (whole, span);
        }
        let from = step_back(&source.text, span.start, EXCERPT_CONTEXT_CHARS).max(line_range.start);
        let to = step_forward(&source.text, span.end, EXCERPT_CONTEXT_CHARS).min(line_end);
        let prefix = if from > line_range.start { "…" } else { "" };
        let suffix = if to < line_end { "…" } else { "" };
        let text = format!("{prefix}{}{suffix}", &source.text[from..to]);
        let shift = |offset: usize| offset - from + prefix.len();
        let view = View {
            name: &source.name,
            text: std::borrow::Cow::Owned(text),
            excerpt_line: Some(line),
            excerpt_prefix: prefix.len(),
            excerpt_column: source.text[line_range.start..from].chars().count() + 1,
            lines: None,
        };
        (view, shift(span.start)..shift(span.end))
    }
}

/// The offset `chars` chars before `offset` (or 0).
fn step_back(text: &str, offset: usize, chars: usize) -> usize {
    text[..offset]
        .char_indices()
        .rev()
        .nth(chars.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

/// The offset `chars` chars after `offset` (or the end).
fn step_forward(text: &str, offset: usize, chars: usize) -> usize {
    text[offset..]
        .char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| offset + i)
}

impl<'a> Files<'a> for View<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(&self.text)
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, FilesError> {
        Ok(match self.lines {
            Some(lines) => lines.line_of(byte_index.min(self.text.len())),
            None => 0,
        })
    }

    fn line_number(&'a self, (): (), line_index: usize) -> Result<usize, FilesError> {
        Ok(self.excerpt_line.unwrap_or(line_index) + 1)
    }

    fn column_number(&'a self, (): (), line_index: usize, byte_index: usize) -> Result<usize, FilesError> {
        let start = self.line_range((), line_index)?.start;
        let base = if self.excerpt_line.is_some() {
            self.excerpt_prefix
        } else {
            start
        };
        let before = self.text.get(base.min(byte_index)..byte_index).unwrap_or("");
        Ok(self.excerpt_column + before.chars().count())
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, FilesError> {
        match self.lines {
            Some(lines) if line_index < lines.line_count() => Ok(lines.line_range(line_index)),
            Some(lines) => Err(FilesError::LineTooLarge {
                given: line_index,
                max: lines.line_count() - 1,
            }),
            None => Ok(0..self.text.len()),
        }
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

fn to_report(diagnostic: &Diagnostic, span: Range<usize>, options: &RenderOptions) -> Report<()> {
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
        .with_labels(vec![Label::primary((), span)])
        .with_notes(notes)
}

impl Human {
    fn emit(writer: &mut dyn WriteColor, report: &FileReport, options: &RenderOptions) -> io::Result<()> {
        let config = Config::default();
        for diagnostic in &report.diagnostics {
            let (view, span) = View::new(&report.source, diagnostic.span.clone());
            term::emit_to_write_style(writer, &config, &view, &to_report(diagnostic, span, options))
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
