//! `mtlint check`: lint (and fix) files, render the report, pick the exit code.

use std::collections::BTreeMap;
use std::io::{self, Read, Write};
use std::path::Path;

use anyhow::Context;
use mtlint::diagnostic::Applicability;
use mtlint::fs::{self as mfs, Decoded, FileError};
use mtlint::render::{
    FileReport, RenderOptions, Renderer, concise::Concise, human::Human, json::Json, json::JsonLines,
};
use mtlint::source::SourceFile;
use mtlint::{Diagnostic, Registry, RuleSet, Selection};
use rayon::prelude::*;

use super::args::{CheckArgs, OutputFormat};
use super::files::{Input, discover};
use super::{ExitStatus, use_color};

/// What the run should do with fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Check,
    Fix,
    Diff,
}

/// The outcome for one input.
struct Outcome {
    report: FileReport,
    fixed: usize,
    diff: Option<String>,
    /// The fixed text of stdin, encoded as it came, for printing.
    stdin_output: Option<Vec<u8>>,
    unconverged: Vec<&'static str>,
}

pub fn run(args: CheckArgs) -> anyhow::Result<ExitStatus> {
    if let Some(threads) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads.max(1))
            .build_global()
            .context("could not start the worker threads")?;
    }
    let registry = Registry::builtin();
    let selection = Selection {
        select: args.select.clone(),
        extend_select: args.extend_select.clone(),
        ignore: args.ignore.clone(),
    };
    let rules = registry.select(&selection)?;
    let mode = if args.fix {
        Mode::Fix
    } else if args.diff {
        Mode::Diff
    } else {
        Mode::Check
    };
    let fix_level = if args.unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };

    let (inputs, mut errors) = discover(&args.paths, &args.extensions);
    let stdin_name = args.stdin_filename.clone().unwrap_or_else(|| "-".to_string());
    let results: Vec<Result<Outcome, FileError>> = inputs
        .par_iter()
        .map(|input| process(input, &stdin_name, &rules, mode, fix_level))
        .collect();

    let mut outcomes = Vec::new();
    let mut warnings = Vec::new();
    for (input, result) in inputs.iter().zip(results) {
        match result {
            Ok(outcome) => outcomes.push(outcome),
            // A binary file met while walking is not a text the user meant;
            // one they named gets a word.
            Err(error @ FileError::Binary { .. }) => {
                if matches!(input, Input::File { explicit: true, .. } | Input::Stdin) {
                    warnings.push(error);
                }
            }
            Err(error) => errors.push(error),
        }
    }
    for warning in &warnings {
        eprintln!("mtlint: warning: {warning}");
    }
    for error in &errors {
        eprintln!("mtlint: error: {error}");
    }
    for outcome in &outcomes {
        if !outcome.unconverged.is_empty() {
            eprintln!(
                "mtlint: warning: {}: fixes did not converge after {} passes; rules still fixing: {}",
                outcome.report.source.name,
                mtlint::fix::MAX_PASSES,
                outcome.unconverged.join(", ")
            );
        }
    }

    let stdin_fixed = mode == Mode::Fix && outcomes.iter().any(|o| o.stdin_output.is_some());
    let stdout = io::stdout();
    let mut stdout = io::BufWriter::new(stdout.lock());
    let stderr = io::stderr();
    let mut stderr = stderr.lock();
    // With stdin fixed, stdout carries the fixed text and the report goes to stderr.
    let report_out: &mut dyn Write = if stdin_fixed { &mut stderr } else { &mut stdout };
    let options = RenderOptions {
        fix_level,
        color: !stdin_fixed && use_color(args.color),
    };
    let reports: Vec<FileReport> = outcomes
        .iter_mut()
        .map(|o| FileReport {
            source: o.report.source.clone(),
            diagnostics: std::mem::take(&mut o.report.diagnostics),
        })
        .collect();
    let remaining: usize = reports.iter().map(|r| r.diagnostics.len()).sum();
    let fixed: usize = outcomes.iter().map(|o| o.fixed).sum();

    if mode == Mode::Diff {
        for outcome in &outcomes {
            if let Some(diff) = &outcome.diff {
                write!(report_out, "{diff}")?;
            }
        }
    } else if args.statistics {
        statistics(&reports, fix_level, args.output_format, report_out)?;
    } else {
        renderer(args.output_format).render(&reports, &options, report_out)?;
    }
    let human = matches!(args.output_format, OutputFormat::Full | OutputFormat::Concise);
    if human && !args.quiet && mode != Mode::Diff {
        summary(&reports, mode, fixed, fix_level, report_out)?;
    }
    report_out.flush()?;
    drop(stderr);
    for outcome in &outcomes {
        if let Some(text) = &outcome.stdin_output {
            stdout.write_all(text)?;
        }
    }
    stdout.flush()?;

    let changes_pending = mode == Mode::Diff && outcomes.iter().any(|o| o.diff.is_some());
    Ok(if !errors.is_empty() {
        ExitStatus::Error
    } else if args.exit_zero {
        ExitStatus::Success
    } else if (mode != Mode::Diff && remaining > 0) || changes_pending {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}

fn renderer(format: OutputFormat) -> Box<dyn Renderer> {
    match format {
        OutputFormat::Full => Box::new(Human),
        OutputFormat::Concise => Box::new(Concise),
        OutputFormat::Json => Box::new(Json),
        OutputFormat::Jsonl => Box::new(JsonLines),
    }
}

fn read_input(input: &Input) -> Result<(Decoded, Option<String>), FileError> {
    match input {
        Input::Stdin => {
            let mut bytes = Vec::new();
            io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| FileError::io(Path::new("-"), e))?;
            Ok((mfs::decode(Path::new("-"), bytes)?, None))
        }
        Input::File { path, .. } => Ok((mfs::read_text(path)?, Some(path.display().to_string()))),
    }
}

