//! Reading texts and writing fixed ones back without ever leaving a partial file.

use std::borrow::Cow;
use std::fs;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use thiserror::Error;

/// Why a file could not be linted or written.
#[derive(Debug, Error)]
pub enum FileError {
    #[error("{path}: no such file or folder")]
    Missing { path: PathBuf },
    #[error("{path}: broken symbolic link (its target does not exist)")]
    BrokenLink { path: PathBuf },
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error("{path}: not valid UTF-8: invalid byte sequence at byte offset {offset}")]
    InvalidUtf8 { path: PathBuf, offset: usize },
    #[error("{path}: not valid UTF-16: {problem} at byte offset {offset}")]
    InvalidUtf16 {
        path: PathBuf,
        offset: usize,
        problem: &'static str,
    },
    #[error("{path}: looks like a binary file ({reason}); skipped")]
    Binary { path: PathBuf, reason: String },
    #[error("{path}: changed on disk since it was read; not overwritten")]
    Changed { path: PathBuf },
    #[error("{path}: the file is read-only; not overwritten")]
    ReadOnly { path: PathBuf },
    #[error("{path}: not a regular file; not overwritten")]
    NotRegular { path: PathBuf },
    #[error(
        "{path}: the file has {links} hard links and replacing it would separate them; not overwritten \
         (fix a copy, or break the link first)"
    )]
    HardLinked { path: PathBuf, links: u64 },
    #[error("{path}: could not write the fixed text ({source}); the original is unchanged")]
    Write { path: PathBuf, source: io::Error },
}

impl FileError {
    pub fn io(path: &Path, source: io::Error) -> Self {
        if source.kind() == io::ErrorKind::NotFound {
            if path.is_symlink() {
                FileError::BrokenLink {
                    path: path.to_path_buf(),
                }
            } else {
                FileError::Missing {
                    path: path.to_path_buf(),
                }
            }
        } else {
            FileError::Io {
                path: path.to_path_buf(),
                source,
            }
        }
    }

    fn write(path: &Path, source: io::Error) -> Self {
        FileError::Write {
            path: path.to_path_buf(),
            source,
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

/// How a text was stored on disk, so that fixes are written back the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8, with or without a BOM (a BOM stays in the text as U+FEFF).
    Utf8,
    /// UTF-16 little-endian with a BOM (kept in the text as U+FEFF).
    Utf16Le,
    /// UTF-16 big-endian with a BOM (kept in the text as U+FEFF).
    Utf16Be,
}

/// A decoded text and how to encode it again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
}

/// How many leading bytes are sniffed when deciding a file is binary.
const BINARY_SNIFF_LEN: usize = 8192;

/// Leading bytes of common binary formats that may hold no NUL early on. Only
/// signatures no English text starts with.
const BINARY_SIGNATURES: &[(&[u8], &str)] = &[
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"PK\x03\x04", "ZIP"),
    (b"\x1f\x8b", "gzip"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"\x7fELF", "ELF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE (old Office)"),
];

fn binary_reason(head: &[u8]) -> Option<String> {
    if let Some((_, name)) = BINARY_SIGNATURES.iter().find(|(magic, _)| head.starts_with(magic)) {
        return Some(format!("{name} signature"));
    }
    memchr::memchr(0, &head[..head.len().min(BINARY_SNIFF_LEN)]).map(|offset| format!("NUL byte at offset {offset}"))
}

