use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;

declare_rule! {
    /// ## What it finds
    /// A number with the wrong ordinal suffix: `1th`, `2th`, `3th`, `21th`,
    /// `22th`, and the teens that take `th`: `11st`, `12nd`, `13rd`.
    ///
    /// ## Why it matters
    /// MT and templating build ordinals by gluing `th` to any number. The
    /// result reads as a typo in dates (`February 21th`) and rankings.
    ///
    /// ## Examples
    /// ```bad
    /// the 2th round of talks
    /// ```
    /// ```fixed
    /// the 2nd round of talks
    /// ```
    /// ```bad
    /// On February 21th and March 1th, the 11st and 113rd sessions met.
    /// ```
    /// ```fixed
    /// On February 21st and March 1st, the 11th and 113th sessions met.
    /// ```
    /// ```bad
    /// THE 3TH PLENUM
    /// ```
    /// ```fixed
    /// THE 3RD PLENUM
    /// ```
    /// ```good
    /// the 1st Army, the 11th, 12th and 13th congresses, the 22nd and 101st days, a 3rd-party app
    /// ```
    /// ```good
    /// flight MH370th, model X1th, version 2.1st and code 0x3th
    /// ```
    ///
    /// ## Fix safety
    /// The right suffix follows from the number, so replacing it is safe.
    pub struct OrdinalSuffix {
        code: "N008",
        name: "ordinal-suffix",
        family: Numbers,
        severity: Warning,
        default: true,
        fix: Safe,
    }
}

/// The English ordinal suffix of `n`, from its last two digits.
fn suffix_for(last_two: u32) -> &'static str {
    match (last_two % 100, last_two % 10) {
        (11..=13, _) => "th",
        (_, 1) => "st",
        (_, 2) => "nd",
        (_, 3) => "rd",
        _ => "th",
    }
}

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let end = i;
        // Inside a word (`MH370`), or after a decimal point or separator.
        let glued_before = doc
            .char_before(start)
            .is_some_and(|c| c.is_alphanumeric() || matches!(c, '.' | ',' | '_'));
        let Some(written) = text.get(end..end + 2) else {
            continue;
        };
        let after = text[end + 2..].chars().next();
        if glued_before || after.is_some_and(|c| c.is_alphanumeric()) || doc.is_protected(start) {
            continue;
        }
        let lower = written.to_ascii_lowercase();
        if !matches!(lower.as_str(), "st" | "nd" | "rd" | "th")
            || !(written == lower || written == lower.to_uppercase())
        {
            continue;
        }
        let last_two: u32 = text[start.max(end.saturating_sub(2))..end].parse().unwrap_or(0);
        let right = suffix_for(last_two);
        if lower == right {
            continue;
        }
        let replacement = if written == lower {
            right.to_string()
        } else {
            right.to_uppercase()
        };
        out.push(
            Diagnostic::new(
                &OrdinalSuffix::META,
                start..end + 2,
                format!("`{}` takes the suffix `{replacement}`", &text[start..end]),
            )
            .with_fix(Fix::safe(
                format!("Write `{}{replacement}`", &text[start..end]),
                vec![Edit::replacement(end..end + 2, replacement.clone())],
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::suffix_for;

    #[test]
    fn suffixes_follow_the_last_two_digits() {
        let cases = [
            (1, "st"),
            (2, "nd"),
            (3, "rd"),
            (4, "th"),
            (11, "th"),
            (12, "th"),
            (13, "th"),
            (21, "st"),
            (22, "nd"),
            (0, "th"),
        ];
        for (n, suffix) in cases {
            assert_eq!(suffix_for(n), suffix, "{n}");
        }
    }
}
