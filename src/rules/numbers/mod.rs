//! Family N: numbers and dates.

use crate::registry::Rule;

mod calendar;
pub mod decimal_comma;
pub mod glued_number_word;
pub mod invalid_date;
pub mod ordinal_suffix;
pub mod space_grouped_digits;
pub mod weekday_date_mismatch;

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
