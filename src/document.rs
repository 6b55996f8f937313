//! The shared scan of one text: lines, paragraphs and protected spans (URLs,
//! e-mail addresses, host names). Rules consult it instead of re-deriving it,
//! so a protection added here benefits every rule.

use std::ops::Range;
use std::sync::OnceLock;

use crate::quotes::QuoteAnalysis;
use crate::source::LineIndex;
use crate::wordlist::TLDS;

/// One text being linted, with what rules share about it.
pub struct Document<'a> {
    text: &'a str,
    lines: LineIndex,
    paragraphs: Vec<Range<usize>>,
    protected: OnceLock<Vec<Range<usize>>>,
    quotes: OnceLock<QuoteAnalysis>,
}

impl<'a> Document<'a> {
    pub fn new(text: &'a str) -> Self {
        let lines = LineIndex::new(text);
        let paragraphs = paragraphs(text, &lines);
        Document {
            text,
            lines,
            paragraphs,
            protected: OnceLock::new(),
            quotes: OnceLock::new(),
        }
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    pub fn lines(&self) -> &LineIndex {
        &self.lines
    }

    /// Each line's content range, without its line ending.
    pub fn line_contents(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        (0..self.lines.line_count()).map(|line| {
            let range = self.lines.line_range(line);
            trim_line_ending(self.text, range)
        })
    }

    /// Paragraph content ranges, in order, without line endings at either end.
    /// A block of lines separated by blank lines is one paragraph when its lines
    /// are hard-wrapped prose; otherwise every line is a paragraph (one segment
    /// per line, as scraped news usually is).
    pub fn paragraphs(&self) -> &[Range<usize>] {
        &self.paragraphs
    }

    /// The index of the paragraph holding `offset`, if any.
    pub fn paragraph_of(&self, offset: usize) -> Option<usize> {
        let index = self.paragraphs.partition_point(|p| p.end <= offset);
        (index < self.paragraphs.len() && self.paragraphs[index].start <= offset).then_some(index)
    }

    /// URLs, e-mail addresses and host names, sorted and disjoint.
    pub fn protected(&self) -> &[Range<usize>] {
        self.protected.get_or_init(|| protected_spans(self.text))
    }

    /// Whether `offset` lies inside a URL, e-mail address or host name.
    pub fn is_protected(&self, offset: usize) -> bool {
        let spans = self.protected();
        let index = spans.partition_point(|span| span.end <= offset);
        index < spans.len() && spans[index].start <= offset
    }

    /// The double-quote analysis of the whole text, computed on first use.
    pub fn quotes(&self) -> &QuoteAnalysis {
        self.quotes.get_or_init(|| QuoteAnalysis::new(self))
    }

    /// The char ending at `offset`, if any.
    pub fn char_before(&self, offset: usize) -> Option<char> {
        self.text[..offset].chars().next_back()
    }

    /// The char starting at `offset`, if any.
    pub fn char_at(&self, offset: usize) -> Option<char> {
        self.text[offset..].chars().next()
    }

    /// The run of alphanumeric chars (and inner periods, for `U.S`) ending at
    /// `offset`.
    pub fn word_before(&self, offset: usize) -> &'a str {
        let before = &self.text[..offset];
        let start = before
            .char_indices()
            .rev()
            .take_while(|&(_, c)| c.is_alphanumeric())
            .last()
            .map_or(offset, |(i, _)| i);
        &self.text[start..offset]
    }

    /// The run of alphanumeric chars starting at `offset`.
    pub fn word_after(&self, offset: usize) -> &'a str {
        let after = &self.text[offset..];
        let len = after
            .char_indices()
            .find(|&(_, c)| !c.is_alphanumeric())
            .map_or(after.len(), |(i, _)| i);
        &after[..len]
    }

    /// The whitespace-free token around `offset`: what a reader sees as one
    /// "word" with its punctuation.
    pub fn token_around(&self, offset: usize) -> Range<usize> {
        let start = self.text[..offset]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| !c.is_whitespace())
            .last()
            .map_or(offset, |(i, _)| i);
        let after = &self.text[offset..];
        let end = offset
            + after
                .char_indices()
                .find(|&(_, c)| c.is_whitespace())
                .map_or(after.len(), |(i, _)| i);
        start..end
    }
}

