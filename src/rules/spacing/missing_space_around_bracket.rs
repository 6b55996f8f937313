use crate::brackets::BracketPair;
use crate::declare_rule;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::document::Document;

declare_rule! {
    /// ## What it finds
    /// A bracketed group glued to the word after it, `February 1 (reporter Hu
    /// Xiaoguang)Russian President`, or to the word before it, `the
    /// spokesman(Zhao Lijian) said`.
    ///
    /// After a closing bracket, the group must stand free on its left (not
    /// glued to a word) and hold more than a short lowercase
    /// affix, so `member(s)`, `(s)he`, `(re)opened`, `Ca(OH)2` and `f(x)` stay
    /// quiet. Before an opening bracket, the group must hold a space.
    ///
    /// ## Why it matters
    /// Chinese has no spaces around its full-width brackets, and MT output
    /// keeps their placement: the reporter credit or an aside runs into the
    /// sentence. Readers see one long word, and search misses both.
    ///
    /// ## Examples
    /// ```bad
    /// Moscow, February 1 (reporter Hu Xiaoguang)Russian President Vladimir Putin said
    /// ```
    /// ```fixed
    /// Moscow, February 1 (reporter Hu Xiaoguang) Russian President Vladimir Putin said
    /// ```
    /// ```bad
    /// the ministry (MFA)said on Tuesday
    /// ```
    /// ```fixed
    /// the ministry (MFA) said on Tuesday
    /// ```
    /// ```bad
    /// the spokesman(Zhao Lijian) said
    /// ```
    /// ```fixed
    /// the spokesman (Zhao Lijian) said
    /// ```
    /// ```bad
    /// a rise of 3 (2021)percent
    /// ```
    /// ```fixed
    /// a rise of 3 (2021) percent
    /// ```
    /// ```bad
    /// I must protest--(laughing)I must protest against that.
    /// ```
    /// ```fixed
    /// I must protest--(laughing) I must protest against that.
    /// ```
    /// ```good
    /// Any member(s) of the board (s)he named were (re)opened.
    /// ```
    /// ```good
    /// Ca(OH)2 powder and f(x) values; see note [1] and (Xinhua) reports.
    /// ```
    /// ```good
    /// Smile :)and the interval [0, 1)is open; see https://en.wikipedia.org/wiki/Foo_(bar)baz
    /// ```
    ///
    /// ## Fix safety
    /// Inserting a space after the closing bracket is safe when the group holds
    /// a space, is an acronym of two or more capitals, or is Chinese text: such
    /// a group is never part of the word after it. Otherwise (`(2021)percent`),
    /// and for a space before an opening bracket, it is unsafe: code, formulas
    /// and word play glue brackets on purpose.
    pub struct MissingSpaceAroundBracket {
        code: "S004",
        name: "missing-space-around-bracket",
        family: Spacing,
        severity: Error,
        default: true,
        fix: Safe,
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{3040}'..='\u{30ff}' | '\u{ac00}'..='\u{d7af}')
}

/// `s`, `es`, `re`: a lowercase affix that brackets glue to a word on purpose.
fn is_affix(inner: &str) -> bool {
    (1..=3).contains(&inner.len()) && inner.bytes().all(|b| b.is_ascii_lowercase())
}

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    for pair in &doc.brackets().pairs {
        // Same-shape groups only: `[0, 1)` is an interval.
        if !matches!((pair.open.ch, pair.close.ch), ('(' | '（', ')' | '）') | ('[', ']')) {
            continue;
        }
        if let Some(diagnostic) = glued_after(doc, pair) {
            out.push(diagnostic);
        }
        if let Some(diagnostic) = glued_before(doc, pair) {
            out.push(diagnostic);
        }
    }
}

/// `(reporter Hu Xiaoguang)Russian`.
fn glued_after(doc: &Document, pair: &BracketPair) -> Option<Diagnostic> {
    let text = doc.text();
    let after = pair.close.span().end;
    if !doc.char_at(after)?.is_alphanumeric() {
        return None;
    }
    // Not part of a word on the left (`member(s)`, `Ca(OH)2`, `f(x)`).
    let free_left = pair.open.ch == '（' || doc.char_before(pair.open.offset).is_none_or(|c| !c.is_alphanumeric());
    let inner = &text[pair.inner()];
    if !free_left || inner.is_empty() || is_affix(inner) || doc.is_protected(pair.close.offset) {
        return None;
    }
    let acronym = inner.chars().count() >= 2 && inner.chars().all(|c| c.is_uppercase());
    let applicability = if inner.contains(char::is_whitespace) || acronym || inner.chars().any(is_cjk) {
        Applicability::Safe
    } else {
        Applicability::Unsafe
    };
    Some(
        Diagnostic::new(
            &MissingSpaceAroundBracket::META,
            pair.close.span(),
            format!("Missing space after `{}`", pair.close.ch),
        )
        .with_fix(Fix::new(
            applicability,
            "Insert a space",
            vec![Edit::insertion(after, " ")],
        )),
    )
}

/// `spokesman(Zhao Lijian)`.
fn glued_before(doc: &Document, pair: &BracketPair) -> Option<Diagnostic> {
    let text = doc.text();
    if pair.open.ch == '（' || !doc.char_before(pair.open.offset)?.is_alphabetic() {
        return None;
    }
    let word = doc.word_before(pair.open.offset);
    let inner = &text[pair.inner()];
    let starts_with_letter = inner.chars().next().is_some_and(char::is_alphabetic);
    if word.chars().count() < 2
        || word.chars().any(is_cjk)
        || !starts_with_letter
        || !inner.contains(' ')
        || doc.is_protected(pair.open.offset)
    {
        return None;
    }
    Some(
        Diagnostic::new(
            &MissingSpaceAroundBracket::META,
            pair.open.span(),
            format!("Missing space before `{}`", pair.open.ch),
        )
        .with_fix(Fix::unsafe_(
            "Insert a space",
            vec![Edit::insertion(pair.open.offset, " ")],
        )),
    )
}
