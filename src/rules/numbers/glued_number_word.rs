use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;

declare_rule! {
    /// ## What it finds
    /// A number glued to the word after it, when that word is a magnitude
    /// (`5billion`), `percent`, a time word (`30days`), a currency
    /// (`100yuan`), `people`, `times` or a spelled-out unit
    /// (`3,782meters`).
    ///
    /// ## Why it matters
    /// Scraped copy loses the space between a number and its word when markup
    /// (a bold figure, a link) is stripped. It reads as a typo and breaks
    /// search for the figure.
    ///
    /// Model names (`5G`, `4K`, `F-16`, `MH370`), decades (`1990s`), ordinals
    /// abbreviated units (`5km`, `10am`, `3bn`) and sums of money glued to
    /// their magnitude (`£101million`), all house styles rather than defects,
    /// are left alone: only whole words from a closed list count.
    ///
    /// ## Examples
    /// ```bad
    /// The peak stands 3,782meters above sea level.
    /// ```
    /// ```fixed
    /// The peak stands 3,782 meters above sea level.
    /// ```
    /// ```bad
    /// exports rose 10percent to 5billion yuan in 30days
    /// ```
    /// ```fixed
    /// exports rose 10 percent to 5 billion yuan in 30 days
    /// ```
    /// ```good
    /// 5G networks, 4K video, 3D printing, the G20, F-16 jets, flight MH370, the 1990s, the 21st century
    /// ```
    /// ```good
    /// a 5km run at 10am cost $3bn, 2kg and 40mph
    /// ```
    /// ```good
    /// a £101million release clause and damages of between £3million and $8billion
    /// ```
    /// ```good
    /// https://example.com/2022/5people/index.html
    /// ```
    ///
    /// ## Fix safety
    /// Inserting a space between a number and a word from the closed list is
    /// safe: the glued form has no other reading.
    pub struct GluedNumberWord {
        code: "N006",
        name: "glued-number-word",
        family: Numbers,
        severity: Warning,
        default: true,
        fix: Safe,
    }
}

/// Words that never form one token with a number before them.
const WORDS: &[&str] = &[
    "million",
    "millions",
    "billion",
    "billions",
    "trillion",
    "thousand",
    "thousands",
    "hundred",
    "hundreds",
    "percent",
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "hour",
    "hours",
    "minute",
    "minutes",
    "seconds",
    "yuan",
    "rubles",
    "roubles",
    "dollars",
    "euros",
    "people",
    "persons",
    "times",
    "meters",
    "metres",
    "kilometers",
    "kilometres",
    "tons",
    "tonnes",
    "kilograms",
    "households",
    "villages",
    "cases",
    "units",
];

const MAGNITUDES: &[&str] = &["million", "billion", "trillion", "thousand"];

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
        // The number, with its inner separators: `3,782`, `1.5`.
        while i < bytes.len()
            && (bytes[i].is_ascii_digit()
                || (matches!(bytes[i], b',' | b'.') && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)))
        {
            i += 1;
        }
        let end = i;
        let before = doc.char_before(start);
        if before.is_some_and(|c| c.is_alphanumeric() || c == '-') {
            continue;
        }
        let word = doc.word_after(end);
        if word.is_empty() || !WORDS.contains(&word) || doc.is_protected(start) {
            continue;
        }
        // `£101million`, `$5billion`: a British press style for sums of money.
        let currency = before.is_some_and(|c| matches!(c, '£' | '$' | '€' | '¥'));
        if currency && MAGNITUDES.contains(&word) {
            continue;
        }
        out.push(
            Diagnostic::new(
                &GluedNumberWord::META,
                start..end + word.len(),
                format!("Missing space between `{}` and `{word}`", &text[start..end]),
            )
            .with_fix(Fix::safe("Insert a space", vec![Edit::insertion(end, " ")])),
        );
    }
}
