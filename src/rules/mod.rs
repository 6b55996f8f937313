//! The built-in rules, one module per family and one file per rule.

use crate::registry::Rule;

pub mod consistency;
pub mod markers;
pub mod numbers;
pub mod punctuation;
pub mod quotes;
pub mod spacing;
pub mod typography;
pub mod unicode;

/// Every built-in rule.
pub fn builtin() -> Vec<Box<dyn Rule>> {
    let mut rules = Vec::new();
    rules.extend(spacing::rules());
    rules.extend(markers::rules());
    rules.extend(unicode::rules());
    rules.extend(numbers::rules());
    rules.extend(punctuation::rules());
    rules.extend(quotes::rules());
    rules.extend(typography::rules());
    rules.extend(consistency::rules());
    rules
}
