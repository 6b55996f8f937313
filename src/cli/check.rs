//! `mtlint check`: lint (and fix) files, render the report, pick the exit code.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use anyhow::Context;
use mtlint::Diagnostic;
use mtlint::baseline::Baseline;
use mtlint::diagnostic::Applicability;
use mtlint::fs::{self as mfs, FileError};
use mtlint::registry::RuleMeta;
use mtlint::render::{
    FileReport, RenderOptions, Renderer, concise::Concise, github::Github, gitlab::Gitlab, human::Human, json::Json,
    json::JsonLines, junit::Junit, sarif::Sarif,
};
use mtlint::settings::{ConfigFile, ConfigResolver, FileSettings, Overrides, Settings};
use mtlint::source::SourceFile;
use rayon::prelude::*;

use super::args::{CheckArgs, ListFormat, OutputFormat};
use super::files::{Discovery, Input, discover, folder_of};
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
    /// The fixed text of stdin, for printing.
    stdin_output: Option<String>,
    unconverged: Vec<&'static str>,
}

pub fn run(args: CheckArgs) -> anyhow::Result<ExitStatus> {
    if let Some(threads) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads.max(1))
            .build_global()
            .context("could not start the worker threads")?;
    }
    let overrides = Overrides {
        select: args.select.clone(),
        extend_select: args.extend_select.clone(),
        ignore: args.ignore.clone(),
    };
    let resolver = Arc::new(Mutex::new(ConfigResolver::new(
        args.config.config.as_deref(),
        args.config.isolated,
    )?));
    let discovery = Discovery {
        paths: &args.paths,
        extensions: &args.extensions,
        force_exclude: args.force_exclude,
    };
    let (inputs, mut errors) = discover(&discovery, &resolver)?;
    let stdin_name = args.stdin_filename.clone().unwrap_or_else(|| "-".to_string());
    // The path settings are looked up by: stdin goes by its --stdin-filename.
    let setting_paths: Vec<Option<PathBuf>> = inputs
        .iter()
        .map(|input| match input {
            Input::File(path) => Some(path.clone()),
            Input::Stdin => args.stdin_filename.as_ref().map(PathBuf::from),
        })
        .collect();
    let mut resolver = resolver.lock().unwrap_or_else(PoisonError::into_inner);
    if args.show_settings {
        let path = setting_paths
            .first()
            .cloned()
            .flatten()
            .unwrap_or_else(|| PathBuf::from("."));
        let config = super::config::config_for(&mut resolver, &path)?;
        let format = match args.output_format {
            OutputFormat::Json | OutputFormat::Jsonl => ListFormat::Json,
            _ => ListFormat::Text,
        };
        let registry = super::config::registry(&args.extend_rules, config.as_deref())?;
        super::config::show(&registry, &path, config, &overrides, format, &mut io::stdout().lock())?;
        return Ok(ExitStatus::Success);
    }
    // The config files in use, each once, and which one each input follows.
    let mut configs: Vec<Option<Arc<ConfigFile>>> = Vec::new();
    let mut by_config: HashMap<Option<PathBuf>, usize> = HashMap::new();
    let mut setting_of = Vec::with_capacity(inputs.len());
    for path in &setting_paths {
        let config = match path {
            Some(path) => resolver.for_file(path)?,
            None => resolver.for_folder(&mtlint::fs::absolute(Path::new(".")))?,
        };
        let key = config.as_ref().map(|c| c.path.clone());
        let index = *by_config.entry(key).or_insert_with(|| {
            configs.push(config);
            configs.len() - 1
        });
        setting_of.push(index);
    }
    drop(resolver);
    // Every config's `extend-rules` are loaded before any selector is resolved.
    let registry = super::config::registry(&args.extend_rules, configs.iter().flatten().map(|c| c.as_ref()))?;
    let settings: Vec<Settings> = configs
        .into_iter()
        .map(|config| Settings::resolve(&registry, config, &overrides))
        .collect::<anyhow::Result<_>>()?;
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

    let results: Vec<Result<Outcome, FileError>> = inputs
        .par_iter()
        .zip(&setting_of)
        .zip(&setting_paths)
        .map(|((input, &index), path)| {
            let file = settings[index].for_file(path.as_deref());
            process(input, &stdin_name, &file, mode, fix_level)
        })
        .collect();

    let mut outcomes = Vec::new();
    for result in results {
        match result {
            Ok(outcome) => outcomes.push(outcome),
            Err(error) => errors.push(error),
        }
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
    let metas: Vec<&'static RuleMeta> = registry.rules().iter().map(|r| r.meta()).collect();
    let options = RenderOptions {
        fix_level,
        color: !stdin_fixed && use_color(args.color),
        rules: &metas,
    };
    let mut reports: Vec<FileReport> = outcomes
        .iter_mut()
        .map(|o| FileReport {
            source: o.report.source.clone(),
            diagnostics: std::mem::take(&mut o.report.diagnostics),
        })
        .collect();
    if let Some(path) = &args.write_baseline {
        let baseline = Baseline::from_reports(&reports, &folder_of(path));
        std::fs::write(path, baseline.to_json())
            .with_context(|| format!("cannot write the baseline {}", path.display()))?;
        if !args.quiet {
            eprintln!(
                "mtlint: recorded {} in {}",
                plural(baseline.len(), "finding"),
                path.display()
            );
        }
        return Ok(if errors.is_empty() {
            ExitStatus::Success
        } else {
            ExitStatus::Error
        });
    }
    let baselined = match &args.baseline {
        Some(path) => Baseline::read(path)?.filter(&mut reports, &folder_of(path)),
        None => 0,
    };
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
        if baselined > 0 {
            writeln!(
                report_out,
                "{} hidden by the baseline.",
                plural(baselined, "known finding")
            )?;
        }
    }
    report_out.flush()?;
    drop(stderr);
    for outcome in &outcomes {
        if let Some(text) = &outcome.stdin_output {
            stdout.write_all(text.as_bytes())?;
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
        OutputFormat::Github => Box::new(Github),
        OutputFormat::Sarif => Box::new(Sarif),
        OutputFormat::Junit => Box::new(Junit),
        OutputFormat::Gitlab => Box::new(Gitlab),
    }
}

