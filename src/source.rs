//! Line index over a text: byte offset to 1-based line and column.

use std::ops::Range;

/// Where lines start in a text. A line ends at `\n`, `\r\n` or a lone `\r`, so a
/// file with old Mac line endings still has lines.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
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
        LineColumn {
            line: line + 1,
            column: text[start..offset].chars().count() + 1,
        }
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

    /// A source from a line index already built over `text` (by [`Document`](crate::document::Document)),
    /// so the text is not scanned for lines twice.
    pub fn with_lines(name: impl Into<String>, text: String, lines: LineIndex) -> Self {
        debug_assert_eq!(lines.len, text.len());
        SourceFile {
            name: name.into(),
            text,
            lines,
        }
    }

    pub fn line_column(&self, offset: usize) -> LineColumn {
        self.lines.line_column(&self.text, offset)
    }

    /// A [`Locator`] over this source.
    pub fn locator(&self) -> Locator<'_> {
        Locator::new(&self.text, &self.lines)
    }
}

/// Places offsets that mostly increase, as sorted diagnostics do. Each lookup
/// counts chars only from the previous offset on the same line, so placing
/// every diagnostic of a 100 MB one-line file walks the line once, not once
/// per diagnostic.
pub struct Locator<'a> {
    text: &'a str,
    lines: &'a LineIndex,
    /// The last offset placed, its 0-based line and column, and where that line ends.
    offset: usize,
    line: usize,
    column: usize,
    line_end: usize,
}

impl<'a> Locator<'a> {
    pub fn new(text: &'a str, lines: &'a LineIndex) -> Self {
        let mut locator = Locator {
            text,
            lines,
            offset: 0,
            line: 0,
            column: 0,
            line_end: 0,
        };
        locator.seek_line(0);
        locator
    }

    fn seek_line(&mut self, offset: usize) {
        self.line = self.lines.line_of(offset);
        self.offset = self.lines.starts[self.line];
        self.column = 0;
        self.line_end = self.lines.starts.get(self.line + 1).copied().unwrap_or(usize::MAX);
    }

    /// 1-based line and column (in chars) of `offset`, as [`LineIndex::line_column`].
    pub fn line_column(&mut self, offset: usize) -> LineColumn {
        if offset < self.offset || offset >= self.line_end {
            self.seek_line(offset);
        }
        self.column += self.text[self.offset..offset].chars().count();
        self.offset = offset;
        LineColumn {
            line: self.line + 1,
            column: self.column + 1,
        }
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
    fn the_locator_agrees_with_the_index_in_any_order() {
        let text = "ab\r\ncé\rx\ny and é more\n";
        let index = LineIndex::new(text);
        let mut locator = Locator::new(text, &index);
        let offsets: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
        for &offset in offsets.iter().chain(offsets.iter().rev()).chain(&offsets) {
            assert_eq!(
                locator.line_column(offset),
                index.line_column(text, offset),
                "at {offset}"
            );
        }
    }

    #[test]
    fn utf16_columns_count_surrogate_pairs_twice() {
        let text = "😀a";
        let index = LineIndex::new(text);
        assert_eq!(index.line_column_utf16(text, 4).column, 3);
        assert_eq!(index.line_column(text, 4).column, 2);
    }
}
