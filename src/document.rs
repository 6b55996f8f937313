//! The shared scan of one text: lines, paragraphs and protected spans (URLs,
//! e-mail addresses, host names). Rules consult it instead of re-deriving it,
//! so a protection added here benefits every rule.

use std::any::Any;
use std::ops::Range;
use std::sync::{Arc, Mutex, OnceLock};

use crate::brackets::BracketAnalysis;
use crate::quotes::QuoteAnalysis;
use crate::source::LineIndex;
use crate::wordlist::{HONORIFICS, TLDS};

/// One text being linted, with what rules share about it.
pub struct Document<'a> {
    text: &'a str,
    lines: LineIndex,
    paragraphs: Vec<Range<usize>>,
    protected: OnceLock<Vec<Range<usize>>>,
    quotes: OnceLock<QuoteAnalysis>,
    shared_scans: Mutex<Vec<(usize, Arc<dyn Any + Send + Sync>)>>,
    brackets: OnceLock<BracketAnalysis>,
    /// Per paragraph, whether it reads as a headline; computed on first use.
    headlines: OnceLock<Vec<bool>>,
    stories: OnceLock<Vec<Range<usize>>>,
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
            shared_scans: Mutex::new(Vec::new()),
            brackets: OnceLock::new(),
            headlines: OnceLock::new(),
            stories: OnceLock::new(),
        }
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    pub fn lines(&self) -> &LineIndex {
        &self.lines
    }

    /// The line index, kept after the document is dropped (for
    /// [`SourceFile::with_lines`](crate::source::SourceFile::with_lines)).
    pub fn into_lines(self) -> LineIndex {
        self.lines
    }

    /// Each line's content range, without its line ending.
    pub fn line_contents(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        (0..self.lines.line_count()).map(|line| content_range(self.text, self.lines.line_range(line)))
    }

    /// Paragraph content ranges, in order, without line endings at either end.
    /// A block of lines separated by blank lines is one paragraph when its lines
    /// are hard-wrapped prose; otherwise every line is a paragraph (one segment
    /// per line, as scraped news usually is).
    pub fn paragraphs(&self) -> &[Range<usize>] {
        &self.paragraphs
    }

    /// Whether a paragraph reads as a headline: one line of a few words that
    /// does not end like a sentence (`Putin: US response ignores concerns`),
    /// with a story after it.
    pub fn is_headline(&self, paragraph: usize) -> bool {
        let headlines = self
            .headlines
            .get_or_init(|| (0..self.paragraphs.len()).map(|p| self.reads_as_headline(p)).collect());
        headlines.get(paragraph).copied().unwrap_or(false)
    }

    fn reads_as_headline(&self, paragraph: usize) -> bool {
        if paragraph + 1 >= self.paragraphs.len() {
            return false;
        }
        let range = &self.paragraphs[paragraph];
        if range.len() > MAX_HEADLINE_LEN {
            return false;
        }
        let line = self.text[range.clone()].trim();
        line.chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == ')')
            && !line.contains(['\n', '\r'])
            && (2..=25).contains(&line.split_whitespace().take(26).count())
    }

    /// The text cut before every headline: the stories of a file that holds
    /// several, each with its headline first. Checks of one story's
    /// consistency run within one of these.
    pub fn stories(&self) -> &[Range<usize>] {
        self.stories.get_or_init(|| {
            let mut starts: Vec<usize> = (0..self.paragraphs.len())
                .filter(|&p| p > 0 && self.is_headline(p))
                .map(|p| self.paragraphs[p].start)
                .collect();
            starts.insert(0, 0);
            starts.push(self.text.len());
            starts.windows(2).map(|w| w[0]..w[1]).collect()
        })
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

    /// The result of a scan several rules share (the declarative rules search
    /// all their patterns in one pass), computed by the first rule that asks.
    /// `key` identifies the scanner; every caller with that key must use one `T`.
    pub fn shared_scan<T: Any + Send + Sync>(&self, key: usize, compute: impl FnOnce(&Self) -> T) -> Arc<T> {
        let mut scans = self
            .shared_scans
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((_, scan)) = scans.iter().find(|(k, _)| *k == key) {
            return Arc::clone(scan).downcast::<T>().expect("one result type per scan key");
        }
        let scan = Arc::new(compute(self));
        scans.push((key, scan.clone()));
        scan
    }

    /// The bracket pairing of the whole text, computed on first use.
    pub fn brackets(&self) -> &BracketAnalysis {
        self.brackets.get_or_init(|| BracketAnalysis::new(self))
    }

    /// The char ending at `offset`, if any.
    pub fn char_before(&self, offset: usize) -> Option<char> {
        self.text[..offset].chars().next_back()
    }

    /// The char starting at `offset`, if any.
    pub fn char_at(&self, offset: usize) -> Option<char> {
        self.text[offset..].chars().next()
    }

    /// The run of alphanumeric chars ending at `offset` (`S` in `U.S`; see
    /// [`Self::dotted_word_before`] for the whole `U.S`).
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

    /// The run of letters, digits and inner periods ending at `offset`, without
    /// leading periods: `U.S` in `U.S.The`, `p.m` in `p.m.`.
    ///
    /// The look-back stops after [`DOTTED_LOOKBACK`] chars, which keeps
    /// `Russia.Russia.Russia…` linear; a run that long is no initialism or
    /// abbreviation, so its clipped tail decides as well as the whole.
    pub fn dotted_word_before(&self, offset: usize) -> &'a str {
        let start = self.text[..offset]
            .char_indices()
            .rev()
            .take(DOTTED_LOOKBACK)
            .take_while(|&(_, c)| c.is_alphanumeric() || c == '.')
            .last()
            .map_or(offset, |(i, _)| i);
        self.text[start..offset].trim_start_matches('.')
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

/// How far back [`Document::dotted_word_before`] looks, in chars.
const DOTTED_LOOKBACK: usize = 64;

/// The char starting at byte `i` of `text` and its length in bytes, with a
/// fast path for ASCII: for rules that walk text byte by byte.
pub fn char_at(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes()[i];
    if b.is_ascii() {
        return (char::from(b), 1);
    }
    let c = text[i..].chars().next().expect("`i` is a char boundary before the end");
    (c, c.len_utf8())
}

/// The bytes of `bytes` at or above 0x80 with their offsets, in order: what
/// rules looking for non-ASCII chars visit. ASCII is skipped eight bytes at a
/// time.
pub fn high_bytes(bytes: &[u8]) -> impl Iterator<Item = (usize, u8)> + '_ {
    bytes_where(bytes, |word| word & HIGH_BITS, |b| b >= 0x80)
}

