//! Configuration: `mtlint.toml` / `.mtlint.toml` found from each checked file's
//! folder upward (the closest file wins, whole, as in ruff), parsed with errors
//! that name the file, line and key; then resolved against the registry and the
//! command line into the settings one file is checked with.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{Glob, GlobSet, GlobSetBuilder};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::document::Document;
use crate::fix::{FixOutcome, fix_with};
use crate::registry::{Registry, RuleSet, UnknownSelector};

mod allow;

pub use allow::{AllowEntry, AllowList};

/// Config file names, in the order they are looked for in each folder.
pub const CONFIG_NAMES: [&str; 2] = [".mtlint.toml", "mtlint.toml"];

/// Extensions checked when walking folders, unless `extensions` says otherwise.
pub const DEFAULT_EXTENSIONS: &[&str] = &["txt", "text"];

/// Folders and files never walked into, unless `exclude` says otherwise.
pub const DEFAULT_EXCLUDE: &[&str] = &[
    ".git",
    ".hg",
    ".svn",
    ".venv",
    "venv",
    "node_modules",
    "target",
    "__pycache__",
];

/// A severity a config file can give a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Info,
}

impl From<Level> for Severity {
    fn from(level: Level) -> Self {
        match level {
            Level::Error => Severity::Error,
            Level::Warning => Severity::Warning,
            Level::Info => Severity::Info,
        }
    }
}

/// The keys of an mtlint config file (`mtlint.toml` or `.mtlint.toml`).
///
/// Rule selectors are codes (`S001`), code prefixes (`S`, `S00`), kebab-case
/// rule names or `ALL`. Globs are matched against paths relative to the folder
/// holding the config file, and against file names.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(title = "mtlint configuration")]
pub struct Options {
    /// Rules to enable instead of the defaults.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub select: Option<Vec<String>>,
    /// Rules to enable on top of `select` (or the defaults).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extend_select: Option<Vec<String>>,
    /// Rules to disable.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ignore: Option<Vec<String>>,
    /// Rules to disable for the files a glob matches: `"archive/**" = ["Q"]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_file_ignores: Option<BTreeMap<String, Vec<String>>>,
    /// A severity for the rules a selector names: `S002 = "info"`. When
    /// selectors overlap, the one naming fewer rules wins.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub severity: Option<BTreeMap<String, Level>>,
    /// Globs of files to check when walking folders, whatever their extension.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub include: Option<Vec<String>>,
    /// Globs of files and folders never walked into. Replaces the default list
    /// (`.git`, `node_modules`, `target`, `venv`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exclude: Option<Vec<String>>,
    /// Globs excluded on top of `exclude`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extend_exclude: Option<Vec<String>>,
    /// Extensions of the files checked when walking folders (default `txt`, `text`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Vec<String>>,
    /// Files or folders of declarative rules to load, relative to the config file.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<Vec<String>>")]
    pub extend_rules: Option<Vec<PathBuf>>,
    /// Text where no rule reports: exact strings (`"Yahoo!News"`) or regexes
    /// (`{ regex = "…" }`). A diagnostic whose span lies inside such text is dropped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allow: Option<Vec<AllowEntry>>,
    /// Rules whose fixes may be offered and applied (default `ALL`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fixable: Option<Vec<String>>,
    /// Rules whose fixes are never offered nor applied.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unfixable: Option<Vec<String>>,
}

/// The JSON Schema of the config file, as shipped in `mtlint.schema.json`.
pub fn config_schema() -> serde_json::Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(Options)).expect("a schema serialises");
    schema["$id"] = "https://github.com/mtlint/mtlint/blob/main/mtlint.schema.json".into();
    drop_null(&mut schema);
    schema
}