fn trim_line_ending(text: &str, mut range: Range<usize>) -> Range<usize> {
    let bytes = text.as_bytes();
    while range.end > range.start && matches!(bytes[range.end - 1], b'\n' | b'\r') {
        range.end -= 1;
    }
    range
}

fn is_blank(line: &str) -> bool {
    line.chars().all(char::is_whitespace)
}

/// Whether a block of lines reads as one hard-wrapped paragraph: its lines
/// mostly stop mid-sentence and none is very long.
fn is_wrapped_block(text: &str, block: &[Range<usize>]) -> bool {
    if block.len() < 2 {
        return false;
    }
    let inner = &block[..block.len() - 1];
    if block.iter().any(|line| text[line.clone()].chars().count() > 120) {
        return false;
    }
    let ended = inner
        .iter()
        .filter(|line| {
            text[(*line).clone()]
                .trim_end()
                .ends_with(['.', '!', '?', ':', '"', '”', '’', ')'])
        })
        .count();
    ended * 2 < inner.len()
}

fn paragraphs(text: &str, lines: &LineIndex) -> Vec<Range<usize>> {
    let mut paragraphs = Vec::new();
    let mut block: Vec<Range<usize>> = Vec::new();
    let flush = |block: &mut Vec<Range<usize>>, paragraphs: &mut Vec<Range<usize>>| {
        if is_wrapped_block(text, block) {
            paragraphs.push(block[0].start..block[block.len() - 1].end);
        } else {
            paragraphs.extend(block.iter().cloned());
        }
        block.clear();
    };
    for line in 0..lines.line_count() {
        let range = trim_line_ending(text, lines.line_range(line));
        if is_blank(&text[range.clone()]) {
            flush(&mut block, &mut paragraphs);
        } else {
            block.push(range);
        }
    }
    flush(&mut block, &mut paragraphs);
    paragraphs
}

fn is_url_char(c: char) -> bool {
    !c.is_whitespace() && !matches!(c, '"' | '“' | '”' | '‘' | '’' | '<' | '>' | '（' | '）' | '，' | '。')
}

fn is_host_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '.'
}

fn is_email_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-')
}

/// Extends `start..end` left while `keep` holds for the chars before it, and
/// right while it holds for the chars after it.
fn grow(text: &str, start: usize, end: usize, keep: impl Fn(char) -> bool) -> Range<usize> {
    let left = text[..start]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| keep(c))
        .last()
        .map_or(start, |(i, _)| i);
    let right = end
        + text[end..]
            .char_indices()
            .find(|&(_, c)| !keep(c))
            .map_or(text.len() - end, |(i, _)| i);
    left..right
}

/// Drops sentence punctuation a URL or host cannot end with (`see x.com.`).
fn trim_trailing_punctuation(text: &str, mut range: Range<usize>) -> Range<usize> {
    while let Some(c) = text[range.clone()].chars().next_back() {
        if matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '\'' | '-') {
            range.end -= c.len_utf8();
        } else {
            break;
        }
    }
    range
}

/// Whether `token` is a host name: two or more labels, the last a known TLD
/// written in lowercase (`Xinhua.net`, `China.org.cn`, but not `report.News`).
fn is_host(token: &str) -> bool {
    let mut labels = token.split('.');
    let Some(tld) = labels.next_back() else {
        return false;
    };
    let count = token.split('.').count();
    count >= 2
        && TLDS.contains(tld)
        && token
            .split('.')
            .all(|label| !label.is_empty() && !label.starts_with('-'))
        && token
            .split('.')
            .any(|label| label.chars().any(|c| c.is_ascii_alphabetic()))
}

