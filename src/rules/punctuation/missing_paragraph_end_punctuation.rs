use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;

declare_rule! {
    /// ## What it finds
    /// A body paragraph of twelve words or more whose last character is a
    /// letter or digit: the final period is missing
    /// (`…their written responses to the Russian side on security assurances`).
    ///
    /// ## Why it matters
    /// MT pipelines drop the final mark when they strip an end marker or a
    /// trailing credit, and scrapers cut paragraphs short. Either way the
    /// paragraph reads as unfinished.
    ///
    /// Opt-in: headlines, bylines, datelines, captions and list items end
    /// without a period by design, and cannot all be told from prose. Lines
    /// that look like them are skipped: mostly capitalised words (headlines),
    /// `By …` bylines, list items, and paragraphs ending in a URL.
    ///
    /// ## Examples
    /// ```bad
    /// Putin said the United States and NATO had handed their written responses to the Russian side on security assurances
    ///
    /// Next paragraph.
    /// ```
    /// ```fixed
    /// Putin said the United States and NATO had handed their written responses to the Russian side on security assurances.
    ///
    /// Next paragraph.
    /// ```
    /// ```good
    /// Putin: US and NATO's Response to Security Proposals Ignores Russia's Principled Concerns on Expansion
    /// ```
    /// ```good
    /// By Hu Xiaoguang and Wang Wei of the Xinhua News Agency in Moscow on February 1 2022
    /// ```
    /// ```good
    /// Mr Putin said the concerns of Russia had been ignored in every single one of the answers.”
    /// ```
    /// ```good
    /// Short caption without a period
    /// ```
    ///
    /// ## Fix safety
    /// Appending a period is unsafe: the paragraph may be a headline or caption.
    pub struct MissingParagraphEndPunctuation {
        code: "P004",
        name: "missing-paragraph-end-punctuation",
        family: Punctuation,
        severity: Info,
        default: false,
        fix: Unsafe,
    }
}

const MIN_WORDS: usize = 12;

/// Whether a paragraph reads as a headline: most of its words capitalised.
fn is_headline(words: &[&str]) -> bool {
    let capitalised = words
        .iter()
        .filter(|w| {
            w.chars()
                .find(|c| c.is_alphanumeric())
                .is_some_and(|c| !c.is_lowercase())
        })
        .count();
    capitalised * 2 > words.len()
}

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    for paragraph in doc.paragraphs() {
        let body = text[paragraph.clone()].trim_end();
        let words: Vec<&str> = body.split_whitespace().collect();
        let Some(last) = body.chars().next_back() else { continue };
        if words.len() < MIN_WORDS || !last.is_alphanumeric() || is_headline(&words) {
            continue;
        }
        let first = words[0];
        let list_item = first.starts_with(['-', '*', '•', '·']) || first.ends_with([')', '.']) && first.len() <= 3;
        let end = paragraph.start + body.len();
        if list_item || first == "By" || doc.is_protected(end - last.len_utf8()) {
            continue;
        }
        out.push(
            Diagnostic::new(
                &MissingParagraphEndPunctuation::META,
                end - last.len_utf8()..end,
                "Paragraph ends without punctuation",
            )
            .with_fix(Fix::unsafe_("Append a period", vec![Edit::insertion(end, ".")])),
        );
    }
}
