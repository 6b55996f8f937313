use crate::declare_rule;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::document::{Document, char_at};
use crate::quotes::QuoteRole;

declare_rule! {
    /// ## What it finds
    /// A document that uses both straight (`'`, `"`) and curly (`’`, `“”`)
    /// quotes and apostrophes: `NATO’s response … Russia's concerns`, or a
    /// pair with one side of each (`the “invasion" of Ukraine`). The marks in
    /// the minority style are reported.
    ///
    /// ## Why it matters
    /// Text pasted together from several sources, or edited after
    /// typesetting, mixes glyphs. It looks careless, and search for `Russia’s`
    /// misses `Russia's`.
    ///
    /// Apostrophes count only inside words, double quotes only where they
    /// open or close a quotation; inch and second marks (`a 55" TV`,
    /// `5'11"`), single quotes used as quotation marks, URLs and the ʻokina
    /// are left alone. When both styles are equally common, curly wins.
    ///
    /// ## Examples
    /// ```bad
    /// NATO’s response ignores Russia’s concerns, Moscow's envoy said.
    /// ```
    /// ```fixed
    /// NATO’s response ignores Russia’s concerns, Moscow’s envoy said.
    /// ```
    /// ```bad
    /// the so-called “invasion" of Ukraine
    /// ```
    /// ```fixed
    /// the so-called “invasion” of Ukraine
    /// ```
    /// ```bad
    /// He said "we won't go" and "we can't stay", but it’s late.
    /// ```
    /// ```fixed
    /// He said "we won't go" and "we can't stay", but it's late.
    /// ```
    /// ```good
    /// “We won’t go,” he said of NATO’s plan.
    /// ```
    /// ```good
    /// He said "we won't go" on a 55" TV; he is 5'11" tall and it's 40°26′46″N.
    /// ```
    /// ```good
    /// a 55" screen in Hawaiʻi, and NATO’s ‘so-called’ plan
    /// ```
    ///
    /// ## Fix safety
    /// Converting an apostrophe inside a word to the majority glyph is safe.
    /// Converting a free-standing double quote is unsafe: its direction comes
    /// from quote parity, which a stray mark can upset.
    pub struct MixedQuoteGlyphs {
        code: "Q004",
        name: "mixed-quote-glyphs",
        family: Quotes,
        severity: Warning,
        default: true,
        fix: Safe,
    }
}

/// One mark that counts toward the document's style.
struct Styled {
    offset: usize,
    ch: char,
    curly: bool,
    /// The replacement in the other style.
    other: char,
    apostrophe: bool,
}

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    let mut marks = Vec::new();
    // `’` is led by 0xE2.
    let candidates = memchr::memchr2_iter(b'\'', 0xE2, text.as_bytes()).map(|pos| (pos, char_at(text, pos).0));
    for (offset, ch) in candidates.filter(|&(_, c)| matches!(c, '\'' | '’')) {
        let inside_word = doc.char_before(offset).is_some_and(char::is_alphabetic)
            && doc.char_at(offset + ch.len_utf8()).is_some_and(char::is_alphabetic);
        if inside_word && !doc.is_protected(offset) {
            let curly = ch == '’';
            let other = if curly { '\'' } else { '’' };
            marks.push(Styled {
                offset,
                ch,
                curly,
                other,
                apostrophe: true,
            });
        }
    }
    for mark in &doc.quotes().marks {
        let other = match (mark.ch, mark.role) {
            (_, QuoteRole::Inch) => continue,
            ('"', QuoteRole::Open | QuoteRole::Reopen) => '“',
            ('"', QuoteRole::Close) => '”',
            ('"', _) => continue,
            _ => '"',
        };
        if !doc.is_protected(mark.offset) {
            marks.push(Styled {
                offset: mark.offset,
                ch: mark.ch,
                curly: mark.ch != '"',
                other,
                apostrophe: false,
            });
        }
    }
    let curly = marks.iter().filter(|m| m.curly).count();
    let straight = marks.len() - curly;
    if curly == 0 || straight == 0 {
        return;
    }
    let minority_curly = curly < straight;
    let majority = if minority_curly { "straight" } else { "curly" };
    marks.sort_by_key(|m| m.offset);
    for mark in marks.iter().filter(|m| m.curly == minority_curly) {
        let span = mark.offset..mark.offset + mark.ch.len_utf8();
        let applicability = if mark.apostrophe {
            Applicability::Safe
        } else {
            Applicability::Unsafe
        };
        out.push(
            Diagnostic::new(
                &MixedQuoteGlyphs::META,
                span.clone(),
                format!(
                    "`{}` in a document that mostly uses {majority} quotes and apostrophes",
                    mark.ch
                ),
            )
            .with_fix(Fix::new(
                applicability,
                format!("Use `{}`", mark.other),
                vec![Edit::replacement(span, mark.other.to_string())],
            )),
        );
    }
}