/// TOML has no null: an absent key is how a value is left unset, so the
/// `null` that `Option` adds to each type is taken out again.
fn drop_null(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            if let Some(serde_json::Value::Array(types)) = map.get_mut("type") {
                types.retain(|t| t != "null");
                if types.len() == 1 {
                    let only = types.remove(0);
                    map.insert("type".into(), only);
                }
            }
            map.values_mut().for_each(drop_null);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(drop_null),
        _ => {}
    }
}

/// A config file that could not be used: where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based line and column, when the problem has a place in the file.
    pub position: Option<(usize, usize)>,
    pub message: String,
    pub suggestion: Option<String>,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some((line, column)) = self.position {
            write!(f, ":{line}:{column}")?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(suggestion) = &self.suggestion {
            write!(f, " (did you mean `{suggestion}`?)")?;
        }
        Ok(())
    }
}

impl std::error::Error for ConfigError {}

/// One step of a path to a value in a TOML document.
#[derive(Debug, Clone, Copy)]
enum Key<'a> {
    Name(&'a str),
    Index(usize),
}

/// Which files a walk checks, from one config file (or the defaults).
#[derive(Debug)]
pub struct FileFilter {
    /// The folder globs are relative to.
    root: PathBuf,
    extensions: Vec<String>,
    include: GlobSet,
    exclude: GlobSet,
}

impl FileFilter {
    fn defaults(root: PathBuf) -> Self {
        FileFilter {
            root,
            extensions: DEFAULT_EXTENSIONS.iter().map(|e| e.to_string()).collect(),
            include: GlobSet::empty(),
            exclude: glob_set(DEFAULT_EXCLUDE).expect("the default globs compile"),
        }
    }

    /// Whether a file met while walking is checked: it has one of the
    /// extensions (plus `extra` from the command line) or matches `include`.
    pub fn wants(&self, path: &Path, extra: &[String]) -> bool {
        let has_extension = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| self.extensions.iter().chain(extra).any(|w| w.eq_ignore_ascii_case(e)));
        has_extension || matches(&self.include, &relative_to(&self.root, path))
    }

    /// Whether a file or folder met while walking is excluded.
    pub fn excludes_entry(&self, path: &Path) -> bool {
        matches(&self.exclude, &relative_to(&self.root, path))
    }

    /// Whether the path, or a folder above it (below the root), is excluded.
    pub fn excludes(&self, path: &Path) -> bool {
        let relative = relative_to(&self.root, path);
        let mut prefix = PathBuf::new();
        for component in relative.components() {
            prefix.push(component);
            if matches(&self.exclude, &prefix) {
                return true;
            }
        }
        false
    }
}

/// Whether a glob set matches a path or its file name.
fn matches(set: &GlobSet, path: &Path) -> bool {
    set.is_match(path) || path.file_name().is_some_and(|name| set.is_match(Path::new(name)))
}

/// `path` relative to `root` when it lies below it, else absolute.
fn relative_to(root: &Path, path: &Path) -> PathBuf {
    let absolute = crate::fs::absolute(path);
    absolute.strip_prefix(root).map(Path::to_path_buf).unwrap_or(absolute)
}

fn glob_set<S: AsRef<str>>(globs: &[S]) -> Result<GlobSet, (usize, globset::Error)> {
    let mut builder = GlobSetBuilder::new();
    for (index, glob) in globs.iter().enumerate() {
        builder.add(Glob::new(glob.as_ref()).map_err(|e| (index, e))?);
    }
    builder.build().map_err(|e| (0, e))
}

/// A parsed and checked config file. Rule selectors are checked later, against
/// the registry ([`Settings::resolve`]), because `extend-rules` may add rules.
#[derive(Debug)]
pub struct ConfigFile {
    /// Absolute path of the file.
    pub path: PathBuf,
    pub options: Options,
    text: String,
    filter: Arc<FileFilter>,
    per_file_ignores: GlobSet,
    allow: AllowList,
    /// `extend-rules`, resolved against the config file's folder.
    pub extend_rules: Vec<PathBuf>,
}

