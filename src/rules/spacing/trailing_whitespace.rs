use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;

declare_rule! {
    /// ## What it finds
    /// Whitespace at the end of a line, lines holding only whitespace, and
    /// whitespace (including the ideographic space U+3000) before the first
    /// word of a paragraph. Indentation by a tab or by four or more spaces is
    /// left alone: plain text uses it on purpose for verse, letters and tables.
    ///
    /// ## Why it matters
    /// Scrapers and MT pipelines leave spaces where segments were cut. They are
    /// invisible to an editor but break diffs, deduplication and exact search.
    ///
    /// ## Examples
    /// ```bad
    /// Russia denies the claim.\u{20}
    /// Next line.
    /// ```
    /// ```fixed
    /// Russia denies the claim.
    /// Next line.
    /// ```
    /// ```bad
    /// \u{20} date 2023-04-28
    /// ```
    /// ```fixed
    /// date 2023-04-28
    /// ```
    /// ```bad
    /// \u{3000}Russian President Vladimir Putin said.
    /// ```
    /// ```fixed
    /// Russian President Vladimir Putin said.
    /// ```
    /// ```good
    /// Russia denies the claim.
    /// Next line.
    /// ```
    /// ```good
    /// He recited the verse:
    ///
    ///     My first doth affliction denote,
    ///       Which my second is destined to feel
    /// ```
    ///
    /// ## Fix safety
    /// Removing the whitespace is safe: plain text gives it no meaning. No fix
    /// is offered for a whitespace-only line between a lone `\r` and a `\n`,
    /// where removing it would merge two line endings into one `\r\n`.
    pub struct LeadingTrailingWhitespace {
        code: "S009",
        name: "leading-trailing-whitespace",
        family: Spacing,
        severity: Warning,
        default: true,
        fix: Safe,
    }
}

fn is_blank(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\n' | '\r')
}

/// Four or more ASCII spaces, or a tab, indent verse, letters and code on
/// purpose; shorter runs and exotic spaces (U+3000, no-break) are leftovers.
fn is_indentation(lead: &str) -> bool {
    lead.contains('\t') || (lead.len() >= 4 && lead.bytes().all(|b| b == b' '))
}

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    for line in doc.line_contents() {
        let content = &text[line.clone()];
        let trimmed = content.trim_end_matches(is_blank);
        if trimmed.len() < content.len() {
            let span = line.start + trimmed.len()..line.end;
            let message = if trimmed.is_empty() {
                "Line holds only whitespace"
            } else {
                "Trailing whitespace"
            };
            out.push(with_fix(
                text,
                Diagnostic::new(&LeadingTrailingWhitespace::META, span.clone(), message),
            ));
        }
    }
    for paragraph in doc.paragraphs() {
        let content = &text[paragraph.clone()];
        let body = content.trim_start_matches(|c: char| is_blank(c) || c == '\u{feff}');
        let lead = &content[..content.len() - body.len()];
        let start = paragraph.start + lead.len() - lead.trim_start_matches('\u{feff}').len();
        let span = start..paragraph.start + lead.len();
        if !span.is_empty() && !is_indentation(&text[span.clone()]) {
            out.push(with_fix(
                text,
                Diagnostic::new(
                    &LeadingTrailingWhitespace::META,
                    span,
                    "Whitespace before the paragraph's first word",
                ),
            ));
        }
    }
}

/// Offers the deletion of the diagnostic's span, unless that would join a lone
/// `\r` before it and a `\n` after it into one `\r\n`: two line endings into one.
fn with_fix(text: &str, diagnostic: Diagnostic) -> Diagnostic {
    let span = diagnostic.span.clone();
    if text[..span.start].ends_with('\r') && text[span.end..].starts_with('\n') {
        return diagnostic;
    }
    diagnostic.with_fix(Fix::safe("Remove the whitespace", vec![Edit::deletion(span)]))
}
