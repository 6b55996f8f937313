//! SARIF 2.1.0, for code-scanning dashboards (GitHub code scanning, Azure
//! DevOps, IDE viewers). Columns count Unicode code points (`columnKind`);
//! regions carry byte offsets too, so tools can use whichever they prefer.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::{FileReport, RenderOptions, Renderer};
use crate::baseline::fingerprint;
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::registry::RuleMeta;
use crate::source::SourceFile;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    information_uri: &'static str,
    rules: Vec<Descriptor<'a>>,
}

#[derive(Serialize)]
struct Text<'a> {
    text: &'a str,
}

#[derive(Serialize)]
struct Help<'a> {
    text: &'a str,
    markdown: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor<'a> {
    id: &'a str,
    name: &'a str,
    short_description: Text<'a>,
    full_description: Text<'a>,
    help: Help<'a>,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Configuration {
    enabled: bool,
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    tags: [&'static str; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text<'a>,
    locations: [Location<'a>; 1],
    partial_fingerprints: BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    physical_location: PhysicalLocation<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: ArtifactLocation<'a>,
    region: Region,
}

#[derive(Serialize, Clone)]
struct ArtifactLocation<'a> {
    uri: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    byte_offset: usize,
    byte_length: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix<'a> {
    description: Text<'a>,
    artifact_changes: [ArtifactChange<'a>; 1],
    properties: FixProperties,
}

#[derive(Serialize)]
struct FixProperties {
    applicability: Applicability,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange<'a> {
    artifact_location: ArtifactLocation<'a>,
    replacements: Vec<Replacement<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement<'a> {
    deleted_region: Region,
    inserted_content: Text<'a>,
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn region(source: &SourceFile, start: usize, end: usize) -> Region {
    let from = source.line_column(start);
    let to = source.line_column(end);
    Region {
        start_line: from.line,
        start_column: from.column,
        end_line: to.line,
        end_column: to.column,
        byte_offset: start,
        byte_length: end - start,
    }
}

/// A URI reference for a reported path: relative paths stay relative (to the
/// checkout, as code scanning expects), absolute ones become `file://` URIs.
fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let path = path.trim_start_matches("./");
    let mut out = String::with_capacity(path.len());
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// The body of a `## heading` section of a rule's documentation, as one line.
fn section<'d>(doc: &'d str, heading: &str) -> Option<String> {
    let mut lines = doc.lines().skip_while(|line| line.trim() != format!("## {heading}"));
    lines.next()?;
    let body: Vec<&'d str> = lines
        .map(str::trim)
        .skip_while(|line| line.is_empty())
        .take_while(|line| !line.is_empty() && !line.starts_with("## "))
        .collect();
    (!body.is_empty()).then(|| body.join(" "))
}

fn descriptor<'a>(meta: &'a RuleMeta, full: &'a str) -> Descriptor<'a> {
    Descriptor {
        id: meta.code,
        name: meta.name,
        short_description: Text { text: meta.summary() },
        full_description: Text { text: full },
        help: Help {
            text: meta.doc,
            markdown: meta.doc,
        },
        default_configuration: Configuration {
            enabled: meta.default_enabled,
            level: level(meta.severity),
        },
        properties: RuleProperties {
            tags: [meta.family.name()],
        },
    }
}

fn result<'a>(
    source: &'a SourceFile,
    uri: &'a str,
    diagnostic: &'a Diagnostic,
    rules: &[&'static RuleMeta],
) -> SarifResult<'a> {
    let location = ArtifactLocation { uri };
    let fixes = diagnostic
        .fix
        .iter()
        .map(|fix| SarifFix {
            description: Text { text: &fix.message },
            artifact_changes: [ArtifactChange {
                artifact_location: location.clone(),
                replacements: fix
                    .edits
                    .iter()
                    .map(|edit| Replacement {
                        deleted_region: region(source, edit.start, edit.end),
                        inserted_content: Text {
                            text: &edit.replacement,
                        },
                    })
                    .collect(),
            }],
            properties: FixProperties {
                applicability: fix.applicability,
            },
        })
        .collect();
    SarifResult {
        rule_id: diagnostic.rule.code,
        rule_index: rules.iter().position(|r| r.code == diagnostic.rule.code),
        level: level(diagnostic.severity),
        message: Text {
            text: &diagnostic.message,
        },
        locations: [Location {
            physical_location: PhysicalLocation {
                artifact_location: location,
                region: region(source, diagnostic.span.start, diagnostic.span.end),
            },
        }],
        partial_fingerprints: BTreeMap::from([("mtlint/v1", fingerprint(&source.text, diagnostic))]),
        fixes,
    }
}

pub struct Sarif;

impl Renderer for Sarif {
    fn render(&self, reports: &[FileReport], options: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        let full: Vec<String> = options
            .rules
            .iter()
            .map(|meta| section(meta.doc, "What it finds").unwrap_or_else(|| meta.summary().to_string()))
            .collect();
        let uris: Vec<String> = reports.iter().map(|r| uri(&r.source.name)).collect();
        let results = reports
            .iter()
            .zip(&uris)
            .flat_map(|(report, uri)| {
                report
                    .diagnostics
                    .iter()
                    .map(move |d| result(&report.source, uri, d, options.rules))
            })
            .collect();
        let log = Log {
            schema: SCHEMA,
            version: "2.1.0",
            runs: [Run {
                tool: Tool {
                    driver: Driver {
                        name: "mtlint",
                        version: env!("CARGO_PKG_VERSION"),
                        semantic_version: env!("CARGO_PKG_VERSION"),
                        information_uri: env!("CARGO_PKG_REPOSITORY"),
                        rules: options.rules.iter().zip(&full).map(|(m, f)| descriptor(m, f)).collect(),
                    },
                },
                column_kind: "unicodeCodePoints",
                results,
            }],
        };
        serde_json::to_writer_pretty(&mut *out, &log)?;
        writeln!(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_references_or_file_uris() {
        assert_eq!(uri("./news/a b.txt"), "news/a%20b.txt");
        assert_eq!(uri("/tmp/é.txt"), "file:///tmp/%C3%A9.txt");
    }

    #[test]
    fn sections_are_read_up_to_the_first_blank_line() {
        let doc = "## What it finds\nA glued\nsentence.\n\nMore.\n## Why it matters\nx\n";
        assert_eq!(section(doc, "What it finds").as_deref(), Some("A glued sentence."));
        assert_eq!(section(doc, "Fix safety"), None);
    }
}
