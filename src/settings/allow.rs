//! `allow`: text where no rule reports, given as exact strings or regexes.

use std::ops::Range;

use aho_corasick::AhoCorasick;
use regex::Regex;
use schemars::JsonSchema;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::diagnostic::Diagnostic;

/// One `allow` entry: an exact string (`"Yahoo!News"`) or a regex
/// (`{ regex = "Xinhua\\.(net|com)" }`). A diagnostic whose span lies wholly
/// inside text that an entry matches is dropped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum AllowEntry {
    /// Text written exactly so, such as a brand name or a house spelling.
    Exact(String),
    /// A regular expression (Rust `regex` syntax) searched for in the text.
    #[schemars(extend("additionalProperties" = false))]
    Regex {
        /// The pattern; Rust `regex` syntax.
        regex: String,
    },
}

// Written by hand rather than `#[serde(untagged)]` so that a misspelt key in
// `{ regx = "…" }` is reported as an unknown key, not as "no variant matched".
impl<'de> Deserialize<'de> for AllowEntry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntryVisitor;

        impl<'de> Visitor<'de> for EntryVisitor {
            type Value = AllowEntry;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string or a table `{ regex = \"...\" }`")
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<AllowEntry, E> {
                Ok(AllowEntry::Exact(value.to_string()))
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<AllowEntry, A::Error> {
                let mut regex = None;
                while let Some(key) = map.next_key::<String>()? {
                    if key != "regex" {
                        return Err(de::Error::unknown_field(&key, &["regex"]));
                    }
                    regex = Some(map.next_value::<String>()?);
                }
                regex
                    .map(|regex| AllowEntry::Regex { regex })
                    .ok_or_else(|| de::Error::missing_field("regex"))
            }
        }

        deserializer.deserialize_any(EntryVisitor)
    }
}

/// The compiled `allow` entries of one config file.
#[derive(Debug, Default)]
pub struct AllowList {
    exact: Option<AhoCorasick>,
    regexes: Vec<Regex>,
}

/// Why an `allow` entry could not be compiled: its index and the cause.
pub struct AllowError {
    pub index: usize,
    pub message: String,
}

impl AllowList {
    pub fn new(entries: &[AllowEntry]) -> Result<Self, AllowError> {
        let mut exact = Vec::new();
        let mut regexes = Vec::new();
        for (index, entry) in entries.iter().enumerate() {
            match entry {
                AllowEntry::Exact(text) if text.is_empty() => {
                    return Err(AllowError {
                        index,
                        message: "an empty string would allow nothing".to_string(),
                    });
                }
                AllowEntry::Exact(text) => exact.push(text.as_str()),
                AllowEntry::Regex { regex } => regexes.push(Regex::new(regex).map_err(|e| AllowError {
                    index,
                    message: format!("invalid regex: {e}"),
                })?),
            }
        }
        let exact = if exact.is_empty() {
            None
        } else {
            Some(AhoCorasick::new(&exact).map_err(|e| AllowError {
                index: 0,
                message: e.to_string(),
            })?)
        };
        Ok(AllowList { exact, regexes })
    }

    pub fn is_empty(&self) -> bool {
        self.exact.is_none() && self.regexes.is_empty()
    }

    /// Drops the diagnostics whose span lies inside allowed text. One pass over
    /// the text per entry kind, and only when something was reported.
    pub fn retain(&self, text: &str, diagnostics: &mut Vec<Diagnostic>) {
        if self.is_empty() || diagnostics.is_empty() {
            return;
        }
        let covered = self.covered(text);
        diagnostics.retain(|d| !is_covered(&covered, &d.span));
    }

    /// The text that the entries match, as sorted, merged ranges.
    fn covered(&self, text: &str) -> Vec<Range<usize>> {
        let mut ranges: Vec<Range<usize>> = Vec::new();
        if let Some(exact) = &self.exact {
            ranges.extend(exact.find_overlapping_iter(text).map(|m| m.range()));
        }
        for regex in &self.regexes {
            ranges.extend(regex.find_iter(text).map(|m| m.range()));
        }
        ranges.sort_by_key(|r| (r.start, r.end));
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
        for range in ranges {
            match merged.last_mut() {
                Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
                _ => merged.push(range),
            }
        }
        merged
    }
}

fn is_covered(covered: &[Range<usize>], span: &Range<usize>) -> bool {
    let after = covered.partition_point(|r| r.start <= span.start);
    after > 0 && covered[after - 1].end >= span.end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coverage_needs_the_whole_span_inside_one_merged_match() {
        let covered = [2..6, 8..10];
        assert!(is_covered(&covered, &(2..6)));
        assert!(is_covered(&covered, &(3..4)));
        assert!(!is_covered(&covered, &(5..8)));
        assert!(!is_covered(&covered, &(0..1)));
        assert!(is_covered(&covered, &(9..9)));
    }

    #[test]
    fn exact_and_regex_entries_both_cover_their_matches() {
        let list = AllowList::new(&[
            AllowEntry::Exact("Yahoo!News".into()),
            AllowEntry::Regex {
                regex: r"Xinhua\.(net|com)".into(),
            },
        ])
        .ok()
        .unwrap();
        let text = "read Yahoo!News and Xinhua.net daily";
        assert_eq!(list.covered(text), vec![5..15, 20..30]);
    }
}
