use std::ops::Range;

use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::document::{Document, high_bytes};
use crate::rules::markers::stray_end_marker::is_end_marker;
use crate::rules::unicode::chars::{Script, is_cjk, script_of};

declare_rule! {
    /// ## What it finds
    /// Words left in the source script inside English text: runs of Han,
    /// Hiragana, Katakana or Hangul (`the 十四五 plan`, `分享按钮`), and
    /// whole Cyrillic or Arabic words (`President Путин said`).
    ///
    /// A foreign term given as a gloss is left alone: inside parentheses
    /// after the English or romanised term (`Xi Jinping (习近平)`,
    /// `kompromat (компромат)`), or in quotes after a word that introduces it
    /// (`the slogan “中国梦”`). Greek letters are U008's business, single
    /// symbols such as `№` T003's, full-width punctuation U006's and U007's.
    ///
    /// ## Why it matters
    /// An untranslated term is a gap in the translation: English readers
    /// cannot read it, and the MT engine usually dropped it because it did not
    /// know it, so the sentence around it may be wrong too.
    ///
    /// ## Examples
    /// ```bad
    /// Delegates discussed the 十四五 plan with the 外交部 spokesman.
    /// ```
    /// ```bad
    /// Russian President Путин said the talks would go on.
    /// ```
    /// ```bad
    /// rising pork prices, Property Law,钉子户 (nail households), interest rate hikes
    /// ```
    /// ```bad
    /// the meeting （记者 王伟） was held in Jinan
    /// ```
    /// ```good
    /// The fair runs until July 2.（完）
    /// ```
    /// ```good
    /// Chinese President Xi Jinping (习近平) met the press, using the word “kompromat” (компромат).
    /// ```
    /// ```good
    /// The slogan “中国梦” means the Chinese Dream; see https://example.cn/新闻 for more.
    /// ```
    /// ```good
    /// The β-blocker was sold under the № 5 label.
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: the term needs a translator.
    pub struct UntranslatedScriptRun {
        code: "M005",
        name: "untranslated-script-run",
        family: Markers,
        severity: Warning,
        default: true,
        fix: None,
    }
}

/// Words that introduce a quoted foreign term as a term.
const CUES: &[&str] = &[
    "word",
    "words",
    "term",
    "phrase",
    "name",
    "slogan",
    "character",
    "characters",
    "called",
    "dubbed",
    "known as",
    "means",
    "meaning",
    "reads",
    "read",
    "spelled",
    "written",
    "motto",
    "expression",
    "saying",
    "title",
    "headline",
];

/// Chars that may sit between the letters of one run.
fn joins_run(script: Script, c: char) -> bool {
    match script {
        Script::Cjk => c == ' ' || c == '·' || (is_cjk(c) && script_of(c).is_none()),
        _ => matches!(c, ' ' | '-' | '\'' | '’'),
    }
}

/// The run of `script` letters starting at `start`, with what joins them.
fn run_from(text: &str, start: usize, script: Script) -> Range<usize> {
    let mut end = start;
    let mut at = start;
    for c in text[start..].chars() {
        if script_of(c) == Some(script) {
            at += c.len_utf8();
            end = at;
        } else if joins_run(script, c) {
            at += c.len_utf8();
        } else {
            break;
        }
    }
    start..end
}

fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    let mut covered = 0;
    // Cyrillic, Arabic and CJK letters all start with a byte of 0xD0 or more.
    for (pos, byte) in high_bytes(text.as_bytes()) {
        if pos < covered || byte < 0xd0 {
            continue;
        }
        let Some(c) = doc.char_at(pos) else {
            continue;
        };
        let Some(script @ (Script::Cjk | Script::Cyrillic | Script::Arabic)) = script_of(c) else {
            continue;
        };
        // A run of CJK letters may open with punctuation (`（记者`); take it in.
        let range = run_from(text, pos, script);
        covered = range.end;
        let letter = |c: Option<char>| c.is_some_and(char::is_alphabetic);
        // Cyrillic or Arabic letters inside a Latin word are U008's.
        let inside_word =
            script != Script::Cjk && (letter(doc.char_before(range.start)) || letter(doc.char_at(range.end)));
        if inside_word || doc.is_protected(range.start) || is_gloss(text, range.clone()) || in_end_marker(doc, &range) {
            continue;
        }
        let found = &text[range.clone()];
        let what = match script {
            Script::Cjk => "CJK text",
            Script::Cyrillic => "Cyrillic text",
            _ => "Arabic text",
        };
        out.push(Diagnostic::new(
            &UntranslatedScriptRun::META,
            range,
            format!("Untranslated {what} `{found}` in English prose"),
        ));
    }
}

/// Whether the run is the text of a bracketed end mark (`（完）`), which M001
/// reports and removes.
fn in_end_marker(doc: &Document, run: &Range<usize>) -> bool {
    let (Some(open), Some(close)) = (doc.char_before(run.start), doc.char_at(run.end)) else {
        return false;
    };
    let token = &doc.text()[run.start - open.len_utf8()..run.end + close.len_utf8()];
    is_end_marker(token)
}

/// Whether the run is a gloss: in parentheses after a word, or quoted after a
/// word that introduces a term.
fn is_gloss(text: &str, run: Range<usize>) -> bool {
    const REACH: usize = 80;
    let before = &text[floor_boundary(text, run.start.saturating_sub(REACH))..run.start];
    let after = &text[run.end..ceil_boundary(text, run.end + REACH)];
    let opened = before.rfind('(').filter(|&i| !before[i..].contains([')', '\n']));
    let closed = after.find(')').filter(|&i| !after[..i].contains(['(', '\n']));
    if let (Some(open), Some(_)) = (opened, closed) {
        let lead = before[..open].trim_end();
        if lead.ends_with(|c: char| c.is_alphabetic() || matches!(c, '”' | '"' | '’' | '\'')) {
            return true;
        }
    }
    let quoted = before.ends_with(['“', '"', '‘', '«']) && after.starts_with(['”', '"', '’', '»']);
    if quoted {
        let lead = before[..before.len() - before.chars().next_back().map_or(0, char::len_utf8)].to_lowercase();
        let lead = lead.trim_end().trim_end_matches([',', ':']);
        return CUES.iter().any(|cue| {
            lead.strip_suffix(cue)
                .is_some_and(|rest| !rest.ends_with(|c: char| c.is_alphanumeric()))
        });
    }
    false
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}
