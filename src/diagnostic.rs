//! What a rule reports: a span, a message, a severity and an optional fix.

use std::ops::Range;

use serde::Serialize;

use crate::registry::RuleMeta;

/// How serious a diagnostic is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Whether a fix may be applied without a human look. Ordered: `Unsafe < Safe`,
/// so `fix.applicability >= required` decides whether it applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Plausible, but a person should look: applied only with `--unsafe-fixes`.
    Unsafe,
    /// Always right and keeps the meaning: applied by `--fix`.
    Safe,
}

/// Replace the bytes `start..end` of the text as read with `replacement`.
/// An insertion has `start == end`; a deletion has an empty replacement.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub replacement: String,
}

impl Edit {
    pub fn insertion(at: usize, text: impl Into<String>) -> Self {
        Edit {
            start: at,
            end: at,
            replacement: text.into(),
        }
    }

    pub fn deletion(range: Range<usize>) -> Self {
        Edit {
            start: range.start,
            end: range.end,
            replacement: String::new(),
        }
    }

    pub fn replacement(range: Range<usize>, text: impl Into<String>) -> Self {
        Edit {
            start: range.start,
            end: range.end,
            replacement: text.into(),
        }
    }

    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// A set of edits that together repair one diagnostic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub applicability: Applicability,
    /// What the fix does, in the imperative: "Insert a space".
    pub message: String,
    /// Sorted by start, never overlapping.
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn safe(message: impl Into<String>, edits: Vec<Edit>) -> Self {
        Self::new(Applicability::Safe, message, edits)
    }

    pub fn unsafe_(message: impl Into<String>, edits: Vec<Edit>) -> Self {
        Self::new(Applicability::Unsafe, message, edits)
    }

    pub fn new(applicability: Applicability, message: impl Into<String>, mut edits: Vec<Edit>) -> Self {
        edits.sort();
        Fix {
            applicability,
            message: message.into(),
            edits,
        }
    }
}

/// One problem found in one text.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub rule: &'static RuleMeta,
    pub message: String,
    /// Byte range into the text as read; never empty for a real character, and
    /// always on char boundaries.
    pub span: Range<usize>,
    pub severity: Severity,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    pub fn new(rule: &'static RuleMeta, span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            rule,
            message: message.into(),
            span,
            severity: rule.severity,
            fix: None,
        }
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// Whether this diagnostic's fix would be applied at the given level.
    pub fn fixable_at(&self, required: Applicability) -> bool {
        self.fix.as_ref().is_some_and(|fix| fix.applicability >= required)
    }
}
