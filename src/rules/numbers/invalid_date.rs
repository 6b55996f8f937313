use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::document::Document;

use super::calendar::{days_in_month, month_name, written_dates};

declare_rule! {
    /// ## What it finds
    /// A date that cannot exist: `February 30`, `April 31`, `31 September`,
    /// `February 29, 2023` (not a leap year), or an ISO date with a month or
    /// day out of range (`2022-13-01`, `2023-02-29`).
    ///
    /// ## Why it matters
    /// Impossible dates come from MT misreading numbers, from day/month swaps
    /// and from typing slips; they leave the reader with no way to know the
    /// real date.
    ///
    /// ## Examples
    /// ```bad
    /// The agreement was signed on February 30 in Beijing.
    /// ```
    /// ```bad
    /// The report, dated April 31, 2022, was released.
    /// ```
    /// ```bad
    /// Figures published on 2023-02-29 show growth.
    /// ```
    /// ```bad
    /// The data for 2022-13-01 are missing, as are those for 31 September.
    /// ```
    /// ```good
    /// The leap day fell on February 29, 2024, and the meeting on 29 February.
    /// ```
    /// ```good
    /// Services run 24/7 since 2022-12-31; see doi 10.3732/ajb.89.9.1531.
    /// ```
    /// ```good
    /// In May 2022 the March 40 group met, and the score was 30-31.
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: the right date cannot be known from the text.
    pub struct InvalidDate {
        code: "N002",
        name: "invalid-date",
        family: Numbers,
        severity: Warning,
        default: true,
        fix: None,
    }
}

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    for date in written_dates(doc.text()) {
        let message = if !(1..=12).contains(&date.month) {
            format!("There is no month {} in this date", date.month)
        } else if date.day == 0 || date.day > days_in_month(date.year, date.month) {
            let name = month_name(date.month);
            match date.year {
                Some(year) if date.month == 2 && date.day == 29 => {
                    format!("{year} is not a leap year: {name} has 28 days")
                }
                _ => format!("{name} has only {} days", days_in_month(date.year, date.month)),
            }
        } else {
            continue;
        };
        out.push(Diagnostic::new(&InvalidDate::META, date.span, message));
    }
}
