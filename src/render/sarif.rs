//! SARIF 2.1.0, for code-scanning dashboards (GitHub code scanning, Azure
//! DevOps, IDE viewers). Columns count Unicode code points (`columnKind`);
//! regions carry byte offsets too, so tools can use whichever they prefer.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::{FileReport, RenderOptions, StreamingRenderer, Totals, pretty_element, spill};
use crate::baseline::fingerprint;
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::registry::RuleMeta;
use crate::source::{Locator, SourceFile};

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

/// Places regions with forward cursors: starts and ends each come mostly in
/// increasing order, so each gets its own.
struct Placer<'a> {
    starts: Locator<'a>,
    ends: Locator<'a>,
}

impl<'a> Placer<'a> {
    fn new(source: &'a SourceFile) -> Self {
        Placer {
            starts: source.locator(),
            ends: source.locator(),
        }
    }

    fn region(&mut self, start: usize, end: usize) -> Region {
        let from = self.starts.line_column(start);
        let to = self.ends.line_column(end);
        Region {
            start_line: from.line,
            start_column: from.column,
            end_line: to.line,
            end_column: to.column,
            byte_offset: start,
            byte_length: end - start,
        }
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

/// Where to place a file's results: spans and fix edits each have their own cursors.
struct Places<'a> {
    spans: Placer<'a>,
    edits: Placer<'a>,
}

fn result<'a>(
    source: &'a SourceFile,
    uri: &'a str,
    diagnostic: &'a Diagnostic,
    rules: &[&'static RuleMeta],
    places: &mut Places,
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
                        deleted_region: places.edits.region(edit.start, edit.end),
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
                region: places.spans.region(diagnostic.span.start, diagnostic.span.end),
            },
        }],
        partial_fingerprints: BTreeMap::from([("mtlint/v1", fingerprint(&source.text, diagnostic))]),
        fixes,
    }
}

/// One file's results, in the order of its diagnostics.
fn results<'a>(
    report: &'a FileReport,
    uri: &'a str,
    rules: &'a [&'static RuleMeta],
) -> impl Iterator<Item = SarifResult<'a>> {
    let mut places = Places {
        spans: Placer::new(&report.source),
        edits: Placer::new(&report.source),
    };
    report
        .diagnostics
        .iter()
        .map(move |d| result(&report.source, uri, d, rules, &mut places))
}

/// The whole log with the given results.
fn log<'a>(rules: &'a [&'static RuleMeta], full: &'a [String], results: Vec<SarifResult<'a>>) -> Log<'a> {
    Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "mtlint",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: env!("CARGO_PKG_REPOSITORY"),
                    rules: rules.iter().zip(full).map(|(m, f)| descriptor(m, f)).collect(),
                },
            },
            column_kind: "unicodeCodePoints",
            results,
        }],
    }
}

/// Each rule's full description: its "What it finds" section.
fn full_descriptions(rules: &[&'static RuleMeta]) -> Vec<String> {
    rules
        .iter()
        .map(|meta| section(meta.doc, "What it finds").unwrap_or_else(|| meta.summary().to_string()))
        .collect()
}

/// The log without results, as serde_json lays it out, split around the
/// empty results array: what comes before the results, and what closes the
/// log after them. `results` is the run's last field, and a key's quotes
/// cannot occur unescaped inside a string, so the split is unambiguous.
fn frame(options: &RenderOptions) -> io::Result<(Vec<u8>, Vec<u8>)> {
    const RESULTS: &[u8] = b"\"results\": []";
    let full = full_descriptions(options.rules);
    let mut head = serde_json::to_vec_pretty(&log(options.rules, &full, Vec::new()))?;
    let at = head
        .windows(RESULTS.len())
        .rposition(|w| w == RESULTS)
        .expect("the log has a results array");
    let tail = head.split_off(at + RESULTS.len() - 2);
    Ok((head, tail[2..].to_vec()))
}

pub struct Sarif;

/// The results are streamed inside the log: `begin` writes the tool and its
/// rule table, each part its file's results, `end` closes the log. The bytes
/// are serde_json's pretty layout of the whole log (a test holds them to it).
impl StreamingRenderer for Sarif {
    fn begin(&self, options: &RenderOptions, _: Option<Totals>, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(&frame(options)?.0)?;
        out.write_all(b"[")
    }

    fn separator(&self) -> &'static [u8] {
        b","
    }

    fn end(&self, options: &RenderOptions, empty: bool, out: &mut dyn Write) -> io::Result<()> {
        let (head, tail) = frame(options)?;
        if empty {
            out.write_all(&head)?;
            out.write_all(b"[]")?;
        } else {
            out.write_all(b"\n      ]")?;
        }
        out.write_all(&tail)?;
        out.write_all(b"\n")
    }

    fn part(&self, report: &FileReport, options: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
        let uri = uri(&report.source.name);
        let mut buffer = Vec::new();
        for (index, result) in results(report, &uri, options.rules).enumerate() {
            buffer.extend_from_slice(if index == 0 { b"\n" } else { b",\n" });
            pretty_element(&mut buffer, &result, 4)?;
            spill(&mut buffer, out)?;
        }
        out.write_all(&buffer)
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

    #[test]
    fn the_streamed_log_is_serde_pretty_output() {
        let registry = crate::Registry::builtin();
        let rules = registry.select(&Default::default()).unwrap();
        let metas: Vec<&'static RuleMeta> = registry.rules().iter().map(|r| r.meta()).collect();
        let report = |name: &str, text: &str| FileReport {
            source: SourceFile::new(name, text),
            diagnostics: crate::lint(text, &rules),
        };
        let reports = [
            report("./a b.txt", "Talks ended.Officials left.\nRain  fell on “the” city.\n"),
            report("b.txt", "All quiet here.\n"),
            report("/tmp/c.txt", "Aid arrived.It  was late.\n"),
        ];
        let options = RenderOptions {
            fix_level: Applicability::Safe,
            color: false,
            rules: &metas,
        };
        let whole = |reports: &[FileReport]| {
            let uris: Vec<String> = reports.iter().map(|r| uri(&r.source.name)).collect();
            let all: Vec<SarifResult> = reports
                .iter()
                .zip(&uris)
                .flat_map(|(report, uri)| results(report, uri, &metas))
                .collect();
            let full = full_descriptions(&metas);
            serde_json::to_string_pretty(&log(&metas, &full, all)).unwrap() + "\n"
        };
        for reports in [&reports[..], &reports[1..2], &[]] {
            let mut streamed = Vec::new();
            crate::render::Renderer::render(&Sarif, reports, &options, &mut streamed).unwrap();
            assert_eq!(String::from_utf8(streamed).unwrap(), whole(reports));
        }
    }
}