/// The control bytes (below 0x20), DEL and the bytes at or above 0x80 with
/// their offsets, in order: printable ASCII is skipped eight bytes at a time.
pub fn unprintable_bytes(bytes: &[u8]) -> impl Iterator<Item = (usize, u8)> + '_ {
    bytes_where(
        bytes,
        // Flags bytes below 0x20 and bytes at or above 0x7F; the lowest flag
        // is exact, as borrows and carries only run upwards.
        |word| (word.wrapping_sub(ONES * 0x20) & !word | word.wrapping_add(ONES) | word) & HIGH_BITS,
        |b| !(0x20..0x7f).contains(&b),
    )
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The offset of the first ASCII digit at or after `from`, looked for eight
/// bytes at a time.
pub fn next_ascii_digit(bytes: &[u8], from: usize) -> Option<usize> {
    first_where(bytes, from, is_digit_flags, |b| b.is_ascii_digit())
}

/// Flags the ASCII digits of a word exactly: each byte is tested on its low
/// seven bits, so nothing carries between bytes.
fn is_digit_flags(word: u64) -> u64 {
    let low = word & (ONES * 0x7f);
    (ONES * (0x7f + 0x3a)).wrapping_sub(low) & !word & (low + ONES * (0x7f - 0x2f)) & HIGH_BITS
}

