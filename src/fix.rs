//! Applying fixes: non-overlapping edits per pass, re-linting to a fixpoint.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::{Applicability, Diagnostic, Edit};
use crate::linter::lint;
use crate::registry::RuleSet;

/// How many lint-and-fix passes a text gets before we give up on convergence.
pub const MAX_PASSES: usize = 20;

/// The outcome of fixing one text.
#[derive(Debug)]
pub struct FixOutcome {
    /// The text after every applied fix.
    pub text: String,
    /// How many diagnostics were fixed, per rule code.
    pub fixed: Vec<(&'static str, usize)>,
    /// What the fixed text still has.
    pub remaining: Vec<Diagnostic>,
    /// Codes of rules still offering applicable fixes after the last pass, when
    /// fixing did not converge.
    pub unconverged: Vec<&'static str>,
}

impl FixOutcome {
    pub fn fixed_count(&self) -> usize {
        self.fixed.iter().map(|(_, n)| n).sum()
    }
}

/// Applies the fixes of `diagnostics` that reach `required`, skipping any whose
/// edits overlap an edit already taken (they wait for the next pass). Returns
/// the new text and the diagnostics whose fixes were applied.
pub fn apply_fixes<'d>(
    text: &str,
    diagnostics: &'d [Diagnostic],
    required: Applicability,
) -> (String, Vec<&'d Diagnostic>) {
    let mut candidates: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.fixable_at(required)).collect();
    candidates.sort_by_key(|d| {
        let fix = d.fix.as_ref().expect("filtered to fixable");
        (fix.edits.first().map(|e| (e.start, e.end)), d.rule.code)
    });
    // Keyed by range; taken edits never overlap, so this is also text order.
    let mut taken: BTreeMap<(usize, usize), &Edit> = BTreeMap::new();
    let mut seen: BTreeSet<&Edit> = BTreeSet::new();
    let mut applied = Vec::new();
    for diagnostic in candidates {
        let edits = &diagnostic.fix.as_ref().expect("filtered to fixable").edits;
        let fresh: Vec<&Edit> = edits.iter().filter(|e| !seen.contains(e)).collect();
        if fresh.iter().any(|edit| conflicts_with_taken(&taken, edit)) {
            continue;
        }
        if edits.iter().any(|edit| joins_line_endings(text, edit)) {
            continue;
        }
        for edit in fresh {
            seen.insert(edit);
            taken.insert((edit.start, edit.end), edit);
        }
        applied.push(diagnostic);
    }
    let mut output = String::with_capacity(text.len() + taken.len());
    let mut cursor = 0;
    for edit in taken.into_values() {
        output.push_str(&text[cursor..edit.start]);
        output.push_str(&edit.replacement);
        cursor = edit.end;
    }
    output.push_str(&text[cursor..]);
    (output, applied)
}

/// Whether `edit` conflicts with an edit already taken. Taken edits never
/// overlap, so their ends grow with their starts: walking back from the last one
/// starting at or before `edit.end`, the first that ends before `edit.start`
/// ends the search. A few steps per edit, so a pass over 100,000 fixes on one
/// line stays linear.
fn conflicts_with_taken(taken: &BTreeMap<(usize, usize), &Edit>, edit: &Edit) -> bool {
    for t in taken.range(..=(edit.end, usize::MAX)).rev().map(|(_, t)| t) {
        if t.end < edit.start {
            return false;
        }
        if conflicts(t, edit) {
            return true;
        }
    }
    false
}

/// Two edits conflict when their ranges overlap, or when both insert at the same
/// point (their order would be arbitrary). Touching ranges do not conflict.
fn conflicts(a: &Edit, b: &Edit) -> bool {
    let overlap = a.start < b.end && b.start < a.end;
    let same_insertion_point = a.start == a.end && b.start == b.end && a.start == b.start;
    let insertion_inside =
        |ins: &Edit, other: &Edit| ins.start == ins.end && other.start < ins.start && ins.start < other.end;
    overlap || same_insertion_point || insertion_inside(a, b) || insertion_inside(b, a)
}

