use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::quotes::QuoteRole;

declare_rule! {
    /// ## What it finds
    /// A double quote that never pairs: a quotation opened and not closed by
    /// the end of its paragraph (unless the next paragraph reopens it, the news
    /// convention for quotations of several paragraphs), or a closing quote
    /// with no quotation open. Straight `"` pair by parity; a `"` after a digit
    /// with nothing open is an inch or second mark (`a 55" screen`, `5'11"`).
    /// Quotes that only point the wrong way are Q001's.
    ///
    /// ## Why it matters
    /// A lost quote mark leaves the reader unsure where a speaker's words end,
    /// which in news is a question of attribution. MT and scrapers drop marks
    /// when they split or cut segments.
    ///
    /// ## Examples
    /// ```bad
    /// “It is now clear that our concerns have been ignored, Mr Putin said.
    /// The talks continue on Monday.
    /// ```
    /// ```bad
    /// The so-called invasion” of Ukraine was denied.
    /// ```
    /// ```bad
    /// She called the plan "a step back and left.
    /// ```
    /// ```bad
    /// the Correspondents" dinner was cancelled.
    /// ```
    /// ```good
    /// “The first paragraph of a long quotation stays open.
    /// “The second one closes it,” the minister said.
    /// ```
    /// ```good
    /// He bought a 55" screen; she is 5'11" tall.
    /// ```
    /// ```good
    /// “It'll be our”—she leaned to his ear—“shared secret.”
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: where the missing mark belongs is a matter of meaning.
    pub struct UnbalancedQuotes {
        code: "Q002",
        name: "unbalanced-quotes",
        family: Quotes,
        severity: Warning,
        default: true,
        fix: None,
    }
}

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    for mark in &doc.quotes().marks {
        let message = match mark.role {
            QuoteRole::Unclosed => format!("Quotation opened with `{}` is never closed", mark.ch),
            QuoteRole::UnmatchedClose if is_mangled_apostrophe(doc, mark.offset, mark.ch) => {
                "Straight `\"` after a plural looks like a mangled apostrophe (`Rodgers’ side`)".to_string()
            }
            QuoteRole::UnmatchedClose => format!("Closing quote `{}` has no opening quote", mark.ch),
            _ => continue,
        };
        out.push(Diagnostic::new(&UnbalancedQuotes::META, mark.span(), message));
    }
}

/// `Rodgers" side`: a straight quote after a plural `s`, before a lowercase word.
fn is_mangled_apostrophe(doc: &Document, offset: usize, ch: char) -> bool {
    let text = doc.text();
    ch == '"' && doc.char_before(offset) == Some('s') && {
        let mut after = text[offset + 1..].chars();
        after.next() == Some(' ') && after.next().is_some_and(char::is_lowercase)
    }
}
