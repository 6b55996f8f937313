use crate::declare_rule;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::document::Document;

declare_rule! {
    /// ## What it finds
    /// A comma, semicolon or colon glued to the letters on both sides:
    /// `Moscow,February 1`, `said:We will respond`, `Source:Changde Daily`, and a colon between a label
    /// word and a number (`Date:2018-02-16`).
    ///
    /// ## Why it matters
    /// Full-width punctuation mapped to ASCII, and segments joined by a
    /// pipeline, lose the space after the mark. The text reads as a typo and
    /// the two words are indexed as one.
    ///
    /// Numbers (`1,000`, `3:30`, `2:1`, `Acts 2:38`), URLs and e-mail
    /// addresses, URI schemes (`mailto:`, `urn:`), code (`std::io`) and a
    /// comma after an abbreviation's period (`Co.,Ltd.`) are left alone.
    ///
    /// ## Examples
    /// ```bad
    /// MOSCOW,February 1 (Xinhua) -- Russia said
    /// ```
    /// ```fixed
    /// MOSCOW, February 1 (Xinhua) -- Russia said
    /// ```
    /// ```bad
    /// in Yushu Prefecture,southwestern China;the quake struck
    /// ```
    /// ```fixed
    /// in Yushu Prefecture, southwestern China; the quake struck
    /// ```
    /// ```bad
    /// Peskov said:We will respond.
    /// ```
    /// ```fixed
    /// Peskov said: We will respond.
    /// ```
    /// ```bad
    /// Source:Changde Daily Date:2018-02-16
    /// ```
    /// ```fixed
    /// Source: Changde Daily Date: 2018-02-16
    /// ```
    /// ```bad
    /// under the Property Law,\u{9489}\u{5b50}\u{6237} (nail households)
    /// ```
    /// ```good
    /// 1,000 troops left at 3:30 p.m. in a 2:1 vote, citing Acts 2:38 and IPv6 fe80::1 at Q3:2.
    /// ```
    /// ```good
    /// See http://xinhua.net/a,b:c or mailto:desk@news.cn and urn:isbn:0451450523.
    /// ```
    /// ```good
    /// Huawei Technologies Co.,Ltd. uses std::io and a::b.
    /// ```
    ///
    /// ## Fix safety
    /// Inserting a space after `,` or `;` between two words is safe. After `:`
    /// it is unsafe: colons also join ratios, references, headers (`Re:`) and
    /// identifiers.
    pub struct MissingSpaceAfterCommaColon {
        code: "S005",
        name: "missing-space-after-comma-colon",
        family: Spacing,
        severity: Error,
        default: true,
        fix: Safe,
    }
}

/// Words before a colon that make it part of an identifier, not prose.
const SCHEMES: &[&str] = &[
    "mailto",
    "urn",
    "tel",
    "sms",
    "doi",
    "isbn",
    "issn",
    "arxiv",
    "file",
    "data",
    "javascript",
];

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    let bytes = text.as_bytes();
    for pos in memchr::memchr3_iter(b',', b';', b':', bytes) {
        let mark = bytes[pos];
        let (Some(before), Some(after)) = (doc.char_before(pos), doc.char_at(pos + 1)) else {
            continue;
        };
        let left = doc.word_before(pos);
        // `Date:2018-02-16`: a label of a few letters glued to its value.
        let labelled_number = mark == b':'
            && after.is_ascii_digit()
            && left.chars().count() >= 3
            && left.chars().all(char::is_alphabetic);
        if !before.is_alphabetic() || !(after.is_alphabetic() || labelled_number) || doc.is_protected(pos) {
            continue;
        }
        // `a::b`, `urn:isbn:…`: code and identifiers.
        let colon_chain = mark == b':'
            && (bytes.get(pos + 1 + doc.word_after(pos + 1).len()) == Some(&b':')
                || bytes[..pos - left.len()].ends_with(b":"));
        if colon_chain || mark == b':' && SCHEMES.contains(&left.to_ascii_lowercase().as_str()) {
            continue;
        }
        let applicability = if mark == b':' {
            Applicability::Unsafe
        } else {
            Applicability::Safe
        };
        out.push(
            Diagnostic::new(
                &MissingSpaceAfterCommaColon::META,
                pos..pos + 1,
                format!("Missing space after `{}`", mark as char),
            )
            .with_fix(Fix::new(
                applicability,
                "Insert a space",
                vec![Edit::insertion(pos + 1, " ")],
            )),
        );
    }
}
