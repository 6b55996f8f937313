//! Bytes as a file would give them: decoded as mtlint reads files, linted with
//! every rule, fixed with unsafe fixes too. Checks the contracts a crash-free
//! run could still break: spans on char boundaries, fixing twice changing
//! nothing more, and the fixed text encoding back to bytes that decode to it.

#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use mtlint::diagnostic::Applicability;
use mtlint::{Registry, Selection};

static REGISTRY: LazyLock<Registry> = LazyLock::new(Registry::builtin);

fuzz_target!(|data: &[u8]| {
    let Ok(decoded) = mtlint::fs::decode(Path::new("fuzz"), data.to_vec()) else {
        return;
    };
    let text = &decoded.text;
    let all = Selection {
        select: Some(vec!["ALL".into()]),
        ..Selection::default()
    };
    let rules = REGISTRY.select(&all).expect("ALL selects");
    let ok = |offset: usize| offset <= text.len() && text.is_char_boundary(offset);
    for diagnostic in mtlint::lint(text, &rules) {
        assert!(ok(diagnostic.span.start) && ok(diagnostic.span.end), "{diagnostic:?}");
        for edit in diagnostic.fix.iter().flat_map(|f| &f.edits) {
            assert!(edit.start <= edit.end && ok(edit.start) && ok(edit.end), "{edit:?}");
        }
    }
    let once = mtlint::fix::fix(text, &rules, Applicability::Unsafe);
    if once.unconverged.is_empty() {
        let twice = mtlint::fix::fix(&once.text, &rules, Applicability::Unsafe);
        assert_eq!(twice.text, once.text, "a second fix pass changed the text");
    }
    // Written back, the fixed text reads back the same (unless a NUL from far
    // in the input moved into the block sniffed for binary content).
    if !once.text.contains('\0') {
        let bytes = mtlint::fs::encode(&once.text, decoded.encoding).into_owned();
        let again = mtlint::fs::decode(Path::new("fuzz"), bytes).expect("fixed text decodes");
        assert_eq!(
            again.text.trim_start_matches('\u{feff}'),
            once.text.trim_start_matches('\u{feff}')
        );
    }
});
