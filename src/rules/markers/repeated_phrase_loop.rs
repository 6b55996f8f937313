use std::collections::HashMap;
use std::ops::Range;

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;

declare_rule! {
    /// ## What it finds
    /// Text repeated back to back, the way NMT "hallucination" loops and
    /// scrapers produce it:
    /// - a phrase of two to eight words (six characters or more) said twice or
    ///   more in a row with nothing but spaces between (`the response of the
    ///   response of`);
    /// - a sentence of four words or more repeated right after itself;
    /// - a paragraph of eight words or more that repeats an earlier one (final
    ///   full stop aside), as scraped pages repeat headlines and blocks.
    ///
    /// Idioms and rhetoric stay quiet: `step by step`, `more and more`, `again
    /// and again and again`, `round and round`, `ha ha ha ha`, and repeats
    /// set off by punctuation (`Go, go, go!`, `New York, New York`). One word
    /// doubled (`the the`) is P002's.
    ///
    /// ## Why it matters
    /// A loop is a sure sign of broken MT output or a broken scrape; the
    /// repeated part says nothing new and the sentence around it is often
    /// garbled too.
    ///
    /// ## Examples
    /// ```bad
    /// The move was the response of the response of the United States to sanctions.
    /// ```
    /// ```fixed
    /// The move was the response of the United States to sanctions.
    /// ```
    /// ```bad
    /// He also wants security talks to continue. He also wants security talks to continue. Moscow agreed.
    /// ```
    /// ```fixed
    /// He also wants security talks to continue. Moscow agreed.
    /// ```
    /// ```bad
    /// It is reckless to name specific dates during the fighting, Putin said
    ///
    /// Read on the website
    ///
    /// It is reckless to name specific dates during the fighting, Putin said.
    /// ```
    /// ```fixed
    /// It is reckless to name specific dates during the fighting, Putin said
    ///
    /// Read on the website
    /// ```
    /// ```good
    /// Step by step, more and more people came, again and again and again, round and round and round.
    /// ```
    /// ```good
    /// “Go, go, go!” they shouted. New York, New York is a song. Ha ha ha ha, he laughed.
    /// ```
    /// ```good
    /// Day after day after day the rain fell, and one by one by one they left.
    /// ```
    ///
    /// ## Fix safety
    /// Deleting the repeats is unsafe: a person should check that the first
    /// copy is the one to keep and that no rhetoric is lost.
    pub struct RepeatedPhraseLoop {
        code: "M007",
        name: "repeated-phrase-loop",
        family: Markers,
        severity: Warning,
        default: true,
        fix: Unsafe,
    }
}

/// The longest phrase looked for; bounding it keeps the scan linear.
const MAX_PHRASE: usize = 8;

/// Words that make `X and X and X` or `X by X by X` an idiom when a two-word
/// phrase repeats.
const CONNECTORS: &[&str] = &[
    "and", "or", "nor", "by", "after", "to", "upon", "for", "on", "over", "in", "from", "against", "with",
];

/// A word, and whether only whitespace separates it from the word before.
struct Token {
    range: Range<usize>,
    spaced: bool,
}

fn tokens(text: &str, paragraph: Range<usize>) -> Vec<Token> {
    let mut out = Vec::new();
    let mut last_end = paragraph.start;
    let mut chars = text[paragraph.clone()].char_indices().peekable();
    while let Some((offset, c)) = chars.next() {
        if !c.is_alphanumeric() {
            continue;
        }
        let start = paragraph.start + offset;
        let mut end = start + c.len_utf8();
        while let Some(&(next_offset, next)) = chars.peek() {
            let inner = matches!(next, '\'' | '’' | '-')
                && text[paragraph.start + next_offset + next.len_utf8()..paragraph.end]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
            if !(next.is_alphanumeric() || inner) {
                break;
            }
            end = paragraph.start + next_offset + next.len_utf8();
            chars.next();
        }
        out.push(Token {
            range: start..end,
            spaced: text[last_end..start].chars().all(char::is_whitespace),
        });
        last_end = end;
    }
    out
}

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    for paragraph in doc.paragraphs() {
        let tokens = tokens(text, paragraph.clone());
        phrase_loops(text, &tokens, out);
        sentence_repeats(text, paragraph.clone(), out);
    }
    paragraph_repeats(doc, out);
}

fn same(text: &str, a: &Token, b: &Token) -> bool {
    text[a.range.clone()].eq_ignore_ascii_case(&text[b.range.clone()])
}

