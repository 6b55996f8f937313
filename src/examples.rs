//! Rule examples: parsed from each rule's documentation and run as tests.
//!
//! A rule's doc carries fenced blocks tagged `bad`, `fixed` and `good`:
//! a `bad` text must draw at least one diagnostic from the rule; a `fixed` block
//! right after it is what fixing that text (safe and unsafe fixes) must give;
//! a `good` text must draw none. Texts may spell awkward characters as
//! `\u{HEX}` escapes. The same doc is what `mtlint rule` prints, so the
//! documentation and the tests cannot drift apart.

use crate::diagnostic::Applicability;
use crate::registry::{Registry, Rule, Selection};

/// What an example says of its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expectation {
    /// The rule reports the text; with `Some`, fixing it gives that text.
    Reported { fixed: Option<String> },
    /// The rule stays quiet on the text.
    Quiet,
}

/// One example of one rule.
#[derive(Debug, Clone)]
pub struct Example {
    pub code: &'static str,
    /// 1-based position among the rule's examples, for naming tests.
    pub number: usize,
    pub text: String,
    pub expectation: Expectation,
}

impl Example {
    /// A stable test name: `S001::bad_1`, `S001::good_2`.
    pub fn name(&self) -> String {
        let kind = match self.expectation {
            Expectation::Reported { .. } => "bad",
            Expectation::Quiet => "good",
        };
        format!("{}::{}_{}", self.code, kind, self.number)
    }
}

/// Replaces `\u{HEX}` escapes with their chars; everything else stays.
pub fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("\\u{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 3..];
        let decoded = after.find('}').and_then(|end| {
            u32::from_str_radix(&after[..end], 16)
                .ok()
                .and_then(char::from_u32)
                .map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push_str("\\u{");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The examples in a rule's documentation, in order.
pub fn parse(code: &'static str, doc: &str) -> Vec<Example> {
    let mut blocks: Vec<(&str, String)> = Vec::new();
    let mut lines = doc.lines();
    while let Some(line) = lines.next() {
        let tag = line.trim().strip_prefix("```").map(str::trim);
        let Some(tag @ ("bad" | "good" | "fixed")) = tag else {
            continue;
        };
        let body: Vec<&str> = lines
            .by_ref()
            .take_while(|l| l.trim() != "```")
            .map(strip_doc_indent)
            .collect();
        blocks.push((tag, unescape(&body.join("\n"))));
    }
    let mut examples = Vec::new();
    let mut iter = blocks.into_iter().peekable();
    while let Some((tag, text)) = iter.next() {
        let expectation = match tag {
            "bad" => {
                let fixed = iter.next_if(|(next, _)| *next == "fixed").map(|(_, fixed)| fixed);
                Expectation::Reported { fixed }
            }
            "good" => Expectation::Quiet,
            _ => continue,
        };
        examples.push(Example {
            code,
            number: examples.len() + 1,
            text,
            expectation,
        });
    }
    examples
}

/// Doc comments keep the space after `///`; drop exactly that one.
fn strip_doc_indent(line: &str) -> &str {
    line.strip_prefix(' ').unwrap_or(line)
}

/// Runs one example against its rule alone; `Err` says what went wrong.
pub fn run(registry: &Registry, rule: &dyn Rule, example: &Example) -> Result<(), String> {
    let code = rule.meta().code;
    let selection = Selection {
        select: Some(vec![code.to_string()]),
        ..Selection::default()
    };
    let rules = registry.select(&selection).map_err(|e| e.to_string())?;
    let found = crate::lint(&example.text, &rules);
    match &example.expectation {
        Expectation::Quiet if found.is_empty() => Ok(()),
        Expectation::Quiet => Err(format!(
            "{code} reported {:?} at {:?} on text that must stay quiet:\n{}",
            found[0].message, found[0].span, example.text
        )),
        Expectation::Reported { .. } if found.is_empty() => {
            Err(format!("{code} reported nothing on:\n{}", example.text))
        }
        Expectation::Reported { fixed: None } => Ok(()),
        Expectation::Reported { fixed: Some(expected) } => {
            let outcome = crate::fix::fix(&example.text, &rules, Applicability::Unsafe);
            if &outcome.text == expected {
                Ok(())
            } else {
                Err(format!(
                    "{code} fixed\n{}\ninto\n{}\nbut the example expects\n{}",
                    example.text, outcome.text, expected
                ))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_bad_fixed_and_good_blocks() {
        let doc = "## Examples\n```bad\n a.B\n```\n```fixed\n a. B\n```\n```good\n U.S.\\u{20}\n```\n";
        let examples = parse("S001", doc);
        assert_eq!(examples.len(), 2);
        assert_eq!(examples[0].text, "a.B");
        assert_eq!(
            examples[0].expectation,
            Expectation::Reported {
                fixed: Some("a. B".into())
            }
        );
        assert_eq!(examples[1].text, "U.S. ");
        assert_eq!(examples[1].name(), "S001::good_2");
    }
}
