//! Reading texts and writing fixed ones back without ever leaving a partial file.

use std::fs;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use thiserror::Error;

/// Why a file could not be linted or written.
#[derive(Debug, Error)]
pub enum FileError {
    #[error("{path}: no such file or folder")]
    Missing { path: PathBuf },
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error("{path}: not valid UTF-8: invalid byte sequence at byte offset {offset}")]
    InvalidUtf8 { path: PathBuf, offset: usize },
    #[error("{path}: looks like a binary file (NUL byte at offset {offset}); skipped")]
    Binary { path: PathBuf, offset: usize },
    #[error("{path}: changed on disk since it was read; not overwritten")]
    Changed { path: PathBuf },
}

impl FileError {
    pub fn io(path: &Path, source: io::Error) -> Self {
        if source.kind() == io::ErrorKind::NotFound {
            FileError::Missing {
                path: path.to_path_buf(),
            }
        } else {
            FileError::Io {
                path: path.to_path_buf(),
                source,
            }
        }
    }
}

/// The absolute path with `.` and `..` resolved by name (not through symbolic
/// links), so that `desk/../a.txt` and `a.txt` compare equal.
pub fn absolute(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for component in absolute.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// How many leading bytes are sniffed for a NUL when deciding a file is binary.
const BINARY_SNIFF_LEN: usize = 8192;

/// Decodes bytes read from `path` as UTF-8 text, refusing binary content.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, FileError> {
    if let Some(offset) = memchr::memchr(0, &bytes[..bytes.len().min(BINARY_SNIFF_LEN)]) {
        return Err(FileError::Binary {
            path: path.to_path_buf(),
            offset,
        });
    }
    String::from_utf8(bytes).map_err(|error| FileError::InvalidUtf8 {
        path: path.to_path_buf(),
        offset: error.utf8_error().valid_up_to(),
    })
}

/// Reads a text file whole.
pub fn read_text(path: &Path) -> Result<String, FileError> {
    let bytes = fs::read(path).map_err(|e| FileError::io(path, e))?;
    decode(path, bytes)
}

/// Replaces the file at `path`, which held `original` when it was read, with
/// `fixed`: written to a temporary file in the same folder, flushed, given the
/// original's permissions, and renamed over it, so the file is always either
/// the old text or the new one. Refuses when the file no longer holds
/// `original`.
pub fn write_atomic(path: &Path, original: &str, fixed: &str) -> Result<(), FileError> {
    let target = fs::canonicalize(path).map_err(|e| FileError::io(path, e))?;
    let folder = target.parent().unwrap_or(Path::new("."));
    let permissions = fs::metadata(&target).map_err(|e| FileError::io(path, e))?.permissions();
    let mut temp = tempfile::Builder::new()
        .prefix(".mtlint-")
        .suffix(".tmp")
        .tempfile_in(folder)
        .map_err(|e| FileError::io(path, e))?;
    temp.write_all(fixed.as_bytes()).map_err(|e| FileError::io(path, e))?;
    temp.as_file().sync_all().map_err(|e| FileError::io(path, e))?;
    fs::set_permissions(temp.path(), permissions).map_err(|e| FileError::io(path, e))?;
    let current = fs::read(&target).map_err(|e| FileError::io(path, e))?;
    if current != original.as_bytes() {
        return Err(FileError::Changed {
            path: path.to_path_buf(),
        });
    }
    temp.persist(&target).map_err(|e| FileError::io(path, e.error))?;
    Ok(())
}
