use std::collections::HashMap;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::rules::consistency::in_headline;
use crate::wordlist::HONORIFICS;

declare_rule! {
    /// ## What it finds
    /// One title written both with and without a period in one story: `Mr
    /// Putin` in one paragraph and `Mr. Putin` in the next. A file that holds
    /// several stories is cut at their headlines, and headlines themselves do
    /// not count (they follow their own style). Each title is
    /// counted on its own (`rules/lists/honorifics.txt`), so British style
    /// `Mr Putin … Prof. Karaganov` is consistent. Only a title before a
    /// capitalised name counts; `St` (Saint or Street) and the post-nominal
    /// `Jr` and `Sr` are left out, and so is a title before a word that starts
    /// sentences (`the Dr. He said`).
    ///
    /// ## Why it matters
    /// MT systems translate sentence by sentence and pick a style each time, so
    /// one story ends up in two house styles. Readers of a professional paper
    /// notice, and the mix tells them the copy was never edited.
    ///
    /// ## Examples
    /// ```bad
    /// Mr Putin said the talks would go on. Mr Putin also met Mr. Orban.
    /// ```
    /// ```fixed
    /// Mr Putin said the talks would go on. Mr Putin also met Mr Orban.
    /// ```
    /// ```bad
    /// Dr. Li spoke first.
    /// Dr Wang agreed with Dr. Li.
    /// ```
    /// ```fixed
    /// Dr. Li spoke first.
    /// Dr. Wang agreed with Dr. Li.
    /// ```
    /// ```bad
    /// have been ignored.”Mr Putin said, in the written reply.Mr. Putin said
    /// ```
    /// ```fixed
    /// have been ignored.”Mr Putin said, in the written reply.Mr Putin said
    /// ```
    /// ```bad
    /// Mr Putin said so. Mr.Lavrov said it too.
    /// ```
    /// ```fixed
    /// Mr Putin said so. Mr Lavrov said it too.
    /// ```
    /// ```good
    /// Mr Putin met Prof. Karaganov and Mr Orban.
    /// ```
    /// ```good
    /// Mr. Putin met Mr. Orban on St Petersburg's St. George Street.
    /// ```
    /// ```good
    /// The Gen Z voters backed Gen. Milley and Mr Biden.
    /// ```
    /// ```good
    /// Mr. Trump plans a new tax cut
    /// Mr. Trump said the cut would come later.
    /// Democrats said they would study it.
    /// Pelosi dismisses plan as a stunt
    /// Mr Trump's plan drew scorn from Ms Pelosi.
    /// Ms Pelosi spoke on Sunday.
    /// ```
    ///
    /// ## Fix safety
    /// The fix rewrites each minority occurrence to the style the text uses
    /// most (on a tie, to the style used first) and is unsafe: the house style
    /// may be the minority one, and a quotation may keep its source's style.
    pub struct InconsistentHonorificPeriod {
        code: "C001",
        name: "inconsistent-honorific-period",
        family: Consistency,
        severity: Warning,
        default: true,
        fix: Unsafe,
    }
}

/// Titles whose period is not a house-style choice: `St` is also Street, and
/// `Jr`/`Sr` follow the name.
const SKIPPED: &[&str] = &["St", "Jr", "Sr"];

/// Capitalised words that start sentences rather than name people.
const SENTENCE_STARTERS: &[&str] = &[
    "The", "He", "She", "It", "They", "We", "I", "You", "This", "That", "These", "Those", "In", "On", "At", "But",
    "And", "A", "An", "His", "Her", "Their", "There", "Then", "When", "As", "If", "So",
];

static TITLES: LazyLock<(Vec<&'static str>, AhoCorasick)> = LazyLock::new(|| {
    let mut titles: Vec<&'static str> = HONORIFICS.iter().copied().filter(|t| !SKIPPED.contains(t)).collect();
    titles.sort_unstable();
    let matcher = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&titles)
        .expect("titles build an automaton");
    (titles, matcher)
});

/// One title before a name.
struct Occurrence {
    /// The title and its period, if any.
    start: usize,
    end: usize,
    dotted: bool,
    /// `Mr.Putin`: the period is glued to the name.
    glued: bool,
}

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    let (titles, matcher) = &*TITLES;
    let stories = doc.stories();
    let mut by_title: HashMap<(usize, &str), Vec<Occurrence>> = HashMap::new();
    for found in matcher.find_iter(text) {
        let title = titles[found.pattern().as_usize()];
        if let Some(occurrence) = occurrence(doc, found.start(), found.end()) {
            let story = stories.partition_point(|s| s.end <= found.start());
            by_title.entry((story, title)).or_default().push(occurrence);
        }
    }
    let mut titles_found: Vec<_> = by_title.into_iter().collect();
    titles_found.sort_by_key(|(_, occurrences)| occurrences[0].start);
    for ((_, title), occurrences) in titles_found {
        let dotted = occurrences.iter().filter(|o| o.dotted).count();
        let plain = occurrences.len() - dotted;
        if dotted == 0 || plain == 0 {
            continue;
        }
        // The majority style wins; on a tie, the style seen first.
        let keep_dotted = dotted > plain || (dotted == plain && occurrences[0].dotted);
        let (majority, minority) = if keep_dotted {
            (format!("{title}."), title.to_string())
        } else {
            (title.to_string(), format!("{title}."))
        };
        for o in occurrences.iter().filter(|o| o.dotted != keep_dotted) {
            let edit = match (o.dotted, o.glued) {
                (false, _) => Edit::insertion(o.end, "."),
                (true, false) => Edit::deletion(o.end - 1..o.end),
                (true, true) => Edit::replacement(o.end - 1..o.end, " "),
            };
            out.push(
                Diagnostic::new(
                    &InconsistentHonorificPeriod::META,
                    o.start..o.end,
                    format!(
                        "`{minority}` here, but this story writes `{majority}` ({} of {} uses)",
                        if keep_dotted { dotted } else { plain },
                        dotted + plain
                    ),
                )
                .with_fix(Fix::unsafe_(format!("Write `{majority}`"), vec![edit])),
            );
        }
    }
}

/// The title at `start..end` if it stands before a name: `Mr Putin`,
/// `Mr. Putin`, `Mr.Putin`, with one space or line break between.
fn occurrence(doc: &Document, start: usize, end: usize) -> Option<Occurrence> {
    let text = doc.text();
    if doc
        .char_before(start)
        .is_some_and(|c| c.is_alphanumeric() || matches!(c, '-' | '\'' | '’' | '_' | '/' | '@'))
    {
        return None;
    }
    let dotted = text.as_bytes().get(end) == Some(&b'.');
    let title_end = end + usize::from(dotted);
    let rest = &text[title_end..];
    let gap = if rest.starts_with("\r\n") {
        2
    } else if rest.starts_with([' ', '\n']) {
        1
    } else if dotted {
        0
    } else {
        return None;
    };
    let name = doc.word_after(title_end + gap);
    let mut chars = name.chars();
    let named = chars.next().is_some_and(char::is_uppercase) && chars.next().is_some_and(char::is_lowercase);
    if !named || SENTENCE_STARTERS.contains(&name) || doc.is_protected(start) || in_headline(doc, start) {
        return None;
    }
    Some(Occurrence {
        start,
        end: title_end,
        dotted,
        glued: gap == 0,
    })
}
