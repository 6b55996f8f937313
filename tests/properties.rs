//! Properties every rule and the fix engine must keep, over generated text that
//! mixes ASCII, curly and straight quotes, brackets, CJK, combining marks,
//! emoji, invisible characters and every line ending; plus each fixable rule's
//! documented examples re-run with every line ending, a BOM and with or
//! without a final newline.

use mtlint::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use mtlint::document::Document;
use mtlint::examples::{self, Expectation};
use mtlint::registry::FixAvailability;
use mtlint::{Registry, RuleSet, Selection};
use proptest::prelude::*;

mod common;
use common::with_endings;

mtlint::declare_rule! {
    /// Deletes a line that is only the end mark `(after)`, with its line
    /// ending: a stand-in for the MT-marker rules that delete whole lines, so
    /// the properties cover line deletion whatever rules are built in.
    struct DeleteEndMarkLine {
        code: "Z901",
        name: "test-delete-end-mark-line",
        family: Markers,
        severity: Warning,
        default: false,
        fix: Safe,
    }
}

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    for line in 0..doc.lines().line_count() {
        let whole = doc.lines().line_range(line);
        let content = text[whole.clone()].trim_end_matches(['\r', '\n']);
        if content == "(after)" {
            // A last line without an ending goes with the ending before it,
            // so the file keeps having no final newline.
            let deleted = if content.len() == whole.len() && line > 0 {
                let previous = doc.lines().line_range(line - 1);
                previous.start + text[previous].trim_end_matches(['\r', '\n']).len()..whole.end
            } else {
                whole.clone()
            };
            out.push(
                Diagnostic::new(&DeleteEndMarkLine::META, whole, "End mark left by MT")
                    .with_fix(Fix::safe("Delete the line", vec![Edit::deletion(deleted)])),
            );
        }
    }
}

fn registry() -> Registry {
    let mut registry = Registry::builtin();
    registry
        .extend(vec![Box::new(DeleteEndMarkLine)])
        .expect("the test rule's code is free");
    registry
}

fn all(registry: &Registry) -> RuleSet<'_> {
    registry
        .select(&Selection {
            select: Some(vec!["ALL".into()]),
            ..Selection::default()
        })
        .expect("ALL selects")
}

/// The line endings of `text` in order, reading `\r\n` as one, as the line
/// index does.
fn line_endings(text: &str) -> Vec<&'static str> {
    let bytes = text.as_bytes();
    let mut endings = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                endings.push("\r\n");
                i += 1;
            }
            b'\r' => endings.push("\r"),
            b'\n' => endings.push("\n"),
            _ => {}
        }
        i += 1;
    }
    endings
}

fn is_subsequence(small: &[&str], big: &[&str]) -> bool {
    let mut rest = big.iter();
    small.iter().all(|s| rest.any(|b| b == s))
}

fn final_ending(text: &str) -> Option<&'static str> {
    if text.ends_with("\r\n") {
        Some("\r\n")
    } else if text.ends_with('\n') {
        Some("\n")
    } else if text.ends_with('\r') {
        Some("\r")
    } else {
        None
    }
}

/// Why `diagnostic` breaks the span contract on `text`, if it does.
fn span_problem(text: &str, diagnostic: &Diagnostic) -> Option<String> {
    let ok = |offset: usize| offset <= text.len() && text.is_char_boundary(offset);
    let span = &diagnostic.span;
    if !(span.start <= span.end && ok(span.start) && ok(span.end)) {
        return Some(format!("{} span {span:?} off a char boundary", diagnostic.rule.code));
    }
    let edits = diagnostic.fix.iter().flat_map(|f| &f.edits).collect::<Vec<_>>();
    for edit in &edits {
        if !(edit.start <= edit.end && ok(edit.start) && ok(edit.end)) {
            return Some(format!("{} edit {edit:?} off a char boundary", diagnostic.rule.code));
        }
    }
    if edits.windows(2).any(|w| w[0].end > w[1].start) {
        return Some(format!("{} edits unsorted or overlapping", diagnostic.rule.code));
    }
    None
}

