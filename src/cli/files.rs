//! Finding the files to check: named files always, folders walked the way
//! ripgrep walks them.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use ignore::WalkBuilder;
use mtlint::fs::FileError;

/// Extensions checked by default when walking folders.
pub const DEFAULT_EXTENSIONS: &[&str] = &["txt", "text"];

/// Where a text comes from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    Stdin,
    File(PathBuf),
}

/// The inputs the paths name, sorted and without repeats, plus the errors met
/// while walking (reported, not fatal).
pub fn discover(paths: &[PathBuf], extensions: &[String]) -> (Vec<Input>, Vec<FileError>) {
    let mut inputs = BTreeSet::new();
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
            inputs.insert(Input::Stdin);
        } else if path.is_dir() {
            walk(path, &wanted, &mut inputs, &mut errors);
        } else if path.exists() || path.is_symlink() {
            inputs.insert(Input::File(path.clone()));
        } else {
            errors.push(FileError::Missing { path: path.clone() });
        }
    }
    (inputs.into_iter().collect(), errors)
}

fn has_extension(path: &Path, wanted: &[String]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| wanted.iter().any(|w| w.eq_ignore_ascii_case(e)))
}

fn walk(root: &Path, wanted: &[String], inputs: &mut BTreeSet<Input>, errors: &mut Vec<FileError>) {
    let walker = WalkBuilder::new(root).require_git(false).build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                if is_file && has_extension(entry.path(), wanted) {
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
}

fn error_path(error: &ignore::Error) -> Option<PathBuf> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => error_path(err),
        _ => None,
    }
}