impl ConfigFile {
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let path = crate::fs::absolute(path);
        let text = std::fs::read_to_string(&path).map_err(|e| ConfigError {
            path: path.clone(),
            position: None,
            message: format!("cannot read the config file: {e}"),
            suggestion: None,
        })?;
        Self::parse(path, text)
    }

    /// Parses `text` as the config file at `path` (absolute).
    pub fn parse(path: PathBuf, text: String) -> Result<Self, ConfigError> {
        let options: Options = match toml::from_str(&text) {
            Ok(options) => options,
            Err(error) => return Err(deserialize_error(&path, &text, &error)),
        };
        let root = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let error = |keys: &[Key], message: String| ConfigError {
            path: path.clone(),
            position: locate(&text, keys),
            message: format!("key `{}`: {message}", display_keys(keys)),
            suggestion: None,
        };
        let globs = |name: &'static str, globs: &[String]| {
            glob_set(globs).map_err(|(index, e)| error(&[Key::Name(name), Key::Index(index)], e.to_string()))
        };
        let mut filter = FileFilter::defaults(root.clone());
        if let Some(extensions) = &options.extensions {
            if let Some(index) = extensions.iter().position(|e| e.trim_start_matches('.').is_empty()) {
                return Err(error(
                    &[Key::Name("extensions"), Key::Index(index)],
                    "an extension cannot be empty".into(),
                ));
            }
            filter.extensions = extensions
                .iter()
                .map(|e| e.trim_start_matches('.').to_ascii_lowercase())
                .collect();
        }
        if let Some(include) = &options.include {
            filter.include = globs("include", include)?;
        }
        let mut exclude: Vec<String> = match &options.exclude {
            Some(exclude) => {
                globs("exclude", exclude)?;
                exclude.clone()
            }
            None => DEFAULT_EXCLUDE.iter().map(|g| g.to_string()).collect(),
        };
        if let Some(extend) = &options.extend_exclude {
            globs("extend-exclude", extend)?;
            exclude.extend(extend.iter().cloned());
        }
        filter.exclude = glob_set(&exclude).expect("each glob was compiled above");
        let mut per_file = GlobSetBuilder::new();
        for glob in options.per_file_ignores.iter().flat_map(|m| m.keys()) {
            let compiled =
                Glob::new(glob).map_err(|e| error(&[Key::Name("per-file-ignores"), Key::Name(glob)], e.to_string()))?;
            per_file.add(compiled);
        }
        let per_file_ignores = per_file
            .build()
            .map_err(|e| error(&[Key::Name("per-file-ignores")], e.to_string()))?;
        let allow = AllowList::new(options.allow.as_deref().unwrap_or_default())
            .map_err(|e| error(&[Key::Name("allow"), Key::Index(e.index)], e.message))?;
        let mut extend_rules = Vec::new();
        for (index, rules) in options.extend_rules.iter().flatten().enumerate() {
            let resolved = crate::fs::absolute(&root.join(rules));
            if !resolved.exists() {
                return Err(error(
                    &[Key::Name("extend-rules"), Key::Index(index)],
                    format!("no such file or folder `{}`", resolved.display()),
                ));
            }
            extend_rules.push(resolved);
        }
        Ok(ConfigFile {
            path,
            options,
            text,
            filter: Arc::new(filter),
            per_file_ignores,
            allow,
            extend_rules,
        })
    }

    /// The folder holding the file: globs and `extend-rules` are relative to it.
    pub fn root(&self) -> &Path {
        &self.filter.root
    }

    /// An error about the value at `keys`, placed at its line.
    fn error_at(&self, keys: &[Key], error: UnknownSelector) -> ConfigError {
        ConfigError {
            path: self.path.clone(),
            position: locate(&self.text, keys),
            message: format!("key `{}`: {}", display_keys(keys), unknown_selector_message(&error)),
            suggestion: error.suggestion,
        }
    }
}

fn unknown_selector_message(error: &UnknownSelector) -> String {
    format!("unknown rule selector `{}`", error.selector)
}

