//! `mtlint config` and `check --show-settings`: the settings a file is checked
//! with, and why each rule is on or off.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use mtlint::Registry;
use mtlint::settings::{
    ConfigError, ConfigFile, ConfigResolver, Options, Overrides, RuleReport, Settings, config_schema,
};
use serde::Serialize;

use super::ExitStatus;
use super::args::{ConfigArgs, ListFormat};

pub fn run(args: ConfigArgs) -> anyhow::Result<ExitStatus> {
    let mut out = std::io::stdout().lock();
    if args.schema {
        serde_json::to_writer_pretty(&mut out, &config_schema())?;
        writeln!(out)?;
        return Ok(ExitStatus::Success);
    }
    let mut resolver = ConfigResolver::new(args.config.config.as_deref(), args.config.isolated)?;
    let path = args.path.unwrap_or_else(|| ".".into());
    let config = config_for(&mut resolver, &path)?;
    let registry = Registry::builtin();
    show(
        &registry,
        &path,
        config,
        &Overrides::default(),
        args.output_format,
        &mut out,
    )?;
    Ok(ExitStatus::Success)
}

/// The built-in rules plus the declarative rules of `--extend-rules` and of the
/// configs' `extend-rules`, each file or folder loaded once.
pub fn registry<'c>(cli: &[PathBuf], configs: impl IntoIterator<Item = &'c ConfigFile>) -> anyhow::Result<Registry> {
    let mut paths: Vec<PathBuf> = cli.iter().map(|p| mtlint::fs::absolute(p)).collect();
    for config in configs {
        paths.extend(config.extend_rules.iter().cloned());
    }
    let mut seen = std::collections::HashSet::new();
    paths.retain(|path| seen.insert(path.clone()));
    let mut registry = Registry::builtin();
    mtlint::declarative::extend_registry(&mut registry, &paths)?;
    Ok(registry)
}

/// The config for a file, or for the files in a folder.
pub fn config_for(resolver: &mut ConfigResolver, path: &Path) -> Result<Option<Arc<ConfigFile>>, ConfigError> {
    if path.is_dir() {
        resolver.for_folder(&mtlint::fs::absolute(path))
    } else {
        resolver.for_file(path)
    }
}

#[derive(Serialize)]
struct Shown<'a> {
    path: String,
    config: Option<String>,
    options: &'a Options,
    rules: Vec<RuleReport>,
}

/// Prints the resolved settings for `path`.
pub fn show(
    registry: &Registry,
    path: &Path,
    config: Option<Arc<ConfigFile>>,
    overrides: &Overrides,
    format: ListFormat,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let settings = Settings::resolve(registry, config.clone(), overrides)?;
    let file = settings.for_file((!path.is_dir()).then_some(path));
    let defaults = Options::default();
    let shown = Shown {
        path: path.display().to_string(),
        config: config.as_ref().map(|c| c.path.display().to_string()),
        options: config.as_ref().map_or(&defaults, |c| &c.options),
        rules: file.explain(),
    };
    if format == ListFormat::Json {
        serde_json::to_writer_pretty(&mut *out, &shown)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(out, "Settings for {}", shown.path)?;
    match &shown.config {
        Some(config) => writeln!(out, "Config file: {config}")?,
        None => writeln!(out, "Config file: none (built-in defaults)")?,
    }
    let keys = toml::to_string(shown.options)?;
    if !keys.trim().is_empty() {
        writeln!(out, "\n{}", keys.trim_end())?;
    }
    writeln!(out, "\nRules:")?;
    for rule in &shown.rules {
        writeln!(
            out,
            "  {:<3} {:<6} {:<40} {:<8} {:<9} {}",
            if rule.enabled { "on" } else { "off" },
            rule.code,
            rule.name,
            rule.severity.as_str(),
            if rule.fixable { "fixable" } else { "-" },
            rule.reason
        )?;
    }
    Ok(())
}
