use crate::declare_rule;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::document::{Document, char_at};

declare_rule! {
    /// ## What it finds
    /// An opening single quote `‘`, a backtick `` ` ``, an acute accent `´` or a
    /// prime `′` used as an apostrophe: inside a word before an English ending
    /// (`Russia‘s`, `NATO´s`, `don‘t`, `O‘Brien`), before a decade (`the
    /// ‘90s`), or in `o ‘clock`.
    ///
    /// ## Why it matters
    /// Smart-quote software curls an apostrophe it sees at the start of a word
    /// the wrong way, and MT and keyboards substitute look-alike marks. The
    /// result is visibly wrong in print and breaks search for the word.
    ///
    /// Quoted terms (`a ‘quoted’ term`), the ʻokina (`Hawaiʻi`, a letter),
    /// and a mark before letters that are not an English ending, as in
    /// transliterations (`Ta‘izz`), are left alone.
    ///
    /// ## Examples
    /// ```bad
    /// Russia‘s principled concerns and NATO´s expansion
    /// ```
    /// ```fixed
    /// Russia’s principled concerns and NATO’s expansion
    /// ```
    /// ```bad
    /// Since the ‘90s the talks start at 5 o ‘clock; we don`t know.
    /// ```
    /// ```fixed
    /// Since the ’90s the talks start at 5 o’clock; we don’t know.
    /// ```
    /// ```good
    /// a ‘quoted’ term in Hawaiʻi, the city of Ta‘izz, and NATO’s reply
    /// ```
    /// ```good
    /// He said ‘no’. Run `ls` at 40°26′46″N.
    /// ```
    ///
    /// ## Fix safety
    /// Replacing the mark with `’` is safe between two Latin letters and before
    /// a decade; elsewhere (a non-Latin letter next to it) it is unsafe.
    pub struct WrongApostropheGlyph {
        code: "Q005",
        name: "wrong-apostrophe-glyph",
        family: Quotes,
        severity: Warning,
        default: true,
        fix: Safe,
    }
}

fn is_wrong_glyph(c: char) -> bool {
    matches!(c, '‘' | '`' | '´' | '′')
}

fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic() || ('\u{c0}'..='\u{24f}').contains(&c) && c.is_alphabetic()
}

/// Whether `rest` (the text after the mark) starts with an English clitic or
/// possessive ending, given the letter before the mark.
fn english_ending(before: char, rest: &str) -> bool {
    let letters: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
    let lower = letters.to_lowercase();
    match lower.as_str() {
        "s" | "ll" | "re" | "ve" | "d" | "m" => true,
        "t" => before.eq_ignore_ascii_case(&'n'),
        // `O‘Brien`, `O‘Neill`: the Irish patronymic.
        _ => before == 'O' && letters.starts_with(char::is_uppercase),
    }
}

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    // The glyphs are `` ` `` and chars led by 0xC2 (`´`) or 0xE2 (`‘`, `′`).
    let candidates = memchr::memchr3_iter(b'`', 0xC2, 0xE2, text.as_bytes()).map(|pos| (pos, char_at(text, pos).0));
    for (pos, mark) in candidates.filter(|&(_, c)| is_wrong_glyph(c)) {
        let end = pos + mark.len_utf8();
        let rest = &text[end..];
        let before = doc.char_before(pos);
        let Some(after) = rest.chars().next() else { continue };
        let (span, applicability) = if let Some(before) = before.filter(|c| c.is_alphabetic()) {
            if !after.is_alphabetic() || !english_ending(before, rest) {
                continue;
            }
            let latin = is_latin(before) && is_latin(after);
            (
                pos..end,
                if latin {
                    Applicability::Safe
                } else {
                    Applicability::Unsafe
                },
            )
        } else if before.is_none_or(|c| !c.is_alphanumeric())
            && rest.len() >= 3
            && rest.as_bytes()[..2].iter().all(u8::is_ascii_digit)
            && rest.as_bytes()[2] == b's'
            && !rest[3..].starts_with(char::is_alphanumeric)
        {
            (pos..end, Applicability::Safe)
        } else if rest.starts_with("clock") && text[..pos].ends_with(" o ") {
            (pos - 1..end, Applicability::Safe)
        } else {
            continue;
        };
        if doc.is_protected(pos) {
            continue;
        }
        out.push(
            Diagnostic::new(
                &WrongApostropheGlyph::META,
                span.clone(),
                format!("`{mark}` used as an apostrophe"),
            )
            .with_fix(Fix::new(
                applicability,
                "Use the apostrophe `’`",
                vec![Edit::replacement(span, "’")],
            )),
        );
    }
}
