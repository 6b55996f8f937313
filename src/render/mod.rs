//! Output formats: one module per format, each writing a whole report.

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

/// Renders reports in one format.
pub trait Renderer {
    fn render(&self, reports: &[FileReport], options: &RenderOptions, out: &mut dyn Write) -> io::Result<()>;
}