/// Turns a TOML or serde error into one naming the line and the key, with a
/// did-you-mean for unknown keys and values.
fn deserialize_error(path: &Path, text: &str, error: &toml::de::Error) -> ConfigError {
    let span = error.span();
    let key = span.as_ref().map(|s| key_path_at(text, s.start)).unwrap_or_default();
    let raw = error.message().trim_end_matches('\n');
    let quoted: Vec<&str> = raw.split('`').skip(1).step_by(2).collect();
    let (message, suggestion) = if raw.starts_with("unknown field") && !quoted.is_empty() {
        // A span may cover the whole inline table rather than the key in it.
        let unknown = display_key(quoted[0]);
        let key = if key.is_empty() {
            unknown
        } else if key == unknown || key.ends_with(&format!(".{unknown}")) {
            key
        } else {
            format!("{key}.{unknown}")
        };
        (format!("unknown key `{key}`"), suggest(quoted[0], &quoted[1..]))
    } else if raw.starts_with("unknown variant") && !quoted.is_empty() {
        (format!("key `{key}`: {raw}"), suggest(quoted[0], &quoted[1..]))
    } else if key.is_empty() {
        (raw.to_string(), None)
    } else {
        (format!("key `{key}`: {raw}"), None)
    };
    ConfigError {
        path: path.to_path_buf(),
        position: span.map(|s| line_column(text, s.start)),
        message,
        suggestion,
    }
}

fn suggest(given: &str, candidates: &[&str]) -> Option<String> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(given, c), *c))
        .filter(|(score, _)| *score > 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c.to_string())
}

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

fn display_key(key: &str) -> String {
    if !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
        key.to_string()
    } else {
        format!("{key:?}")
    }
}

fn display_keys(keys: &[Key]) -> String {
    let mut out = String::new();
    for key in keys {
        match key {
            Key::Name(name) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(&display_key(name));
            }
            Key::Index(index) => out.push_str(&format!("[{index}]")),
        }
    }
    out
}

/// The dotted path of the deepest key whose key or value holds `offset`.
fn key_path_at(text: &str, offset: usize) -> String {
    let Ok(table) = toml::de::DeTable::parse(text) else {
        return String::new();
    };
    let mut parts = search_table(table.get_ref(), offset).unwrap_or_default();
    parts.reverse();
    let mut out = String::new();
    for part in parts {
        if !out.is_empty() && !part.starts_with('[') {
            out.push('.');
        }
        out.push_str(&part);
    }
    out
}

// The searches return the path innermost first. A `[table]` header's value span
// covers only the header, so tables are searched whatever their span.
fn search_table(table: &toml::de::DeTable, offset: usize) -> Option<Vec<String>> {
    for (key, value) in table.iter() {
        let found = if key.span().contains(&offset) {
            Some(Vec::new())
        } else {
            search_value(value, offset).or_else(|| value.span().contains(&offset).then(Vec::new))
        };
        if let Some(mut path) = found {
            path.push(display_key(key.get_ref()));
            return Some(path);
        }
    }
    None
}

fn search_value(value: &toml::Spanned<toml::de::DeValue>, offset: usize) -> Option<Vec<String>> {
    match value.get_ref() {
        toml::de::DeValue::Table(table) => search_table(table, offset),
        toml::de::DeValue::Array(items) => items.iter().enumerate().find_map(|(index, item)| {
            let mut path = search_value(item, offset).or_else(|| item.span().contains(&offset).then(Vec::new))?;
            path.push(format!("[{index}]"));
            Some(path)
        }),
        _ => None,
    }
}

