//! An MT-style article, written for this test, with every defect the seed
//! article shows: all default rules run on it, and `--fix`'s safe fixes repair
//! exactly the mechanical defects and leave every other byte alone.

use mtlint::{Applicability, Registry, Selection};

const ARTICLE: &str = "Lavrov: EU reply to Moscow’s gas proposal misses the point

2023-03-14 0 By

Moscow, March 2 (reporter Li Ming)Russian Foreign Minister Sergei Lavrov said Friday that the EU reply missed the point.He spoke after talks in Moscow with the Serbian minister, saying that Russia would study the written reply to its proposal.”It is clear that our interests were ignored.”Mr Lavrov said the reply did not answer three questions.Mr. Lavrov said the talks would go on.(after)
";

const FIXED: &str = "Lavrov: EU reply to Moscow’s gas proposal misses the point

2023-03-14 0 By

Moscow, March 2 (reporter Li Ming) Russian Foreign Minister Sergei Lavrov said Friday that the EU reply missed the point. He spoke after talks in Moscow with the Serbian minister, saying that Russia would study the written reply to its proposal. “It is clear that our interests were ignored.” Mr Lavrov said the reply did not answer three questions. Mr. Lavrov said the talks would go on.
";

fn defaults(registry: &Registry) -> mtlint::RuleSet<'_> {
    registry.select(&Selection::default()).unwrap()
}

#[test]
fn every_defect_is_reported_once() {
    let registry = Registry::builtin();
    let found: Vec<(&str, &str)> = mtlint::lint(ARTICLE, &defaults(&registry))
        .iter()
        .map(|d| (d.rule.code, &ARTICLE[d.span.clone()]))
        .collect();
    assert_eq!(
        found,
        vec![
            ("M004", "2023-03-14 0 By"),
            ("S004", ")"),
            ("S001", "."),
            ("Q001", "”"),
            ("S003", "”"),
            ("S001", "."),
            ("C001", "Mr."),
            ("M001", "(after)"),
        ]
    );
}

#[test]
fn safe_fixes_repair_the_glue_and_nothing_else() {
    let registry = Registry::builtin();
    let rules = defaults(&registry);
    let outcome = mtlint::fix::fix(ARTICLE, &rules, Applicability::Safe);
    assert_eq!(outcome.text, FIXED);
    let again = mtlint::fix::fix(&outcome.text, &rules, Applicability::Safe);
    assert_eq!(again.text, FIXED);
    let left: Vec<&str> = outcome.remaining.iter().map(|d| d.rule.code).collect();
    assert_eq!(left, vec!["M004", "C001"]);
}
