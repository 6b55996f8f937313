use crate::declare_rule;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::wordlist::{HONORIFICS, NUMERIC_PREFIXES};

declare_rule! {
    /// ## What it finds
    /// A title glued to the name after it (`Mr.Putin`, `St.Petersburg`,
    /// `Gen.Gerasimov`), or a numeric prefix or month glued to its number
    /// (`No.1`, `Art.5`, `Jan.5`).
    ///
    /// ## Why it matters
    /// Russian and Chinese typography, and MT pipelines that drop spaces after
    /// periods, leave `Mr.Putin`: readers stumble, search misses the name, and
    /// sentence splitters mistake the period for a sentence end. A period glued
    /// to a capitalised word after an ordinary word is S001's case; this rule
    /// only looks at titles (`rules/lists/honorifics.txt`) and the prefixes of
    /// numbers (`rules/lists/numeric-prefixes.txt`).
    ///
    /// Multi-period abbreviations (`Ph.D.`, `U.S.-made`), compound degrees
    /// (`Dr.-Ing.`), host names and brands written with a period (`Dr.Web`) are
    /// left alone.
    ///
    /// ## Examples
    /// ```bad
    /// Mr.Putin said the talks would continue.
    /// ```
    /// ```fixed
    /// Mr. Putin said the talks would continue.
    /// ```
    /// ```bad
    /// The forum opened in St.Petersburg on Friday.
    /// ```
    /// ```fixed
    /// The forum opened in St. Petersburg on Friday.
    /// ```
    /// ```bad
    /// under Art.5 of the treaty, signed on Jan.12
    /// ```
    /// ```fixed
    /// under Art. 5 of the treaty, signed on Jan. 12
    /// ```
    /// ```bad
    /// the country's No.1 supplier
    /// ```
    /// ```fixed
    /// the country's No. 1 supplier
    /// ```
    /// ```good
    /// Mr. Putin met Dr. Li in St. Petersburg.
    /// ```
    /// ```good
    /// He holds a Ph.D. and a Dr.-Ing. degree from a U.S.-made program.
    /// ```
    /// ```good
    /// The firm sells Dr.Web antivirus; see No. 1 on the list.
    /// ```
    /// ```good
    /// He said No.Then he left for the U.S.The talks ended.
    /// ```
    ///
    /// ## Fix safety
    /// Inserting a space after a title before a capitalised name is safe: with
    /// or without the title, `St. Petersburg` and `Mr. Putin` need the space.
    /// Before a number (`No.1`, `Jan.5`) it is unsafe, because some house
    /// styles write the number glued; before a word that is not a capitalised
    /// name (`Mr.X`) it is unsafe too.
    pub struct MissingSpaceAfterAbbreviation {
        code: "S002",
        name: "missing-space-after-abbreviation",
        family: Spacing,
        severity: Warning,
        default: true,
        fix: Safe,
    }
}

/// Brand names that are a title, a period and a word.
const BRANDS: &[&str] = &["Dr.Web"];

/// Titles that follow a name (`Smith Jr.`): glued to the next word they are a
/// sentence end, S001's case.
const POST_NOMINAL: &[&str] = &["Jr", "Sr"];

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    let bytes = text.as_bytes();
    for pos in memchr::memchr_iter(b'.', bytes) {
        let Some(next) = doc.char_at(pos + 1) else {
            continue;
        };
        if !(next.is_uppercase() || next.is_ascii_digit()) {
            continue;
        }
        let word = doc.word_before(pos);
        if word.is_empty() {
            continue;
        }
        let word_start = pos - word.len();
        // Part of a longer token: `Ph.D`, `x-No.1`, `@Mr.X`.
        if doc
            .char_before(word_start)
            .is_some_and(|c| matches!(c, '.' | '-' | '/' | '@' | '_' | '\'' | '’'))
        {
            continue;
        }
        if doc.is_protected(pos) {
            continue;
        }
        let next_word = doc.word_after(pos + 1);
        let applicability = if next.is_ascii_digit() {
            if !NUMERIC_PREFIXES.contains(word) {
                continue;
            }
            Applicability::Unsafe
        } else {
            if !HONORIFICS.contains(word) || POST_NOMINAL.contains(&word) {
                continue;
            }
            let token_end = pos + 1 + next_word.len();
            if BRANDS.contains(&&text[word_start..token_end]) {
                continue;
            }
            let mut chars = next_word.chars().skip(1);
            if chars.next().is_some_and(char::is_lowercase) {
                Applicability::Safe
            } else {
                Applicability::Unsafe
            }
        };
        out.push(
            Diagnostic::new(
                &MissingSpaceAfterAbbreviation::META,
                pos..pos + 1,
                format!("Missing space after `{word}.`"),
            )
            .with_fix(Fix::new(
                applicability,
                "Insert a space",
                vec![Edit::insertion(pos + 1, " ")],
            )),
        );
    }
}
