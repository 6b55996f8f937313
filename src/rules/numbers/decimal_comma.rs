use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;

declare_rule! {
    /// ## What it finds
    /// A decimal comma, as Russian and continental European sources write it:
    /// a number of one to three digits, a comma and one or two digits, followed
    /// by `%`, a magnitude (`million`, `billion`), `percent` or a unit
    /// (`3,5 billion rubles`, `inflation of 7,4%`).
    ///
    /// ## Why it matters
    /// In English the comma groups thousands, so `3,5 billion` reads as a typo
    /// or, worse, as 35 billion. A group of three digits after the comma is a
    /// thousands separator and is left alone, as are Indian lakh grouping
    /// (`1,00,000`), chemical locants (`3,4-dichlorophenol`) and lists of
    /// numbers not followed by a unit.
    ///
    /// ## Examples
    /// ```bad
    /// The budget deficit reached 3,5 billion rubles.
    /// ```
    /// ```fixed
    /// The budget deficit reached 3.5 billion rubles.
    /// ```
    /// ```bad
    /// annual inflation of 7,4% and growth of 2,25 percent
    /// ```
    /// ```fixed
    /// annual inflation of 7.4% and growth of 2.25 percent
    /// ```
    /// ```good
    /// 1,000 rubles, 25,000 troops and 1,00,000 rupees
    /// ```
    /// ```good
    /// exposure to 3,4-dichlorophenol in rooms 1,2 and 3
    /// ```
    /// ```good
    /// In 2022,5 percent of the vote went elsewhere; 1,234,5 km is a typo of another kind.
    /// ```
    ///
    /// ## Fix safety
    /// Replacing the comma with a period is unsafe: the writer may have meant
    /// a list (`chapters 1,2 percent`) or dropped a digit of a group.
    pub struct DecimalComma {
        code: "N004",
        name: "decimal-comma",
        family: Numbers,
        severity: Warning,
        default: true,
        fix: Unsafe,
    }
}

/// Words after which a number is a quantity with a fractional part.
const UNITS: &[&str] = &[
    "percent",
    "per",
    "million",
    "billion",
    "trillion",
    "thousand",
    "mln",
    "bln",
    "km",
    "kilometers",
    "kilometres",
    "meters",
    "metres",
    "m",
    "cm",
    "mm",
    "kg",
    "kilograms",
    "tons",
    "tonnes",
    "degrees",
    "rubles",
    "roubles",
    "yuan",
    "dollars",
    "euros",
    "hryvnias",
    "times",
    "points",
    "liters",
    "litres",
    "hectares",
    "square",
    "cubic",
];

fn digit_run_before(bytes: &[u8], end: usize) -> usize {
    bytes[..end].iter().rev().take_while(|b| b.is_ascii_digit()).count()
}

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    let bytes = text.as_bytes();
    for comma in memchr::memchr_iter(b',', bytes) {
        let whole = digit_run_before(bytes, comma);
        let start = comma - whole;
        if !(1..=3).contains(&whole) || start > 0 && matches!(bytes[start - 1], b',' | b'.' | b'-') {
            continue;
        }
        if doc.char_before(start).is_some_and(char::is_alphanumeric) {
            continue;
        }
        let fraction = bytes[comma + 1..].iter().take_while(|b| b.is_ascii_digit()).count();
        let end = comma + 1 + fraction;
        if !(1..=2).contains(&fraction) {
            continue;
        }
        let unit_follows = match bytes.get(end) {
            Some(b'%') => true,
            Some(b' ') => {
                let word = doc.word_after(end + 1);
                UNITS.contains(&word) || text[end + 1..].starts_with("°")
            }
            _ => false,
        };
        if !unit_follows || doc.is_protected(comma) {
            continue;
        }
        out.push(
            Diagnostic::new(
                &DecimalComma::META,
                start..end,
                format!("`{}` looks like a decimal comma", &text[start..end]),
            )
            .with_fix(Fix::unsafe_(
                "Use a decimal point",
                vec![Edit::replacement(comma..comma + 1, ".")],
            )),
        );
    }
}
