//! Family S: spacing.

use crate::registry::Rule;

pub mod asymmetric_hyphen_spacing;
pub mod missing_space_after_abbreviation;
pub mod missing_space_after_closing_quote;
pub mod missing_space_after_comma_colon;
pub mod missing_space_after_sentence_end;
pub mod missing_space_around_bracket;
pub mod multiple_spaces;
pub mod nonstandard_space_char;
pub mod space_before_punctuation;
pub mod trailing_whitespace;

pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(missing_space_after_sentence_end::MissingSpaceAfterSentenceEnd),
        Box::new(missing_space_after_abbreviation::MissingSpaceAfterAbbreviation),
        Box::new(missing_space_after_closing_quote::MissingSpaceAfterClosingQuote),
        Box::new(missing_space_around_bracket::MissingSpaceAroundBracket),
        Box::new(multiple_spaces::MultipleSpaces),
        Box::new(nonstandard_space_char::NonstandardSpaceChar),
        Box::new(trailing_whitespace::LeadingTrailingWhitespace),
        Box::new(missing_space_after_comma_colon::MissingSpaceAfterCommaColon),
        Box::new(space_before_punctuation::SpaceBeforePunctuation),
        Box::new(asymmetric_hyphen_spacing::AsymmetricHyphenSpacing),
    ]
}
