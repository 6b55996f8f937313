use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::Document;
use crate::wordlist::UI_JUNK;

declare_rule! {
    /// ## What it finds
    /// A line that is page furniture a scraper kept as text:
    /// - only dates, times and counters, with at most two label words:
    ///   `2022-06-21 0 By`, `10:32 1,024`, `updated on: 2019-05-09`, or a date
    ///   glued to its time with one section name: `2024/06/3023:26:32 international 1526`;
    /// - a date label and its date glued to the start of the story's first
    ///   sentence: `date 2023-04-28 On April 27, …` (only the label and date are
    ///   reported and deleted);
    /// - a byline label with no name: `By`, `By:`, `Author:`;
    /// - a user-interface string from `rules/lists/ui-junk.txt`: `Share to:`,
    ///   `Scan the QR code`, `Click to enlarge`, `Comments (0)`, `Print | Close`,
    ///   `Read also: …`, `Loading ...`, `If you find an error, select it and
    ///   press Ctrl+Enter`.
    ///
    /// ## Why it matters
    /// Content sites that republish MT news copy the page around the story
    /// along with it: the publication date and view counter, an empty byline,
    /// share buttons. In the text they read as noise, and they end up in every
    /// quotation or summary made from it.
    ///
    /// ## Examples
    /// ```bad
    /// Putin says the response ignores Russia's concerns
    ///
    /// 2022-06-21 0 By
    ///
    /// Moscow, February 1 -- Russian President Vladimir Putin said on Thursday
    /// ```
    /// ```fixed
    /// Putin says the response ignores Russia's concerns
    ///
    /// Moscow, February 1 -- Russian President Vladimir Putin said on Thursday
    /// ```
    /// ```bad
    /// The ministry denied the claim.
    /// If you find an error, please select it and press Ctrl+Enter.
    /// ```
    /// ```fixed
    /// The ministry denied the claim.
    /// ```
    /// ```bad
    /// 10:32 1,024
    /// ```
    /// ```bad
    /// Read also: Markets rise after the talks
    /// ```
    /// ```bad
    /// 2024/06/3023:26:32 international 1526
    /// ```
    /// ```bad
    /// date 2023-04-28 On April 27, the committee held its eighth meeting.
    /// ```
    /// ```fixed
    /// On April 27, the committee held its eighth meeting.
    /// ```
    /// ```good
    /// By Hu Xiaoguang
    /// ```
    /// ```good
    /// ”: the quote was cut
    /// ```
    /// ```good
    /// Date 2023-04-28 was chosen for the vote.
    /// ```
    /// ```good
    /// 2024-06-30 marked the end of the season
    /// ```
    /// ```good
    /// By 2030, the plant will produce 10,000 cars a year.
    /// ```
    /// ```good
    /// 2022 was a hard year.
    /// ```
    /// ```good
    /// Print and online media share the blame, he said.
    /// ```
    ///
    /// ## Fix safety
    /// The fix deletes the line with its line ending, and is unsafe: a table
    /// of numbers or a heading can look like junk, so a person should look.
    /// Dates, counters and empty bylines are reported as information; the
    /// listed interface strings as warnings.
    pub struct ScrapeUiJunk {
        code: "M004",
        name: "scrape-ui-junk",
        family: Markers,
        severity: Warning,
        default: true,
        fix: Unsafe,
    }
}

/// Longer lines are prose, not page furniture.
const MAX_JUNK_LEN: usize = 100;

/// Words that label a date or counter on a page (`By`, `Views`, `date`).
const LABELS: &[&str] = &[
    "by",
    "at",
    "on",
    "date",
    "time",
    "views",
    "view",
    "reads",
    "read",
    "comments",
    "likes",
    "clicks",
    "hits",
    "updated",
    "published",
    "posted",
    "release",
    "released",
];

/// Byline labels with nothing after them.
const EMPTY_BYLINES: &[&str] = &[
    "by",
    "by:",
    "author:",
    "written by",
    "written by:",
    "reporter:",
    "text:",
];

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    // Lines, not paragraphs: a header of short junk lines reads as one
    // hard-wrapped paragraph.
    for range in doc.line_contents() {
        let line = text[range.clone()].trim();
        if let Some(end) = metadata_prefix(&text[range.clone()]) {
            let prefix = range.start..range.start + end;
            let label = text[prefix.clone()].trim_start();
            let remove = prefix.start..prefix.end + 1;
            out.push(
                Diagnostic::new(
                    &ScrapeUiJunk::META,
                    prefix.end - label.len()..prefix.end,
                    format!("Page metadata glued to the start of the story: `{label}`"),
                )
                .with_fix(Fix::unsafe_("Delete the metadata", vec![Edit::deletion(remove)])),
            );
            continue;
        }
        if line.is_empty() || line.len() > MAX_JUNK_LEN {
            continue;
        }
        let (message, severity) = if is_counters(line) {
            ("Line of dates and counters left from the page", Severity::Info)
        } else {
            let normalized = normalize(line);
            if EMPTY_BYLINES.contains(&normalized.as_str()) {
                ("Byline label with no name", Severity::Info)
            } else if is_listed(&normalized) {
                ("Page interface text left in the story", Severity::Warning)
            } else {
                continue;
            }
        };
        out.push(
            Diagnostic::new(&ScrapeUiJunk::META, range.clone(), format!("{message}: `{line}`"))
                .with_severity(severity)
                .with_fix(Fix::unsafe_(
                    "Delete the line",
                    vec![Edit::deletion(line_deletion(text, range))],
                )),
        );
    }
}

