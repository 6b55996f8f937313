use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;

use super::chars::is_cjk;

declare_rule! {
    /// ## What it finds
    /// Full-width forms of ASCII characters (U+FF01–U+FF5E: `，（）：；！？％`,
    /// `Ａ`–`Ｚ`, `０`–`９`) in English text: what Chinese and Japanese input
    /// methods and MT engines leave behind. Forms next to CJK text, where they
    /// are correct, are left alone. The ideographic space U+3000 is S010's.
    ///
    /// ## Why it matters
    /// Full-width punctuation is twice as wide as the English one, carries no
    /// space after it, and defeats search: `１．２ billion` does not match
    /// `1.2 billion`.
    ///
    /// ## Examples
    /// ```bad
    /// Xinhua News Agency Moscow，February 1（reporter Hu Xiaoguang）Russian President
    /// ```
    /// ```fixed
    /// Xinhua News Agency Moscow, February 1 (reporter Hu Xiaoguang) Russian President
    /// ```
    /// ```bad
    /// The deal is worth １．２ billion yuan：officials said ＧＤＰ grew ５％！
    /// ```
    /// ```fixed
    /// The deal is worth 1.2 billion yuan: officials said GDP grew 5%!
    /// ```
    /// ```good
    /// The banner read “中国，你好” and the sign （记者 王伟） was in Chinese.
    /// ```
    /// ```good
    /// Prices in ￥ and half-width ｶﾀｶﾅ are not full-width ASCII.
    /// ```
    ///
    /// ## Fix safety
    /// The mapping is one to one (each form minus U+FEE0, what NFKC does for
    /// this block alone), plus the space English needs after `,;:!?)` before a
    /// letter, after `.` before a capital, and before `(` after a word. Safe.
    /// The rest of the text is never normalised: NFKC would also turn `…` into
    /// `...` and `™` into `TM`.
    pub struct FullwidthForms {
        code: "U006",
        name: "fullwidth-forms",
        family: Unicode,
        severity: Warning,
        default: true,
        fix: Safe,
    }
}

fn is_fullwidth(c: char) -> bool {
    matches!(c, '\u{ff01}'..='\u{ff5e}')
}

/// The ASCII char a full-width form stands for.
fn to_ascii(c: char) -> char {
    char::from_u32(u32::from(c) - 0xfee0).unwrap_or(c)
}

/// The ASCII text for a run of full-width forms, with the spaces English
/// punctuation needs given the chars around the run.
fn ascii_for(run: &str, before: Option<char>, after: Option<char>) -> String {
    let mapped: Vec<char> = run.chars().map(to_ascii).collect();
    let mut out = String::with_capacity(mapped.len() + 2);
    for (index, &c) in mapped.iter().enumerate() {
        let previous = if index == 0 { before } else { Some(mapped[index - 1]) };
        let next = mapped.get(index + 1).copied().or(after);
        if matches!(c, '(' | '[' | '{') && previous.is_some_and(char::is_alphanumeric) {
            out.push(' ');
        }
        out.push(c);
        let needs_space = match c {
            ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' => next.is_some_and(char::is_alphabetic),
            '.' => next.is_some_and(char::is_uppercase),
            _ => false,
        };
        if needs_space {
            out.push(' ');
        }
    }
    out
}

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    let mut covered = 0;
    for pos in memchr::memchr_iter(0xef, text.as_bytes()) {
        if pos < covered || !doc.char_at(pos).is_some_and(is_fullwidth) {
            continue;
        }
        let len: usize = text[pos..]
            .chars()
            .take_while(|&c| is_fullwidth(c))
            .map(char::len_utf8)
            .sum();
        let end = pos + len;
        covered = end;
        let before = doc.char_before(pos);
        let after = doc.char_at(end);
        if before.is_some_and(is_cjk) || after.is_some_and(is_cjk) {
            continue;
        }
        let run = &text[pos..end];
        let ascii = ascii_for(run, before, after);
        out.push(
            Diagnostic::new(
                &FullwidthForms::META,
                pos..end,
                format!("Full-width `{run}` in English text"),
            )
            .with_fix(Fix::safe(
                format!("Replace with `{}`", ascii.trim()),
                vec![Edit::replacement(pos..end, ascii)],
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_with_the_spaces_english_needs() {
        assert_eq!(ascii_for("，", Some('w'), Some('F')), ", ");
        assert_eq!(ascii_for("，", Some('w'), Some(' ')), ",");
        assert_eq!(ascii_for("１，０００", Some(' '), Some(' ')), "1,000");
        assert_eq!(ascii_for("（", Some('1'), Some('r')), " (");
        assert_eq!(ascii_for("：", Some('n'), Some('3')), ":");
        assert_eq!(ascii_for("．", Some('d'), Some('T')), ". ");
    }
}
