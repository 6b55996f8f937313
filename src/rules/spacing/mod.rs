//! Family S: spacing.

use crate::registry::Rule;

pub mod missing_space_after_sentence_end;
pub mod multiple_spaces;
pub mod trailing_whitespace;

pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(missing_space_after_sentence_end::MissingSpaceAfterSentenceEnd),
        Box::new(multiple_spaces::MultipleSpaces),
        Box::new(trailing_whitespace::LeadingTrailingWhitespace),
    ]
}
