//! Family Q: quotes and brackets.

use crate::registry::Rule;

pub mod mixed_quote_glyphs;
pub mod wrong_apostrophe_glyph;

pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(mixed_quote_glyphs::MixedQuoteGlyphs),
        Box::new(wrong_apostrophe_glyph::WrongApostropheGlyph),
    ]
}
