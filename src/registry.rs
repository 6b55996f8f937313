//! Every rule's metadata, and selecting rules by code, prefix or name.

use std::collections::BTreeSet;
use std::fmt;

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;

/// The eight rule families; the letter is the first character of every code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Family {
    Spacing,
    Punctuation,
    Quotes,
    Markers,
    Unicode,
    Consistency,
    Typography,
    Numbers,
}

impl Family {
    pub const ALL: [Family; 8] = [
        Family::Spacing,
        Family::Punctuation,
        Family::Quotes,
        Family::Markers,
        Family::Unicode,
        Family::Consistency,
        Family::Typography,
        Family::Numbers,
    ];

    pub fn letter(self) -> char {
        match self {
            Family::Spacing => 'S',
            Family::Punctuation => 'P',
            Family::Quotes => 'Q',
            Family::Markers => 'M',
            Family::Unicode => 'U',
            Family::Consistency => 'C',
            Family::Typography => 'T',
            Family::Numbers => 'N',
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Family::Spacing => "spacing",
            Family::Punctuation => "punctuation",
            Family::Quotes => "quotes",
            Family::Markers => "markers",
            Family::Unicode => "unicode",
            Family::Consistency => "consistency",
            Family::Typography => "typography",
            Family::Numbers => "numbers",
        }
    }
}

/// Whether a rule can offer a fix, and of which kind at best.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FixAvailability {
    None,
    Unsafe,
    Safe,
}

impl FixAvailability {
    pub fn as_str(self) -> &'static str {
        match self {
            FixAvailability::None => "none",
            FixAvailability::Unsafe => "unsafe",
            FixAvailability::Safe => "safe",
        }
    }
}

/// What the registry knows of a rule. Built-in rules get theirs from
/// [`declare_rule!`](crate::declare_rule); rules loaded from files at run time leak
/// theirs, once per run.
#[derive(Debug, Serialize)]
pub struct RuleMeta {
    pub code: &'static str,
    pub name: &'static str,
    pub family: Family,
    pub severity: Severity,
    pub default_enabled: bool,
    pub fix: FixAvailability,
    /// The rule's documentation in Markdown: what it finds, why, examples, fix safety.
    #[serde(skip)]
    pub doc: &'static str,
}

impl RuleMeta {
    /// The first non-empty line of the documentation that is not a heading.
    pub fn summary(&self) -> &'static str {
        self.doc
            .lines()
            .map(str::trim)
            .find(|line| !line.is_empty() && !line.starts_with('#'))
            .unwrap_or("")
    }
}

/// A check over one document.
pub trait Rule: Send + Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, doc: &Document, out: &mut Vec<Diagnostic>);
}

/// Declares a built-in rule: a unit struct whose doc comment becomes the rule's
/// documentation, and its [`Rule`] impl calling the module's `check` function.
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis struct $name:ident {
            code: $code:literal,
            name: $kebab:literal,
            family: $family:ident,
            severity: $severity:ident,
            default: $default:literal,
            fix: $fix:ident $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        $vis struct $name;

        impl $name {
            pub const META: $crate::registry::RuleMeta = $crate::registry::RuleMeta {
                code: $code,
                name: $kebab,
                family: $crate::registry::Family::$family,
                severity: $crate::diagnostic::Severity::$severity,
                default_enabled: $default,
                fix: $crate::registry::FixAvailability::$fix,
                doc: concat!($($doc, "\n"),*),
            };
        }

        impl $crate::registry::Rule for $name {
            fn meta(&self) -> &'static $crate::registry::RuleMeta {
                &Self::META
            }

            fn check(&self, doc: &$crate::document::Document, out: &mut Vec<$crate::diagnostic::Diagnostic>) {
                check(doc, out)
            }
        }
    };
}

/// The rules known to a run: the built-in ones plus any loaded from rule files.
pub struct Registry {
    rules: Vec<Box<dyn Rule>>,
}

impl Default for Registry {
    fn default() -> Self {
        Self::builtin()
    }
}

impl Registry {
    pub fn builtin() -> Self {
        let mut rules = crate::rules::builtin();
        rules.extend(crate::declarative::shipped());
        rules.sort_by(|a, b| a.meta().code.cmp(b.meta().code));
        Registry { rules }
    }

