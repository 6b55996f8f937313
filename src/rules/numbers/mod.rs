//! Family N: numbers and dates.

use crate::registry::Rule;

mod calendar;
pub mod decimal_comma;
pub mod glued_number_word;
pub mod invalid_date;
pub mod ordinal_suffix;
pub mod space_grouped_digits;
pub mod weekday_date_mismatch;

/// The offset of the first ASCII digit at or after `from`.
fn next_digit(text: &str, from: usize) -> Option<usize> {
    crate::document::next_ascii_digit(text.as_bytes(), from)
}

/// How many ASCII digits start at `at`.
fn digits(text: &str, at: usize) -> usize {
    text.as_bytes()[at..].iter().take_while(|b| b.is_ascii_digit()).count()
}

pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(weekday_date_mismatch::WeekdayDateMismatch),
        Box::new(invalid_date::InvalidDate),
        Box::new(decimal_comma::DecimalComma),
        Box::new(space_grouped_digits::SpaceGroupedDigits),
        Box::new(glued_number_word::GluedNumberWord),
        Box::new(ordinal_suffix::OrdinalSuffix),
    ]
}
