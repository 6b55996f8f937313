use crate::declare_rule;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::document::Document;

use super::ends_abbreviation;

declare_rule! {
    /// ## What it finds
    /// Two punctuation marks where one belongs: `,,`, `;;`, `::`, exactly two
    /// periods `..`, and mixed pairs `,.` `.,` `.;` `;.` `,;` `;,` `:.` `?.`
    /// `!.`. A sentence period after an abbreviation's period
    /// (`etc..`, `D.C..`) counts too.
    ///
    /// ## Why it matters
    /// Joining segments that already end in punctuation, and mapping
    /// full-width marks, double the mark. Readers see a typo.
    ///
    /// Ellipses (`...`, `....`, `…`), an abbreviation's period before a comma
    /// or semicolon (`Inc.,`, `p.m.;`), `?!`, paths (`../data`), ranges in code
    /// (`1..10`), URLs, a title or brand ending in `!` or `?` before a comma
    /// (`“Hello, Dolly!,”`, `oOh!,`) and a quote or bracket between two marks (`“Why?” he
    /// asked.`) are left alone. Emphatic `!!` and `??` are a matter of style
    /// and are not reported.
    ///
    /// ## Examples
    /// ```bad
    /// the proposal,, Putin said
    /// ```
    /// ```fixed
    /// the proposal, Putin said
    /// ```
    /// ```bad
    /// on January 26.. The talks resumed;; later
    /// ```
    /// ```fixed
    /// on January 26. The talks resumed; later
    /// ```
    /// ```bad
    /// The meeting was held in Washington, D.C..
    /// ```
    /// ```fixed
    /// The meeting was held in Washington, D.C.
    /// ```
    /// ```bad
    /// Prices rose sharply.; Officials said,. Why?. No
    /// ```
    /// ```fixed
    /// Prices rose sharply. Officials said. Why? No
    /// ```
    /// ```good
    /// He paused... then left.... “Why?” he asked. Really?!
    /// ```
    /// ```good
    /// Huawei Co., Ltd., Acme Inc., the U.S., and at 5 p.m.; later, etc.
    /// ```
    /// ```good
    /// the musical (“Hello, Dolly!,” “Shuffle Along”) and the firm oOh!, which
    /// wrote on the 26th ult., as you know
    /// ```
    /// ```good
    /// Run ../setup with 1..10 at https://example.com/a..b today.
    /// ```
    /// ```good
    /// Stop!! Really??
    /// ```
    ///
    /// ## Fix safety
    /// Collapsing `,,`, `;;`, `::` and `..` to one mark is safe, except `..`
    /// before a lowercase word, which may be a short ellipsis (unsafe). For
    /// mixed pairs one mark must be chosen, so the fix is unsafe: it keeps the
    /// `.`, `?` or `!` of the pair, or else the first mark.
    pub struct DoubledPunctuation {
        code: "P001",
        name: "doubled-punctuation",
        family: Punctuation,
        severity: Warning,
        default: true,
        fix: Safe,
    }
}

fn is_mark(b: u8) -> bool {
    matches!(b, b',' | b'.' | b';' | b':' | b'!' | b'?')
}

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i + 1 < bytes.len() {
        if !is_mark(bytes[i]) || !is_mark(bytes[i + 1]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && is_mark(bytes[i]) {
            i += 1;
        }
        if let Some(diagnostic) = judge(doc, start, i) {
            out.push(diagnostic);
        }
    }
}

/// Decides a run of two or more marks at `start..end`.
fn judge(doc: &Document, start: usize, end: usize) -> Option<Diagnostic> {
    let text = doc.text();
    let bytes = text.as_bytes();
    let run = &text[start..end];
    if doc.is_protected(start) || run.contains("...") || run.contains("?!") || run.contains("!?") {
        return None;
    }
    let after = doc.char_at(end);
    let after_is_space_or_end = after.is_none_or(char::is_whitespace);
    let first = bytes[start];
    let same = bytes[start..end].iter().all(|&b| b == first);
    let (applicability, keep) = if same {
        match first {
            b'!' | b'?' => return None,
            b'.' if run.len() != 2 => return None,
            // `../path`, `1..10`, `a..b`: paths, ranges and code.
            b'.' if after.is_some_and(|c| c.is_alphanumeric() || c == '/') => return None,
            b':' if !after_is_space_or_end => return None,
            b'.' => {
                let next_word = text[end..].trim_start().chars().next();
                let lowercase_next = !after_is_space_or_end || next_word.is_some_and(char::is_lowercase);
                let applicability = if lowercase_next {
                    Applicability::Unsafe
                } else {
                    Applicability::Safe
                };
                (applicability, start)
            }
            _ => (Applicability::Safe, start),
        }
    } else {
        if run.len() != 2 {
            return None;
        }
        // `Inc.,`, `p.m.;`: the period belongs to the abbreviation; `Dolly!,`:
        // the mark belongs to a title.
        if first == b'.' && ends_abbreviation(doc, start) || matches!(first, b'!' | b'?') && bytes[start + 1] == b',' {
            return None;
        }
        let keep = if matches!(bytes[start + 1], b'.' | b'?' | b'!') && !matches!(first, b'?' | b'!') {
            start + 1
        } else {
            start
        };
        (Applicability::Unsafe, keep)
    };
    let kept = &text[keep..keep + 1];
    let edits = if keep == start {
        vec![Edit::deletion(start + 1..end)]
    } else {
        vec![Edit::deletion(start..keep)]
    };
    Some(
        Diagnostic::new(
            &DoubledPunctuation::META,
            start..end,
            format!("Doubled punctuation `{run}`"),
        )
        .with_fix(Fix::new(applicability, format!("Keep one `{kept}`"), edits)),
    )
}
