//! `mtlint check`: lint (and fix) files, render the report, pick the exit code.
//!
//! Files are linted on worker threads, each with the settings of its own
//! config file, and each renders its part of the report there (after the
//! baseline has hidden its known findings); the parts come back over a channel
//! and are written in path order as soon as the files before them are done.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError, mpsc};
use std::time::{Duration, Instant};

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use mtlint::Diagnostic;
use mtlint::baseline::{Baseline, Usage};
use mtlint::diagnostic::Applicability;
use mtlint::document::Document;
use mtlint::fs::{self as mfs, Decoded, FileError};
use mtlint::registry::RuleMeta;
use mtlint::render::{
    FileReport, RenderOptions, StreamingRenderer, Totals, concise::Concise, github::Github, gitlab::Gitlab,
    human::Human, json::Json, json::JsonLines, junit::Junit, sarif::Sarif,
};
use mtlint::settings::{ConfigFile, ConfigResolver, Overrides, Settings};
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

/// What a worker sends back: pieces of a file's rendered part as they are
/// written, then the file's outcome.
enum Message {
    Chunk(usize, Vec<u8>),
    Done(usize, Result<Outcome, FileError>),
}

/// The outcome for one input, once its part is rendered. The text is gone by
/// then: only what the summary needs is kept.
struct Outcome {
    name: String,
    bytes: u64,
    counts: Counts,
    /// The diagnostics themselves, for `--statistics` only.
    diagnostics: Vec<Diagnostic>,
    /// The file's findings, for `--write-baseline` only.
    recorded: Option<Baseline>,
    diff: Option<String>,
    /// The fixed text of stdin, encoded as it came, for printing.
    stdin_output: Option<Vec<u8>>,
    unconverged: Vec<&'static str>,
}

/// Diagnostics left, how many are fixable at the chosen level and only with
/// unsafe fixes, and how many the baseline hid.
#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    fixed: usize,
    remaining: usize,
    fixable: usize,
    unsafe_only: usize,
    hidden: usize,
}

impl Counts {
    fn of(diagnostics: &[Diagnostic], fix_level: Applicability) -> Self {
        let count = |level| diagnostics.iter().filter(|d| d.fixable_at(level)).count();
        Counts {
            fixed: 0,
            remaining: diagnostics.len(),
            fixable: count(fix_level),
            unsafe_only: count(Applicability::Unsafe) - count(Applicability::Safe),
            hidden: 0,
        }
    }

    fn add(&mut self, other: Counts) {
        self.fixed += other.fixed;
        self.remaining += other.remaining;
        self.fixable += other.fixable;
        self.unsafe_only += other.unsafe_only;
        self.hidden += other.hidden;
    }
}

/// `--baseline`: the findings to hide, the folder its paths are relative to,
/// and what each entry has hidden so far.
struct KnownFindings {
    baseline: Baseline,
    base: PathBuf,
    usage: Usage,
}