/// Decodes bytes read from `path`: UTF-16 when they open with a UTF-16 BOM,
/// UTF-8 otherwise. Refuses binary content and reports the byte offset of the
/// first invalid sequence.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<Decoded, FileError> {
    let utf16 = match bytes.get(..2) {
        Some([0xff, 0xfe]) => Some(Encoding::Utf16Le),
        Some([0xfe, 0xff]) => Some(Encoding::Utf16Be),
        _ => None,
    };
    if let Some(encoding) = utf16 {
        let text = decode_utf16(path, &bytes, encoding)?;
        // The text keeps its BOM, so a NUL sniff starts after it.
        if let Some(reason) = binary_reason(&text.as_bytes()[3..]) {
            return Err(FileError::Binary {
                path: path.to_path_buf(),
                reason,
            });
        }
        return Ok(Decoded { text, encoding });
    }
    if let Some(reason) = binary_reason(&bytes) {
        return Err(FileError::Binary {
            path: path.to_path_buf(),
            reason,
        });
    }
    let text = String::from_utf8(bytes).map_err(|error| FileError::InvalidUtf8 {
        path: path.to_path_buf(),
        offset: error.utf8_error().valid_up_to(),
    })?;
    Ok(Decoded {
        text,
        encoding: Encoding::Utf8,
    })
}

/// Strict UTF-16: an odd length or an unpaired surrogate is an error, so that
/// encoding the text again gives back exactly the bytes read.
fn decode_utf16(path: &Path, bytes: &[u8], encoding: Encoding) -> Result<String, FileError> {
    let error = |offset, problem| FileError::InvalidUtf16 {
        path: path.to_path_buf(),
        offset,
        problem,
    };
    if bytes.len() % 2 == 1 {
        return Err(error(bytes.len() - 1, "odd number of bytes, a lone byte"));
    }
    let units = bytes.chunks_exact(2).map(|pair| match encoding {
        Encoding::Utf16Be => u16::from_be_bytes([pair[0], pair[1]]),
        _ => u16::from_le_bytes([pair[0], pair[1]]),
    });
    let mut text = String::with_capacity(bytes.len() / 2 * 3 / 2);
    let mut offset = 0;
    for unit in char::decode_utf16(units) {
        match unit {
            Ok(c) => {
                text.push(c);
                offset += c.len_utf16() * 2;
            }
            Err(_) => return Err(error(offset, "unpaired surrogate")),
        }
    }
    Ok(text)
}

/// The bytes to store for `text` in `encoding`. UTF-16 always gets its BOM,
/// even if the text lost its U+FEFF, so the file can be read back.
pub fn encode(text: &str, encoding: Encoding) -> Cow<'_, [u8]> {
    let bom = if text.starts_with('\u{feff}') { "" } else { "\u{feff}" };
    let units = || bom.encode_utf16().chain(text.encode_utf16());
    match encoding {
        Encoding::Utf8 => Cow::Borrowed(text.as_bytes()),
        Encoding::Utf16Le => Cow::Owned(units().flat_map(u16::to_le_bytes).collect()),
        Encoding::Utf16Be => Cow::Owned(units().flat_map(u16::to_be_bytes).collect()),
    }
}

/// Reads a text file whole.
pub fn read_text(path: &Path) -> Result<Decoded, FileError> {
    let bytes = fs::read(path).map_err(|e| FileError::io(path, e))?;
    decode(path, bytes)
}

