use std::ops::Range;

use crate::declare_rule;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::document::{Document, high_bytes};
use crate::rules::unicode::chars::is_cjk;

declare_rule! {
    /// ## What it finds
    /// Space characters other than U+0020 used as ordinary word spaces:
    /// - the ideographic space U+3000 (also as the two-space paragraph indent of
    ///   Chinese copy), the ogham space mark U+1680;
    /// - the typographic spaces U+2000–U+200A and U+205F between words;
    /// - a chain of no-break spaces (U+00A0, U+202F) joining three or more
    ///   ordinary words, as a scraped `&nbsp;` run leaves them.
    ///
    /// Ties that are meant stay quiet: a no-break space after a title or
    /// before a unit (`Mr.\u{a0}Putin`, `10\u{a0}km`), thin spaces grouping
    /// digits or framing a dash, French spacing before `:;!?`, and ideographic
    /// spaces inside CJK text.
    ///
    /// ## Why it matters
    /// These spaces look like ordinary ones but are not matched by search, are
    /// wider or narrower than a word space, and keep words from wrapping.
    ///
    /// ## Examples
    /// ```bad
    /// Russian\u{3000}President Putin said\u{2002}on Friday
    /// ```
    /// ```fixed
    /// Russian President Putin said on Friday
    /// ```
    /// ```bad
    /// \u{3000}\u{3000}The meeting was held in Jinan.
    /// ```
    /// ```fixed
    ///   The meeting was held in Jinan.
    /// ```
    /// ```bad
    /// the\u{a0}United\u{a0}States\u{a0}said on Monday
    /// ```
    /// ```fixed
    /// the United States said on Monday
    /// ```
    /// ```good
    /// It is 10\u{a0}km from Mr.\u{a0}Putin’s office, at 1\u{202f}000 metres.
    /// ```
    /// ```good
    /// He came\u{2009}—\u{2009}late, with 10\u{2009}000 people. Quoi\u{2009}? 北京\u{3000}上海
    /// ```
    /// ```good
    /// Page\u{a0}3 of the New\u{a0}York report
    /// ```
    ///
    /// ## Fix safety
    /// Replacing U+3000, U+1680, U+2000–U+200A and U+205F by U+0020 is safe.
    /// Replacing a chain of no-break spaces is unsafe: the ties may be meant.
    pub struct NonstandardSpaceChar {
        code: "S010",
        name: "nonstandard-space-char",
        family: Spacing,
        severity: Warning,
        default: true,
        fix: Safe,
    }
}

/// Spaces that are never meant as word spaces in English prose.
fn is_odd_space(c: char) -> bool {
    matches!(c, '\u{3000}' | '\u{1680}' | '\u{2000}'..='\u{200a}' | '\u{205f}')
}

fn is_nbsp(c: char) -> bool {
    matches!(c, '\u{a0}' | '\u{202f}')
}

/// Whether a typographic space at this spot is a deliberate thin or fixed
/// space rather than a word space.
fn is_typographic(space: char, before: Option<char>, after: Option<char>) -> bool {
    if space == '\u{3000}' {
        return before.is_some_and(is_cjk) || after.is_some_and(is_cjk);
    }
    if space == '\u{1680}' {
        return false;
    }
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    let dash = |c: Option<char>| c.is_some_and(|c| matches!(c, '—' | '–' | '-'));
    digit(before) || digit(after) || dash(before) || dash(after) || after.is_some_and(|c| ":;!?»".contains(c))
}

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    let mut covered = 0;
    let mut joins: Vec<Range<usize>> = Vec::new();
    // Every char handled here starts with byte 0xC2 (U+00A0), 0xE1 (U+1680),
    // 0xE2 (U+2000–U+205F) or 0xE3 (U+3000).
    for (pos, byte) in high_bytes(text.as_bytes()) {
        if !matches!(byte, 0xc2 | 0xe1 | 0xe2 | 0xe3) {
            continue;
        }
        let Some(c) = doc.char_at(pos) else {
            continue;
        };
        if is_nbsp(c) {
            let before = doc.char_before(pos);
            let after = doc.char_at(pos + c.len_utf8());
            if before.is_some_and(char::is_alphabetic) && after.is_some_and(char::is_alphabetic) {
                joins.push(pos..pos + c.len_utf8());
            }
            continue;
        }
        if pos < covered || !is_odd_space(c) {
            continue;
        }
        let run_len: usize = text[pos..]
            .chars()
            .take_while(|&s| is_odd_space(s))
            .map(char::len_utf8)
            .sum();
        let end = pos + run_len;
        covered = end;
        if is_typographic(c, doc.char_before(pos), doc.char_at(end)) {
            continue;
        }
        let count = text[pos..end].chars().count();
        let edits = vec![Edit::replacement(pos..end, " ".repeat(count))];
        out.push(
            Diagnostic::new(
                &NonstandardSpaceChar::META,
                pos..end,
                format!("U+{:04X} used as a word space", u32::from(c)),
            )
            .with_fix(Fix::safe("Replace with an ordinary space", edits)),
        );
    }
    report_nbsp_chains(doc, &joins, out);
}

/// Reports chains of no-break spaces that join three or more words with no
/// ordinary space between them.
fn report_nbsp_chains(doc: &Document, joins: &[Range<usize>], out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    let mut index = 0;
    while index < joins.len() {
        let mut last = index;
        while last + 1 < joins.len() && !text[joins[last].end..joins[last + 1].start].contains(char::is_whitespace) {
            last += 1;
        }
        let chain = &joins[index..=last];
        index = last + 1;
        if chain.len() < 2 {
            continue;
        }
        let span = chain[0].start..chain[chain.len() - 1].end;
        let edits = chain.iter().map(|r| Edit::replacement(r.clone(), " ")).collect();
        out.push(
            Diagnostic::new(
                &NonstandardSpaceChar::META,
                span,
                format!("{} no-break spaces join ordinary words", chain.len()),
            )
            .with_fix(Fix::new(Applicability::Unsafe, "Replace with ordinary spaces", edits)),
        );
    }
}
