//! Month and weekday names, the proleptic Gregorian calendar, and a finder for
//! written dates, shared by the date rules (N001, N002). Computed in code: no
//! date crate is needed for this.

use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

pub const WEEKDAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Abbreviated months that take a period (AP and other styles), with their number.
const MONTH_ABBREVIATIONS: [(&str, u32); 12] = [
    ("Jan", 1),
    ("Feb", 2),
    ("Mar", 3),
    ("Apr", 4),
    ("Jun", 6),
    ("Jul", 7),
    ("Aug", 8),
    ("Sep", 9),
    ("Sept", 9),
    ("Oct", 10),
    ("Nov", 11),
    ("Dec", 12),
];

/// The number (1–12) of a capitalised month name, full or abbreviated. An
/// abbreviation must be followed by its period, which `word` excludes; the
/// caller passes `dotted` to say whether one follows.
pub fn month_number(word: &str, dotted: bool) -> Option<u32> {
    if let Some(index) = MONTHS.iter().position(|m| *m == word) {
        return Some(index as u32 + 1);
    }
    if dotted {
        return MONTH_ABBREVIATIONS.iter().find(|(m, _)| *m == word).map(|&(_, n)| n);
    }
    None
}

pub fn month_name(month: u32) -> &'static str {
    MONTHS[(month - 1) as usize]
}

pub fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in `month` (1–12) of `year`; February has 29 when no year is known.
pub fn days_in_month(year: Option<i64>, month: u32) -> u32 {
    match month {
        2 => match year {
            Some(year) if !is_leap(year) => 28,
            _ => 29,
        },
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The weekday of a date, 0 = Sunday, on the proleptic Gregorian calendar
/// (Sakamoto's method).
pub fn weekday(year: i64, month: u32, day: u32) -> usize {
    const OFFSETS: [i64; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let year = if month < 3 { year - 1 } else { year };
    let days = year + year.div_euclid(4) - year.div_euclid(100)
        + year.div_euclid(400)
        + OFFSETS[(month - 1) as usize]
        + i64::from(day);
    days.rem_euclid(7) as usize
}

/// A date written in the text, as written: the month is 1–12 for named months;
/// an ISO date keeps its raw month and day so N002 can judge them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenDate {
    pub span: Range<usize>,
    pub year: Option<i64>,
    pub month: u32,
    pub day: u32,
}

static MONTH_FINDER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    let names = MONTHS
        .iter()
        .copied()
        .chain(MONTH_ABBREVIATIONS.iter().map(|&(m, _)| m));
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(names)
        .expect("month names compile")
});

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The run of ASCII digits starting at `at`.
fn digits_at(text: &str, at: usize) -> &str {
    let len = text.as_bytes()[at.min(text.len())..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    &text[at..at + len]
}

/// Skips an ordinal suffix (`5th`) after a day; returns the offset after it.
fn skip_ordinal(text: &str, at: usize) -> usize {
    let rest = &text[at..];
    for suffix in ["st", "nd", "rd", "th"] {
        if rest.starts_with(suffix) && !rest[2..].starts_with(|c: char| c.is_alphanumeric()) {
            return at + 2;
        }
    }
    at
}

/// A day of 1 or 2 digits at `at` with its optional ordinal suffix; returns the
/// day and the offset after it, or `None` when it is not a plausible day.
fn day_at(text: &str, at: usize) -> Option<(u32, usize)> {
    let digits = digits_at(text, at);
    if digits.is_empty() || digits.len() > 2 {
        return None;
    }
    let day: u32 = digits.parse().ok()?;
    let end = skip_ordinal(text, at + digits.len());
    let next = text[end..].chars().next();
    if day == 0 || day > 31 || next.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '/') {
        return None;
    }
    Some((day, end))
}

/// A four-digit year at `at`, not part of a longer number.
fn year_at(text: &str, at: usize) -> Option<(i64, usize)> {
    let digits = digits_at(text, at);
    let end = at + digits.len();
    let next = text[end..].chars().next();
    if digits.len() != 4 || next.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '/') {
        return None;
    }
    Some((digits.parse().ok()?, end))
}

/// One space (ordinary or no-break) at `at`: the offset after it.
fn space_at(text: &str, at: usize) -> Option<usize> {
    let c = text[at..].chars().next()?;
    matches!(c, ' ' | '\u{a0}').then(|| at + c.len_utf8())
}

/// `Month D[, YYYY]`, `Mon. D[ YYYY]` at a month name found at `name`.
fn month_first(text: &str, name: Range<usize>, month: u32) -> Option<WrittenDate> {
    let mut at = name.end;
    if text[at..].starts_with('.') {
        at += 1;
    }
    let (day, day_end) = day_at(text, space_at(text, at)?)?;
    let year_start = if text[day_end..].starts_with(',') {
        space_at(text, day_end + 1)
    } else {
        space_at(text, day_end)
    };
    let year = year_start.and_then(|start| year_at(text, start));
    Some(WrittenDate {
        span: name.start..year.map_or(day_end, |(_, end)| end),
        year: year.map(|(y, _)| y),
        month,
        day,
    })
}

