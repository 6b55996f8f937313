//! Double-quote analysis through each paragraph, shared by the quote rules.
//!
//! Every `“`, `”` and straight `"` gets a role from the quote state at that
//! point. The state runs over paragraphs with the news convention for
//! quotations of several paragraphs: a paragraph may end with its quotation
//! open when the next paragraph opens with a quote mark, and only the last one
//! closes it.

use std::ops::Range;

use crate::document::Document;

/// What a double quote mark does where it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteRole {
    /// Opens a quotation.
    Open,
    /// Reopens the quotation carried over from the previous paragraph.
    Reopen,
    /// Closes the innermost open quotation.
    Close,
    /// A `”` that opens a quotation (`.”It is`): the wrong glyph.
    MisdirectedOpen,
    /// A `“` that closes a quotation (`a provocation“ and`): the wrong glyph.
    MisdirectedClose,
    /// A closing mark with no quotation open.
    UnmatchedClose,
    /// An opening mark whose quotation never closes.
    Unclosed,
    /// A straight `"` after a digit with nothing open: an inch or second mark.
    Inch,
}

/// One double quote mark and its role.
#[derive(Debug, Clone)]
pub struct QuoteMark {
    pub offset: usize,
    pub ch: char,
    pub role: QuoteRole,
    /// Index of the paragraph the mark is in.
    pub paragraph: usize,
}

impl QuoteMark {
    pub fn span(&self) -> Range<usize> {
        self.offset..self.offset + self.ch.len_utf8()
    }
}

/// The roles of all double quote marks in a document, and which paragraphs
/// balance once misdirected glyphs are read as what they do.
#[derive(Debug, Default)]
pub struct QuoteAnalysis {
    pub marks: Vec<QuoteMark>,
    /// Per paragraph: every mark pairs up (or carries over by the convention).
    balanced: Vec<bool>,
}

impl QuoteAnalysis {
    /// The mark at byte `offset`, found by binary search (marks are in text
    /// order), so rules asking per candidate stay linear.
    pub fn mark_at(&self, offset: usize) -> Option<&QuoteMark> {
        let index = self.marks.partition_point(|m| m.offset < offset);
        self.marks.get(index).filter(|m| m.offset == offset)
    }

    /// Whether every quote in the paragraph pairs up once misdirected glyphs are
    /// read as what they do: the condition for a safe glyph fix.
    pub fn paragraph_balanced(&self, paragraph: usize) -> bool {
        self.balanced.get(paragraph).copied().unwrap_or(false)
    }