/// Whether applying `edit` would put a lone `\r` right before a `\n`, making
/// two line endings one `\r\n` (deleting a line between a Mac and a Unix
/// ending, say). Such a fix is never applied: fixes keep line endings.
fn joins_line_endings(text: &str, edit: &Edit) -> bool {
    let bytes = text.as_bytes();
    let replacement = edit.replacement.as_bytes();
    let before = edit.start.checked_sub(1).map(|i| bytes[i]);
    let after = bytes.get(edit.end).copied();
    let first = replacement.first().copied().or(after);
    let was_crlf_before = bytes.get(edit.start) == Some(&b'\n');
    let left_join = before == Some(b'\r') && first == Some(b'\n') && !was_crlf_before;
    let was_crlf_after = edit.end.checked_sub(1).map(|i| bytes[i]) == Some(b'\r');
    let right_join = replacement.last() == Some(&b'\r') && after == Some(b'\n') && !was_crlf_after;
    left_join || right_join
}

/// Lints and fixes `text` until no applicable fix remains, at most
/// [`MAX_PASSES`] times.
pub fn fix(text: &str, rules: &RuleSet, required: Applicability) -> FixOutcome {
    fix_with(text, required, |current| lint(current, rules))
}

/// [`fix`] with the linting step given, so that settings that filter or change
/// diagnostics (`allow`, `unfixable`) hold while fixing too.
pub fn fix_with(text: &str, required: Applicability, lint: impl Fn(&str) -> Vec<Diagnostic>) -> FixOutcome {
    let mut current = text.to_string();
    let mut fixed: Vec<(&'static str, usize)> = Vec::new();
    for _ in 0..MAX_PASSES {
        let diagnostics = lint(&current);
        let (next, applied) = apply_fixes(&current, &diagnostics, required);
        if applied.is_empty() {
            fixed.sort_unstable();
            return FixOutcome {
                text: current,
                fixed,
                remaining: diagnostics,
                unconverged: Vec::new(),
            };
        }
        for diagnostic in applied {
            match fixed.iter_mut().find(|(code, _)| *code == diagnostic.rule.code) {
                Some((_, count)) => *count += 1,
                None => fixed.push((diagnostic.rule.code, 1)),
            }
        }
        current = next;
    }
    let remaining = lint(&current);
    let mut unconverged: Vec<&'static str> = remaining
        .iter()
        .filter(|d| d.fixable_at(required))
        .map(|d| d.rule.code)
        .collect();
    unconverged.sort_unstable();
    unconverged.dedup();
    fixed.sort_unstable();
    FixOutcome {
        text: current,
        fixed,
        remaining,
        unconverged,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn touching_edits_do_not_conflict_but_overlapping_ones_do() {
        let a = Edit::replacement(0..2, "x");
        assert!(!conflicts(&a, &Edit::replacement(2..3, "y")));
        assert!(conflicts(&a, &Edit::replacement(1..3, "y")));
        assert!(conflicts(&Edit::insertion(2, " "), &Edit::insertion(2, "-")));
        assert!(conflicts(&Edit::insertion(1, " "), &a));
        assert!(!conflicts(&Edit::insertion(2, " "), &a));
    }

    #[test]
    fn the_taken_edit_search_agrees_with_checking_every_pair() {
        let mut candidates = Vec::new();
        for start in 0..6 {
            for end in start..6 {
                candidates.push(Edit::replacement(start..end, "x"));
            }
        }
        // Take greedily in many orders, as fixes arrive: each multiplier is
        // coprime with the 21 candidates, so every candidate comes once.
        let mut most_taken = 0;
        for step in [1, 2, 4, 5, 8, 10, 11, 13, 16, 17, 19, 20] {
            let mut taken: BTreeMap<(usize, usize), &Edit> = BTreeMap::new();
            for index in (0..candidates.len()).map(|i| (i * step) % candidates.len()) {
                let edit = &candidates[index];
                let brute = taken.values().any(|t| conflicts(t, edit));
                assert_eq!(conflicts_with_taken(&taken, edit), brute, "{edit:?} against {taken:?}");
                if !brute {
                    taken.insert((edit.start, edit.end), edit);
                }
            }
            most_taken = most_taken.max(taken.len());
        }
        assert!(most_taken >= 8, "{most_taken}");
    }

    #[test]
    fn an_edit_that_would_join_a_lone_cr_and_an_lf_is_refused() {
        let text = "a\r(after)\nb\r\nc";
        assert!(joins_line_endings(text, &Edit::deletion(2..9)));
        assert!(!joins_line_endings(text, &Edit::deletion(2..10)));
        assert!(joins_line_endings(text, &Edit::replacement(2..10, "\n")));
        assert!(joins_line_endings("a b\n", &Edit::replacement(1..3, "\r")));
        // The CRLF was there before: nothing joins.
        assert!(!joins_line_endings(text, &Edit::replacement(11..12, "x")));
        assert!(!joins_line_endings(text, &Edit::replacement(12..12, "\r")));
    }
}
