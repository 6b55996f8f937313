use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::{Document, high_bytes};

use super::chars::{Script, cyrillic_lookalike, latin_lookalike, script_of};

declare_rule! {
    /// ## What it finds
    /// A word that mixes Latin letters with Cyrillic or Greek ones that look
    /// the same: `NАТО` with Cyrillic `А`, `Т`, `О`, `Рutin` with a Cyrillic
    /// `Р`, `Gаzprom`. Russian keyboards, OCR and copy-paste from Russian
    /// sources produce them.
    ///
    /// Whole Cyrillic or Greek words (`Газпром`, M005's), and Greek letters
    /// used as symbols next to Latin ones (`TNFα`, `IFNγ`, `μm`, `ΔT`) are left
    /// alone: only words whose Greek letters all look like Latin ones are
    /// reported.
    ///
    /// ## Why it matters
    /// The word looks right but is not: search for `NATO` misses it, spell
    /// checkers flag it, and screen readers spell it out letter by letter.
    ///
    /// ## Examples
    /// ```bad
    /// NАТО expansion worried Рutin, Gаzprom said.
    /// ```
    /// ```fixed
    /// NATO expansion worried Putin, Gazprom said.
    /// ```
    /// ```bad
    /// President Пyтин said
    /// ```
    /// ```fixed
    /// President Путин said
    /// ```
    /// ```bad
    /// the Zelenskyй office
    /// ```
    /// ```good
    /// Газпром (Gazprom) and Путин are Russian words.
    /// ```
    /// ```good
    /// TNFα, IFNγ and NFκB levels rose; the β-blocker dose was 5 μm; ΔT = 3 K.
    /// ```
    ///
    /// ## Fix safety
    /// When every letter of the minority script has a look-alike in the other
    /// script, the fix writes the word in one script (Latin first, since the
    /// text is English): safe, since it changes no visible letter. A word with
    /// letters that have no look-alike (`Zelenskyй`) is reported without a fix.
    pub struct MixedScriptWord {
        code: "U008",
        name: "mixed-script-word",
        family: Unicode,
        severity: Error,
        default: true,
        fix: Safe,
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || matches!(c, '\u{300}'..='\u{36f}')
}

/// The word written in one script, if every odd letter has a look-alike.
fn in_one_script(word: &str, target: Script) -> Option<String> {
    word.chars()
        .map(|c| match script_of(c) {
            Some(script) if script == target => Some(c),
            Some(Script::Cyrillic | Script::Greek) if target == Script::Latin => latin_lookalike(c),
            Some(Script::Latin) if target == Script::Cyrillic => cyrillic_lookalike(c),
            _ if !c.is_alphabetic() => Some(c),
            _ => None,
        })
        .collect()
}

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    let mut covered = 0;
    // Greek (U+0370–U+03FF) and Cyrillic (U+0400–U+052F) lead bytes.
    for (pos, byte) in high_bytes(text.as_bytes()) {
        if pos < covered || !(0xcd..=0xd4).contains(&byte) {
            continue;
        }
        let start = pos
            - text[..pos]
                .chars()
                .rev()
                .take_while(|&c| is_word_char(c))
                .map(char::len_utf8)
                .sum::<usize>();
        let end = pos
            + text[pos..]
                .chars()
                .take_while(|&c| is_word_char(c))
                .map(char::len_utf8)
                .sum::<usize>();
        covered = end.max(pos + 1);
        if let Some(diagnostic) = mixed_word(text, start..end) {
            out.push(diagnostic);
        }
    }
}

fn mixed_word(text: &str, range: std::ops::Range<usize>) -> Option<Diagnostic> {
    let word = &text[range.clone()];
    let count = |script: Script| word.chars().filter(|&c| script_of(c) == Some(script)).count();
    let (latin, cyrillic, greek) = (count(Script::Latin), count(Script::Cyrillic), count(Script::Greek));
    if latin == 0 || cyrillic + greek == 0 {
        return None;
    }
    // Greek letters without a Latin twin are symbols: `TNFα`, `μm`.
    let symbol = word
        .chars()
        .any(|c| script_of(c) == Some(Script::Greek) && latin_lookalike(c).is_none());
    if symbol {
        return None;
    }
    let other = if greek > 0 { "Greek" } else { "Cyrillic" };
    let to_latin = in_one_script(word, Script::Latin).map(|fixed| (fixed, Script::Latin));
    let fixed = to_latin.or_else(|| {
        let cyrillic_word = cyrillic > latin && greek == 0;
        cyrillic_word
            .then(|| in_one_script(word, Script::Cyrillic))
            .flatten()
            .map(|fixed| (fixed, Script::Cyrillic))
    });
    // Name the letters the fix changes: the minority ones.
    let minority = match fixed {
        Some((_, Script::Cyrillic)) => Script::Latin,
        _ if greek > 0 => Script::Greek,
        _ => Script::Cyrillic,
    };
    let odd: Vec<String> = word
        .chars()
        .filter(|&c| script_of(c) == Some(minority))
        .map(String::from)
        .collect();
    let verb = if odd.len() == 1 { "is" } else { "are" };
    let message = format!(
        "`{word}` mixes Latin and {other} letters: {} {verb} {}",
        odd.join(", "),
        minority.name()
    );
    let diagnostic = Diagnostic::new(&MixedScriptWord::META, range.clone(), message);
    Some(match fixed {
        Some((fixed, script)) => diagnostic.with_fix(Fix::safe(
            format!("Write `{fixed}` in {} letters", script.name()),
            vec![Edit::replacement(range, fixed)],
        )),
        None => diagnostic,
    })
}
