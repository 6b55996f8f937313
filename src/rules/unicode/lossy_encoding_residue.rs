use std::ops::Range;

use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::document::Document;

declare_rule! {
    /// ## What it finds
    /// Characters that an encoder already lost, so that no fix can bring them
    /// back:
    /// - the replacement character `�` (U+FFFD), alone or in runs;
    /// - `锟斤拷`, which is `��` read back as GBK, and the debug fills `烫烫烫` and
    ///   `屯屯屯`;
    /// - `?` standing for a character the encoder could not write: glued inside
    ///   a word (`Pe?a Nieto`, `Zelensk??y`), a word made only of question marks
    ///   between two words (`the ??? ministry`), or a lone `?` after a finished
    ///   sentence (`… from happening. ?`);
    /// - a tofu box `□` inside a word.
    ///
    /// `What? Who?`, `“Really??”`, `change?--It`, URLs with query strings and
    /// a `?` that starts a glued sentence (`escalation?Officials`, S001's) are
    /// left alone.
    ///
    /// ## Why it matters
    /// The text lost a letter, usually in a name or a quoted word, or a symbol
    /// such as a bullet or a currency sign. A person has to find the original.
    ///
    /// ## Examples
    /// ```bad
    /// The \u{fffd}\u{fffd} ministry said on Tuesday.
    /// ```
    /// ```bad
    /// Mexican President Enrique Pe?a Nieto met Zelensk??y in Kiev.
    /// ```
    /// ```bad
    /// The ??? delegation arrived on Monday.
    /// ```
    /// ```bad
    /// so as to actively prevent this from happening. ?
    /// ```
    /// ```bad
    /// 锟斤拷锟斤拷 the report said
    /// ```
    /// ```good
    /// What? Who? “Really??” he asked. How was she to bear the change?--It was true.
    /// ```
    /// ```good
    /// See example.com/news?id=1&page=2 for more. Is this an escalation?Officials said no.
    /// ```
    /// ```good
    /// Why? Because the talks failed?
    /// ```
    /// ```good
    /// ☐ Tick the box □ below.
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: the lost character cannot be recovered from the text.
    pub struct LossyEncodingResidue {
        code: "U002",
        name: "lossy-encoding-residue",
        family: Unicode,
        severity: Error,
        default: true,
        fix: None,
    }
}

fn report(out: &mut Vec<Diagnostic>, span: Range<usize>, message: &str) {
    out.push(Diagnostic::new(&LossyEncodingResidue::META, span, message));
}

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    let bytes = text.as_bytes();
    replacement_chars(text, out);
    for needle in ["锟斤拷", "烫烫烫", "屯屯屯"] {
        let mut covered = 0;
        for pos in memchr::memmem::find_iter(bytes, needle.as_bytes()) {
            if pos < covered {
                continue;
            }
            // `锟斤拷` repeats as a whole; the fills repeat one char at a time.
            let unit = if needle == "锟斤拷" { needle } else { &needle[..3] };
            let end = pos + repeated_len(&text[pos..], unit);
            covered = end;
            report(
                out,
                pos..end,
                "Encoding debris: the characters here were lost before this text was written",
            );
        }
    }
    let mut covered = 0;
    for pos in memchr::memchr_iter(b'?', bytes) {
        if pos < covered {
            continue;
        }
        let end = pos + repeated_len(&text[pos..], "?");
        covered = end;
        if let Some(message) = lost_question_marks(doc, pos..end) {
            report(out, pos..end, message);
        }
    }
    for (pos, _) in text.match_indices('□') {
        let end = pos + '□'.len_utf8();
        let letters =
            doc.char_before(pos).is_some_and(char::is_alphabetic) && doc.char_at(end).is_some_and(char::is_alphabetic);
        if letters {
            report(
                out,
                pos..end,
                "A tofu box `□` inside a word stands for a character the font or encoder lost",
            );
        }
    }
}

/// The byte length of `unit` repeated at the start of `text`.
fn repeated_len(text: &str, unit: &str) -> usize {
    let mut len = 0;
    while text[len..].starts_with(unit) {
        len += unit.len();
    }
    len
}

fn replacement_chars(text: &str, out: &mut Vec<Diagnostic>) {
    let mut covered = 0;
    for (pos, _) in text.match_indices('\u{fffd}') {
        // `â€�` is a mangled `”`: U001 reports it.
        if pos < covered || text[..pos].ends_with("â€") {
            continue;
        }
        let end = pos + repeated_len(&text[pos..], "\u{fffd}");
        covered = end;
        report(
            out,
            pos..end,
            "Replacement character `�`: a character was lost in decoding",
        );
    }
}

/// Why a run of `?` at `run` stands for lost characters, if it does.
fn lost_question_marks(doc: &Document, run: Range<usize>) -> Option<&'static str> {
    let before = doc.char_before(run.start);
    let after = doc.char_at(run.end);
    let letter = |c: Option<char>| c.is_some_and(char::is_alphabetic);
    if letter(before) && letter(after) {
        let token = &doc.text()[doc.token_around(run.start)];
        let url_like = token.contains(['/', '=', '&']) || doc.is_protected(run.start);
        // One `?` before a capital is a glued sentence (S001's).
        let glued_sentence = run.len() == 1 && after.is_some_and(char::is_uppercase);
        return (!url_like && !glued_sentence).then_some("`?` inside a word stands for a character the encoder lost");
    }
    let space = |c: Option<char>| c.is_some_and(char::is_whitespace);
    if !(space(before) || before.is_none()) || !(space(after) || after.is_none()) {
        return None;
    }
    let text = doc.text();
    let previous = text[..run.start].trim_end_matches([' ', '\t']);
    let next = text[run.end..].trim_start_matches([' ', '\t']);
    let prev_word = previous.chars().next_back();
    let next_word = next.chars().next();
    if run.len() >= 2 && letter(prev_word) && letter(next_word) {
        return Some("A word of question marks stands for characters the encoder lost");
    }
    // `happening. ?` at the end of a paragraph: a `?` cannot follow a full stop.
    let after_sentence = previous.ends_with(['.', '!', '。']) && !previous.ends_with("..");
    let paragraph_end = next.is_empty() || next.starts_with(['\n', '\r']);
    (run.len() == 1 && after_sentence && paragraph_end)
        .then_some("A lone `?` after a finished sentence stands for a character the encoder lost")
}