    pub fn new(doc: &Document) -> Self {
        let text = doc.text();
        let paragraphs = doc.paragraphs();
        let mut analysis = QuoteAnalysis {
            marks: Vec::new(),
            balanced: vec![true; paragraphs.len()],
        };
        // Indices into `marks` of the quotations open at this point.
        let mut open: Vec<usize> = Vec::new();
        // Quotations left open at the end of an earlier paragraph that did not
        // reopen them. In sentence-per-line text a quotation runs on over
        // several lines (`"First sentence.` / `Second," he said.`), and a quoted
        // letter or speech may hold verse or narration; a later closing mark
        // with nothing else open closes them. They expire unclosed after
        // `MAX_PENDING_PARAGRAPHS`.
        let mut pending: Vec<usize> = Vec::new();
        let mut pending_age = 0;
        for (index, paragraph) in paragraphs.iter().enumerate() {
            let body = &text[paragraph.clone()];
            // A paragraph opening with a quote mark reopens the quotation left
            // open before it, even across lines that did not.
            let carried = (!open.is_empty() || !pending.is_empty()) && starts_with_quote(body);
            if carried {
                pending.clear();
            } else {
                pending.append(&mut open);
            }
            open.clear();
            if pending.is_empty() {
                pending_age = 0;
            } else {
                pending_age += 1;
                if pending_age > MAX_PENDING_PARAGRAPHS {
                    analysis.unclose(&mut pending);
                }
            }
            let first_mark = body.char_indices().find(|(_, c)| !c.is_whitespace()).map(|(i, _)| i);
            for (relative, ch) in double_quotes(body) {
                let offset = paragraph.start + relative;
                let before = body[..relative].chars().next_back();
                let after = body[relative + ch.len_utf8()..].chars().next();
                let at_start = first_mark == Some(relative);
                let glued_after = after.is_some_and(char::is_alphanumeric);
                let flank = Flank::of(before, after);
                let resumes = open.is_empty() && !pending.is_empty();
                let role = match ch {
                    '“' if carried && at_start => QuoteRole::Reopen,
                    '“' if !open.is_empty() && closes_here(before, after) => QuoteRole::MisdirectedClose,
                    '“' => QuoteRole::Open,
                    '”' if !open.is_empty() || (resumes && !glued_after) => QuoteRole::Close,
                    '”' if at_start || glued_after => QuoteRole::MisdirectedOpen,
                    '”' => QuoteRole::UnmatchedClose,
                    _ if carried && at_start => QuoteRole::Reopen,
                    _ if flank == Flank::Left => QuoteRole::Open,
                    _ if !open.is_empty() || resumes => QuoteRole::Close,
                    _ if before.is_some_and(|c| c.is_ascii_digit()) => QuoteRole::Inch,
                    _ if flank == Flank::Right => QuoteRole::UnmatchedClose,
                    _ => QuoteRole::Open,
                };
                match role {
                    QuoteRole::Open | QuoteRole::Reopen | QuoteRole::MisdirectedOpen => open.push(analysis.marks.len()),
                    QuoteRole::Close | QuoteRole::MisdirectedClose => {
                        if open.pop().is_none() {
                            pending.pop();
                        }
                    }
                    QuoteRole::UnmatchedClose => analysis.balanced[index] = false,
                    QuoteRole::Unclosed | QuoteRole::Inch => {}
                }
                analysis.marks.push(QuoteMark {
                    offset,
                    ch,
                    role,
                    paragraph: index,
                });
            }
            // More than one quotation left open is never the convention.
            if open.len() > 1 {
                let mut outer: Vec<usize> = open.drain(..open.len() - 1).collect();
                analysis.unclose(&mut outer);
                analysis.balanced[index] = false;
            }
        }
        analysis.unclose(&mut pending);
        analysis.unclose(&mut open);
        analysis
    }

    /// Marks the given quotations as never closed, and empties the list.
    fn unclose(&mut self, marks: &mut Vec<usize>) {
        for mark in marks.drain(..) {
            self.marks[mark].role = QuoteRole::Unclosed;
            self.balanced[self.marks[mark].paragraph] = false;
        }
    }
}

/// How many paragraphs a quotation may stay open without being reopened.
const MAX_PENDING_PARAGRAPHS: usize = 16;

/// Which side a straight `"` leans on: glued to the word after it (opening),
/// to the word before it (closing), or neither clearly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flank {
    Left,
    Right,
    Unclear,
}

impl Flank {
    fn of(before: Option<char>, after: Option<char>) -> Flank {
        let free_before = before.is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '{' | '—' | '–'));
        let free_after = after.is_none_or(|c| {
            c.is_whitespace()
                || matches!(
                    c,
                    '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '—' | '–' | '"' | '’' | '\'' | '…'
                )
        });
        match (free_before, free_after) {
            (true, false) => Flank::Left,
            (false, true) => Flank::Right,
            _ => Flank::Unclear,
        }
    }
}

/// The `“`, `”` and `"` of `text` with their offsets. A byte search: `"` is
/// one byte, and the curly marks are `E2 80 9C` / `E2 80 9D`.
fn double_quotes(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b'"', 0xE2, bytes).filter_map(move |at| match bytes[at] {
        b'"' => Some((at, '"')),
        _ => match bytes.get(at + 1..at + 3) {
            Some([0x80, 0x9C]) => Some((at, '“')),
            Some([0x80, 0x9D]) => Some((at, '”')),
            _ => None,
        },
    })
}

fn starts_with_quote(paragraph: &str) -> bool {
    paragraph.trim_start().starts_with(['“', '”', '"'])
}

