//! Property tests for the quote, bracket, marker and consistency rules: on any
//! text built from the characters they look at (with multi-byte neighbours),
//! linting never panics, spans fall on char boundaries, and fixing reaches a
//! fixpoint that a second fix leaves alone.

use mtlint::{Applicability, Registry, Selection};
use proptest::prelude::*;

const CODES: &[&str] = &[
    "S002", "S003", "S004", "Q001", "Q002", "Q003", "M001", "M004", "C001", "C002",
];

fn pieces() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "a",
        "Putin",
        " ",
        "\n",
        "\n\n",
        ".",
        "”",
        "“",
        "\"",
        "(",
        ")",
        "[",
        "]",
        "（",
        "）",
        "【",
        "】",
        "完",
        "™",
        "’",
        "Mr",
        "Mr.",
        "St.",
        "No.",
        "1",
        "US",
        "U.S.",
        " By",
        "2022-06-21",
        "(after)",
        "Enditem",
        ":",
        "-",
        "s",
    ]);
    prop::collection::vec(piece, 0..40).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn lint_and_fix_are_sound(text in pieces()) {
        let registry = Registry::builtin();
        let selection = Selection {
            select: Some(CODES.iter().map(|c| c.to_string()).collect()),
            ..Selection::default()
        };
        let rules = registry.select(&selection).unwrap();
        for diagnostic in mtlint::lint(&text, &rules) {
            prop_assert!(text.is_char_boundary(diagnostic.span.start));
            prop_assert!(text.is_char_boundary(diagnostic.span.end));
        }
        let once = mtlint::fix::fix(&text, &rules, Applicability::Unsafe);
        prop_assert!(once.unconverged.is_empty(), "no fixpoint for {:?}: {:?}", text, once.unconverged);
        let twice = mtlint::fix::fix(&once.text, &rules, Applicability::Unsafe);
        prop_assert_eq!(twice.text, once.text);
    }
}
