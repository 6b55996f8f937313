use std::collections::HashMap;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::rules::consistency::in_headline;

declare_rule! {
    /// ## What it finds
    /// One initialism written both with and without periods in one story:
    /// `US` and `U.S.`, `UK` and `U.K.`, `UN` and `U.N.`, `USSR` and
    /// `U.S.S.R.`. To keep clear of the pronoun in capitals (`TELL US MORE`),
    /// an undotted form counts only when a lowercase word or punctuation
    /// follows it and its line is not written in capitals (around it); `US$5` and `US
    /// Open` do not count. A file that holds several stories is cut at their
    /// headlines, and headlines themselves do not count: AP writes `UN` in a
    /// headline and `U.N.` in the story.
    ///
    /// ## Why it matters
    /// MT systems pick a style sentence by sentence, so one story mixes AP's
    /// `U.S.` with the `US` of most other house styles. It reads as unedited
    /// copy.
    ///
    /// ## Examples
    /// ```bad
    /// the US and NATO replied in writing, and the U.S. side said more.
    /// The US and its allies agreed.
    /// ```
    /// ```fixed
    /// the US and NATO replied in writing, and the US side said more.
    /// The US and its allies agreed.
    /// ```
    /// ```bad
    /// The U.N. said the UN, and the U.N. agreed, and the UN.
    /// ```
    /// ```fixed
    /// The U.N. said the U.N., and the U.N. agreed, and the U.N.
    /// ```
    /// ```good
    /// TELL US MORE: the U.S. and U.S.-China trade, paid in US$5 notes.
    /// ```
    /// ```good
    /// The US and UK agreed at the UN; the USSR fell at the US Open.
    /// ```
    /// ```good
    /// UN says thousands of militants remain in the region
    /// A U.N. report says more than 6,000 fighters are hiding there.
    /// The report was prepared by a U.N. team.
    /// ```
    ///
    /// ## Fix safety
    /// The fix rewrites each minority occurrence to the style the text uses
    /// most (on a tie, to the style used first) and is unsafe: `U.S.` at a
    /// sentence end holds the sentence's period too, which the rewrite can only
    /// guess at.
    pub struct InconsistentInitialismStyle {
        code: "C002",
        name: "inconsistent-initialism-style",
        family: Consistency,
        severity: Warning,
        default: true,
        fix: Unsafe,
    }
}

/// Each initialism, undotted then dotted.
const PAIRS: &[(&str, &str)] = &[("US", "U.S."), ("UK", "U.K."), ("UN", "U.N."), ("USSR", "U.S.S.R.")];

static MATCHER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(PAIRS.iter().flat_map(|(plain, dotted)| [plain, dotted]))
        .expect("initialisms build an automaton")
});

struct Occurrence {
    start: usize,
    end: usize,
    dotted: bool,
    /// The undotted form's sentence period (`the US.`), or the dotted form at
    /// a paragraph end, where its last period also ends the sentence.
    ends_sentence: bool,
}

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    let stories = doc.stories();
    let mut found: HashMap<(usize, usize), Vec<Occurrence>> = HashMap::new();
    for hit in MATCHER.find_iter(text) {
        let pattern = hit.pattern().as_usize();
        if let Some(occurrence) = occurrence(doc, hit.start(), hit.end(), pattern % 2 == 1) {
            let story = stories.partition_point(|s| s.end <= hit.start());
            found.entry((story, pattern / 2)).or_default().push(occurrence);
        }
    }
    let mut groups: Vec<_> = found.into_iter().collect();
    groups.sort_by_key(|(_, occurrences)| occurrences[0].start);
    for ((_, pair), occurrences) in groups {
        let (plain, dotted_form) = PAIRS[pair];
        let dotted = occurrences.iter().filter(|o| o.dotted).count();
        let undotted = occurrences.len() - dotted;
        if dotted == 0 || undotted == 0 {
            continue;
        }
        let keep_dotted = dotted > undotted || (dotted == undotted && occurrences[0].dotted);
        let (majority, minority, count) = if keep_dotted {
            (dotted_form, plain, dotted)
        } else {
            (plain, dotted_form, undotted)
        };
        for o in occurrences.iter().filter(|o| o.dotted != keep_dotted) {
            let edit = match (o.dotted, o.ends_sentence) {
                // `the US.` becomes `the U.S.`: one period serves both.
                (false, true) => Edit::replacement(o.start..o.end + 1, dotted_form),
                (false, false) => Edit::replacement(o.start..o.end, dotted_form),
                (true, true) => Edit::replacement(o.start..o.end, format!("{plain}.")),
                (true, false) => Edit::replacement(o.start..o.end, plain),
            };
            out.push(
                Diagnostic::new(
                    &InconsistentInitialismStyle::META,
                    o.start..o.end,
                    format!(
                        "`{minority}` here, but this story writes `{majority}` ({count} of {} uses)",
                        dotted + undotted
                    ),
                )
                .with_fix(Fix::unsafe_(format!("Write `{majority}`"), vec![edit])),
            );
        }
    }
}

fn occurrence(doc: &Document, start: usize, end: usize, dotted: bool) -> Option<Occurrence> {
    let text = doc.text();
    if doc.char_before(start).is_some_and(|c| c.is_alphanumeric() || c == '.') || in_headline(doc, start) {
        return None;
    }
    let after = doc.char_at(end);
    if after.is_some_and(char::is_alphanumeric) {
        return None;
    }
    if dotted {
        // The paragraph ends here, maybe after a closing quote or bracket.
        let rest = text[end..].trim_start_matches(['”', '"', '’', ')']);
        let ends_sentence = rest.is_empty() || rest.starts_with(['\n', '\r']);
        return Some(Occurrence {
            start,
            end,
            dotted,
            ends_sentence,
        });
    }
    let counts = match after {
        None => true,
        Some(c) if c.is_whitespace() => doc.char_at(end + c.len_utf8()).is_some_and(char::is_lowercase),
        Some(c) => matches!(
            c,
            ',' | '.' | ';' | ':' | ')' | '’' | '\'' | '-' | '”' | '"' | '!' | '?'
        ),
    };
    if !counts || in_capitals(doc, start) {
        return None;
    }
    Some(Occurrence {
        start,
        end,
        dotted,
        ends_sentence: after == Some('.'),
    })
}

/// Whether the line holding `offset` is written mostly in capitals, like a
/// headline where `US` may be the pronoun. Only the 200 bytes around the
/// offset are counted, so a long line costs the same as a short one.
fn in_capitals(doc: &Document, offset: usize) -> bool {
    let lines = doc.lines();
    let text = doc.text();
    let line = lines.line_range(lines.line_of(offset));
    let mut start = line.start.max(offset.saturating_sub(100));
    let mut end = line.end.min(offset + 100);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let window = &text[start..end];
    let upper = window.chars().filter(|c| c.is_uppercase()).count();
    let lower = window.chars().filter(|c| c.is_lowercase()).count();
    upper > lower
}
