//! Reading a rule file (serde + toml), validating every field, and compiling
//! each rule: its patterns, templates, metadata and generated documentation.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write;

use regex::{Regex, RegexBuilder};
use serde::Deserialize;

use super::LoadError;
use super::template::{Template, Var, describe};
use crate::diagnostic::{Applicability, Severity};
use crate::registry::{Family, FixAvailability, RuleMeta};

/// The most memory one compiled pattern may take; a pattern that needs more
/// (`(\w{100}){100}`) is refused with an error rather than slowing every run.
pub const PATTERN_SIZE_LIMIT: usize = 1 << 20;
/// The lazy DFA cache of one pattern.
pub const PATTERN_DFA_LIMIT: usize = 2 << 20;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSpec {
    #[serde(default)]
    rules: Vec<toml::Table>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleSpec {
    code: String,
    name: String,
    family: String,
    #[serde(rename = "type")]
    kind: String,
    message: String,
    #[serde(default = "default_severity")]
    severity: String,
    #[serde(default = "yes")]
    default: bool,
    #[serde(default)]
    case_insensitive: bool,
    #[serde(default = "yes")]
    word_boundary: bool,
    pattern: Option<String>,
    phrases: Option<Vec<String>>,
    replacement: Option<String>,
    #[serde(default)]
    regex: bool,
    swap: Option<BTreeMap<String, SwapValue>>,
    groups: Option<Vec<Vec<Form>>>,
    fix: Option<String>,
    fix_message: Option<String>,
    #[serde(default)]
    exceptions: Vec<String>,
    doc: Option<String>,
    fix_safety: Option<String>,
    #[serde(default)]
    examples: Vec<ExampleSpec>,
}

fn default_severity() -> String {
    "warning".into()
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(untagged)]
enum SwapValue {
    To(String),
    Full { to: Option<String>, fix: Option<String> },
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Form {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExampleSpec {
    bad: Option<String>,
    fixed: Option<String>,
    good: Option<String>,
}

/// One compiled declarative rule.
pub struct CompiledRule {
    pub meta: &'static RuleMeta,
    /// The file the rule came from, for error messages.
    pub file: String,
    pub kind: Kind,
    pub patterns: Vec<Pattern>,
    pub exceptions: Vec<Regex>,
    pub word_boundary: bool,
    pub case_insensitive: bool,
    pub message: Template,
    pub fix_message: Option<Template>,
}

pub enum Kind {
    /// Existence and substitution: every match is reported.
    Report,
    /// Each group lists alternatives whose words line up by position.
    Consistency {
        groups: Vec<Vec<Vec<String>>>,
        fix: Option<Applicability>,
    },
}

pub struct Pattern {
    /// The source given to the shared one-pass set.
    pub set_source: String,
    pub regex: Regex,
    /// Existence and substitution: the replacement and how safe it is.
    pub fix: Option<(Applicability, Template)>,
    /// Substitution of literal phrases in a case-insensitive rule: the
    /// replacement follows the match's capitalisation.
    pub match_case: bool,
    /// Consistency: the group and alternative, and each word's position.
    pub form: Option<(usize, usize, HashMap<String, usize>)>,
}

/// Compiles every rule of one file; `file` names it in errors.
pub fn compile_file(file: &str, text: &str) -> Result<Vec<CompiledRule>, LoadError> {
    let error = |rule: Option<String>, field: Option<&str>, message: String| LoadError {
        file: file.to_string(),
        rule,
        field: field.map(str::to_string),
        message,
    };
    let spec: FileSpec = toml::from_str(text).map_err(|e| error(None, None, format!("invalid TOML: {e}")))?;
    let mut rules = Vec::new();
    for (index, table) in spec.rules.into_iter().enumerate() {
        let label = ["code", "name"]
            .iter()
            .filter_map(|key| table.get(*key).and_then(toml::Value::as_str))
            .collect::<Vec<_>>()
            .join(" ");
        let label = if label.is_empty() {
            format!("#{} (the rule's position in the file)", index + 1)
        } else {
            label
        };
        let spec: RuleSpec = table
            .try_into()
            .map_err(|e: toml::de::Error| error(Some(label.clone()), None, e.message().to_string()))?;
        let rule =
            compile_rule(file, spec).map_err(|(field, message)| error(Some(label.clone()), Some(field), message))?;
        rules.push(rule);
    }
    Ok(rules)
}

type FieldError = (&'static str, String);

fn fail<T>(field: &'static str, message: impl Into<String>) -> Result<T, FieldError> {
    Err((field, message.into()))
}

fn compile_regex(field: &'static str, source: &str, case_insensitive: bool) -> Result<Regex, FieldError> {
    RegexBuilder::new(source)
        .case_insensitive(case_insensitive)
        .size_limit(PATTERN_SIZE_LIMIT)
        .dfa_size_limit(PATTERN_DFA_LIMIT)
        .build()
        .map_err(|e| (field, format!("bad regex `{source}`: {e}")))
}

fn applicability(field: &'static str, value: &str) -> Result<Option<Applicability>, FieldError> {
    match value {
        "safe" => Ok(Some(Applicability::Safe)),
        "unsafe" => Ok(Some(Applicability::Unsafe)),
        "none" => Ok(None),
        other => fail(field, format!("`{other}` is not one of safe, unsafe, none")),
    }
}

fn template(field: &'static str, source: &str, allowed: &dyn Fn(&Var) -> bool) -> Result<Template, FieldError> {
    let template = Template::parse(source).map_err(|e| (field, e))?;
    if let Some(var) = template.vars().find(|var| !allowed(var)) {
        return fail(field, format!("`{}` names nothing this rule provides", describe(var)));
    }
    Ok(template)
}

/// Whether a capture-group placeholder exists in `regex`.
fn has_group(regex: &Regex, var: &Var) -> bool {
    match var {
        Var::Group(n) => *n < regex.captures_len(),
        Var::Named(name) => regex.capture_names().flatten().any(|n| n == name),
        Var::Match => true,
    }
}

fn is_kebab(name: &str) -> bool {
    !name.is_empty()
        && name
            .split('-')
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()))
}

fn compile_rule(file: &str, spec: RuleSpec) -> Result<CompiledRule, FieldError> {
    let mut code = spec.code.chars();
    let family = Family::ALL.into_iter().find(|f| f.name() == spec.family);
    let Some(family) = family else {
        let names: Vec<&str> = Family::ALL.iter().map(|f| f.name()).collect();
        return fail(
            "family",
            format!("`{}` is not one of {}", spec.family, names.join(", ")),
        );
    };
    let letter_ok = code.next() == Some(family.letter());
    if !letter_ok || spec.code.len() != 4 || !code.all(|c| c.is_ascii_digit()) {
        return fail(
            "code",
            format!(
                "`{}` is not a {} code: the letter `{}` and three digits",
                spec.code,
                family.name(),
                family.letter()
            ),
        );
    }
    if !is_kebab(&spec.name) {
        return fail(
            "name",
            format!("`{}` is not kebab-case (`editorial-credit-leftover`)", spec.name),
        );
    }
    let severity = match spec.severity.as_str() {
        "error" => Severity::Error,
        "warning" => Severity::Warning,
        "info" => Severity::Info,
        other => return fail("severity", format!("`{other}` is not one of error, warning, info")),
    };
    if spec.message.trim().is_empty() {
        return fail("message", "must not be empty");
    }
    let ci = spec.case_insensitive;
    let only = |field: &'static str, present: bool, kinds: &str| -> Result<(), FieldError> {
        if present {
            fail(field, format!("only {kinds} rules take this field"))
        } else {
            Ok(())
        }
    };

    let mut patterns = Vec::new();
    let kind = match spec.kind.as_str() {
        "existence" => {
            only("swap", spec.swap.is_some(), "substitution")?;
            only("regex", spec.regex, "substitution")?;
            only("groups", spec.groups.is_some(), "consistency")?;
            let source = match (&spec.pattern, &spec.phrases) {
                (Some(pattern), None) => pattern.clone(),
                (None, Some(phrases)) => {
                    if phrases.is_empty() || phrases.iter().any(|p| p.is_empty()) {
                        return fail("phrases", "needs at least one phrase, none empty");
                    }
                    alternation(phrases)
                }
                _ => {
                    return fail(
                        "pattern",
                        "an existence rule takes exactly one of `pattern` and `phrases`",
                    );
                }
            };
            let field = if spec.pattern.is_some() { "pattern" } else { "phrases" };
            let regex = compile_regex(field, &source, ci)?;
            let fix_level = match (&spec.fix, &spec.replacement) {
                (Some(fix), _) => applicability("fix", fix)?,
                (None, Some(_)) => Some(Applicability::Unsafe),
                (None, None) => None,
            };
            let fix = match (fix_level, &spec.replacement) {
                (Some(level), Some(replacement)) => {
                    let t = template("replacement", replacement, &|var| has_group(&regex, var))?;
                    Some((level, t))
                }
                (Some(_), None) => return fail("replacement", "required when `fix` is safe or unsafe"),
                (None, Some(_)) => return fail("replacement", "given, but `fix` is \"none\""),
                (None, None) => None,
            };
            patterns.push(Pattern {
                set_source: source,
                regex,
                fix,
                match_case: false,
                form: None,
            });
            Kind::Report
        }
        "substitution" => {
            only("pattern", spec.pattern.is_some(), "existence")?;
            only("phrases", spec.phrases.is_some(), "existence")?;
            only("replacement", spec.replacement.is_some(), "existence")?;
            only("groups", spec.groups.is_some(), "consistency")?;
            let Some(swap) = &spec.swap else {
                return fail(
                    "swap",
                    "a substitution rule needs a `swap` table of bad form = good form",
                );
            };
            if swap.is_empty() {
                return fail("swap", "must not be empty");
            }
            let default_level = match &spec.fix {
                Some(fix) => applicability("fix", fix)?,
                None => Some(Applicability::Unsafe),
            };
            for (key, value) in swap {
                if key.is_empty() {
                    return fail("swap", "a key is empty");
                }
                let source = if spec.regex { key.clone() } else { regex::escape(key) };
                let regex = compile_regex("swap", &source, ci)?;
                let (to, level) = match value {
                    SwapValue::To(to) => (Some(to.as_str()), default_level),
                    SwapValue::Full { to, fix } => (
                        to.as_deref(),
                        match fix {
                            Some(fix) => applicability("swap", fix)?,
                            None => default_level,
                        },
                    ),
                };
                let fix = match (level, to) {
                    (Some(level), Some(to)) => {
                        let t = template("swap", to, &|var| has_group(&regex, var))
                            .map_err(|(field, e)| (field, format!("`{key}`: {e}")))?;
                        Some((level, t))
                    }
                    (Some(_), None) => return fail("swap", format!("`{key}` has no `to` but a fix")),
                    (None, _) => None,
                };
                patterns.push(Pattern {
                    set_source: source,
                    regex,
                    fix,
                    match_case: ci && !spec.regex,
                    form: None,
                });
            }
            Kind::Report
        }
        "consistency" => {
            only("pattern", spec.pattern.is_some(), "existence")?;
            only("phrases", spec.phrases.is_some(), "existence")?;
            only("replacement", spec.replacement.is_some(), "existence")?;
            only("swap", spec.swap.is_some(), "substitution")?;
            only("regex", spec.regex, "substitution")?;
            let fix = match &spec.fix {
                Some(fix) => applicability("fix", fix)?,
                None => Some(Applicability::Unsafe),
            };
            if fix == Some(Applicability::Safe) {
                return fail("fix", "a consistency fix is never safe: the majority form is a guess");
            }
            let Some(groups) = spec.groups else {
                return fail("groups", "a consistency rule needs `groups` of alternative forms");
            };
            let mut compiled_groups = Vec::new();
            for (g, group) in groups.into_iter().enumerate() {
                let alternatives: Vec<Vec<String>> = group
                    .into_iter()
                    .map(|form| match form {
                        Form::One(word) => vec![word],
                        Form::Many(words) => words,
                    })
                    .collect();
                let width = alternatives.first().map_or(0, Vec::len);
                if alternatives.len() < 2 || width == 0 {
                    return fail(
                        "groups",
                        format!("group {} needs two or more non-empty alternatives", g + 1),
                    );
                }
                if alternatives.iter().any(|alt| alt.len() != width) {
                    return fail(
                        "groups",
                        format!(
                            "group {}: every alternative must list the same number of words, which line up by position",
                            g + 1
                        ),
                    );
                }
                let mut seen = HashSet::new();
                for (a, words) in alternatives.iter().enumerate() {
                    let mut positions = HashMap::new();
                    for (position, word) in words.iter().enumerate() {
                        let folded = fold(word, ci);
                        if word.is_empty() || !seen.insert(folded.clone()) {
                            return fail("groups", format!("group {}: `{word}` is empty or listed twice", g + 1));
                        }
                        positions.insert(folded, position);
                    }
                    let source = alternation(words);
                    let regex = compile_regex("groups", &source, ci)?;
                    patterns.push(Pattern {
                        set_source: source,
                        regex,
                        fix: None,
                        match_case: ci,
                        form: Some((g, a, positions)),
                    });
                }
                compiled_groups.push(alternatives);
            }
            Kind::Consistency {
                groups: compiled_groups,
                fix,
            }
        }
        other => {
            return fail(
                "type",
                format!("`{other}` is not one of existence, substitution, consistency"),
            );
        }
    };

    let consistency = matches!(kind, Kind::Consistency { .. });
    let context_ok = |var: &Var| match var {
        Var::Match => true,
        Var::Named(name) if name == "to" => true,
        Var::Named(name) if name == "count" => consistency,
        _ => !consistency && patterns.iter().all(|p| has_group(&p.regex, var)),
    };
    let message = template("message", &spec.message, &context_ok)?;
    let fix_message = spec
        .fix_message
        .as_deref()
        .map(|source| template("fix_message", source, &context_ok))
        .transpose()?;
    let exceptions = spec
        .exceptions
        .iter()
        .map(|source| compile_regex("exceptions", source, ci))
        .collect::<Result<Vec<_>, _>>()?;

    let best = patterns
        .iter()
        .filter_map(|p| p.fix.as_ref().map(|(level, _)| *level))
        .chain(match &kind {
            Kind::Consistency { fix, .. } => *fix,
            Kind::Report => None,
        })
        .max();
    let availability = match best {
        Some(Applicability::Safe) => FixAvailability::Safe,
        Some(Applicability::Unsafe) => FixAvailability::Unsafe,
        None => FixAvailability::None,
    };
    let doc = documentation(file, &spec.doc, &spec.fix_safety, &spec.examples, availability)?;
    let meta: &'static RuleMeta = Box::leak(Box::new(RuleMeta {
        code: spec.code.leak(),
        name: spec.name.leak(),
        family,
        severity,
        default_enabled: spec.default,
        fix: availability,
        doc: doc.leak(),
    }));
    Ok(CompiledRule {
        meta,
        file: file.to_string(),
        kind,
        patterns,
        exceptions,
        word_boundary: spec.word_boundary,
        case_insensitive: ci,
        message,
        fix_message,
    })
}

