//! Declarative rules: rules written as data in `rules/*.toml` (the format is
//! documented in `rules/README.md`), compiled once per run and searched in one
//! pass. The shipped files are compiled into the binary; users add their own
//! with `--extend-rules`.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

mod compile;
mod engine;
mod template;

use engine::{DeclarativeRule, Pack};

use crate::registry::{Registry, Rule};

/// The shipped rule files, by the path a user would find them under.
const SHIPPED: &[(&str, &str)] = &[
    ("rules/consistency.toml", include_str!("../../rules/consistency.toml")),
    ("rules/markers.toml", include_str!("../../rules/markers.toml")),
    ("rules/numbers.toml", include_str!("../../rules/numbers.toml")),
    ("rules/quotes.toml", include_str!("../../rules/quotes.toml")),
    ("rules/typography.toml", include_str!("../../rules/typography.toml")),
    ("rules/unicode.toml", include_str!("../../rules/unicode.toml")),
];

/// A rule file that cannot be used: which file, which rule, which field, why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub file: String,
    /// The rule's code and name as written, or its position in the file.
    pub rule: Option<String>,
    pub field: Option<String>,
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(rule) = &self.rule {
            write!(f, ": rule {rule}")?;
        }
        if let Some(field) = &self.field {
            write!(f, ": field `{field}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for LoadError {}

/// Compiles rule files, given as (name, text), into one pack; code and name
/// clashes between them are errors.
fn compile(files: &[(String, String)]) -> Result<Pack, LoadError> {
    let mut rules: Vec<compile::CompiledRule> = Vec::new();
    for (name, text) in files {
        for rule in compile::compile_file(name, text)? {
            let meta = rule.meta;
            if let Some(other) = rules
                .iter()
                .find(|r| r.meta.code == meta.code || r.meta.name == meta.name)
            {
                return Err(LoadError {
                    file: name.clone(),
                    rule: Some(format!("{} {}", meta.code, meta.name)),
                    field: None,
                    message: format!(
                        "clashes with rule {} {} in {}",
                        other.meta.code, other.meta.name, other.file
                    ),
                });
            }
            rules.push(rule);
        }
    }
    let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
    Pack::new(rules, &names.join(", "))
}

static SHIPPED_PACK: LazyLock<Result<&'static Pack, LoadError>> = LazyLock::new(|| {
    let files: Vec<(String, String)> = SHIPPED
        .iter()
        .map(|(name, text)| (name.to_string(), text.to_string()))
        .collect();
    compile(&files).map(|pack| &*Box::leak(Box::new(pack)))
});

/// The shipped declarative rules. Their files are compiled into the binary and
/// checked by the test suite (`shipped_rules_compile`), so this cannot fail
/// for a released build.
pub fn shipped() -> Vec<Box<dyn Rule>> {
    match &*SHIPPED_PACK {
        Ok(pack) => DeclarativeRule::all(pack).collect(),
        Err(error) => panic!("a shipped rule file is broken: {error}"),
    }
}

/// The `.toml` files a path names: the file itself, or every `*.toml` directly
/// in a folder, in name order.
fn rule_files(path: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let io_error = |e: std::io::Error| LoadError {
        file: path.display().to_string(),
        rule: None,
        field: None,
        message: e.to_string(),
    };
    if !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files = Vec::new();
    for entry in std::fs::read_dir(path).map_err(io_error)? {
        let file = entry.map_err(io_error)?.path();
        if file.is_file() && file.extension().is_some_and(|e| e == "toml") {
            files.push(file);
        }
    }
    files.sort();
    Ok(files)
}

/// Loads user rule files and folders into one pack (compiled once, kept for
/// the rest of the run).
fn load(paths: &[PathBuf]) -> Result<Option<&'static Pack>, LoadError> {
    let mut files = Vec::new();
    for path in paths {
        for file in rule_files(path)? {
            let text = std::fs::read_to_string(&file).map_err(|e| LoadError {
                file: file.display().to_string(),
                rule: None,
                field: None,
                message: e.to_string(),
            })?;
            files.push((file.display().to_string(), text));
        }
    }
    if files.is_empty() {
        return Ok(None);
    }
    Ok(Some(Box::leak(Box::new(compile(&files)?))))
}

/// Adds the rules of user rule files and folders to `registry` and returns
/// their codes; a code or name the registry already has is an error naming the
/// rule file.
pub fn extend_registry(registry: &mut Registry, paths: &[PathBuf]) -> Result<Vec<&'static str>, LoadError> {
    let Some(pack) = load(paths)? else {
        return Ok(Vec::new());
    };
    for rule in &pack.rules {
        let meta = rule.meta;
        if let Some(existing) = registry.find(meta.code).or_else(|| registry.find(meta.name)) {
            return Err(LoadError {
                file: rule.file.clone(),
                rule: Some(format!("{} {}", meta.code, meta.name)),
                field: None,
                message: format!(
                    "clashes with the existing rule {} {}",
                    existing.meta().code,
                    existing.meta().name
                ),
            });
        }
    }
    let codes = pack.rules.iter().map(|r| r.meta.code).collect();
    registry
        .extend(DeclarativeRule::all(pack).collect())
        .expect("clashes were ruled out above");
    Ok(codes)
}

#[cfg(test)]
mod tests;
