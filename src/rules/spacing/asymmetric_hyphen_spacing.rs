use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;

declare_rule! {
    /// ## What it finds
    /// A hyphen or en dash between two words with a space on one side only:
    /// `the Russia- Ukraine border`, `China -US relations`.
    ///
    /// ## Why it matters
    /// A compound split on one side reads as neither a compound nor a dash, and
    /// lines may break at the stray space. MT and text extraction produce it
    /// when they rejoin tokens.
    ///
    /// Suspended hyphens (`pre- and post-war`, `19th- and 20th-century`,
    /// `state-owned and -run`), minus signs (`-5°C`, `a -3% change`), double
    /// hyphens (`--`) and hyphens at a line break are left alone.
    ///
    /// ## Examples
    /// ```bad
    /// tension along the Russia- Ukraine border
    /// ```
    /// ```fixed
    /// tension along the Russia-Ukraine border
    /// ```
    /// ```bad
    /// China -US relations improved
    /// ```
    /// ```fixed
    /// China-US relations improved
    /// ```
    /// ```good
    /// pre- and post-war Europe, 19th- and 20th-century art, short- to medium-range missiles, state-owned and -run firms
    /// ```
    /// ```good
    /// It was -5°C, a -3% change, Taylor!--I wish, and a well-\u{a}known case.
    /// ```
    /// ```good
    /// relations between Russia - Ukraine and China – US
    /// ```
    ///
    /// ## Fix safety
    /// Deleting the space is unsafe: the mark may be a dash that needs a space
    /// on both sides.
    pub struct AsymmetricHyphenSpacing {
        code: "S007",
        name: "asymmetric-hyphen-spacing",
        family: Spacing,
        severity: Warning,
        default: true,
        fix: Unsafe,
    }
}

/// Words that follow a suspended hyphen (`pre- and post-war`) or precede a
/// suspended suffix (`state-owned and -run`).
const CONNECTIVES: &[&str] = &[
    "and", "or", "to", "nor", "through", "versus", "vs", "than", "but", "not",
];

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    let bytes = text.as_bytes();
    let hyphens = memchr::memchr_iter(b'-', bytes).chain(memchr::memmem::find_iter(bytes, "–".as_bytes()));
    for pos in hyphens {
        let mark = doc.char_at(pos).unwrap_or('-');
        let end = pos + mark.len_utf8();
        let (Some(left), Some(right)) = (doc.char_before(pos), doc.char_at(end)) else {
            continue;
        };
        if matches!(left, '-' | '–') || matches!(right, '-' | '–') || doc.is_protected(pos) {
            continue;
        }
        let space = if left.is_alphanumeric() && right == ' ' {
            let word_start = end + bytes[end..].iter().take_while(|&&b| b == b' ').count();
            let word = doc.word_after(word_start);
            if word.is_empty() || CONNECTIVES.contains(&word.to_lowercase().as_str()) {
                continue;
            }
            end..word_start
        } else if left == ' ' && right.is_alphabetic() {
            let word_end = pos - bytes[..pos].iter().rev().take_while(|&&b| b == b' ').count();
            let word = doc.word_before(word_end);
            if word.is_empty() || CONNECTIVES.contains(&word.to_lowercase().as_str()) {
                continue;
            }
            word_end..pos
        } else {
            continue;
        };
        out.push(
            Diagnostic::new(
                &AsymmetricHyphenSpacing::META,
                space.start.min(pos)..space.end.max(end),
                format!("`{mark}` has a space on one side only"),
            )
            .with_fix(Fix::unsafe_("Delete the space", vec![Edit::deletion(space)])),
        );
    }
}