/// The span of the value at `keys` (of the key itself when the path ends on a
/// name inside a table), as 1-based line and column.
fn locate(text: &str, keys: &[Key]) -> Option<(usize, usize)> {
    let table = toml::de::DeTable::parse(text).ok()?;
    let mut value: Option<&toml::Spanned<toml::de::DeValue>> = None;
    let mut span: Range<usize> = 0..0;
    for key in keys {
        match (key, value.map(|v| v.get_ref())) {
            (Key::Name(name), None) => {
                let (k, v) = table.get_ref().iter().find(|(k, _)| k.get_ref() == name)?;
                span = k.span();
                value = Some(v);
            }
            (Key::Name(name), Some(toml::de::DeValue::Table(inner))) => {
                let (k, v) = inner.iter().find(|(k, _)| k.get_ref() == name)?;
                span = k.span();
                value = Some(v);
            }
            (Key::Index(index), Some(toml::de::DeValue::Array(items))) => {
                let item = items.get(*index)?;
                span = item.span();
                value = Some(item);
            }
            _ => break,
        }
    }
    value.map(|_| line_column(text, span.start))
}

/// Where each file's config comes from.
#[derive(Debug)]
pub enum ConfigSource {
    /// `--isolated`: no config file at all.
    Isolated,
    /// `--config PATH`: one file for every checked file.
    Explicit(Arc<ConfigFile>),
    /// The closest `mtlint.toml` or `.mtlint.toml` above each file.
    Discover,
}

/// Finds and caches the config file for each folder.
#[derive(Debug)]
pub struct ConfigResolver {
    source: ConfigSource,
    by_folder: HashMap<PathBuf, Option<Arc<ConfigFile>>>,
    by_file: HashMap<PathBuf, Arc<ConfigFile>>,
    defaults: Arc<FileFilter>,
}

impl ConfigResolver {
    pub fn new(config: Option<&Path>, isolated: bool) -> Result<Self, ConfigError> {
        let source = match config {
            Some(path) => ConfigSource::Explicit(Arc::new(ConfigFile::load(path)?)),
            None if isolated => ConfigSource::Isolated,
            None => ConfigSource::Discover,
        };
        let cwd = crate::fs::absolute(Path::new("."));
        Ok(ConfigResolver {
            source,
            by_folder: HashMap::new(),
            by_file: HashMap::new(),
            defaults: Arc::new(FileFilter::defaults(cwd)),
        })
    }

    /// The config for a file (or, for stdin, a name) at `path`.
    pub fn for_file(&mut self, path: &Path) -> Result<Option<Arc<ConfigFile>>, ConfigError> {
        let absolute = crate::fs::absolute(path);
        match absolute.parent() {
            Some(folder) => self.for_folder(folder),
            None => self.for_folder(&absolute),
        }
    }

    /// The config for the files in `folder` (absolute).
    pub fn for_folder(&mut self, folder: &Path) -> Result<Option<Arc<ConfigFile>>, ConfigError> {
        match &self.source {
            ConfigSource::Isolated => return Ok(None),
            ConfigSource::Explicit(config) => return Ok(Some(config.clone())),
            ConfigSource::Discover => {}
        }
        let mut visited = Vec::new();
        let mut found = None;
        let mut current = Some(folder);
        while let Some(dir) = current {
            if let Some(cached) = self.by_folder.get(dir) {
                found = cached.clone();
                break;
            }
            visited.push(dir.to_path_buf());
            if let Some(path) = CONFIG_NAMES.iter().map(|name| dir.join(name)).find(|p| p.is_file()) {
                found = Some(match self.by_file.get(&path) {
                    Some(config) => config.clone(),
                    None => {
                        let config = Arc::new(ConfigFile::load(&path)?);
                        self.by_file.insert(path, config.clone());
                        config
                    }
                });
                break;
            }
            current = dir.parent();
        }
        for dir in visited {
            self.by_folder.insert(dir, found.clone());
        }
        Ok(found)
    }

    /// The walking filter for files under `folder`.
    pub fn filter(&mut self, folder: &Path) -> Result<Arc<FileFilter>, ConfigError> {
        Ok(match self.for_folder(folder)? {
            Some(config) => config.filter.clone(),
            None => self.defaults.clone(),
        })
    }
}

