use crate::declare_rule;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::document::Document;

use super::chars::is_cjk;

declare_rule! {
    /// ## What it finds
    /// Chinese punctuation that NFKC leaves alone, in English text: the
    /// ideographic full stop `。`, the enumeration comma `、`, the six-dot
    /// ellipsis `……` and the double dash `——` glued between words. Marks next
    /// to CJK text, where they are correct, are left alone. CJK brackets and
    /// quotation marks (`《》「」【】`) are Q006's, the middle dot in names is M006's.
    ///
    /// ## Why it matters
    /// MT engines and editors working from Chinese copy often keep the source
    /// punctuation. `the conflict。Russia wants` reads as one sentence to every
    /// tool, and `、` is not an English mark at all.
    ///
    /// ## Examples
    /// ```bad
    /// into armed conflict。Russia wants the US、NATO and Ukraine to talk。
    /// ```
    /// ```fixed
    /// into armed conflict. Russia wants the US, NATO and Ukraine to talk.
    /// ```
    /// ```bad
    /// the construction of rural teachers’ support"…… The morning of December 24th
    /// ```
    /// ```fixed
    /// the construction of rural teachers’ support"… The morning of December 24th
    /// ```
    /// ```bad
    /// the talks——which began in May——ended
    /// ```
    /// ```fixed
    /// the talks—which began in May—ended
    /// ```
    /// ```good
    /// The sign said “中国。” and the list read 北京、上海 in Chinese.
    /// ```
    /// ```good
    /// Mr. —— declined to comment… and left.
    /// ```
    ///
    /// ## Fix safety
    /// `。` becomes `. ` and `、` becomes `, ` (no space at the end of a line or
    /// before a space or closing quote), and `……` becomes `…`: safe. `——`
    /// becomes `—`, unsafe: a doubled dash can stand for an omitted name.
    pub struct CjkPunctuation {
        code: "U007",
        name: "cjk-punctuation",
        family: Unicode,
        severity: Warning,
        default: true,
        fix: Safe,
    }
}

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    let mut covered = 0;
    for pos in memchr::memchr2_iter(0xe2, 0xe3, text.as_bytes()) {
        if pos < covered {
            continue;
        }
        let Some(mark) = doc.char_at(pos) else {
            continue;
        };
        if !matches!(mark, '。' | '、' | '…' | '—') {
            continue;
        }
        let len: usize = text[pos..].chars().take_while(|&c| c == mark).map(char::len_utf8).sum();
        let end = pos + len;
        covered = end;
        let count = len / mark.len_utf8();
        let before = doc.char_before(pos);
        let after = doc.char_at(end);
        if before.is_some_and(is_cjk) || after.is_some_and(is_cjk) {
            continue;
        }
        let spaced_after = |c: char| {
            let space = after.is_some_and(|a| !a.is_whitespace() && !matches!(a, '”' | '’' | '"' | ')'));
            if space { format!("{c} ") } else { c.to_string() }
        };
        let (replacement, applicability) = match mark {
            '。' if count == 1 => (spaced_after('.'), Applicability::Safe),
            '、' if count == 1 => (spaced_after(','), Applicability::Safe),
            '…' if count >= 2 => ("…".to_string(), Applicability::Safe),
            '—' if count == 2 => {
                let glued = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
                if !glued(before) || !glued(after) {
                    continue;
                }
                ("—".to_string(), Applicability::Unsafe)
            }
            _ => continue,
        };
        let found = &text[pos..end];
        out.push(
            Diagnostic::new(
                &CjkPunctuation::META,
                pos..end,
                format!("Chinese punctuation `{found}` in English text"),
            )
            .with_fix(Fix::new(
                applicability,
                format!("Replace with `{}`", replacement.trim_end()),
                vec![Edit::replacement(pos..end, replacement)],
            )),
        );
    }
}
