//! The word lists in `rules/lists/`, compiled into the binary and parsed once.

use std::collections::HashSet;
use std::sync::LazyLock;

/// Parses a list file: one entry per line, `#` starts a comment line.
pub fn parse(list: &'static str) -> impl Iterator<Item = &'static str> {
    list.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

fn set(list: &'static str) -> HashSet<&'static str> {
    parse(list).collect()
}

/// Abbreviations that take a final period, stored without it (`Mr`, `U.S`).
pub static ABBREVIATIONS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("../rules/lists/abbreviations.txt")));

/// Titles written before names, without a period (`Mr`, `Dr`).
pub static HONORIFICS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("../rules/lists/honorifics.txt")));

/// Abbreviations written before a number, without their period (`No`, `Art`, `Jan`).
pub static NUMERIC_PREFIXES: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("../rules/lists/numeric-prefixes.txt")));

/// End-of-article markers, normalised: lowercase, `(` `)` for any bracket (`(完)`, `(after)`).
pub static END_MARKERS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("../rules/lists/end-markers.txt")));

/// Scraped page furniture, normalised: lowercase, digits as `#` (`comments (#)`).
pub static UI_JUNK: LazyLock<HashSet<&'static str>> = LazyLock::new(|| set(include_str!("../rules/lists/ui-junk.txt")));

/// Top-level domains that make `word.tld` a host.
pub static TLDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| set(include_str!("../rules/lists/tlds.txt")));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_parse_without_comments() {
        assert!(ABBREVIATIONS.contains("Mr"));
        assert!(ABBREVIATIONS.contains("U.S"));
        assert!(!ABBREVIATIONS.iter().any(|entry| entry.starts_with('#')));
        assert!(TLDS.contains("net"));
        assert!(HONORIFICS.contains("Dr"));
    }
}
