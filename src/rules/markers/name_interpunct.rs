use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::{Document, high_bytes};

declare_rule! {
    /// ## What it finds
    /// A middle dot (`·` U+00B7, `・` U+30FB, `‧` U+2027, `･` U+FF65) between two
    /// capitalised parts of a name: `Vladimir·Putin`, `Viktor · Orban`. Chinese
    /// writes foreign names with a dot between given name and surname
    /// (弗拉基米尔·普京), and MT engines carry it over.
    ///
    /// A spaced dot is reported only in prose (a line of at least six words
    /// that ends like a sentence) and not in a chain of dot-separated items, so
    /// navigation and byline lines (`Politics · World`, `News · Sport · Video`)
    /// stay quiet. Catalan `l·l` and maths (`a · b`) are lowercase and left alone.
    ///
    /// ## Why it matters
    /// English writes names with spaces. The dot is a clear sign of unedited MT
    /// and splits the name for search.
    ///
    /// ## Examples
    /// ```bad
    /// Russian President Vladimir·Putin met Hungarian Prime Minister Viktor · Orban on Monday.
    /// ```
    /// ```fixed
    /// Russian President Vladimir Putin met Hungarian Prime Minister Viktor Orban on Monday.
    /// ```
    /// ```bad
    /// the legacy of Martin・Luther・King was discussed
    /// ```
    /// ```fixed
    /// the legacy of Martin Luther King was discussed
    /// ```
    /// ```good
    /// Politics · World · Business
    /// ```
    /// ```good
    /// The Paral·lel avenue in Barcelona; the product a · b is zero when a is zero.
    /// ```
    /// ```good
    /// Home · News · Sport · Weather · Video and more from our team today.
    /// ```
    ///
    /// ## Fix safety
    /// Replacing the dot and the spaces around it with one space is safe: both
    /// sides are capitalised name parts in prose.
    pub struct NameInterpunct {
        code: "M006",
        name: "name-interpunct",
        family: Markers,
        severity: Warning,
        default: true,
        fix: Safe,
    }
}

fn is_interpunct(c: char) -> bool {
    matches!(c, '·' | '・' | '‧' | '･')
}

/// A name part: a capital, then at least one lowercase letter.
fn is_name_part(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase)
}

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    // The dots start with byte 0xC2, 0xE2, 0xE3 or 0xEF.
    for (pos, byte) in high_bytes(text.as_bytes()) {
        if !matches!(byte, 0xc2 | 0xe2 | 0xe3 | 0xef) {
            continue;
        }
        let Some(dot) = doc.char_at(pos).filter(|&c| is_interpunct(c)) else {
            continue;
        };
        let end = pos + dot.len_utf8();
        let start_gap = pos - text[..pos].chars().rev().take_while(|&c| c == ' ').count();
        let end_gap = end + text[end..].chars().take_while(|&c| c == ' ').count();
        let spaced = start_gap < pos || end_gap > end;
        let left = doc.word_before(start_gap);
        let right = doc.word_after(end_gap);
        if !is_name_part(left) || !is_name_part(right) {
            continue;
        }
        let listed = || in_chain(text, start_gap - left.len(), end_gap + right.len());
        if spaced && (!in_prose(doc, pos) || listed()) {
            continue;
        }
        out.push(
            Diagnostic::new(
                &NameInterpunct::META,
                start_gap..end_gap,
                format!("Middle dot `{dot}` between the parts of a name"),
            )
            .with_fix(Fix::safe(
                "Replace with a space",
                vec![Edit::replacement(start_gap..end_gap, " ")],
            )),
        );
    }
}

/// Whether the paragraph at `offset` reads as prose: six words or more,
/// ending like a sentence.
fn in_prose(doc: &Document, offset: usize) -> bool {
    let Some(index) = doc.paragraph_of(offset) else {
        return false;
    };
    let paragraph = doc.text()[doc.paragraphs()[index].clone()].trim_end();
    paragraph.split_whitespace().count() >= 6 && paragraph.ends_with(['.', '!', '?', '"', '”', '’'])
}

/// Whether another spaced dot sits right before the left word or after the
/// right word: `A · B · C` is a list of items.
fn in_chain(text: &str, left_start: usize, right_end: usize) -> bool {
    let before = text[..left_start].trim_end_matches(' ');
    let after = text[right_end..].trim_start_matches(' ');
    before.ends_with(is_interpunct) || after.starts_with(is_interpunct)
}
