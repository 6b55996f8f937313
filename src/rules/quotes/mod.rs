//! Family Q: quotes and brackets.

use crate::registry::Rule;

pub mod misdirected_curly_quote;
pub mod mixed_quote_glyphs;
pub mod unbalanced_brackets;
pub mod unbalanced_quotes;
pub mod wrong_apostrophe_glyph;

pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(misdirected_curly_quote::MisdirectedCurlyQuote),
        Box::new(unbalanced_quotes::UnbalancedQuotes),
        Box::new(unbalanced_brackets::UnbalancedBrackets),
        Box::new(mixed_quote_glyphs::MixedQuoteGlyphs),
        Box::new(wrong_apostrophe_glyph::WrongApostropheGlyph),
    ]
}
