use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;

declare_rule! {
    /// ## What it finds
    /// Dashes typed with hyphens: a double or triple hyphen (`--`, `---`), a
    /// spaced hyphen between words (`three key demands - a halt`), and the
    /// Chinese double dash `——`.
    ///
    /// ## Why it matters
    /// Typewriter dashes and the hyphen used as a dash are plain-text
    /// leftovers; typeset news uses `—` or a spaced `–`. `——` comes straight
    /// from Chinese punctuation.
    ///
    /// Opt-in: wire copy (`MOSCOW, Feb. 1 (Xinhua) --`) and older texts use
    /// `--` on purpose. Compounds (`Russia-Ukraine`), minus signs (`-5°C`),
    /// suspended hyphens (`pre- and post-war`), scores (`1-0`), bullets at the
    /// start of a line, command-line options (`--fix`), markup (`<!--`) and
    /// rules of four or more hyphens are left alone.
    ///
    /// ## Examples
    /// ```bad
    /// Russia has three key demands - a halt to NATO expansion
    /// ```
    /// ```fixed
    /// Russia has three key demands – a halt to NATO expansion
    /// ```
    /// ```bad
    /// in the 2014--2022 period -- and beyond---the talks went on——slowly
    /// ```
    /// ```fixed
    /// in the 2014–2022 period — and beyond—the talks went on—slowly
    /// ```
    /// ```good
    /// Russia-Ukraine relations at -5°C, pre- and post-war, a 1-0 win, COVID-19
    /// ```
    /// ```good
    /// - a bullet item
    /// run mtlint --fix <!-- note -->
    /// ----
    /// ```
    /// ```good
    /// talks went on – as the seed article writes – with spaced en dashes
    /// ```
    ///
    /// ## Fix safety
    /// The replacement is unsafe, a matter of house style: `--` and `---`
    /// become `—` (`–` between numbers), a spaced hyphen becomes a spaced `–`,
    /// and `——` becomes `—`.
    pub struct DashForm {
        code: "T002",
        name: "dash-form",
        family: Typography,
        severity: Info,
        default: false,
        fix: Unsafe,
    }
}

fn push(out: &mut Vec<Diagnostic>, span: std::ops::Range<usize>, written: &str, replacement: &str) {
    out.push(
        Diagnostic::new(&DashForm::META, span.clone(), format!("`{written}` used as a dash")).with_fix(Fix::unsafe_(
            format!("Write `{replacement}`"),
            vec![Edit::replacement(span, replacement)],
        )),
    );
}

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(found) = memchr::memchr(b'-', &bytes[i..]) {
        let start = i + found;
        let len = bytes[start..].iter().take_while(|&&b| b == b'-').count();
        let end = start + len;
        i = end;
        let before = doc.char_before(start);
        let after = doc.char_at(end);
        let at_line_start = before.is_none_or(|c| c == '\n');
        if at_line_start || len > 3 || doc.is_protected(start) {
            continue;
        }
        if len == 1 {
            // A hyphen with one space each side, between words: `demands - a`.
            let spaced = before == Some(' ') && after == Some(' ');
            let outer_before = before.and_then(|c| doc.char_before(start - c.len_utf8()));
            let outer_after = after.and_then(|c| doc.char_at(end + c.len_utf8()));
            let words = outer_before.is_some_and(|c| c.is_alphanumeric() || matches!(c, ')' | '"' | '”' | '.'))
                && outer_after.is_some_and(|c| c.is_alphanumeric() || matches!(c, '(' | '"' | '“'));
            if spaced && words {
                push(out, start..end, "-", "–");
            }
            continue;
        }
        let markup = before == Some('!') && text[..start].ends_with("<!") || after == Some('>');
        let option = before.is_none_or(char::is_whitespace) && after.is_some_and(|c| c.is_ascii_lowercase());
        if markup || option {
            continue;
        }
        let numeric = before.is_some_and(|c| c.is_ascii_digit()) && after.is_some_and(|c| c.is_ascii_digit());
        let written = &text[start..end];
        push(out, start..end, written, if numeric { "–" } else { "—" });
    }
    for start in memchr::memmem::find_iter(bytes, "——".as_bytes()) {
        push(out, start..start + "——".len(), "——", "—");
    }
}