/// The case-folded form of a word when the rule ignores case.
pub fn fold(word: &str, case_insensitive: bool) -> String {
    if case_insensitive {
        word.to_lowercase()
    } else {
        word.to_string()
    }
}

/// One regex matching any of the literal phrases, longest first so that the
/// leftmost-first alternation prefers `per cent` over `per`.
fn alternation(phrases: &[String]) -> String {
    let mut sorted: Vec<&String> = phrases.iter().collect();
    sorted.sort_by_key(|p| std::cmp::Reverse(p.len()));
    let escaped: Vec<String> = sorted.iter().map(|p| regex::escape(p)).collect();
    escaped.join("|")
}

/// The rule's Markdown documentation: the author's text, then the examples as
/// the fenced `bad` / `fixed` / `good` blocks that [`crate::examples`] parses,
/// then the fix safety.
fn documentation(
    file: &str,
    doc: &Option<String>,
    fix_safety: &Option<String>,
    examples: &[ExampleSpec],
    availability: FixAvailability,
) -> Result<String, FieldError> {
    let mut out = match doc {
        Some(doc) if !doc.trim().is_empty() => doc.trim().to_string(),
        _ => format!("A declarative rule from `{file}`."),
    };
    out.push_str("\n\n## Examples\n");
    for example in examples {
        let blocks: Vec<(&str, &String)> = match (&example.bad, &example.fixed, &example.good) {
            (Some(bad), fixed, None) => std::iter::once(("bad", bad))
                .chain(fixed.as_ref().map(|f| ("fixed", f)))
                .collect(),
            (None, None, Some(good)) => vec![("good", good)],
            _ => return fail("examples", "each example has `bad` (and optionally `fixed`), or `good`"),
        };
        for (tag, text) in blocks {
            if text.lines().any(|line| line.trim() == "```") {
                return fail("examples", "an example cannot hold a line of three backticks");
            }
            if text.contains("\\u{") {
                return fail(
                    "examples",
                    "write the character itself, not a `\\u{…}` escape (TOML strings take `\\uXXXX`)",
                );
            }
            let _ = writeln!(out, "```{tag}");
            // The example parser drops one leading space (doc comments have it),
            // so a line that starts with a space gets one more. A carriage return
            // would be lost to `lines()`, so it travels as the parser's escape.
            for line in text.split('\n') {
                let indent = if line.starts_with(' ') { " " } else { "" };
                let _ = writeln!(out, "{indent}{}", line.replace('\r', "\\u{d}"));
            }
            out.push_str("```\n");
        }
    }
    out.push_str("\n## Fix safety\n");
    match fix_safety {
        Some(text) if !text.trim().is_empty() => out.push_str(text.trim()),
        _ => out.push_str(match availability {
            FixAvailability::Safe => "The fix is safe: `--fix` applies it.",
            FixAvailability::Unsafe => "The fix is unsafe: it is applied only with `--unsafe-fixes`.",
            FixAvailability::None => "There is no fix: the rule only reports.",
        }),
    }
    out.push('\n');
    Ok(out)
}