/// The bytes for which `wanted` holds, with their offsets: `flags` marks the
/// lowest wanted byte of a little-endian word of eight with its top bit.
fn bytes_where(bytes: &[u8], flags: fn(u64) -> u64, wanted: fn(u8) -> bool) -> impl Iterator<Item = (usize, u8)> + '_ {
    let mut pos = 0;
    std::iter::from_fn(move || {
        let found = first_where(bytes, pos, flags, wanted)?;
        pos = found + 1;
        Some((found, bytes[found]))
    })
}

/// The first offset at or after `from` whose byte `wanted` accepts, with
/// `flags` as in [`bytes_where`].
fn first_where(bytes: &[u8], mut pos: usize, flags: fn(u64) -> u64, wanted: fn(u8) -> bool) -> Option<usize> {
    while let Some(chunk) = bytes.get(pos..pos + 8) {
        let flagged = flags(u64::from_le_bytes(chunk.try_into().expect("eight bytes")));
        if flagged != 0 {
            return Some(pos + flagged.trailing_zeros() as usize / 8);
        }
        pos += 8;
    }
    Some(pos + bytes.get(pos..)?.iter().position(|&b| wanted(b))?)
}

/// Longest headline, in bytes; longer lines are prose.
const MAX_HEADLINE_LEN: usize = 300;

/// A line's content: without its line ending, and without the byte-order
/// mark that may open the text (it belongs to the file, not to the prose).
fn content_range(text: &str, range: Range<usize>) -> Range<usize> {
    let mut range = trim_line_ending(text, range);
    if range.start == 0 && text.starts_with('\u{feff}') {
        range.start = '\u{feff}'.len_utf8();
    }
    range
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
            let line = text[(*line).clone()].trim_end();
            line.ends_with(['.', '!', '?', ':', '"', '”', '’', ')']) && !ends_with_title(line)
        })
        .count();
    ended * 2 < inner.len()
}

/// Whether a line ends with a title and its period (`turning to Mr.`): the
/// name follows on the next line, so the line does not end a sentence.
fn ends_with_title(line: &str) -> bool {
    line.strip_suffix('.').is_some_and(|rest| {
        let word_start = rest
            .char_indices()
            .rev()
            .find(|&(_, c)| !c.is_alphabetic())
            .map_or(0, |(i, c)| i + c.len_utf8());
        HONORIFICS.contains(&rest[word_start..])
    })
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
        let range = content_range(text, lines.line_range(line));
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

fn is_host_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'.'
}

fn is_email_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-')
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

