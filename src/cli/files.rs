//! Finding the files to check: named files always (unless `--force-exclude`),
//! folders walked the way ripgrep walks them, filtered by each folder's config.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use ignore::WalkBuilder;
use mtlint::fs::FileError;
use mtlint::settings::{ConfigError, ConfigResolver};

/// Where a text comes from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    Stdin,
    File(PathBuf),
}

/// How to pick files.
pub struct Discovery<'a> {
    pub paths: &'a [PathBuf],
    /// Extensions from the command line, on top of each config's.
    pub extensions: &'a [String],
    /// Filter named files like walked ones (for hooks that pass every file).
    pub force_exclude: bool,
}

/// The inputs the paths name, sorted and without repeats, plus the errors met
/// while walking (reported, not fatal). A config file that cannot be used is fatal.
pub fn discover(
    discovery: &Discovery,
    resolver: &Arc<Mutex<ConfigResolver>>,
) -> Result<(Vec<Input>, Vec<FileError>), ConfigError> {
    let mut inputs = BTreeSet::new();
    let mut errors = Vec::new();
    let extensions: Vec<String> = discovery
        .extensions
        .iter()
        .map(|e| e.trim_start_matches('.').to_ascii_lowercase())
        .collect();
    let default_paths = [PathBuf::from(".")];
    let paths = if discovery.paths.is_empty() {
        &default_paths[..]
    } else {
        discovery.paths
    };
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.insert(Input::Stdin);
        } else if path.is_dir() {
            walk(path, &extensions, resolver, &mut inputs, &mut errors)?;
        } else if path.exists() || path.is_symlink() {
            if discovery.force_exclude {
                let filter = lock(resolver).filter(&folder_of(path))?;
                if filter.excludes(path) || !filter.wants(path, &extensions) {
                    continue;
                }
            }
            inputs.insert(Input::File(path.clone()));
        } else {
            errors.push(FileError::Missing { path: path.clone() });
        }
    }
    Ok((inputs.into_iter().collect(), errors))
}

fn lock(resolver: &Mutex<ConfigResolver>) -> std::sync::MutexGuard<'_, ConfigResolver> {
    resolver.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The absolute folder holding `path`.
pub fn folder_of(path: &Path) -> PathBuf {
    let absolute = mtlint::fs::absolute(path);
    absolute.parent().map(Path::to_path_buf).unwrap_or(absolute)
}

fn walk(
    root: &Path,
    extensions: &[String],
    resolver: &Arc<Mutex<ConfigResolver>>,
    inputs: &mut BTreeSet<Input>,
    errors: &mut Vec<FileError>,
) -> Result<(), ConfigError> {
    // Excluded folders are pruned, not walked; the walker wants a 'static
    // filter, so it shares the resolver and parks the first config error.
    let failure: Arc<Mutex<Option<ConfigError>>> = Arc::default();
    let walker = {
        let resolver = resolver.clone();
        let failure = failure.clone();
        WalkBuilder::new(root)
            .require_git(false)
            .filter_entry(move |entry| {
                if entry.depth() == 0 || !entry.file_type().is_some_and(|t| t.is_dir()) {
                    return true;
                }
                match lock(&resolver).filter(&folder_of(entry.path())) {
                    Ok(filter) => !filter.excludes_entry(entry.path()),
                    Err(error) => {
                        failure
                            .lock()
                            .unwrap_or_else(PoisonError::into_inner)
                            .get_or_insert(error);
                        false
                    }
                }
            })
            .build()
    };
    for entry in walker {
        match entry {
            Ok(entry) => {
                if !entry.file_type().is_some_and(|t| t.is_file()) {
                    continue;
                }
                let path = entry.path();
                let filter = lock(resolver).filter(&folder_of(path))?;
                if !filter.excludes_entry(path) && filter.wants(path, extensions) {
                    inputs.insert(Input::File(entry.into_path()));
                }
            }
            Err(error) => {
                let path = error_path(&error).unwrap_or_else(|| root.to_path_buf());
                errors.push(FileError::Io {
                    path,
                    source: std::io::Error::other(error.to_string()),
                });
            }
        }
    }
    match failure.lock().unwrap_or_else(PoisonError::into_inner).take() {
        Some(error) => Err(error),
        None => Ok(()),
    }
}

fn error_path(error: &ignore::Error) -> Option<PathBuf> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => error_path(err),
        _ => None,
    }
}