fn process(
    input: &Input,
    stdin_name: &str,
    rules: &RuleSet,
    mode: Mode,
    fix_level: Applicability,
) -> Result<Outcome, FileError> {
    let (Decoded { text, encoding }, file_name) = read_input(input)?;
    let name = file_name.clone().unwrap_or_else(|| stdin_name.to_string());
    if mode == Mode::Check {
        let diagnostics = mtlint::lint(&text, rules);
        return Ok(Outcome {
            report: FileReport {
                source: SourceFile::new(name, text),
                diagnostics,
            },
            fixed: 0,
            diff: None,
            stdin_output: None,
            unconverged: Vec::new(),
        });
    }
    let outcome = mtlint::fix::fix(&text, rules, fix_level);
    let changed = outcome.text != text;
    let mut diff = None;
    let mut stdin_output = None;
    match (mode, input) {
        (Mode::Diff, _) if changed => diff = Some(unified_diff(&name, &text, &outcome.text)),
        (Mode::Fix, Input::Stdin) => stdin_output = Some(mfs::encode(&outcome.text, encoding).into_owned()),
        (Mode::Fix, Input::File { path, .. }) if changed => mfs::write_atomic(
            path,
            &mfs::encode(&text, encoding),
            &mfs::encode(&outcome.text, encoding),
        )?,
        _ => {}
    }
    let (fixed, diagnostics): (usize, Vec<Diagnostic>) = if mode == Mode::Diff {
        (0, mtlint::lint(&text, rules))
    } else {
        (outcome.fixed_count(), outcome.remaining)
    };
    let shown_text = if mode == Mode::Diff { text } else { outcome.text };
    Ok(Outcome {
        report: FileReport {
            source: SourceFile::new(name, shown_text),
            diagnostics,
        },
        fixed,
        diff,
        stdin_output,
        unconverged: outcome.unconverged,
    })
}

fn unified_diff(name: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

fn plural(count: usize, word: &str) -> String {
    if count == 1 {
        format!("{count} {word}")
    } else if word.ends_with('x') {
        format!("{count} {word}es")
    } else {
        format!("{count} {word}s")
    }
}

fn summary(
    reports: &[FileReport],
    mode: Mode,
    fixed: usize,
    fix_level: Applicability,
    out: &mut dyn Write,
) -> io::Result<()> {
    let all = || reports.iter().flat_map(|r| &r.diagnostics);
    let remaining = all().count();
    let fixable = all().filter(|d| d.fixable_at(fix_level)).count();
    let hidden = all().filter(|d| d.fixable_at(Applicability::Unsafe)).count()
        - all().filter(|d| d.fixable_at(Applicability::Safe)).count();
    if mode == Mode::Fix {
        if fixed + remaining == 0 {
            return writeln!(out, "All checks passed!");
        }
        writeln!(
            out,
            "Found {} ({fixed} fixed, {remaining} remaining).",
            plural(fixed + remaining, "problem")
        )?;
    } else if remaining == 0 {
        return writeln!(out, "All checks passed!");
    } else if fixable > 0 {
        writeln!(
            out,
            "Found {} ({fixable} fixable with --fix).",
            plural(remaining, "problem")
        )?;
    } else {
        writeln!(out, "Found {}.", plural(remaining, "problem"))?;
    }
    if fix_level == Applicability::Safe && hidden > 0 {
        writeln!(out, "{} available with --unsafe-fixes.", plural(hidden, "more fix"))?;
    }
    Ok(())
}

fn statistics(
    reports: &[FileReport],
    fix_level: Applicability,
    format: OutputFormat,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut counts: BTreeMap<&str, (&str, usize, usize)> = BTreeMap::new();
    for diagnostic in reports.iter().flat_map(|r| &r.diagnostics) {
        let entry = counts
            .entry(diagnostic.rule.code)
            .or_insert((diagnostic.rule.name, 0, 0));
        entry.1 += 1;
        entry.2 += usize::from(diagnostic.fixable_at(fix_level));
    }
    let mut rows: Vec<(&str, &str, usize, usize)> = counts
        .into_iter()
        .map(|(code, (name, count, fixable))| (code, name, count, fixable))
        .collect();
    rows.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(b.0)));
    if matches!(format, OutputFormat::Json | OutputFormat::Jsonl) {
        let json: Vec<serde_json::Value> = rows
            .iter()
            .map(|(code, name, count, fixable)| {
                serde_json::json!({"code": code, "name": name, "count": count, "fixable": fixable})
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &json)?;
        return writeln!(out);
    }
    for (code, name, count, fixable) in rows {
        let marker = if fixable == count {
            "[*]"
        } else if fixable > 0 {
            "[-]"
        } else {
            "[ ]"
        };
        writeln!(out, "{count:>6}\t{code}\t{marker} {name}")?;
    }
    Ok(())
}
