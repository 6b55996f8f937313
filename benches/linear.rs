//! Shows that linting and fixing time grows linearly with input size, on the
//! hostile shape: one line with no newline at all, up to 200 MB.
//!
//! `cargo bench --bench linear` (sizes in MB as arguments: `-- 10 20 40`).
//! Prints seconds and MB/s per size for each shape; linear time shows as MB/s
//! staying flat while the size doubles.

use std::time::Instant;

use mtlint::diagnostic::Applicability;
use mtlint::{Registry, Selection};

/// Shapes built by repeating one piece: news prose with glued sentences,
/// quote marks, nested brackets, and host-like runs every candidate touches.
const SHAPES: &[(&str, &str)] = &[
    (
        "prose",
        "Officials met in Beijing on Friday.Talks ended  late, the ministry said. ",
    ),
    ("quotes", "\u{201c}\"\u{201d}'"),
    ("brackets", "(([[（"),
    ("hosts", "news.Xinhua.net.a."),
];

fn main() {
    let sizes: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() {
        vec![25, 50, 100, 200]
    } else {
        sizes
    };
    let registry = Registry::builtin();
    let rules = registry
        .select(&Selection {
            select: Some(vec!["ALL".into()]),
            ..Selection::default()
        })
        .expect("ALL selects");
    println!(
        "{:<9} {:>6} {:>9} {:>9} {:>9} {:>9}",
        "shape", "MB", "lint s", "lint MB/s", "fix s", "fix MB/s"
    );
    for (name, piece) in SHAPES {
        for &megabytes in &sizes {
            let text = piece.repeat(megabytes * 1_000_000 / piece.len());
            let mb = text.len() as f64 / 1e6;
            let started = Instant::now();
            let found = mtlint::lint(&text, &rules).len();
            let lint = started.elapsed().as_secs_f64();
            let started = Instant::now();
            let outcome = mtlint::fix::fix(&text, &rules, Applicability::Safe);
            let fix = started.elapsed().as_secs_f64();
            println!(
                "{name:<9} {mb:>6.0} {lint:>9.2} {:>9.1} {fix:>9.2} {:>9.1}   ({found} found, {} fixed)",
                mb / lint,
                mb / fix,
                outcome.fixed_count()
            );
        }
    }
}
