use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::{Document, unprintable_bytes};

use super::chars::{is_pictographic, needs_joiners};

declare_rule! {
    /// ## What it finds
    /// Characters that print nothing but change how text is matched, searched
    /// and broken into lines:
    /// - zero-width space U+200B, word joiner U+2060, the other invisible
    ///   operators U+2061–U+2064, and a byte-order mark U+FEFF anywhere but at
    ///   the very start;
    /// - soft hyphens U+00AD;
    /// - zero-width non-joiner and joiner U+200C/U+200D, except in emoji
    ///   sequences and in scripts that need them (Arabic, Persian, Hebrew,
    ///   Indic);
    /// - bidirectional controls (U+200E, U+200F, U+202A–U+202E, U+2066–U+2069)
    ///   in a paragraph without right-to-left letters;
    /// - C0 control characters other than tab, line feed and carriage return,
    ///   DEL, C1 controls U+0080–U+009F, line and paragraph separators U+2028 and
    ///   U+2029, and the object replacement character U+FFFC.
    ///
    /// ## Why it matters
    /// Scraped HTML and messaging apps leave them behind. `NATO\u{200B}’s` looks
    /// right but does not match `NATO’s` in search, breaks spell-checking and
    /// hides words from every other rule.
    ///
    /// ## Examples
    /// ```bad
    /// NATO\u{200B}’s response came on Rus\u{ad}sia’s border.
    /// ```
    /// ```fixed
    /// NATO’s response came on Russia’s border.
    /// ```
    /// ```bad
    /// The statement\u{feff} was issued\u{1}.
    /// ```
    /// ```fixed
    /// The statement was issued.
    /// ```
    /// ```bad
    /// the Kremlin\u{200e} said
    /// ```
    /// ```fixed
    /// the Kremlin said
    /// ```
    /// ```bad
    /// the co\u{200d}operation deal
    /// ```
    /// ```fixed
    /// the cooperation deal
    /// ```
    /// ```good
    /// \u{feff}A family 👨\u{200d}👩\u{200d}👧 and a heart ❤\u{fe0f} in the post.
    /// ```
    /// ```good
    /// He quoted the Persian word می\u{200c}خواهم and the Arabic «\u{200f}السلام\u{200f}».
    /// ```
    /// ```good
    /// Name\u{9}Age\u{d}
    /// ```
    ///
    /// ## Fix safety
    /// Deleting the character is safe: it prints nothing in English prose, and
    /// the cases where it matters (emoji sequences, scripts that need joiners,
    /// right-to-left text) are not reported.
    pub struct InvisibleFormatChar {
        code: "U005",
        name: "invisible-format-char",
        family: Unicode,
        severity: Warning,
        default: true,
        fix: Safe,
    }
}

/// What an invisible char is, for the message; `None` for visible chars.
fn describe(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{200b}' => "zero-width space",
        '\u{2060}' => "word joiner",
        '\u{2061}'..='\u{2064}' => "invisible operator",
        '\u{feff}' => "byte-order mark",
        '\u{ad}' => "soft hyphen",
        '\u{200c}' => "zero-width non-joiner",
        '\u{200d}' => "zero-width joiner",
        '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => "bidirectional control",
        '\u{2028}' => "line separator",
        '\u{2029}' => "paragraph separator",
        '\u{fffc}' => "object replacement character",
        '\t' | '\n' | '\r' => return None,
        '\0'..='\u{1f}' | '\u{7f}' => "control character",
        '\u{80}'..='\u{9f}' => "C1 control character",
        _ => return None,
    })
}

/// Whether the char at `pos` is wanted where it stands.
/// `rtl` caches, per paragraph, whether it holds right-to-left letters.
fn is_wanted(doc: &Document, pos: usize, c: char, rtl: &mut Option<(usize, bool)>) -> bool {
    let text = doc.text();
    // A bounded look past a run of the same char keeps this linear.
    let before = text[..pos].chars().rev().take(8).find(|&b| b != c);
    let after = text[pos + c.len_utf8()..].chars().take(8).find(|&a| a != c);
    let near = |test: fn(char) -> bool| before.is_some_and(test) || after.is_some_and(test);
    match c {
        '\u{feff}' => pos == 0,
        '\u{200c}' | '\u{200d}' => near(is_pictographic) || near(needs_joiners),
        '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
            let index = doc.paragraph_of(pos).unwrap_or(usize::MAX);
            match *rtl {
                Some((cached, answer)) if cached == index => answer,
                _ => {
                    let range = doc.paragraphs().get(index).cloned().unwrap_or(0..text.len());
                    let answer = text[range].chars().any(needs_joiners);
                    *rtl = Some((index, answer));
                    answer
                }
            }
        }
        // `â€\u{9d}` is a mangled `”`: U001 reports it.
        '\u{80}'..='\u{9f}' => text[..pos].ends_with('€'),
        _ => false,
    }
}

/// Whether a byte can start one of the chars [`describe`] knows: C0 controls,
/// DEL, and the lead bytes of U+0080–U+00BF, U+2000–U+206F and U+FE00–U+FFFF.
fn may_start(byte: u8) -> bool {
    (byte < 0x20 && !matches!(byte, b'\t' | b'\n' | b'\r')) || matches!(byte, 0x7f | 0xc2 | 0xe2 | 0xef)
}

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    let bytes = text.as_bytes();
    let mut run: Option<(usize, usize, &'static str)> = None;
    let mut rtl = None;
    let mut flush = |run: &mut Option<(usize, usize, &'static str)>| {
        if let Some((start, end, what)) = run.take() {
            out.push(
                Diagnostic::new(&InvisibleFormatChar::META, start..end, format!("Invisible {what}")).with_fix(
                    Fix::safe(format!("Delete the {what}"), vec![Edit::deletion(start..end)]),
                ),
            );
        }
    };
    for (pos, byte) in unprintable_bytes(bytes) {
        if !may_start(byte) {
            continue;
        }
        let Some(c) = text[pos..].chars().next() else {
            continue;
        };
        let Some(what) = describe(c).filter(|_| !is_wanted(doc, pos, c, &mut rtl)) else {
            continue;
        };
        let end = pos + c.len_utf8();
        match &mut run {
            Some((_, run_end, run_what)) if *run_end == pos => {
                *run_end = end;
                if *run_what != what {
                    *run_what = "format characters";
                }
            }
            _ => {
                flush(&mut run);
                run = Some((pos, end, what));
            }
        }
    }
    flush(&mut run);
}
