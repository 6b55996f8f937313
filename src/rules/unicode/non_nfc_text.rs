use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::{Document, high_bytes};

declare_rule! {
    /// ## What it finds
    /// Text not in Unicode Normalization Form C: a base letter followed by a
    /// combining accent where a precomposed letter exists (`e` + U+0301 instead
    /// of `é`), as macOS file names, some PDFs and some keyboards produce.
    ///
    /// ## Why it matters
    /// `Orba\u{301}n` and `Orbán` look the same but do not match in search,
    /// sort differently, and may render with the accent misplaced.
    ///
    /// ## Examples
    /// ```bad
    /// Prime Minister Viktor Orba\u{301}n visited the cafe\u{301}.
    /// ```
    /// ```fixed
    /// Prime Minister Viktor Orbán visited the café.
    /// ```
    /// ```good
    /// a\u{a0}b and café
    /// ```
    /// ```good
    /// Prime Minister Viktor Orbán visited the café in Hawaiʻi.
    /// ```
    /// ```good
    /// The letter n\u{308} has no precomposed form.
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes the decomposed letters in NFC, which is canonically
    /// equivalent: the same text to every Unicode-aware program. Safe. Only
    /// the changed letters are rewritten; the text is never put through NFKC.
    pub struct NonNfcText {
        code: "U009",
        name: "non-nfc-text",
        family: Unicode,
        severity: Warning,
        default: true,
        fix: Safe,
    }
}

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    let bytes = text.as_bytes();
    let mut covered = 0;
    for (pos, byte) in high_bytes(bytes) {
        // Only lead bytes start a char; continuation bytes are 0b10xx_xxxx.
        if pos < covered || byte < 0x80 || byte & 0xC0 == 0x80 {
            continue;
        }
        // Normalisation never crosses whitespace, so one token is a unit.
        let token = doc.token_around(pos);
        covered = token.end.max(pos + 1);
        let original = &text[token.clone()];
        if is_nfc_quick(original.chars()) == IsNormalized::Yes {
            continue;
        }
        let nfc: String = original.nfc().collect();
        if nfc == original {
            continue;
        }
        let (span, replacement) = changed_part(original, &nfc);
        let span = token.start + span.start..token.start + span.end;
        out.push(
            Diagnostic::new(
                &NonNfcText::META,
                span.clone(),
                format!(
                    "`{}` is not in NFC: `{replacement}` is the composed form",
                    &text[span.clone()]
                ),
            )
            .with_fix(Fix::safe(
                format!("Replace with `{replacement}`"),
                vec![Edit::replacement(span, replacement)],
            )),
        );
    }
}

/// The byte range of `original` that differs from `nfc`, and what replaces it.
fn changed_part<'a>(original: &str, nfc: &'a str) -> (std::ops::Range<usize>, &'a str) {
    let prefix: usize = original
        .chars()
        .zip(nfc.chars())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    let suffix: usize = original[prefix..]
        .chars()
        .rev()
        .zip(nfc[prefix..].chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    (prefix..original.len() - suffix, &nfc[prefix..nfc.len() - suffix])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_changed_letters_are_replaced() {
        assert_eq!(changed_part("cafe\u{301}s", "cafés"), (3..6, "é"));
        assert_eq!(changed_part("e\u{301}e\u{301}", "éé"), (0..6, "éé"));
    }
}
