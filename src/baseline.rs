//! Baselines: record today's diagnostics, then report only new ones.
//!
//! A diagnostic is recorded by path, rule code and a fingerprint of the text
//! around it on its line, never by line number, so inserting or deleting lines
//! elsewhere leaves old findings matched; a finding that was fixed simply no
//! longer occurs. Identical findings (same path, code and fingerprint) are
//! counted, and only that many are hidden.

use std::collections::{BTreeMap, HashMap};
use std::path::{Component, Path};
use std::sync::{Mutex, PoisonError};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::diagnostic::Diagnostic;
use crate::render::FileReport;

/// The format version written into every baseline file.
pub const VERSION: u32 = 1;

/// How many characters on each side of a span go into its fingerprint.
const CONTEXT_CHARS: usize = 20;

/// The longest span text that goes into a fingerprint whole; longer spans
/// contribute their first and last characters.
const SPAN_CHARS: usize = 80;

#[derive(Debug, Error)]
pub enum BaselineError {
    #[error("{path}: cannot read the baseline: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("{path}: not a baseline file: {source}")]
    Parse { path: String, source: serde_json::Error },
    #[error("{path}: baseline version {found} is not supported (expected {VERSION})")]
    Version { path: String, found: u32 },
}

/// One recorded finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    pub path: String,
    pub code: String,
    pub fingerprint: String,
    /// How many identical findings were recorded.
    pub count: usize,
    /// The text around the finding, for people reading the file.
    pub context: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct BaselineFile {
    version: u32,
    entries: Vec<Entry>,
}

/// The recorded findings, keyed by path, code and fingerprint.
#[derive(Debug, Default)]
pub struct Baseline {
    entries: BTreeMap<Key, (usize, String)>,
}

