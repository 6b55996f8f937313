//! Bracket pairing through each paragraph, shared by the bracket rules.
//!
//! One linear pass per paragraph keeps a stack of open brackets of the three
//! families — round `(` `（`, square `[` `［` `【` `〔` and curly `{` — and
//! pairs each closer with the innermost opener of its family. Enumerations
//! (`1)`, `a)`, `iv)`), smileys (`:)`, `;-(`) and half-open intervals
//! (`[0, 1)`) are not brackets that need a partner. The stack never recurses
//! and the search for a deeper opener is bounded by per-family counts, so a line
//! of a million brackets stays linear.

use std::ops::Range;

use crate::document::{Document, char_at};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Round,
    Square,
    Curly,
}

impl Kind {
    fn index(self) -> usize {
        match self {
            Kind::Round => 0,
            Kind::Square => 1,
            Kind::Curly => 2,
        }
    }
}

/// The family of a bracket char and whether it opens.
fn classify(c: char) -> Option<(Kind, bool)> {
    Some(match c {
        '(' | '（' => (Kind::Round, true),
        ')' | '）' => (Kind::Round, false),
        '[' | '［' | '【' | '〔' => (Kind::Square, true),
        ']' | '］' | '】' | '〕' => (Kind::Square, false),
        '{' => (Kind::Curly, true),
        '}' => (Kind::Curly, false),
        _ => return None,
    })
}

/// One bracket char at a byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bracket {
    pub offset: usize,
    pub ch: char,
}

impl Bracket {
    pub fn span(&self) -> Range<usize> {
        self.offset..self.offset + self.ch.len_utf8()
    }
}

/// An opener and the closer that pairs with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BracketPair {
    pub open: Bracket,
    pub close: Bracket,
}

impl BracketPair {
    /// The bytes between the two brackets.
    pub fn inner(&self) -> Range<usize> {
        self.open.offset + self.open.ch.len_utf8()..self.close.offset
    }
}

/// A bracket with no partner, or a pair of different families.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BracketProblem {
    /// An opener still open at the end of its paragraph.
    Unclosed(Bracket),
    /// A closer with nothing of its family open.
    UnmatchedClose(Bracket),
    /// A closer of another family than the innermost opener (`( … ]`), with
    /// no opener of its own family open.
    Crossed { open: Bracket, close: Bracket },
}

impl BracketProblem {
    /// Where the problem is reported: the lone bracket, or the closer of a
    /// crossed pair.
    pub fn offset(&self) -> usize {
        match self {
            BracketProblem::Unclosed(b) | BracketProblem::UnmatchedClose(b) => b.offset,
            BracketProblem::Crossed { close, .. } => close.offset,
        }
    }
}

/// Every bracket pair and problem of a document, each list sorted by offset of
/// the closer (pairs) or of the reported bracket (problems).
#[derive(Debug, Default)]
pub struct BracketAnalysis {
    pub pairs: Vec<BracketPair>,
    pub problems: Vec<BracketProblem>,
}

impl BracketAnalysis {
    pub fn new(doc: &Document) -> Self {
        let text = doc.text();
        let mut analysis = BracketAnalysis::default();
        let mut stack: Vec<(Bracket, Kind)> = Vec::new();
        for paragraph in doc.paragraphs() {
            let body = &text[paragraph.clone()];
            // Every bracket starts with one of these bytes (0xE3 and 0xEF lead
            // the CJK and full-width ones), so only they are decoded.
            let is_lead = |b: u8| matches!(b, b'(' | b')' | b'[' | b']' | b'{' | b'}' | 0xE3 | 0xEF);
            let Some(first) = body.bytes().position(is_lead) else {
                continue;
            };
            let mut open_counts = [0usize; 3];
            let candidates = body.bytes().enumerate().skip(first).filter(|&(_, b)| is_lead(b));
            for (relative, _) in candidates {
                let ch = char_at(body, relative).0;
                let Some((kind, opens)) = classify(ch) else {
                    continue;
                };
                let bracket = Bracket {
                    offset: paragraph.start + relative,
                    ch,
                };
                if is_smiley(body, relative, ch) {
                    continue;
                }
                if opens {
                    stack.push((bracket, kind));
                    open_counts[kind.index()] += 1;
                    continue;
                }
                match stack.last() {
                    Some(&(open, top)) if top == kind => {
                        stack.pop();
                        open_counts[kind.index()] -= 1;
                        analysis.pairs.push(BracketPair { open, close: bracket });
                    }
                    Some(&(open, top)) if is_interval(&text[open.offset + open.ch.len_utf8()..bracket.offset]) => {
                        stack.pop();
                        open_counts[top.index()] -= 1;
                        analysis.pairs.push(BracketPair { open, close: bracket });
                    }
                    _ if is_enumeration(body, relative, ch) => {}
                    Some(_) if open_counts[kind.index()] > 0 => {
                        // Openers above the partner were never closed.
                        while let Some((open, top)) = stack.pop() {
                            open_counts[top.index()] -= 1;
                            if top == kind {
                                analysis.pairs.push(BracketPair { open, close: bracket });
                                break;
                            }
                            analysis.problems.push(BracketProblem::Unclosed(open));
                        }
                    }
                    Some(&(open, top)) => {
                        stack.pop();
                        open_counts[top.index()] -= 1;
                        analysis.problems.push(BracketProblem::Crossed { open, close: bracket });
                    }
                    None => analysis.problems.push(BracketProblem::UnmatchedClose(bracket)),
                }
            }
            analysis
                .problems
                .extend(stack.drain(..).map(|(open, _)| BracketProblem::Unclosed(open)));
        }
        analysis.pairs.sort_by_key(|pair| pair.close.offset);
        analysis.problems.sort_by_key(BracketProblem::offset);
        analysis
    }
}

