use crate::declare_rule;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::quotes::QuoteRole;
use crate::wordlist::ABBREVIATIONS;

declare_rule! {
    /// ## What it finds
    /// A sentence that ends with `.`, `!` or `?` glued to the next one with no
    /// space: `armed conflict.Russia wants`. It also fires when the next
    /// sentence opens with a quote or bracket (`said.“We`).
    ///
    /// ## Why it matters
    /// MT pipelines that translate sentence by sentence often join the output
    /// without spaces. Readers stumble, search engines index `conflict.Russia`
    /// as one word, and sentence splitters (UAX #29, Punkt) keep both sentences
    /// as one, so every later tool is misled too.
    ///
    /// Initials (`J.R.R. Tolkien`), initialisms (`U.S.A.`), abbreviations and
    /// titles (`Mr.`, `Jan.`; a title glued to a name is S002's), decimals,
    /// times, versions, URLs, e-mail addresses, host names (`Xinhua.net`),
    /// brand names written in capitals (`ASP.NET`) and ellipses are left alone.
    ///
    /// ## Examples
    /// ```bad
    /// it wanted to draw Russia into armed conflict.Russia wants to avoid it.
    /// ```
    /// ```fixed
    /// it wanted to draw Russia into armed conflict. Russia wants to avoid it.
    /// ```
    /// ```bad
    /// from both sides.From January 10 to 13 this year
    /// ```
    /// ```fixed
    /// from both sides. From January 10 to 13 this year
    /// ```
    /// ```bad
    /// to the United States and NATO.In the same month
    /// ```
    /// ```fixed
    /// to the United States and NATO. In the same month
    /// ```
    /// ```bad
    /// Is this an escalation?Officials said no.
    /// ```
    /// ```fixed
    /// Is this an escalation? Officials said no.
    /// ```
    /// ```bad
    /// The ministry said so.“We will respond,” he added.
    /// ```
    /// ```fixed
    /// The ministry said so. “We will respond,” he added.
    /// ```
    /// ```bad
    /// the talks in the U.S.The president said
    /// ```
    /// ```fixed
    /// the talks in the U.S. The president said
    /// ```
    /// ```good
    /// Visit Xinhua.net or China.org.cn for more, or write to desk@news.cn.
    /// ```
    /// ```good
    /// J.R.R. Tolkien and J.K.Rowling wrote books.
    /// ```
    /// ```good
    /// It costs 3.5 billion yuan at 10.30 a.m. under version 2.1.
    /// ```
    /// ```good
    /// He built it with ASP.NET and Node.js at https://example.com/A.Html today.
    /// ```
    /// ```good
    /// Mr.Putin and Dr.Li met in St.Petersburg on Jan.5.
    /// ```
    /// ```good
    /// He waited...Then he left. Or did he…Nobody knows.
    /// ```
    /// ```good
    /// It was agreed. The talks resume on Monday.
    /// ```
    ///
    /// ## Fix safety
    /// Inserting a space is safe when the word before the stop has three or more
    /// letters and ends in lowercase or is an acronym (`NATO.In`), and the next
    /// word is capitalised. After an ambiguous abbreviation or initialism
    /// (`U.S.The`, `Inc.The`), a number or a single capital, it is unsafe: the
    /// period may belong to the abbreviation and the capital to a name.
    pub struct MissingSpaceAfterSentenceEnd {
        code: "S001",
        name: "missing-space-after-sentence-end",
        family: Spacing,
        severity: Error,
        default: true,
        fix: Safe,
    }
}

/// How far back [`dotted_token_before`] looks, in chars.
const DOTTED_LOOKBACK: usize = 64;

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// Titles, numeric prefixes and months glued to what follows are S002's, never
/// a sentence end; the other abbreviations may end a sentence.
fn is_title_like(word: &str) -> bool {
    const AMBIGUOUS: &[&str] = &[
        "Inc", "Co", "Corp", "Ltd", "Bros", "etc", "vs", "approx", "Dept", "Univ", "Ave", "Blvd", "Rd", "est", "incl",
        "govt", "Govt", "Jr", "Sr", "al",
    ];
    ABBREVIATIONS.contains(word) && !AMBIGUOUS.contains(&word) && !word.contains('.')
}

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    let bytes = text.as_bytes();
    for pos in memchr::memchr3_iter(b'.', b'!', b'?', bytes) {
        // Only the last mark of a run (`?!`, `..`) can be glued to a word.
        let next = bytes.get(pos + 1).copied().unwrap_or(b' ');
        if matches!(next, b'.' | b'!' | b'?') || next.is_ascii_whitespace() || next.is_ascii_digit() {
            continue;
        }
        if let Some(diagnostic) = glued_sentence(doc, pos) {
            out.push(diagnostic);
        }
    }
}

