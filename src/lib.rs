//! mtlint: a linter for the mechanical defects that machine translation and
//! scraping leave in English news text.
//!
//! The library reads nothing from the terminal and never exits: it lints text
//! ([`lint`]), fixes it ([`fix::fix`]), and renders reports into any writer
//! ([`render`]). The `mtlint` binary wires it to files and the command line.

pub mod baseline;
pub mod brackets;
pub mod declarative;
pub mod diagnostic;
pub mod document;
pub mod examples;
pub mod fix;
pub mod fs;
pub mod linter;
pub mod quotes;
pub mod registry;
pub mod render;
pub mod rules;
pub mod settings;
pub mod source;
pub mod wordlist;

pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
pub use linter::lint;
pub use registry::{Registry, RuleSet, Selection};