/// What the command line says about rules; it overrides the config file.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub select: Option<Vec<String>>,
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
}

/// Whether a rule is on, and which setting decided it.
#[derive(Debug, Clone, Serialize)]
pub struct RuleState {
    pub enabled: bool,
    pub reason: String,
}

/// A config file resolved against the registry and the command line.
pub struct Settings<'r> {
    registry: &'r Registry,
    pub config: Option<Arc<ConfigFile>>,
    /// Per registry index.
    states: Vec<RuleState>,
    severity: Vec<Option<Severity>>,
    fixable: Vec<bool>,
    /// Per `per-file-ignores` glob, in the config's order: the rules it turns off.
    per_file: Vec<(String, Vec<usize>)>,
}

impl<'r> Settings<'r> {
    /// Selection is applied in layers, each as `select` (replacing what came
    /// before), `extend-select`, `ignore`: the defaults, the config file, then the
    /// command line, so the command line has the last word.
    pub fn resolve(
        registry: &'r Registry,
        config: Option<Arc<ConfigFile>>,
        overrides: &Overrides,
    ) -> anyhow::Result<Self> {
        let count = registry.rules().len();
        let mut states: Vec<RuleState> = registry
            .rules()
            .iter()
            .map(|rule| RuleState {
                enabled: rule.meta().default_enabled,
                reason: if rule.meta().default_enabled {
                    "on by default".into()
                } else {
                    "off by default".into()
                },
            })
            .collect();
        let mut severity = vec![None; count];
        let mut fixable = vec![true; count];
        let mut per_file = Vec::new();
        if let Some(config) = &config {
            let options = &config.options;
            let source = config.path.display().to_string();
            let resolve = |name: &'static str, selectors: &[String]| -> Result<Vec<Vec<usize>>, ConfigError> {
                selectors
                    .iter()
                    .enumerate()
                    .map(|(i, s)| {
                        registry
                            .resolve(s)
                            .map_err(|e| config.error_at(&[Key::Name(name), Key::Index(i)], e))
                    })
                    .collect()
            };
            if let Some(select) = &options.select {
                let hits = resolve("select", select)?;
                apply_select(&mut states, &hits, &format!("select in {source}"));
            }
            for hits in resolve("extend-select", options.extend_select.as_deref().unwrap_or_default())? {
                apply(&mut states, &hits, true, &format!("extend-select in {source}"));
            }
            for hits in resolve("ignore", options.ignore.as_deref().unwrap_or_default())? {
                apply(&mut states, &hits, false, &format!("ignore in {source}"));
            }
            if let Some(levels) = &options.severity {
                let mut resolved = Vec::new();
                for (selector, level) in levels {
                    let hits = registry
                        .resolve(selector)
                        .map_err(|e| config.error_at(&[Key::Name("severity"), Key::Name(selector)], e))?;
                    resolved.push((hits, Severity::from(*level)));
                }
                // The broadest selector first, so the narrowest is applied last and wins.
                resolved.sort_by_key(|(hits, _)| std::cmp::Reverse(hits.len()));
                for (hits, level) in resolved {
                    for index in hits {
                        severity[index] = Some(level);
                    }
                }
            }
            if let Some(selectors) = &options.fixable {
                fixable = vec![false; count];
                for index in resolve("fixable", selectors)?.into_iter().flatten() {
                    fixable[index] = true;
                }
            }
            for index in resolve("unfixable", options.unfixable.as_deref().unwrap_or_default())?
                .into_iter()
                .flatten()
            {
                fixable[index] = false;
            }
            for (glob, selectors) in options.per_file_ignores.iter().flatten() {
                let mut indices = Vec::new();
                for (i, selector) in selectors.iter().enumerate() {
                    let keys = [Key::Name("per-file-ignores"), Key::Name(glob), Key::Index(i)];
                    indices.extend(registry.resolve(selector).map_err(|e| config.error_at(&keys, e))?);
                }
                per_file.push((glob.clone(), indices));
            }
        }
        if let Some(select) = &overrides.select {
            let hits = select
                .iter()
                .map(|s| registry.resolve(s))
                .collect::<Result<Vec<_>, _>>()?;
            apply_select(&mut states, &hits, "--select");
        }
        for selector in &overrides.extend_select {
            apply(&mut states, &registry.resolve(selector)?, true, "--extend-select");
        }
        for selector in &overrides.ignore {
            apply(&mut states, &registry.resolve(selector)?, false, "--ignore");
        }
        Ok(Settings {
            registry,
            config,
            states,
            severity,
            fixable,
            per_file,
        })
    }

    /// The settings for one file: the rules left after `per-file-ignores`.
    pub fn for_file(&self, path: Option<&Path>) -> FileSettings<'_, 'r> {
        let mut enabled: Vec<bool> = self.states.iter().map(|s| s.enabled).collect();
        let mut ignored_by = Vec::new();
        if let (Some(config), Some(path)) = (&self.config, path) {
            let relative = relative_to(config.root(), path);
            let mut hits = config.per_file_ignores.matches(&relative);
            if let Some(name) = relative.file_name() {
                hits.extend(config.per_file_ignores.matches(Path::new(name)));
            }
            hits.sort_unstable();
            hits.dedup();
            for hit in hits {
                let (glob, indices) = &self.per_file[hit];
                for &index in indices {
                    if enabled[index] {
                        enabled[index] = false;
                        ignored_by.push((index, glob.clone()));
                    }
                }
            }
        }
        let indices = enabled.iter().enumerate().filter(|(_, on)| **on).map(|(i, _)| i);
        FileSettings {
            settings: self,
            rules: self.registry.rule_set(indices),
            ignored_by,
        }
    }

    fn allow(&self) -> Option<&AllowList> {
        self.config.as_ref().map(|c| &c.allow)
    }

    /// Applies `allow`, `severity` and `fixable`/`unfixable` to what the rules
    /// reported.
    fn post_process(&self, text: &str, mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        if let Some(allow) = self.allow() {
            allow.retain(text, &mut diagnostics);
        }
        for diagnostic in &mut diagnostics {
            let Some(index) = self.index_of(diagnostic.rule.code) else {
                continue;
            };
            if let Some(level) = self.severity[index] {
                diagnostic.severity = level;
            }
            if !self.fixable[index] {
                diagnostic.fix = None;
            }
        }
        diagnostics
    }

    fn index_of(&self, code: &str) -> Option<usize> {
        self.registry.rules().binary_search_by(|r| r.meta().code.cmp(code)).ok()
    }
}

