//! Line index over a text: byte offset to 1-based line and column.

use std::cell::Cell;
use std::ops::Range;

/// Where lines start in a text. A line ends at `\n`, `\r\n` or a lone `\r`, so a
/// file with old Mac line endings still has lines.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
    /// The last column computed, as (offset, column): reports ask in text
    /// order, so counting on from there keeps a long line linear.
    last_column: Cell<(usize, usize)>,
}

/// A 1-based line and column; the column counts Unicode scalar values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct LineColumn {
    pub line: usize,
    pub column: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for pos in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            let is_crlf_cr = bytes[pos] == b'\r' && bytes.get(pos + 1) == Some(&b'\n');
            if !is_crlf_cr {
                starts.push(pos + 1);
            }
        }
        LineIndex {
            starts,
            len: text.len(),
            last_column: Cell::new((0, 1)),
        }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The 0-based line holding the byte at `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// The byte range of a 0-based line, including its line ending.
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let start = self.starts[line];
        let end = self.starts.get(line + 1).copied().unwrap_or(self.len);
        start..end
    }

    /// 1-based line and column (in chars) of `offset`.
    pub fn line_column(&self, text: &str, offset: usize) -> LineColumn {
        let line = self.line_of(offset);
        let start = self.starts[line];
        let (from, base) = match self.last_column.get() {
            (cached, column) if cached >= start && cached <= offset => (cached, column),
            _ => (start, 1),
        };
        let column = base + text[from..offset].chars().count();
        self.last_column.set((offset, column));
        LineColumn { line: line + 1, column }
    }

    /// 1-based line and column in UTF-16 code units, for formats that want them.
    pub fn line_column_utf16(&self, text: &str, offset: usize) -> LineColumn {
        let line = self.line_of(offset);
        let start = self.starts[line];
        LineColumn {
            line: line + 1,
            column: text[start..offset].encode_utf16().count() + 1,
        }
    }
}

/// A named text with its line index: what renderers need to place a span.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
    pub lines: LineIndex,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let lines = LineIndex::new(&text);
        SourceFile {
            name: name.into(),
            text,
            lines,
        }
    }

    pub fn line_column(&self, offset: usize) -> LineColumn {
        self.lines.line_column(&self.text, offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_chars_and_every_line_ending_breaks() {
        let text = "ab\r\ncé\rx\ny";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        assert_eq!(index.line_column(text, 0), LineColumn { line: 1, column: 1 });
        let x = text.find('x').unwrap();
        assert_eq!(index.line_column(text, x), LineColumn { line: 3, column: 1 });
        let cr = text.find('\r').unwrap();
        assert_eq!(index.line_column(text, cr), LineColumn { line: 1, column: 3 });
        let after_e = text.find('é').unwrap() + 'é'.len_utf8();
        assert_eq!(index.line_column(text, after_e), LineColumn { line: 2, column: 3 });
    }

    #[test]
    fn utf16_columns_count_surrogate_pairs_twice() {
        let text = "😀a";
        let index = LineIndex::new(text);
        assert_eq!(index.line_column_utf16(text, 4).column, 3);
        assert_eq!(index.line_column(text, 4).column, 2);
    }
}