/// Checks that `output` is `text` with exactly `edits` applied: every byte
/// outside the edits is kept, in order.
fn only_edits_changed(text: &str, output: &str, edits: &[Edit]) -> Result<(), String> {
    let (mut input_at, mut output_at) = (0, 0);
    for edit in edits {
        if edit.start < input_at {
            return Err(format!("applied edits overlap at {edit:?}"));
        }
        let kept = &text.as_bytes()[input_at..edit.start];
        if output.as_bytes().get(output_at..output_at + kept.len()) != Some(kept) {
            return Err(format!("bytes {input_at}..{} changed outside the edits", edit.start));
        }
        output_at += kept.len();
        if !output.as_bytes()[output_at..].starts_with(edit.replacement.as_bytes()) {
            return Err(format!("edit {edit:?} not applied as written"));
        }
        output_at += edit.replacement.len();
        input_at = edit.end;
    }
    if output.as_bytes()[output_at..] != text.as_bytes()[input_at..] {
        return Err(format!("the tail after byte {input_at} changed"));
    }
    Ok(())
}

/// Pieces news text is made of, the awkward ones included.
fn fragment() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Russia",
        "said",
        "the",
        "U.S.",
        "Mr.",
        "a.m.",
        "3.5",
        "Xinhua.net",
        "www.example.com",
        "e@mail.org",
        ".",
        ",",
        "!",
        "?",
        "...",
        "…",
        ";",
        ":",
        " ",
        " ",
        " ",
        "  ",
        "\t",
        "\u{a0}",
        "\u{3000}",
        "\"",
        "“",
        "”",
        "‘",
        "’",
        "'",
        "(",
        ")",
        "[",
        "]",
        "（",
        "）",
        "【",
        "】",
        "中国",
        "完",
        "，",
        "。",
        "e\u{301}",
        "\u{300}",
        "👍🏽",
        "🇺🇳",
        "\u{200b}",
        "\u{feff}",
        "\n",
        "\r\n",
        "\r",
        "\n\n",
        "\r\n\r\n",
        "(after)",
        "\n(after)\n",
        "â€™",
        "&amp;",
        "I",
        "It",
        "The",
        "conflict.Russia",
        ".”It",
        ")Russian",
        "Putin",
        "Mr",
        "St.",
        "No.",
        "1",
        "US",
        " By",
        "2022-06-21",
        "Enditem",
        "-",
        "s",
        "™",
    ]);
    prop_oneof![
        8 => pieces.prop_map(str::to_string),
        1 => any::<char>().prop_map(|c| c.to_string()),
        1 => "[a-zA-Z]{1,8}",
    ]
}

