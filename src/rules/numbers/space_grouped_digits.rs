use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;

declare_rule! {
    /// ## What it finds
    /// Thousands grouped with spaces, no-break spaces or thin spaces instead of
    /// commas: `25 000 troops`, `1 500 000 rubles`.
    ///
    /// ## Why it matters
    /// Russian, French and SI style group digits with spaces; English news uses
    /// commas. A line break inside such a number splits it in two.
    ///
    /// Opt-in: two numbers in a row (`on May 5 100 people`, `Chapter 3 100
    /// years later`) look the same with plain spaces, and phone numbers
    /// (`+7 495 123 45 67`) and year-number pairs need care. Phone numbers,
    /// numbers after a month name and runs with a group that is not three
    /// digits are skipped.
    ///
    /// ## Examples
    /// ```bad
    /// About 25 000 troops took part.
    /// ```
    /// ```fixed
    /// About 25,000 troops took part.
    /// ```
    /// ```bad
    /// a budget of 1\u{a0}500\u{a0}000 rubles
    /// ```
    /// ```fixed
    /// a budget of 1,500,000 rubles
    /// ```
    /// ```good
    /// in 2021 100 people died, on May 5 100 people met
    /// ```
    /// ```good
    /// call +7 495 123 45 67 or 8 800 555 35 35
    /// ```
    ///
    /// ## Fix safety
    /// Replacing the spaces with commas is unsafe: the digits may be two
    /// numbers side by side.
    pub struct SpaceGroupedDigits {
        code: "N005",
        name: "space-grouped-digits",
        family: Numbers,
        severity: Info,
        default: false,
        fix: Unsafe,
    }
}

fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{2009}' | '\u{202f}')
}

/// The length of the run of ASCII digits at `at`.
fn digits(text: &str, at: usize) -> usize {
    text.as_bytes()[at..].iter().take_while(|b| b.is_ascii_digit()).count()
}

/// Whether the number at `start` continues something before it: another
/// number, a phone prefix, a month name (`May 5`).
fn continues_something(doc: &Document, start: usize) -> bool {
    let text = doc.text();
    let Some(before) = doc.char_before(start) else {
        return false;
    };
    if before.is_alphanumeric() || matches!(before, '+' | '-' | '.' | ',' | '(' | '/') {
        return true;
    }
    if !is_group_space(before) {
        return false;
    }
    let previous_end = start - before.len_utf8();
    let previous = doc.word_before(previous_end);
    previous.chars().all(|c| c.is_ascii_digit()) && !previous.is_empty()
        || super::calendar::month_number(previous, false).is_some()
        || text[..previous_end].ends_with('.')
            && super::calendar::month_number(doc.word_before(previous_end - 1), true).is_some()
}

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        let lead = digits(text, start);
        i += lead;
        if lead > 3 || continues_something(doc, start) {
            continue;
        }
        let mut spaces = Vec::new();
        let mut end = i;
        while let Some(space) = text[end..].chars().next().filter(|&c| is_group_space(c)) {
            let group = end + space.len_utf8();
            let group_len = digits(text, group);
            if group_len != 3 {
                break;
            }
            spaces.push(end..group);
            end = group + 3;
        }
        i = end;
        let tail = text[end..].chars().next();
        let next_group = tail
            .filter(|&c| is_group_space(c))
            .is_some_and(|c| digits(text, end + c.len_utf8()) > 0);
        if spaces.is_empty()
            || next_group
            || tail.is_some_and(|c| c.is_alphanumeric() || c == '-')
            || doc.is_protected(start)
        {
            continue;
        }
        out.push(
            Diagnostic::new(
                &SpaceGroupedDigits::META,
                start..end,
                format!("`{}` is grouped with spaces; English uses commas", &text[start..end]),
            )
            .with_fix(Fix::unsafe_(
                "Group the digits with commas",
                spaces.into_iter().map(|range| Edit::replacement(range, ",")).collect(),
            )),
        );
    }
}