/// `:)`, `;-)`, `:(`, `=)`: an emoticon, not a bracket.
fn is_smiley(body: &str, relative: usize, ch: char) -> bool {
    if !matches!(ch, '(' | ')') {
        return false;
    }
    let before = body[..relative].trim_end_matches(['-', '\'', '^']);
    let eyes = before.ends_with([':', ';', '=']);
    // `:(` opens a smiley only at a word end; `note:(a)` is a bracket.
    let after = body[relative + 1..].chars().next();
    eyes && (ch == ')' || after.is_none_or(char::is_whitespace))
}

/// `1)`, `12)`, `a)`, `iv)` at the start of a paragraph or after whitespace: a
/// list item, not a closing bracket.
fn is_enumeration(body: &str, relative: usize, ch: char) -> bool {
    if !matches!(ch, ')' | '）') {
        return false;
    }
    let before = &body[..relative];
    let item_start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_ascii_alphanumeric())
        .last()
        .map_or(relative, |(i, _)| i);
    let item = &before[item_start..];
    let at_item_start = before[..item_start].chars().next_back().is_none_or(char::is_whitespace);
    let numeral = !item.is_empty() && item.len() <= 3 && item.bytes().all(|b| b.is_ascii_digit());
    let letter = item.len() == 1 && item.bytes().all(|b| b.is_ascii_alphabetic());
    let roman = !item.is_empty() && item.len() <= 4 && item.bytes().all(|b| matches!(b, b'i' | b'v' | b'x'));
    at_item_start && (numeral || letter || roman)
}

/// `0, 1` in `[0, 1)`: two numbers or symbols separated by a comma, the content
/// of a half-open interval.
fn is_interval(inner: &str) -> bool {
    // Bounded so that crossed runs of brackets stay linear.
    if inner.len() > 32 {
        return false;
    }
    let Some((low, high)) = inner.split_once(',') else {
        return false;
    };
    let bound = |s: &str| {
        let s = s.trim();
        let s = s.strip_prefix(['-', '+', '−']).unwrap_or(s);
        !s.is_empty() && s.chars().count() <= 12 && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '∞')
    };
    bound(low) && bound(high)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<(usize, &'static str)> {
        let doc = Document::new(text);
        let analysis = BracketAnalysis::new(&doc);
        analysis
            .problems
            .iter()
            .map(|p| match p {
                BracketProblem::Unclosed(b) => (b.offset, "unclosed"),
                BracketProblem::UnmatchedClose(b) => (b.offset, "unmatched"),
                BracketProblem::Crossed { close, .. } => (close.offset, "crossed"),
            })
            .collect()
    }

    #[test]
    fn balanced_groups_pair_up() {
        let text = "Moscow (reporter Hu) [note {x}] and （完）.";
        let doc = Document::new(text);
        let analysis = BracketAnalysis::new(&doc);
        assert!(analysis.problems.is_empty());
        assert_eq!(analysis.pairs.len(), 4);
        assert_eq!(&text[analysis.pairs[0].inner()], "reporter Hu");
    }

    #[test]
    fn lone_and_crossed_brackets_are_problems() {
        assert_eq!(problems("Moscow (reporter Hu said"), vec![(7, "unclosed")]);
        assert_eq!(problems("the ministry said) on Tuesday"), vec![(17, "unmatched")]);
        assert_eq!(problems("the (ministry] said"), vec![(13, "crossed")]);
        assert_eq!(problems("[a (b] c"), vec![(3, "unclosed")]);
    }

    #[test]
    fn enumerations_smileys_and_intervals_are_not_problems() {
        assert!(problems("1) the halt; 2) the abandonment; iv) the rest; a) b) c)").is_empty());
        assert!(problems("Great :) and ;-) and :( sadly").is_empty());
        assert!(problems("x lies in [0, 1) and (0, 1]").is_empty());
        assert_eq!(problems("costs three) more"), vec![(11, "unmatched")]);
    }

    #[test]
    fn each_paragraph_starts_afresh() {
        assert_eq!(problems("(open\n\nclosed)"), vec![(0, "unclosed"), (13, "unmatched")]);
    }

    #[test]
    fn a_million_brackets_stay_linear() {
        let text = format!("{}{}", "(".repeat(500_000), "]".repeat(500_000));
        let doc = Document::new(&text);
        let analysis = BracketAnalysis::new(&doc);
        assert_eq!(analysis.problems.len(), 500_000);
    }
}
