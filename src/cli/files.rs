//! Finding the files to check: named files always, folders walked the way
//! ripgrep walks them.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use ignore::WalkBuilder;
use mtlint::fs::{FileError, file_id};

/// Extensions checked by default when walking folders.
pub const DEFAULT_EXTENSIONS: &[&str] = &["txt", "text"];

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

/// The inputs the paths name, sorted and each file once however many paths
/// reach it (a path named twice, a symlink and its target, hard links), plus
/// the errors met while walking (reported, not fatal).
pub fn discover(paths: &[PathBuf], extensions: &[String]) -> (Vec<Input>, Vec<FileError>) {
    let mut stdin = false;
    // Path -> named on the command line.
    let mut files: BTreeMap<PathBuf, bool> = BTreeMap::new();
    let mut errors = Vec::new();
    let wanted: Vec<String> = DEFAULT_EXTENSIONS
        .iter()
        .map(|e| e.to_string())
        .chain(
            extensions
                .iter()
                .map(|e| e.trim_start_matches('.').to_ascii_lowercase()),
        )
        .collect();
    let default_paths = [PathBuf::from(".")];
    let paths = if paths.is_empty() { &default_paths[..] } else { paths };
    for path in paths {
        if path.as_os_str() == "-" {
            stdin = true;
        } else if path.is_dir() {
            walk(path, &wanted, &mut files, &mut errors);
        } else if path.exists() {
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
    (inputs, errors)
}

fn has_extension(path: &Path, wanted: &[String]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| wanted.iter().any(|w| w.eq_ignore_ascii_case(e)))
}

/// Walks `root` following symlinks (a link to a file is checked, a broken one
/// reported), keeping regular files only: FIFOs, sockets and devices are
/// skipped, as they could block or never end.
fn walk(root: &Path, wanted: &[String], files: &mut BTreeMap<PathBuf, bool>, errors: &mut Vec<FileError>) {
    let walker = WalkBuilder::new(root).require_git(false).follow_links(true).build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                if is_file && has_extension(entry.path(), wanted) {
                    files.entry(entry.into_path()).or_insert(false);
                }
            }
            Err(error) => errors.push(walk_error(&error, root)),
        }
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