/// [`grow`] for a `keep` that holds only for ASCII bytes: a byte loop.
fn grow_ascii(bytes: &[u8], start: usize, end: usize, keep: impl Fn(u8) -> bool) -> Range<usize> {
    let left = bytes[..start].iter().rposition(|&b| !keep(b)).map_or(0, |i| i + 1);
    let right = bytes[end..]
        .iter()
        .position(|&b| !keep(b))
        .map_or(bytes.len(), |i| end + i);
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
    // Every TLD is lowercase: most tokens (`year.More`, `3.5`) fail here, before hashing.
    if !tld.starts_with(|c: char| c.is_ascii_lowercase()) {
        return false;
    }
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
    for (pattern, width) in [(&b"://"[..], 3), (&b"www."[..], 4)] {
        let mut covered = 0;
        for pos in memchr::memmem::find_iter(bytes, pattern) {
            if pos < covered {
                continue;
            }
            let range = grow(text, pos, pos + width, is_url_char);
            covered = range.end;
            spans.push(trim_trailing_punctuation(text, range));
        }
    }
    // `@` is not an e-mail byte, so each run holds one `@`.
    for pos in memchr::memchr_iter(b'@', bytes) {
        let range = grow_ascii(bytes, pos, pos + 1, is_email_byte);
        let domain = &text[pos + 1..range.end];
        if range.start < pos && domain.contains('.') {
            spans.push(trim_trailing_punctuation(text, range));
        }
    }
    // The end of the last run of host bytes looked at: its other dots give the same run.
    let mut looked_at = 0;
    for pos in memchr::memchr_iter(b'.', bytes) {
        let next = bytes.get(pos + 1).copied().unwrap_or(b' ');
        let prev = if pos > 0 { bytes[pos - 1] } else { b' ' };
        if pos < looked_at || !next.is_ascii_alphanumeric() || !prev.is_ascii_alphanumeric() {
            continue;
        }
        let run = grow_ascii(bytes, pos, pos + 1, is_host_byte);
        looked_at = run.end;
        let range = trim_trailing_punctuation(text, run);
        if is_host(&text[range.clone()]) {
            spans.push(range);
        }
    }
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

    #[test]
    fn stories_start_at_headlines() {
        let text = "Putin: talks to go on\nMr Putin said so.\nHe left.\nMarkets rise after talks\nShares rose.";
        let doc = Document::new(text);
        assert!(doc.is_headline(0) && !doc.is_headline(1));
        let stories: Vec<&str> = doc.stories().iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(
            stories,
            vec![
                "Putin: talks to go on\nMr Putin said so.\nHe left.\n",
                "Markets rise after talks\nShares rose."
            ]
        );
    }

    #[test]
    fn dotted_words_keep_inner_periods_and_drop_leading_ones() {
        let text = "In the U.S.The talks ended at 5 p.m. ..Reuters";
        let doc = Document::new(text);
        assert_eq!(doc.dotted_word_before(text.find("The").unwrap() - 1), "U.S");
        assert_eq!(doc.dotted_word_before(text.rfind(" ..").unwrap() - 1), "p.m");
        assert_eq!(doc.dotted_word_before(text.len()), "Reuters");
        assert_eq!(doc.dotted_word_before(text.find(" the").unwrap()), "In");
    }

    #[test]
    fn byte_scans_find_every_wanted_byte_in_order() {
        let texts = [
            "",
            "plain ASCII text only",
            "é",
            "Putin – “talks” went on, 完 and Путин.",
            "abcdefgh\u{a0}",
            "line one\nline\ttwo\r\n~~~~~~~~\u{7f} \u{1f}\u{200b}x",
        ];
        let every_byte: Vec<u8> = (0..=255).collect();
        let every_byte_down: Vec<u8> = (0..=255).rev().collect();
        let mut cases: Vec<&[u8]> = texts.iter().map(|t| t.as_bytes()).collect();
        cases.extend([&every_byte[..], &every_byte_down[..]]);
        for bytes in cases {
            let naive = |keep: fn(u8) -> bool| -> Vec<(usize, u8)> {
                bytes.iter().copied().enumerate().filter(|&(_, b)| keep(b)).collect()
            };
            assert_eq!(high_bytes(bytes).collect::<Vec<_>>(), naive(|b| b >= 0x80), "{bytes:?}");
            assert_eq!(
                unprintable_bytes(bytes).collect::<Vec<_>>(),
                naive(|b| !(0x20..0x7f).contains(&b)),
                "{bytes:?}"
            );
            for from in 0..=bytes.len() {
                let expected = (from..bytes.len()).find(|&i| bytes[i].is_ascii_digit());
                assert_eq!(next_ascii_digit(bytes, from), expected, "{bytes:?} from {from}");
            }
        }
    }

    #[test]
    fn a_line_ending_in_a_title_does_not_end_a_sentence() {
        assert!(!ends_with_title("Harriet\u{2122}."));
        let text = "\"Yes, I see what she means, (turning to Mr.\nKnightley,) and I will try to hold my tongue. I\nmust make myself very disagreeable.\"";
        assert_eq!(Document::new(text).paragraphs().len(), 1);
    }
}
