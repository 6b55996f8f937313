use crate::declare_rule;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::quotes::QuoteRole;

declare_rule! {
    /// ## What it finds
    /// A curly double quote that points the wrong way: a `”` that opens a
    /// quotation (`the security guarantee proposal.”It is now clear`, or `”We`
    /// at the start of a paragraph), or a `“` that closes one (`He called it “a
    /// provocation“ and left`).
    ///
    /// The direction comes from the shared quote analysis, which follows the
    /// open quotations through each paragraph and carries them over paragraphs
    /// by the news convention (each paragraph of a long quotation reopens it,
    /// only the last closes it). A `”` with nothing open and a word right after
    /// it opens a quotation; a `“` glued to the word before it while a
    /// quotation is open, with a space or punctuation after it, closes one.
    ///
    /// ## Why it matters
    /// MT systems and scrapers that curl straight quotes by a naive rule get
    /// the direction wrong, mostly where sentences were joined without a space.
    /// Readers lose track of who is speaking, and every tool that pairs quotes
    /// after this one pairs them wrongly.
    ///
    /// ## Examples
    /// ```bad
    /// to Russia's security guarantee proposal.”It is now clear that our concerns have been ignored,” he said.
    /// ```
    /// ```fixed
    /// to Russia's security guarantee proposal. “It is now clear that our concerns have been ignored,” he said.
    /// ```
    /// ```bad
    /// He called it “a provocation“ and left.
    /// ```
    /// ```fixed
    /// He called it “a provocation” and left.
    /// ```
    /// ```bad
    /// ”We will respond,” he said.
    /// ```
    /// ```fixed
    /// “We will respond,” he said.
    /// ```
    /// ```good
    /// “It is now clear,” he said. “We will respond.”
    /// ```
    /// ```good
    /// “The first paragraph of a long quotation stays open.
    /// “The second one closes it,” the minister said.
    /// ```
    /// ```good
    /// the ’90s, rock ’n’ roll and a 55" screen
    /// ```
    ///
    /// ## Fix safety
    /// Swapping the glyph (and, for an opening quote glued to the sentence
    /// before it, inserting the missing space) is safe when every quote in the
    /// paragraph pairs up once the glyph is read as what it does: there is then
    /// only one reading. In a paragraph that does not balance it is unsafe.
    pub struct MisdirectedCurlyQuote {
        code: "Q001",
        name: "misdirected-curly-quote",
        family: Quotes,
        severity: Error,
        default: true,
        fix: Safe,
    }
}

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let quotes = doc.quotes();
    for mark in &quotes.marks {
        let (replacement, message) = match mark.role {
            QuoteRole::MisdirectedOpen => {
                // `proposal.”It`: the opener also lacks the space before it.
                let glued = doc.char_before(mark.offset).is_some_and(|c| {
                    !c.is_whitespace() && !matches!(c, '(' | '[' | '—' | '–' | '-' | '/' | '\u{feff}')
                });
                let replacement = if glued { " “" } else { "“" };
                (replacement, "Closing quote `”` used to open a quotation")
            }
            QuoteRole::MisdirectedClose => ("”", "Opening quote `“` used to close a quotation"),
            _ => continue,
        };
        let applicability = if quotes.paragraph_balanced(mark.paragraph) {
            Applicability::Safe
        } else {
            Applicability::Unsafe
        };
        let fix_message = if replacement.len() > "“".len() {
            "Use an opening quote after a space"
        } else {
            "Turn the quote around"
        };
        out.push(
            Diagnostic::new(&MisdirectedCurlyQuote::META, mark.span(), message).with_fix(Fix::new(
                applicability,
                fix_message,
                vec![Edit::replacement(mark.span(), replacement)],
            )),
        );
    }
}