/// The line with its line ending; when blank lines surround it, one of them
/// too, so that deleting it leaves one blank line, not two. The last line
/// takes the line ending before it instead.
fn line_deletion(text: &str, line: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let ending = |at: usize| {
        let rest = &text.as_bytes()[at..];
        if rest.starts_with(b"\r\n") {
            2
        } else {
            usize::from(rest.first().is_some_and(|&b| b == b'\n' || b == b'\r'))
        }
    };
    let mut end = line.end + ending(line.end);
    if end == line.end {
        let before = text[..line.start].trim_end_matches(['\n', '\r']);
        return before.len()..line.end;
    }
    let blank_before = line.start == 0 || ends_with_blank_line(&text[..line.start]);
    if blank_before && ending(end) > 0 {
        end += ending(end);
    }
    line.start..end
}

/// Whether `before` (the text up to a line) ends with an empty line: two line
/// endings in a row, of any kind (`\n`, `\r\n`, `\r`).
fn ends_with_blank_line(before: &str) -> bool {
    let strip_ending = |text: &str| {
        text.strip_suffix("\r\n")
            .or_else(|| text.strip_suffix('\n'))
            .or_else(|| text.strip_suffix('\r'))
            .map(str::len)
    };
    strip_ending(before).is_some_and(|len| strip_ending(&before[..len]).is_some())
}

/// Whether every word is a date, a time or a counter, with at least one date
/// or time and at most two label words: `2022-06-21 0 By`, `10:32 1,024`,
/// `updated on: 2019-05-09`.
fn is_counters(line: &str) -> bool {
    let mut dated = false;
    let mut full_date = false;
    let mut labels = 0;
    let mut categories = 0;
    let mut words = 0;
    for word in line.split_whitespace() {
        words += 1;
        if is_date(word) || is_date_time(word) {
            dated = true;
            full_date = true;
        } else if is_time(word) {
            dated = true;
        } else if is_counter(word) || matches!(word, "|" | "/" | "-" | "·") {
        } else if lowercase_in(word.trim_end_matches(':'), LABELS) {
            labels += 1;
        } else if word.len() <= 15 && word.bytes().all(|b| b.is_ascii_lowercase()) {
            // A section name between the date and a counter: `international`.
            categories += 1;
        } else {
            return false;
        }
    }
    dated && labels <= 2 && words >= 2 && (categories == 0 || (categories == 1 && full_date && labels == 0))
}

/// A date glued to a time, as page templates print them without a space:
/// `2024/06/3023:26:32`.
fn is_date_time(word: &str) -> bool {
    word.find(':')
        .and_then(|colon| colon.checked_sub(2))
        .is_some_and(|split| word.is_char_boundary(split) && is_date(&word[..split]) && is_time(&word[split..]))
}

/// Labels that put a page's metadata in front of the story's first sentence.
const METADATA_LABELS: &[&str] = &["date", "time", "updated", "published", "posted"];

/// `date 2023-04-28` (or `Updated: 2019-05-09 10:32`) at the start of a line
/// that goes on with a sentence: the range of the label and its values.
fn metadata_prefix(line: &str) -> Option<usize> {
    let body = line.trim_start();
    let lead = line.len() - body.len();
    let mut words = body.split(' ');
    let label = words.next()?;
    if !lowercase_in(label.trim_end_matches(':'), METADATA_LABELS) {
        return None;
    }
    let mut end = lead + label.len();
    let mut dated = false;
    for word in words {
        if is_date(word) || is_date_time(word) || is_time(word) {
            dated = true;
            end += 1 + word.len();
        } else {
            let starts_sentence = word.chars().next().is_some_and(char::is_uppercase);
            return (dated && starts_sentence).then_some(end);
        }
    }
    None
}

/// `2022-06-21`, `2024/06/30`, `21.06.2022`: three groups of digits, one a year.
/// Whether `word` lowercased is in `list` (all lowercase ASCII): ASCII words
/// compare without allocating.
fn lowercase_in(word: &str, list: &[&str]) -> bool {
    if word.is_ascii() {
        list.iter().any(|entry| entry.eq_ignore_ascii_case(word))
    } else {
        list.contains(&word.to_lowercase().as_str())
    }
}

fn is_date(word: &str) -> bool {
    let mut parts = 0;
    let mut four_digits = false;
    for part in word.split(['-', '/', '.']) {
        parts += 1;
        if parts > 3 || part.is_empty() || part.len() > 4 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        four_digits |= part.len() == 4;
    }
    parts == 3 && four_digits
}

fn is_time(word: &str) -> bool {
    let mut parts = 0;
    for part in word.split(':') {
        parts += 1;
        if parts > 3 || !(1..=2).contains(&part.len()) || !part.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
    }
    parts >= 2
}

fn is_counter(word: &str) -> bool {
    !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit() || b == b',') && word.as_bytes()[0].is_ascii_digit()
}

/// Lowercase, digit runs as `#`, `…` as `...`, single spaces, no space before
/// `:` or `...`, no final period.
fn normalize(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        match c {
            '0'..='9' if out.ends_with('#') => {}
            '0'..='9' => out.push('#'),
            '…' => out.push_str("..."),
            c if c.is_whitespace() => {
                if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            ':' | '.' if out.ends_with(' ') => {
                out.pop();
                out.push(c);
            }
            c => out.extend(c.to_lowercase()),
        }
    }
    let trimmed = out.trim_end();
    let trimmed = trimmed
        .strip_suffix('.')
        .filter(|t| !t.ends_with('.'))
        .unwrap_or(trimmed);
    trimmed.to_string()
}

/// Whether the normalised line is a listed string, or starts with a listed
/// label that ends in `:` (`read also: <headline>`).
fn is_listed(normalized: &str) -> bool {
    UI_JUNK.contains(normalized)
        || normalized
            .char_indices()
            .filter(|&(_, c)| c == ':')
            .any(|(i, _)| UI_JUNK.contains(&normalized[..=i]))
}
