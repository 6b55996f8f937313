use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::document::Document;

use super::calendar::{WEEKDAYS, days_in_month, month_name, weekday, written_dates};

declare_rule! {
    /// ## What it finds
    /// A weekday written next to a complete date (weekday, month, day and year)
    /// that falls on another day of the week: `Monday, March 4, 2024` when
    /// March 4, 2024 was a Monday is fine, `Tuesday, March 4, 2024` is not.
    /// The weekday may stand before the date (`Tuesday, March 4, 2024`,
    /// `Tue., Mar. 4, 2024`) or after it in brackets or after a comma
    /// (`March 4, 2024 (Tuesday)`); day-first and ISO dates count too. Weekdays
    /// are computed on the proleptic Gregorian calendar.
    ///
    /// ## Why it matters
    /// A date and a weekday that disagree leave the reader unsure when an event
    /// happened. MT and rewriting pipelines shift one and not the other.
    ///
    /// Only a weekday glued to a full date is checked. A weekday elsewhere in
    /// the sentence may legitimately name another day (wire style dates events
    /// of the past week by weekday), and a date without a year is never
    /// completed with the current year.
    ///
    /// ## Examples
    /// ```bad
    /// The summit opened on Monday, March 5, 2024, in Beijing.
    /// ```
    /// ```bad
    /// The talks were held on Tuesday, February 3, 2022 in Moscow.
    /// ```
    /// ```bad
    /// The deadline is 2023-06-12 (Sunday).
    /// ```
    /// ```bad
    /// It ended on Fri., Jan. 5, 2023.
    /// ```
    /// ```good
    /// The summit opened on Tuesday, March 5, 2024, in Beijing.
    /// ```
    /// ```good
    /// The talks were held on Thursday, February 3, 2022 in Moscow, on 1 February 2022 (Tuesday).
    /// ```
    /// ```good
    /// MOSCOW, Feb. 1 (Xinhua) -- President Vladimir Putin said on Sunday that talks would go on.
    /// ```
    /// ```good
    /// On Monday, officials said the March 5, 2024 deadline stands.
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: either the weekday or the date may be the wrong half.
    pub struct WeekdayDateMismatch {
        code: "N001",
        name: "weekday-date-mismatch",
        family: Numbers,
        severity: Warning,
        default: true,
        fix: None,
    }
}

const ABBREVIATED: [(&str, usize); 10] = [
    ("Sun", 0),
    ("Mon", 1),
    ("Tue", 2),
    ("Tues", 2),
    ("Wed", 3),
    ("Thu", 4),
    ("Thur", 4),
    ("Thurs", 4),
    ("Fri", 5),
    ("Sat", 6),
];

/// The weekday a word names: a full name, or an abbreviation with its period.
fn weekday_named(word: &str, dotted: bool) -> Option<usize> {
    WEEKDAYS.iter().position(|w| *w == word).or_else(|| {
        dotted
            .then(|| ABBREVIATED.iter().find(|(w, _)| *w == word).map(|&(_, n)| n))
            .flatten()
    })
}

/// A weekday ending right before a date: `Tuesday, `, `Tue. `, `Tuesday (`.
fn weekday_before(doc: &Document, start: usize) -> Option<(usize, std::ops::Range<usize>)> {
    let text = doc.text();
    let before = &text[..start];
    let before = [", (", ", ", " (", " "]
        .iter()
        .find_map(|sep| before.strip_suffix(sep))?;
    let (before, dotted) = match before.strip_suffix('.') {
        Some(rest) => (rest, true),
        None => (before, false),
    };
    let word = doc.word_before(before.len());
    let day = weekday_named(word, dotted)?;
    Some((day, before.len() - word.len()..before.len()))
}

/// A weekday right after a date: `, Tuesday`, ` (Tuesday)`.
fn weekday_after(doc: &Document, end: usize) -> Option<(usize, std::ops::Range<usize>)> {
    let text = doc.text();
    let after = &text[end..];
    let skip = [", ", " ("].iter().find(|sep| after.starts_with(**sep))?.len();
    let start = end + skip;
    let word = doc.word_after(start);
    let dotted = text[start + word.len()..].starts_with('.');
    let day = weekday_named(word, dotted)?;
    Some((day, start..start + word.len()))
}

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    for date in written_dates(doc.text()) {
        let Some(year) = date.year else { continue };
        if !(1..=12).contains(&date.month) || date.day > days_in_month(Some(year), date.month) {
            continue;
        }
        let Some((written, span)) = weekday_before(doc, date.span.start).or_else(|| weekday_after(doc, date.span.end))
        else {
            continue;
        };
        let actual = weekday(year, date.month, date.day);
        if written != actual {
            let span = span.start.min(date.span.start)..span.end.max(date.span.end);
            out.push(Diagnostic::new(
                &WeekdayDateMismatch::META,
                span,
                format!(
                    "{} {}, {} was a {}, not a {}",
                    month_name(date.month),
                    date.day,
                    year,
                    WEEKDAYS[actual],
                    WEEKDAYS[written]
                ),
            ));
        }
    }
}
