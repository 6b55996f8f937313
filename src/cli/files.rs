//! Finding the files to check: named files always (unless `--force-exclude`),
//! folders walked the way ripgrep walks them, filtered by each folder's config.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use ignore::WalkBuilder;
use mtlint::fs::{FileError, file_id};
use mtlint::settings::{ConfigError, ConfigResolver};

/// Where a text comes from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    Stdin,
    /// A file; `explicit` when the command line names it (not only found by
    /// walking a folder), which decides whether a binary file is worth a warning.
    File {
        path: PathBuf,
        explicit: bool,
    },
}

/// How to pick files.
pub struct Discovery<'a> {
    pub paths: &'a [PathBuf],
    /// Extensions from the command line, on top of each config's.
    pub extensions: &'a [String],
    /// Filter named files like walked ones (for hooks that pass every file).
    pub force_exclude: bool,
}

/// The inputs the paths name, sorted and each file once however many paths
/// reach it (a path named twice, a symlink and its target, hard links), plus
/// the errors met while walking (reported, not fatal). A config file that
/// cannot be used is fatal.
pub fn discover(
    discovery: &Discovery,
    resolver: &Arc<Mutex<ConfigResolver>>,
) -> Result<(Vec<Input>, Vec<FileError>), ConfigError> {
    let mut stdin = false;
    // Path -> named on the command line.
    let mut files: BTreeMap<PathBuf, bool> = BTreeMap::new();
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
            stdin = true;
        } else if path.is_dir() {
            walk(path, &extensions, resolver, &mut files, &mut errors)?;
        } else if path.exists() {
            if discovery.force_exclude {
                let filter = lock(resolver).filter(&folder_of(path))?;
                if filter.excludes(path) || !filter.wants(path, &extensions) {
                    continue;
                }
            }
            files.insert(path.clone(), true);
        } else if path.is_symlink() {
            errors.push(FileError::BrokenLink { path: path.clone() });
        } else {
            errors.push(FileError::Missing { path: path.clone() });
        }
    }
    let mut inputs: Vec<Input> = Vec::with_capacity(files.len() + 1);
    if stdin {
        inputs.push(Input::Stdin);
    }
    // The first path in sorted order stands for the file; it counts as named
    // when any of its paths was.
    let mut seen = HashMap::new();
    for (path, explicit) in files {
        let Some(id) = file_id(&path) else {
            inputs.push(Input::File { path, explicit });
            continue;
        };
        match seen.get(&id) {
            Some(&index) => {
                if let Input::File { explicit: first, .. } = &mut inputs[index] {
                    *first |= explicit;
                }
            }
            None => {
                seen.insert(id, inputs.len());
                inputs.push(Input::File { path, explicit });
            }
        }
    }
    Ok((inputs, errors))
}

fn lock(resolver: &Mutex<ConfigResolver>) -> std::sync::MutexGuard<'_, ConfigResolver> {
    resolver.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The absolute folder holding `path`.
pub fn folder_of(path: &Path) -> PathBuf {
    let absolute = mtlint::fs::absolute(path);
    absolute.parent().map(Path::to_path_buf).unwrap_or(absolute)
}

/// Walks `root` following symlinks (a link to a file is checked, a broken one
/// reported), keeping regular files only: FIFOs, sockets and devices are
/// skipped, as they could block or never end.
fn walk(
    root: &Path,
    extensions: &[String],
    resolver: &Arc<Mutex<ConfigResolver>>,
    files: &mut BTreeMap<PathBuf, bool>,
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
            .follow_links(true)
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
                    files.entry(entry.into_path()).or_insert(false);
                }
            }
            Err(error) => errors.push(walk_error(&error, root)),
        }
    }
    match failure.lock().unwrap_or_else(PoisonError::into_inner).take() {
        Some(error) => Err(error),
        None => Ok(()),
    }
}
/// A walk error as a file error naming the path it concerns.
fn walk_error(error: &ignore::Error, root: &Path) -> FileError {
    let path = error_path(error).unwrap_or(root).to_path_buf();
    match innermost(error) {
        // The walker wraps the OS error in "IO error for operation on PATH";
        // its kind says the same without repeating the path.
        ignore::Error::Io(io) => FileError::io(&path, std::io::Error::from(io.kind())),
        ignore::Error::Loop { ancestor, .. } => FileError::Io {
            source: std::io::Error::other(format!(
                "symbolic link loop back to {}; not followed",
                ancestor.display()
            )),
            path,
        },
        other => FileError::Io {
            path,
            source: std::io::Error::other(other.to_string()),
        },
    }
}

fn error_path(error: &ignore::Error) -> Option<&Path> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::Loop { child, .. } => Some(child),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => error_path(err),
        _ => None,
    }
}

fn innermost(error: &ignore::Error) -> &ignore::Error {
    match error {
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => innermost(err),
        other => other,
    }
}