/// What identifies a file whatever path reaches it (symlinks, hard links,
/// `a.txt` and `./a.txt`): device and inode on Unix, the canonical path
/// elsewhere. `None` when the file cannot be reached.
#[cfg(unix)]
pub fn file_id(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

/// What identifies a file whatever path reaches it: its canonical path.
#[cfg(not(unix))]
pub fn file_id(path: &Path) -> Option<PathBuf> {
    fs::canonicalize(path).ok()
}

/// Replaces the file at `path`, which held `original` when it was read, with
/// `fixed`. A symlink is followed and stays a symlink. The new bytes go to a
/// temporary file in the same folder, are flushed to disk, get the original's
/// permissions (and owner, on Unix), and the temporary file is renamed over the
/// original: at any instant the file is either the old text or the new one.
///
/// Refuses, leaving the file as it is, when the file no longer holds
/// `original`, is read-only, is not a regular file, or has other hard links
/// (a rename would split them). A failed write leaves the original unchanged.
pub fn write_atomic(path: &Path, original: &[u8], fixed: &[u8]) -> Result<(), FileError> {
    let target = fs::canonicalize(path).map_err(|e| FileError::io(path, e))?;
    let metadata = fs::metadata(&target).map_err(|e| FileError::io(path, e))?;
    if !metadata.is_file() {
        return Err(FileError::NotRegular {
            path: path.to_path_buf(),
        });
    }
    if metadata.permissions().readonly() {
        return Err(FileError::ReadOnly {
            path: path.to_path_buf(),
        });
    }
    refuse_hard_links(path, &metadata)?;
    let folder = target.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(".mtlint-")
        .suffix(".tmp")
        .tempfile_in(folder)
        .map_err(|e| FileError::write(path, e))?;
    temp.write_all(fixed).map_err(|e| FileError::write(path, e))?;
    temp.as_file().sync_all().map_err(|e| FileError::write(path, e))?;
    keep_owner(temp.as_file(), &metadata).map_err(|e| FileError::write(path, e))?;
    temp.as_file()
        .set_permissions(metadata.permissions())
        .map_err(|e| FileError::write(path, e))?;
    // Compare the content right before the rename: a change after the read
    // (an editor saving, another run) wins over our fix.
    let current = fs::read(&target).map_err(|e| FileError::io(path, e))?;
    if current != original {
        return Err(FileError::Changed {
            path: path.to_path_buf(),
        });
    }
    temp.persist(&target).map_err(|e| FileError::write(path, e.error))?;
    // Make the rename itself durable. The file already holds the fixed text
    // whatever happens here, so a failure to sync the folder is no error.
    if let Ok(dir) = fs::File::open(folder) {
        let _ = dir.sync_all();
    }
    Ok(())
}

#[cfg(unix)]
fn refuse_hard_links(path: &Path, metadata: &fs::Metadata) -> Result<(), FileError> {
    use std::os::unix::fs::MetadataExt;
    if metadata.nlink() > 1 {
        return Err(FileError::HardLinked {
            path: path.to_path_buf(),
            links: metadata.nlink(),
        });
    }
    Ok(())
}

#[cfg(not(unix))]
fn refuse_hard_links(_path: &Path, _metadata: &fs::Metadata) -> Result<(), FileError> {
    Ok(())
}

/// Gives the new file the original's owner and group when they differ from
/// ours (a run as root fixing someone else's file).
#[cfg(unix)]
fn keep_owner(file: &fs::File, original: &fs::Metadata) -> io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let ours = file.metadata()?;
    if ours.uid() == original.uid() && ours.gid() == original.gid() {
        return Ok(());
    }
    std::os::unix::fs::fchown(file, Some(original.uid()), Some(original.gid()))
}

#[cfg(not(unix))]
fn keep_owner(_file: &fs::File, _original: &fs::Metadata) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_round_trips_exactly() {
        let text = "\u{feff}“Glued.Text” 中国 👍🏽\r\n";
        for encoding in [Encoding::Utf16Le, Encoding::Utf16Be] {
            let bytes = encode(text, encoding).into_owned();
            let decoded = decode(Path::new("a.txt"), bytes.clone()).unwrap();
            assert_eq!(decoded.encoding, encoding);
            assert_eq!(decoded.text, text);
            assert_eq!(encode(&decoded.text, encoding), bytes);
            assert_eq!(encode(&text[3..], encoding), bytes, "the BOM is kept");
        }
    }

    #[test]
    fn unpaired_surrogate_is_reported_with_its_offset() {
        let bytes = vec![0xff, 0xfe, b'A', 0, 0x00, 0xd8, b'B', 0];
        let error = decode(Path::new("a.txt"), bytes).unwrap_err();
        assert_eq!(
            error.to_string(),
            "a.txt: not valid UTF-16: unpaired surrogate at byte offset 4"
        );
    }

    #[test]
    fn signatures_and_nul_bytes_mark_binary_files() {
        for bytes in [&b"%PDF-1.7\n"[..], b"\x1f\x8b\x08", b"text\0more"] {
            let error = decode(Path::new("x"), bytes.to_vec()).unwrap_err();
            assert!(matches!(error, FileError::Binary { .. }), "{error}");
        }
        assert!(decode(Path::new("x"), b"Plain text.".to_vec()).is_ok());
    }
}
