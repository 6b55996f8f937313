//! Running declarative rules: every pattern of every rule in a pack is searched
//! in one pass (a `RegexSet` over the text, then over the lines that hold a
//! match), and each rule then runs its own regexes only on its candidate lines.

use std::cmp::Reverse;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};

use regex::{Captures, RegexSet, RegexSetBuilder};

use super::LoadError;
use super::compile::{CompiledRule, Kind, fold};
use super::template::Var;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::registry::{Rule, RuleMeta};

/// The memory the combined set of a pack may take.
const SET_SIZE_LIMIT: usize = 64 << 20;

/// The lazy DFA cache of a pack's set, per searching thread. With the
/// default (2 MiB) the builtin pack's set keeps clearing its cache on
/// ordinary news text, gives up on the DFA and runs the PikeVM, which took
/// ~90 % of a run (~0.6 s per MB); with 8 MiB it stays on the DFA (~10×
/// faster). A bigger cache gained nothing on the benchmark corpus.
const SET_DFA_CACHE: usize = 8 << 20;

/// Rules compiled together, sharing one search.
pub struct Pack {
    /// Tells this pack's scan apart from other packs' in a [`Document`].
    id: usize,
    set: Option<RegexSet>,
    /// For each pattern of the set: its rule and the pattern's index there.
    owners: Vec<(usize, usize)>,
    pub rules: Vec<CompiledRule>,
}

/// The lines where each pattern of a pack's set matched, by set index.
struct Scan {
    lines: Vec<Vec<Range<usize>>>,
}

impl Pack {
    pub fn new(rules: Vec<CompiledRule>, files: &str) -> Result<Pack, LoadError> {
        static NEXT_ID: AtomicUsize = AtomicUsize::new(0);
        let mut sources = Vec::new();
        let mut owners = Vec::new();
        for (r, rule) in rules.iter().enumerate() {
            for (p, pattern) in rule.patterns.iter().enumerate() {
                let flags = if rule.case_insensitive { "i" } else { "" };
                sources.push(format!("(?{flags}:{})", pattern.set_source));
                owners.push((r, p));
            }
        }
        // Multi-line and CRLF mode make `^` and `$` work the same on the whole
        // text (the first, cheap test) as on each line.
        let set = if sources.is_empty() {
            None
        } else {
            Some(
                RegexSetBuilder::new(&sources)
                    .multi_line(true)
                    .crlf(true)
                    .size_limit(SET_SIZE_LIMIT)
                    .dfa_size_limit(SET_DFA_CACHE)
                    .build()
                    .map_err(|e| LoadError {
                        file: files.to_string(),
                        rule: None,
                        field: None,
                        message: format!("the rules' patterns together are too large to search at once: {e}"),
                    })?,
            )
        };
        Ok(Pack {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            set,
            owners,
            rules,
        })
    }

    fn scan(&self, doc: &Document) -> Scan {
        let mut lines = vec![Vec::new(); self.owners.len()];
        let Some(set) = &self.set else {
            return Scan { lines };
        };
        let text = doc.text();
        if !set.is_match(text) {
            return Scan { lines };
        }
        for line in doc.line_contents() {
            // Most lines hold no match: a plain search rules them out faster
            // than the overlapping one that tells the patterns apart.
            if line.is_empty() || !set.is_match(&text[line.clone()]) {
                continue;
            }
            for index in set.matches(&text[line.clone()]).iter() {
                lines[index].push(line.clone());
            }
        }
        Scan { lines }
    }

    fn check(&self, index: usize, doc: &Document, out: &mut Vec<Diagnostic>) {
        let rule = &self.rules[index];
        let scan = doc.shared_scan(self.id, |doc| self.scan(doc));
        let text = doc.text();
        let mut found: Vec<Found> = Vec::new();
        for (set_index, &(owner, p)) in self.owners.iter().enumerate() {
            if owner != index {
                continue;
            }
            for line in &scan.lines[set_index] {
                find_in_line(rule, p, doc, line.clone(), &mut found);
            }
        }
        // Patterns of one rule may overlap (`«…»` and a lone `«`): keep the
        // leftmost, then the longest, then the first listed.
        found.sort_by_key(|f| (f.span.start, Reverse(f.span.end), f.pattern));
        let mut kept: Vec<Found> = Vec::with_capacity(found.len());
        for f in found {
            if kept.last().is_none_or(|last| f.span.start >= last.span.end) {
                kept.push(f);
            }
        }
        match &rule.kind {
            Kind::Report => {
                for f in kept {
                    let pattern = &rule.patterns[f.pattern];
                    let fix = pattern.fix.as_ref().zip(f.to.clone()).map(|((level, _), to)| {
                        let message = fix_message(rule, &text[f.span.clone()], &to, None);
                        Fix::new(*level, message, vec![Edit::replacement(f.span.clone(), to)])
                    });
                    // Blanks at the match's edges go with the fix, not the report.
                    let shown = trim_blanks(text, f.span);
                    let mut diagnostic = Diagnostic::new(rule.meta, shown, f.message);
                    diagnostic.fix = fix;
                    out.push(diagnostic);
                }
            }
            Kind::Consistency { groups, fix } => consistency(rule, groups, *fix, text, kept, out),
        }
    }
}

