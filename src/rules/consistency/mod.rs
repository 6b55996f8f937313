//! Family C: consistency within one document.

use crate::document::Document;
use crate::registry::Rule;

pub mod inconsistent_honorific_period;
pub mod inconsistent_initialism_style;

pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(inconsistent_honorific_period::InconsistentHonorificPeriod),
        Box::new(inconsistent_initialism_style::InconsistentInitialismStyle),
    ]
}

/// Whether `offset` lies in a headline, which keeps its own style.
fn in_headline(doc: &Document, offset: usize) -> bool {
    doc.paragraph_of(offset).is_some_and(|p| doc.is_headline(p))
}
