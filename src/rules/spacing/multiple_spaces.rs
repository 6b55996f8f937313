use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;

declare_rule! {
    /// ## What it finds
    /// Two or more spaces in a row inside a line (`NATO  expansion`). Spaces
    /// that indent a line or trail it are S009's.
    ///
    /// ## Why it matters
    /// Doubled spaces come from joining segments or deleting words in a
    /// pipeline; they show in print and break phrase search. Tabs are left
    /// alone: they usually align tables.
    ///
    /// ## Examples
    /// ```bad
    /// a halt to NATO  expansion
    /// ```
    /// ```fixed
    /// a halt to NATO expansion
    /// ```
    /// ```bad
    /// the claim.   He said
    /// ```
    /// ```fixed
    /// the claim. He said
    /// ```
    /// ```good
    /// a halt to NATO expansion
    /// ```
    /// ```good
    ///     indented line
    /// ```
    /// ```good
    /// Name\u{9}\u{9}Age
    /// ```
    ///
    /// ## Fix safety
    /// Collapsing a run of ordinary spaces to one is safe. A run that holds a
    /// no-break space is collapsed to one no-break space, also safe.
    pub struct MultipleSpaces {
        code: "S008",
        name: "multiple-spaces",
        family: Spacing,
        severity: Warning,
        default: true,
        fix: Safe,
    }
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}')
}

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    let bytes = text.as_bytes();
    // Runs are found from two cheap searches: double ASCII spaces, and no-break
    // spaces (rare) that may sit in a run.
    let mut hits: Vec<usize> = memchr::memmem::find_iter(bytes, b"  ").collect();
    hits.extend(memchr::memmem::find_iter(bytes, "\u{a0}".as_bytes()));
    hits.sort_unstable();
    let mut covered = 0;
    for hit in hits {
        if hit < covered {
            continue;
        }
        let start = hit
            - text[..hit]
                .chars()
                .rev()
                .take_while(|&c| is_space(c))
                .map(char::len_utf8)
                .sum::<usize>();
        let end = hit
            + text[hit..]
                .chars()
                .take_while(|&c| is_space(c))
                .map(char::len_utf8)
                .sum::<usize>();
        covered = end;
        let run = &text[start..end];
        let at_line_start = start == 0 || matches!(bytes[start - 1], b'\n' | b'\r');
        let at_line_end = end == text.len() || matches!(bytes[end], b'\n' | b'\r');
        if run.chars().count() < 2 || at_line_start || at_line_end {
            continue;
        }
        let keep = if run.contains('\u{a0}') { "\u{a0}" } else { " " };
        out.push(
            Diagnostic::new(
                &MultipleSpaces::META,
                start..end,
                format!("{} spaces in a row", run.chars().count()),
            )
            .with_fix(Fix::safe(
                "Collapse to one space",
                vec![Edit::replacement(start..end, keep)],
            )),
        );
    }
}