/// Whether a mark between `before` and `after` sits where a quotation ends:
/// glued to the word or punctuation before it, and followed by a space,
/// punctuation or the end of the paragraph.
fn closes_here(before: Option<char>, after: Option<char>) -> bool {
    let glued_before = before.is_some_and(|c| !c.is_whitespace() && !matches!(c, '(' | '[' | '—' | '–'));
    let free_after =
        after.is_none_or(|c| c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | ')' | '—'));
    glued_before && free_after
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(text: &str) -> Vec<(char, QuoteRole)> {
        let doc = Document::new(text);
        doc.quotes().marks.iter().map(|m| (m.ch, m.role)).collect()
    }

    use QuoteRole::*;

    #[test]
    fn a_closing_glyph_that_opens_is_misdirected() {
        let text = "the proposal.”It is now clear that they were ignored.”Mr Putin said.";
        assert_eq!(roles(text), vec![('”', MisdirectedOpen), ('”', Close)]);
        assert!(Document::new(text).quotes().paragraph_balanced(0));
    }

    #[test]
    fn multi_paragraph_quotation_is_balanced() {
        let text = "“First paragraph of the quote.\n“Second paragraph.”\nNext.";
        assert_eq!(roles(text), vec![('“', Open), ('“', Reopen), ('”', Close)]);
    }

    #[test]
    fn an_open_quote_not_continued_is_unclosed() {
        let text = "“It is clear, he said.\nThe next paragraph.";
        assert_eq!(roles(text), vec![('“', Unclosed)]);
    }

    #[test]
    fn straight_quotes_pair_by_parity_and_inches_are_skipped() {
        assert_eq!(roles("a \"random\" lady"), vec![('"', Open), ('"', Close)]);
        assert_eq!(roles("a 55\" screen"), vec![('"', Inch)]);
    }

    #[test]
    fn an_opening_glyph_that_closes_is_misdirected() {
        assert_eq!(
            roles("He called it “a provocation“ and left."),
            vec![('“', Open), ('“', MisdirectedClose)]
        );
    }

    #[test]
    fn marks_are_found_among_other_three_byte_chars() {
        let text = "“A” — ‘b’ \"c\" … ”";
        let found: Vec<(usize, char)> = double_quotes(text).collect();
        let expected: Vec<(usize, char)> = text
            .char_indices()
            .filter(|(_, c)| matches!(c, '“' | '”' | '"'))
            .collect();
        assert_eq!(found, expected);
        let analysis = Document::new(text);
        let quotes = analysis.quotes();
        assert_eq!(quotes.mark_at(text.find('”').unwrap()).map(|m| m.ch), Some('”'));
        assert!(quotes.mark_at(1).is_none());
    }

    #[test]
    fn straight_quotes_take_their_direction_from_the_side_they_lean_on() {
        assert_eq!(
            roles("It is \"sweeping and \"national security\" law\" now."),
            vec![('"', Open), ('"', Open), ('"', Close), ('"', Close)]
        );
        assert_eq!(roles("the Correspondents\" dinner"), vec![('"', UnmatchedClose)]);
    }

    #[test]
    fn a_quotation_may_run_over_sentence_lines_and_close_later() {
        let text = "\"First sentence of the quote.\nSecond one,\" the police said.";
        assert_eq!(roles(text), vec![('"', Open), ('"', Close)]);
        let text = "He said: \"The first line.\nNarration.\n\"Reopened here.\"";
        assert_eq!(roles(text), vec![('"', Open), ('"', Reopen), ('"', Close)]);
    }

    #[test]
    fn a_quotation_left_open_too_long_is_unclosed() {
        let text = format!(
            "“Never closed.\n{}The end.” here",
            "Line.\n".repeat(MAX_PENDING_PARAGRAPHS + 1)
        );
        assert_eq!(roles(&text), vec![('“', Unclosed), ('”', UnmatchedClose)]);
    }

    #[test]
    fn a_stray_closer_is_unmatched() {
        assert_eq!(
            roles("The so-called invasion” of Ukraine."),
            vec![('”', UnmatchedClose)]
        );
    }
}
