//! Running a rule set over one text.

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::registry::RuleSet;

/// Every diagnostic the rules report on `text`, sorted by position then code.
pub fn lint(text: &str, rules: &RuleSet) -> Vec<Diagnostic> {
    lint_document(&Document::new(text), rules)
}

/// [`lint`] over a document already built, whose line index the caller keeps.
pub fn lint_document(doc: &Document, rules: &RuleSet) -> Vec<Diagnostic> {
    let text = doc.text();
    let mut diagnostics = Vec::new();
    for rule in rules.rules() {
        rule.check(doc, &mut diagnostics);
    }
    debug_assert!(diagnostics.iter().all(|d| spans_are_valid(text, d)));
    diagnostics.sort_by(|a, b| (a.span.start, a.span.end, a.rule.code).cmp(&(b.span.start, b.span.end, b.rule.code)));
    diagnostics
}

fn spans_are_valid(text: &str, diagnostic: &Diagnostic) -> bool {
    let on_boundary = |offset: usize| offset <= text.len() && text.is_char_boundary(offset);
    on_boundary(diagnostic.span.start)
        && on_boundary(diagnostic.span.end)
        && diagnostic.span.start <= diagnostic.span.end
        && diagnostic
            .fix
            .iter()
            .flat_map(|fix| &fix.edits)
            .all(|edit| on_boundary(edit.start) && on_boundary(edit.end) && edit.start <= edit.end)
}
