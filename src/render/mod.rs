//! Output formats: one module per format, each rendering one part per file.

use std::io::{self, Write};

use crate::diagnostic::{Applicability, Diagnostic};
use crate::registry::RuleMeta;
use crate::source::SourceFile;

pub mod concise;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;

/// The diagnostics of one file, with its text so positions can be placed.
pub struct FileReport {
    pub source: SourceFile,
    pub diagnostics: Vec<Diagnostic>,
}

/// What a renderer may show beyond the diagnostics themselves.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions<'a> {
    /// Fixes at or above this level are marked as applicable (`[*]`).
    pub fix_level: Applicability,
    /// Colour for human output.
    pub color: bool,
    /// Every rule of the run, in code order, for formats that describe the tool.
    pub rules: &'a [&'static RuleMeta],
}

/// How much a renderer buffers before handing a piece of its part to the
/// writer: the writer may be a trait object, too slow for every small write.
pub(crate) const FLUSH_AT: usize = 64 * 1024;

/// Hands `buffer` to `out` once it holds [`FLUSH_AT`] bytes: renderers fill a
/// buffer item by item and call this after each.
pub(crate) fn spill(buffer: &mut Vec<u8>, out: &mut dyn Write) -> io::Result<()> {
    if buffer.len() >= FLUSH_AT {
        out.write_all(buffer)?;
        buffer.clear();
    }
    Ok(())
}

/// Renders reports in one format.
pub trait Renderer {
    fn render(&self, reports: &[FileReport], options: &RenderOptions, out: &mut dyn Write) -> io::Result<()>;
}

/// The size of a whole run, for formats whose opening states it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    /// Files reported on, with diagnostics or without.
    pub files: usize,
    pub diagnostics: usize,
}

/// A format whose report is made of one part per file: `begin`, then the
/// non-empty parts joined by `separator`, then `end`. Parts can be rendered on
/// worker threads and written as they finish, so a run holds no more than a
/// few files at a time. Every such format is a [`Renderer`] too.
pub trait StreamingRenderer: Sync {
    /// Whether `begin` states the run's totals (JUnit's counts). The rendered
    /// parts are then held until every file is done, and `begin` always comes,
    /// with the totals, before them.
    fn needs_totals(&self) -> bool {
        false
    }

    /// What comes before the first part. `totals` is `Some` exactly for a
    /// format that [`needs_totals`](Self::needs_totals); any other format gets
    /// `begin` only when there is a part.
    fn begin(&self, _options: &RenderOptions, _totals: Option<Totals>, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    /// What comes between two parts.
    fn separator(&self) -> &'static [u8] {
        b""
    }

    /// What closes the report; `empty` when no part was written (and so, unless
    /// the format needs totals, no `begin` either).
    fn end(&self, _options: &RenderOptions, _empty: bool, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    /// One file's part. Most formats write nothing for a file without
    /// diagnostics; one that writes something (a passing JUnit test case) gets
    /// it placed like any other part.
    fn part(&self, report: &FileReport, options: &RenderOptions, out: &mut dyn Write) -> io::Result<()>;
}

impl<T: StreamingRenderer> Renderer for T {
    fn render(&self, reports: &[FileReport], options: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        let holds = self.needs_totals();
        if holds {
            let totals = Totals {
                files: reports.len(),
                diagnostics: reports.iter().map(|r| r.diagnostics.len()).sum(),
            };
            self.begin(options, Some(totals), out)?;
        }
        let mut empty = true;
        for report in reports {
            let mut part = PartWriter {
                renderer: self,
                options,
                out: &mut *out,
                holds,
                empty: &mut empty,
                started: false,
            };
            self.part(report, options, &mut part)?;
        }
        self.end(options, empty, out)
    }
}

/// Passes one part through to `out`, preceded by `begin` or the separator as
/// soon as the part turns out not to be empty.
struct PartWriter<'a, T: ?Sized> {
    renderer: &'a T,
    options: &'a RenderOptions<'a>,
    out: &'a mut dyn Write,
    holds: bool,
    /// Whether no part has been written yet, over the whole report.
    empty: &'a mut bool,
    started: bool,
}

impl<T: StreamingRenderer + ?Sized> Write for PartWriter<'_, T> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        if !self.started && !bytes.is_empty() {
            if !*self.empty {
                self.out.write_all(self.renderer.separator())?;
            } else if !self.holds {
                self.renderer.begin(self.options, None, self.out)?;
            }
            self.started = true;
            *self.empty = false;
        }
        self.out.write(bytes)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Appends `value` laid out as serde_json's pretty printer lays out an array
/// element `depth` levels deep: indented, its lines shifted two spaces a
/// level. serde_json escapes newlines inside strings, so every raw newline is
/// a line break of the layout.
pub(crate) fn pretty_element(out: &mut Vec<u8>, value: &impl serde::Serialize, depth: usize) -> io::Result<()> {
    let indent = "  ".repeat(depth);
    let element = serde_json::to_vec_pretty(value)?;
    out.extend_from_slice(indent.as_bytes());
    for line in element.split_inclusive(|&b| b == b'\n') {
        out.extend_from_slice(line);
        if line.ends_with(b"\n") {
            out.extend_from_slice(indent.as_bytes());
        }
    }
    Ok(())
}
