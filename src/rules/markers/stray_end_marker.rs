use crate::declare_rule;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::wordlist::END_MARKERS;

declare_rule! {
    /// ## What it finds
    /// An end-of-article mark carried over from the source page: `(完)`,
    /// `（完）`, `【完】`, its translations `(End)`, `(End of text)`, `(Over)` and the
    /// literal `(after)`, and wire trailers such as `-End-` and `Enditem`
    /// (the list is `rules/lists/end-markers.txt`; case, bracket shape and
    /// inner spaces do not matter). It must stand at the end of a paragraph
    /// after the sentence's final punctuation, or as a paragraph of its own; an
    /// unambiguous mark such as `(End)` is also taken at the very end of the
    /// text without punctuation before it, and at the end of a line inside a
    /// hard-wrapped paragraph after a sentence's final punctuation.
    ///
    /// ## Why it matters
    /// Chinese wire copy ends with （完）, "finished". MT renders it as
    /// `(End)`, `(Over)` or, word for word, `(after)`, and the mark ends up
    /// glued to the last sentence of the English story, where it means nothing
    /// to a reader.
    ///
    /// ## Examples
    /// ```bad
    /// the two sides submitted their written responses on security assurances.(after)
    /// ```
    /// ```fixed
    /// the two sides submitted their written responses on security assurances.
    /// ```
    /// ```bad
    /// Both sides agreed to continue the talks. （完）
    /// ```
    /// ```fixed
    /// Both sides agreed to continue the talks.
    /// ```
    /// ```bad
    /// The meeting ended on Friday.
    ///
    /// [ END ]
    /// ```
    /// ```fixed
    /// The meeting ended on Friday.
    /// ```
    /// ```bad
    /// The talks will resume in March. Enditem
    ///
    /// Next story: markets rose on Monday.
    /// ```
    /// ```fixed
    /// The talks will resume in March.
    ///
    /// Next story: markets rose on Monday.
    /// ```
    /// ```bad
    /// The ministry issued a statement on the talks and the two sides.(End)
    /// A separate report said markets rose on Monday, and the
    /// central bank held rates steady as the
    /// talks went on.
    /// ```
    /// ```fixed
    /// The ministry issued a statement on the talks and the two sides.
    /// A separate report said markets rose on Monday, and the
    /// central bank held rates steady as the
    /// talks went on.
    /// ```
    /// ```good
    /// Prices rose (after tax) by 3% (after 1997 levels).
    /// ```
    /// ```good
    /// The seminar ran late, and the last session was over.(after)
    /// the guests left for dinner, and the
    /// hosts cleared the hall before they
    /// went home.
    /// ```
    /// ```good
    /// “It’s over,” he said of the End of History.
    /// ```
    /// ```good
    /// Bets on the total were placed at 2.5 (over)
    /// ```
    ///
    /// ## Fix safety
    /// Deleting the mark and the space before it is safe when it ends the text:
    /// the list is closed and nothing can follow the end of the story. A mark
    /// that ends a paragraph in the middle of the text may be a quirk of a page
    /// that holds several stories, so deleting it there is unsafe.
    pub struct StrayEndMarker {
        code: "M001",
        name: "stray-end-marker",
        family: Markers,
        severity: Error,
        default: true,
        fix: Safe,
    }
}

/// Markers that are also ordinary asides (`(over)` in betting), accepted only
/// after a sentence's final punctuation or on their own.
const AMBIGUOUS: &[&str] = &["(after)", "(over)", "(finish)", "(finished)", "(full text)"];

/// Longest marker looked at, in bytes: the search at a paragraph end is bounded.
const MAX_MARKER_LEN: usize = 48;

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    let paragraphs = doc.paragraphs();
    // Line by line: in hard-wrapped text a mark can end a line inside a
    // paragraph (`the talks.(End)` and the next story on the next line).
    for line in doc.line_contents() {
        let body = text[line.clone()].trim_end();
        let Some(index) = doc.paragraph_of(line.start) else {
            continue;
        };
        let Some(marker_start) = marker_start(body) else {
            continue;
        };
        let marker = &body[marker_start..];
        let normalized = normalize(marker);
        if !END_MARKERS.contains(normalized.as_str()) {
            continue;
        }
        let paragraph = &paragraphs[index];
        let start = line.start + marker_start;
        let end = line.start + body.len();
        let before = text[paragraph.start..start].trim_end();
        let ambiguous = AMBIGUOUS.contains(&normalized.as_str());
        let ends_paragraph = end >= text[paragraph.clone()].trim_end().len() + paragraph.start;
        let last = ends_paragraph && index + 1 == paragraphs.len();
        let after_sentence = before.ends_with(['.', '!', '?', '。', '！', '？', '…', '”', '"', '’']);
        let own_paragraph = before.is_empty();
        let accepted = if ends_paragraph {
            after_sentence || own_paragraph || (last && !ambiguous && !before.ends_with(char::is_alphanumeric))
        } else {
            after_sentence && !ambiguous
        };
        if !accepted {
            continue;
        }
        // Delete the space before the mark; for a paragraph of its own, the
        // line breaks that separate it from the paragraph before.
        let delete_from = match (own_paragraph, index) {
            (true, 0) => paragraph.start,
            (true, _) => paragraphs[index - 1].end,
            (false, _) => paragraph.start + before.len(),
        };
        let applicability = if last {
            Applicability::Safe
        } else {
            Applicability::Unsafe
        };
        out.push(
            Diagnostic::new(
                &StrayEndMarker::META,
                start..end,
                format!("End-of-article mark `{marker}` left in the text"),
            )
            .with_fix(Fix::new(
                applicability,
                "Delete the end mark",
                vec![Edit::deletion(delete_from..end)],
            )),
        );
    }
}

/// Where a candidate mark starts at the end of `body`: a bracketed group, or
/// the last word after the last space or sentence stop (`sides.Enditem`).
fn marker_start(body: &str) -> Option<usize> {
    let mut window_start = body.len().saturating_sub(MAX_MARKER_LEN);
    while !body.is_char_boundary(window_start) {
        window_start -= 1;
    }
    let window = &body[window_start..];
    let start = if window.ends_with([')', '）', ']', '】', '〕', '］']) {
        window.rfind(['(', '（', '[', '【', '〔', '［'])?
    } else {
        window
            .rfind(|c: char| c.is_whitespace() || matches!(c, '.' | '!' | '?' | '。' | '”'))
            .map_or(0, |i| i + window[i..].chars().next().map_or(1, char::len_utf8))
    };
    Some(window_start + start)
}

/// Lowercase, one bracket shape, one dash, single spaces and none inside the
/// brackets: `【 End 】` becomes `(end)`, `—End—` becomes `-end-`.
/// Whether `token` (brackets included) is an end-of-article mark of the list,
/// so other rules can leave the mark to this one.
pub(crate) fn is_end_marker(token: &str) -> bool {
    END_MARKERS.contains(normalize(token).as_str())
}

fn normalize(marker: &str) -> String {
    let mut out = String::with_capacity(marker.len());
    for c in marker.chars() {
        let c = match c {
            '（' | '[' | '【' | '〔' | '［' => '(',
            '）' | ']' | '】' | '〕' | '］' => ')',
            '—' | '–' | '－' | '‐' => '-',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        let collapse = c == ' ' && (out.is_empty() || out.ends_with([' ', '(']));
        if !collapse {
            out.extend(c.to_lowercase());
        }
    }
    if out.ends_with(" )") {
        out.remove(out.len() - 2);
    }
    out.trim().to_string()
}
