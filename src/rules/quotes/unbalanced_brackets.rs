use crate::brackets::BracketProblem;
use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::document::Document;

declare_rule! {
    /// ## What it finds
    /// A bracket without its partner in the same paragraph, or a pair of
    /// different shapes (`( … ]`). Round `()`, square `[]` and curly `{}`
    /// brackets count, with the full-width and CJK forms `（）`, `【】`, `〔〕`.
    /// List items (`1)`, `a)`, `iv)`), smileys (`:)`, `;-)`) and half-open
    /// intervals (`[0, 1)`) are not brackets that need a partner.
    ///
    /// ## Why it matters
    /// When MT drops or moves a bracket, the aside runs into the sentence and
    /// the reader cannot tell where it ends; a credit such as `(reporter …` may
    /// swallow the first sentence of the story.
    ///
    /// ## Examples
    /// ```bad
    /// Moscow, February 1 (reporter Hu Xiaoguang Russian President Vladimir Putin said
    /// ```
    /// ```bad
    /// the ministry said) on Tuesday
    /// ```
    /// ```bad
    /// the talks (held in Geneva] ended
    /// ```
    /// ```bad
    /// both sides.【完
    /// ```
    /// ```good
    /// The demands: 1) a halt to expansion; 2) no strike weapons; a) and b) follow.
    /// ```
    /// ```good
    /// Nice one :) and ;-) too, for x in [0, 1).
    /// ```
    /// ```good
    /// The ministry (MFA) said [in a note] that {all} parties agree （完）.
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: where the missing bracket belongs is a matter of
    /// meaning.
    pub struct UnbalancedBrackets {
        code: "Q003",
        name: "unbalanced-brackets",
        family: Quotes,
        severity: Warning,
        default: true,
        fix: None,
    }
}

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    for problem in &doc.brackets().problems {
        let (span, message) = match problem {
            BracketProblem::Unclosed(open) => (open.span(), format!("`{}` is never closed", open.ch)),
            BracketProblem::UnmatchedClose(close) => (close.span(), format!("`{}` closes nothing", close.ch)),
            BracketProblem::Crossed { open, close } => (
                close.span(),
                format!("`{}` closes the `{}` opened before it", close.ch, open.ch),
            ),
        };
        out.push(Diagnostic::new(&UnbalancedBrackets::META, span, message));
    }
}
