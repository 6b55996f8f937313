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
        for (index, paragraph) in paragraphs.iter().enumerate() {
            let continued = !open.is_empty();
            if continued && !starts_with_quote(&text[paragraph.clone()]) {
                for &mark in &open {
                    analysis.marks[mark].role = QuoteRole::Unclosed;
                    analysis.balanced[analysis.marks[mark].paragraph] = false;
                }
            }
            let carried = continued && starts_with_quote(&text[paragraph.clone()]);
            open.clear();
            let body = &text[paragraph.clone()];
            let first_mark = body.char_indices().find(|(_, c)| !c.is_whitespace()).map(|(i, _)| i);
            for (relative, ch) in body.char_indices().filter(|(_, c)| matches!(c, '“' | '”' | '"')) {
                let offset = paragraph.start + relative;
                let before = body[..relative].chars().next_back();
                let after = body[relative + ch.len_utf8()..].chars().next();
                let at_start = first_mark == Some(relative);
                let role = match ch {
                    '“' if carried && at_start => QuoteRole::Reopen,
                    '“' if !open.is_empty() && closes_here(before, after) => QuoteRole::MisdirectedClose,
                    '“' => QuoteRole::Open,
                    '”' if !open.is_empty() => QuoteRole::Close,
                    '”' if at_start || after.is_some_and(char::is_alphanumeric) => QuoteRole::MisdirectedOpen,
                    '”' => QuoteRole::UnmatchedClose,
                    _ if carried && at_start => QuoteRole::Reopen,
                    _ if !open.is_empty() => QuoteRole::Close,
                    _ if before.is_some_and(|c| c.is_ascii_digit()) => QuoteRole::Inch,
                    _ => QuoteRole::Open,
                };
                match role {
                    QuoteRole::Open | QuoteRole::Reopen | QuoteRole::MisdirectedOpen => open.push(analysis.marks.len()),
                    QuoteRole::Close | QuoteRole::MisdirectedClose => {
                        open.pop();
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
                for &mark in &open[..open.len() - 1] {
                    analysis.marks[mark].role = QuoteRole::Unclosed;
                }
                analysis.balanced[index] = false;
                open.drain(..open.len() - 1);
            }
        }
        for &mark in &open {
            analysis.marks[mark].role = QuoteRole::Unclosed;
            analysis.balanced[analysis.marks[mark].paragraph] = false;
        }
        analysis
    }
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
    fn a_stray_closer_is_unmatched() {
        assert_eq!(
            roles("The so-called invasion” of Ukraine."),
            vec![('”', UnmatchedClose)]
        );
    }
}
