use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;

use super::ends_abbreviation;

declare_rule! {
    /// ## What it finds
    /// A sentence that starts with a lowercase letter where the sentence
    /// boundary is unambiguous: after a period and a space (`armed conflict.
    /// russia wants`), or at the start of a paragraph (`my country has
    /// continued`).
    ///
    /// ## Why it matters
    /// MT systems lowercase sentence starts when they translate segments out of
    /// context, and scrapers cut paragraphs mid-sentence. Either way the reader
    /// sees a broken sentence.
    ///
    /// A period that closes an abbreviation or initial (`a.m.`, `e.g.`,
    /// `i.e.`, `etc.`, `approx.`, `U.S.`), ellipses, list markers (`a)`,
    /// `2. the`), lowercase brands (`iPhone`, `eBay`), URLs and hosts
    /// (`xinhua.net`) are left alone; so are `!` and `?`, which end
    /// interjections inside sentences (`Oh! no`), and a period inside
    /// quotation marks before a dialogue tag.
    ///
    /// ## Examples
    /// ```bad
    /// It wanted to draw Russia into armed conflict. russia wants to avoid it.
    /// ```
    /// ```fixed
    /// It wanted to draw Russia into armed conflict. Russia wants to avoid it.
    /// ```
    /// ```bad
    /// The talks ended.\u{a}my country has continued to grow.
    /// ```
    /// ```fixed
    /// The talks ended.\u{a}My country has continued to grow.
    /// ```
    /// ```good
    /// He arrived at 10 a.m. local time, e.g. before the talks, i.e. early, etc. and approx. two hours later.
    /// ```
    /// ```good
    /// Sales rose. iPhone sales rose. eBay fell. xinhua.net reported it... and then . . . nothing.
    /// ```
    /// ```good
    /// Oh! no, she said. What? never!
    /// ```
    /// ```good
    /// “I thank you,” said she, “but I assure you it is
    /// nothing.” Then, as they walked on, she added in a low voice, “my
    /// dear.”
    ///
    /// resumed Miss Bates, after a pause in the story
    ///
    ///     And my whole is the best antidote
    ///       That affliction to soften and heal.--
    ///
    /// made her quite sorry to acknowledge it.
    /// ```
    /// ```bad
    /// Bureau of Urban Management to accept social supervision
    ///
    /// recently, careful people will find new kiosks.
    /// ```
    /// ```good
    /// The list: 1. the first item; a) the second.
    /// ```
    /// ```good
    /// He met J. smith and the U.S. envoy in St. petersburg.
    /// ```
    ///
    /// ## Fix safety
    /// Uppercasing the letter is unsafe: the period may belong to an
    /// abbreviation the lists do not know.
    pub struct LowercaseSentenceStart {
        code: "P003",
        name: "lowercase-sentence-start",
        family: Punctuation,
        severity: Warning,
        default: true,
        fix: Unsafe,
    }
}

/// Whether the word at `start` can start a sentence in lowercase: a brand
/// (`iPhone`), a list marker (`a)`), a URL or host.
fn lowercase_allowed(doc: &Document, start: usize) -> bool {
    let word = doc.word_after(start);
    let text = doc.text();
    let after = &text[start + word.len()..];
    word.chars().skip(1).any(char::is_uppercase)
        || word.chars().count() == 1 && after.starts_with([')', '.'])
        || doc.is_protected(start)
}

fn report(doc: &Document, start: usize, out: &mut Vec<Diagnostic>) {
    let Some(first) = doc.char_at(start) else { return };
    if !first.is_lowercase() || lowercase_allowed(doc, start) {
        return;
    }
    let upper: String = first.to_uppercase().collect();
    // Some lowercase letters have no capital (`ɶ`): nothing to fix, nothing to say.
    if upper.chars().eq([first]) {
        return;
    }
    let word = doc.word_after(start);
    out.push(
        Diagnostic::new(
            &LowercaseSentenceStart::META,
            start..start + word.len(),
            format!("Sentence starts with lowercase `{word}`"),
        )
        .with_fix(Fix::unsafe_(
            format!("Capitalise `{word}`"),
            vec![Edit::replacement(start..start + first.len_utf8(), upper)],
        )),
    );
}

/// Whether the period at `dot` ends a sentence for sure.
fn ends_sentence(doc: &Document, dot: usize) -> bool {
    let text = doc.text();
    let before = &text[..dot];
    if before.ends_with(['.', '…']) || before.ends_with(". .") || doc.is_protected(dot) || ends_abbreviation(doc, dot)
    {
        return false;
    }
    // `1. the first item`: a list number at the start of a line or after a colon.
    let word = doc.word_before(dot);
    let numbered = !word.is_empty() && word.len() <= 2 && word.bytes().all(|b| b.is_ascii_digit());
    !numbered && !word.is_empty()
}

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    let bytes = text.as_bytes();
    for paragraph in doc.paragraphs() {
        let body = &text[paragraph.clone()];
        let start = paragraph.start + body.len() - body.trim_start().len();
        // Hard-wrapped text may split a paragraph where a line ends mid-sentence,
        // and prose resumes in lowercase after a quoted verse or line (`…heal.--`,
        // `…saw,"`). Only a paragraph after a sentence-ending period, or after a
        // blank line and an unpunctuated headline, surely starts a sentence.
        let previous = text[..paragraph.start].trim_end_matches([' ', '\t']);
        let after_blank_line = previous.trim_end_matches('\r').ends_with('\n')
            && previous[..previous.len() - 1]
                .trim_end_matches([' ', '\t', '\r'])
                .ends_with('\n');
        let previous = previous.trim_end();
        let after_headline = after_blank_line && previous.ends_with(|c: char| c.is_alphanumeric());
        if previous.is_empty() || after_headline || previous.ends_with('.') && ends_sentence(doc, previous.len() - 1) {
            report(doc, start, out);
        }
    }
    for dot in memchr::memchr_iter(b'.', bytes) {
        let gap = bytes[dot + 1..]
            .iter()
            .take_while(|&&b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
            .count();
        let start = dot + 1 + gap;
        let gap_text = &text[dot + 1..start];
        if gap == 0 || start >= bytes.len() || !bytes[start].is_ascii_lowercase() && bytes[start] < 0x80 {
            continue;
        }
        // A line break ends the paragraph in one-segment-per-line text; the
        // paragraph start is checked above.
        if gap_text.contains('\n') && doc.paragraph_of(dot) != doc.paragraph_of(start) {
            continue;
        }
        if ends_sentence(doc, dot) {
            report(doc, start, out);
        }
    }
}
