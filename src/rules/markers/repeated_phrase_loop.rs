use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::{Document, char_at};

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

/// A word, whether only whitespace separates it from the word before, and a
/// key taken from its ASCII-lowercased length and edge bytes: words that
/// differ in it cannot be [`same`], so most comparisons stop at one integer test.
struct Token {
    range: Range<usize>,
    spaced: bool,
    key: u64,
}

/// ASCII letters and digits, by byte: a lookup costs less than range tests.
static ASCII_ALNUM: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// The length and the first two and last two bytes of `word`, lowercased.
fn key(word: &[u8]) -> u64 {
    let at = |i: usize| u64::from(word[i].to_ascii_lowercase());
    let last = word.len() - 1;
    let edges = at(0) | at(1.min(last)) << 8 | at(last.saturating_sub(1)) << 16 | at(last) << 24;
    (word.len() as u64) << 32 | edges
}

/// Fills `out` with the words of `paragraph`: runs of alphanumeric chars,
/// with inner `'`, `’` and `-` between alphanumeric chars. ASCII letters and
/// digits, most of the text, go through table-driven byte loops.
fn tokens(text: &str, paragraph: Range<usize>, out: &mut Vec<Token>) {
    out.clear();
    let bytes = &text.as_bytes()[..paragraph.end];
    let end = paragraph.end;
    let mut last_end = paragraph.start;
    let mut i = paragraph.start;
    while i < end {
        while i < end && bytes[i].is_ascii() && !ASCII_ALNUM[usize::from(bytes[i])] {
            i += 1;
        }
        if i == end {
            break;
        }
        let (c, len) = char_at(text, i);
        if !c.is_alphanumeric() {
            i += len;
            continue;
        }
        let start = i;
        i += len;
        while i < end {
            while i < end && ASCII_ALNUM[usize::from(bytes[i])] {
                i += 1;
            }
            if i == end {
                break;
            }
            let (next, len) = char_at(text, i);
            let inner = matches!(next, '\'' | '’' | '-') && i + len < end && char_at(text, i + len).0.is_alphanumeric();
            if !(next.is_alphanumeric() || inner) {
                break;
            }
            i += len;
        }
        let gap = &text[last_end..start];
        out.push(Token {
            range: start..i,
            spaced: gap == " " || gap.chars().all(char::is_whitespace),
            key: key(&bytes[start..i]),
        });
        last_end = i;
    }
}

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    let mut words = Vec::new();
    let mut sentence_ranges = Vec::new();
    for paragraph in doc.paragraphs() {
        tokens(text, paragraph.clone(), &mut words);
        phrase_loops(text, &words, out);
        sentences(text, paragraph.clone(), &mut sentence_ranges);
        sentence_repeats(text, &sentence_ranges, out);
    }
    paragraph_repeats(doc, out);
}

fn same(text: &str, a: &Token, b: &Token) -> bool {
    a.key == b.key && text[a.range.clone()].eq_ignore_ascii_case(&text[b.range.clone()])
}

fn phrase_loops(text: &str, tokens: &[Token], out: &mut Vec<Diagnostic>) {
    let mut i = 0;
    while i < tokens.len() {
        // A repeat starts with the word `n` on being the same: one integer test per `n`.
        let found = (2..=MAX_PHRASE)
            .find(|&n| tokens.get(i + n).is_some_and(|t| t.key == tokens[i].key) && repeats_at(text, tokens, i, n));
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

/// Fills `out` with the sentences of a paragraph: cut after `.!?` (and
/// closing quotes or brackets) followed by whitespace.
fn sentences(text: &str, paragraph: Range<usize>, out: &mut Vec<Range<usize>>) {
    out.clear();
    let bytes = &text.as_bytes()[..paragraph.end];
    let mut start = paragraph.start;
    let mut pos = paragraph.start;
    while let Some(found) = memchr::memchr3(b'.', b'!', b'?', &bytes[pos..]) {
        let mut end = pos + found + 1;
        while end < paragraph.end {
            let (next, len) = char_at(text, end);
            if !matches!(next, '.' | '!' | '?' | '"' | '”' | '’' | ')') {
                break;
            }
            end += len;
        }
        pos = end;
        if end == paragraph.end || char_at(text, end).0.is_whitespace() {
            out.push(start..end);
            start = end + text[end..paragraph.end].len() - text[end..paragraph.end].trim_start().len();
        }
    }
    if start < paragraph.end {
        out.push(start..paragraph.end);
    }
}

fn sentence_repeats(text: &str, sentences: &[Range<usize>], out: &mut Vec<Diagnostic>) {
    for pair in sentences.windows(2) {
        let (first, second) = (&text[pair[0].clone()], &text[pair[1].clone()]);
        if first == second && first.split_whitespace().nth(3).is_some() {
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

/// Hashes a paragraph by its length and its first and last 8 bytes: cheap
/// for long paragraphs, and the map still compares whole keys.
#[derive(Default)]
struct EdgeHasher(u64);

impl Hasher for EdgeHasher {
    fn write(&mut self, bytes: &[u8]) {
        let word = |part: &[u8]| part.iter().fold(0_u64, |word, &b| word << 8 | u64::from(b));
        let head = word(&bytes[..bytes.len().min(8)]);
        let tail = word(&bytes[bytes.len().saturating_sub(8)..]);
        let mixed = (self.0 ^ bytes.len() as u64 ^ head).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ tail;
        self.0 = mixed.wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(29);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

fn paragraph_repeats(doc: &Document, out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    let paragraphs = doc.paragraphs();
    let mut seen: HashMap<&str, usize, BuildHasherDefault<EdgeHasher>> = HashMap::default();
    for (index, range) in paragraphs.iter().enumerate() {
        let body = text[range.clone()].trim().trim_end_matches('.');
        if body.split_whitespace().nth(7).is_none() {
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