/// Everything a worker needs to check one input.
struct Job<'a> {
    /// The resolved settings of each config file in use.
    settings: &'a [Settings<'a>],
    /// Per input: which of `settings` it follows, and the path its
    /// `per-file-ignores` are matched against.
    setting_of: &'a [usize],
    setting_paths: &'a [Option<PathBuf>],
    mode: Mode,
    options: RenderOptions<'a>,
    stdin_name: &'a str,
    /// `None` when the report is not rendered (`--diff`, `--statistics`, `--write-baseline`).
    renderer: Option<&'a dyn StreamingRenderer>,
    keep_diagnostics: bool,
    known: Option<&'a KnownFindings>,
    /// `--write-baseline`: the folder the recorded paths are relative to.
    record: Option<&'a Path>,
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
    let (inputs, errors) = discover(&discovery, &resolver)?;
    let stdin_name = args.stdin_filename.clone().unwrap_or_else(|| "-".to_string());
    // The path settings are looked up by: stdin goes by its --stdin-filename.
    let setting_paths: Vec<Option<PathBuf>> = inputs
        .iter()
        .map(|input| match input {
            Input::File { path, .. } => Some(path.clone()),
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

    for error in &errors {
        eprintln!("mtlint: error: {error}");
    }
    // Read before any file is fixed: a baseline that cannot be used stops the run untouched.
    let known = match &args.baseline {
        Some(path) => Some(KnownFindings {
            baseline: Baseline::read(path)?,
            base: folder_of(path),
            usage: Usage::default(),
        }),
        None => None,
    };
    let record_base = args.write_baseline.as_deref().map(folder_of);
    // With stdin fixed, stdout carries the fixed text and the report goes to stderr.
    let stdin_fixed = mode == Mode::Fix && inputs.contains(&Input::Stdin);
    let metas: Vec<&'static RuleMeta> = registry.rules().iter().map(|r| r.meta()).collect();
    let renderer = renderer(args.output_format);
    let rendered = mode != Mode::Diff && !args.statistics && record_base.is_none();
    let job = Job {
        settings: &settings,
        setting_of: &setting_of,
        setting_paths: &setting_paths,
        mode,
        options: RenderOptions {
            fix_level,
            color: !stdin_fixed && use_color(args.color),
            rules: &metas,
        },
        stdin_name: &stdin_name,
        renderer: rendered.then_some(&*renderer),
        keep_diagnostics: args.statistics && record_base.is_none(),
        known: known.as_ref(),
        record: record_base.as_deref(),
    };

    let report_on_terminal = if stdin_fixed {
        io::stderr().is_terminal()
    } else {
        io::stdout().is_terminal()
    };
    let stdout = io::stdout();
    let mut stdout = io::BufWriter::with_capacity(256 * 1024, stdout.lock());
    let mut stderr = io::stderr();
    let report_out: &mut dyn Write = if stdin_fixed { &mut stderr } else { &mut stdout };
    let mut writer = ReportWriter {
        out: report_out,
        renderer: job.renderer,
        options: &job.options,
        // A format that states the totals first gets its parts held until the end.
        held: job.renderer.filter(|r| r.needs_totals()).map(|_| Vec::new()),
        progress: Progress::new(&inputs, report_on_terminal),
        inputs: &inputs,
        next: 0,
        pending: BTreeMap::new(),
        wrote_part: false,
        started_current: false,
        files: 0,
        totals: Counts::default(),
        failed: !errors.is_empty(),
        diff_pending: false,
        all_diagnostics: Vec::new(),
        recorded: Baseline::default(),
        stdin_output: None,
    };
    std::thread::scope(|scope| -> io::Result<()> {
        let (sender, receiver) = mpsc::channel();
        let job = &job;
        let inputs = &inputs;
        // The workers take files in order (`par_bridge` pulls from one
        // iterator), so few finished files wait for an earlier one.
        scope.spawn(move || {
            inputs
                .iter()
                .enumerate()
                .par_bridge()
                .for_each_with(sender, |sender, (index, input)| {
                    let mut chunks = ChunkWriter {
                        index,
                        buffer: Vec::new(),
                        sender: sender.clone(),
                    };
                    let outcome = process(index, input, job, &mut chunks);
                    chunks.send();
                    // The receiver only goes away on an output error, which is reported.
                    let _ = sender.send(Message::Done(index, outcome));
                });
        });
        loop {
            match receiver.recv_timeout(Duration::from_millis(200)) {
                Ok(message) => writer.receive(message)?,
                Err(mpsc::RecvTimeoutError::Timeout) => writer.progress.tick(),
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
        }
        Ok(())
    })?;
    writer.progress.finish();
    if let Some(path) = &args.write_baseline {
        let baseline = std::mem::take(&mut writer.recorded);
        std::fs::write(path, baseline.to_json())
            .with_context(|| format!("cannot write the baseline {}", path.display()))?;
        if !args.quiet {
            eprintln!(
                "mtlint: recorded {} in {}",
                plural(baseline.len(), "finding"),
                path.display()
            );
        }
        return Ok(if writer.failed {
            ExitStatus::Error
        } else {
            ExitStatus::Success
        });
    }
    writer.end()?;
    let totals = writer.totals;
    if args.statistics {
        statistics(&writer.all_diagnostics, fix_level, args.output_format, writer.out)?;
    }
    let human = matches!(args.output_format, OutputFormat::Full | OutputFormat::Concise);
    if human && !args.quiet && mode != Mode::Diff {
        summary(totals, mode, fix_level, writer.failed, writer.out)?;
        if totals.hidden > 0 {
            writeln!(
                writer.out,
                "{} hidden by the baseline.",
                plural(totals.hidden, "known finding")
            )?;
        }
    }
    writer.out.flush()?;
    let (failed, diff_pending, stdin_output) = (writer.failed, writer.diff_pending, writer.stdin_output.take());
    drop(writer);
    if let Some(text) = stdin_output {
        stdout.write_all(&text)?;
    }
    stdout.flush()?;

    Ok(if failed {
        ExitStatus::Error
    } else if args.exit_zero {
        ExitStatus::Success
    } else if (mode != Mode::Diff && totals.remaining > 0) || diff_pending {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}

fn renderer(format: OutputFormat) -> Box<dyn StreamingRenderer> {
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

/// Hands a worker's rendered part to the writer in pieces, so a big file's
/// report is written while it is rendered instead of held whole.
struct ChunkWriter {
    index: usize,
    buffer: Vec<u8>,
    sender: mpsc::Sender<Message>,
}

impl ChunkWriter {
    const SIZE: usize = 1 << 20;

    fn send(&mut self) {
        if !self.buffer.is_empty() {
            let chunk = std::mem::take(&mut self.buffer);
            let _ = self.sender.send(Message::Chunk(self.index, chunk));
        }
    }
}

impl Write for ChunkWriter {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        if self.buffer.len() >= Self::SIZE {
            self.send();
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A file not yet written: the pieces of its part so far, and its outcome once done.
type Pending = (Vec<Vec<u8>>, Option<Result<Outcome, FileError>>);

/// Writes parts in input order as workers finish them: pieces of the file
/// due next go straight out, later files wait in `pending`.
struct ReportWriter<'a> {
    out: &'a mut dyn Write,
    renderer: Option<&'a dyn StreamingRenderer>,
    options: &'a RenderOptions<'a>,
    /// The parts so far, for a format whose opening needs the totals.
    held: Option<Vec<u8>>,
    progress: Progress,
    /// The index of the file whose part is written next.
    next: usize,
    pending: BTreeMap<usize, Pending>,
    /// Whether any part was written (for separators), and whether the current file's has begun.
    wrote_part: bool,
    started_current: bool,
    /// Files reported on.
    files: usize,
    totals: Counts,
    failed: bool,
    diff_pending: bool,
    all_diagnostics: Vec<Diagnostic>,
    recorded: Baseline,
    stdin_output: Option<Vec<u8>>,
    /// Every input, to tell a file the user named from one found by walking.
    inputs: &'a [Input],
}

impl ReportWriter<'_> {
    fn receive(&mut self, message: Message) -> io::Result<()> {
        match message {
            Message::Chunk(index, chunk) if index == self.next => self.write_chunk(&chunk)?,
            Message::Chunk(index, chunk) => self.pending.entry(index).or_default().0.push(chunk),
            Message::Done(index, outcome) => self.pending.entry(index).or_default().1 = Some(outcome),
        }
        // Finish every file that is due and done, and start on the next.
        while let Some(mut entry) = self.pending.remove(&self.next) {
            for chunk in std::mem::take(&mut entry.0) {
                self.write_chunk(&chunk)?;
            }
            let Some(outcome) = entry.1 else {
                self.pending.insert(self.next, entry);
                break;
            };
            self.finish(outcome)?;
            self.next += 1;
            self.started_current = false;
        }
        Ok(())
    }

    fn write_chunk(&mut self, chunk: &[u8]) -> io::Result<()> {
        let Self {
            out,
            renderer,
            options,
            held,
            progress,
            wrote_part,
            started_current,
            ..
        } = self;
        let holding = held.is_some();
        let mut write = |out: &mut dyn Write| {
            if let Some(renderer) = renderer
                && !*started_current
            {
                if *wrote_part {
                    out.write_all(renderer.separator())?;
                } else if !holding {
                    renderer.begin(options, None, out)?;
                }
                *started_current = true;
                *wrote_part = true;
            }
            out.write_all(chunk)
        };
        match held {
            Some(held) => write(held),
            None => progress.suspend_for_report(|| write(*out)),
        }
    }

    fn finish(&mut self, outcome: Result<Outcome, FileError>) -> io::Result<()> {
        let mut outcome = match outcome {
            Ok(outcome) => outcome,
            // A binary file met while walking is not a text the user meant;
            // one they named gets a word.
            Err(error @ FileError::Binary { .. }) => {
                self.progress.file_done(0);
                if matches!(
                    self.inputs[self.next],
                    Input::File { explicit: true, .. } | Input::Stdin
                ) {
                    self.progress.suspend(|| eprintln!("mtlint: warning: {error}"));
                }
                return Ok(());
            }
            Err(error) => {
                self.failed = true;
                self.progress.file_done(0);
                return self.progress.suspend(|| {
                    eprintln!("mtlint: error: {error}");
                    Ok(())
                });
            }
        };
        self.progress.file_done(outcome.bytes);
        if !outcome.unconverged.is_empty() {
            self.progress.suspend(|| {
                eprintln!(
                    "mtlint: warning: {}: fixes did not converge after {} passes; rules still fixing: {}",
                    outcome.name,
                    mtlint::fix::MAX_PASSES,
                    outcome.unconverged.join(", ")
                );
            });
        }
        self.files += 1;
        self.totals.add(outcome.counts);
        self.all_diagnostics.append(&mut outcome.diagnostics);
        if let Some(recorded) = outcome.recorded {
            self.recorded.merge(recorded);
        }
        if let Some(diff) = &outcome.diff {
            self.diff_pending = true;
            let out = &mut self.out;
            self.progress.suspend_for_report(|| out.write_all(diff.as_bytes()))?;
        }
        if outcome.stdin_output.is_some() {
            self.stdin_output = outcome.stdin_output;
        }
        Ok(())
    }

    /// Closes the report once every file is done: a format that needs the
    /// totals gets its opening and its held parts first.
    fn end(&mut self) -> io::Result<()> {
        let Some(renderer) = self.renderer else {
            return Ok(());
        };
        if let Some(held) = self.held.take() {
            let totals = Totals {
                files: self.files,
                diagnostics: self.totals.remaining,
            };
            renderer.begin(self.options, Some(totals), self.out)?;
            self.out.write_all(&held)?;
        }
        renderer.end(self.options, !self.wrote_part, self.out)
    }
}

/// The progress bar on stderr: only when stderr is a terminal, and only once
/// the run has taken more than a moment.
struct Progress {
    bar: Option<ProgressBar>,
    started: Instant,
    shown: bool,
    /// Whether the report shares the bar's terminal, so the bar must step aside for it.
    report_on_terminal: bool,
    files: usize,
    files_done: usize,
}

impl Progress {
    const DELAY: Duration = Duration::from_millis(500);

    fn new(inputs: &[Input], report_on_terminal: bool) -> Self {
        let bar = io::stderr().is_terminal().then(|| {
            let total: u64 = inputs
                .iter()
                .filter_map(|input| match input {
                    Input::File { path, .. } => std::fs::metadata(path).ok().map(|m| m.len()),
                    Input::Stdin => None,
                })
                .sum();
            let style = ProgressStyle::with_template(
                "{elapsed_precise} [{wide_bar}] {binary_bytes}/{binary_total_bytes} ({binary_bytes_per_sec}) {msg}",
            )
            .expect("the template is valid")
            .progress_chars("=> ");
            ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden()).with_style(style)
        });
        Progress {
            bar,
            started: Instant::now(),
            shown: false,
            report_on_terminal,
            files: inputs.len(),
            files_done: 0,
        }
    }

    fn tick(&mut self) {
        let Some(bar) = &self.bar else { return };
        if !self.shown && self.started.elapsed() >= Self::DELAY {
            self.shown = true;
            bar.set_draw_target(ProgressDrawTarget::stderr());
        }
        bar.tick();
    }

    fn file_done(&mut self, bytes: u64) {
        self.files_done += 1;
        if let Some(bar) = &self.bar {
            bar.inc(bytes);
            bar.set_message(format!("{}/{} files", self.files_done, self.files));
        }
        self.tick();
    }

    /// Runs `write` (to stderr) with the bar hidden.
    fn suspend<R>(&self, write: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(bar) if self.shown => bar.suspend(write),
            _ => write(),
        }
    }

    /// Runs `write` (of the report) with the bar hidden when they share the terminal.
    fn suspend_for_report<R>(&self, write: impl FnOnce() -> R) -> R {
        if self.report_on_terminal {
            self.suspend(write)
        } else {
            write()
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
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

/// Lints (and fixes) one input with its settings, hides what the baseline
/// knows, and renders its part into `out`.
fn process(index: usize, input: &Input, job: &Job, out: &mut dyn Write) -> Result<Outcome, FileError> {
    let settings = job.settings[job.setting_of[index]].for_file(job.setting_paths[index].as_deref());
    let (Decoded { text, encoding }, file_name) = read_input(input)?;
    let name = file_name.unwrap_or_else(|| job.stdin_name.to_string());
    let bytes = text.len() as u64;
    let fix_level = job.options.fix_level;
    let mut outcome = Outcome {
        name,
        bytes,
        counts: Counts::default(),
        diagnostics: Vec::new(),
        recorded: None,
        diff: None,
        stdin_output: None,
        unconverged: Vec::new(),
    };
    let (source, diagnostics) = if job.mode == Mode::Check {
        // One document for linting and for placing the report: one line index.
        let doc = Document::new(&text);
        let diagnostics = settings.lint_document(&doc);
        let lines = doc.into_lines();
        (SourceFile::with_lines(outcome.name.clone(), text, lines), diagnostics)
    } else {
        let fixed = settings.fix(&text, fix_level);
        let changed = fixed.text != text;
        match (job.mode, input) {
            // A run that records a baseline prints no diff.
            (Mode::Diff, _) if changed && job.record.is_none() => {
                outcome.diff = Some(unified_diff(&outcome.name, &text, &fixed.text));
            }
            (Mode::Fix, Input::Stdin) => outcome.stdin_output = Some(mfs::encode(&fixed.text, encoding).into_owned()),
            (Mode::Fix, Input::File { path, .. }) if changed => {
                mfs::write_atomic(path, &mfs::encode(&text, encoding), &mfs::encode(&fixed.text, encoding))?
            }
            _ => {}
        }
        if job.mode == Mode::Diff {
            outcome.unconverged = fixed.unconverged;
            let diagnostics = settings.lint(&text);
            (SourceFile::new(outcome.name.clone(), text), diagnostics)
        } else {
            outcome.counts.fixed = fixed.fixed_count();
            outcome.unconverged = fixed.unconverged;
            (SourceFile::new(outcome.name.clone(), fixed.text), fixed.remaining)
        }
    };
    let mut report = FileReport { source, diagnostics };
    if let Some(base) = job.record {
        outcome.recorded = Some(Baseline::from_reports(std::slice::from_ref(&report), base));
    }
    let hidden = job.known.map_or(0, |known| {
        known.baseline.filter_report(&mut report, &known.base, &known.usage)
    });
    outcome.counts = Counts {
        fixed: outcome.counts.fixed,
        hidden,
        ..Counts::of(&report.diagnostics, fix_level)
    };
    if let Some(renderer) = job.renderer {
        renderer
            .part(&report, &job.options, out)
            .map_err(|e| FileError::io(Path::new(&outcome.name), e))?;
    }
    if job.keep_diagnostics {
        outcome.diagnostics = report.diagnostics;
    }
    Ok(outcome)
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

/// The closing line; "All checks passed!" only when every file could be checked.
fn summary(totals: Counts, mode: Mode, fix_level: Applicability, failed: bool, out: &mut dyn Write) -> io::Result<()> {
    let clean = if failed {
        "No problems found in the files that could be checked."
    } else {
        "All checks passed!"
    };
    let Counts {
        fixed,
        remaining,
        fixable,
        unsafe_only,
        ..
    } = totals;
    if mode == Mode::Fix {
        if fixed + remaining == 0 {
            return writeln!(out, "{clean}");
        }
        writeln!(
            out,
            "Found {} ({fixed} fixed, {remaining} remaining).",
            plural(fixed + remaining, "problem")
        )?;
    } else if remaining == 0 {
        return writeln!(out, "{clean}");
    } else if fixable > 0 {
        writeln!(
            out,
            "Found {} ({fixable} fixable with --fix).",
            plural(remaining, "problem")
        )?;
    } else {
        writeln!(out, "Found {}.", plural(remaining, "problem"))?;
    }
    if fix_level == Applicability::Safe && unsafe_only > 0 {
        let fixes = if unsafe_only == 1 { "fix" } else { "fixes" };
        writeln!(out, "{unsafe_only} more {fixes} available with --unsafe-fixes.")?;
    }
    Ok(())
}

fn statistics(
    diagnostics: &[Diagnostic],
    fix_level: Applicability,
    format: OutputFormat,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut counts: BTreeMap<&str, (&str, usize, usize)> = BTreeMap::new();
    for diagnostic in diagnostics {
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