fn phrase_loops(text: &str, tokens: &[Token], out: &mut Vec<Diagnostic>) {
    let mut i = 0;
    while i < tokens.len() {
        let found = (2..=MAX_PHRASE).find(|&n| repeats_at(text, tokens, i, n));
        let Some(n) = found else {
            i += 1;
            continue;
        };
        let mut copies = 2;
        while repeats_at(text, tokens, i + (copies - 1) * n, n) {
            copies += 1;
        }
        let first_end = tokens[i + n - 1].range.end;
        let last_end = tokens[i + copies * n - 1].range.end;
        let phrase = &text[tokens[i].range.start..first_end];
        out.push(
            Diagnostic::new(
                &RepeatedPhraseLoop::META,
                tokens[i + n].range.start..last_end,
                format!("`{phrase}` is repeated {} times in a row", copies),
            )
            .with_fix(Fix::unsafe_(
                "Delete the repeats",
                vec![Edit::deletion(first_end..last_end)],
            )),
        );
        i += copies * n;
    }
}

/// Whether the `n` words at `i` are followed at once by the same `n` words.
fn repeats_at(text: &str, tokens: &[Token], i: usize, n: usize) -> bool {
    if i + 2 * n > tokens.len() {
        return false;
    }
    let unit = &tokens[i..i + n];
    let copy = &tokens[i + n..i + 2 * n];
    let words = |t: &[Token]| t.iter().map(|t| &text[t.range.clone()]).collect::<Vec<_>>();
    if !unit.iter().zip(copy).all(|(a, b)| same(text, a, b)) || !tokens[i + 1..i + 2 * n].iter().all(|t| t.spaced) {
        return false;
    }
    let unit_words = words(unit);
    let length = unit_words.iter().map(|w| w.chars().count()).sum::<usize>() + n - 1;
    let numeric = unit_words.iter().all(|w| w.chars().all(|c| c.is_ascii_digit()));
    let idiom = n == 2
        && unit_words
            .iter()
            .any(|w| CONNECTORS.contains(&w.to_lowercase().as_str()));
    // `ha ha ha ha` repeats one word: P002's, or laughter.
    let periodic = (1..n).any(|p| n % p == 0 && (p..n).all(|k| same(text, &unit[k], &unit[k % p])));
    length >= 6 && !numeric && !idiom && !periodic
}

/// Sentences of a paragraph: cut after `.!?` (and closing quotes or brackets)
/// followed by whitespace.
fn sentences(text: &str, paragraph: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = paragraph.start;
    let body = &text[paragraph.clone()];
    let mut chars = body.char_indices().peekable();
    while let Some((offset, c)) = chars.next() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let mut end = paragraph.start + offset + 1;
        while let Some(&(o, next)) = chars.peek() {
            if matches!(next, '.' | '!' | '?' | '"' | '”' | '’' | ')') {
                end = paragraph.start + o + next.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        if chars.peek().is_none_or(|&(_, next)| next.is_whitespace()) {
            out.push(start..end);
            start = end + text[end..paragraph.end].len() - text[end..paragraph.end].trim_start().len();
        }
    }
    if start < paragraph.end {
        out.push(start..paragraph.end);
    }
    out
}

fn sentence_repeats(text: &str, paragraph: Range<usize>, out: &mut Vec<Diagnostic>) {
    let sentences = sentences(text, paragraph);
    for pair in sentences.windows(2) {
        let (first, second) = (&text[pair[0].clone()], &text[pair[1].clone()]);
        if first == second && first.split_whitespace().count() >= 4 {
            out.push(
                Diagnostic::new(
                    &RepeatedPhraseLoop::META,
                    pair[1].clone(),
                    "This sentence repeats the one before it",
                )
                .with_fix(Fix::unsafe_(
                    "Delete the repeated sentence",
                    vec![Edit::deletion(pair[0].end..pair[1].end)],
                )),
            );
        }
    }
}

fn paragraph_repeats(doc: &Document, out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    let paragraphs = doc.paragraphs();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (index, range) in paragraphs.iter().enumerate() {
        let body = text[range.clone()].trim().trim_end_matches('.');
        if body.split_whitespace().count() < 8 {
            continue;
        }
        let Some(&first) = seen.get(body) else {
            seen.insert(body, index);
            continue;
        };
        let line = doc.lines().line_of(paragraphs[first].start) + 1;
        // Deleting from the end of the paragraph before drops the line breaks too.
        let from = if index > 0 {
            paragraphs[index - 1].end
        } else {
            range.start
        };
        out.push(
            Diagnostic::new(
                &RepeatedPhraseLoop::META,
                range.clone(),
                format!("This paragraph repeats the one on line {line}"),
            )
            .with_fix(Fix::unsafe_(
                "Delete the repeated paragraph",
                vec![Edit::deletion(from..range.end)],
            )),
        );
    }
}