fn apply_select(states: &mut [RuleState], hits: &[Vec<usize>], reason: &str) {
    for state in states.iter_mut() {
        state.enabled = false;
        state.reason = format!("not in {reason}");
    }
    for hits in hits {
        apply(states, hits, true, reason);
    }
}

fn apply(states: &mut [RuleState], hits: &[usize], enabled: bool, reason: &str) {
    for &index in hits {
        states[index] = RuleState {
            enabled,
            reason: reason.to_string(),
        };
    }
}

/// The settings one file is checked with.
pub struct FileSettings<'s, 'r> {
    settings: &'s Settings<'r>,
    pub rules: RuleSet<'r>,
    /// Rules turned off for this file, with the glob that did it.
    ignored_by: Vec<(usize, String)>,
}

impl FileSettings<'_, '_> {
    /// What the rules report on `text`, after `allow`, `severity` and `unfixable`.
    pub fn lint(&self, text: &str) -> Vec<Diagnostic> {
        self.lint_document(&Document::new(text))
    }

    /// [`lint`](Self::lint) over a document already built, whose line index the caller keeps.
    pub fn lint_document(&self, doc: &Document) -> Vec<Diagnostic> {
        let diagnostics = crate::linter::lint_document(doc, &self.rules);
        self.settings.post_process(doc.text(), diagnostics)
    }

