//! Output formats: one module per format, each writing a whole report.

use std::io::{self, Write};

use crate::diagnostic::{Applicability, Diagnostic};
use crate::source::SourceFile;

pub mod concise;
pub mod human;
pub mod json;

/// The diagnostics of one file, with its text so positions can be placed.
pub struct FileReport {
    pub source: SourceFile,
    pub diagnostics: Vec<Diagnostic>,
}

/// What a renderer may show beyond the diagnostics themselves.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions {
    /// Fixes at or above this level are marked as applicable (`[*]`).
    pub fix_level: Applicability,
    /// Colour for human output.
    pub color: bool,
}

/// How much a renderer buffers before handing a piece of its part to the
/// writer: the writer may be a trait object, too slow for every small write.
pub(crate) const FLUSH_AT: usize = 64 * 1024;

/// Renders reports in one format.
pub trait Renderer {
    fn render(&self, reports: &[FileReport], options: &RenderOptions, out: &mut dyn Write) -> io::Result<()>;
}

/// A format whose report is made of one part per file: `begin`, then the
/// non-empty parts joined by `separator`, then `end`. Parts can be rendered on
/// worker threads and written as they finish, so a run holds no more than a
/// few files at a time. Every such format is a [`Renderer`] too.
pub trait StreamingRenderer: Sync {
    /// What comes before the first part, written only when there is one.
    fn begin(&self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    /// What comes between two parts.
    fn separator(&self) -> &'static [u8] {
        b""
    }

    /// What closes the report; `empty` when no part was written.
    fn end(&self, _empty: bool, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    /// One file's part; writes nothing when the file has no diagnostics.
    fn part(&self, report: &FileReport, options: &RenderOptions, out: &mut dyn Write) -> io::Result<()>;
}

impl<T: StreamingRenderer> Renderer for T {
    fn render(&self, reports: &[FileReport], options: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        let mut empty = true;
        for report in reports.iter().filter(|r| !r.diagnostics.is_empty()) {
            if empty {
                self.begin(out)?;
            } else {
                out.write_all(self.separator())?;
            }
            self.part(report, options, out)?;
            empty = false;
        }
        self.end(empty, out)
    }
}
