use crate::declare_rule;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::quotes::QuoteRole;

declare_rule! {
    /// ## What it finds
    /// A closing double quote glued to the word after it: `have been
    /// ignored.”Mr Putin said`, `“We will respond,”said Peskov`.
    ///
    /// ## Why it matters
    /// MT output joined sentence by sentence loses the space after a
    /// quotation. The same local shape, `.”X`, is also an *opening* quote in
    /// the wrong glyph (`proposal.”It is now clear`, Q001's case); only the quote
    /// state through the paragraph tells them apart, so this rule reports a mark
    /// only where the shared quote analysis reads it as closing a quotation.
    /// Apostrophes and single quotes are not looked at.
    ///
    /// ## Examples
    /// ```bad
    /// “It is now clear that our concerns have been ignored.”Mr Putin said.
    /// ```
    /// ```fixed
    /// “It is now clear that our concerns have been ignored.” Mr Putin said.
    /// ```
    /// ```bad
    /// “We will respond,”said Peskov.
    /// ```
    /// ```fixed
    /// “We will respond,” said Peskov.
    /// ```
    /// ```bad
    /// He called it "a provocation"and left.
    /// ```
    /// ```fixed
    /// He called it "a provocation" and left.
    /// ```
    /// ```good
    /// “Hello,” he said, and the “Big Five”’s influence grew.
    /// ```
    /// ```good
    /// “Yes”—he paused—“we agree.”
    /// ```
    /// ```good
    /// the proposal.”It is now clear that the concerns were ignored,” he said.
    /// ```
    ///
    /// ## Fix safety
    /// Inserting a space is safe when every quote in the paragraph pairs up,
    /// so the mark is certainly closing; otherwise it is unsafe.
    pub struct MissingSpaceAfterClosingQuote {
        code: "S003",
        name: "missing-space-after-closing-quote",
        family: Spacing,
        severity: Error,
        default: true,
        fix: Safe,
    }
}

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let quotes = doc.quotes();
    for mark in quotes.marks.iter().filter(|m| m.role == QuoteRole::Close) {
        let after = mark.span().end;
        if !doc.char_at(after).is_some_and(char::is_alphanumeric) || doc.is_protected(after) {
            continue;
        }
        let applicability = if quotes.paragraph_balanced(mark.paragraph) {
            Applicability::Safe
        } else {
            Applicability::Unsafe
        };
        out.push(
            Diagnostic::new(
                &MissingSpaceAfterClosingQuote::META,
                mark.span(),
                format!("Missing space after the closing quote `{}`", mark.ch),
            )
            .with_fix(Fix::new(
                applicability,
                "Insert a space",
                vec![Edit::insertion(after, " ")],
            )),
        );
    }
}