fn read_input(input: &Input) -> Result<(String, Option<String>), FileError> {
    match input {
        Input::Stdin => {
            let mut bytes = Vec::new();
            io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| FileError::io(Path::new("-"), e))?;
            Ok((mfs::decode(Path::new("-"), bytes)?, None))
        }
        Input::File(path) => Ok((mfs::read_text(path)?, Some(path.display().to_string()))),
    }
}

fn process(
    input: &Input,
    stdin_name: &str,
    settings: &FileSettings,
    mode: Mode,
    fix_level: Applicability,
) -> Result<Outcome, FileError> {
    let (text, file_name) = read_input(input)?;
    let name = file_name.clone().unwrap_or_else(|| stdin_name.to_string());
    if mode == Mode::Check {
        let diagnostics = settings.lint(&text);
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
    let outcome = settings.fix(&text, fix_level);
    let changed = outcome.text != text;
    let mut diff = None;
    let mut stdin_output = None;
    match (mode, input) {
        (Mode::Diff, _) if changed => diff = Some(unified_diff(&name, &text, &outcome.text)),
        (Mode::Fix, Input::Stdin) => stdin_output = Some(outcome.text.clone()),
        (Mode::Fix, Input::File(path)) if changed => mfs::write_atomic(path, &text, &outcome.text)?,
        _ => {}
    }
    let (fixed, diagnostics): (usize, Vec<Diagnostic>) = if mode == Mode::Diff {
        (0, settings.lint(&text))
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
        let fixes = if hidden == 1 { "fix" } else { "fixes" };
        writeln!(out, "{hidden} more {fixes} available with --unsafe-fixes.")?;
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