/// The text the fingerprint hashes: up to [`CONTEXT_CHARS`] characters on each
/// side of the span, within its line, and the span itself.
fn context(text: &str, diagnostic: &Diagnostic) -> (String, String, String) {
    let span = diagnostic.span.clone();
    let line_start = text[..span.start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let line_end = text[span.end..].find(['\n', '\r']).map_or(text.len(), |i| span.end + i);
    let before: String = {
        let chars: Vec<char> = text[line_start..span.start].chars().rev().take(CONTEXT_CHARS).collect();
        chars.into_iter().rev().collect()
    };
    let after: String = text[span.end..line_end.max(span.end)]
        .chars()
        .take(CONTEXT_CHARS)
        .collect();
    let inside = &text[span.clone()];
    let inside = if inside.chars().count() > SPAN_CHARS {
        let head: String = inside.chars().take(SPAN_CHARS / 2).collect();
        let tail: Vec<char> = inside.chars().rev().take(SPAN_CHARS / 2).collect();
        format!("{head}…{}", tail.into_iter().rev().collect::<String>())
    } else {
        inside.to_string()
    };
    (before, inside, after)
}

/// 64-bit FNV-1a: small, and stable across Rust versions and platforms (the
/// standard library's hashers promise neither).
pub(crate) fn fnv1a(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &byte in part.as_bytes().iter().chain(&[0xff]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// A fingerprint of a diagnostic that survives edits elsewhere in the file:
/// its rule code and the text on its line around it.
pub fn fingerprint(text: &str, diagnostic: &Diagnostic) -> String {
    let (before, inside, after) = context(text, diagnostic);
    format!("{:016x}", fnv1a(&[diagnostic.rule.code, &before, &inside, &after]))
}

/// The path a baseline records for a reported file name: relative to the
/// baseline's folder (with `..` when the file lies elsewhere) and with `/`
/// separators, so the baseline matches whichever folder mtlint is run from and
/// wherever the repository is checked out.
pub fn key_for(name: &str, base: &Path) -> String {
    if name == "-" {
        return name.to_string();
    }
    let absolute = crate::fs::absolute(Path::new(name));
    let base = crate::fs::absolute(base);
    let target: Vec<Component> = absolute.components().collect();
    let from: Vec<Component> = base.components().collect();
    let shared = target.iter().zip(&from).take_while(|(a, b)| a == b).count();
    if shared == 0 {
        // Nothing in common (another drive): only the absolute path will do.
        return absolute.to_string_lossy().replace('\\', "/");
    }
    let ups = from.len() - shared;
    std::iter::repeat_n("..".into(), ups)
        .chain(target[shared..].iter().map(|c| c.as_os_str().to_string_lossy()))
        .collect::<Vec<_>>()
        .join("/")
}

impl Baseline {
    /// Records every diagnostic of the reports.
    pub fn from_reports(reports: &[FileReport], base: &Path) -> Self {
        let mut baseline = Baseline::default();
        for report in reports {
            let path = key_for(&report.source.name, base);
            for diagnostic in &report.diagnostics {
                let (before, inside, after) = context(&report.source.text, diagnostic);
                let entry = baseline
                    .entries
                    .entry((
                        path.clone(),
                        diagnostic.rule.code.to_string(),
                        fingerprint(&report.source.text, diagnostic),
                    ))
                    .or_insert((0, format!("{before}{inside}{after}")));
                entry.0 += 1;
            }
        }
        baseline
    }

    pub fn len(&self) -> usize {
        self.entries.values().map(|(count, _)| count).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Stable, sorted, pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        let file = BaselineFile {
            version: VERSION,
            entries: self
                .entries
                .iter()
                .map(|((path, code, fingerprint), (count, context))| Entry {
                    path: path.clone(),
                    code: code.clone(),
                    fingerprint: fingerprint.clone(),
                    count: *count,
                    context: context.clone(),
                })
                .collect(),
        };
        let mut json = serde_json::to_string_pretty(&file).expect("a baseline serialises");
        json.push('\n');
        json
    }

    pub fn from_json(path: &Path, json: &str) -> Result<Self, BaselineError> {
        let file: BaselineFile = serde_json::from_str(json).map_err(|source| BaselineError::Parse {
            path: path.display().to_string(),
            source,
        })?;
        if file.version != VERSION {
            return Err(BaselineError::Version {
                path: path.display().to_string(),
                found: file.version,
            });
        }
        let mut baseline = Baseline::default();
        for entry in file.entries {
            let slot = baseline
                .entries
                .entry((entry.path, entry.code, entry.fingerprint))
                .or_insert((0, entry.context));
            slot.0 += entry.count;
        }
        Ok(baseline)
    }

    pub fn read(path: &Path) -> Result<Self, BaselineError> {
        let json = std::fs::read_to_string(path).map_err(|source| BaselineError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Self::from_json(path, &json)
    }

    /// Adds the findings of another baseline, as if recorded together.
    pub fn merge(&mut self, other: Baseline) {
        for (key, (count, context)) in other.entries {
            self.entries.entry(key).or_insert((0, context)).0 += count;
        }
    }

    /// Removes the diagnostics the baseline records, each entry hiding at most
    /// as many findings as it counted; returns how many were hidden.
    pub fn filter(&self, reports: &mut [FileReport], base: &Path) -> usize {
        let usage = Usage::default();
        reports
            .iter_mut()
            .map(|report| self.filter_report(report, base, &usage))
            .sum()
    }

    /// [`filter`](Self::filter) for one report of a run whose reports are
    /// filtered one by one, on any thread: `usage` counts what each entry has
    /// hidden in the run so far, so it hides no more than it counted overall.
    pub fn filter_report(&self, report: &mut FileReport, base: &Path, usage: &Usage) -> usize {
        let path = key_for(&report.source.name, base);
        let text = &report.source.text;
        // Fingerprints are computed before the lock is taken.
        let keys: Vec<Key> = report
            .diagnostics
            .iter()
            .map(|diagnostic| {
                (
                    path.clone(),
                    diagnostic.rule.code.to_string(),
                    fingerprint(text, diagnostic),
                )
            })
            .collect();
        let mut used = usage.0.lock().unwrap_or_else(PoisonError::into_inner);
        let mut known = keys.into_iter().map(|key| match self.entries.get_key_value(&key) {
            Some((key, (count, _))) => {
                let used = used.entry(key.clone()).or_insert(0);
                let hide = *used < *count;
                *used += usize::from(hide);
                hide
            }
            None => false,
        });
        let before = report.diagnostics.len();
        report.diagnostics.retain(|_| !known.next().unwrap_or(false));
        before - report.diagnostics.len()
    }
}

/// A baseline entry's key: path, rule code and fingerprint.
type Key = (String, String, String);

/// How many findings each baseline entry has hidden so far in a run.
#[derive(Debug, Default)]
pub struct Usage(Mutex<HashMap<Key, usize>>);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Registry;
    use crate::source::SourceFile;

    fn report(name: &str, text: &str) -> FileReport {
        let registry = Registry::builtin();
        let rules = registry.select(&Default::default()).unwrap();
        FileReport {
            source: SourceFile::new(name, text),
            diagnostics: crate::lint(text, &rules),
        }
    }

    #[test]
    fn fingerprints_ignore_other_lines_but_not_the_own_line() {
        let base = Path::new("/project");
        let old = report("/project/a.txt", "Talks ended.Officials left.\n");
        let moved = report("/project/a.txt", "A new opening line.\n\nTalks ended.Officials left.\n");
        let edited = report("/project/a.txt", "Talks stalled.Officials left.\n");
        let baseline = Baseline::from_reports(&[old], base);
        assert_eq!(baseline.len(), 1);
        let mut reports = [moved, edited];
        assert_eq!(baseline.filter(&mut reports, base), 1);
        assert!(reports[0].diagnostics.is_empty());
        assert_eq!(reports[1].diagnostics.len(), 1);
    }

    #[test]
    fn identical_findings_are_counted() {
        let base = Path::new("/project");
        let text = "Talks ended.Officials left.\nTalks ended.Officials left.\n";
        let baseline = Baseline::from_reports(&[report("/project/a.txt", text)], base);
        assert_eq!(baseline.len(), 2);
        let json = baseline.to_json();
        assert!(json.contains("\"count\": 2"), "{json}");
        let round = Baseline::from_json(Path::new("b.json"), &json).unwrap();
        let tripled = format!("{text}Talks ended.Officials left.\n");
        let mut reports = [report("/project/a.txt", &tripled)];
        assert_eq!(round.filter(&mut reports, base), 2);
        assert_eq!(reports[0].diagnostics.len(), 1);
    }

    #[test]
    fn paths_are_relative_to_the_baseline_folder_with_slashes() {
        assert_eq!(key_for("/project/news/a.txt", Path::new("/project")), "news/a.txt");
        assert_eq!(
            key_for("/elsewhere/a.txt", Path::new("/project/ci")),
            "../../elsewhere/a.txt"
        );
        assert_eq!(key_for("-", Path::new("/project")), "-");
        assert_eq!(key_for("/project/./a/../b.txt", Path::new("/project/x/..")), "b.txt");
    }
}