fn glued_sentence(doc: &Document, pos: usize) -> Option<Diagnostic> {
    let text = doc.text();
    let after = pos + 1;
    let run_start = text[..after]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_terminator(c))
        .last()
        .map_or(pos, |(i, _)| i);
    let run = &text[run_start..after];
    if run.contains("..") || run.contains('…') {
        return None;
    }
    // The next sentence may open with a quote or bracket.
    let opener = doc.char_at(after)?;
    let word_start = match opener {
        '“' | '(' | '[' | '‘' => after + opener.len_utf8(),
        '"' => {
            let opens = doc
                .quotes()
                .mark_at(after)
                .is_some_and(|m| matches!(m.role, QuoteRole::Open));
            if !opens {
                return None;
            }
            after + 1
        }
        _ => after,
    };
    let next_word = doc.word_after(word_start);
    let mut next_chars = next_word.chars();
    let first = next_chars.next()?;
    let second = next_chars.next()?;
    if !first.is_uppercase() {
        return None;
    }
    let next_is_acronym = second.is_uppercase();
    if doc.is_protected(pos) || doc.is_protected(word_start) {
        return None;
    }

    let previous = doc.char_before(run_start)?;
    let left_word = doc.word_before(run_start);
    let dotted = dotted_token_before(text, run_start);
    let mut applicability = Applicability::Safe;
    if left_word.is_empty() {
        // `(Xinhua).The`, `”.The`: only after a closing bracket or quote.
        if !matches!(previous, ')' | ']' | '”' | '’' | '"') {
            return None;
        }
    } else if dotted.contains('.') {
        // `U.S.The`, `a.m.The`, `J.R.R.Tolkien`: an initialism chain.
        let letters: Vec<&str> = dotted.split('.').collect();
        if letters.iter().all(|part| part.chars().count() == 1) && !ABBREVIATIONS.contains(dotted) {
            // Initials of a name (`J.K.Rowling`) unless followed by an ordinary word.
            return None;
        }
        applicability = Applicability::Unsafe;
    } else if left_word.chars().count() == 1 || is_title_like(left_word) {
        // An initial (`K.Rowling`), or a title glued to a name (S002's case).
        return None;
    } else if ABBREVIATIONS.contains(left_word) || left_word.chars().all(|c| c.is_ascii_digit()) {
        applicability = Applicability::Unsafe;
    } else {
        let all_caps = left_word.chars().all(|c| c.is_uppercase() || c.is_ascii_digit());
        if all_caps && next_is_acronym {
            // `ASP.NET`, `VK.COM`: a name written in capitals.
            return None;
        }
        let ends_lower = left_word.chars().last().is_some_and(char::is_lowercase);
        if left_word.chars().count() < 3 || !(ends_lower || all_caps) || next_is_acronym {
            applicability = Applicability::Unsafe;
        }
    }
    let mark = text[run_start..after].chars().next_back()?;
    let span = after - mark.len_utf8()..after;
    Some(
        Diagnostic::new(
            &MissingSpaceAfterSentenceEnd::META,
            span,
            format!("Missing space after `{mark}` between two sentences"),
        )
        .with_fix(Fix::new(
            applicability,
            "Insert a space",
            vec![Edit::insertion(after, " ")],
        )),
    )
}

/// The run of letters, digits and inner periods before `offset`: `U.S` in
/// `U.S.The`. The look-back stops after [`DOTTED_LOOKBACK`] chars, which keeps
/// `Russia.Russia.Russia…` linear; a run that long is no initialism or
/// abbreviation, so its clipped tail decides as well as the whole.
fn dotted_token_before(text: &str, offset: usize) -> &str {
    let start = text[..offset]
        .char_indices()
        .rev()
        .take(DOTTED_LOOKBACK)
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '.')
        .last()
        .map_or(offset, |(i, _)| i);
    text[start..offset].trim_start_matches('.')
}
