//! Family Q: quotes and brackets.

use crate::registry::Rule;

pub mod misdirected_curly_quote;
pub mod unbalanced_brackets;
pub mod unbalanced_quotes;

pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(misdirected_curly_quote::MisdirectedCurlyQuote),
        Box::new(unbalanced_quotes::UnbalancedQuotes),
        Box::new(unbalanced_brackets::UnbalancedBrackets),
    ]
}