/// `D Month[ YYYY]` ending in a month name found at `name`.
fn day_first(text: &str, name: Range<usize>, month: u32) -> Option<WrittenDate> {
    let before = text[..name.start].strip_suffix([' ', '\u{a0}'])?;
    let before = before.strip_suffix(" of").unwrap_or(before);
    let trimmed = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| before.strip_suffix(s))
        .unwrap_or(before);
    let digits_len = trimmed.bytes().rev().take_while(u8::is_ascii_digit).count();
    let start = trimmed.len() - digits_len;
    if digits_len == 0
        || text[..start]
            .chars()
            .next_back()
            .is_some_and(|c| is_word_char(c) || matches!(c, '.' | ',' | '-' | '/'))
    {
        return None;
    }
    let (day, _) = day_at(text, start)?;
    let mut at = name.end;
    if text[at..].starts_with('.') {
        at += 1;
    }
    if text[at..].starts_with(',') {
        at += 1;
    }
    let year = space_at(text, at).and_then(|start| year_at(text, start));
    Some(WrittenDate {
        span: start..year.map_or(name.end, |(_, end)| end),
        year: year.map(|(y, _)| y),
        month,
        day,
    })
}

/// An ISO date `YYYY-MM-DD` whose first hyphen is at `hyphen`, standing alone
/// (not inside a longer run of digits and hyphens, such as a phone number).
fn iso_at(text: &str, hyphen: usize) -> Option<WrittenDate> {
    let bytes = text.as_bytes();
    if hyphen < 4 || bytes.len() < hyphen + 6 {
        return None;
    }
    let start = hyphen - 4;
    let shape = &bytes[start..hyphen + 6];
    let digit = |i: usize| shape[i].is_ascii_digit();
    if !((0..4).all(digit) && digit(5) && digit(6) && shape[7] == b'-' && digit(8) && digit(9)) {
        return None;
    }
    let outside =
        |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'/' | b'_'));
    if outside(start.checked_sub(1).and_then(|i| bytes.get(i))) || outside(bytes.get(hyphen + 6)) {
        return None;
    }
    let number = |range: Range<usize>| text[range].parse::<u32>().ok();
    let year = number(start..hyphen)?;
    if !(1000..3000).contains(&year) {
        return None;
    }
    Some(WrittenDate {
        span: start..hyphen + 6,
        year: Some(i64::from(year)),
        month: number(hyphen + 1..hyphen + 3)?,
        day: number(hyphen + 4..hyphen + 6)?,
    })
}

/// Every date written in `text`, in order: named months with a day, and ISO dates.
pub fn written_dates(text: &str) -> Vec<WrittenDate> {
    let mut dates = Vec::new();
    for found in MONTH_FINDER.find_iter(text) {
        let name = found.range();
        let dotted = text[name.end..].starts_with('.');
        let bounded = !text[..name.start].chars().next_back().is_some_and(is_word_char)
            && !text[name.end..].chars().next().is_some_and(is_word_char);
        let Some(month) = month_number(&text[name.clone()], dotted).filter(|_| bounded) else {
            continue;
        };
        if let Some(date) = month_first(text, name.clone(), month).or_else(|| day_first(text, name, month)) {
            dates.push(date);
        }
    }
    for hyphen in memchr::memchr_iter(b'-', text.as_bytes()) {
        if let Some(date) = iso_at(text, hyphen) {
            dates.push(date);
        }
    }
    dates.sort_by_key(|d| d.span.start);
    dates
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_of_known_dates() {
        assert_eq!(WEEKDAYS[weekday(2024, 3, 5)], "Tuesday");
        assert_eq!(WEEKDAYS[weekday(2022, 2, 1)], "Tuesday");
        assert_eq!(WEEKDAYS[weekday(2022, 2, 3)], "Thursday");
        assert_eq!(WEEKDAYS[weekday(2024, 2, 29)], "Thursday");
        assert_eq!(WEEKDAYS[weekday(2000, 1, 1)], "Saturday");
        assert_eq!(WEEKDAYS[weekday(1969, 7, 20)], "Sunday");
        assert_eq!(WEEKDAYS[weekday(1900, 3, 1)], "Thursday");
        assert_eq!(WEEKDAYS[weekday(2100, 12, 31)], "Friday");
    }

    #[test]
    fn leap_years_follow_the_gregorian_rule() {
        assert!(is_leap(2024) && is_leap(2000));
        assert!(!is_leap(1900) && !is_leap(2023));
        assert_eq!(days_in_month(Some(2023), 2), 28);
        assert_eq!(days_in_month(Some(2024), 2), 29);
        assert_eq!(days_in_month(None, 2), 29);
        assert_eq!(days_in_month(None, 4), 30);
        assert_eq!(days_in_month(None, 12), 31);
    }

    fn dates(text: &str) -> Vec<(&str, Option<i64>, u32, u32)> {
        written_dates(text)
            .into_iter()
            .map(|d| (&text[d.span], d.year, d.month, d.day))
            .collect()
    }

    #[test]
    fn finds_written_dates() {
        assert_eq!(
            dates("on Tuesday, March 5, 2024 and Feb. 3 2022, 5th April 2021, 2023-02-29 and May 31."),
            vec![
                ("March 5, 2024", Some(2024), 3, 5),
                ("Feb. 3 2022", Some(2022), 2, 3),
                ("5th April 2021", Some(2021), 4, 5),
                ("2023-02-29", Some(2023), 2, 29),
                ("May 31", None, 5, 31),
            ]
        );
    }

    #[test]
    fn skips_what_is_not_a_date() {
        assert!(
            dates("in May 2022, the March 40 report, Marching 5, +7-2022-11-30-1, 10.3732/ajb.89.9.1531").is_empty()
        );
    }

    #[test]
    fn month_names_and_abbreviations() {
        assert_eq!(month_number("March", false), Some(3));
        assert_eq!(month_number("Sept", true), Some(9));
        assert_eq!(month_number("Sept", false), None);
        assert_eq!(month_number("may", false), None);
        assert_eq!(month_name(2), "February");
    }
}