fn protected_spans(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    // Every candidate inside one maximal run grows to that same run, so each
    // run is grown once: `a.a.a.…` or `://://…` stay linear.
    let mut grow_runs = |candidates: &mut dyn Iterator<Item = usize>,
                         width: usize,
                         keep: fn(char) -> bool,
                         accept: &dyn Fn(usize, Range<usize>) -> bool| {
        let mut covered = 0;
        for pos in candidates {
            if pos < covered {
                continue;
            }
            let range = grow(text, pos, pos + width, keep);
            covered = range.end;
            if accept(pos, range.clone()) {
                spans.push(trim_trailing_punctuation(text, range));
            }
        }
    };
    grow_runs(
        &mut memchr::memmem::find_iter(bytes, b"://"),
        3,
        is_url_char,
        &|_, _| true,
    );
    grow_runs(
        &mut memchr::memmem::find_iter(bytes, b"www."),
        4,
        is_url_char,
        &|_, _| true,
    );
    // `@` is not an e-mail char, so each run holds one `@` and the check per
    // candidate stays.
    grow_runs(
        &mut memchr::memchr_iter(b'@', bytes),
        1,
        is_email_char,
        &|pos, range| range.start < pos && text[pos + 1..range.end].contains('.'),
    );
    let mut hosts = memchr::memchr_iter(b'.', bytes).filter(|&pos| {
        let next = bytes.get(pos + 1).copied().unwrap_or(b' ');
        let prev = if pos > 0 { bytes[pos - 1] } else { b' ' };
        next.is_ascii_alphanumeric() && prev.is_ascii_alphanumeric()
    });
    grow_runs(&mut hosts, 1, is_host_char, &|_, range| {
        is_host(&text[trim_trailing_punctuation(text, range)])
    });
    spans.sort_by_key(|span| (span.start, std::cmp::Reverse(span.end)));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(spans.len());
    for span in spans {
        match merged.last_mut() {
            Some(last) if span.start <= last.end => last.end = last.end.max(span.end),
            _ => merged.push(span),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    fn protected_texts(text: &str) -> Vec<&str> {
        Document::new(text)
            .protected()
            .iter()
            .map(|r| &text[r.clone()])
            .collect()
    }

    #[test]
    fn urls_emails_and_hosts_are_protected() {
        assert_eq!(
            protected_texts("See https://news.cn/a.html, mail desk@xinhua.org or visit Xinhua.net."),
            vec!["https://news.cn/a.html", "desk@xinhua.org", "Xinhua.net"]
        );
        assert_eq!(
            protected_texts("China.org.cn and www.example.com/x"),
            vec!["China.org.cn", "www.example.com/x"]
        );
    }

    #[test]
    fn glued_sentences_and_decimals_are_not_hosts() {
        assert!(protected_texts("the report.News agencies said 3.5 billion").is_empty());
        assert!(protected_texts("Russia.Russia wants").is_empty());
    }

    #[test]
    fn one_segment_per_line_makes_a_paragraph_per_line() {
        let text = "First sentence here.\nSecond one.\n\nThird.";
        let doc = Document::new(text);
        let paragraphs: Vec<&str> = doc.paragraphs().iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(paragraphs, vec!["First sentence here.", "Second one.", "Third."]);
    }

    #[test]
    fn hard_wrapped_blocks_make_one_paragraph() {
        let text = "She was the youngest of the two daughters of a most\naffectionate father; and had been\nmistress of his house.\n\nNext.\r\n";
        let doc = Document::new(text);
        assert_eq!(doc.paragraphs().len(), 2);
        assert!(text[doc.paragraphs()[0].clone()].ends_with("his house."));
        assert_eq!(&text[doc.paragraphs()[1].clone()], "Next.");
        assert_eq!(doc.paragraph_of(text.find("Next").unwrap()), Some(1));
    }
}