    /// Fixes `text` to a fixpoint with the fixes these settings allow.
    pub fn fix(&self, text: &str, required: Applicability) -> FixOutcome {
        fix_with(text, required, |current| self.lint(current))
    }

    /// Every rule with whether it is on for this file and why, for `mtlint config`.
    pub fn explain(&self) -> Vec<RuleReport> {
        let settings = self.settings;
        settings
            .registry
            .rules()
            .iter()
            .enumerate()
            .map(|(index, rule)| {
                let meta = rule.meta();
                let mut state = settings.states[index].clone();
                if let Some((_, glob)) = self.ignored_by.iter().find(|(i, _)| *i == index) {
                    state = RuleState {
                        enabled: false,
                        reason: format!("per-file-ignores `{glob}`"),
                    };
                }
                RuleReport {
                    code: meta.code,
                    name: meta.name,
                    enabled: state.enabled,
                    reason: state.reason,
                    severity: settings.severity[index].unwrap_or(meta.severity),
                    fixable: settings.fixable[index] && meta.fix != crate::registry::FixAvailability::None,
                }
            })
            .collect()
    }
}

/// One rule as `mtlint config` shows it.
#[derive(Debug, Clone, Serialize)]
pub struct RuleReport {
    pub code: &'static str,
    pub name: &'static str,
    pub enabled: bool,
    pub reason: String,
    pub severity: Severity,
    pub fixable: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<ConfigFile, ConfigError> {
        ConfigFile::parse(PathBuf::from("/project/mtlint.toml"), text.to_string())
    }

    #[test]
    fn unknown_keys_name_line_key_and_suggestion() {
        let error = parse("select = [\"S\"]\nextend-selct = [\"S001\"]\n").unwrap_err();
        assert_eq!(error.position, Some((2, 1)));
        assert_eq!(error.message, "unknown key `extend-selct`");
        assert_eq!(error.suggestion.as_deref(), Some("extend-select"));
    }

    #[test]
    fn wrong_types_name_the_key() {
        let error = parse("\n\nignore = \"S001\"\n").unwrap_err();
        assert_eq!(error.position.map(|p| p.0), Some(3));
        assert!(
            error.message.starts_with("key `ignore`: invalid type"),
            "{}",
            error.message
        );
    }

    #[test]
    fn nested_errors_name_the_full_key_path() {
        let error = parse("[severity]\nS001 = \"fatal\"\n").unwrap_err();
        assert_eq!(error.position.map(|p| p.0), Some(2));
        assert!(error.message.starts_with("key `severity.S001`"), "{}", error.message);
        assert_eq!(error.suggestion, None);
        let error = parse("allow = [\"ok\", { regx = \"a\" }]\n").unwrap_err();
        assert_eq!(error.message, "unknown key `allow[1].regx`");
        assert_eq!(error.suggestion.as_deref(), Some("regex"));
    }

    #[test]
    fn invalid_globs_and_regexes_are_located() {
        let error = parse("include = [\"a\", \"b[\"]\n").unwrap_err();
        assert!(error.message.starts_with("key `include[1]`"), "{}", error.message);
        let error = parse("\nallow = [{ regex = \"(\" }]\n").unwrap_err();
        assert_eq!(error.position, Some((2, 10)));
        assert!(error.message.contains("invalid regex"), "{}", error.message);
    }

    #[test]
    fn key_paths_quote_keys_that_need_it() {
        let keys = [Key::Name("per-file-ignores"), Key::Name("drafts/*"), Key::Index(0)];
        assert_eq!(display_keys(&keys), "per-file-ignores.\"drafts/*\"[0]");
        let text = "[per-file-ignores]\n\"drafts/*\" = [\"S9\"]\n";
        assert_eq!(locate(text, &keys), Some((2, 15)));
    }
}
