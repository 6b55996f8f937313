//! Message and replacement templates of declarative rules.
//!
//! `{match}` is the matched text, `{1}` or `{name}` a capture group, `{to}` the
//! replacement and `{count}` (consistency rules) how often the majority form
//! occurs. A filter may follow a bar: `{1|lower}`, `{1|upper}`, and
//! `{1|char_dec}` / `{1|char_hex}`, which turn a decimal or hexadecimal code point
//! into its character (for numeric character references). `{{` and `}}` are
//! literal braces.

use std::fmt::Write;

/// What a placeholder names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Var {
    Match,
    Group(usize),
    /// A named capture group, or a context value (`to`, `count`).
    Named(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Filter {
    Lower,
    Upper,
    CharDec,
    CharHex,
}

#[derive(Debug, Clone)]
enum Segment {
    Text(String),
    Var(Var, Option<Filter>),
}

#[derive(Debug, Clone)]
pub struct Template {
    segments: Vec<Segment>,
}

impl Template {
    pub fn parse(source: &str) -> Result<Template, String> {
        let mut segments = Vec::new();
        let mut text = String::new();
        let mut chars = source.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    text.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    text.push('}');
                }
                '}' => {
                    return Err(format!(
                        "unmatched `}}` in `{source}` (write `}}}}` for a literal brace)"
                    ));
                }
                '{' => {
                    let mut inner = String::new();
                    loop {
                        match chars.next() {
                            Some('}') => break,
                            Some(c) => inner.push(c),
                            None => {
                                return Err(format!(
                                    "unclosed `{{` in `{source}` (write `{{{{` for a literal brace)"
                                ));
                            }
                        }
                    }
                    if !text.is_empty() {
                        segments.push(Segment::Text(std::mem::take(&mut text)));
                    }
                    segments.push(parse_placeholder(&inner)?);
                }
                c => text.push(c),
            }
        }
        if !text.is_empty() {
            segments.push(Segment::Text(text));
        }
        Ok(Template { segments })
    }

    pub fn vars(&self) -> impl Iterator<Item = &Var> {
        self.segments.iter().filter_map(|segment| match segment {
            Segment::Var(var, _) => Some(var),
            Segment::Text(_) => None,
        })
    }

    /// Fills the placeholders; `None` when a value is missing or a filter cannot
    /// apply (`{1|char_dec}` on a code point that is no character).
    pub fn render(&self, lookup: &dyn Fn(&Var) -> Option<String>) -> Option<String> {
        let mut out = String::new();
        for segment in &self.segments {
            match segment {
                Segment::Text(text) => out.push_str(text),
                Segment::Var(var, filter) => {
                    let value = lookup(var)?;
                    match filter {
                        None => out.push_str(&value),
                        Some(Filter::Lower) => out.push_str(&value.to_lowercase()),
                        Some(Filter::Upper) => out.push_str(&value.to_uppercase()),
                        Some(Filter::CharDec) => out.push(code_point(&value, 10)?),
                        Some(Filter::CharHex) => out.push(code_point(&value, 16)?),
                    }
                }
            }
        }
        Some(out)
    }
}

fn parse_placeholder(inner: &str) -> Result<Segment, String> {
    let (name, filter) = match inner.split_once('|') {
        Some((name, filter)) => (name.trim(), Some(filter.trim())),
        None => (inner.trim(), None),
    };
    let filter = match filter {
        None => None,
        Some("lower") => Some(Filter::Lower),
        Some("upper") => Some(Filter::Upper),
        Some("char_dec") => Some(Filter::CharDec),
        Some("char_hex") => Some(Filter::CharHex),
        Some(other) => {
            return Err(format!(
                "unknown filter `{other}` in `{{{inner}}}` (known: lower, upper, char_dec, char_hex)"
            ));
        }
    };
    let var = if name == "match" {
        Var::Match
    } else if let Ok(group) = name.parse::<usize>() {
        Var::Group(group)
    } else if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        Var::Named(name.to_string())
    } else {
        return Err(format!("bad placeholder `{{{inner}}}`"));
    };
    Ok(Segment::Var(var, filter))
}

/// The character a numeric character reference names, if it is one a text may
/// hold: not a surrogate, not a control character, not a noncharacter.
fn code_point(digits: &str, radix: u32) -> Option<char> {
    let c = char::from_u32(u32::from_str_radix(digits, radix).ok()?)?;
    let noncharacter = matches!(c as u32, 0xFDD0..=0xFDEF) || (c as u32) & 0xFFFE == 0xFFFE;
    (!c.is_control() && !noncharacter).then_some(c)
}

/// Describes a var for error messages.
pub fn describe(var: &Var) -> String {
    let mut out = String::new();
    match var {
        Var::Match => out.push_str("{match}"),
        Var::Group(n) => {
            let _ = write!(out, "{{{n}}}");
        }
        Var::Named(name) => {
            let _ = write!(out, "{{{name}}}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(source: &str) -> Option<String> {
        Template::parse(source).unwrap().render(&|var| match var {
            Var::Match => Some("&#8217;".into()),
            Var::Group(1) => Some("8217".into()),
            Var::Named(name) if name == "hex" => Some("2019".into()),
            Var::Named(name) if name == "bad" => Some("55357".into()),
            _ => None,
        })
    }

    #[test]
    fn renders_placeholders_filters_and_braces() {
        assert_eq!(render("`{match}` {{x}}").as_deref(), Some("`&#8217;` {x}"));
        assert_eq!(render("{1|char_dec}{hex|char_hex}").as_deref(), Some("’’"));
        assert_eq!(render("{match|upper}").as_deref(), Some("&#8217;"));
        assert_eq!(render("{bad|char_dec}"), None, "a surrogate is no character");
        assert_eq!(render("{missing}"), None);
    }

    #[test]
    fn rejects_malformed_templates() {
        assert!(Template::parse("{match").unwrap_err().contains("unclosed"));
        assert!(Template::parse("a } b").unwrap_err().contains("unmatched"));
        assert!(
            Template::parse("{1|rot13}")
                .unwrap_err()
                .contains("unknown filter `rot13`")
        );
        assert!(Template::parse("{a b}").unwrap_err().contains("bad placeholder"));
    }
}
