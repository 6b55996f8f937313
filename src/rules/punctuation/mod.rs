//! Family P: punctuation.

use crate::document::Document;
use crate::registry::Rule;
use crate::wordlist::ABBREVIATIONS;

pub mod doubled_punctuation;
pub mod doubled_word;
pub mod lowercase_sentence_start;
pub mod missing_paragraph_end_punctuation;

pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(doubled_punctuation::DoubledPunctuation),
        Box::new(doubled_word::DoubledWord),
        Box::new(lowercase_sentence_start::LowercaseSentenceStart),
        Box::new(missing_paragraph_end_punctuation::MissingParagraphEndPunctuation),
    ]
}

/// Lowercase abbreviations of measures and Latin forms that the shared list
/// leaves out, because they never stand before a name.
const LOWERCASE_ABBREVIATIONS: &[&str] = &[
    "ft", "in", "lb", "lbs", "oz", "min", "mins", "sec", "secs", "hr", "hrs", "yr", "yrs", "mo", "esp", "misc", "cent",
    "fig", "eq", "viz", "op", "cit", "ibid", "resp", "approx", "incl", "etc", "vs", "cf", "ca", "al", "est", "no",
    "ult", "inst", "prox",
];

/// Whether the period at `dot` closes an abbreviation rather than a sentence
/// alone: an initial or initialism (`J.`, `U.S.`, `p.m.`), or a word from the
/// abbreviation lists (`Inc.`, `etc.`, `approx.`).
pub(crate) fn ends_abbreviation(doc: &Document, dot: usize) -> bool {
    let text = doc.text();
    let start = text[..dot]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '.')
        .last()
        .map_or(dot, |(i, _)| i);
    let token = text[start..dot].trim_start_matches('.');
    if token.is_empty() {
        return false;
    }
    let parts: Vec<&str> = token.split('.').collect();
    let initialism = parts
        .iter()
        .all(|part| part.chars().count() == 1 && part.chars().all(char::is_alphabetic));
    let last = parts[parts.len() - 1];
    initialism
        || ABBREVIATIONS.contains(token)
        || ABBREVIATIONS.contains(last)
        || LOWERCASE_ABBREVIATIONS.contains(&last.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at_dot(text: &str) -> bool {
        let doc = Document::new(text);
        ends_abbreviation(&doc, text.rfind('.').unwrap())
    }

    #[test]
    fn abbreviations_and_initials_end_in_their_period() {
        for text in [
            "Huawei Co.",
            "at 10 p.m.",
            "the U.S.",
            "J.",
            "and so on, etc.",
            "approx.",
            "e.g.",
            "Acme Inc.",
        ] {
            assert!(at_dot(text), "{text}");
        }
        for text in ["the conflict.", "NATO.", "in 2022.", "wait..."] {
            assert!(!at_dot(text), "{text}");
        }
    }
}
