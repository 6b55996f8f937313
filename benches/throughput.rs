//! In-memory throughput: the shared scan, each rule family, all default rules,
//! the JSON renderer and the fix engine, over ~1 MB of news text recombined
//! from `bench/texts/` (and `fixtures/` when present). `cargo bench`.

use std::sync::LazyLock;

use divan::Bencher;
use divan::counter::BytesCount;
use mtlint::document::Document;
use mtlint::registry::Family;
use mtlint::render::{FileReport, RenderOptions, Renderer, json::Json};
use mtlint::source::SourceFile;
use mtlint::{Applicability, Registry, Selection};

fn main() {
    divan::main();
}

/// The sample texts, repeated to about 1 MB.
static TEXT: LazyLock<String> = LazyLock::new(|| {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut samples = Vec::new();
    for folder in ["bench/texts", "fixtures"] {
        let Ok(entries) = std::fs::read_dir(root.join(folder)) else {
            continue;
        };
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths.iter().filter(|p| p.extension().is_some_and(|e| e == "txt")) {
            samples.push(std::fs::read_to_string(path).expect("a sample text reads"));
        }
    }
    assert!(!samples.is_empty(), "no sample texts in bench/texts");
    let mut text = String::new();
    while text.len() < 1_000_000 {
        for sample in &samples {
            text.push_str(sample);
            text.push('\n');
        }
    }
    text
});

static REGISTRY: LazyLock<Registry> = LazyLock::new(Registry::builtin);

fn selection(select: Option<&str>) -> Selection {
    Selection {
        select: select.map(|s| vec![s.to_string()]),
        extend_select: Vec::new(),
        ignore: Vec::new(),
    }
}

/// The family letters that have rules in this build.
fn families() -> Vec<char> {
    Family::ALL
        .iter()
        .map(|f| f.letter())
        .filter(|letter| REGISTRY.rules().iter().any(|r| r.meta().code.starts_with(*letter)))
        .collect()
}

#[divan::bench]
fn document_scan(bencher: Bencher) {
    let text = TEXT.as_str();
    bencher.counter(BytesCount::of_str(text)).bench(|| {
        let doc = Document::new(text);
        (doc.protected().len(), doc.quotes().marks.len())
    });
}

/// Each family's rules (all of them, default or not), selected by prefix.
#[divan::bench(args = families())]
fn family(bencher: Bencher, letter: char) {
    let text = TEXT.as_str();
    let rules = REGISTRY
        .select(&selection(Some(&letter.to_string())))
        .expect("the family has rules");
    bencher
        .counter(BytesCount::of_str(text))
        .bench(|| mtlint::lint(text, &rules));
}

#[divan::bench]
fn default_rules(bencher: Bencher) {
    let text = TEXT.as_str();
    let rules = REGISTRY.select(&selection(None)).expect("defaults resolve");
    bencher
        .counter(BytesCount::of_str(text))
        .bench(|| mtlint::lint(text, &rules));
}

#[divan::bench]
fn json_report(bencher: Bencher) {
    let text = TEXT.as_str();
    let rules = REGISTRY.select(&selection(None)).expect("defaults resolve");
    let report = [FileReport {
        diagnostics: mtlint::lint(text, &rules),
        source: SourceFile::new("bench.txt", text),
    }];
    let options = RenderOptions {
        fix_level: Applicability::Safe,
        color: false,
        rules: &[],
    };
    bencher.counter(BytesCount::of_str(text)).bench(|| {
        let mut out = Vec::new();
        Json.render(&report, &options, &mut out).expect("writing to memory");
        out.len()
    });
}

/// Lint, apply and re-lint to a fixpoint, with unsafe fixes too.
#[divan::bench]
fn fix_engine(bencher: Bencher) {
    let text = TEXT.as_str();
    let rules = REGISTRY.select(&selection(None)).expect("defaults resolve");
    bencher
        .counter(BytesCount::of_str(text))
        .bench(|| mtlint::fix::fix(text, &rules, Applicability::Unsafe).text.len());
}