/// One accepted match of one pattern.
struct Found {
    span: Range<usize>,
    pattern: usize,
    /// The replacement, when the pattern has a fix and it could be rendered.
    to: Option<String>,
    /// The rendered message (existence and substitution).
    message: String,
    /// Consistency: group, alternative and word position.
    form: Option<(usize, usize, usize)>,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The word-boundary test, done in code: where the match starts (ends) with a
/// word character, the character before (after) it must not be one.
fn at_word_boundaries(text: &str, span: &Range<usize>) -> bool {
    let matched = &text[span.clone()];
    let start_ok = !matched.chars().next().is_some_and(is_word_char)
        || !text[..span.start].chars().next_back().is_some_and(is_word_char);
    let end_ok = !matched.chars().next_back().is_some_and(is_word_char)
        || !text[span.end..].chars().next().is_some_and(is_word_char);
    start_ok && end_ok
}

fn find_in_line(rule: &CompiledRule, p: usize, doc: &Document, line: Range<usize>, found: &mut Vec<Found>) {
    let pattern = &rule.patterns[p];
    let text = doc.text();
    let haystack = &text[line.clone()];
    let mut exceptions: Option<Vec<Range<usize>>> = None;
    let mut pos = 0;
    while pos <= haystack.len() {
        let Some(caps) = pattern.regex.captures_at(haystack, pos) else {
            break;
        };
        let m = caps.get(0).expect("group 0 always matches");
        let span = line.start + m.start()..line.start + m.end();
        let first_len = haystack[m.start()..].chars().next().map_or(1, char::len_utf8);
        if m.is_empty() {
            pos = m.start() + first_len;
            continue;
        }
        if rule.word_boundary && !at_word_boundaries(text, &span) {
            // Another match may start inside this one (`xmln mln`).
            pos = m.start() + first_len;
            continue;
        }
        pos = m.end();
        if doc.is_protected(span.start) || doc.is_protected(span.end - 1) {
            continue;
        }
        let exceptions = exceptions.get_or_insert_with(|| {
            rule.exceptions
                .iter()
                .flat_map(|regex| regex.find_iter(haystack))
                .map(|m| line.start + m.start()..line.start + m.end())
                .collect()
        });
        if exceptions.iter().any(|e| e.start <= span.start && span.end <= e.end) {
            continue;
        }
        let matched = m.as_str();
        if let Some((_, _, positions)) = &pattern.form {
            let Some(&word) = positions.get(&fold(matched, rule.case_insensitive)) else {
                continue;
            };
            let (group, alternative, _) = pattern.form.as_ref().expect("checked above");
            found.push(Found {
                span,
                pattern: p,
                to: None,
                message: String::new(),
                form: Some((*group, *alternative, word)),
            });
            continue;
        }
        let to = pattern.fix.as_ref().and_then(|(_, template)| {
            let rendered = template.render(&|var| lookup(var, &caps, None))?;
            Some(if pattern.match_case {
                match_case(matched, &rendered)
            } else {
                rendered
            })
        });
        // A replacement equal to the match means there is nothing wrong here
        // (`percent` swapped for `percent` in a case-insensitive rule).
        if to.as_deref() == Some(matched) {
            continue;
        }
        let message = rule
            .message
            .render(&|var| match var {
                Var::Match => Some(matched.trim().to_string()),
                _ => lookup(var, &caps, to.as_deref()),
            })
            .unwrap_or_else(|| format!("`{}`", matched.trim()));
        found.push(Found {
            span,
            pattern: p,
            to,
            message,
            form: None,
        });
    }
}

/// `span` without the whitespace at its ends, unless it is all whitespace.
fn trim_blanks(text: &str, span: Range<usize>) -> Range<usize> {
    let inner = &text[span.clone()];
    let trimmed = inner.trim();
    if trimmed.is_empty() {
        return span;
    }
    let start = span.start + (inner.len() - inner.trim_start().len());
    start..start + trimmed.len()
}

fn lookup(var: &Var, caps: &Captures, to: Option<&str>) -> Option<String> {
    match var {
        Var::Match => caps.get(0).map(|m| m.as_str().to_string()),
        Var::Group(n) => caps.get(*n).map(|m| m.as_str().to_string()),
        Var::Named(name) if name == "to" => to.map(str::to_string),
        Var::Named(name) => caps.name(name).map(|m| m.as_str().to_string()),
    }
}

/// Gives `replacement` the capitalisation of `matched`: all capitals, or a
/// capital first letter.
fn match_case(matched: &str, replacement: &str) -> String {
    let letters = || matched.chars().filter(|c| c.is_alphabetic());
    if letters().count() > 1 && letters().all(char::is_uppercase) {
        return replacement.to_uppercase();
    }
    let mut chars = replacement.chars();
    match (matched.chars().next(), chars.next()) {
        (Some(m), Some(first)) if m.is_uppercase() => first.to_uppercase().chain(chars).collect(),
        _ => replacement.to_string(),
    }
}

fn fix_message(rule: &CompiledRule, matched: &str, to: &str, count: Option<usize>) -> String {
    let rendered = rule.fix_message.as_ref().and_then(|template| {
        template.render(&|var| match var {
            Var::Match => Some(matched.to_string()),
            Var::Named(name) if name == "to" => Some(to.to_string()),
            Var::Named(name) if name == "count" => count.map(|c| c.to_string()),
            _ => None,
        })
    });
    rendered.unwrap_or_else(|| {
        if to.is_empty() {
            format!("Remove `{matched}`")
        } else {
            format!("Replace `{matched}` with `{to}`")
        }
    })
}

/// Reports the forms of each group that are in the minority in the document,
/// with a fix to the majority form (ties go to the form seen first).
fn consistency(
    rule: &CompiledRule,
    groups: &[Vec<Vec<String>>],
    fix: Option<crate::diagnostic::Applicability>,
    text: &str,
    found: Vec<Found>,
    out: &mut Vec<Diagnostic>,
) {
    // Per group and alternative: how many, and where first.
    let mut tally: Vec<Vec<(usize, usize)>> = groups.iter().map(|g| vec![(0, usize::MAX); g.len()]).collect();
    for f in &found {
        let (g, a, _) = f.form.expect("consistency matches carry their form");
        let entry = &mut tally[g][a];
        entry.0 += 1;
        entry.1 = entry.1.min(f.span.start);
    }
    let majority: Vec<Option<usize>> = tally
        .iter()
        .map(|alternatives| {
            let used = alternatives.iter().filter(|(count, _)| *count > 0).count();
            (used > 1).then(|| {
                let best = alternatives
                    .iter()
                    .enumerate()
                    .max_by_key(|(_, (count, first))| (*count, Reverse(*first)));
                best.map_or(0, |(a, _)| a)
            })
        })
        .collect();
    for f in found {
        let (g, a, word) = f.form.expect("consistency matches carry their form");
        let Some(major) = majority[g] else { continue };
        if a == major {
            continue;
        }
        let matched = &text[f.span.clone()];
        let to = groups[g][major][word].as_str();
        let to = if rule.case_insensitive {
            match_case(matched, to)
        } else {
            to.to_string()
        };
        let count = tally[g][major].0;
        let message = rule
            .message
            .render(&|var| match var {
                Var::Match => Some(matched.to_string()),
                Var::Named(name) if name == "to" => Some(to.clone()),
                Var::Named(name) if name == "count" => Some(count.to_string()),
                _ => None,
            })
            .unwrap_or_else(|| format!("`{matched}`"));
        let mut diagnostic = Diagnostic::new(rule.meta, f.span.clone(), message);
        diagnostic.fix = fix.map(|level| {
            Fix::new(
                level,
                fix_message(rule, matched, &to, Some(count)),
                vec![Edit::replacement(f.span, to)],
            )
        });
        out.push(diagnostic);
    }
}

/// One declarative rule as the registry sees it.
pub struct DeclarativeRule {
    pack: &'static Pack,
    index: usize,
}

impl DeclarativeRule {
    pub fn all(pack: &'static Pack) -> impl Iterator<Item = Box<dyn Rule>> {
        (0..pack.rules.len()).map(move |index| Box::new(DeclarativeRule { pack, index }) as Box<dyn Rule>)
    }
}

impl Rule for DeclarativeRule {
    fn meta(&self) -> &'static RuleMeta {
        self.pack.rules[self.index].meta
    }

    fn check(&self, doc: &Document, out: &mut Vec<Diagnostic>) {
        self.pack.check(self.index, doc, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_boundaries_apply_only_at_word_edges() {
        let text = "percent 5% x&nbsp;y";
        assert!(at_word_boundaries(text, &(0..7)));
        assert!(!at_word_boundaries(text, &(3..7)), "`cent` inside `percent`");
        assert!(at_word_boundaries(text, &(9..10)), "`%` after a digit");
        assert!(at_word_boundaries(text, &(12..18)), "`&nbsp;` between letters");
    }

    #[test]
    fn replacements_follow_the_match_case() {
        assert_eq!(match_case("Per cent", "percent"), "Percent");
        assert_eq!(match_case("MLN", "million"), "MILLION");
        assert_eq!(match_case("mln", "million"), "million");
    }

    #[test]
    fn reported_spans_leave_out_edge_blanks() {
        let text = "said. (Editor: Li)  ";
        assert_eq!(trim_blanks(text, 5..20), 6..18);
        assert_eq!(trim_blanks(text, 18..20), 18..20);
    }
}
