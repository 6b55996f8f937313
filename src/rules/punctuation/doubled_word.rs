use crate::declare_rule;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::document::{Document, char_at};

declare_rule! {
    /// ## What it finds
    /// The same word twice in a row, case-insensitively, with only spaces or a
    /// single line break between them: `the US and and NATO`, `to to contain`.
    ///
    /// ## Why it matters
    /// MT systems and editing slips repeat short words; readers stumble on
    /// them and spell checkers accept them.
    ///
    /// Grammatical repeats (`had had`, `that that`, `is is` in "what it is
    /// is", `gave her her`,
    /// `assure you you are`), reduplications (`bye bye`, `so so`, `very very`,
    /// `ha ha`) and pairs of capitalised words, which are names (`Li Li`,
    /// `Lang Lang`, `Bora Bora`, `Duran Duran`), are left alone, as are words
    /// in different paragraphs (a repeated headline is M007's).
    ///
    /// ## Examples
    /// ```bad
    /// the US and and NATO
    /// ```
    /// ```fixed
    /// the US and NATO
    /// ```
    /// ```bad
    /// The the ministry said it wants to to contain Russia.
    /// ```
    /// ```fixed
    /// The ministry said it wants to contain Russia.
    /// ```
    /// ```bad
    /// a report on the\u{a}the talks
    /// ```
    /// ```fixed
    /// a report on the talks
    /// ```
    /// ```good
    /// If I had had time, he said that that was wrong; what it is is a test.
    /// ```
    /// ```good
    /// The pianist Lang Lang met Li Li on Bora Bora. Bye bye, so so, ha ha.
    /// ```
    /// ```good
    /// It ended with the\u{a}\u{a}the next paragraph.
    /// ```
    /// ```good
    /// a well-to-do do, and she gave her her keys; I assure you you are wrong
    /// ```
    ///
    /// ## Fix safety
    /// Deleting the second copy is safe for articles and a few function words
    /// (`the`, `a`, `an`, `of`, `and`, `or`) that never double in English; for
    /// other words it is unsafe.
    pub struct DoubledWord {
        code: "P002",
        name: "doubled-word",
        family: Punctuation,
        severity: Warning,
        default: true,
        fix: Safe,
    }
}

/// Words that English repeats on purpose, in lowercase.
const REPEATABLE: &[&str] = &[
    "had", "that", "is", "her", "you", "do", "bye", "so", "no", "yes", "yeah", "ha", "haha", "he", "hee", "ho", "blah",
    "bla", "tut", "chop", "knock", "well", "very", "many", "far", "long", "really", "now", "there", "hip", "boo", "la",
    "na", "tsk", "choo", "hush", "din", "fifty", "goody", "dum", "pooh", "mm", "hmm", "oh", "ah", "aye", "wait",
];

/// Words whose doubling is always a slip.
const ALWAYS_WRONG: &[&str] = &["the", "a", "an", "of", "and", "or"];

/// Bytes of ASCII letters (1) and of ASCII letters and `'` (2): a lookup
/// costs less than range tests in the word loops.
static ASCII_CLASS: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        if (b as u8).is_ascii_alphabetic() {
            table[b] = 3;
        } else if b == b'\'' as usize {
            table[b] = 2;
        }
        b += 1;
    }
    table
};

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    let bytes = text.as_bytes();
    let mut previous: Option<std::ops::Range<usize>> = None;
    let mut i = 0;
    while i < bytes.len() {
        while i < bytes.len() && bytes[i].is_ascii() && ASCII_CLASS[usize::from(bytes[i])] & 1 == 0 {
            i += 1;
        }
        if i == bytes.len() {
            break;
        }
        let (c, len) = char_at(text, i);
        i += len;
        if !c.is_alphabetic() {
            continue;
        }
        let start = i - len;
        while i < bytes.len() {
            while i < bytes.len() && ASCII_CLASS[usize::from(bytes[i])] & 2 != 0 {
                i += 1;
            }
            if i == bytes.len() {
                break;
            }
            let (c, len) = char_at(text, i);
            if !(c.is_alphabetic() || c == '’') {
                break;
            }
            i += len;
        }
        let current = start..i;
        if let Some(first) = previous.replace(current.clone())
            && let Some(diagnostic) = judge(doc, first, current)
        {
            out.push(diagnostic);
        }
    }
}

/// Whether two words are equal once lowercased, as `str::to_lowercase` has
/// it, without allocating: ASCII words compare bytewise; others char by char,
/// unless a `Σ` makes the lowercasing depend on where it stands.
fn same_lowercase(a: &str, b: &str) -> bool {
    if a.eq_ignore_ascii_case(b) {
        return true;
    }
    if a.is_ascii() && b.is_ascii() {
        return false;
    }
    if a.contains('Σ') || b.contains('Σ') {
        return a.to_lowercase() == b.to_lowercase();
    }
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

fn judge(doc: &Document, first: std::ops::Range<usize>, second: std::ops::Range<usize>) -> Option<Diagnostic> {
    let text = doc.text();
    let gap = &text.as_bytes()[first.end..second.start];
    if gap.is_empty() || !gap.iter().all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r')) {
        return None;
    }
    let breaks = gap.iter().filter(|&&b| b == b'\n').count();
    if breaks > 1 {
        return None;
    }
    let (a, b) = (&text[first.clone()], &text[second.clone()]);
    if !same_lowercase(a, b) {
        return None;
    }
    let lower = a.to_lowercase();
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let hyphenated = doc.char_before(first.start) == Some('-') || doc.char_at(second.end) == Some('-');
    if REPEATABLE.contains(&lower.as_str()) || capitalised(a) && capitalised(b) || hyphenated {
        return None;
    }
    if breaks == 1 && doc.paragraph_of(first.start) != doc.paragraph_of(second.start) {
        return None;
    }
    let applicability = if ALWAYS_WRONG.contains(&lower.as_str()) {
        Applicability::Safe
    } else {
        Applicability::Unsafe
    };
    Some(
        Diagnostic::new(
            &DoubledWord::META,
            first.start..second.end,
            format!("`{a}` is repeated"),
        )
        .with_fix(Fix::new(
            applicability,
            "Delete the second copy",
            vec![Edit::deletion(first.end..second.end)],
        )),
    )
}
