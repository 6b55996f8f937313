//! Family T: typography. Style rules, all opt-in.

use crate::registry::Rule;

pub mod dash_form;
pub mod ellipsis_form;
pub mod prime_vs_quote;

pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(ellipsis_form::EllipsisForm),
        Box::new(dash_form::DashForm),
        Box::new(prime_vs_quote::PrimeVsQuote),
    ]
}