fn news_text() -> impl Strategy<Value = String> {
    (any::<bool>(), prop::collection::vec(fragment(), 0..80)).prop_map(|(bom, parts)| {
        let body = parts.concat();
        if bom { format!("\u{feff}{body}") } else { body }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn lint_never_panics_and_spans_lie_on_char_boundaries(text in news_text()) {
        let registry = registry();
        for diagnostic in mtlint::lint(&text, &all(&registry)) {
            prop_assert_eq!(span_problem(&text, &diagnostic), None);
        }
    }

    #[test]
    fn applying_fixes_changes_no_byte_outside_the_edits(text in news_text()) {
        let registry = registry();
        let diagnostics = mtlint::lint(&text, &all(&registry));
        let (output, applied) = mtlint::fix::apply_fixes(&text, &diagnostics, Applicability::Unsafe);
        let mut edits: Vec<Edit> = applied.iter().flat_map(|d| d.fix.iter().flat_map(|f| f.edits.clone())).collect();
        edits.sort();
        edits.dedup();
        prop_assert_eq!(only_edits_changed(&text, &output, &edits), Ok(()));
    }

    #[test]
    fn fixing_twice_changes_nothing_more(text in news_text()) {
        let registry = registry();
        let rules = all(&registry);
        let once = mtlint::fix::fix(&text, &rules, Applicability::Unsafe);
        prop_assert!(once.unconverged.is_empty(), "did not converge: {:?}", once.unconverged);
        let twice = mtlint::fix::fix(&once.text, &rules, Applicability::Unsafe);
        prop_assert_eq!(&twice.text, &once.text);
        prop_assert_eq!(twice.fixed_count(), 0);
        for diagnostic in &once.remaining {
            prop_assert_eq!(span_problem(&once.text, diagnostic), None);
        }
    }

    #[test]
    fn fixes_keep_the_bom_the_final_newline_and_every_line_ending(text in news_text()) {
        let registry = registry();
        let fixed = mtlint::fix::fix(&text, &all(&registry), Applicability::Unsafe).text;
        prop_assert_eq!(fixed.starts_with('\u{feff}'), text.starts_with('\u{feff}'));
        // A file ending with a line ending still does. (A deleted last line
        // takes its own ending, so in a file of mixed endings the one left may
        // be of another kind; without a final ending, a fix that empties the
        // last line leaves the file ending at the ending before it.)
        if final_ending(&text).is_some() && !fixed.trim_start_matches('\u{feff}').is_empty() {
            prop_assert!(final_ending(&fixed).is_some(), "{:?} lost its final line ending: {:?}", text, fixed);
        }
        // Lines may be deleted, never converted or joined.
        let (before, after) = (line_endings(&text), line_endings(&fixed));
        prop_assert!(is_subsequence(&after, &before), "endings {:?} became {:?}", before, after);
    }
}

/// Every bad example of every rule with a fix, rewritten with each line ending
/// style (a mix too), with and without a BOM and a final newline, fixes to its
/// documented fixed text rewritten the same way.
#[test]
fn every_rule_fix_keeps_line_endings_bom_and_final_newline() {
    let registry = registry();
    // After a lone CR comes CRLF, never LF, so a blank line cannot merge a CR
    // and an LF into one CRLF.
    let styles: [&[&str]; 4] = [&["\n"], &["\r\n"], &["\r"], &["\n", "\r", "\r\n"]];
    let mut checked = 0;
    for rule in registry.rules() {
        let meta = rule.meta();
        if meta.fix == FixAvailability::None {
            continue;
        }
        let only = registry
            .select(&Selection {
                select: Some(vec![meta.code.into()]),
                ..Selection::default()
            })
            .unwrap();
        let mut docs: Vec<(String, String)> = examples::parse(meta.code, meta.doc)
            .into_iter()
            .filter_map(|e| match e.expectation {
                Expectation::Reported { fixed: Some(fixed) } => Some((e.text, fixed)),
                _ => None,
            })
            .collect();
        if meta.code == "Z901" {
            docs.push(("Talks went on.\n(after)\nMore.".into(), "Talks went on.\nMore.".into()));
        }
        assert!(!docs.is_empty(), "{} has a fix but no bad/fixed example", meta.code);
        for (bad, fixed) in docs {
            let same_lines = bad.split('\n').count() == fixed.split('\n').count();
            for style in styles {
                // A deleted line shifts which ending each later line has.
                if style.len() > 1 && !same_lines {
                    continue;
                }
                for bom in ["", "\u{feff}"] {
                    for last in ["", "\n"] {
                        let input = format!("{bom}{}", with_endings(&format!("{bad}{last}"), style));
                        let want = format!("{bom}{}", with_endings(&format!("{fixed}{last}"), style));
                        let got = mtlint::fix::fix(&input, &only, Applicability::Unsafe).text;
                        assert_eq!(got, want, "{} on {input:?}", meta.code);
                        checked += 1;
                    }
                }
            }
        }
    }
    assert!(checked > 0);
}

#[test]
fn a_deleted_line_takes_only_its_own_line_ending() {
    let registry = registry();
    let rules = all(&registry);
    let text = "Talks went on.\r\n(after)\rBoth sides met.\n(after)\n";
    let fixed = mtlint::fix::fix(text, &rules, Applicability::Safe).text;
    assert_eq!(fixed, "Talks went on.\r\nBoth sides met.\n");
}

/// Found by `fixes_keep_the_bom_the_final_newline_and_every_line_ending`:
/// removing a whitespace-only line (S009) or a deleted line's text (the fix
/// engine) between a lone CR and an LF merged the two line endings into one CRLF.
#[test]
fn regression_whitespace_line_between_cr_and_lf_keeps_both_endings() {
    let registry = registry();
    for text in ["\r \n", "Talks went on.\r\u{3000}\nBoth sides met.\n", "\r(after)\n\n"] {
        let fixed = mtlint::fix::fix(text, &all(&registry), Applicability::Unsafe).text;
        assert_eq!(line_endings(&fixed), line_endings(text), "{text:?} became {fixed:?}");
    }
}