    /// Adds rules; a code or name already taken is an error naming both.
    pub fn extend(&mut self, rules: Vec<Box<dyn Rule>>) -> Result<(), String> {
        for rule in rules {
            let meta = rule.meta();
            if let Some(existing) = self
                .rules
                .iter()
                .find(|r| r.meta().code == meta.code || r.meta().name == meta.name)
            {
                return Err(format!(
                    "rule {} ({}) clashes with the existing rule {} ({})",
                    meta.code,
                    meta.name,
                    existing.meta().code,
                    existing.meta().name
                ));
            }
            self.rules.push(rule);
        }
        self.rules.sort_by(|a, b| a.meta().code.cmp(b.meta().code));
        Ok(())
    }

    pub fn rules(&self) -> &[Box<dyn Rule>] {
        &self.rules
    }

    pub fn find(&self, code_or_name: &str) -> Option<&dyn Rule> {
        self.rules
            .iter()
            .find(|r| r.meta().code.eq_ignore_ascii_case(code_or_name) || r.meta().name == code_or_name)
            .map(|r| r.as_ref())
    }

    /// The indices of the rules a selector names: `ALL`, a code, a code prefix
    /// (`S`, `S00`) or a kebab-case name.
    pub fn resolve(&self, selector: &str) -> Result<Vec<usize>, UnknownSelector> {
        let selector = selector.trim();
        let hits: Vec<usize> = self
            .rules
            .iter()
            .enumerate()
            .filter(|(_, rule)| {
                let meta = rule.meta();
                selector == "ALL"
                    || meta.name == selector
                    || (!selector.is_empty()
                        && meta.code.len() >= selector.len()
                        && meta.code[..selector.len()].eq_ignore_ascii_case(selector))
            })
            .map(|(index, _)| index)
            .collect();
        if hits.is_empty() {
            Err(UnknownSelector {
                selector: selector.to_string(),
                suggestion: self.suggest(selector),
            })
        } else {
            Ok(hits)
        }
    }

    fn suggest(&self, selector: &str) -> Option<String> {
        self.rules
            .iter()
            .flat_map(|rule| [rule.meta().code, rule.meta().name])
            .map(|candidate| {
                (
                    strsim::jaro_winkler(&selector.to_lowercase(), &candidate.to_lowercase()),
                    candidate,
                )
            })
            .filter(|(score, _)| *score > 0.8)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, candidate)| candidate.to_string())
    }

    /// The enabled rules after applying `select` (or the defaults), then
    /// `extend_select`, then `ignore`.
    pub fn select(&self, selection: &Selection) -> Result<RuleSet<'_>, UnknownSelector> {
        let mut enabled: BTreeSet<usize> = match &selection.select {
            Some(selectors) => {
                let mut set = BTreeSet::new();
                for selector in selectors {
                    set.extend(self.resolve(selector)?);
                }
                set
            }
            None => (0..self.rules.len())
                .filter(|&i| self.rules[i].meta().default_enabled)
                .collect(),
        };
        for selector in &selection.extend_select {
            enabled.extend(self.resolve(selector)?);
        }
        for selector in &selection.ignore {
            for index in self.resolve(selector)? {
                enabled.remove(&index);
            }
        }
        Ok(RuleSet {
            rules: enabled.into_iter().map(|i| self.rules[i].as_ref()).collect(),
        })
    }
}

impl Registry {
    /// The rule set of the rules at these indices (into [`Registry::rules`]).
    pub fn rule_set(&self, indices: impl IntoIterator<Item = usize>) -> RuleSet<'_> {
        RuleSet {
            rules: indices.into_iter().map(|i| self.rules[i].as_ref()).collect(),
        }
    }
}

/// Which rules the user asked for, as selectors.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub select: Option<Vec<String>>,
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
}

/// A selector that names no rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownSelector {
    pub selector: String,
    pub suggestion: Option<String>,
}

impl fmt::Display for UnknownSelector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown rule selector `{}`", self.selector)?;
        if let Some(suggestion) = &self.suggestion {
            write!(f, " (did you mean `{suggestion}`?)")?;
        }
        Ok(())
    }
}

impl std::error::Error for UnknownSelector {}

/// The rules one run applies, in code order.
pub struct RuleSet<'r> {
    rules: Vec<&'r dyn Rule>,
}

impl<'r> RuleSet<'r> {
    pub fn rules(&self) -> &[&'r dyn Rule] {
        &self.rules
    }

    pub fn contains(&self, code: &str) -> bool {
        self.rules.iter().any(|r| r.meta().code == code)
    }
}
