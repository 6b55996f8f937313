//! Every example in every built-in rule's documentation, as a named test
//! (`cargo test --test rule_examples -- S001` runs one rule's).

use libtest_mimic::{Arguments, Failed, Trial};
use mtlint::Registry;
use mtlint::examples;

fn main() {
    let args = Arguments::from_args();
    let registry = std::sync::Arc::new(Registry::builtin());
    let mut trials = Vec::new();
    for (index, rule) in registry.rules().iter().enumerate() {
        let meta = rule.meta();
        let parsed = examples::parse(meta.code, meta.doc);
        let has_bad = parsed
            .iter()
            .any(|e| matches!(e.expectation, examples::Expectation::Reported { .. }));
        let has_good = parsed.iter().any(|e| e.expectation == examples::Expectation::Quiet);
        let documented = has_bad && has_good;
        trials.push(Trial::test(
            format!("{}::has_bad_and_good_examples", meta.code),
            move || {
                if documented {
                    Ok(())
                } else {
                    Err(Failed::from("every rule needs at least one bad and one good example"))
                }
            },
        ));
        for example in parsed {
            let registry = registry.clone();
            trials.push(Trial::test(example.name(), move || {
                let rule = registry.rules()[index].as_ref();
                examples::run(&registry, rule, &example).map_err(Failed::from)
            }));
        }
    }
    libtest_mimic::run(&args, trials).exit();
}
