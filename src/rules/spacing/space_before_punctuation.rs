use crate::declare_rule;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::quotes::QuoteRole;

declare_rule! {
    /// ## What it finds
    /// Spaces or tabs before `, . ; : ! ? ) ] ”`, or after `( [ “`:
    /// `including Russia , the statement`, `said . He added`, `( Xinhua )`,
    /// `in 2022 ;`.
    ///
    /// ## Why it matters
    /// Tokenised MT output and Chinese punctuation mapped to ASCII leave a space
    /// on the wrong side of a mark; it looks careless, and a line may break
    /// before the comma.
    ///
    /// Decimals and extensions (`.5 percent`, `the .com bubble`, `.NET`),
    /// spaced ellipses (`and so on . . .`, `wait ...`), emoticons (`:)`),
    /// empty brackets, a quote mark whose role is not a plain close or open
    /// (Q001's misdirected quotes), no-break and thin spaces (French
    /// typography) and spaces at line starts and ends are left alone.
    ///
    /// ## Examples
    /// ```bad
    /// including Russia , the statement said.
    /// ```
    /// ```fixed
    /// including Russia, the statement said.
    /// ```
    /// ```bad
    /// he said . He added that the ( Xinhua ) report was right .
    /// ```
    /// ```fixed
    /// he said. He added that the (Xinhua) report was right.
    /// ```
    /// ```bad
    /// in accordance with the plan for 2022 ; and the current position : Home page
    /// ```
    /// ```fixed
    /// in accordance with the plan for 2022; and the current position: Home page
    /// ```
    /// ```bad
    /// He called it “ a provocation ” and left.
    /// ```
    /// ```fixed
    /// He called it “a provocation” and left.
    /// ```
    /// ```good
    /// a .45-caliber pistol, .5 percent, the .com bubble and .NET apps
    /// ```
    /// ```good
    /// and so on . . . and so forth ... and then … nothing.
    /// ```
    /// ```good
    /// Great news :) and the empty ( ) and [ ] marks.
    /// ```
    /// ```good
    /// He called the proposal ”It is now clear” in a speech.
    /// ```
    /// ```good
    /// Il a dit\u{a0}: non\u{202f}!
    /// ```
    ///
    /// ## Fix safety
    /// Deleting the space is safe before `, . ) ] ”` and after `( [ “`. Before
    /// `: ; ! ?` it is unsafe: French typography puts a space there, and the
    /// text may quote French.
    pub struct SpaceBeforePunctuation {
        code: "S006",
        name: "space-before-punctuation",
        family: Spacing,
        severity: Warning,
        default: true,
        fix: Safe,
    }
}

fn is_blank(b: u8) -> bool {
    matches!(b, b' ' | b'\t')
}

fn quote_role(doc: &Document, offset: usize) -> Option<QuoteRole> {
    let marks = &doc.quotes().marks;
    let index = marks.partition_point(|m| m.offset < offset);
    marks.get(index).filter(|m| m.offset == offset).map(|m| m.role)
}

/// Whether the mark after a space run is a closing mark glued to the wrong
/// side; `None` when the pair is a deliberate form.
fn closes_after_space(doc: &Document, before: char, mark: char, at: usize) -> bool {
    let next = doc.char_at(at + mark.len_utf8());
    match mark {
        '.' => {
            // `.5`, `.com`, `...`, `. . .`.
            !next.is_some_and(|c| c.is_alphanumeric() || c == '.' || c == '…')
                && before != '.'
                && !doc.text()[at + 1..].starts_with(" .")
        }
        ',' => true,
        ':' | ';' => !next.is_some_and(|c| matches!(c, ')' | '(' | '-' | 'D' | 'P' | 'p' | '/')) && before != ':',
        '!' | '?' => !next.is_some_and(|c| matches!(c, '=' | '!' | '?')) || next == Some(mark),
        ')' => before != '(',
        ']' => before != '[',
        '”' => quote_role(doc, at) == Some(QuoteRole::Close),
        _ => false,
    }
}

fn opens_before_space(doc: &Document, mark: char, at: usize, after: char) -> bool {
    match mark {
        '(' => after != ')',
        '[' => after != ']',
        '“' => matches!(quote_role(doc, at), Some(QuoteRole::Open | QuoteRole::Reopen)),
        _ => false,
    }
}

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    let bytes = text.as_bytes();
    for pos in memchr::memchr2_iter(b' ', b'\t', bytes) {
        if pos > 0 && is_blank(bytes[pos - 1]) {
            continue;
        }
        let end = pos + bytes[pos..].iter().take_while(|&&b| is_blank(b)).count();
        // Most blanks sit between words: only a closer after them (`.,:;!?)]`,
        // `”` = E2 80 9D) or an opener before them (`([`, `“` = E2 80 9C) can be reported.
        let closer = bytes
            .get(end)
            .is_some_and(|b| matches!(b, b'.' | b',' | b':' | b';' | b'!' | b'?' | b')' | b']' | 0xE2));
        let opener = pos > 0 && matches!(bytes[pos - 1], b'(' | b'[' | 0x9C);
        if !closer && !opener {
            continue;
        }
        let (Some(before), Some(after)) = (doc.char_before(pos), doc.char_at(end)) else {
            continue;
        };
        if matches!(before, '\n' | '\r') || matches!(after, '\n' | '\r') || doc.is_protected(end) {
            continue;
        }
        let (mark, applicability) = if closes_after_space(doc, before, after, end) {
            let applicability = if matches!(after, ':' | ';' | '!' | '?') {
                Applicability::Unsafe
            } else {
                Applicability::Safe
            };
            (after, applicability)
        } else if opens_before_space(doc, before, pos - before.len_utf8(), after) {
            (before, Applicability::Safe)
        } else {
            continue;
        };
        let side = if mark == after { "before" } else { "after" };
        out.push(
            Diagnostic::new(
                &SpaceBeforePunctuation::META,
                pos..end,
                format!("Space {side} `{mark}`"),
            )
            .with_fix(Fix::new(
                applicability,
                "Delete the space",
                vec![Edit::deletion(pos..end)],
            )),
        );
    }
}
